#!/usr/bin/env python3
"""Precision sample of `mirsad analyze` events on fresh news (crates/mirsad-events/EVAL.md, round 7).

  select OUT.jsonl            seeded choice of articles from four corpora of ../shared/data/news,
                              none of them in devset/articles.dev.jsonl, written as JSON Lines
  draw ANALYZED.jsonl [N]     the first N events (default 70) of a seeded shuffle of all events,
                              each with its sentence, for reading by hand
  diff BEFORE.jsonl AFTER.jsonl   events that appear, disappear or change between two runs
  checkset OUT.jsonl [RULE[:N]...]  articles holding the constructions of the rules (default: the
                              first three, 60 each), for a second, independent check of each rule
  around BEFORE AFTER RULE [N]    the first N sentences with a rule's construction and an event

The shuffle is over the keys (doc id, trigger start, type), so the same seed on a later run puts
the events that did not change at the same ranks.

    python3 scripts/events_precision_sample.py select /tmp/r7/articles.jsonl
    target/debug/mirsad analyze -q /tmp/r7/articles.jsonl -o /tmp/r7/before.jsonl
    python3 scripts/events_precision_sample.py draw /tmp/r7/before.jsonl 70
"""
import glob
import hashlib
import json
import os
import random
import re
import sys

SHARED = os.environ.get("MIRSAD_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
NEWS = os.path.join(SHARED, "data", "news")
DEVSET = os.path.join(os.path.dirname(__file__), "..", "devset", "articles.dev.jsonl")
# round 7 drew with 20261122; a later round sets EVENTS_SAMPLE_SEED and excludes the articles of the
# earlier rounds with EVENTS_SAMPLE_EXCLUDE (colon-separated articles.jsonl files of their `select`)
SEED = int(os.environ.get("EVENTS_SAMPLE_SEED", "20261122"))
# (corpus, articles): several sources, 2014-2020, politics, local news, crime, sport and economy
PLAN = [("saudinewsnet", 110), ("antcorpus", 110), ("tunisia_crime_news", 40), ("moroccan", 40)]


def excluded_ids():
    ids = set()
    for path in filter(None, os.environ.get("EVENTS_SAMPLE_EXCLUDE", "").split(":")):
        with open(path, encoding="utf-8") as f:
            ids |= {json.loads(line)["id"] for line in f}
    return ids


def dev_refs():
    refs = set()
    with open(DEVSET, encoding="utf-8") as f:
        for line in f:
            ref = json.loads(line)["ref"]
            refs.add((ref["corpus"], ref.get("file"), ref.get("index"), ref.get("path")))
    return refs


def saudinewsnet_pool(dev):
    pool = []
    for path in sorted(glob.glob(os.path.join(NEWS, "saudinewsnet", "json", "*.json"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            items = json.load(f)
        for i, it in enumerate(items):
            if ("saudinewsnet", name, i, None) in dev or len(it.get("content") or "") < 200:
                continue
            pool.append({"id": f"snn-{name[:-5]}-{i}", "title": it.get("title"), "text": it["content"],
                         "published": it["date_extracted"][:10], "source": it["source"]})
    return pool


def saudinewsnet(rng, n, dev):
    pool = saudinewsnet_pool(dev)
    yield from rng.sample(pool, min(n, len(pool)))


def ant_field(doc, tag):
    m = re.search(rf"<{tag}>(.*?)</{tag}>", doc, re.S)
    return m.group(1).strip() if m else None


def ant_paths(dev):
    root = os.path.join(NEWS, "antcorpus")
    return sorted(p for p in glob.glob(os.path.join(root, "*", "*.txt"))
                  if ("antcorpus", None, None, os.path.relpath(p, root)) not in dev)


def ant_doc(path):
    root = os.path.join(NEWS, "antcorpus")
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    time = ant_field(doc, "TIME") or ""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", time) or re.match(r"(\d\d)/(\d\d)/(\d{4})", time)
    if m and len(m.group(1)) == 4:
        published = "-".join(m.groups())
    elif m:
        published = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    else:
        d = re.search(r"-(\d{8})$", ant_field(doc, "DOCNO") or "")
        published = f"{d.group(1)[:4]}-{d.group(1)[4:6]}-{d.group(1)[6:]}" if d else None
    return {"id": "ant-" + os.path.relpath(path, root)[:-4], "title": ant_field(doc, "TITLE"),
            "text": ant_field(doc, "TEXT") or "", "published": published, "source": "jawharafm"}


def antcorpus(rng, n, dev):
    paths = ant_paths(dev)
    for p in rng.sample(paths, min(n, len(paths))):
        yield ant_doc(p)


def tunisia_crime(rng, n, _dev):
    with open(os.path.join(NEWS, "tunisia_crime_news", "articles.jsonl"), encoding="utf-8") as f:
        items = [json.loads(line) for line in f]
    items = [it for it in items if len(it["text"]) >= 200]
    for it in rng.sample(items, min(n, len(items))):
        key = hashlib.sha1(it["file"].encode()).hexdigest()[:12]
        # no dates in this corpus; its README dates it 2019-2020
        yield {"id": f"tcn-{key}", "text": it["text"], "published": "2019-12-01",
               "source": it["source"]}


def moroccan(rng, n, _dev):
    with open(os.path.join(NEWS, "moroccan_news_scraped", "ahdath_ahd22.json"), encoding="utf-8") as f:
        items = json.load(f)
    docs = [(i, "\n".join(p for p in it["content"] if p.strip() and p.strip() != "AHDATH.INFO"))
            for i, it in enumerate(items)]
    docs = [(i, t) for i, t in docs if len(t) >= 200]
    for i, text in rng.sample(docs, min(n, len(docs))):
        # June 2019 by the corpus README
        yield {"id": f"ahdath-{i}", "text": text, "published": "2019-06-15", "source": "ahdath"}


def select(out):
    dev = dev_refs()
    excluded = excluded_ids()
    rng = random.Random(SEED)
    readers = {"saudinewsnet": saudinewsnet, "antcorpus": antcorpus,
               "tunisia_crime_news": tunisia_crime, "moroccan": moroccan}
    with open(out, "w", encoding="utf-8") as f:
        for corpus, n in PLAN:
            # draw extra and skip the articles of earlier rounds, so each round reads new news
            kept = [d for d in readers[corpus](rng, n + len(excluded), dev) if d["id"] not in excluded]
            for doc in kept[:n]:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")


# the constructions each round-7 rule reads, for the second, independent sample of sentences
RULES = {
    "sport": r"(مباراة|مباريات|منتخب|البطولة|بطولة|الفيفا|لاعب|ملعب|الترجيح|كأس|أولمبي|مونديال|ميدالية|هداف|شوط|كرة (القدم|السلة|اليد))",
    "passive": r"(^|[\s،])[وف]?(قتل|قتلت|قتلوا|قتلا|اغتيل|اغتال|اغتالوا|خطف|خطفوا|اختطف|اختطفوا|ذبح|ذبحوا|أعدم|أعدموا|عذب|عذبوا) (في|خلال|أثناء|اثناء|جراء|إثر|اثر|عقب|منذ|بعد|كما|أمس|امس|اليوم|برصاص|بنيران|أيضا|ايضا)[\s،.]",
    "phone": r"(هاتفه|هاتفها|هاتفهم|هاتفك|هاتفي)[\s،.]|(اتصال|اتصالا) (هاتفي|هاتفيا)[^.]{0,60}(ل|مع )(قناة|إذاعة|اذاعة|صحيفة|جريدة|وكالة|مجلة|موقع|التلفزيون|تلفزيون|راديو|مراسل|الصحفيين|الصحافيين)|(حوار|مقابلة|لقاء) (مع|ل)(قناة|إذاعة|اذاعة|صحيفة|جريدة|وكالة|مجلة|موقع|التلفزيون|تلفزيون)",
    "statement": r"(قال|أكد|أوضح|أضاف|صرح|أفاد|كشف|أشار)[^.]{0,80}(في |خلال |ب)(اتصال|حوار|مقابلة|لقاء|مكالمة)",
    "inna": r"(إن|أن|بأن) (\S+ ){1,6}[وف]?(يهنئ|تهنئ|هنأ|هنأت|انتقد|انتقدت|ينتقد|تنتقد|دعا|دعت|يدعو|تدعو|طالب|طالبت|يطالب|تطالب|رفض|رفضت|يرفض|ترفض|اتهم|اتهمت|يتهم|تتهم|أدان|أدانت|يدين|تدين|التقى|التقت|يلتقي|تلتقي|استقبل|استقبلت|يستقبل|تستقبل|هاجم|هاجمت|يهاجم|تهاجم|زار|زارت|يزور|تزور|أيد|أيدت|يؤيد|تؤيد|دعم|دعمت|يدعم|تدعم)[\s،.]",
    "oblique": r"(^|\s)[وف]?(انتقد|انتقدت|هاجم|هاجمت|اتهم|اتهمت|دعا|دعت|طالب|طالبت|التقى|التقت|استقبل|استقبلت|قصف|قصفت|قتل|قتلت|اعتقل|اعتقلت|هدد|هددت|أدان|أدانت|حذر|حذرت|رحب|رحبت|أيد|أيدت|دعم|دعمت|حث|حثت|استهدف|استهدفت)\s(\S+\s)?(ال|وال)\S+(يين|ين)[\s،.]",
    "genitive": r"(إضراب|الإضراب|احتجاج|احتجاجات|اعتصام|تظاهر|مظاهرات|مسيرة|زيارة|لقاء|اجتماع|دعم|مطالبة|رفض|انسحاب|هجوم|هجمات|اعتداء|اعتداءات) (ال\S+ين|الأهالي|السكان|الجنود)[\s،.]",
    "reception": r"(استقبل|استقبلت|يستقبل|تستقبل|استقبال|باستقبال|لاستقبال)\s",
    "reflexive": r"(قتل|يقتل|قتلت|تقتل|قتلوا|ذبح|أعدم) ([^ ]+ ){0,2}(نفسه|نفسها|أنفسهم|انفسهم)",
    "attempt": r"(محاولة|محاولات|مساعي|مساع|جهود|سعي)( حثيثة| جارية| متواصلة)? ل?(ال)?(إلقاء|القاء|اعتقال|توقيف|التوصل|توقيع|عقد|إجراء|اجراء|تنظيم|إطلاق|اطلاق|حشد|دعم|التعاون|التنسيق|الوساطة|استئناف|فرض|لقاء|اجتماع|زيارة|حوار|اقتحام)",
    "attempt_any": r"(محاولة|محاولات|مساعي|مساع|جهود|سعي)( حثيثة| جارية| متواصلة)? \S+",
    # round 8
    "first_person": r"(^|[\s«\"])[وف]?(ندعو|ندين|نطالب|نرفض|نحث|نتهم|نستنكر|نهنئ|ندعم|نؤيد|نهدد|نلتقي|أدعو|ادعو|أطالب|اطالب|أرفض|ارفض|أدين|ادين)\s",
    "descriptive": r"(?<!\S)(?!ال|وال|بال|لل)[^\s،.]{3,}\s(يدين|تدين|يستهدف|تستهدف|يدعو|تدعو|يطالب|تطالب|يدعم|تدعم|يرفض|ترفض|يهدد|تهدد|يتهم|تتهم|يهاجم|تهاجم|يقتل|تقتل|يحث|تحث|يندد|تندد|يناشد|تناشد)[\s،.]",
    "whoever": r"(^|\s)[وف]?(من|لمن) (ي|ت)\S{3,}",
    "participle": r"،\s*(مطالبا|مطالباً|مطالبة|داعيا|داعياً|داعية|متهما|متهماً|متهمة|محذرا|محذراً|مشيدا|مشيداً|منتقدا|منتقداً)\s",
    "force": r"(^|\s)[وف]?\S{3,} (قوات|عناصر|وحدات|مسلحو|أعوان|اعوان|دوريات|دورية|أفراد|افراد|رجال|كتائب|مقاتلو|ميليشيات|مليشيات|طائرات|مروحيات) \S+",
    "object_genitive": r"(رفض|رفضت|أدان|أدانت|ادان|انتقد|انتقدت|أيد|أيدت|دعم|دعمت|رحب|رحبت|استنكر|استنكرت|بحث|بحثت|ناقش|ناقشت) (طلب|قرار|هجوم|زيارة|دعوة|اتفاق|عرض|مقترح|اقتراح|تصريحات|دعم|رفض|تهديد|اعتقال|قصف|مطالب|احتجاج|تفجير|اغتيال)\s",
    "pledge": r"(^|\s)[وف]?(تعهد|تعهدت|يتعهد|تتعهد|تعهدوا)\s",
    "issued": r"صادر(ا|اً)? (من|عن|في|بحق|بشأن)",
    "resumptive": r"(قتل|قتلت|قتلوا|اغتيل|خطف|اختطف|أعدم|ذبح) (فيه|فيها|خلاله|خلالها|جراءه|جراءها)",
    "draft": r"(مشروع|مسودة|مقترح|اقتراح) (اتفاق|اتفاقية|معاهدة|مذكرة|هدنة|تسوية)",
    "relative_verb": r"(^|\s)(الذي|التي|الذين|اللذين|اللتين) [وف]?(ي|ت|ا)?\S{2,} (?!إليه|اليه|إليها|اليها|فيه|فيها|عليه|عليها|به|بها|له|لها|منه|منها|معه|معها|عنه|عنها)\S+",
    "visit_genitive": r"(^|\s)[وف]?(زيارة|بزيارة|لزيارة) (?!ال)\S+",
    "adjunct_attack": r"(إثر|اثر|بعد|عقب|جراء|بسبب|أعقاب) (هجوم|غارة|قصف|اغتيال|استهداف|اشتباكات|تفجير|اعتقال|اختطاف|الهجوم|الغارة|القصف|الاشتباكات|التفجير)",
    "an_verb": r"(^|\s)(أن|بأن|وأن) (?!ال)\S{2,5} (على|إلى|عن|في|ضد) ",
    "intention": r"(^|\s)[وف]?(مستعد|مستعدة|مستعدون|استعداد|استعدادها|استعداده|يعتزم|تعتزم|اعتزام|تنوي|ينوي|نية|نيته|نيتها|خطة|خطط|المنتظر|يرتقب|يترقب|يسعى|تسعى|يسعون|تستعد|يستعد|يستعدون|تعد|يعد) ",
    "background": r"(^|\s)[وف]?(سبق|وسبق|كان قد|كانت قد|وكان|وكانت) ",
    "execute": r"(^|\s)[وف]?(أعدم|اعدم|أعدمت|اعدمت|أعدموا|اعدموا|يعدم|تعدم|يعدمون)\s",
    "visit_frame": r"(قال|أكد|أوضح|أضاف|صرح|أفاد|كشف|أشار)[^.]{0,80}(في |خلال |ب)(زيارة|زيارته|زيارتها|جولة|جولته|استقبال|استقباله)",
}


def checkset(out, rules=("sport", "passive", "phone"), per_rule=60):
    """Articles for the rule checks: for each rule, a seeded choice among the articles that
    contain its construction, none in the dev set or in the precision sample's draw pool."""
    dev = dev_refs()
    taken = set()
    sample = os.path.join(os.path.dirname(out), "articles.jsonl")
    if os.path.exists(sample):
        with open(sample, encoding="utf-8") as f:
            taken = {json.loads(line)["id"] for line in f}
    taken |= excluded_ids()
    rng = random.Random(SEED + 7)
    pool = saudinewsnet_pool(dev) + [ant_doc(p) for p in ant_paths(dev)]
    chosen = {}
    for rule in rules:
        # RULE:N takes N articles instead of per_rule
        rule, _, n = rule.partition(":")
        n = int(n) if n else per_rule
        pattern = RULES[rule]
        hits = [d for d in pool if d["id"] not in taken and d["id"] not in chosen and re.search(pattern, d["text"])]
        for d in rng.sample(hits, min(n, len(hits))):
            chosen[d["id"]] = d
    with open(out, "w", encoding="utf-8") as f:
        for d in chosen.values():
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def around(before, after, rule, n=30):
    """The sentences holding a rule's construction that had an event before or after, in a
    seeded order, with the events of both runs: what the rule changed, for reading by hand."""
    pattern = re.compile(RULES[rule])
    runs = []
    for path in (before, after):
        by_sent = {}
        for doc, text, e in events(path):
            ev = e["evidence"]
            by_sent.setdefault((doc["id"], ev["start"], ev["end"]), []).append((doc, text, e))
        runs.append(by_sent)
    keys = sorted(k for k in runs[0].keys() | runs[1].keys()
                  if pattern.search((runs[0].get(k) or runs[1].get(k))[0][1][k[1]:k[2]]))
    keys.sort(key=lambda k: hashlib.sha1(f"{SEED}:{rule}:{k}".encode()).hexdigest())
    changed = 0
    for i, k in enumerate(keys[:n]):
        b = [describe(*x).split("\n")[0] for x in runs[0].get(k, [])]
        a = [describe(*x).split("\n")[0] for x in runs[1].get(k, [])]
        changed += b != a
        text = (runs[0].get(k) or runs[1].get(k))[0][1]
        print(f"{i + 1}\t{'CHANGED' if b != a else 'same'}\t{text[k[1]:k[2]]}")
        for x in b:
            print("   before", x)
        for x in a:
            print("   after ", x)
    print(f"# {len(keys)} sentences with events and the construction; {changed} of the first {min(n, len(keys))} changed")


def events(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            for e in doc.get("events", []):
                yield doc, text, e


def key(doc, e):
    return f'{doc["id"]}@{e["trigger"]["start"]}:{e["type"]}'


def roles(e, role):
    return ",".join(a.get("country") or a["id"] if a["id"].startswith("local:") else a["id"]
                    for a in e.get(role, [])) or "-"


def describe(doc, text, e):
    ev = e["evidence"]
    t = e["trigger"]
    sentence = text[ev["start"]:t["start"]] + "[[" + text[t["start"]:t["end"]] + "]]" + text[t["end"]:ev["end"]]
    return (f'{key(doc, e)}\t{e["type"]}/{e.get("mode")}\t{roles(e, "actor")} -> {roles(e, "recipient")}\t'
            f'{e["factuality"]}{" hist" if e.get("historical") else ""}\t{e["confidence"]:.2f}\n    {sentence}')


def draw(path, n):
    all_events = sorted(events(path), key=lambda x: key(x[0], x[2]))
    # rank by a seeded hash of the key: an event keeps its rank whatever else changes
    ranked = sorted(all_events, key=lambda x: hashlib.sha1(f"{SEED}:{key(x[0], x[2])}".encode()).hexdigest())
    docs = {d["id"] for d, _, _ in all_events}
    print(f"# {len(all_events)} events in {len(docs)} documents; first {n} of the seeded order")
    for i, (doc, text, e) in enumerate(ranked[:n]):
        print(f"{i + 1}\t{describe(doc, text, e)}")


def diff(before, after):
    b = {key(d, e): (d, t, e) for d, t, e in events(before)}
    a = {key(d, e): (d, t, e) for d, t, e in events(after)}
    for k in sorted(b.keys() | a.keys()):
        if k not in a:
            print("-", describe(*b[k]))
        elif k not in b:
            print("+", describe(*a[k]))
        else:
            x, y = b[k][2], a[k][2]
            if (roles(x, "actor"), roles(x, "recipient"), x["factuality"], x.get("historical")) != \
               (roles(y, "actor"), roles(y, "recipient"), y["factuality"], y.get("historical")):
                print("~", describe(*b[k]))
                print("  ->", describe(*a[k]).split("\n")[0])


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "select" and len(sys.argv) == 3:
        select(sys.argv[2])
    elif cmd == "draw" and len(sys.argv) in (3, 4):
        draw(sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 70)
    elif cmd == "checkset" and len(sys.argv) >= 3:
        checkset(sys.argv[2], *([sys.argv[3:]] if len(sys.argv) > 3 else []))
    elif cmd == "around" and len(sys.argv) in (5, 6):
        around(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) == 6 else 30)
    elif cmd == "diff" and len(sys.argv) == 4:
        diff(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)

#!/usr/bin/env python3
"""Convert working annotations (substring based, kept OUTSIDE the repo, e.g. /tmp) into the
offset-only dev-set records of devset/articles.dev.jsonl.

Working format (one file per article, UTF-8, '#' starts a comment line):

  @ref saudinewsnet:2015-08-06.json#192      (or antcorpus:politic/JA-....txt)
  @id  snn-2015-08-06-192                    (optional; derived from the ref otherwise)
  @published 2015-08-06                      (optional; from the corpus metadata otherwise)
  A <id> | <name> | <name_ar> | <kind> | <country|-> | <sector|-> | <role|-> | <wikidata|->
                                             document-local actor (overrides the registry)
  E <LABEL> <actor|-> <pattern>              entity mention
  V <TYPE> | <actors,..> | <recipients,..> | <pattern> | <factuality> [| date=YYYY-MM-DD] [| hist]

<pattern> finds a span in the body:  `text`, `text#N` (N-th occurrence, 1-based; default 1),
`left[text]right#N` (occurrence of left+text+right, span = text), `text#*` (every occurrence); a bare
pattern (no brackets) only counts occurrences that stand as a word, optionally behind the
clitics و ف ب ل ك, `text#2,3` (listed occurrences).
State actors are written ISO3 or ISO3:SECTOR (RUS, RUS:MIL, SYR:CVL; plain = GOV). In the output a
state with one sector in the document keeps the bare ISO3 id; a state with several sectors in the
document gets ISO3_SECTOR ids (RUS_GOV, RUS_MIL). Other ids are looked up in REGISTRY below or
defined with an A line.

Usage: annotate_helpers.py WORKFILE...            -> prints the JSON records (one per line)
       annotate_helpers.py --find REF PATTERN     -> shows the matches of a pattern in context
"""
import json
import re
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load  # noqa: E402

ISO = {  # alpha-3 -> (English, Arabic, wikidata)
    "RUS": ("Russia", "روسيا", "Q159"), "SYR": ("Syria", "سوريا", "Q858"),
    "USA": ("United States", "الولايات المتحدة", "Q30"), "SAU": ("Saudi Arabia", "السعودية", "Q851"),
    "IRN": ("Iran", "إيران", "Q794"), "TUR": ("Turkey", "تركيا", "Q43"), "EGY": ("Egypt", "مصر", "Q79"),
    "TUN": ("Tunisia", "تونس", "Q948"), "FRA": ("France", "فرنسا", "Q142"),
    "GBR": ("United Kingdom", "بريطانيا", "Q145"), "DEU": ("Germany", "ألمانيا", "Q183"),
    "IRQ": ("Iraq", "العراق", "Q796"), "YEM": ("Yemen", "اليمن", "Q805"), "QAT": ("Qatar", "قطر", "Q846"),
    "ISR": ("Israel", "إسرائيل", "Q801"), "PSE": ("Palestine", "فلسطين", "Q219060"),
    "LBY": ("Libya", "ليبيا", "Q1016"), "DZA": ("Algeria", "الجزائر", "Q262"),
    "LBN": ("Lebanon", "لبنان", "Q822"), "JOR": ("Jordan", "الأردن", "Q810"),
    "BHR": ("Bahrain", "البحرين", "Q398"), "ARE": ("United Arab Emirates", "الإمارات", "Q878"),
    "KWT": ("Kuwait", "الكويت", "Q817"), "SDN": ("Sudan", "السودان", "Q1049"),
    "CHN": ("China", "الصين", "Q148"), "PRK": ("North Korea", "كوريا الشمالية", "Q423"),
    "OMN": ("Oman", "عمان", "Q842"), "MAR": ("Morocco", "المغرب", "Q1028"),
    "ITA": ("Italy", "إيطاليا", "Q38"), "BEL": ("Belgium", "بلجيكا", "Q31"),
}
SECTOR_KIND = {"GOV": "state", "MIL": "state", "CVL": "state", "LEG": "state", "JUD": "state",
               "MED": "state", "BUS": "state", "OPP": "state", "REB": "state", "IGO": "state"}

# id -> name, name_ar, kind, country, sector, role, wikidata  (roles as of mid-2015 unless overridden)
REGISTRY = {
    "Q44329": ("Bashar al-Assad", "بشار الأسد", "person", "SYR", "GOV", "President of Syria", "Q44329"),
    "Q7747": ("Vladimir Putin", "فلاديمير بوتين", "person", "RUS", "GOV", "President of Russia", "Q7747"),
    "Q125173": ("Sergey Lavrov", "سيرغي لافروف", "person", "RUS", "GOV", "Minister of Foreign Affairs of Russia", "Q125173"),
    "Q22316": ("John Kerry", "جون كيري", "person", "USA", "GOV", "United States Secretary of State", "Q22316"),
    "Q76": ("Barack Obama", "باراك أوباما", "person", "USA", "GOV", "President of the United States", "Q76"),
    "Q367825": ("Salman of Saudi Arabia", "سلمان بن عبدالعزيز", "person", "SAU", "GOV", "King of Saudi Arabia", "Q367825"),
    "Q39259": ("Recep Tayyip Erdogan", "رجب طيب أردوغان", "person", "TUR", "GOV", "President of Turkey", "Q39259"),
    "Q23530": ("Dmitry Medvedev", "دميتري ميدفيديف", "person", "RUS", "GOV", "Prime Minister of Russia", "Q23530"),
    "Q1253": ("Ban Ki-moon", "بان كي مون", "person", None, "IGO", "Secretary-General of the United Nations", "Q1253"),
    "Q567": ("Angela Merkel", "أنجيلا ميركل", "person", "DEU", "GOV", "Chancellor of Germany", "Q567"),
    "Q329": ("Nicolas Sarkozy", "نيكولا ساركوزي", "person", "FRA", "OPP", "Leader of Les Républicains (former President of France)", "Q329"),
    "Q56226": ("Kim Jong-un", "كيم جونغ أون", "person", "PRK", "GOV", "Supreme Leader of North Korea", "Q56226"),
    "name:Adel al-Jubeir": ("Adel al-Jubeir", "عادل الجبير", "person", "SAU", "GOV", "Minister of Foreign Affairs of Saudi Arabia", None),
    "name:Walid al-Muallem": ("Walid al-Muallem", "وليد المعلم", "person", "SYR", "GOV", "Minister of Foreign Affairs of Syria", None),
    "name:Staffan de Mistura": ("Staffan de Mistura", "ستافان دي ميستورا", "person", None, "IGO", "UN Special Envoy for Syria", None),
    "name:Mohammed bin Salman": ("Mohammed bin Salman", "محمد بن سلمان", "person", "SAU", "GOV", "Deputy Crown Prince and Minister of Defence of Saudi Arabia", None),
    "name:Sameh Shoukry": ("Sameh Shoukry", "سامح شكري", "person", "EGY", "GOV", "Minister of Foreign Affairs of Egypt", None),
    "name:Abdel Fattah el-Sisi": ("Abdel Fattah el-Sisi", "عبد الفتاح السيسي", "person", "EGY", "GOV", "President of Egypt", None),
    "name:Abdrabbuh Mansur Hadi": ("Abdrabbuh Mansur Hadi", "عبدربه منصور هادي", "person", "YEM", "GOV", "President of Yemen", None),
    "name:Khalid al-Attiyah": ("Khalid bin Mohammad al-Attiyah", "خالد العطية", "person", "QAT", "GOV", "Minister of Foreign Affairs of Qatar", None),
    "name:Tamim bin Hamad Al Thani": ("Tamim bin Hamad Al Thani", "تميم بن حمد آل ثاني", "person", "QAT", "GOV", "Emir of Qatar", None),
    "name:Qasem Soleimani": ("Qasem Soleimani", "قاسم سليماني", "person", "IRN", "MIL", "Commander of the Quds Force", None),
    "name:Ahmet Davutoglu": ("Ahmet Davutoglu", "أحمد داود أوغلو", "person", "TUR", "GOV", "Prime Minister of Turkey", None),
    "name:Frank-Walter Steinmeier": ("Frank-Walter Steinmeier", "فرانك فالتر شتاينماير", "person", "DEU", "GOV", "Minister for Foreign Affairs of Germany", None),
    "name:Philip Hammond": ("Philip Hammond", "فيليب هاموند", "person", "GBR", "GOV", "Foreign Secretary of the United Kingdom", None),
    "name:Laurent Fabius": ("Laurent Fabius", "لوران فابيوس", "person", "FRA", "GOV", "Minister of Foreign Affairs of France", None),
    "name:Mohammad Javad Zarif": ("Mohammad Javad Zarif", "محمد جواد ظريف", "person", "IRN", "GOV", "Minister of Foreign Affairs of Iran", None),
    "name:Hassan Rouhani": ("Hassan Rouhani", "حسن روحاني", "person", "IRN", "GOV", "President of Iran", None),
    "name:Beji Caid Essebsi": ("Beji Caid Essebsi", "الباجي قائد السبسي", "person", "TUN", "GOV", "President of Tunisia", None),
    "name:Moncef Marzouki": ("Moncef Marzouki", "منصف المرزوقي", "person", "TUN", "GOV", "President of Tunisia", None),
    "name:Ismail Ould Cheikh Ahmed": ("Ismail Ould Cheikh Ahmed", "إسماعيل ولد الشيخ أحمد", "person", None, "IGO", "UN Special Envoy for Yemen", None),
    "name:Nabil Elaraby": ("Nabil Elaraby", "نبيل العربي", "person", None, "IGO", "Secretary-General of the Arab League", None),
    "name:Haider al-Abadi": ("Haider al-Abadi", "حيدر العبادي", "person", "IRQ", "GOV", "Prime Minister of Iraq", None),
    "name:Salim al-Jabouri": ("Salim al-Jabouri", "سليم الجبوري", "person", "IRQ", "LEG", "Speaker of the Council of Representatives of Iraq", None),
    "org:un": ("United Nations", "الأمم المتحدة", "igo", None, "IGO", None, "Q1065"),
    "org:un_security_council": ("United Nations Security Council", "مجلس الأمن الدولي", "igo", None, "IGO", None, "Q37470"),
    "org:arab_league": ("Arab League", "جامعة الدول العربية", "igo", None, "IGO", None, "Q7172"),
    "org:gcc": ("Gulf Cooperation Council", "مجلس التعاون لدول الخليج العربية", "igo", None, "IGO", None, None),
    "org:oic": ("Organisation of Islamic Cooperation", "منظمة التعاون الإسلامي", "igo", None, "IGO", None, None),
    "org:eu": ("European Union", "الاتحاد الأوروبي", "igo", None, "IGO", None, "Q458"),
    "org:nato": ("NATO", "حلف شمال الأطلسي", "igo", None, "IGO", None, "Q7184"),
    "org:opcw": ("Organisation for the Prohibition of Chemical Weapons", "منظمة حظر الأسلحة الكيميائية", "igo", None, "IGO", None, None),
    "org:isis": ("Islamic State", "داعش", "armed_group", None, "REB", None, "Q2429253"),
    "org:hezbollah": ("Hezbollah", "حزب الله", "armed_group", "LBN", "REB", None, "Q41053"),
    "org:nusra": ("al-Nusra Front", "جبهة النصرة", "armed_group", "SYR", "REB", None, None),
    "org:fsa": ("Free Syrian Army", "الجيش السوري الحر", "armed_group", "SYR", "REB", None, None),
    "org:syrian_opposition": ("Syrian opposition", "المعارضة السورية", "opposition", "SYR", "OPP", None, None),
    "org:syrian_national_coalition": ("Syrian National Coalition", "الائتلاف الوطني السوري", "opposition", "SYR", "OPP", None, None),
    "org:syrian_rebels": ("Syrian armed opposition", "المعارضة السورية المسلحة", "armed_group", "SYR", "REB", None, None),
    "org:pkk": ("Kurdistan Workers' Party (PKK)", "حزب العمال الكردستاني", "armed_group", "TUR", "REB", None, None),
    "org:asean": ("ASEAN", "رابطة دول جنوب شرقي آسيا", "igo", None, "IGO", None, None),
    "org:houthis": ("Houthis (Ansar Allah)", "الحوثيون", "armed_group", "YEM", "REB", None, None),
    "org:saudi_led_coalition": ("Saudi-led coalition in Yemen", "التحالف العربي", "igo", None, "MIL", None, None),
    "org:hamas": ("Hamas", "حماس", "organization", "PSE", "OPP", None, None),
    "org:nidaa_tounes": ("Nidaa Tounes", "نداء تونس", "organization", "TUN", "GOV", None, None),
    "org:ennahda": ("Ennahda", "حركة النهضة", "organization", "TUN", "GOV", None, None),
    "org:popular_front_tun": ("Popular Front (Tunisia)", "الجبهة الشعبية", "organization", "TUN", "OPP", None, None),
    "org:arp_tun": ("Assembly of the Representatives of the People (Tunisia)", "مجلس نواب الشعب", "organization", "TUN", "LEG", None, None),
}

LABELS = {"PER", "ORG", "GPE", "LOC", "MISC"}
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
FACTS = {"asserted", "negated", "future", "hypothetical", "reported"}
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "وال"[:0])
ARLETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3A-Za-z0-9\u0660-\u0669]")


def is_letter(ch):
    return bool(ARLETTER.match(ch)) or ch in "\u0640"


def word_ok(text, s, e):
    """span stands as a word, optionally behind clitics."""
    i = s
    while i > 0 and is_letter(text[i - 1]) and text[i - 1] not in "\u0640":
        i -= 1
    pre = text[i:s]
    if pre not in CLITICS:
        return False
    return e >= len(text) or not is_letter(text[e]) or text[e] == "\u0640"


def find(text, pattern):
    """Return a list of (start, end) for a pattern (see module doc)."""
    occ = "1"
    m = re.match(r"^(.*)#(\*|[0-9,]+)$", pattern)
    if m:
        pattern, occ = m.group(1), m.group(2)
    mm = re.match(r"^(.*)\[(.+)\](.*)$", pattern)
    if mm:
        left, target, right = mm.groups()
    else:
        left, target, right = "", pattern, ""
    full = left + target + right
    hits = []
    i = text.find(full)
    while i >= 0:
        hits.append((i + len(left), i + len(left) + len(target)))
        i = text.find(full, i + 1)
    if not mm:  # a bare pattern only matches where it stands as a word (clitics allowed)
        hits = [h for h in hits if word_ok(text, *h)]
    if occ == "*":
        out = hits
        if not out:
            raise ValueError("no word match for %r" % pattern)
        return out
    out = []
    for n in occ.split(","):
        n = int(n)
        if n > len(hits):
            raise ValueError("pattern %r: occurrence %d of %d" % (pattern, n, len(hits)))
        out.append(hits[n - 1])
    return out


def fix_id(aid):
    """working files write spaces in name: ids as underscores (E lines are space separated)."""
    return aid.replace("_", " ") if aid.startswith("name:") else aid


def norm_state(aid):
    m = re.match(r"^([A-Z]{3})(?::([A-Z]{3}))?$", aid)
    if m and m.group(1) in ISO:
        return m.group(1), (m.group(2) or "GOV")
    return None


def convert(path):
    ref = None
    rid = None
    pub = None
    local = {}
    ents, evs = [], []
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            if line.startswith("@ref "):
                ref = load.parse_ref(line[5:].strip())
            elif line.startswith("@id "):
                rid = line[4:].strip()
            elif line.startswith("@published "):
                pub = line[11:].strip()
            elif line.startswith("A "):
                f = [x.strip() for x in line[2:].split("|")]
                f += ["-"] * (8 - len(f))
                local[fix_id(f[0])] = tuple(None if x in ("-", "") else x for x in f[1:8])
            elif line.startswith("E "):
                _, lab, aid, pat = line.split(" ", 3)
                assert lab in LABELS, lab
                ents.append((lab, None if aid == "-" else fix_id(aid), pat))
            elif line.startswith("V "):
                f = [x.strip() for x in line[2:].split("|")]
                ev = {"type": f[0], "actor": [x for x in f[1].split(",") if x.strip()],
                      "recipient": [x for x in f[2].split(",") if x.strip()], "pat": f[3], "factuality": f[4]}
                for x in f[5:]:
                    if x.startswith("date="):
                        ev["date"] = x[5:]
                    elif x == "hist":
                        ev["historical"] = True
                    elif x:
                        raise ValueError("bad event field %r" % x)
                assert ev["type"] in TYPES, ev["type"]
                assert ev["factuality"] in FACTS, ev["factuality"]
                ev["actor"] = [fix_id(a.strip()) for a in ev["actor"]]
                ev["recipient"] = [fix_id(a.strip()) for a in ev["recipient"]]
                evs.append(ev)
            else:
                raise ValueError("unknown line")
        except Exception as ex:
            raise SystemExit("%s:%d: %s: %s" % (path, ln, ex, line))
    text = load.body(ref)
    rec = load.record(ref)
    if rid is None:
        if ref["corpus"] == "saudinewsnet":
            rid = "snn-%s-%d" % (ref["file"][:-5], ref["index"])
        else:
            rid = "ant-" + os.path.basename(ref["path"])[:-4]
    # collect actor refs and state sectors
    used = []
    for lab, aid, pat in ents:
        if aid:
            used.append(aid)
    for ev in evs:
        used += ev["actor"] + ev["recipient"]
    sectors = {}
    for a in used:
        st = norm_state(a)
        if st and a not in local:
            sectors.setdefault(st[0], set()).add(st[1])

    def out_id(a):
        if a in local:
            return a
        st = norm_state(a)
        if st:
            return st[0] if len(sectors[st[0]]) == 1 else "%s_%s" % st
        if a not in REGISTRY:
            raise SystemExit("%s: unknown actor id %r" % (path, a))
        return a

    actors = {}
    for a in used:
        oid = out_id(a)
        if oid in actors:
            continue
        st = norm_state(a)
        if a in local:
            name, name_ar, kind, country, sector, role, wd = local[a]
        elif st:
            name, name_ar, wd = ISO[st[0]]
            kind, country, sector, role = "state", st[0], st[1], None
            if st[1] != "GOV":
                name = "%s (%s)" % (name, {"MIL": "military", "CVL": "civilians", "LEG": "legislature",
                                          "JUD": "judiciary", "MED": "media", "BUS": "business",
                                          "OPP": "opposition", "REB": "rebels", "COP": "police"}.get(st[1], st[1]))
        else:
            name, name_ar, kind, country, sector, role, wd = REGISTRY[a]
        d = {"id": oid, "name": name}
        if name_ar:
            d["name_ar"] = name_ar
        d.update({"kind": kind, "country": country, "sector": sector})
        if role:
            d["role"] = role
        if wd:
            d["wikidata"] = wd
        actors[oid] = d
    entities = []
    seen = []
    # explicit patterns first; '#*' patterns skip spans already covered by an explicit one
    for lab, aid, pat in sorted(ents, key=lambda x: x[2].endswith("#*")):
        try:
            spans = find(text, pat)
        except ValueError as ex:
            raise SystemExit("%s: %s" % (path, ex))
        for s, e in spans:
            if any(s < e2 and s2 < e for s2, e2 in seen):
                if pat.endswith("#*"):
                    continue
                raise SystemExit("%s: overlapping entity span %r" % (path, pat))
            seen.append((s, e))
            entities.append({"start": s, "end": e, "label": lab, "actor_id": out_id(aid) if aid else None})
    entities.sort(key=lambda x: (x["start"], x["end"]))
    events = []
    for ev in evs:
        try:
            (s, e), = find(text, ev["pat"])
        except ValueError as ex:
            raise SystemExit("%s: %s" % (path, ex))
        d = {"type": ev["type"], "actor": [out_id(a) for a in ev["actor"]],
             "recipient": [out_id(a) for a in ev["recipient"]], "trigger": {"start": s, "end": e},
             "factuality": ev["factuality"]}
        if ev.get("historical"):
            d["historical"] = True
        if ev.get("date"):
            d["date"] = ev["date"]
        events.append(d)
    events.sort(key=lambda x: x["trigger"]["start"])
    return {"id": rid, "ref": ref, "source": rec["source"], "published": pub or rec["published"],
            "text_sha1": load.sha1(text), "entities": entities, "actors": list(actors.values()),
            "events": events, "timexes": []}


def show(path):
    """Print the annotation with the spans' text, for checking (never committed)."""
    r = convert(path)
    t = load.body(r["ref"])
    for x in r["entities"]:
        print("E %-4s %-28s %s" % (x["label"], x["actor_id"], t[x["start"]:x["end"]]))
    for v in r["events"]:
        print("V %-9s %s -> %s [%s] %s %s%s" % (v["type"], ",".join(v["actor"]), ",".join(v["recipient"]),
              t[v["trigger"]["start"]:v["trigger"]["end"]], v["factuality"], v.get("date", ""),
              " hist" if v.get("historical") else ""))


if __name__ == "__main__":
    if sys.argv[1] == "--find":
        t = load.body(sys.argv[2])
        for s, e in find(t, sys.argv[3]):
            print(s, e, "…" + t[max(0, s - 25):s] + "⟦" + t[s:e] + "⟧" + t[e:e + 25] + "…")
    elif sys.argv[1] == "--show":
        for p in sys.argv[2:]:
            print("==", p)
            show(p)
    else:
        for p in sys.argv[1:]:
            print(json.dumps(convert(p), ensure_ascii=False))

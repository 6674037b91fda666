#!/usr/bin/env python3
"""Load the raw article body that dev-set offsets refer to.

A *ref* is a dict (as stored in articles.dev.jsonl) or a string:
  saudinewsnet:  {"corpus": "saudinewsnet", "file": "2015-07-21.json", "index": 59}
                 string form  "saudinewsnet:2015-07-21.json#59"
                 body = the `content` string of element `index` of the JSON array
                 json/<file>, exactly as json.load decodes it (no normalisation).
  antcorpus:     {"corpus": "antcorpus", "path": "politic/JA-politic-1-20170121.txt"}
                 string form  "antcorpus:politic/JA-politic-1-20170121.txt"
                 body = the characters strictly between the first "<TEXT>" and the
                 following "</TEXT>" of the UTF-8 file (read without newline
                 translation), with exactly one leading "\n" and one trailing "\n"
                 removed when present. Nothing else is stripped.

Offsets are Unicode code points into the body (Python str indices), end-exclusive.
text_sha1 = sha1 of the body encoded as UTF-8.

Usage: python3 devset/load.py REF   -> prints the body (with --numbered: sentence-ish lines
       prefixed by their start offset)
"""
import hashlib
import json
import os
import re
import sys
from functools import lru_cache

NEWS = os.environ.get("MIRSAD_NEWS_DIR") or os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "news"))


def parse_ref(ref):
    if isinstance(ref, dict):
        return ref
    corpus, rest = ref.split(":", 1)
    if corpus == "saudinewsnet":
        f, i = rest.split("#")
        return {"corpus": corpus, "file": f, "index": int(i)}
    if corpus == "antcorpus":
        return {"corpus": corpus, "path": rest}
    raise ValueError("unknown corpus in ref: %r" % ref)


def ref_str(ref):
    ref = parse_ref(ref)
    if ref["corpus"] == "saudinewsnet":
        return "saudinewsnet:%s#%d" % (ref["file"], ref["index"])
    return "antcorpus:%s" % ref["path"]


@lru_cache(maxsize=32)
def _snn_file(name):
    with open(os.path.join(NEWS, "saudinewsnet", "json", name), encoding="utf-8") as fh:
        return json.load(fh)


def _ant_raw(path):
    with open(os.path.join(NEWS, "antcorpus", path), encoding="utf-8", newline="") as fh:
        return fh.read()


def record(ref):
    """Metadata of the article (title, url, source, published date, body)."""
    ref = parse_ref(ref)
    if ref["corpus"] == "saudinewsnet":
        it = _snn_file(ref["file"])[ref["index"]]
        return {"title": it.get("title"), "url": it.get("url"), "source": it.get("source"),
                "published": (it.get("date_extracted") or "")[:10] or None, "body": it["content"]}
    raw = _ant_raw(ref["path"])
    def tag(t):
        m = re.search(r"<%s>(.*?)</%s>" % (t, t), raw, re.S)
        return m.group(1).strip() if m else None
    t = tag("TIME") or ""
    pub = None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        pub = "%s-%s-%s" % m.groups()
    else:
        m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
        if m:
            pub = "%s-%02d-%02d" % (m.group(3), int(m.group(2)), int(m.group(1)))
    return {"title": tag("TITLE"), "url": tag("URL"), "source": tag("SRC"), "published": pub,
            "body": body(ref)}


def body(ref):
    ref = parse_ref(ref)
    if ref["corpus"] == "saudinewsnet":
        return _snn_file(ref["file"])[ref["index"]]["content"]
    if ref["corpus"] == "antcorpus":
        raw = _ant_raw(ref["path"])
        a = raw.index("<TEXT>") + len("<TEXT>")
        b = raw.index("</TEXT>", a)
        s = raw[a:b]
        if s.startswith("\n"):
            s = s[1:]
        if s.endswith("\n"):
            s = s[:-1]
        return s
    raise ValueError(ref)


def sha1(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def materialise(rec):
    """Return a copy of a dev-set record in the full output-schema shape, in memory only:
    adds `text`, entity/trigger `text`, and actor_ref objects for event actors/recipients.
    Raises ValueError when the corpus text does not match `text_sha1`."""
    import copy
    text = body(rec["ref"])
    if sha1(text) != rec["text_sha1"]:
        raise ValueError("text_sha1 mismatch for %s" % rec["id"])
    out = copy.deepcopy(rec)
    out["text"] = text
    out["language"] = "ar"
    out.setdefault("sentences", [])
    for e in out["entities"]:
        e["text"] = text[e["start"]:e["end"]]
    actors = {a["id"]: a for a in out["actors"]}

    def ref(i):
        a = actors[i]
        return {"id": i, "name": a["name"], "country": a.get("country"), "kind": a.get("kind")}
    for v in out["events"]:
        v["trigger"]["text"] = text[v["trigger"]["start"]:v["trigger"]["end"]]
        v["actor"] = [ref(i) for i in v["actor"]]
        v["recipient"] = [ref(i) for i in v["recipient"]]
        v.setdefault("date_source", "timex" if v.get("date") else "unknown")
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    r = record(args[0])
    if "--meta" in sys.argv:
        print(json.dumps({k: v for k, v in r.items() if k != "body"}, ensure_ascii=False))
        print("words:", len(r["body"].split()), "chars:", len(r["body"]), "sha1:", sha1(r["body"]))
    print(r["body"])

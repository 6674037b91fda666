#!/usr/bin/env python3
"""Check devset/articles.dev.jsonl against the corpus texts in ../shared/data/news.

Checks per record: required keys; no text fields; ref loads and text_sha1 matches the body;
published is an ISO date; entity and trigger offsets in range and ordered; entity spans do not
start/end with whitespace or punctuation, do not start with a clitic + article (وال/بال/فال/كال/لل)
and stand on word boundaries (only the clitics و ف ب ل ك and their pairs may precede them inside
a word); labels, event types and factuality values valid; every actor_id / event actor / recipient
is listed in `actors`; actors have name, kind, country (alpha-3 or null), sector; state ids follow
the ISO3 / ISO3_SECTOR scheme; no duplicate entity spans; duplicate actor ids.
Exit status 1 when any error is found. Usage: python3 devset/validate.py [FILE]
"""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load  # noqa: E402

LABELS = {"PER", "ORG", "GPE", "LOC", "MISC"}
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
FACTS = {"asserted", "negated", "future", "hypothetical", "reported"}
KINDS = {"person", "state", "organization", "armed_group", "igo", "opposition", "ethnic_group", "location", "other"}
TEXT_KEYS = {"text", "title", "mention", "name_text", "evidence"}
CLITIC_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")
LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3A-Za-z0-9\u0660-\u0669\u0640]")
BAD_START = ("وال", "بال", "فال", "كال", "لل")


def check(path):
    errors, stats = [], collections.Counter()
    ids = set()
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        r = json.loads(line)
        where = "%s:%d (%s)" % (os.path.basename(path), ln, r.get("id"))

        def err(msg):
            errors.append("%s: %s" % (where, msg))
        for k in ("id", "ref", "published", "text_sha1", "entities", "actors", "events", "timexes"):
            if k not in r:
                err("missing key " + k)
        if r["id"] in ids:
            err("duplicate id")
        ids.add(r["id"])
        if TEXT_KEYS & set(r):
            err("text field present: %s" % (TEXT_KEYS & set(r)))
        try:
            text = load.body(r["ref"])
        except Exception as ex:  # noqa: BLE001
            err("cannot load ref: %s" % ex)
            continue
        if load.sha1(text) != r["text_sha1"]:
            err("text_sha1 mismatch")
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", r.get("published") or ""):
            err("bad published date")
        actors = {}
        for a in r["actors"]:
            if a["id"] in actors:
                err("duplicate actor " + a["id"])
            actors[a["id"]] = a
            if not a.get("name") or a.get("kind") not in KINDS or "sector" not in a or "country" not in a:
                err("incomplete actor %s" % a["id"])
            if a.get("country") is not None and not re.match(r"^[A-Z]{3}$", a["country"]):
                err("bad country %r" % a["country"])
            if a["kind"] == "state" and not re.match(r"^[A-Z]{3}(_[A-Z]{3})?$", a["id"]):
                err("bad state id %s" % a["id"])
            if a.get("wikidata") and not re.match(r"^Q\d+$", a["wikidata"]):
                err("bad wikidata %r" % a["wikidata"])
            if set(a) & TEXT_KEYS - {"name"}:
                err("text in actor")
        # state sector scheme: bare ISO3 and ISO3_SECTOR never mixed for one state
        states = collections.defaultdict(set)
        for a in actors.values():
            if a["kind"] == "state":
                states[a["id"][:3]].add(a["id"])
        for iso, s in states.items():
            if len(s) > 1 and iso in s:
                err("state %s used both bare and with sector" % iso)
        spans = set()
        last = -1
        for e in r["entities"]:
            s, t = e["start"], e["end"]
            if set(e) - {"start", "end", "label", "actor_id", "confidence"}:
                err("extra entity keys %s" % (set(e) - {"start", "end", "label", "actor_id"}))
            if not (0 <= s < t <= len(text)):
                err("entity out of range %d-%d" % (s, t))
                continue
            if s < last:
                err("entities not sorted")
            last = s
            if (s, t) in spans:
                err("duplicate entity span %d-%d" % (s, t))
            spans.add((s, t))
            span = text[s:t]
            if not LETTER.match(span[0]) or not LETTER.match(span[-1]):
                err("entity %d-%d starts/ends with a non-letter" % (s, t))
            if span.startswith(BAD_START):
                err("entity %d-%d starts with clitic+article" % (s, t))
            i = s
            while i > 0 and LETTER.match(text[i - 1]):
                i -= 1
            if text[i:s] not in CLITIC_PREFIXES:
                err("entity %d-%d starts inside a word" % (s, t))
            if t < len(text) and LETTER.match(text[t]) and text[t] != "\u0640":
                err("entity %d-%d ends inside a word" % (s, t))
            if e["label"] not in LABELS:
                err("bad label %r" % e["label"])
            if e.get("actor_id") is not None and e["actor_id"] not in actors:
                err("entity actor %r not in actors" % e["actor_id"])
            stats["entities"] += 1
            stats["entities_linked"] += e.get("actor_id") is not None
        used = {e.get("actor_id") for e in r["entities"]}
        for v in r["events"]:
            if v["type"] not in TYPES:
                err("bad event type %r" % v["type"])
            if v["factuality"] not in FACTS:
                err("bad factuality %r" % v["factuality"])
            tr = v["trigger"]
            if not (0 <= tr["start"] < tr["end"] <= len(text)):
                err("trigger out of range")
            if not v["actor"]:
                err("event without actor")
            for a in v["actor"] + v["recipient"]:
                if a not in actors:
                    err("event actor %r not in actors" % a)
            if v.get("date") and not re.match(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$", v["date"]):
                err("bad event date %r" % v["date"])
            if set(v) - {"type", "actor", "recipient", "trigger", "factuality", "historical", "date", "mode", "cameo"}:
                err("extra event keys")
            stats["events"] += 1
        for a in actors:
            if a not in used:
                stats["actors_without_mention"] += 1
        stats["actors"] += len(actors)
        stats["articles"] += 1
    return errors, stats


def stats(path):
    """Corpus statistics for the README (python3 devset/validate.py --stats)."""
    C = collections.Counter
    arts, src, yrs, lab, typ, fac, kinds = 0, C(), C(), C(), C(), C(), C()
    corp, hist, dated, ids, linked, ents, evs, doc_actors = C(), 0, 0, set(), 0, 0, 0, 0
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        arts += 1
        corp[r["ref"]["corpus"]] += 1
        src["%s/%s" % (r["ref"]["corpus"], r.get("source"))] += 1
        yrs[r["published"][:4]] += 1
        for e in r["entities"]:
            lab[e["label"]] += 1
            ents += 1
            linked += e.get("actor_id") is not None
        for a in r["actors"]:
            ids.add(a["id"])
            kinds[a["kind"]] += 1
            doc_actors += 1
        for v in r["events"]:
            evs += 1
            typ[v["type"]] += 1
            fac[v["factuality"]] += 1
            hist += bool(v.get("historical"))
            dated += bool(v.get("date"))
    print("articles:", arts, dict(corp))
    print("sources:", dict(sorted(src.items())))
    print("years:", dict(sorted(yrs.items())))
    print("entities:", ents, "linked:", linked, "by label:", dict(lab.most_common()))
    print("actors: %d per-document entries, %d distinct ids; by kind: %s" % (doc_actors, len(ids), dict(kinds.most_common())))
    print("events:", evs, "historical:", hist, "with date:", dated)
    print("events by type:", dict(typ.most_common()))
    print("events by factuality:", dict(fac.most_common()))


if __name__ == "__main__":
    if "--stats" in sys.argv:
        sys.argv.remove("--stats")
        stats(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles.dev.jsonl"))
        sys.exit(0)
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles.dev.jsonl")
    errors, stats = check(path)
    for e in errors:
        print("ERROR", e)
    print("checked %(articles)d articles, %(entities)d entities (%(entities_linked)d linked), "
          "%(actors)d actors, %(events)d events" % collections.defaultdict(int, stats))
    if stats["actors_without_mention"]:
        print("note: %d actors appear only as event participants (no entity mention)" % stats["actors_without_mention"])
    print("OK" if not errors else "%d errors" % len(errors))
    sys.exit(1 if errors else 0)

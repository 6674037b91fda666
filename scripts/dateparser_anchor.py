#!/usr/bin/env python3
"""Anchor for the mirsad-time suites: how does dateparser do on the same cases?

    pip install dateparser hijridate
    python3 scripts/dateparser_anchor.py crates/mirsad-time/eval/suite_dev.tsv [--mode ar|locales]

Modes:
  ar       dateparser.search.search_dates(sentence, languages=['ar'],
           settings={'RELATIVE_BASE': publication date}).
  locales  dateparser cannot search with several regional Arabic locales at once ("Locales should
           not have same language and different region"), and search_dates takes no locales. So
           each locale in LOCALES gets its own DateDataParser, run over every 1-6 word window of
           the sentence, longest windows first, non-overlapping; a case counts as correct if ANY
           locale gets it right (an oracle over locales, in dateparser's favour).

Scoring (lenient, value only): a case is correct when every expected DATE/TIME value is matched
by some date dateparser returned, compared at the expected value's granularity (day, month,
year, ISO week, decade, century; clock time when the value has one). Spans are not checked and
extra dates are ignored, except in the `negative` category where any date makes the case wrong.
Values dateparser cannot express (durations, sets, PRESENT_REF, XXXX-underspecified values)
count as misses. Our own scorer is stricter: exact span, type and value, nothing extra.
"""
import csv
import datetime as dt
import re
import sys
from collections import OrderedDict

import dateparser
from dateparser.search import search_dates

LOCALES = ["ar-EG", "ar-SA", "ar-LB", "ar-DZ", "ar-MA", "ar-TN", "ar-IQ", "ar-SY"]


def matches(value, d):
    if d is None:
        return False
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)Z?|T[A-Z]{2})?", value)
    if m:
        ok = (d.year, d.month, d.day) == (int(m[1]), int(m[2]), int(m[3]))
        if ok and m[4]:
            ok = (d.hour, d.minute) == (int(m[4]), int(m[5]))
        return ok
    m = re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", value)
    if m:
        iso = d.isocalendar()
        return (iso[0], iso[1]) == (int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{4})-(\d\d)", value)
    if m:
        return (d.year, d.month) == (int(m[1]), int(m[2]))
    if re.fullmatch(r"\d{4}", value):
        return d.year == int(value)
    if re.fullmatch(r"\d{3}", value):
        return d.year // 10 == int(value)
    if re.fullmatch(r"\d{2}", value):
        return d.year // 100 == int(value)
    return False


def found_ar(sentence, base):
    settings = {"RELATIVE_BASE": base} if base else {}
    res = search_dates(sentence, languages=["ar"], settings=settings) or []
    return [d for _, d in res]


_parsers = {}


def found_locale(sentence, base, loc):
    settings = {"RELATIVE_BASE": base} if base else {}
    key = (loc, base)
    if key not in _parsers:
        _parsers[key] = dateparser.DateDataParser(locales=[loc], settings=settings)
    p = _parsers[key]
    words = [w.strip(".,،؛:\"'«»") for w in sentence.split()]
    taken = [False] * len(words)
    out = []
    for n in range(6, 0, -1):
        for i in range(0, len(words) - n + 1):
            if any(taken[i : i + n]):
                continue
            chunk = " ".join(words[i : i + n]).strip()
            if not chunk:
                continue
            try:
                d = p.get_date_data(chunk).date_obj
            except Exception:
                d = None
            if d is not None:
                out.append(d)
                for k in range(i, i + n):
                    taken[k] = True
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    mode = "locales" if "--mode=locales" in sys.argv or "locales" in sys.argv[-1:] else "ar"
    for a in sys.argv:
        if a.startswith("--mode="):
            mode = a.split("=", 1)[1]
    path = [a for a in args if a.endswith(".tsv")][0]
    by_cat = OrderedDict()
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        base = None
        if r["published"] != "-":
            base = dt.datetime.fromisoformat(r["published"]).replace(hour=12)
        exp = [e.split("|") for e in (r.get("expected") or "").split(" ;; ") if e.strip()]
        if mode == "ar":
            got_sets = [found_ar(r["sentence"], base)]
        else:
            got_sets = [found_locale(r["sentence"], base, loc) for loc in LOCALES]
        ok = False
        for got in got_sets:
            if not exp:
                ok = ok or not got
            else:
                ok = ok or all(any(matches(v, d) for d in got) for _, _, v in exp)
        c = by_cat.setdefault(r["category"], [0, 0])
        c[1] += 1
        c[0] += int(ok)
    print(f"dateparser {dateparser.__version__} mode={mode} suite={path}")
    print("| category | correct | total | accuracy |")
    print("|---|---:|---:|---:|")
    tc = tt = 0
    for cat in sorted(by_cat):
        ok, n = by_cat[cat]
        tc += ok
        tt += n
        print(f"| {cat} | {ok} | {n} | {100 * ok / n:.1f}% |")
    print(f"| **all** | {tc} | {tt} | {100 * tc / tt:.1f}% |")


if __name__ == "__main__":
    main()

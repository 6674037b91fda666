#!/usr/bin/env python3
"""Sanity checks for the hand-written time suites: every expected span occurs in its sentence,
day values are real dates, weekday rows land on the weekday they name, Hijri rows agree with
hijridate's Umm al-Qura conversion. Usage: python3 scripts/check_suite.py crates/mirsad-time/eval/suite_*.tsv"""
import csv, datetime as dt, re, sys

WD = {"الاثنين": 1, "الإثنين": 1, "الثلاثاء": 2, "الأربعاء": 3, "الخميس": 4, "الجمعة": 5, "السبت": 6, "الأحد": 7}
HM = {"محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الآخر": 4, "جمادى الأولى": 5, "جمادى الآخرة": 6, "رجب": 7,
      "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12}
bad = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        exp = [e.split("|") for e in r["expected"].split(" ;; ") if e.strip()]
        for span, typ, val in exp:
            if span not in r["sentence"]:
                print(r["id"], "span not in sentence:", span); bad += 1
            m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(T.*)?", val)
            if m:
                d = dt.date(int(m[1]), int(m[2]), int(m[3]))
                for name, n in WD.items():
                    if name in span and d.isoweekday() != n:
                        print(r["id"], "weekday mismatch", span, val); bad += 1
                if r["category"] == "hijri" or "هـ" in span:
                    from hijridate import Hijri
                    hm = re.search(r"(\d+)/(\d+)/(\d+)", span.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
                    if hm:
                        hd, hmo, hy = map(int, hm.groups())
                    else:
                        hmo = next((v for k, v in HM.items() if k in span), None)
                        nums = re.findall(r"\d+", span)
                        if hmo is None or len(nums) < 2:
                            continue
                        hd, hy = int(nums[0]), int(nums[1])
                    g = Hijri(hy, hmo, hd).to_gregorian()
                    if (g.year, g.month, g.day) != (d.year, d.month, d.day):
                        print(r["id"], "hijri mismatch", span, val, g); bad += 1
    print(path, len(rows), "rows")
sys.exit(1 if bad else 0)

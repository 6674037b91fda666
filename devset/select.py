#!/usr/bin/env python3
"""Deterministic selection of the mirsad dev set (fixed, hand-picked list of corpus refs).

How the list was made (once, by hand, recorded here): candidates were political news of 110-350
words; saudinewsnet rows were drawn from ../shared/data/news/_index/syria_russia_index.jsonl
(Syria+Russia keyword hits) and, for breadth, from other saudinewsnet articles whose title names
a political actor (Yemen, Iraq, Iran, Turkey, Palestine, Bahrain, Sudan...); antcorpus articles
from the politic and internationalNews folders dated 2014-2017. Sports, culture, economy and
opinion columns were skipped, as were near-duplicates of an already chosen story from the same
outlet. tunisia_crime_news and moroccan_news_scraped carry no structured publication date, so
none was taken from them.

Usage: python3 devset/select.py            -> table of the selection + constraint check
       python3 devset/select.py --refs     -> one ref per line
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load  # noqa: E402

SELECTION = [
    # saudinewsnet, from _index/syria_russia_index.jsonl
    "saudinewsnet:2015-08-06.json#192",    # aawsat: Lavrov after meeting Kerry
    "saudinewsnet:2015-08-08.json#106",    # aawsat: Saudi FM to visit Moscow
    "saudinewsnet:2015-08-04.json#365",    # aljazirah: Erdogan says Putin may drop Assad
    "saudinewsnet:2015-08-07.json#505",    # aljazirah: Medvedev and Fallon at Suez canal opening
    "saudinewsnet:2015-08-11.json#1054",   # alweeam: Jubeir-Lavrov talks
    "saudinewsnet:2015-07-26.json#1072",   # alweeam: Assad speech on manpower shortage
    "saudinewsnet:2015-08-01.json#1076",   # alyaum: Kerry arrives in Cairo
    "saudinewsnet:2015-08-04.json#232",    # aleqtisadiya: Kremlin on US air strikes
    "saudinewsnet:2015-08-09.json#313",    # aleqtisadiya: Lavrov: US should work with Assad
    "saudinewsnet:2015-08-02.json#556",    # alriyadh: Saudi-US-Russian meeting in Doha
    "saudinewsnet:2015-08-07.json#1010",   # alriyadh: Soleimani visited Moscow
    "saudinewsnet:2015-08-09.json#1134",   # okaz: Jubeir in Berlin
    "saudinewsnet:2015-08-11.json#1381",   # okaz: Saudi-Russian moves
    "saudinewsnet:2015-08-08.json#933",    # alwatan: Obama sees a window in Syria
    "saudinewsnet:2015-08-10.json#1516",   # was: Shoukry receives calls from Lavrov and Kerry
    "saudinewsnet:2015-08-11.json#1665",   # was: Jubeir meets Lavrov
    "saudinewsnet:2015-08-07.json#65",     # 3alyoum: UNSC resolution on chemical attacks
    # antcorpus (Jawhara FM, Tunisia)
    "antcorpus:politic/JA-politic-338-20140705.txt",
    "antcorpus:politic/JA-politic-91-01082014.txt",
    "antcorpus:politic/JA-politic-401-20150720.txt",
    "antcorpus:internationalNews/JA-internationalNews-862-20140716.txt",
    "antcorpus:internationalNews/JA-internationalNews-597-20141209.txt",
    "antcorpus:internationalNews/JA-internationalNews-372-20150913.txt",
    "antcorpus:internationalNews/JA-internationalNews-228-20150812.txt",
    "antcorpus:internationalNews/JA-internationalNews-374-20160110.txt",
    "antcorpus:internationalNews/JA-internationalNews-680-20161025.txt",
    "antcorpus:internationalNews/JA-internationalNews-1107-20170609.txt",
    "antcorpus:internationalNews/JA-internationalNews-1066-20170409.txt",
    "antcorpus:internationalNews/JA-internationalNews-1116-20170611.txt",
    "antcorpus:politic/JA-politic-267-20151111.txt",
    "antcorpus:politic/JA-politic-220-20160718.txt",
    "antcorpus:politic/JA-politic-418-20170513.txt",
    "antcorpus:politic/JA-politic-497-20170609.txt",
    # saudinewsnet, other political news
    "saudinewsnet:2015-07-27.json#1390",   # sabq: Davutoglu: no ground troops to Syria
    "saudinewsnet:2015-07-31.json#2214",   # sabq: OIC condemns the Duma arson
    "saudinewsnet:2015-08-11.json#1598",   # was: Hadi meets the UN envoy
    "saudinewsnet:2015-08-10.json#1522",   # was: Iraqi speaker asks Abadi to dismiss ministers
    "saudinewsnet:2015-07-26.json#692",    # alriyadh: Hadi asks rebels to respect the truce
    "saudinewsnet:2015-07-25.json#365",    # aleqtisadiya: Bahrain recalls its ambassador from Tehran
    "saudinewsnet:2015-07-25.json#21",     # 3alyoum: Turkey's first strikes on ISIS in Syria
    "saudinewsnet:2015-08-07.json#1091",   # alwatan: Sudan and Egypt pardon each other's nationals
    "saudinewsnet:2015-07-31.json#1904",   # okaz: fighting around Lahj and Aden
    "saudinewsnet:2015-07-22.json#1743",   # alyaum: Fabius to visit Iran
    "saudinewsnet:2015-08-06.json#1316",   # almadina: Obama warns Congress on the Iran deal
    "saudinewsnet:2015-08-01.json#478",    # aljazirah: Arab League welcomes the Cairo Declaration
]

INDEX = os.path.join(load.NEWS, "_index", "syria_russia_index.jsonl")


def main():
    if "--refs" in sys.argv:
        print("\n".join(SELECTION))
        return 0
    idx = set()
    for line in open(INDEX, encoding="utf-8"):
        r = json.loads(line)
        idx.add("%s:%s" % (r["corpus"], r["id"]))
    n = {"snn": 0, "snn_index": 0, "ant": 0}
    sources, years = set(), set()
    assert len(set(SELECTION)) == len(SELECTION), "duplicate ref"
    for ref in SELECTION:
        rec = load.record(ref)
        words = len(rec["body"].split())
        inidx = ref in idx
        if ref.startswith("saudinewsnet:"):
            n["snn"] += 1
            n["snn_index"] += inidx
        else:
            n["ant"] += 1
        sources.add(rec["source"])
        years.add(rec["published"][:4])
        print("%-72s %-12s %s %4d %s %s" % (ref, rec["source"], rec["published"], words,
                                            "IDX" if inidx else "   ", (rec["title"] or "")[:60]))
    print("articles %d: saudinewsnet %d (%d from the Syria/Russia index), antcorpus %d; "
          "sources %d; years %s" % (len(SELECTION), n["snn"], n["snn_index"], n["ant"], len(sources),
                                    ",".join(sorted(years))))
    ok = len(SELECTION) >= 40 and n["snn"] >= 20 and n["snn_index"] >= 12 and n["ant"] >= 10
    print("constraints OK" if ok else "constraints NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

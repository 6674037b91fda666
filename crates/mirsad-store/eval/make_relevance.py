"""Builds the silver relevance set for EVAL.md from the shared SaudiNewsNet corpus.

Writes only ids (`snn:<file date>:<index in the JSON array>`) and grades — never article text.
Judging rule, per topic: a list of concept groups (regex alternations over *normalised* text,
written by hand to cover the inflected and cliticised forms, independent of any stemmer):
  grade 2  every group matches the title (the article is about the topic)
  grade 1  every group matches title+body and the first group occurs at least 3 times
Usage: python3 make_relevance.py /work/shared/data/news/saudinewsnet/json > relevance.tsv
"""
import json
import re
import sys

FILES = ["2015-08-01", "2015-08-02", "2015-08-03", "2015-08-04"]

HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def norm(s):
    return HARAKAT.sub("", s or "").translate(FOLD).lower()


# qid, query (as a user would type it), concept groups
TOPICS = [
    ("q01", "الانتخابات البلدية", [r"انتخاب|ناخب|اقتراع|مرشح|ترشح", r"بلدي|مجالس|المجلس"]),
    ("q02", "الاتفاق النووي الإيراني", [r"نووي", r"ايران|طهران"]),
    ("q03", "غارات التحالف على الحوثيين", [r"حوثي", r"تحالف|غار|قصف|طيران"]),
    ("q04", "أسعار النفط", [r"نفط|خام|برنت|اوبك", r"سعر|اسعار|برميل"]),
    ("q05", "سوق الأسهم السعودية", [r"اسهم|سهم|المؤشر العام|تاسي|تداول", r"سوق|بورص"]),
    ("q06", "الغبار والعواصف الترابية", [r"غبار|اتربه|عاصفه ترابيه|عواصف ترابيه|الرياح المثيره"]),
    ("q07", "حريق", [r"حريق|حرائق|اخماد|ألسنه اللهب|النيران"]),
    ("q08", "مهرجان التمور", [r"تمور|التمر|نخيل|رطب", r"مهرجان|سوق|مزاد"]),
    ("q09", "الدوري السعودي للمحترفين", [r"دوري", r"سعودي|جميل|المحترفين"]),
    ("q10", "تنظيم داعش الإرهابي", [r"داعش|الدوله الاسلاميه"]),
    ("q11", "الأزمة السورية", [r"سوري|الاسد|دمشق", r"ازمه|حرب|معارض|نظام|سياسي"]),
    ("q12", "فيروس كورونا", [r"كورونا|ميرس"]),
    ("q13", "المطارات والطيران المدني", [r"مطار|الطيران المدني|رحلات|الخطوط"]),
    ("q14", "المعلمين والمعلمات", [r"معلم|تدريس|مدرس"]),
    ("q15", "توسعة الحرم المكي", [r"توسع|مشروع", r"الحرم|المسجد الحرام"]),
    ("q16", "استقدام العمالة المنزلية", [r"عماله|عاملات|خادم|استقدام", r"منزلي|استقدام"]),
    ("q17", "مشاريع الإسكان", [r"اسكان|مساكن|سكني|وحدات سكنيه"]),
    ("q18", "تهريب المخدرات", [r"مخدر|حشيش|هيروين|امفيتامين|كبتاجون|مهرب|تهريب"]),
    ("q19", "حوادث المرور", [r"حادث|حوادث|تصادم|اصطدام|دهس", r"مرور|سير|سياره|مركبه|طريق"]),
    ("q20", "الاحتلال الإسرائيلي والفلسطينيين", [r"فلسطين|اسرائيل|الاحتلال|غزه|مستوطن|الاقصي"]),
    ("q21", "معارك تعز وعدن", [r"عدن|تعز|صنعاء|اليمن|يمني"]),
    ("q22", "المساعدات الإغاثية", [r"اغاث|مساعدات|معونات", r"انسان|منكوب|لاجي|متضرر|اغاث"]),
    ("q23", "انتقال اللاعبين والتعاقدات", [r"انتقال|صفقه|يعير|اعاره|التعاقد|تعاقد|عقد", r"لاعب|مهاجم|مدافع|حارس|نادي"]),
    ("q24", "البطالة وتوظيف السعوديين", [r"بطاله|توظيف|سعوده|وظائف|وظايف|الباحثين عن عمل|نطاقات"]),
    ("q25", "الطقس ودرجات الحرارة", [r"حراره|طقس|الارصاد|امطار|مطر"]),
    ("q26", "البنوك والقروض", [r"بنك|بنوك|مصرف|مصارف|قرض|قروض|تمويل"]),
]


def main():
    root = sys.argv[1]
    docs = []
    for f in FILES:
        with open(f"{root}/{f}.json", encoding="utf-8") as fh:
            for i, a in enumerate(json.load(fh)):
                docs.append((f"snn:{f}:{i}", norm(a.get("title")), norm(a.get("content"))))
    with open("queries.tsv", "w", encoding="utf-8") as q:
        for qid, query, _ in TOPICS:
            q.write(f"{qid}\t{query}\n")
    out = sys.stdout
    out.write("# qid\tdoc_id\tgrade   (silver judgments: see make_relevance.py)\n")
    for qid, _, groups in TOPICS:
        pats = [re.compile(g) for g in groups]
        for did, title, body in docs:
            if all(p.search(title) for p in pats):
                out.write(f"{qid}\t{did}\t2\n")
            else:
                full = title + " " + body
                if all(p.search(full) for p in pats) and len(pats[0].findall(full)) >= 3:
                    out.write(f"{qid}\t{did}\t1\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""spaCy anchor for mirsad-ner: trains spaCy's default CPU NER pipeline on exactly the data
mirsad-ner trains on and writes its dev-split predictions as CoNLL, so both systems are scored by
the same evaluator (mirsad-ner's conlleval implementation).

The split rule is the one in crates/mirsad-ner/src/data.rs (`anercorp_split`): ANERcorp CAMeL-Lab
train, sentences in file order; the LAST n // 10 sentences (contiguous) are the dev split, the rest
is training data. Tag names are mapped the same way (PERS -> PER, MIS* -> MISC; malformed I- tags
repaired to B-). The data stays in shared/ and in the work directory; nothing is copied into the repo.
"""
import argparse
import os
import subprocess
import sys
import time

SHARED = os.environ.get(
    "MIRSAD_SHARED",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"),
)


def read_conll(path):
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            parts = line.split("\t") if "\t" in line else line.split(" ")
            parts = [p for p in parts if p != ""]
            tok = parts[0]
            if tok.startswith("ar:"):
                tok = tok[3:]
            tag = parts[1] if len(parts) > 1 else "O"
            cur.append((tok, map_tag(tag)))
    if cur:
        sents.append(cur)
    return [repair(s) for s in sents]


def map_tag(tag):
    if tag == "O" or "-" not in tag:
        return "O"
    p, t = tag.split("-", 1)
    if p not in ("B", "I"):
        return "O"
    t = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC",
         "MIS": "MISC", "MIS0": "MISC", "MIS1": "MISC", "MIS2": "MISC", "MIS3": "MISC"}.get(t)
    return f"{p}-{t}" if t else "O"


def repair(sent):
    out, prev = [], "O"
    for tok, tag in sent:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append((tok, tag))
        prev = tag
    return out


def anercorp_split():
    sents = read_conll(os.path.join(SHARED, "data/ner/anercorp/ANERCorp_CamelLab_train.txt"))
    n_dev = len(sents) // 10
    return sents[: len(sents) - n_dev], sents[len(sents) - n_dev:]


def to_docbin(nlp, sents, path):
    from spacy.tokens import Doc, DocBin
    db = DocBin()
    for s in sents:
        db.add(Doc(nlp.vocab, words=[t for t, _ in s], ents=[g for _, g in s]))
    db.to_disk(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="/tmp/mirsad_spacy_anchor")
    ap.add_argument("--extra", default="", help="comma list: aqmar (must match mirsad-ner's training data)")
    ap.add_argument("--max-steps", type=int, default=4000)
    ap.add_argument("--max-epochs", type=int, default=40)
    ap.add_argument("--train-timeout", type=int, default=900, help="seconds; model-best so far is used")
    args = ap.parse_args()

    import spacy
    os.makedirs(args.work, exist_ok=True)
    train, dev = anercorp_split()
    if "aqmar" in args.extra.split(","):
        train = train + read_conll(os.path.join(SHARED, "data/ner/aqmar/train.txt"))
    print(f"train {len(train)} sents / {sum(map(len, train))} tokens; "
          f"dev {len(dev)} sents / {sum(map(len, dev))} tokens", flush=True)
    nlp = spacy.blank("ar")
    to_docbin(nlp, train, os.path.join(args.work, "train.spacy"))
    to_docbin(nlp, dev, os.path.join(args.work, "dev.spacy"))
    cfg = os.path.join(args.work, "config.cfg")
    subprocess.run([sys.executable, "-m", "spacy", "init", "config", cfg, "--lang", "ar",
                    "--pipeline", "ner", "--optimize", "efficiency", "--force"], check=True)
    t0 = time.time()
    cmd = [sys.executable, "-m", "spacy", "train", cfg, "--output", os.path.join(args.work, "out"),
           "--paths.train", os.path.join(args.work, "train.spacy"),
           "--paths.dev", os.path.join(args.work, "dev.spacy"),
           "--training.max_steps", str(args.max_steps),
           "--training.max_epochs", str(args.max_epochs),
           "--system.seed", "0"]
    try:
        subprocess.run(cmd, check=True, timeout=args.train_timeout)
    except subprocess.TimeoutExpired:
        print(f"training stopped by the time bound ({args.train_timeout}s); using model-best", flush=True)
    print(f"spacy training wall time {time.time() - t0:.0f}s", flush=True)

    from spacy.tokens import Doc
    best = os.path.join(args.work, "out", "model-best")
    if not os.path.isdir(best):
        best = os.path.join(args.work, "out", "model-last")
    nlp = spacy.load(best)
    gold_path = os.path.join(args.work, "dev_gold.conll")
    pred_path = os.path.join(args.work, "dev_spacy_pred.conll")
    t0 = time.time()
    ntok = 0
    with open(gold_path, "w", encoding="utf-8") as g, open(pred_path, "w", encoding="utf-8") as p:
        for s in dev:
            doc = nlp(Doc(nlp.vocab, words=[t for t, _ in s]))
            for (tok, gold), t in zip(s, doc):
                pred = "O" if t.ent_iob_ in ("O", "") else f"{t.ent_iob_}-{t.ent_type_}"
                g.write(f"{tok}\t{gold}\n")
                p.write(f"{tok}\t{pred}\n")
                ntok += 1
            g.write("\n")
            p.write("\n")
    dt = time.time() - t0
    print(f"spacy tagging: {ntok} tokens in {dt:.2f}s = {ntok / dt:.0f} tokens/s", flush=True)
    print(f"gold: {gold_path}\npred: {pred_path}", flush=True)


if __name__ == "__main__":
    main()

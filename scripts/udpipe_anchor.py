#!/usr/bin/env python3
"""UDPipe 1 anchor for issue 9: train with default settings, run on dev, time it.

  udpipe_anchor.py train TRAIN.conllu MODEL
  udpipe_anchor.py raw   MODEL DEV.txt    OUT.conllu   # tokenizer + tagger + parser on raw text
  udpipe_anchor.py gold  MODEL DEV.conllu OUT.conllu   # tagger + parser on the gold words

`raw` and `gold` print one JSON line: words processed, CPU seconds of the processing alone
(model loading excluded; UDPipe 1 runs on one thread) and words per CPU-second.
"""

import json
import sys
import time

import ufal.udpipe as udpipe


def read_conllu(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    reader = udpipe.InputFormat.newConlluInputFormat()
    reader.setText(text)
    sentences = udpipe.Sentences()
    error = udpipe.ProcessingError()
    sentence = udpipe.Sentence()
    while reader.nextSentence(sentence, error):
        sentences.append(sentence)
        sentence = udpipe.Sentence()
    if error.occurred():
        sys.exit(f"{path}: {error.message}")
    return sentences


def train(train_path, model_path):
    sentences = read_conllu(train_path)
    error = udpipe.ProcessingError()
    start = time.process_time()
    # Default tokenizer, tagger and parser options, no held-out data (nothing tuned on dev).
    model = udpipe.Trainer.train(
        "morphodita_parsito",
        sentences,
        udpipe.Sentences(),
        udpipe.Trainer.DEFAULT,
        udpipe.Trainer.DEFAULT,
        udpipe.Trainer.DEFAULT,
        error,
    )
    if error.occurred() or not model:
        sys.exit(f"training failed: {error.message}")
    with open(model_path, "wb") as f:
        f.write(model)
    print(json.dumps({"train_sentences": len(sentences),
                      "train_cpu_s": round(time.process_time() - start, 1)}))


def load(model_path):
    model = udpipe.Model.load(model_path)
    if model is None:
        sys.exit(f"cannot load {model_path}")
    return model


def blank_annotations(conllu_text):
    """Keeps IDs, forms, multiword-token lines and MISC (SpaceAfter); drops what UDPipe predicts."""
    out = []
    for line in conllu_text.splitlines():
        columns = line.split("\t")
        if len(columns) == 10 and "-" not in columns[0] and "." not in columns[0]:
            columns[2:9] = ["_"] * 7
            line = "\t".join(columns)
        out.append(line)
    return "\n".join(out) + "\n"


def count_words(conllu_text):
    return sum(1 for line in conllu_text.splitlines()
               if line and line[0].isdigit() and line.split("\t", 1)[0].isdigit())


def run(mode, model_path, input_path, output_path):
    model = load(model_path)
    with open(input_path, encoding="utf-8") as f:
        text = f.read()
    if mode == "raw":
        pipeline = udpipe.Pipeline(model, "tokenize", udpipe.Pipeline.DEFAULT,
                                   udpipe.Pipeline.DEFAULT, "conllu")
    else:
        text = blank_annotations(text)
        pipeline = udpipe.Pipeline(model, "conllu", udpipe.Pipeline.DEFAULT,
                                   udpipe.Pipeline.DEFAULT, "conllu")
    error = udpipe.ProcessingError()
    start = time.process_time()
    output = pipeline.process(text, error)
    cpu = time.process_time() - start
    if error.occurred():
        sys.exit(f"{input_path}: {error.message}")
    with open(output_path, "w", encoding="utf-8") as f:
        f.write(output)
    words = count_words(output)
    print(json.dumps({"mode": mode, "words": words, "cpu_s": round(cpu, 3),
                      "words_per_cpu_s": round(words / cpu) if cpu > 0 else None}))


def main(argv):
    if len(argv) == 3 and argv[0] == "train":
        train(argv[1], argv[2])
    elif len(argv) == 4 and argv[0] in ("raw", "gold"):
        run(argv[0], argv[1], argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

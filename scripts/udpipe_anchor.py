#!/usr/bin/env python3
"""UDPipe 1 anchor for issue 9: train with default settings, run on dev, time it.

  udpipe_anchor.py train TRAIN.conllu MODEL [all|tokenizer|tagger-parser]
  udpipe_anchor.py raw   MODEL DEV.txt    OUT.conllu [TOKENIZER_MODEL]
  udpipe_anchor.py gold  MODEL DEV.conllu OUT.conllu   # tagger + parser on the gold words

Every component is trained with UDPipe's default options. UDPipe trains its tokenizer, tagger and
parser independently of each other, so the tokenizer and the tagger+parser can be trained as two
models (in parallel where cores are free): `raw` then tokenizes with TOKENIZER_MODEL and tags and
parses with MODEL, which is what one model trained with `all` would do.

`raw` and `gold` print one JSON line: words processed, thread CPU seconds of the processing alone
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


def train(train_path, model_path, components="all"):
    sentences = read_conllu(train_path)
    error = udpipe.ProcessingError()
    default, none = udpipe.Trainer.DEFAULT, udpipe.Trainer.NONE
    tokenizer = none if components == "tagger-parser" else default
    tagger_parser = none if components == "tokenizer" else default
    start = time.thread_time()
    # Default options, no held-out data (nothing is tuned on dev).
    model = udpipe.Trainer.train(
        "morphodita_parsito",
        sentences,
        udpipe.Sentences(),
        tokenizer,
        tagger_parser,
        tagger_parser,
        error,
    )
    if error.occurred() or not model:
        sys.exit(f"training failed: {error.message}")
    with open(model_path, "wb") as f:
        f.write(model)
    print(json.dumps({"train_sentences": len(sentences), "components": components,
                      "train_cpu_s": round(time.thread_time() - start, 1)}))


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


def run(mode, model_path, input_path, output_path, tokenizer_path=None):
    model = load(model_path)
    tokenizer_model = load(tokenizer_path) if tokenizer_path else None
    with open(input_path, encoding="utf-8") as f:
        text = f.read()
    none, default = udpipe.Pipeline.NONE, udpipe.Pipeline.DEFAULT
    stages = []
    if mode == "raw" and tokenizer_model is not None:
        stages.append(udpipe.Pipeline(tokenizer_model, "tokenize", none, none, "conllu"))
        stages.append(udpipe.Pipeline(model, "conllu", default, default, "conllu"))
    elif mode == "raw":
        stages.append(udpipe.Pipeline(model, "tokenize", default, default, "conllu"))
    else:
        text = blank_annotations(text)
        stages.append(udpipe.Pipeline(model, "conllu", default, default, "conllu"))
    error = udpipe.ProcessingError()
    start = time.thread_time()
    output = text
    for stage in stages:
        output = stage.process(output, error)
        if error.occurred():
            sys.exit(f"{input_path}: {error.message}")
    cpu = time.thread_time() - start
    with open(output_path, "w", encoding="utf-8") as f:
        f.write(output)
    words = count_words(output)
    print(json.dumps({"mode": mode, "words": words, "cpu_s": round(cpu, 3),
                      "words_per_cpu_s": round(words / cpu) if cpu > 0 else None}))


def main(argv):
    if len(argv) in (3, 4) and argv[0] == "train":
        train(*argv[1:])
    elif argv[:1] == ["raw"] and len(argv) in (4, 5):
        run(*argv)
    elif argv[:1] == ["gold"] and len(argv) == 4:
        run(*argv)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

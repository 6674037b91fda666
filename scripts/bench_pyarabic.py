"""Anchor for `mirsad bench text`: pyarabic's normalisation, sentence split and tokenizer.

Reads JSON Lines ({"text": ...}) as UTF-8 bytes, like mirsad's decoder does, and prints
`best_seconds S` for the best of N passes. Requires `pip install pyarabic`.
"""
import json
import sys
import time

from pyarabic import araby


def work(raw_docs):
    n = 0
    for raw in raw_docs:
        text = raw.decode("utf-8", errors="replace")
        t = araby.strip_tashkeel(text)
        t = araby.strip_tatweel(t)
        t = araby.normalize_hamza(t)
        t = araby.normalize_ligature(t)
        n += len(t)
        n += len(araby.sentence_tokenize(text))
        n += len(araby.tokenize(text))
    return n


def main():
    path, passes = sys.argv[1], int(sys.argv[2])
    with open(path, "rb") as f:
        raw_docs = [json.loads(line)["text"].encode("utf-8") for line in f if line.strip()]
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        work(raw_docs)
        best = min(best, time.perf_counter() - start)
    print(f"best_seconds {best:.6f}")


if __name__ == "__main__":
    main()

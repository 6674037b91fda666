"""Anchor for `mirsad bench text`: pyarabic's normalisation, sentence split and tokenizer.

Reads JSON Lines ({"text": ...}) as UTF-8 bytes, like mirsad's decoder does, and prints
`best_wall S` and `best_cpu S` (thread CPU time) for the best of N passes. Requires `pip install pyarabic`.
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
    best_wall = best_cpu = float("inf")
    for _ in range(passes):
        wall, cpu = time.perf_counter(), time.thread_time()
        work(raw_docs)
        best_cpu = min(best_cpu, time.thread_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    print(f"best_wall {best_wall:.6f}")
    print(f"best_cpu {best_cpu:.6f}")


if __name__ == "__main__":
    main()

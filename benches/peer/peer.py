#!/usr/bin/env python3
"""The pipeline a translator-engineer would otherwise script: Python jieba plus n-gram
counting, timed beside `glossary build` by benches/scale.sh.

    python3 benches/peer/peer.py CORPUS_DIR [--top 50]

Reads every .txt file (UTF-8, else GB18030), cuts each line with jieba (HMM on, as
glossary does), counts runs of 1-4 words that contain no punctuation, and prints the most
frequent runs seen at least twice with their counts by year folder. One process, as such a
script usually is; jieba's own parallel mode is POSIX-only and not what people reach for.
"""
import argparse
import collections
import os
import re
import sys
import time

import jieba

WORD = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


def read(path):
    data = open(path, "rb").read()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--top", type=int, default=50)
    args = parser.parse_args()
    jieba.setLogLevel(60)
    jieba.initialize()
    start = time.time()
    counts = collections.Counter()
    by_year = collections.defaultdict(collections.Counter)
    size = 0
    for root, _, files in os.walk(args.corpus):
        year = os.path.basename(root)
        for name in sorted(files):
            if not name.endswith(".txt") or name.endswith(".en.txt"):
                continue
            text = read(os.path.join(root, name))
            if text is None:
                continue
            size += len(text.encode("utf-8"))
            for line in text.splitlines():
                words = jieba.lcut(line, HMM=True)
                run = []
                for w in words + ["。"]:
                    if WORD.search(w):
                        run.append(w)
                        continue
                    for n in range(1, 5):
                        for i in range(len(run) - n + 1):
                            gram = "".join(run[i : i + n])
                            counts[gram] += 1
                            by_year[gram][year] += 1
                    run = []
    frequent = [(g, c) for g, c in counts.most_common() if c >= 2 and len(g) > 1]
    seconds = time.time() - start
    for gram, count in frequent[: args.top]:
        years = " ".join(f"{y}:{c}" for y, c in sorted(by_year[gram].items()))
        print(f"{count}\t{gram}\t{years}")
    print(
        f"peer: {size / 1e6:.1f} MB, {len(frequent)} n-grams seen twice or more, "
        f"{seconds:.2f} s, {size / 1e6 / seconds:.2f} MB/s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

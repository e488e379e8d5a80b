#!/usr/bin/python3
"""Split a label<TAB>text file into a training part and a held-out part,
stratified by label and deterministic (every 5th row of each label is held
out by default).

Usage: bench/split_holdout.py IN.tsv TRAIN_OUT.tsv HELDOUT_OUT.tsv [--every 5]
"""
import sys
from collections import defaultdict

args = sys.argv[1:]
every = int(args[args.index("--every") + 1]) if "--every" in args else 5
source, train_out, held_out = args[:3]
with open(source, encoding="utf-8") as f:
    lines = f.read().splitlines()
header, rows = lines[0], lines[1:]
seen = defaultdict(int)
with open(train_out, "w", encoding="utf-8") as train, open(held_out, "w", encoding="utf-8") as held:
    train.write(header + "\n")
    held.write(header + "\n")
    for row in rows:
        label = row.split("\t", 1)[0]
        seen[label] += 1
        (held if seen[label] % every == 0 else train).write(row + "\n")

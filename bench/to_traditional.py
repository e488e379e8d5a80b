#!/usr/bin/python3
"""Convert the text column of a label<TAB>text[<TAB>...] file to Traditional
script with OpenCC's s2twp configuration (Debian package opencc), keeping the
labels and any further columns.

Usage: bench/to_traditional.py IN.tsv OUT.tsv
"""
import subprocess
import sys

source, target = sys.argv[1:3]
with open(source, encoding="utf-8") as f:
    lines = f.read().splitlines()
header, rows = lines[0], [line.split("\t") for line in lines[1:]]
converted = subprocess.run(["opencc", "-c", "s2twp"], input="\n".join(r[1] for r in rows) + "\n",
                           capture_output=True, text=True, check=True).stdout.split("\n")
with open(target, "w", encoding="utf-8") as f:
    f.write(header + "\n")
    for row, text in zip(rows, converted):
        f.write("\t".join([row[0], text] + row[2:]) + "\n")

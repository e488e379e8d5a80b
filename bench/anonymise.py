#!/usr/bin/python3
"""Mask the numbers of the text column of a label<TAB>text[<TAB>...] file the
way anonymised chat logs do, keeping the labels and any further columns:

  mobile numbers (1 and ten digits)      -> [电话x]
  other runs of 12 digits or more        -> [订单号x]
  an amount before 元, 块 or rmb          -> [金额x] (the unit stays)
  any other run of digits                -> [数字x]

It measures how well a model reads logs masked like this (see
docs/BENCHMARKS.md). Rows without digits are kept as they are.

Usage: bench/anonymise.py IN.tsv OUT.tsv [--only-changed]
  --only-changed  write only the rows the masking changed
"""
import re
import sys

PHONE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
LONG_NUMBER = re.compile(r"(?<![0-9])[0-9]{12,}(?![0-9])")
AMOUNT = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?(?=\s*(?:元|块|rmb|RMB))")
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def mask(text):
    text = PHONE.sub("[电话x]", text)
    text = LONG_NUMBER.sub("[订单号x]", text)
    text = AMOUNT.sub("[金额x]", text)
    return NUMBER.sub("[数字x]", text)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    source, target = argv[:2]
    only_changed = "--only-changed" in argv[2:]
    with open(source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    kept = 0
    with open(target, "w", encoding="utf-8") as out:
        out.write(lines[0] + "\n")
        for line in lines[1:]:
            row = line.split("\t")
            masked = mask(row[1])
            if only_changed and masked == row[1]:
                continue
            out.write("\t".join([row[0], masked] + row[2:]) + "\n")
            kept += 1
    print(f"{kept} rows written to {target}")


if __name__ == "__main__":
    main(sys.argv[1:])

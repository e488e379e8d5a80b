#!/usr/bin/python3
"""Keep the rows of a labelled set whose text is not in any of the given
training files (compared after stripping white space at the ends).

Short turns ("好的", "在吗") recur in any chat log, so the project's test
sets share some texts with the training sentences; scored on what is left,
a set measures phrasings the model has not seen.

Usage: bench/unseen_rows.py SET.tsv OUT.tsv TRAIN.tsv...
"""
import sys


def texts_of(path):
    with open(path, encoding="utf-8") as f:
        return {line.split("\t")[1].strip() for line in f.read().splitlines()[1:] if "\t" in line}


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    source, out, training = sys.argv[1], sys.argv[2], sys.argv[3:]
    seen = set().union(*(texts_of(path) for path in training))
    with open(source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    kept = [line for line in lines[1:] if "\t" in line and line.split("\t")[1].strip() not in seen]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join([lines[0], *kept]) + "\n")
    print(f"{len(kept)} of {len(lines) - 1} rows unseen in training", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Put one input-method typo into each message of a label<TAB>text[<TAB>...]
file: a random Han character replaced by another with the same toneless
pinyin ("有没有" -> "有玫有"), as a customer picking the wrong candidate of a
pinyin keyboard would. The replacements come from the characters of the
vocabulary files (at least three occurrences); pinyin from ICU (Debian
package python3-icu). Deterministic for a given seed.

Usage: bench/homophone_typos.py IN.tsv OUT.tsv VOCABULARY.tsv... [--seed N]
"""
import argparse
import collections
import random
import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def text_column(path):
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) > 1:
                yield parts[1]


def homophones(vocabulary_files):
    import icu

    to_latin = icu.Transliterator.createInstance("Han-Latin; Latin-ASCII; Lower")
    counts = collections.Counter(c for path in vocabulary_files for text in text_column(path) for c in HAN.findall(text))
    sound = {c: to_latin.transliterate(c) for c, n in counts.items() if n >= 3}
    by_sound = collections.defaultdict(list)
    for c in sorted(sound):
        by_sound[sound[c]].append(c)
    return {c: [o for o in by_sound[s] if o != c] for c, s in sound.items() if len(by_sound[s]) > 1}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("vocabulary", nargs="+")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    others = homophones(args.vocabulary)
    rng = random.Random(args.seed)
    with open(args.source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    with open(args.target, "w", encoding="utf-8") as f:
        f.write(lines[0] + "\n")
        for line in lines[1:]:
            row = line.split("\t")
            text = list(row[1])
            candidates = [i for i, c in enumerate(text) if c in others]
            if candidates:
                i = rng.choice(candidates)
                text[i] = rng.choice(others[text[i]])
            row[1] = "".join(text)
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()

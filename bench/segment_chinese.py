#!/usr/bin/python3
"""Split the Chinese of the text column of a label<TAB>text[<TAB>...] file the
way some systems store chat: into words (ICU's dictionary word breaks, Debian
package python3-icu) or into single characters. Labels and any further
columns are kept; only runs of Han characters are split.

Usage: bench/segment_chinese.py {words,chars} IN.tsv OUT.tsv
"""
import re
import sys

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def word_splitter():
    import icu  # only the word mode needs it

    breaker = icu.BreakIterator.createWordInstance(icu.Locale.getChinese())

    def split(run):
        breaker.setText(run)
        bounds = [0] + list(breaker)
        return " ".join(run[a:b] for a, b in zip(bounds, bounds[1:]))

    return split


def main():
    mode, source, target = sys.argv[1:4]
    if mode not in ("words", "chars"):
        sys.exit("mode must be words or chars")
    split = word_splitter() if mode == "words" else " ".join
    with open(source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    with open(target, "w", encoding="utf-8") as f:
        f.write(lines[0] + "\n")
        for line in lines[1:]:
            row = line.split("\t")
            row[1] = HAN_RUN.sub(lambda m: split(m.group(0)), row[1])
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()

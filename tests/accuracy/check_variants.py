#!/usr/bin/python3
"""The default model on the project's own test sets, as typed and in the forms
customers and their systems send: Traditional script (OpenCC s2twp), Chinese
split into words or characters, and one pinyin-keyboard typo per message.
Fails when accuracy as typed falls under a floor, or when a form loses more
than its tolerance against the typed text.

Usage: check_variants.py KEFU BENCH_DIR WORK_DIR TEST.tsv... --vocabulary TRAIN.tsv...
"""
import argparse
import json
import os
import subprocess
import sys

TYPED_FLOOR = 0.90
# The bound for Traditional script; segmented text loses the clause
# breaks of typed chat, so it gets a little more room; a wrong character in
# every message costs more (without pinyin features it cost 8-9 points).
TOLERANCE = {"traditional": 0.01, "words": 0.02, "chars": 0.02, "homophones": 0.05}


def accuracy(kefu, path):
    out = subprocess.run([kefu, "eval", path, "--json"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["accuracy"]


def variant(bench, form, source, target, vocabulary):
    if form == "traditional":
        command = [os.path.join(bench, "to_traditional.py"), source, target]
    elif form == "homophones":
        command = [os.path.join(bench, "homophone_typos.py"), source, target] + vocabulary
    else:
        command = [os.path.join(bench, "segment_chinese.py"), form, source, target]
    subprocess.run([sys.executable] + command, check=True)
    return target


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kefu")
    parser.add_argument("bench")
    parser.add_argument("work")
    parser.add_argument("test_sets", nargs="+")
    parser.add_argument("--vocabulary", nargs="+", required=True)
    args = parser.parse_args()
    kefu, bench, work = args.kefu, args.bench, args.work
    os.makedirs(work, exist_ok=True)
    failures = []
    for test_set in args.test_sets:
        name = os.path.splitext(os.path.basename(test_set))[0]
        typed = accuracy(kefu, test_set)
        print(f"{name}: typed {typed:.4f}")
        if typed < TYPED_FLOOR:
            failures.append(f"{name}: accuracy {typed:.4f} under {TYPED_FLOOR}")
        for form, tolerance in TOLERANCE.items():
            target = os.path.join(work, f"{name}_{form}.tsv")
            score = accuracy(kefu, variant(bench, form, test_set, target, args.vocabulary))
            print(f"{name}: {form} {score:.4f} ({score - typed:+.4f})")
            if score < typed - tolerance:
                failures.append(f"{name}: {form} {score:.4f} loses more than {tolerance} against {typed:.4f}")
    for failure in failures:
        print("FAIL", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

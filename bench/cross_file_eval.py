#!/usr/bin/python3
"""Leave-one-file-out accuracy of the default model's recipe.

The project's test sets were written by the same hands as the training
sentences, so they flatter the model: they share its writers' habits. Here
each training file in turn is held out, the default model is built from the
rules and the other files (as the build does, without the mood heads), and
the held-out file is classified. A file is a different writer, shop sector
or style (pasted titles, run-on chat, fragments), so the score measures how
the recipe carries to text it has not seen the like of.

Usage:
  bench/cross_file_eval.py [--build build/release] [--kefu PATH] [--modelc PATH]
                           [--only NAME ...] [--json] [--errors MISSES.tsv]
                           [--floor ACCURACY] [-- extra kefu_modelc options]

Prints, per held-out file: accuracy, and how many of the errors went to
`other` (out of scope) and how many would be right had the top in-scope
intent been taken; then the totals over all rows. With --floor, exits with
status 1 when the accuracy over all rows is below it (as a test).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The default model's training options: read from src/CMakeLists.txt, which
# passes them to kefu_modelc, so that this measures what the build ships.
RECIPE_OPTIONS = {"COMPOSE_LEADS": "--compose-leads", "COMPOSE_RATIO": "--compose-ratio", "MIN_DF": "--min-df",
                  "CHAR_NGRAM_MAX": "--char-ngram-max", "MAX_IN_SCOPE_LOSS": "--max-in-scope-loss"}


def default_recipe():
    with open(os.path.join(ROOT, "src/CMakeLists.txt"), encoding="utf-8") as f:
        cmake = f.read()
    recipe = []
    for name, option in RECIPE_OPTIONS.items():
        found = re.search(r'set\(KEFU_DEFAULT_' + name + r' "([^"]*)"\)', cmake)
        if found:
            recipe += [option, found.group(1)]
    return recipe


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()[1:]
    return [line.split("\t")[:2] for line in lines if "\t" in line]


def build_model(modelc, out, training, extra):
    # In the build's order: the intents are declared before rules use them.
    rules = [f for folder in ("rules", "templates", "flows")
             for f in sorted(glob.glob(os.path.join(ROOT, "data", folder, "*.kefu")))]
    calibration = sorted(glob.glob(os.path.join(ROOT, "data/intents/calibration/*.tsv")))
    command = [modelc, out, "--rules", *rules,
               "--train", *training, "--calibrate", *calibration, *default_recipe(), *extra]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"kefu_modelc failed: {result.stderr.strip()}")


def classify(kefu, model, texts):
    result = subprocess.run([kefu, "--model", model, "classify"],
                            input="\n".join(texts) + "\n", capture_output=True, text=True, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


def score(rows, answers, misses):
    right = to_other = in_scope_right = 0
    for (gold, text), answer in zip(rows, answers):
        if answer["intent"] == gold:
            right += 1
            continue
        misses.append((gold, answer["intent"], f"{answer['confidence']:.2f}", text))
        if answer["intent"] == "other":
            to_other += 1
            in_scope = [r["intent"] for r in answer["ranking"] if r["intent"] != "other"]
            in_scope_right += bool(in_scope) and in_scope[0] == gold
    return {"n": len(rows), "right": right, "errors_to_other": to_other, "other_top_in_scope_right": in_scope_right}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build/release"))
    parser.add_argument("--kefu", help="the kefu command (default: BUILD/kefu)")
    parser.add_argument("--modelc", help="the model compiler (default: BUILD/tools/modelc/kefu_modelc)")
    parser.add_argument("--only", nargs="*", default=None, help="hold out only these file names")
    parser.add_argument("--floor", type=float, help="fail when the accuracy over all rows is below this")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", help="write each miss here: file, gold, predicted, confidence, text")
    args, extra = parser.parse_known_args()
    extra = [e for e in extra if e != "--"]
    kefu = args.kefu or os.path.join(args.build, "kefu")
    modelc = args.modelc or os.path.join(args.build, "tools/modelc/kefu_modelc")
    files = sorted(glob.glob(os.path.join(ROOT, "data/intents/train/*.tsv")))
    held_out = [f for f in files if args.only is None or os.path.basename(f) in args.only]
    totals = {"n": 0, "right": 0, "errors_to_other": 0, "other_top_in_scope_right": 0}
    per_file = {}
    misses = []
    with tempfile.TemporaryDirectory() as scratch:
        model = os.path.join(scratch, "m.kfm")
        for path in held_out:
            build_model(modelc, model, [f for f in files if f != path], extra)
            rows = read_rows(path)
            file_misses = []
            result = score(rows, classify(kefu, model, [text for _, text in rows]), file_misses)
            misses += [(os.path.basename(path), *miss) for miss in file_misses]
            per_file[os.path.basename(path)] = result
            for key in totals:
                totals[key] += result[key]
            if not args.json:
                print(f"{os.path.basename(path):24} n {result['n']:5}  accuracy {result['right'] / result['n']:.4f}  "
                      f"errors to other {result['errors_to_other']:4} (top in-scope right {result['other_top_in_scope_right']})",
                      flush=True)
    totals["accuracy"] = totals["right"] / totals["n"]
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as f:
            f.write("file\tgold\tpredicted\tconfidence\ttext\n")
            f.writelines("\t".join(miss) + "\n" for miss in misses)
    if args.json:
        print(json.dumps({"files": per_file, "total": totals}, indent=1))
    else:
        print(f"{'all':24} n {totals['n']:5}  accuracy {totals['accuracy']:.4f}  errors to other "
              f"{totals['errors_to_other']:4} (top in-scope right {totals['other_top_in_scope_right']})")
    if args.floor is not None and totals["accuracy"] < args.floor:
        print(f"accuracy {totals['accuracy']:.4f} is below the floor {args.floor}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

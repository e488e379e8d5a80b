#!/usr/bin/python3
"""Train kefu, fastText and scikit-learn (TF-IDF + LinearSVC) on the same
data, then measure each on the same test messages in the same run:
accuracy (and in-scope accuracy / out-of-scope recall with --oos), training
time, and single-thread prediction throughput.

kefu and fastText are timed in-process by the Google Benchmark binary
kefu_bench_classify (fastText through libfasttext's predictLine);
scikit-learn is timed here, per message and in one batch.

Usage:
  bench/compare_peers.py --build build/release --train TRAIN.tsv [TRAIN2.tsv ...] --test TEST.tsv [--oos oos]
                         [--chinese] [--kefu-model MODEL]

--kefu-model uses an existing kefu model (e.g. the default model,
build/release/generated/default_model.kfm) instead of training one.

--chinese splits Han characters with spaces for fastText and the word
analyser (they need tokens; kefu reads raw text).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            line = line.rstrip("\n")
            if i == 0 and line.startswith("label\t"):
                continue
            parts = line.split("\t")
            if len(parts) >= 2:
                rows.append((parts[0], parts[1]))
    return rows


HAN = re.compile(r"([\u3400-\u9fff])")


def tokens(text, chinese):
    return HAN.sub(r" \1 ", text).strip() if chinese else text


def scores(gold, predicted, oos):
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    out = {"accuracy": round(accuracy, 4)}
    if oos:
        ins = [(g, p) for g, p in zip(gold, predicted) if g != oos]
        outs = [p for g, p in zip(gold, predicted) if g == oos]
        out["in_scope_accuracy"] = round(sum(g == p for g, p in ins) / len(ins), 4)
        out["oos_recall"] = round(sum(p == oos for p in outs) / max(1, len(outs)), 4)
    return out


def run_kefu(args, train, test, workdir):
    kefu = os.path.join(args.build, "kefu")
    seconds = None
    model = args.kefu_model
    if not model:
        model = os.path.join(workdir, "kefu.kfm")
        command = [kefu, "train", "--in", args.train_file, "--out", model] + (["--oos-label", args.oos] if args.oos else [])
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds = time.perf_counter() - start
    out = subprocess.run([kefu, "--model", model, "classify"], input="\n".join(t for _, t in test) + "\n",
                         capture_output=True, text=True, check=True).stdout
    predicted = [json.loads(l)["intent"] for l in out.splitlines() if l.strip()]
    return model, seconds, predicted


def run_fasttext(args, train, test, workdir):
    data = os.path.join(workdir, "fasttext.train")
    with open(data, "w", encoding="utf-8") as f:
        for label, text in train:
            f.write(f"__label__{label} {tokens(text, args.chinese)}\n")
    prefix = os.path.join(workdir, "fasttext")
    command = ["fasttext", "supervised", "-input", data, "-output", prefix, "-epoch", "25", "-lr", "0.5",
               "-wordNgrams", "2", "-thread", "1", "-verbose", "0"]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    tested = os.path.join(workdir, "fasttext.test")
    with open(tested, "w", encoding="utf-8") as f:
        for _, text in test:
            f.write(tokens(text, args.chinese) + "\n")
    out = subprocess.run(["fasttext", "predict", prefix + ".bin", tested], capture_output=True, text=True,
                         check=True).stdout
    predicted = [l.replace("__label__", "").strip() for l in out.splitlines()]
    return prefix + ".bin", seconds, predicted


def run_sklearn(args, train, test):
    analyzer = "char_wb"
    pipeline = make_pipeline(
        make_union(TfidfVectorizer(analyzer=analyzer, ngram_range=(1, 4), sublinear_tf=True),
                   TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")),
        LinearSVC(C=1.0))
    texts = [tokens(t, args.chinese) for _, t in train]
    start = time.perf_counter()
    pipeline.fit(texts, [l for l, _ in train])
    seconds = time.perf_counter() - start
    test_texts = [tokens(t, args.chinese) for _, t in test]
    predicted = list(pipeline.predict(test_texts))
    sample = test_texts[:500]
    start = time.perf_counter()
    for t in sample:
        pipeline.predict([t])
    per_message = len(sample) / (time.perf_counter() - start)
    start = time.perf_counter()
    pipeline.predict(test_texts)
    batch = len(test_texts) / (time.perf_counter() - start)
    return seconds, predicted, per_message, batch


def run_benchmark(args, kefu_model, fasttext_model):
    env = dict(os.environ, KEFU_BENCH_MESSAGES=args.test, KEFU_BENCH_MODEL=kefu_model,
               KEFU_BENCH_FASTTEXT=fasttext_model, OMP_NUM_THREADS="1")
    if args.chinese:  # fastText needs the tokenised form of the same messages
        tokenised = kefu_model + ".fasttext-messages.tsv"
        with open(tokenised, "w", encoding="utf-8") as f:
            for label, text in read_tsv(args.test):
                f.write(f"{label}\t{tokens(text, True)}\n")
        env["KEFU_BENCH_MESSAGES_FASTTEXT"] = tokenised
    binary = os.path.join(args.build, "bench", "kefu_bench_classify")
    out = subprocess.run([binary, "--benchmark_filter=model|fasttext", "--benchmark_format=json",
                          "--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true"],
                         env=env, capture_output=True, text=True, check=True).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            results[b["run_name"]] = b
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", required=True, help="a release build directory")
    parser.add_argument("--train", required=True, nargs="+")
    parser.add_argument("--test", required=True)
    parser.add_argument("--oos", default="", help="the out-of-scope label, if the data has one")
    parser.add_argument("--chinese", action="store_true")
    parser.add_argument("--kefu-model", default="", help="use this kefu model instead of training one")
    args = parser.parse_args()
    train = [row for path in args.train for row in read_tsv(path)]
    test = read_tsv(args.test)
    gold = [l for l, _ in test]
    with tempfile.TemporaryDirectory() as workdir:
        args.train_file = os.path.join(workdir, "train.tsv")
        with open(args.train_file, "w", encoding="utf-8") as f:
            f.write("label\ttext\n" + "".join(f"{l}\t{t}\n" for l, t in train))
        kefu_model, kefu_seconds, kefu_predicted = run_kefu(args, train, test, workdir)
        ft_model, ft_seconds, ft_predicted = run_fasttext(args, train, test, workdir)
        sk_seconds, sk_predicted, sk_single, sk_batch = run_sklearn(args, train, test)
        bench = run_benchmark(args, kefu_model, ft_model)
    kefu_rate = bench["BM_kefu_classify_model"]["items_per_second"]
    ft_rate = bench["BM_fasttext_predict"]["items_per_second"]
    report = {
        "train": args.train, "test": args.test, "kefu_model": args.kefu_model or "trained here", "n_train": len(train), "n_test": len(test),
        "kefu": dict(scores(gold, kefu_predicted, args.oos),
                     train_seconds=round(kefu_seconds, 2) if kefu_seconds is not None else "not trained here",
                     messages_per_second=round(kefu_rate),
                     p99_ns=round(bench["BM_kefu_classify_model"].get("p99_ns", 0))),
        "fasttext": dict(scores(gold, ft_predicted, args.oos), train_seconds=round(ft_seconds, 2),
                         messages_per_second=round(ft_rate)),
        "sklearn_tfidf_linearsvc": dict(scores(gold, sk_predicted, args.oos), train_seconds=round(sk_seconds, 2),
                                        messages_per_second_single=round(sk_single),
                                        messages_per_second_batch=round(sk_batch)),
        "kefu_vs_fasttext_throughput": round(kefu_rate / ft_rate, 1),
        "kefu_vs_sklearn_single_throughput": round(kefu_rate / sk_single, 1),
    }
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()

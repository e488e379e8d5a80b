#!/usr/bin/python3
"""Compare two builds of one Google Benchmark binary on a shared, noisy
machine: the two binaries run in turn, round after round, so that both see
the same background load; the script prints each benchmark's median
items/second (or time) per build and the ratio B/A, and the median of each
latency percentile the benchmark reports (its p50_ns/p99_ns counters).

Usage:
  bench/compare_builds.py BUILD_A BUILD_B [--binary bench/kefu_bench_classify]
                          [--filter REGEX] [--rounds 7]

Environment variables (KEFU_BENCH_MODEL, KEFU_BENCH_MESSAGES, ...) pass
through to both binaries.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys


LATENCY_COUNTERS = ("p50_ns", "p99_ns")


def run_once(binary, pattern):
    out = subprocess.run([binary, "--benchmark_filter=" + pattern, "--benchmark_format=json"],
                         capture_output=True, text=True, check=True).stdout
    results = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        # Throughput when the benchmark reports it, else time (inverted so
        # that higher is better in both cases).
        results[b["name"]] = b["items_per_second"] if "items_per_second" in b else 1e9 / b["real_time"]
        for counter in LATENCY_COUNTERS:
            if counter in b:
                results[b["name"] + " " + counter] = b[counter]
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build_a")
    parser.add_argument("build_b")
    parser.add_argument("--binary", default="bench/kefu_bench_classify")
    parser.add_argument("--filter", default=".")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    binaries = [os.path.join(args.build_a, args.binary), os.path.join(args.build_b, args.binary)]
    samples = [{}, {}]
    for _ in range(args.rounds):
        for side, binary in enumerate(binaries):
            for name, value in run_once(binary, args.filter).items():
                samples[side].setdefault(name, []).append(value)
    print(f"{'benchmark':<52} {'A (median)':>14} {'B (median)':>14} {'B/A':>6}")
    for name in samples[0]:
        if name not in samples[1]:
            continue
        a, b = statistics.median(samples[0][name]), statistics.median(samples[1][name])
        print(f"{name:<52} {a:>14,.0f} {b:>14,.0f} {b / a:>6.2f}")
    print(f"({args.rounds} rounds; per second, higher is better; p50_ns and p99_ns in ns, lower is better)",
          file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Compare two builds of one Google Benchmark binary on a shared, noisy
machine: the two binaries run in turn, round after round, so that both see
the same background load; the script prints each benchmark's median
items/second (or time) per build and the ratio B/A, and the median of each
latency percentile the benchmark reports (its p50_ns/p99_ns counters).

Usage:
  bench/compare_builds.py BUILD_A BUILD_B [--binary bench/kefu_bench_classify]
                          [--filter REGEX] [--rounds 7] [--each]

Environment variables (KEFU_BENCH_MODEL, KEFU_BENCH_MESSAGES, ...) pass
through to both binaries.

Each run starts from a fresh copy of the binary, and of the build's
src/libkefu.so*, which the C API benchmarks load. On a virtual machine the
same bytes ran 1.5 times faster from one copy of the file than from
another (docs/BENCHMARKS.md, 2026-11-25): where a cached file lies in
memory stays fixed for as long as it is cached, and it took one side's
every run with it. A copy per run draws that placement anew each time.
Without a library of its own in BUILD/src, a binary loads the one its
RUNPATH names, the same for both sides.

Runs of one binary can still fall into two groups, one about 1.6 times
slower than the other, whatever the code. So the script also prints each
side's best run (the highest rate, the lowest latency), which the slow
group does not reach; --each prints every run.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile


LATENCY_COUNTERS = ("p50_ns", "p99_ns")


def libraries_of(build):
    return sorted(glob.glob(os.path.join(build, "src", "libkefu.so*")))


def run_fresh_copy(build, binary, pattern):
    with tempfile.TemporaryDirectory(prefix="kefu-compare-") as folder:
        copy = os.path.join(folder, os.path.basename(binary))
        shutil.copy2(os.path.join(build, binary), copy)
        libraries = libraries_of(build)
        for library in libraries:
            shutil.copy2(library, folder)
        env = dict(os.environ)
        if libraries:
            env["LD_LIBRARY_PATH"] = folder  # searched before the binary's RUNPATH
        return run_once(copy, pattern, env)


def run_once(binary, pattern, env):
    out = subprocess.run([binary, "--benchmark_filter=" + pattern, "--benchmark_format=json"],
                         capture_output=True, text=True, check=True, env=env).stdout
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
    parser.add_argument("--each", action="store_true", help="print every run's figures as they come")
    args = parser.parse_args()
    builds = [args.build_a, args.build_b]
    for build in builds:
        if not libraries_of(build):
            print(f"{build} has no src/libkefu.so: its C API benchmarks load the library its RUNPATH names",
                  file=sys.stderr)
    samples = [{}, {}]
    for round_number in range(args.rounds):
        for side, build in enumerate(builds):
            results = run_fresh_copy(build, args.binary, args.filter)
            for name, value in results.items():
                samples[side].setdefault(name, []).append(value)
            if args.each:
                figures = "  ".join(f"{name} {value:,.0f}" for name, value in results.items())
                print(f"round {round_number + 1} {'AB'[side]}: {figures}", file=sys.stderr)
    print(f"{'benchmark':<52} {'A (median)':>14} {'B (median)':>14} {'B/A':>6} {'A (best)':>12} {'B (best)':>12} "
          f"{'B/A':>6}")
    for name in samples[0]:
        if name not in samples[1]:
            continue
        a, b = statistics.median(samples[0][name]), statistics.median(samples[1][name])
        # Best: the highest rate, or the lowest latency.
        best = min if name.endswith(LATENCY_COUNTERS) else max
        best_a, best_b = best(samples[0][name]), best(samples[1][name])
        print(f"{name:<52} {a:>14,.0f} {b:>14,.0f} {b / a:>6.2f} {best_a:>12,.0f} {best_b:>12,.0f} "
              f"{best_b / best_a:>6.2f}")
    print(f"({args.rounds} rounds; per second, higher is better; p50_ns and p99_ns in ns, lower is better)",
          file=sys.stderr)


if __name__ == "__main__":
    main()

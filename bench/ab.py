#!/usr/bin/env python3
"""Time one draftlint command with two builds, runs alternated, and compare them pair by pair.

    python3 bench/ab.py --runs 7 --base target/bench-base/draftlint \
        target/release/draftlint -- check target/corpus/1000 --format concise

Each run's output goes to /dev/null. Prints one JSON line: the median wall time of each build,
the median of the per-pair ratios (new / base: below 1 is faster), and each build's peak
resident memory over its runs. A machine whose speed wanders slows both builds of a pair alike,
so the ratio holds where the absolute times do not. Without --base only the new build is timed.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def run_once(argv):
    """Wall seconds and peak resident MB of one run."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(argv, stdout=null, stderr=null)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"ab.py: {' '.join(argv)} exited with {code}")
    # ru_maxrss is in kilobytes on Linux.
    return elapsed, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--base", help="the build to compare with")
    parser.add_argument("binary")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    builds = {"new": [options.binary, *args]}
    if options.base:
        builds["base"] = [options.base, *args]
    for _ in range(options.warmup):
        for argv in builds.values():
            run_once(argv)
    times = {name: [] for name in builds}
    peaks = {name: 0.0 for name in builds}
    for i in range(options.runs):
        # Alternate which build goes first, so neither always runs on a warmer cache.
        order = list(builds) if i % 2 == 0 else list(reversed(builds))
        for name in order:
            elapsed, peak = run_once(builds[name])
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    result = {
        "new_s": round(statistics.median(times["new"]), 4),
        "new_peak_mb": round(peaks["new"]),
    }
    if options.base:
        ratios = [n / b for n, b in zip(times["new"], times["base"])]
        result.update(
            base_s=round(statistics.median(times["base"]), 4),
            base_peak_mb=round(peaks["base"]),
            ratio=round(statistics.median(ratios), 3),
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()

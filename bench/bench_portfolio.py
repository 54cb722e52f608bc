#!/usr/bin/env python3
"""Times `s75 run` on a generated portfolio (MODEL.md §10): wall time and peak memory, median of runs.

usage: bench_portfolio.py PATH/TO/s75 [--runs 5] [--format text|csv|json] [gen_portfolio.py options]

Generates 1 system, 40 places and 400 neighbourhoods (20 workforce lines and 10 years each) with
bench/gen_portfolio.py into a temporary directory, then runs `s75 run` on it --runs times, each
report written to /dev/null, and prints the median wall time, the median CPU time (user + system;
steadier on a busy machine) and the median peak resident set size of the s75 process (wait4).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def one_run(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}\n{err}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024.0  # KiB on Linux -> MiB


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("s75")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--format", default="text")
    a, gen_args = ap.parse_known_args()
    with tempfile.TemporaryDirectory(prefix="s75-portfolio-") as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, "gen_portfolio.py"), tmp] + gen_args,
                       check=True, stdout=subprocess.DEVNULL)
        path = os.path.join(tmp, "portfolio.yaml")
        n_pools = sum(1 for line in open(path) if line.startswith("  - "))
        cmd = [a.s75, "run", "--format", a.format, path]
        times, cpus, rss = [], [], []
        for _ in range(a.runs):
            t, c, m = one_run(cmd)
            times.append(t)
            cpus.append(c)
            rss.append(m)
        print(f"s75 run --format {a.format} on {n_pools} pools, {a.runs} runs: "
              f"wall median {statistics.median(times):.3f} s (min {min(times):.3f}, "
              f"max {max(times):.3f}), CPU median {statistics.median(cpus):.3f} s, "
              f"peak RSS median {statistics.median(rss):.1f} MiB")


if __name__ == "__main__":
    main()

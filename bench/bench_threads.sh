#!/bin/sh
# Does placing each new simulation thread on another CPU (util/threads.c) pay?
# Times `s75 simulate --threads 2` on the generated benchmark scenario with
# the placement on and off (S75_THREAD_PLACEMENT=off), runs alternating so
# that the machine's own drift falls on both alike, and prints each median,
# the median of the rounds' ratios (off / on: above 1 means placement pays)
# and the 1-thread median for scale. The JSON must be the same bytes.
#
#   bench/bench_threads.sh [path/to/s75] [rounds]   (default: build/examples/s75, 15)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
s75=${1:-$here/../build/examples/s75}
rounds=${2:-15}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$py" "$here/gen_simulate.py" > "$tmp/bench.yaml"
echo "machine: $(nproc) online cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$py" - "$s75" "$tmp" "$rounds" <<'PY'
import os, statistics, subprocess, sys, time
s75, tmp, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])

def once(threads, placement, out):
    env = dict(os.environ)
    env.pop("S75_THREAD_PLACEMENT", None)
    if not placement:
        env["S75_THREAD_PLACEMENT"] = "off"
    t0 = time.perf_counter()
    subprocess.run([s75, "simulate", tmp + "/bench.yaml", "--threads", str(threads),
                    "--format", "json", "-o", out], check=True, env=env)
    return time.perf_counter() - t0

once(2, True, tmp + "/warm.json")
on, off, one = [], [], []
for r in range(rounds):
    # Which goes first alternates too, so neither always follows the other.
    order = (True, False) if r % 2 == 0 else (False, True)
    for placement in order:
        t = once(2, placement, "%s/%s.json" % (tmp, "on" if placement else "off"))
        (on if placement else off).append(t)
    one.append(once(1, True, tmp + "/one.json"))
ratio = statistics.median(b / a for a, b in zip(on, off))
print("2 threads, placement on : median %.3f s (range %.3f-%.3f)" % (statistics.median(on), min(on), max(on)))
print("2 threads, placement off: median %.3f s (range %.3f-%.3f)" % (statistics.median(off), min(off), max(off)))
print("1 thread                : median %.3f s" % statistics.median(one))
print("off / on, median of %d rounds: %.3fx (above 1: placement pays)" % (rounds, ratio))
wins = sum(1 for a, b in zip(on, off) if a < b)
print("rounds where placement was faster: %d of %d" % (wins, rounds))
same = open(tmp + "/on.json", "rb").read() == open(tmp + "/off.json", "rb").read()
print("same JSON bytes with and without: %s" % ("yes" if same else "NO"))
PY

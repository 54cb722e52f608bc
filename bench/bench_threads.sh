#!/bin/sh
# Two builds of s75 against each other on the simulation's 2-thread run: for
# a change to how threads start or share work (util/threads.c,
# model/simulate/simulate_drive.c). Times `s75 simulate --threads 2` on the
# generated benchmark scenario with each build, the runs alternating (and
# which goes first alternating too) so that the machine's own drift falls on
# both alike; prints each median, the median of the rounds' ratios (B / A:
# below 1 means B is faster), how many rounds B won, and the 1-thread median
# of A for scale. The two builds' JSON must be the same bytes.
#
#   bench/bench_threads.sh A/examples/s75 B/examples/s75 [rounds]   (default 15)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
a=${1:?usage: bench_threads.sh S75_A S75_B [rounds]}
b=${2:?usage: bench_threads.sh S75_A S75_B [rounds]}
rounds=${3:-15}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$py" "$here/gen_simulate.py" > "$tmp/bench.yaml"
echo "machine: $(nproc) online cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$py" - "$a" "$b" "$tmp" "$rounds" <<'PY'
import statistics, subprocess, sys, time
exe = {"A": sys.argv[1], "B": sys.argv[2]}
tmp, rounds = sys.argv[3], int(sys.argv[4])

def once(which, threads, out):
    t0 = time.perf_counter()
    subprocess.run([exe[which], "simulate", tmp + "/bench.yaml", "--threads", str(threads),
                    "--format", "json", "-o", out], check=True)
    return time.perf_counter() - t0

once("A", 2, tmp + "/warm.json"), once("B", 2, tmp + "/warm.json")
times = {"A": [], "B": []}
one = []
for r in range(rounds):
    for which in (("A", "B") if r % 2 == 0 else ("B", "A")):
        times[which].append(once(which, 2, "%s/%s.json" % (tmp, which)))
    one.append(once("A", 1, tmp + "/one.json"))
for which in "AB":
    t = times[which]
    print("2 threads, %s: median %.3f s (range %.3f-%.3f)  %s"
          % (which, statistics.median(t), min(t), max(t), exe[which]))
print("1 thread,  A: median %.3f s" % statistics.median(one))
ratio = statistics.median(b / a for a, b in zip(times["A"], times["B"]))
wins = sum(1 for a, b in zip(times["A"], times["B"]) if b < a)
print("B / A, median of %d rounds: %.3fx (below 1: B is faster); B faster in %d of %d rounds"
      % (rounds, ratio, wins, rounds))
same = open(tmp + "/A.json", "rb").read() == open(tmp + "/B.json", "rb").read()
print("same JSON bytes from A and B: %s" % ("yes" if same else "NO"))
PY

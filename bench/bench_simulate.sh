#!/bin/sh
# Speed and memory of `s75 simulate` on the generated benchmark
# scenario: 200 workforce lines over 8 bands, 10 years, 20 savings schemes,
# 3 partners, 100,000 draws.
#
#   bench/bench_simulate.sh [path/to/s75] [runs]   (default: build/examples/s75, 11)
#
# Prints the median wall time of the whole command (load, projection,
# tornado, break-even, draws, statistics and report) on 1 and on 2 threads,
# the draw-years per second that makes, the speed-up of 2 threads over 1,
# and the peak resident memory (/usr/bin/time -v) at 200 and at 2,000
# workforce lines. Targets: >= 5,000,000 draw-years/s on 1 thread, 2
# threads >= 1.8x one, peak memory < 64 MiB and not growing with workforce
# lines.
#
# The runs alternate (1 thread, 2 threads, two 1-thread processes at once,
# 1 thread, ...) and each speed-up is the median of its rounds' ratios: the
# small virtual machines we measure on change speed by a third from one
# minute to the next, and blocks of runs of one kind, then of the other,
# would measure the machine as much as the program. Two independent
# processes show what the machine's second core gives at all: no program's
# two threads can do better.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
s75=${1:-$here/../build/examples/s75}
runs=${2:-11}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$py" "$here/gen_simulate.py" > "$tmp/bench.yaml"
"$py" "$here/gen_simulate.py" --lines 2000 > "$tmp/bench2000.yaml"

echo "machine: $(nproc) online cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$py" - "$s75" "$tmp" "$runs" <<'PY'
import statistics, subprocess, sys, time
s75, tmp, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
draw_years = 100000 * 10

def once(threads):
    out = "%s/out%d.json" % (tmp, threads)
    t0 = time.perf_counter()
    subprocess.run([s75, "simulate", tmp + "/bench.yaml", "--threads", str(threads),
                    "--format", "json", "-o", out], check=True)
    return time.perf_counter() - t0

def two_processes():
    t0 = time.perf_counter()
    ps = [subprocess.Popen([s75, "simulate", tmp + "/bench.yaml", "--threads", "1", "--format",
                            "json", "-o", "%s/pair%d.json" % (tmp, k)]) for k in (1, 2)]
    if any(p.wait() for p in ps):
        sys.exit("s75 failed")
    return time.perf_counter() - t0

once(1), once(2)  # warm the file cache
wall = {1: [], 2: []}
pair = []
for _ in range(runs):
    for n in (1, 2):
        wall[n].append(once(n))
    pair.append(two_processes())
one, two = statistics.median(wall[1]), statistics.median(wall[2])
ratio = statistics.median(a / b for a, b in zip(wall[1], wall[2]))
ceiling = statistics.median(2 * a / p for a, p in zip(wall[1], pair))
print("1 thread : median %.3f s (range %.3f-%.3f)  %.2f million draw-years/s (target >= 5)"
      % (one, min(wall[1]), max(wall[1]), draw_years / one / 1e6))
print("2 threads: median %.3f s (range %.3f-%.3f)  %.2f million draw-years/s"
      % (two, min(wall[2]), max(wall[2]), draw_years / two / 1e6))
print("2 threads over 1: median of %d rounds %.2fx (target >= 1.8)" % (runs, ratio))
print("the machine's own: two 1-thread runs at once do %.2fx the work of one" % ceiling)
same = open(tmp + "/out1.json", "rb").read() == open(tmp + "/out2.json", "rb").read()
print("same JSON bytes for 1 and 2 threads: %s" % ("yes" if same else "NO"))
PY
for f in bench bench2000; do
    /usr/bin/time -v "$s75" simulate "$tmp/$f.yaml" --threads 1 --format json -o "$tmp/o.json" \
        2> "$tmp/time.txt"
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
    echo "peak memory, $f.yaml, 1 thread: $((kb / 1024)) MiB ($kb kB; target < 64 MiB)"
done
/usr/bin/time -v "$s75" simulate "$tmp/bench.yaml" --threads 2 --format json -o "$tmp/o.json" \
    2> "$tmp/time.txt"
kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
echo "peak memory, bench.yaml, 2 threads: $((kb / 1024)) MiB ($kb kB)"

#!/bin/sh
# Speed and memory of `s75 simulate` (issue 5) on the generated benchmark
# scenario: 200 workforce lines over 8 bands, 10 years, 20 savings schemes,
# 3 partners, 100,000 draws.
#
#   bench/bench_simulate.sh [path/to/s75]     (default: build/examples/s75)
#
# Prints the median of 5 runs (hyperfine) for 1 and 2 threads, the draw-years
# per second that makes (the whole command: load, projection, tornado,
# break-even, draws, statistics and report), the speed-up of 2 threads over
# 1, and the peak resident memory (/usr/bin/time -v) at 200 and at 2,000
# workforce lines. Targets: >= 5,000,000 draw-years/s on 1 thread, 2 threads
# >= 1.8x one, peak memory < 64 MiB and not growing with workforce lines.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
s75=${1:-$here/../build/examples/s75}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$py" "$here/gen_simulate.py" > "$tmp/bench.yaml"
"$py" "$here/gen_simulate.py" --lines 2000 > "$tmp/bench2000.yaml"
draw_years=1000000   # 100,000 draws x 10 years

echo "machine: $(nproc) online cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for n in 1 2; do
    hyperfine --runs 5 --warmup 1 --style none --export-json "$tmp/t$n.json" \
        "$s75 simulate $tmp/bench.yaml --threads $n --format json -o $tmp/out$n.json" > /dev/null
done
cmp "$tmp/out1.json" "$tmp/out2.json" > /dev/null && same=yes || same=NO
"$py" - "$tmp/t1.json" "$tmp/t2.json" "$draw_years" "$same" <<'PY'
import json, sys
med = [json.load(open(f))["results"][0]["median"] for f in sys.argv[1:3]]
dy = int(sys.argv[3])
print("1 thread : median %.3f s  %.2f million draw-years/s (target >= 5)" % (med[0], dy / med[0] / 1e6))
print("2 threads: median %.3f s  %.2f million draw-years/s, %.2fx one thread (target >= 1.8)"
      % (med[1], dy / med[1] / 1e6, med[0] / med[1]))
print("same JSON bytes for 1 and 2 threads: %s" % sys.argv[4])
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

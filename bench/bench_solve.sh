#!/bin/sh
# Speed of goal seeking and two-way tables:
#   1. `s75 solve` to a confidence target (the chance of an overspend over the
#      horizon at most 20%, by the council's uplift) on the Kent scenario at
#      its 20,000 draws, on 1 and 2 threads;
#   2. a 21 x 21 grid of the horizon variance on the 0-19 scenario (the
#      council's uplift by the 2026/27 pay award), on 1 and 2 threads;
#   3. the same 441 cells as 441 separate `s75 run --set X --set Y` commands.
#
#   bench/bench_solve.sh [path/to/s75] [runs]   (default: build/examples/s75, 5)
#
# Prints hyperfine's median wall time of each, and the CPU time (user + sys)
# of one run of each: on a shared machine the wall time measures the
# neighbours too, the CPU time only the program.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
s75=${1:-$here/../build/examples/s75}
runs=${2:-5}
kent=$here/../configs/kent-health-visiting.yaml
d019=$here/../configs/derbyshire-0-19.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

solve="$s75 solve $kent --vary 'partners[kcc].contribution.uplift' --target 'p_overspend<=20%' --format json"
grid="$s75 grid $d019 --x 'partners[dcc].contribution.uplift=-2%:4%:21' --y 'pay.awards.2026=1%:5%:21' --format json"

# The 441 runs, one process each, as a script hyperfine can time.
/usr/bin/python3 - "$s75" "$d019" > "$tmp/separate.sh" <<'PY'
import sys
s75, path = sys.argv[1], sys.argv[2]
print("#!/bin/sh\nset -e")
for i in range(21):
    for j in range(21):
        x = float("%.12g" % (-0.02 + 0.06 * j / 20))
        y = float("%.12g" % (0.01 + 0.04 * i / 20))
        print(f"'{s75}' run '{path}' --format json --set 'partners[dcc].contribution.uplift={x!r}'"
              f" --set 'pay.awards.2026={y!r}' > /dev/null")
PY
chmod +x "$tmp/separate.sh"

echo "machine: $(nproc) online cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --style basic --runs "$runs" --export-json "$tmp/h.json" \
    -n "solve p_overspend, 1 thread" "$solve --threads 1" \
    -n "solve p_overspend, 2 threads" "$solve --threads 2" \
    -n "grid 21x21 variance, 1 thread" "$grid --threads 1" \
    -n "grid 21x21 variance, 2 threads" "$grid --threads 2" > /dev/null
hyperfine --style basic --runs 3 --export-json "$tmp/sep.json" \
    -n "441 separate s75 run" "$tmp/separate.sh" > /dev/null

/usr/bin/python3 - "$tmp/h.json" "$tmp/sep.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"] + json.load(open(sys.argv[2]))["results"]
print("%-34s %10s %12s" % ("", "median s", "cpu s (mean)"))
for r in rows:
    print("%-34s %10.3f %12.3f" % (r["command"], r["median"], r["user"] + r["system"]))
med = {r["command"]: r for r in rows}
g1, sep = med["grid 21x21 variance, 1 thread"], med["441 separate s75 run"]
print("grid (1 thread) against 441 separate runs: %.1fx less wall time, %.1fx less CPU"
      % (sep["median"] / g1["median"], (sep["user"] + sep["system"]) / (g1["user"] + g1["system"])))
PY

#!/bin/sh
# Time and peak memory of `s75 appraise` (SMAA and the optimism-bias sweep) on
# 20 options x 12 criteria x 100,000 draws, against `s75 run` on the same file
# (everything but SMAA and the sweep), so the difference is SMAA's own cost.
# Medians of repeated runs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exe=${1:-$here/../build/examples/s75}
options=${2:-20}
criteria=${3:-12}
draws=${4:-100000}
out=$(mktemp -d)
/usr/bin/python3 "$here/gen_smaa.py" "$options" "$criteria" "$draws" > "$out/smaa.yaml"
"$exe" validate "$out/smaa.yaml" >/dev/null
echo "SMAA: $options options x $criteria criteria x $draws draws; cores: $(nproc)"
hyperfine -N --warmup 2 --runs 10 \
    "$exe appraise --format json $out/smaa.yaml" \
    "$exe run --format json $out/smaa.yaml" --export-json "$out/h.json" >/dev/null
/usr/bin/python3 -c "
import json
for r in json.load(open('$out/h.json'))['results']:
    print('%-12s median %8.1f ms  (min %.1f, max %.1f)' % (r['command'].split()[1], r['median']*1000,
          r['min']*1000, r['max']*1000))"
for mode in appraise run; do
    for i in 1 2 3 4 5; do
        /usr/bin/time -f "%M" "$exe" "$mode" --format json "$out/smaa.yaml" 2>&1 >/dev/null | tail -1
    done | sort -n | sed -n 3p | xargs printf "%-12s peak RSS median %s KiB\n" "$mode"
done
rm -rf "$out"

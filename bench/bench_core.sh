#!/bin/sh
# Time and peak memory of `s75 run` on the shipped scenario, on a generated
# one with 5,000 workforce lines over 30 years, and on the same size split
# over two pay systems (NHS on Agenda for Change, council on NJC grades).
# Medians of repeated runs; two systems should cost no more than 10% more
# time than one.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exe=${1:-$here/../build/examples/s75}
out=$(mktemp -d)
/usr/bin/python3 "$here/gen_core.py" 5000 30 "$here/../configs" > "$out/big.yaml"
/usr/bin/python3 "$here/gen_core.py" 5000 30 "$here/../configs" 2 > "$out/big2.yaml"
"$exe" validate "$out/big.yaml" >/dev/null
"$exe" validate "$out/big2.yaml" >/dev/null
echo "cores: $(nproc)"
hyperfine -N --warmup 2 --runs 10 \
    "$exe run --format json $here/../configs/derbyshire-0-19.yaml" \
    "$exe run --format json $out/big.yaml" \
    "$exe run --format json $out/big2.yaml" --export-json "$out/h.json" >/dev/null
/usr/bin/python3 -c "
import json,sys
for r in json.load(open('$out/h.json'))['results']:
    print('%-70s median %.1f ms' % (r['command'][-60:], r['median']*1000))"
for f in "$here/../configs/derbyshire-0-19.yaml" "$out/big.yaml" "$out/big2.yaml"; do
    for i in 1 2 3 4 5; do
        /usr/bin/time -f "%M" "$exe" run --format json "$f" 2>&1 >/dev/null | tail -1
    done | sort -n | sed -n 3p | xargs printf "%s: peak RSS median %s KiB\n" "$(basename "$f")"
done
rm -rf "$out"

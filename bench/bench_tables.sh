#!/bin/sh
# Loading CSV tables: `s75 validate` (read, check and map the table, build the
# scenario) on generated ledgers of 10k/50k/100k rows and establishments of
# 2k/5k/10k rows. Wall time (hyperfine median of 10 runs), CPU time (user +
# system, hyperfine's mean: on a shared machine the wall time also counts the
# wait for a core) and peak RSS (median of 5). `validate` loads the scenario
# twice (the check, then the load that reports what each table gave).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exe=${1:-$here/../build/examples/s75}
out=$(mktemp -d)
echo "cores: $(nproc)"
for spec in ledger:10000 ledger:50000 ledger:100000 establishment:2000 establishment:5000 \
            establishment:10000; do
    kind=${spec%%:*} n=${spec##*:}
    mkdir -p "$out/$kind-$n"
    /usr/bin/python3 "$here/gen_tables.py" "$kind" "$n" "$out/$kind-$n"
    yaml="$out/$kind-$n/$kind.yaml"
    "$exe" validate "$yaml" >/dev/null
    hyperfine -N --warmup 1 --runs 10 "$exe validate $yaml" --export-json "$out/h.json" >/dev/null
    ms=$(/usr/bin/python3 -c "import json; r = json.load(open('$out/h.json'))['results'][0]; print('%.1f ms, CPU %.1f' % (r['median'] * 1000, (r['user'] + r['system']) * 1000))")
    kib=$(for i in 1 2 3 4 5; do /usr/bin/time -f "%M" "$exe" validate "$yaml" 2>&1 >/dev/null | tail -1; done |
          sort -n | sed -n 3p)
    bytes=$(wc -c < "$out/$kind-$n/$kind.csv")
    printf "%-14s %7s rows %6s KiB: median %s ms, peak RSS %7s KiB\n" "$kind" "$n" $((bytes / 1024)) "$ms" "$kib"
done
# The same scenarios without their tables read, for the fixed cost (YAML, pay scale, variants).
"$exe" validate "$here/../configs/derbyshire-0-19.yaml" >/dev/null
hyperfine -N --warmup 1 --runs 10 "$exe validate $here/../configs/derbyshire-0-19.yaml" \
    --export-json "$out/h.json" >/dev/null
/usr/bin/python3 -c "import json; r = json.load(open('$out/h.json'))['results'][0]; print('no table (derbyshire-0-19.yaml): median %.1f ms, CPU %.1f ms' % (r['median'] * 1000, (r['user'] + r['system']) * 1000))"
rm -rf "$out"

#!/bin/sh
# Builds the fuzz harnesses with clang and the sanitizers and runs each for a
# share of a bounded time over a seed corpus of the shipped scenarios, the
# worked cases and the bad inputs. Any crash, leak, sanitizer report or
# timeout fails: the fuzzer's own exit status is checked, never piped away.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build=$root/build-fuzz
targets="fuzz_scenario fuzz_multi"
CC=clang meson setup "$build" "$root" -Dfuzz=true -Dtests=false -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
for t in $targets; do
    meson compile -C "$build" "fuzz/$t" >"$build/compile.log" 2>&1 || { cat "$build/compile.log"; exit 1; }
done
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp "$root"/configs/*.yaml "$root"/tests/data/bad/*.yaml "$root"/tests/data/cases/*.yaml "$corpus"/
# Regression inputs found by earlier runs, if any.
if [ -d "$root/fuzz/regressions" ]; then
    cp "$root"/fuzz/regressions/* "$corpus"/ 2>/dev/null || true
fi
share=$((seconds / 2))
[ "$share" -ge 1 ] || share=1
status=0
for t in $targets; do
    log="$build/$t.log"
    echo "== $t for $share s"
    if UBSAN_OPTIONS=halt_on_error=1 "$build/fuzz/$t" -max_total_time="$share" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 "$corpus" >"$log" 2>&1; then
        tail -15 "$log"
    else
        rc=$?
        tail -60 "$log"
        echo "$t failed (exit $rc): see $log and the crash-* file it names" >&2
        status=1
    fi
done
exit $status

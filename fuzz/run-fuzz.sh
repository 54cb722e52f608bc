#!/bin/sh
# Builds the fuzz harness with clang and the sanitizers and runs it for a
# bounded time over a seed corpus of the shipped scenarios, the worked cases
# and the bad inputs. Any crash, leak, sanitizer report or timeout fails.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
build=$root/build-fuzz
CC=clang meson setup "$build" "$root" -Dfuzz=true -Dtests=false -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
meson compile -C "$build" fuzz/fuzz_scenario >"$build/compile.log" 2>&1 || { cat "$build/compile.log"; exit 1; }
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp "$root"/configs/*.yaml "$root"/tests/data/bad/*.yaml "$root"/tests/data/cases/*.yaml "$corpus"/
# Regression inputs found by earlier runs, if any.
[ -d "$root/fuzz/regressions" ] && cp "$root"/fuzz/regressions/* "$corpus"/ 2>/dev/null || true
UBSAN_OPTIONS=halt_on_error=1 "$build/fuzz/fuzz_scenario" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 "$corpus" 2>&1 | tail -15

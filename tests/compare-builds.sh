#!/bin/sh
# Runs every command in every format on every shipped scenario and worked case
# with two builds of s75 and reports any output that differs. Used to check
# that a refactoring changes no figure:
#   sh tests/compare-builds.sh OLD/examples/s75 NEW/examples/s75 [CASES_DIR]
set -u
old=$1 new=$2 cases=${3:-tests/data/cases}
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
differ=0 runs=0
for f in configs/*.yaml "$cases"/*.yaml tests/data/portfolio-worked/*.yaml; do
    [ -f "$f" ] || continue
    for cmd in run appraise simulate monitor; do
        for fmt in text csv json html; do
            for side in old new; do
                eval exe=\$$side
                # The HTML paper names the generating version and date; neither is a figure.
                "$exe" $cmd --format $fmt "$f" -o "$tmp/$side.out" >"$tmp/$side.stdout" 2>"$tmp/$side.err"
                echo "exit $?" >>"$tmp/$side.err"
                [ -f "$tmp/$side.out" ] || : >"$tmp/$side.out"
            done
            runs=$((runs + 1))
            if ! cmp -s "$tmp/old.out" "$tmp/new.out" || ! cmp -s "$tmp/old.err" "$tmp/new.err"; then
                echo "differs: $cmd --format $fmt $f"
                differ=$((differ + 1))
            fi
            rm -f "$tmp/old.out" "$tmp/new.out"
        done
    done
done
echo "$runs runs, $differ differ"
[ "$differ" -eq 0 ]

#!/bin/sh
# Runs the s75 command under valgrind on every shipped scenario and every bad
# input: any memory error or leak fails the run.
set -u
exe=${1:?usage: valgrind-cli.sh PATH/TO/s75}
root=$(cd "$(dirname "$0")/.." && pwd)
vg="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
failed=0 runs=0
check() {
    runs=$((runs + 1))
    $vg "$@" >/dev/null 2>/tmp/s75-vg.$$
    rc=$?
    # 99: valgrind found errors; 128 and up: killed by a signal (a crash).
    if [ $rc = 99 ] || [ $rc -ge 128 ]; then
        echo "valgrind: errors (exit $rc) in: $*"
        cat /tmp/s75-vg.$$
        failed=$((failed + 1))
    fi
}
for f in "$root"/configs/*.yaml; do
    check "$exe" run --format json "$f"
    check "$exe" validate "$f"
    # The other commands where the file has their block, with few draws:
    # valgrind is slow, and the draws all run the same code.
    grep -q '^appraisal:' "$f" && check "$exe" appraise --format json "$f" --set appraisal.smaa.draws=200
    grep -q '^uncertainty:' "$f" && check "$exe" simulate --threads 2 --format json "$f" --set uncertainty.draws=300
    grep -q '^monitoring:' "$f" && check "$exe" monitor --format json "$f"
    check "$exe" run --format html -o /tmp/s75-vg.$$.html "$f"
done
rm -f /tmp/s75-vg.$$.html
for f in "$root"/tests/data/bad/*.yaml "$root"/tests/data/cases/*.yaml; do
    check "$exe" validate "$f"
    check "$exe" run --format json "$f"
done
rm -f /tmp/s75-vg.$$
echo "$((runs - failed)) passed, $failed failed"
[ $failed = 0 ]

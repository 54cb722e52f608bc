#!/bin/sh
# The shared library's exports are exactly the frozen list in
# libs75/libs75.exports: only s75_ symbols, every function the headers declare
# with S75_API, and nothing the list lacks (a new public function is added to
# the list in the same commit, on purpose).
set -eu
lib=${1:?usage: check-exports.sh LIBS75_SO INCLUDE_DIR [EXPORTS_LIST]}
inc=${2:?}
list=${3:-$(dirname "$0")/../libs75/libs75.exports}
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRV]$/ {print $3}' | sed 's/@.*//' |
    grep -v -E '^(_init|_fini|_edata|_end|__bss_start|LIBS75_[0-9A-Z_]*)$' | sort -u)
bad=$(printf '%s\n' "$exported" | grep -v '^s75_' || true)
if [ -n "$bad" ]; then
    echo "symbols exported without the s75_ prefix:"
    printf '%s\n' "$bad"
    exit 1
fi
declared=$(grep -ho 'S75_API [^;]*' "$inc"/s75/*.h | grep -o 's75_[a-z0-9_]*(' | tr -d '(' | sort -u)
missing=$(printf '%s\n' "$declared" | while read -r f; do printf '%s\n' "$exported" | grep -qx "$f" || echo "$f"; done)
if [ -n "$missing" ]; then
    echo "declared in a header but not exported:"
    printf '%s\n' "$missing"
    exit 1
fi
frozen=$(grep -v '^#' "$list" | sort -u)
if [ "$frozen" != "$exported" ]; then
    echo "the exports differ from the frozen list in $list (< frozen, > exported):"
    printf '%s\n' "$frozen" > "${TMPDIR:-/tmp}/s75-frozen.$$"
    printf '%s\n' "$exported" | diff "${TMPDIR:-/tmp}/s75-frozen.$$" - || true
    rm -f "${TMPDIR:-/tmp}/s75-frozen.$$"
    exit 1
fi
undeclared=$(printf '%s\n' "$exported" | while read -r f; do printf '%s\n' "$declared" | grep -qx "$f" || echo "$f"; done)
if [ -n "$undeclared" ]; then
    echo "exported but declared in no public header:"
    printf '%s\n' "$undeclared"
    exit 1
fi
echo "$(printf '%s\n' "$exported" | wc -l) exports, all frozen in $(basename "$list"), all declared: passed"

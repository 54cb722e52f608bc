#!/bin/sh
# Only s75_ symbols leave the shared library, and every function the headers
# declare is exported.
set -eu
lib=${1:?usage: check-exports.sh LIBS75_SO INCLUDE_DIR}
inc=${2:?}
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRV]$/ {print $3}' | sort)
bad=$(printf '%s\n' "$exported" | grep -v '^s75_' | grep -v -E '^(_init|_fini|_edata|_end|__bss_start)$' || true)
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
echo "$(printf '%s\n' "$exported" | wc -l) passed, 0 failed"

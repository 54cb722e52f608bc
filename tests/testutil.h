/* Helpers shared by the cmocka suites. */
#ifndef S75_TESTUTIL_H
#define S75_TESTUTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <s75/s75.h>

/* cmocka 1.1.5 has no assert_double_equal and its assert_float_equal casts to
 * float, which loses pennies on millions: compare doubles ourselves. */
#define assert_close(actual, expected, tol)                                                  \
    do {                                                                                     \
        double a_ = (actual), e_ = (expected), t_ = (tol);                                   \
        if (!(fabs(a_ - e_) <= t_)) {                                                        \
            print_error("%s = %.10f, expected %.10f (tolerance %g)\n", #actual, a_, e_, t_); \
            fail();                                                                          \
        }                                                                                    \
    } while (0)

/* Money to the penny (half a penny either way). */
#define assert_money(actual, expected) assert_close((actual), (expected), 0.005)

/* Path of a file in the source tree: S75_SOURCE_ROOT is set by meson. */
static inline const char *source_path(char *buf, size_t cap, const char *rel)
{
    const char *root = getenv("S75_SOURCE_ROOT");
    snprintf(buf, cap, "%s/%s", root ? root : ".", rel);
    return buf;
}

/* A scenario from YAML text that must load; `name` is the file name its
 * messages give. The caller frees it. */
static inline s75_scenario *test_load(const char *yaml, const char *name)
{
    s75_scenario *sc = NULL;
    s75_error err;
    int rc = s75_scenario_load_string(&sc, yaml, strlen(yaml), name, &err);
    if (rc != S75_OK)
        print_error("%s: %s\n", name, err.message);
    assert_int_equal(rc, S75_OK);
    return sc;
}

/* s75_run() in `mode` on `threads` (0: every core), which must succeed. */
static inline s75_result *test_run(const s75_scenario *sc, s75_mode mode, unsigned threads)
{
    s75_run_options o = S75_RUN_OPTIONS_INIT;
    o.mode = mode;
    o.threads = threads;
    s75_result *res = NULL;
    s75_error err;
    int rc = s75_run(&res, sc, &o, &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    return res;
}

#endif

/* Every allocation of the library may fail: the n-th one is made to fail
 * (malloc, calloc, realloc and strdup wrapped at link time, -Wl,--wrap),
 * for n = 1, 2, ... until a whole load, run and render goes through without
 * reaching n. Each time the library must come back with S75_ENOMEM (never
 * another code, a crash, a leak under ASan, or a result made of a NULL it
 * did not check). The libraries it links (libyaml, GSL, libxlsxwriter) keep
 * their own allocator: only our calls are counted. */
#include "testutil.h"

#include <stdatomic.h>
#include <unistd.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);

/* Which allocation fails (0: none), and how many were made. */
static atomic_ulong fail_at, made;

static int should_fail(void)
{
    unsigned long k = atomic_fetch_add(&made, 1) + 1;
    return atomic_load(&fail_at) == k;
}

void *__wrap_malloc(size_t size)
{
    return should_fail() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return should_fail() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
    return should_fail() ? NULL : __real_strdup(s);
}

/* One pass: load (with a variant check and an override), run in a mode,
 * render every text format and write the workbook. Returns the first
 * status that is not S75_OK (S75_OK when all went through). */
static int one_pass(const char *file, s75_mode mode, const char *xlsx, int small)
{
    static const char *const sets[] = { "appraisal.smaa={draws: 200, seed: 1}",
                                        "uncertainty={draws: 20, seed: 1}" };
    s75_load_options o = S75_LOAD_OPTIONS_INIT;
    o.overrides = sets;
    o.override_count = small ? 2 : 0;
    s75_error err;
    s75_scenario *sc = NULL;
    int rc = s75_scenario_load_file_opts(&sc, file, &o, &err);
    if (rc != S75_OK) {
        if (rc != S75_ENOMEM)
            print_error("load: %s\n", err.message);
        return rc;
    }
    s75_run_options ro = S75_RUN_OPTIONS_INIT;
    ro.mode = mode;
    ro.threads = 1;
    s75_result *res = NULL;
    rc = s75_run(&res, sc, &ro, &err);
    s75_scenario_free(sc);
    if (rc != S75_OK) {
        if (rc != S75_ENOMEM)
            print_error("run: %s\n", err.message);
        return rc;
    }
    for (int f = S75_FORMAT_TEXT; rc == S75_OK && f <= S75_FORMAT_HTML; f++) {
        char *out = NULL;
        size_t len = 0;
        rc = s75_result_render(&out, &len, res, (s75_format)f, &err);
        if (rc == S75_OK)
            assert_true(out != NULL && len > 0);
        s75_free(out);
    }
    if (rc == S75_OK && xlsx)
        rc = s75_result_write_file(res, S75_FORMAT_XLSX, xlsx, &err);
    if (rc != S75_OK && rc != S75_ENOMEM)
        print_error("render: %s\n", err.message);
    s75_result_free(res);
    return rc;
}

/* with_xlsx: also write the workbook (slow: a file each pass), in one mode. */
static void fail_each_allocation(const char *rel, s75_mode mode, int small, int with_xlsx)
{
    char file[4096], path[64];
    source_path(file, sizeof file, rel);
    snprintf(path, sizeof path, "/tmp/s75-alloc-%ld.xlsx", (long)getpid());
    const char *xlsx = with_xlsx ? path : NULL;
    atomic_store(&fail_at, 0);
    atomic_store(&made, 0);
    assert_int_equal(one_pass(file, mode, xlsx, small), S75_OK);
    unsigned long total = atomic_load(&made);
    assert_true(total > 100); /* the wrap took: the library's calls are counted */
    for (unsigned long n = 1;; n++) {
        atomic_store(&made, 0);
        atomic_store(&fail_at, n);
        int rc = one_pass(file, mode, xlsx, small);
        unsigned long reached = atomic_load(&made);
        if (rc != S75_OK && rc != S75_ENOMEM)
            print_error("allocation %lu of %s failed: status %d, not S75_ENOMEM\n", n, rel, rc);
        assert_true(rc == S75_OK || rc == S75_ENOMEM);
        if (reached < n) {
            /* The failure was never reached: every allocation has been tried. */
            assert_int_equal(rc, S75_OK);
            break;
        }
    }
    atomic_store(&fail_at, 0);
    unlink(path);
}

static void run_mode(void **state)
{
    (void)state;
    fail_each_allocation("tests/data/cases/case-1001.yaml", S75_MODE_RUN, 1, 1);
}

static void appraise_mode(void **state)
{
    (void)state;
    fail_each_allocation("tests/data/cases/case-1001.yaml", S75_MODE_APPRAISE, 1, 0);
}

static void simulate_mode(void **state)
{
    (void)state;
    fail_each_allocation("tests/data/cases/case-1001.yaml", S75_MODE_SIMULATE, 1, 0);
}

static void portfolio(void **state)
{
    (void)state;
    fail_each_allocation("tests/data/portfolio-worked/portfolio.yaml", S75_MODE_RUN, 0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(run_mode),
        cmocka_unit_test(appraise_mode),
        cmocka_unit_test(simulate_mode),
        cmocka_unit_test(portfolio),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The loader: every bad input gets a clear error with file:line:column and
 * field path; hostile files are refused without a crash or a hang. */
#include "testutil.h"

#include <dirent.h>
#include <unistd.h>

#include <s75/s75.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

static int messages_contain(const s75_diagnostics *d, const char *needle)
{
    for (size_t i = 0; i < s75_diagnostics_count(d); i++)
        if (strstr(s75_diagnostics_get(d, i)->message, needle))
            return 1;
    return 0;
}

/* tests/data/bad: each NAME.yaml has one defect; each line of NAME.expect
 * must appear in some error message. */
static void bad_inputs_corpus(void **state)
{
    (void)state;
    char dir[1024], path[2048], expect[2048];
    source_path(dir, sizeof dir, "tests/data/bad");
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    int cases = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(expect, sizeof expect, "%s/%.*s.expect", dir, (int)(n - 5), e->d_name);
        char *want = slurp(expect);
        assert_non_null(want);
        s75_diagnostics *d = NULL;
        int count = s75_scenario_check_file(&d, path);
        if (count < 1)
            print_error("%s: no error reported\n", e->d_name);
        assert_true(count >= 1);
        for (char *line = strtok(want, "\n"); line; line = strtok(NULL, "\n")) {
            if (!messages_contain(d, line)) {
                print_error("%s: no message contains '%s'; first: %s\n", e->d_name, line,
                            s75_diagnostics_get(d, 0)->message);
                fail();
            }
        }
        /* The single-error entry point reports the same first error. */
        s75_scenario *sc = (s75_scenario *)1;
        s75_error err;
        assert_int_not_equal(s75_scenario_load_file(&sc, path, &err), S75_OK);
        assert_null(sc);
        assert_string_equal(err.message, s75_diagnostics_get(d, 0)->message);
        s75_diagnostics_free(d);
        free(want);
        cases++;
    }
    closedir(dp);
    assert_true(cases >= 40);
}

static void expect_error(const char *yaml, int code, const char *needle)
{
    s75_scenario *sc = NULL;
    s75_error err;
    memset(&err, 0, sizeof err);
    int rc = s75_scenario_load_string(&sc, yaml, strlen(yaml), "t.yaml", &err);
    if (rc != code || !strstr(err.message, needle))
        print_error("rc %d, message '%s'; wanted %d and '%s'\n", rc, err.message, code, needle);
    assert_int_equal(rc, code);
    assert_non_null(strstr(err.message, needle));
    assert_null(sc);
}

#define MINIMAL "s75: 1\nname: x\nbase_year: 2025\nyears: 2\npartners: [{id: a, contribution: {amount: 1}}]\n"

static void messages_name_line_column_and_path(void **state)
{
    (void)state;
    expect_error(MINIMAL "non_pay: [{name: n, amount: -3}]\n", S75_EINVAL,
                 "t.yaml:6:29: non_pay[0].amount: must be >= 0, got -3");
    expect_error(MINIMAL "non_pay: [{name: n, amount: 1, inflaton: 0.02}]\n", S75_EINVAL,
                 "non_pay[0].inflaton: unknown key 'inflaton' (did you mean 'inflation'?)");
    expect_error(MINIMAL "non_pay: [{name: n, amount: .nan}]\n", S75_EINVAL,
                 "must be a finite number, got .nan");
    expect_error(MINIMAL "non_pay: [{name: n, amount: 1, inflation: 2}]\n", S75_EINVAL,
                 "a bare rate must be a fraction between -1 and 1, got 2");
    expect_error(MINIMAL "non_pay: [{name: n, amount: 1, inflation: {2027: \"2%\"}}]\n", S75_EINVAL,
                 "non_pay[0].inflation.2027/28: year 2027/28 is outside the model");
    expect_error(MINIMAL "non_pay: [{name: n, amount: 1, inflation: {\"2026/28\": \"2%\"}}]\n",
                 S75_EINVAL, "'2026/28' is not a financial year");
    expect_error("s75: 1\nname: x\nbase_year: 2025\nyears: 2\n", S75_EINVAL,
                 "t.yaml:1:1: missing required key 'partners'");
    expect_error("s75: 2\nname: x\nbase_year: 2025\nyears: 2\npartners: []\n", S75_EINVAL,
                 "s75: this library reads schema version 1, got 2");
    expect_error(MINIMAL "pools: []\n", S75_EINVAL, "may not hold 'partners'");
    /* Tiers out of order, and a negative width. */
    expect_error(MINIMAL "risk_share: {overspend: {rule: tiered, tiers: [{up_to: 500, shares: {a: 1}}, "
                 "{up_to: 200, shares: {a: 1}}, {rule: proportional}]}}\n", S75_EINVAL,
                 "risk_share.overspend.tiers[1].up_to: tiers must be in order: up_to 200 is not above the "
                 "previous tier's 500");
    expect_error(MINIMAL "risk_share: {overspend: {rule: tiered, tiers: [{up_to: -5, shares: {a: 1}}, "
                 "{rule: proportional}]}}\n", S75_EINVAL, "tiers[0].up_to: must be >= 0, got -5");
    expect_error(MINIMAL "risk_share: {underspend: {rule: fixed, shares: {a: \"100%\"}, caps: {a: -1}}}\n",
                 S75_EINVAL, "risk_share.underspend.caps.a: must be >= 0, got -1");
}

static void collects_every_error(void **state)
{
    (void)state;
    const char *yaml = MINIMAL "non_pay: [{name: n, amount: -1}, {name: m, amount: x}]\nworkfroce: []\n";
    s75_diagnostics *d = NULL;
    assert_int_equal(s75_scenario_check_string(&d, yaml, strlen(yaml), "t.yaml"), 3);
    assert_true(messages_contain(d, "non_pay[0].amount"));
    assert_true(messages_contain(d, "non_pay[1].amount: expected a number, got 'x'"));
    assert_true(messages_contain(d, "did you mean 'workforce'"));
    const s75_error *e = s75_diagnostics_get(d, 0);
    /* Top-level keys are checked first: the typo on line 7. */
    assert_int_equal(e->line, 7);
    assert_string_equal(e->file, "t.yaml");
    assert_null(s75_diagnostics_get(d, 3));
    s75_diagnostics_free(d);
}

static void accepted_spellings(void **state)
{
    (void)state;
    /* Per cent strings and fractions, underscores, both year spellings. */
    const char *yaml = "s75: 1\nname: x\nbase_year: 2025\nyears: 3\n"
                       "non_pay: [{name: n, amount: 1_000, inflation: {\"2026/27\": \"10%\", 2027: 0.1}}]\n"
                       "partners: [{id: a, contribution: {amount: 1_000}}]\n";
    s75_scenario *sc;
    s75_error err;
    assert_int_equal(s75_scenario_load_string(&sc, yaml, strlen(yaml), NULL, &err), S75_OK);
    s75_result *res;
    assert_int_equal(s75_run(&res, sc, NULL, &err), S75_OK);
    /* 1000 * 1.1 * 1.1 = 1210 */
    assert_money(s75_projection_value(s75_result_projection(res), S75_LINE_NON_PAY, 2), 1210.0);
    assert_string_equal(s75_scenario_name(sc), "x");
    assert_int_equal(s75_scenario_base_year(sc), 2025);
    assert_int_equal(s75_scenario_year_count(sc), 3);
    assert_int_equal(strlen(s75_scenario_sha256(sc)), 64);
    assert_int_equal(s75_scenario_is_portfolio(sc), 0);
    /* One input, the string itself under its name; the digest is over it alone. */
    assert_int_equal(s75_scenario_input_count(sc), 1);
    assert_string_equal(s75_scenario_input_path(sc, 0), "<string>");
    assert_string_equal(s75_scenario_input_sha256(sc, 0), s75_scenario_sha256(sc));
    assert_null(s75_scenario_input_path(sc, 1));
    assert_null(s75_scenario_input_sha256(sc, 1));
    assert_int_equal(strlen(s75_scenario_digest(sc)), 64);
    assert_string_not_equal(s75_scenario_digest(sc), s75_scenario_sha256(sc));
    assert_int_equal(s75_scenario_input_count(NULL), 0);
    assert_null(s75_scenario_digest(NULL));
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
}

static void hostile_files(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/s75-hostile-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    char path[256];

    /* 10,000 levels of nesting. */
    size_t depth = 10000;
    char *deep = malloc(2 * depth + 64);
    assert_non_null(deep);
    strcpy(deep, "s75: ");
    size_t n = strlen(deep);
    for (size_t i = 0; i < depth; i++)
        deep[n++] = '[';
    for (size_t i = 0; i < depth; i++)
        deep[n++] = ']';
    deep[n] = '\0';
    expect_error(deep, S75_ELIMIT, "nesting deeper than 64 levels");
    free(deep);

    /* The billion laughs: each level is ten aliases of the one before. */
    {
        char bomb[4096] = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (int i = 1; i < 12; i++) {
            char line[128];
            snprintf(line, sizeof line, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
                     i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
            strcat(bomb, line);
        }
        expect_error(bomb, S75_ELIMIT, "nodes (aliases expanded)");
    }

    /* A file over the size limit is refused before it is parsed. */
    snprintf(path, sizeof path, "%s/huge.yaml", tmpl);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 100L * 1024 * 1024, SEEK_SET), 0);
    fputc('\n', f);
    fclose(f);
    s75_scenario *sc;
    s75_error err;
    assert_int_equal(s75_scenario_load_file(&sc, path, &err), S75_ELIMIT);
    assert_non_null(strstr(err.message, "the limit is"));
    unlink(path);

    /* Not YAML, binary, empty, a directory, a missing file. */
    expect_error("{[}", S75_EINVAL, "not valid YAML");
    /* A control character deep in the file is placed where it is. */
    expect_error("s75: 1\nname: \"a\x01b\"\n", S75_EINVAL, "t.yaml:2:9: not valid YAML");
    expect_error("", S75_EINVAL, "empty file");
    write_file(path, "\x00\x01\x02garbage", 10);
    assert_int_not_equal(s75_scenario_load_file(&sc, path, &err), S75_OK);
    unlink(path);
    assert_int_equal(s75_scenario_load_file(&sc, tmpl, &err), S75_EIO);
    snprintf(path, sizeof path, "%s/none.yaml", tmpl);
    assert_int_equal(s75_scenario_load_file(&sc, path, &err), S75_EIO);
    assert_non_null(strstr(err.message, "cannot open"));

    /* Two includes that include each other. */
    char a[256], b[256];
    snprintf(a, sizeof a, "%s/a.yaml", tmpl);
    snprintf(b, sizeof b, "%s/b.yaml", tmpl);
    const char *ta = MINIMAL "include: [b.yaml]\n";
    write_file(a, ta, strlen(ta));
    write_file(b, "include: [b.yaml]\n", 18);
    assert_int_equal(s75_scenario_load_file(&sc, a, &err), S75_EINVAL);
    assert_non_null(strstr(err.message, "includes itself"));
    unlink(a);
    unlink(b);
    rmdir(tmpl);
}

/* Inputs the fuzzer once broke: each must load or fail cleanly, and run. */
static void fuzz_regressions(void **state)
{
    (void)state;
    char dir[1024], path[2048];
    source_path(dir, sizeof dir, "fuzz/regressions");
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(dp))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        s75_scenario *sc;
        if (s75_scenario_load_file(&sc, path, NULL) == S75_OK) {
            s75_result *res;
            if (s75_run(&res, sc, NULL, NULL) == S75_OK) {
                char *text;
                assert_int_equal(s75_result_render(&text, NULL, res, S75_FORMAT_TEXT, NULL), S75_OK);
                s75_free(text);
                s75_result_free(res);
            }
            s75_scenario_free(sc);
        }
        n++;
    }
    closedir(dp);
    assert_true(n >= 1);
}

static void api_misuse(void **state)
{
    (void)state;
    s75_error err;
    s75_scenario *sc;
    assert_int_equal(s75_scenario_load_file(NULL, "x", &err), S75_EUSAGE);
    assert_int_equal(s75_scenario_load_file(&sc, NULL, &err), S75_EUSAGE);
    assert_null(sc);
    assert_int_equal(s75_scenario_load_string(&sc, NULL, 0, NULL, NULL), S75_EUSAGE);
    assert_int_equal(s75_scenario_check_file(NULL, "x"), S75_EUSAGE);
    s75_result *res;
    assert_int_equal(s75_run(&res, NULL, NULL, &err), S75_EUSAGE);
    assert_null(res);
    assert_int_equal(s75_run(NULL, NULL, NULL, NULL), S75_EUSAGE);
    s75_run_options bad = S75_RUN_OPTIONS_INIT;
    bad.version = 99;
    const char *yaml = MINIMAL;
    assert_int_equal(s75_scenario_load_string(&sc, yaml, strlen(yaml), NULL, NULL), S75_OK);
    assert_int_equal(s75_run(&res, sc, &bad, &err), S75_EUSAGE);
    s75_run_options sim = S75_RUN_OPTIONS_INIT;
    sim.mode = S75_MODE_SIMULATE;
    assert_int_equal(s75_run(&res, sc, &sim, &err), S75_EINVAL);
    assert_non_null(strstr(err.message, "uncertainty"));
    char *out;
    assert_int_equal(s75_result_render(&out, NULL, NULL, S75_FORMAT_JSON, &err), S75_EUSAGE);
    assert_null(out);
    s75_scenario_free(sc);
    s75_scenario_free(NULL);
    s75_result_free(NULL);
    s75_diagnostics_free(NULL);
    assert_null(s75_scenario_name(NULL));
    assert_null(s75_result_projection(NULL));
    assert_int_equal(s75_diagnostics_count(NULL), 0);
    assert_string_equal(s75_strerror(S75_ELIMIT), "a safety limit was exceeded");
    assert_string_equal(s75_version(), S75_VERSION);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bad_inputs_corpus),
        cmocka_unit_test(messages_name_line_column_and_path),
        cmocka_unit_test(collects_every_error),
        cmocka_unit_test(accepted_spellings),
        cmocka_unit_test(hostile_files),
        cmocka_unit_test(fuzz_regressions),
        cmocka_unit_test(api_misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Variants, --set overrides and the comparison of runs: every kind
 * of path, the errors that name the override, copy-on-write under aliases,
 * comparisons that must give zero or the difference of two runs, and report
 * files that are written whole or not at all. */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <s75/s75.h>

#include "compare_table.h"
#include "model.h"
#include "run.h"

/* One band of two points (30,000 and 40,000), everyone on the top point, no
 * on-costs: pay(t) = 10 WTE x point(t). Awards 3% from 2026/27, so the top
 * point is 40,000, 41,200, 42,436. Non-pay: travel 1,000 growing 2% a year,
 * rent 2,000 flat. Both partners contribute 500,000 through one alias. */
static const char base_yaml[] =
    "s75: 1\n"
    "name: Desk test\n"
    "base_year: 2025\n"
    "years: 3\n"
    "scales:\n"
    "  t:\n"
    "    year: 2025\n"
    "    bands:\n"
    "      \"6\": {points: [30000, 40000], progression_years: [2]}\n"
    "pay:\n"
    "  scale: t\n"
    "  awards: {2026: \"3%\"}\n"
    "  oncosts:\n"
    "    employer_ni: {rate: \"0%\", threshold: 0}\n"
    "    pension: \"0%\"\n"
    "workforce:\n"
    "  - role: Health visitor\n"
    "    band: \"6\"\n"
    "    wte: 10\n"
    "non_pay:\n"
    "  - name: Travel and mileage\n"
    "    amount: 1000\n"
    "    inflation: \"2%\"\n"
    "  - name: Rent\n"
    "    amount: 2000\n"
    "partners:\n"
    "  - id: dcc\n"
    "    name: County\n"
    "    contribution: &c {amount: 500000}\n"
    "  - id: nhs\n"
    "    contribution: *c\n"
    "variants:\n"
    "  optimistic:\n"
    "    pay.awards.2026: \"2%\"\n"
    "  pessimistic:\n"
    "    pay.awards.2026/27: \"5%\"\n"
    "    partners[dcc].contribution.amount: 450000\n";

static s75_scenario *load_with(const char *text, const char *const *sets, size_t n,
                               const char *variant, s75_error *err)
{
    s75_load_options o = S75_LOAD_OPTIONS_INIT;
    o.overrides = sets;
    o.override_count = n;
    o.variant = variant;
    s75_scenario *sc = NULL;
    int rc = s75_scenario_load_string_opts(&sc, text, strlen(text), "desk.yaml", &o, err);
    if (rc != S75_OK)
        assert_null(sc);
    return sc;
}

static s75_scenario *load_set(const char *set)
{
    s75_error err;
    const char *sets[] = { set };
    s75_scenario *sc = load_with(base_yaml, sets, 1, NULL, &err);
    if (!sc)
        print_error("%s: %s\n", set, err.message);
    assert_non_null(sc);
    return sc;
}

static s75_result *run_of(const s75_scenario *sc)
{
    s75_result *res = NULL;
    s75_error err;
    assert_int_equal(s75_run(&res, sc, NULL, &err), S75_OK);
    return res;
}

/* The error an override gives: load fails with EINVAL and the message. */
static void assert_set_error(const char *set, const char *message_prefix)
{
    s75_error err;
    const char *sets[] = { set };
    assert_null(load_with(base_yaml, sets, 1, NULL, &err));
    assert_int_equal(err.code, S75_EINVAL);
    if (strncmp(err.message, message_prefix, strlen(message_prefix)) != 0) {
        print_error("got      %s\nexpected %s...\n", err.message, message_prefix);
        fail();
    }
}

/* ---- --set on every kind of field ---- */

static void base_as_written(void **state)
{
    (void)state;
    s75_error err;
    s75_scenario *sc = load_with(base_yaml, NULL, 0, NULL, &err);
    assert_non_null(sc);
    s75_result *res = run_of(sc);
    /* pay 400,000, 412,000, 424,360; non-pay 3,000, 3,020, 3,040.40 */
    assert_money(res->proj.cost[0], 403000);
    assert_money(res->proj.cost[1], 415020);
    assert_money(res->proj.cost[2], 427400.40);
    assert_null(s75_scenario_variant(sc));
    assert_null(s75_scenario_override(sc, 0));
    assert_int_equal(s75_scenario_override_count(sc), 0);
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void set_scalar(void **state)
{
    (void)state;
    s75_scenario *sc = load_set("workforce[0].wte=12");
    assert_close(sc->lines[0].wte, 12, 0);
    s75_result *res = run_of(sc);
    assert_money(res->proj.pay[0], 480000); /* 12 x 40,000 */
    assert_string_equal(s75_scenario_override(sc, 0), "workforce[0].wte=12");
    assert_int_equal(s75_scenario_override_count(sc), 1);
    assert_null(s75_scenario_override(sc, 1));
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void set_series_key(void **state)
{
    (void)state;
    /* 4% in 2026/27: 40,000 -> 41,600 -> 43,264 (the step holds into 2027/28). */
    s75_scenario *sc = load_set("pay.awards.2026=4%");
    s75_result *res = run_of(sc);
    assert_money(res->proj.pay[1], 416000);
    assert_money(res->proj.pay[2], 432640);
    s75_result_free(res);
    s75_scenario_free(sc);
    /* The other spelling of the same key replaces it, it does not add one. */
    sc = load_set("pay.awards.2026/27=4%");
    res = run_of(sc);
    assert_money(res->proj.pay[2], 432640);
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void set_new_year_key(void **state)
{
    (void)state;
    /* 2027 is not in the map: it is added. 3% then 5%: 41,200, 43,260. */
    s75_scenario *sc = load_set("pay.awards.2027=5%");
    s75_result *res = run_of(sc);
    assert_money(res->proj.pay[1], 412000);
    assert_money(res->proj.pay[2], 432600);
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void set_year_on_single_value(void **state)
{
    (void)state;
    /* Inflation "2%" becomes {1900: 2%, 2027: 10%}: 1,000, 1,020, 1,122. */
    s75_scenario *sc = load_set("non_pay[Travel and mileage].inflation.2027=10%");
    s75_result *res = run_of(sc);
    assert_money(res->proj.non_pay[1], 3020);
    assert_money(res->proj.non_pay[2], 1122 + 2000);
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void set_list_item_by_id(void **state)
{
    (void)state;
    s75_scenario *sc = load_set("partners[dcc].contribution.uplift=-2%");
    s75_result *res = run_of(sc);
    /* dcc 500,000 x 0.98^t; nhs, which shares the node by alias, unchanged */
    assert_money(res->proj.contributions[0 * 3 + 2], 480200);
    assert_money(res->proj.contributions[1 * 3 + 2], 500000);
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void set_under_an_alias_copies(void **state)
{
    (void)state;
    s75_scenario *sc = load_set("partners[dcc].contribution.amount=450000");
    assert_close(sc->partners[0].amount, 450000, 0);
    assert_close(sc->partners[1].amount, 500000, 0);
    s75_scenario_free(sc);
}

static void set_by_name_and_role(void **state)
{
    (void)state;
    s75_scenario *sc = load_set("non_pay[Rent].amount=5000");
    assert_close(sc->non_pay[1].amount, 5000, 0);
    s75_scenario_free(sc);
    /* vacancy is absent in the file: the last key may be added. 9 WTE in post. */
    sc = load_set("workforce[Health visitor].vacancy=10%");
    s75_result *res = run_of(sc);
    assert_money(res->proj.pay[0], 360000);
    s75_result_free(res);
    s75_scenario_free(sc);
    /* An include-free scale is part of the tree too. */
    sc = load_set("scales.t.bands.6.points[1]=50000");
    assert_close(sc->bands[0].points[1], 50000, 0);
    s75_scenario_free(sc);
}

static void set_several_in_order(void **state)
{
    (void)state;
    s75_error err;
    const char *sets[] = { "workforce[0].wte=12", "workforce[0].wte=11" };
    s75_scenario *sc = load_with(base_yaml, sets, 2, NULL, &err);
    assert_non_null(sc);
    assert_close(sc->lines[0].wte, 11, 0); /* the later wins */
    s75_scenario_free(sc);
}

/* ---- bad paths and bad values ---- */

static void bad_paths(void **state)
{
    (void)state;
    assert_set_error("pay.awardz.2026=4%",
                     "--set pay.awardz.2026=4%: pay has no key 'awardz' (did you mean 'awards'?)");
    assert_set_error("partners[dc].contribution.amount=1",
                     "--set partners[dc].contribution.amount=1: no item of partners has the id, "
                     "name or role 'dc' (did you mean 'dcc'?)");
    assert_set_error("workforce[3].wte=1", "--set workforce[3].wte=1: workforce has 1 item; [3] "
                     "is past the end");
    assert_set_error("workforce[0].wtee=1", "--set workforce[0].wtee=1: workforce[0].wtee: "
                     "unknown key 'wtee' (did you mean 'wte'?)");
    assert_set_error("name.x=1", "--set name.x=1: name is a single value");
    assert_set_error("years", "--set years: an override is path=value");
    assert_set_error("pay..scale=t", "--set pay..scale=t: an empty key");
    assert_set_error("variants.optimistic=1", "--set variants.optimistic=1: variants cannot be "
                     "overridden");
    assert_set_error("pay.oncosts.2026=1", "--set pay.oncosts.2026=1: pay.oncosts has no key "
                     "'2026'");
}

static void bad_values(void **state)
{
    (void)state;
    s75_error err;
    const char *sets[] = { "pay.awards.2026=abc" };
    assert_null(load_with(base_yaml, sets, 1, NULL, &err));
    /* The override is the place of the error: no line, its text as the file. */
    assert_string_equal(err.file, "--set pay.awards.2026=abc");
    assert_int_equal(err.line, 0);
    assert_string_equal(err.path, "pay.awards.2026/27");
    assert_string_equal(err.message, "--set pay.awards.2026=abc: pay.awards.2026/27: expected a "
                        "number, got 'abc'");
    assert_set_error("workforce[0].wte=-1", "--set workforce[0].wte=-1: workforce[0].wte: must be "
                     "between 0 and 1000000, got -1");
    assert_set_error("workforce[0].wte=[1, 2]", "--set workforce[0].wte=[1, 2]: workforce[0].wte: "
                     "expected a number, got a list");
    assert_set_error("partners[0].contribution.amount=[1", "--set "
                     "partners[0].contribution.amount=[1: the value: not valid YAML");
    assert_set_error("pay.awards.2026=300", "--set pay.awards.2026=300: pay.awards.2026/27: a bare "
                     "rate must be a fraction");
}

static void bad_options(void **state)
{
    (void)state;
    s75_scenario *sc = NULL;
    s75_error err;
    s75_load_options o = S75_LOAD_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(s75_scenario_load_string_opts(&sc, base_yaml, strlen(base_yaml), NULL, &o,
                                                   &err), S75_EUSAGE);
    assert_null(sc);
    o.version = S75_LOAD_OPTIONS_VERSION;
    o.override_count = 2;
    assert_int_equal(s75_scenario_load_string_opts(&sc, base_yaml, strlen(base_yaml), NULL, &o,
                                                   &err), S75_EUSAGE);
    assert_int_equal(s75_scenario_load_file_opts(&sc, NULL, NULL, &err), S75_EUSAGE);
    assert_null(s75_scenario_variant_name(NULL, 0));
    assert_int_equal(s75_scenario_variant_count(NULL), 0);
}

/* ---- variants ---- */

static void variants_listed_and_applied(void **state)
{
    (void)state;
    s75_error err;
    s75_scenario *sc = load_with(base_yaml, NULL, 0, NULL, &err);
    assert_non_null(sc);
    assert_int_equal(s75_scenario_variant_count(sc), 2);
    assert_string_equal(s75_scenario_variant_name(sc, 0), "optimistic");
    assert_string_equal(s75_scenario_variant_name(sc, 1), "pessimistic");
    assert_null(s75_scenario_variant_name(sc, 2));
    s75_scenario_free(sc);

    /* A variant is the same as its overrides given with --set. */
    s75_scenario *v = load_with(base_yaml, NULL, 0, "pessimistic", &err);
    const char *sets[] = { "pay.awards.2026=5%", "partners[dcc].contribution.amount=450000" };
    s75_scenario *s = load_with(base_yaml, sets, 2, NULL, &err);
    assert_non_null(v);
    assert_non_null(s);
    assert_string_equal(s75_scenario_variant(v), "pessimistic");
    s75_result *rv = run_of(v), *rs = run_of(s);
    for (int t = 0; t < 3; t++) {
        assert_true(rv->proj.cost[t] == rs->proj.cost[t]);
        assert_true(rv->proj.variance[t] == rs->proj.variance[t]);
    }
    /* 5%: 40,000 -> 42,000 -> 44,100; dcc 450,000 */
    assert_money(rv->proj.pay[2], 441000);
    assert_money(rv->proj.contributions_total[0], 950000);
    s75_result_free(rv);
    s75_result_free(rs);
    s75_scenario_free(v);
    s75_scenario_free(s);

    /* "base" is the file as written. */
    sc = load_with(base_yaml, NULL, 0, "base", &err);
    assert_non_null(sc);
    assert_null(s75_scenario_variant(sc));
    s75_scenario_free(sc);
}

static void unknown_variant(void **state)
{
    (void)state;
    s75_error err;
    assert_null(load_with(base_yaml, NULL, 0, "pesimistic", &err));
    assert_non_null(strstr(err.message, "variants: no variant named 'pesimistic' (did you mean "
                                        "'pessimistic'?)"));
}

/* The base with one more variant appended. */
static char *with_variant(const char *lines)
{
    size_t n = strlen(base_yaml) + strlen(lines) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s%s", base_yaml, lines);
    return s;
}

static void variant_naming_an_unknown_key(void **state)
{
    (void)state;
    char *text = with_variant("  bad:\n    pay.awardz.2026: \"1%\"\n");
    s75_error err;
    /* A plain load validates every variant: the file is invalid. */
    assert_null(load_with(text, NULL, 0, NULL, &err));
    assert_int_equal(err.line, 39);
    assert_string_equal(err.path, "variants.bad");
    assert_non_null(strstr(err.message, "desk.yaml:39:5: variants.bad: 'pay.awardz.2026': pay has "
                                        "no key 'awardz' (did you mean 'awards'?)"));
    free(text);
    /* Every error of every variant is collected by a check. */
    text = with_variant("  bad:\n    pay.awards.2026: abc\n  worse:\n    years: 0\n");
    s75_diagnostics *d = NULL;
    assert_int_equal(s75_scenario_check_string(&d, text, strlen(text), "desk.yaml"), 2);
    assert_non_null(strstr(s75_diagnostics_get(d, 0)->message,
                           "pay.awards.2026/27: expected a number, got 'abc' (variant 'bad')"));
    assert_non_null(strstr(s75_diagnostics_get(d, 1)->message, "(variant 'worse')"));
    s75_diagnostics_free(d);
    free(text);
}

static void malformed_variants_block(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "  Bad_Name: {}\n", "a variant name is an id" },
        { "  base: {}\n", "'base' means the file as written" },
        { "  notmap: 3\n", "variants.notmap: expected a mapping of overrides" },
        { "  optimistic: {}\n", "duplicate key 'optimistic' (first at line 33" },
        { "  badpath: {\"a..b\": 1}\n", "variants.badpath: 'a..b': an empty key" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = with_variant(cases[i][0]);
        s75_error err;
        assert_null(load_with(text, NULL, 0, NULL, &err));
        if (!strstr(err.message, cases[i][1])) {
            print_error("%s: got %s\n", cases[i][1], err.message);
            fail();
        }
        free(text);
    }
    /* An empty variant changes nothing. */
    char *text = with_variant("  same:\n");
    s75_error err;
    s75_scenario *sc = load_with(text, NULL, 0, "same", &err);
    assert_non_null(sc);
    s75_scenario_free(sc);
    free(text);
}

/* ---- compare ---- */

static void compare_with_itself_is_zero(void **state)
{
    (void)state;
    s75_error err;
    s75_scenario *sc = load_with(base_yaml, NULL, 0, NULL, &err);
    s75_result *res = run_of(sc);
    const s75_result *rs[] = { res, res };
    const char *names[] = { "a", "b" };
    cmp_table t;
    assert_int_equal(cmp_build(&t, rs, names, 2, &err), S75_OK);
    assert_int_equal(t.years, 3);
    assert_int_equal(t.n_lines, 5 + 2 + 1); /* five lines, two partners, unallocated */
    for (size_t k = 0; k < t.n_lines; k++)
        for (int y = 0; y < t.years; y++)
            assert_true(cmp_diff(&t, &t.lines[k], 1, y) == 0.0);
    cmp_free(&t);
    char *json = NULL;
    assert_int_equal(s75_compare(&json, NULL, rs, names, 2, S75_FORMAT_JSON, &err), S75_OK);
    assert_non_null(strstr(json, "\"base\": \"a\""));
    s75_free(json);
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void compare_of_variants_is_the_difference(void **state)
{
    (void)state;
    s75_error err;
    s75_scenario *a = load_with(base_yaml, NULL, 0, "optimistic", &err);
    s75_scenario *b = load_with(base_yaml, NULL, 0, "pessimistic", &err);
    s75_result *ra = run_of(a), *rb = run_of(b);
    const s75_result *rs[] = { ra, rb };
    cmp_table t;
    assert_int_equal(cmp_build(&t, rs, NULL, 2, &err), S75_OK);
    assert_string_equal(t.runs[0].name, "run 1");
    const double *series_a[] = { ra->proj.cost, ra->proj.contributions_total, ra->proj.gap,
                                  ra->proj.savings_expected, ra->proj.variance };
    const double *series_b[] = { rb->proj.cost, rb->proj.contributions_total, rb->proj.gap,
                                 rb->proj.savings_expected, rb->proj.variance };
    for (int y = 0; y < 3; y++) {
        for (int k = 0; k < 5; k++)
            assert_true(cmp_diff(&t, &t.lines[k], 1, y) == series_b[k][y] - series_a[k][y]);
        for (int i = 0; i < 2; i++)
            assert_true(cmp_diff(&t, &t.lines[5 + i], 1, y) ==
                        (double)(rb->proj.risk_share[i * 3 + y] - ra->proj.risk_share[i * 3 + y]));
    }
    /* Hand-checked: pay 2027/28 is 10 x 41,616 at 2% and 10 x 44,100 at 5%. */
    assert_money(cmp_diff(&t, &t.lines[0], 1, 2), 441000 - 416160);
    cmp_free(&t);
    s75_result_free(ra);
    s75_result_free(rb);
    s75_scenario_free(a);
    s75_scenario_free(b);
}

static void compare_different_horizons(void **state)
{
    (void)state;
    s75_error err;
    const char *sets[] = { "years=5" };
    s75_scenario *a = load_with(base_yaml, NULL, 0, NULL, &err);
    s75_scenario *b = load_with(base_yaml, sets, 1, NULL, &err);
    assert_non_null(b);
    s75_result *ra = run_of(a), *rb = run_of(b);
    const s75_result *rs[] = { ra, rb };
    cmp_table t;
    assert_int_equal(cmp_build(&t, rs, NULL, 2, &err), S75_OK);
    assert_int_equal(t.years, 5);
    assert_true(isnan(cmp_value(&t, &t.lines[0], 0, 4)));
    assert_true(isnan(cmp_diff(&t, &t.lines[0], 1, 4)));
    assert_true(cmp_diff(&t, &t.lines[0], 1, 2) == 0.0);
    cmp_free(&t);
    char *csv = NULL;
    assert_int_equal(s75_compare(&csv, NULL, rs, NULL, 2, S75_FORMAT_CSV, &err), S75_OK);
    /* the reference has no 2029/30: no value and no difference */
    assert_non_null(strstr(csv, "cost,,2029/30,run 1,,\n"));
    s75_free(csv);
    s75_result_free(ra);
    s75_result_free(rb);
    s75_scenario_free(a);
    s75_scenario_free(b);
}

static void compare_misuse(void **state)
{
    (void)state;
    s75_error err;
    char *out = NULL;
    assert_int_equal(s75_compare(&out, NULL, NULL, NULL, 0, S75_FORMAT_JSON, &err), S75_EUSAGE);
    const s75_result *none[] = { NULL };
    assert_int_equal(s75_compare(&out, NULL, none, NULL, 1, S75_FORMAT_JSON, &err), S75_EUSAGE);
    s75_scenario *sc = load_with(base_yaml, NULL, 0, NULL, &err);
    s75_result *res = run_of(sc);
    const s75_result *rs[] = { res };
    assert_int_equal(s75_compare(&out, NULL, rs, NULL, 1, S75_FORMAT_XLSX, &err), S75_EUSAGE);
    assert_non_null(strstr(err.message, "xlsx is written to a file"));
    assert_int_equal(s75_compare(&out, NULL, rs, NULL, 1, (s75_format)99, &err), S75_EUSAGE);
    assert_null(out);
    /* HTML is a paper of its own, with what changed in the inputs */
    assert_int_equal(s75_compare(&out, NULL, rs, NULL, 1, S75_FORMAT_HTML, &err), S75_OK);
    assert_non_null(strstr(out, "What changed in the inputs"));
    s75_free(out);
    out = NULL;
    assert_int_equal(s75_result_render(&out, NULL, res, S75_FORMAT_XLSX, &err), S75_EUSAGE);
    assert_null(out);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- files written whole or not at all ---- */

static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void unwritable_output_leaves_nothing(void **state)
{
    (void)state;
    char dir[] = "/tmp/s75-desk-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char target[256], good[256];
    snprintf(target, sizeof target, "%s/report.xlsx", dir);
    assert_int_equal(mkdir(target, 0755), 0); /* a directory where the file should go */
    s75_error err;
    s75_scenario *sc = load_with(base_yaml, NULL, 0, NULL, &err);
    s75_result *res = run_of(sc);
    const s75_result *rs[] = { res, res };
    const s75_format fmts[] = { S75_FORMAT_XLSX, S75_FORMAT_JSON };
    for (int f = 0; f < 2; f++) {
        assert_int_equal(s75_result_write_file(res, fmts[f], target, &err), S75_EIO);
        assert_string_equal(err.file, target);
        assert_int_equal(s75_compare_write_file(rs, NULL, 2, fmts[f], target, &err), S75_EIO);
        assert_int_equal(entries(dir), 1); /* no temporary file left behind */
    }
    assert_int_equal(s75_result_write_file(res, S75_FORMAT_XLSX, "/nonexistent-dir/r.xlsx", &err),
                     S75_EIO);
    /* And a good one is a zip (an xlsx) in place. */
    snprintf(good, sizeof good, "%s/good.xlsx", dir);
    assert_int_equal(s75_result_write_file(res, S75_FORMAT_XLSX, good, &err), S75_OK);
    FILE *fp = fopen(good, "rb");
    assert_non_null(fp);
    char magic[2] = { 0 };
    assert_int_equal(fread(magic, 1, 2, fp), 2);
    fclose(fp);
    assert_memory_equal(magic, "PK", 2);
    assert_int_equal(entries(dir), 2);
    unlink(good);
    rmdir(target);
    rmdir(dir);
    s75_result_free(res);
    s75_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(base_as_written),
        cmocka_unit_test(set_scalar),
        cmocka_unit_test(set_series_key),
        cmocka_unit_test(set_new_year_key),
        cmocka_unit_test(set_year_on_single_value),
        cmocka_unit_test(set_list_item_by_id),
        cmocka_unit_test(set_under_an_alias_copies),
        cmocka_unit_test(set_by_name_and_role),
        cmocka_unit_test(set_several_in_order),
        cmocka_unit_test(bad_paths),
        cmocka_unit_test(bad_values),
        cmocka_unit_test(bad_options),
        cmocka_unit_test(variants_listed_and_applied),
        cmocka_unit_test(unknown_variant),
        cmocka_unit_test(variant_naming_an_unknown_key),
        cmocka_unit_test(malformed_variants_block),
        cmocka_unit_test(compare_with_itself_is_zero),
        cmocka_unit_test(compare_of_variants_is_the_difference),
        cmocka_unit_test(compare_different_horizons),
        cmocka_unit_test(compare_misuse),
        cmocka_unit_test(unwritable_output_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Goal seeking (s75/solve.h), two-way tables (s75/grid.h) and partner
 * statements (s75/statement.h): answers checked by hand and by re-running
 * the `set` line, and every refusal. */
#include "testutil.h"

#include "load.h"
#include "modules.h"
#include "trial.h"

/* Cost is 1,000,000 a year (one non-pay line, no inflation). The council
 * puts in 600,000 grown by its uplift u from the second year, the ICB
 * 300,000 a year. So
 *     variance(2025/26) = 1,000,000 - 900,000           = 100,000
 *     variance(2026/27) = 1,000,000 - 600,000 (1 + u) - 300,000
 *                       = 100,000 - 600,000 u
 *     horizon total     = 200,000 - 600,000 u
 * variance=0 over the horizon: u = 200,000 / 600,000 = 1/3;
 * variance=0 in 2026/27:       u = 100,000 / 600,000 = 1/6.
 * With the ICB's amount a instead (u = 0): 2,000,000 - 1,200,000 - 2a =
 * 50,000 gives a = 375,000. One uplift u for both partners:
 * 200,000 - 900,000 u = 0 gives u = 2/9. */
static const char hand[] =
    "s75: 1\nname: Solve by hand\nbase_year: 2025\nyears: 2\n"
    "non_pay:\n  - {name: Care packages, amount: 1000000, inflation: \"0%\"}\n"
    "partners:\n"
    "  - id: council\n    contribution: {amount: 600000, uplift: \"0%\"}\n"
    "  - id: icb\n    contribution: {amount: 300000, uplift: \"0%\"}\n";

static const char uncertain[] =
    "uncertainty:\n  draws: 2000\n  seed: 11\n  uplift_sd: \"2%\"\n  savings: expected\n";

static char *with_uncertainty(void)
{
    size_t n = strlen(hand) + strlen(uncertain) + 1;
    char *t = malloc(n);
    assert_non_null(t);
    snprintf(t, n, "%s%s", hand, uncertain);
    return t;
}

static int solve(s75_solve **out, const char *text, const char *vary, const char *target,
                 int year, s75_error *err)
{
    s75_solve_options o = S75_SOLVE_OPTIONS_INIT;
    o.vary = vary;
    o.target = target;
    o.year = year;
    o.threads = 1;
    return s75_solve_string(out, text, strlen(text), "hand.yaml", &o, err);
}

static s75_solve *solve_ok(const char *text, const char *vary, const char *target, int year)
{
    s75_solve *s = NULL;
    s75_error err;
    int rc = solve(&s, text, vary, target, year, &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    return s;
}

/* The scenario with the answer's set line, run in mode. */
static s75_result *rerun(const char *text, const s75_solve *s, s75_mode mode)
{
    const char *ov[1] = { s75_solve_set(s) };
    s75_load_options lo = S75_LOAD_OPTIONS_INIT;
    lo.overrides = ov;
    lo.override_count = 1;
    s75_scenario *sc = NULL;
    s75_error err;
    int rc = s75_scenario_load_string_opts(&sc, text, strlen(text), "hand.yaml", &lo, &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    s75_result *res = test_run(sc, mode, 1);
    s75_scenario_free(sc);
    return res;
}

static double horizon_variance(const s75_result *res)
{
    const s75_projection *p = s75_result_projection(res);
    return s75_projection_value(p, S75_LINE_VARIANCE, 0) +
           s75_projection_value(p, S75_LINE_VARIANCE, 1);
}

static void test_uplift_by_hand(void **state)
{
    (void)state;
    s75_solve *s = solve_ok(hand, "partners[council].contribution.uplift", "variance=0", 0);
    assert_close(s75_solve_value(s), 1.0 / 3, 1e-6);
    assert_close(s75_solve_achieved(s), 0, 1);
    assert_string_equal(s75_solve_path(s), "partners[council].contribution.uplift");
    assert_int_equal(strncmp(s75_solve_set(s), "partners[council].contribution.uplift=", 38), 0);
    assert_int_equal(s75_solve_is_confidence(s), 0);
    assert_true(isnan(s75_solve_standard_error(s)));
    assert_int_equal(s75_solve_bracket(s, NULL, NULL), S75_EUSAGE);
    s75_result *res = rerun(hand, s, S75_MODE_RUN);
    assert_close(horizon_variance(res), 0, 1);
    assert_money(horizon_variance(res), s75_solve_achieved(s));
    s75_result_free(res);
    s75_solve_free(s);

    s = solve_ok(hand, "partners[council].contribution.uplift", "variance=0", 2026);
    assert_close(s75_solve_value(s), 1.0 / 6, 1e-6);
    res = rerun(hand, s, S75_MODE_RUN);
    assert_close(s75_projection_value(s75_result_projection(res), S75_LINE_VARIANCE, 1), 0, 1);
    s75_result_free(res);
    s75_solve_free(s);

    /* gap = variance here (no savings): the same answer. */
    s = solve_ok(hand, "partners[council].contribution.uplift", "gap=0", 2026);
    assert_close(s75_solve_value(s), 1.0 / 6, 1e-6);
    s75_solve_free(s);
}

static void test_amount_and_every_partner(void **state)
{
    (void)state;
    s75_solve *s = solve_ok(hand, "partners[icb].contribution.amount", "variance=50000", 0);
    assert_close(s75_solve_value(s), 375000, 0.01);
    assert_string_equal(s75_solve_set(s), "partners[icb].contribution.amount=375000");
    assert_money(s75_solve_achieved(s), 50000);
    s75_solve_free(s);

    s = solve_ok(hand, "partners[*].contribution.uplift", "variance=0", 0);
    assert_close(s75_solve_value(s), 2.0 / 9, 1e-6);
    s75_result *res = rerun(hand, s, S75_MODE_RUN);
    assert_close(horizon_variance(res), 0, 1);
    s75_result_free(res);
    s75_solve_free(s);
}

/* p_overspend in 2026/27 at most 20%: re-running the set line with the same
 * seed gives p <= 20%, and the bracket's failing end (just below the
 * answer) gives p > 20%. */
static void test_confidence_year(void **state)
{
    (void)state;
    char *text = with_uncertainty();
    s75_solve *s = solve_ok(text, "partners[council].contribution.uplift", "p_overspend<=20%",
                            2026);
    assert_int_equal(s75_solve_is_confidence(s), 1);
    assert_close(s75_solve_goal(s), 0.2, 1e-12);
    double fail, meet;
    assert_int_equal(s75_solve_bracket(s, &fail, &meet), S75_OK);
    assert_true(fail < meet);
    assert_true(s75_solve_value(s) >= meet);
    assert_true(s75_solve_value(s) - fail < 1e-6);

    s75_result *res = rerun(text, s, S75_MODE_SIMULATE);
    double p = s75_simulation_p_overspend(s75_result_simulation(res), 1);
    assert_true(p <= 0.2);
    assert_close(p, s75_solve_achieved(s), 1e-12);
    /* within its standard error of the target: sqrt(p (1 - p) / 2000) */
    assert_close(s75_solve_standard_error(s), sqrt(p * (1 - p) / 2000), 1e-12);
    assert_true(0.2 - p <= s75_solve_standard_error(s));
    s75_result_free(res);

    char below[96];
    snprintf(below, sizeof below, "partners[council].contribution.uplift=%.17g", fail);
    const char *ov[1] = { below };
    s75_load_options lo = S75_LOAD_OPTIONS_INIT;
    lo.overrides = ov;
    lo.override_count = 1;
    s75_scenario *sc;
    s75_error err;
    assert_int_equal(s75_scenario_load_string_opts(&sc, text, strlen(text), "hand.yaml", &lo,
                                                   &err), S75_OK);
    res = test_run(sc, S75_MODE_SIMULATE, 1);
    assert_true(s75_simulation_p_overspend(s75_result_simulation(res), 1) > 0.2);
    s75_result_free(res);
    s75_scenario_free(sc);
    s75_solve_free(s);
    free(text);
}

/* Over the horizon (not in the simulate report): the same check through
 * the measure the search uses. */
static double horizon_p(const char *text, double u)
{
    char ov[96];
    snprintf(ov, sizeof ov, "partners[council].contribution.uplift=%.17g", u);
    const char *extra[1] = { ov };
    trial_base b = { "hand.yaml", text, strlen(text), { NULL, 0, NULL, NULL, 0, 0 } };
    s75_error err;
    scenario *sc = trial_load(&b, extra, 1, &err);
    assert_non_null(sc);
    measure m = { MEASURE_P_OVERSPEND, 0, "" };
    double p;
    long draws;
    assert_int_equal(measure_eval(sc, &m, 1, &p, &draws, &err), S75_OK);
    assert_int_equal(draws, 2000);
    scenario_free(sc);
    return p;
}

static void test_confidence_horizon(void **state)
{
    (void)state;
    char *text = with_uncertainty();
    s75_solve *s = solve_ok(text, "partners[council].contribution.uplift", "p_overspend<=0.1",
                            0);
    double fail, meet;
    assert_int_equal(s75_solve_bracket(s, &fail, &meet), S75_OK);
    assert_true(horizon_p(text, s75_solve_value(s)) <= 0.1);
    assert_close(horizon_p(text, s75_solve_value(s)), s75_solve_achieved(s), 1e-12);
    assert_true(horizon_p(text, fail) > 0.1);
    /* the answer is above 1/3, where the expected horizon variance is 0 */
    assert_true(s75_solve_value(s) > 1.0 / 3);
    s75_solve_free(s);

    /* exposure: the council's p95 share over the horizon at most 10,000 */
    s = solve_ok(text, "partners[council].contribution.uplift", "exposure:council<=10000", 0);
    assert_true(s75_solve_achieved(s) <= 10000);
    assert_close(s75_solve_standard_error(s), sqrt(0.05 * 0.95 / 2000), 1e-12);
    s75_solve_free(s);
    free(text);
}

static void expect_error(const char *text, const char *vary, const char *target, int year,
                         int code, const char *words)
{
    s75_solve *s = (s75_solve *)(void *)1;
    s75_error err;
    memset(&err, 0, sizeof err);
    int rc = solve(&s, text, vary, target, year, &err);
    if (rc != code || !strstr(err.message, words))
        print_error("%s / %s: got %d '%s', expected %d with '%s'\n", vary, target, rc,
                    err.message, code, words);
    assert_int_equal(rc, code);
    assert_non_null(strstr(err.message, words));
    assert_null(s);
}

static void test_refusals(void **state)
{
    (void)state;
    char *text = with_uncertainty();
    expect_error(hand, "partners[councl].contribution.uplift", "variance=0", 0, S75_EINVAL,
                 "did you mean 'council'?");
    expect_error(hand, "partners[council].contribution.uplift", "variance=abc", 0, S75_EUSAGE,
                 "'abc' is not a number");
    expect_error(hand, "partners[council].contribution.uplift", "cost=0", 0, S75_EUSAGE,
                 "expected variance=AMOUNT");
    expect_error(hand, "partners[council].contribution.uplift", "p_overspend<=20%", 0,
                 S75_EINVAL, "needs an uncertainty: block");
    expect_error(text, "partners[council].contribution.uplift", "exposure:icd<=100", 0,
                 S75_EINVAL, "no partner has the id 'icd' (did you mean 'icb'?)");
    expect_error(text, "partners[council].contribution.uplift", "p_overspend<=1.5", 0,
                 S75_EUSAGE, "a probability");
    expect_error(hand, "partners[council].contribution.uplift", "variance=0", 2030, S75_EINVAL,
                 "year 2030/31 is outside the model");
    /* -50% .. +50% cannot reach a variance of -1,000,000 */
    expect_error(hand, "partners[council].contribution.uplift", "variance=-1000000", 0,
                 S75_ENUMERIC, "no value of partners[council].contribution.uplift from -0.5 to "
                 "0.5 meets variance=-1000000");
    /* 2025/26 has no uplift: it overspends in every draw whatever u is */
    expect_error(text, "partners[council].contribution.uplift", "p_overspend<=0.5", 2025,
                 S75_ENUMERIC, "does not move");
    expect_error(hand, "partners[council].name", "variance=0", 0, S75_EUSAGE,
                 "no default range");
    expect_error(hand, NULL, "variance=0", 0, S75_EUSAGE, "--vary");

    /* from >= to */
    s75_solve_options o = S75_SOLVE_OPTIONS_INIT;
    o.vary = "partners[council].contribution.uplift";
    o.target = "variance=0";
    o.has_range = 1;
    o.from = 0.2, o.to = 0.1;
    s75_solve *s;
    s75_error err;
    assert_int_equal(s75_solve_string(&s, hand, strlen(hand), "h", &o, &err), S75_EUSAGE);
    assert_non_null(strstr(err.message, "FROM < TO"));
    /* a range end the loader refuses (an uplift is at most 100%) */
    o.from = 0, o.to = 2;
    assert_int_equal(s75_solve_string(&s, hand, strlen(hand), "h", &o, &err), S75_EINVAL);
    assert_non_null(strstr(err.message, "--set partners[council].contribution.uplift=2"));
    /* the whole range meets the target: the boundary is outside it */
    o.target = "p_overspend<=0.5";
    o.from = 0.45, o.to = 0.5;
    assert_int_equal(s75_solve_string(&s, text, strlen(text), "h", &o, &err), S75_ENUMERIC);
    assert_non_null(strstr(err.message, "every value"));
    /* the work limit, before any draw: 6,000,000 draws x 2 years x 5 series
     * is 6e7 values a run (under LIMIT_SIM_VALUES), x the 80 trials a solve
     * may run is 4.8e9, over LIMIT_SIM_WORK (4e9) */
    const char *ov[1] = { "uncertainty.draws=6000000" };
    s75_load_options lo = S75_LOAD_OPTIONS_INIT;
    lo.overrides = ov;
    lo.override_count = 1;
    o.has_range = 0;
    o.target = "p_overspend<=0.2";
    o.load = &lo;
    int rc = s75_solve_string(&s, text, strlen(text), "h", &o, &err);
    assert_int_equal(rc, S75_ELIMIT);
    assert_non_null(strstr(err.message, "LIMIT_SIM_WORK"));
    /* usage */
    o.version = 99;
    assert_int_equal(s75_solve_string(&s, text, strlen(text), "h", &o, &err), S75_EUSAGE);
    assert_int_equal(s75_solve_string(&s, NULL, 0, "h", &o, &err), S75_EUSAGE);
    assert_int_equal(s75_solve_file(&s, "/nonexistent/x.yaml", &o, &err), S75_EUSAGE);
    o.version = S75_SOLVE_OPTIONS_VERSION;
    assert_int_equal(s75_solve_file(&s, "/nonexistent/x.yaml", &o, &err), S75_EIO);
    free(text);
}

static void test_render(void **state)
{
    (void)state;
    s75_solve *s = solve_ok(hand, "partners[icb].contribution.amount", "variance=50000", 0);
    char *out;
    size_t len;
    s75_error err;
    assert_int_equal(s75_solve_render(&out, &len, s, S75_FORMAT_JSON, &err), S75_OK);
    assert_non_null(strstr(out, "\"set\": \"partners[icb].contribution.amount=375000\""));
    assert_non_null(strstr(out, "\"achieved\": 50000"));
    assert_non_null(strstr(out, "\"monte_carlo\": null"));
    s75_free(out);
    assert_int_equal(s75_solve_render(&out, &len, s, S75_FORMAT_TEXT, &err), S75_OK);
    assert_non_null(strstr(out, "--set     partners[icb].contribution.amount=375000"));
    s75_free(out);
    assert_int_equal(s75_solve_render(&out, &len, s, S75_FORMAT_HTML, &err), S75_OK);
    assert_non_null(strstr(out, "--set partners[icb].contribution.amount=375000"));
    s75_free(out);
    assert_int_equal(s75_solve_render(&out, &len, s, S75_FORMAT_CSV, &err), S75_EUSAGE);
    s75_solve_free(s);
}

/* Two-way table on the hand scenario: with the council's uplift u (x) and
 * the ICB's amount a (y), the horizon variance is
 *     2,000,000 - 600,000 (1 + 1 + u) - 2a = 800,000 - 600,000 u - 2a. */
static void test_grid_by_hand(void **state)
{
    (void)state;
    s75_grid_options o = S75_GRID_OPTIONS_INIT;
    o.x = (s75_grid_axis){ "partners[council].contribution.uplift", 0, 0.3, 4 };
    o.y = (s75_grid_axis){ "partners[icb].contribution.amount", 300000, 400000, 3 };
    o.threads = 2;
    s75_grid *g;
    s75_error err;
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "hand.yaml", &o, &err), S75_OK);
    assert_string_equal(s75_grid_measure(g), "variance");
    assert_int_equal(s75_grid_count(g, 0), 4);
    assert_int_equal(s75_grid_count(g, 1), 3);
    assert_close(s75_grid_value(g, 0, 1), 0.1, 0);
    assert_close(s75_grid_value(g, 1, 1), 350000, 0);
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < 4; j++) {
            double u = s75_grid_value(g, 0, j), a = s75_grid_value(g, 1, i);
            assert_money(s75_grid_cell(g, i, j), 800000 - 600000 * u - 2 * a);
        }
    assert_true(isnan(s75_grid_cell(g, 3, 0)));
    char *out;
    assert_int_equal(s75_grid_render(&out, NULL, g, S75_FORMAT_CSV, &err), S75_OK);
    /* the first row: y = 300,000; x = 0 gives 800,000 - 600,000 = 200,000 */
    assert_non_null(strstr(out, "\n300000,200000,"));
    s75_free(out);
    assert_int_equal(s75_grid_render(&out, NULL, g, S75_FORMAT_XLSX, &err), S75_EUSAGE);
    s75_grid_free(g);

    /* the ICB's share, and the same with one thread */
    o.measure = "share:icb:2026";
    o.threads = 1;
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "hand.yaml", &o, &err), S75_OK);
    /* 2026/27: variance 100,000 - 600,000 u + (300,000 - a), shared in
     * proportion to contributions: the ICB's a / (600,000 (1 + u) + a) */
    double u = 0.1, a = 400000, v = 100000 - 600000 * u + 300000 - a;
    assert_close(s75_grid_cell(g, 2, 1), v * a / (600000 * (1 + u) + a), 0.01);
    s75_grid_free(g);
}

static void test_grid_refusals(void **state)
{
    (void)state;
    s75_grid_options o = S75_GRID_OPTIONS_INIT;
    o.x = (s75_grid_axis){ "partners[council].contribution.uplift", 0, 0.3, 1 };
    o.y = (s75_grid_axis){ "partners[icb].contribution.amount", 300000, 400000, 3 };
    s75_grid *g;
    s75_error err;
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "h", &o, &err), S75_EUSAGE);
    assert_non_null(strstr(err.message, "steps must be from 2 to 101"));
    o.x.steps = 102;
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "h", &o, &err), S75_EUSAGE);
    o.x.steps = 101, o.y.steps = 100;
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "h", &o, &err), S75_ELIMIT);
    assert_non_null(strstr(err.message, "LIMIT_GRID_CELLS"));
    o.x.steps = 2, o.y.steps = 2;
    o.y.from = 500000;
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "h", &o, &err), S75_EUSAGE);
    assert_non_null(strstr(err.message, "FROM must be below TO"));
    o.y.from = 300000;
    o.measure = "cost";
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "h", &o, &err), S75_EUSAGE);
    o.measure = "share:counsil";
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "h", &o, &err), S75_EINVAL);
    assert_non_null(strstr(err.message, "did you mean 'council'?"));
    o.measure = "p_overspend";
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "h", &o, &err), S75_EINVAL);
    assert_non_null(strstr(err.message, "uncertainty"));
    o.measure = NULL;
    o.x.path = "partners[counsil].contribution.uplift";
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "h", &o, &err), S75_EINVAL);
    assert_non_null(strstr(err.message, "did you mean 'council'?"));
    o.x.path = NULL;
    assert_int_equal(s75_grid_string(&g, hand, strlen(hand), "h", &o, &err), S75_EUSAGE);
    assert_int_equal(s75_grid_file(&g, "/nonexistent.yaml", &o, &err), S75_EIO);
}

/* The ICB's statement of the hand scenario: it puts in 300,000 a year (a
 * third of the 900,000 pooled) and, the variance of 100,000 a year being
 * shared in proportion to contributions, bears 100,000 / 3 = 33,333.33 a
 * year (whole pence), 66,666.66 over the two years. */
static void test_statement_by_hand(void **state)
{
    (void)state;
    s75_scenario *sc = test_load(hand, "hand.yaml");
    s75_result *res = test_run(sc, S75_MODE_RUN, 1);
    char *out;
    s75_error err;
    assert_int_equal(s75_statement_render(&out, NULL, res, "icb", S75_FORMAT_JSON, &err),
                     S75_OK);
    assert_non_null(strstr(out, "\"partner\": \"icb\""));
    assert_non_null(strstr(out, "\"contribution\": [\n   300000.0,\n   300000.0\n  ]"));
    assert_non_null(strstr(out, "\"risk_share\": [\n   33333.33,\n   33333.33\n  ]"));
    assert_non_null(strstr(out, "\"risk_share\": 66666.66"));
    assert_non_null(strstr(out, "\"simulation\": null"));
    s75_free(out);
    assert_int_equal(s75_statement_render(&out, NULL, res, "icb", S75_FORMAT_TEXT, &err),
                     S75_OK);
    assert_non_null(strstr(out, "Statement for icb (icb)"));
    s75_free(out);
    assert_int_equal(s75_statement_render(&out, NULL, res, "icd", S75_FORMAT_TEXT, &err),
                     S75_EINVAL);
    assert_non_null(strstr(err.message, "did you mean 'icb'?"));
    assert_null(out);
    assert_int_equal(s75_statement_render(&out, NULL, res, "icb", S75_FORMAT_CSV, &err),
                     S75_EUSAGE);
    assert_int_equal(s75_statement_render(&out, NULL, NULL, "icb", S75_FORMAT_TEXT, &err),
                     S75_EUSAGE);
    assert_int_equal(s75_statement_write_file(res, "icb", S75_FORMAT_TEXT, NULL, &err),
                     S75_EUSAGE);
    s75_result_free(res);
    s75_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uplift_by_hand),
        cmocka_unit_test(test_amount_and_every_partner),
        cmocka_unit_test(test_confidence_year),
        cmocka_unit_test(test_confidence_horizon),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_grid_by_hand),
        cmocka_unit_test(test_grid_refusals),
        cmocka_unit_test(test_statement_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

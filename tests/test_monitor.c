/* MODEL.md §11 in-year monitoring (monitor.c, monitor_report.c and the
 * monitoring: block of load_plan.c): forecasts worked by hand, the identities
 * every method must keep, the risk share of the forecast variance to the
 * penny, and every bad input with its file:line:column and field path. */
#include "testutil.h"

#include <s75/s75.h>

#include "monitor.h"
#include "riskshare_rule.h"
#include "run.h"

/* A pool with nothing but non-pay: the 2025/26 non-pay budget is exactly
 * 1,200,000 (no inflation), pay and agency budgets are 0, and the partners
 * put in 800,000 and 400,000, so a proportional share is 2:1. Nine lines,
 * so a monitoring: block appended to it starts on line 10. */
static const char BASE[] =
    "s75: 1\n"
    "name: Monitoring test\n"
    "base_year: 2025\n"
    "years: 2\n"
    "non_pay:\n"
    "  - {name: Supplies, amount: 1200000}\n"
    "partners:\n"
    "  - {id: a, name: Council, contribution: {amount: 800000}}\n"
    "  - {id: b, name: Trust, contribution: {amount: 400000}}\n";

/* The four months of the hand-checked example, as the file writes them. */
#define FOUR_MONTHS "[100000, 110000, 120000, 130000]"

static char *compose(const char *extra)
{
    size_t n = strlen(BASE) + strlen(extra) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s%s", BASE, extra);
    return s;
}

/* Loads BASE + extra, runs it and returns the result (the scenario freed). */
static s75_result *run_extra(const char *extra, s75_mode mode)
{
    char *text = compose(extra);
    s75_scenario *sc = NULL;
    s75_error err;
    int rc = s75_scenario_load_string(&sc, text, strlen(text), "mon.yaml", &err);
    if (rc != S75_OK)
        print_error("load: %s\n", err.message);
    assert_int_equal(rc, S75_OK);
    free(text);
    s75_run_options o = S75_RUN_OPTIONS_INIT;
    o.mode = mode;
    s75_result *res = NULL;
    rc = s75_run(&res, sc, &o, &err);
    if (rc != S75_OK)
        print_error("run: %s\n", err.message);
    assert_int_equal(rc, S75_OK);
    s75_scenario_free(sc);
    assert_non_null(res);
    assert_non_null(res->monitoring);
    return res;
}

static const struct monitoring_result *MR(const s75_result *res)
{
    return res->monitoring;
}

/* ---- the hand-checked example ----
 *
 * Non-pay actuals a = 100,000, 110,000, 120,000, 130,000 (m = 4), so
 * A = 460,000; budget 1,200,000; contributions 800,000 + 400,000 = 1,200,000.
 *
 * trend: the least-squares line through (1,100k) (2,110k) (3,120k) (4,130k)
 *   is exact: c1 = 10,000, c0 = mean(a) - c1·mean(i) = 115,000 - 25,000
 *   = 90,000. The rest of the year Σ_{i=5..12} (90,000 + 10,000·i)
 *   = 8·90,000 + 10,000·(5+6+…+12 = 68) = 720,000 + 680,000 = 1,400,000.
 *   F = 460,000 + 1,400,000 = 1,860,000; forecast variance 660,000, an
 *   overspend, split 2:1: Council 440,000.00, Trust 220,000.00.
 * run_rate (3 months): mean(110k, 120k, 130k) = 120,000 for each of the 8
 *   months left: F = 460,000 + 960,000 = 1,420,000; variance 220,000:
 *   Council 146,666.666… and Trust 73,333.333…; floors 146,666.66 and
 *   73,333.33 leave one penny, which goes to the larger remainder (Council's
 *   .666… over Trust's .333…): 146,666.67 and 73,333.33.
 * profile (1/12 a month): budget to date 1,200,000·4/12 = 400,000; the rest
 *   at budget 1,200,000·8/12 = 800,000: F = 1,260,000; variance 60,000:
 *   Council 40,000.00, Trust 20,000.00.
 * In every method the to-date figures are the same: actual 460,000 against
 * a budget to date of 400,000, 60,000 over. */

static void check_to_date(const struct monitoring_result *m)
{
    const monitor_category *k = &m->cat[CAT_NON_PAY];
    assert_int_equal(k->months, 4);
    assert_money(k->budget, 1200000.0);
    assert_money(k->budget_to_date, 400000.0);
    assert_money(k->actual_to_date, 460000.0);
    assert_int_equal(m->cat[CAT_PAY].months, 0);
    assert_int_equal(m->cat[CAT_AGENCY].months, 0);
    assert_money(m->contributions_total, 1200000.0);
    /* The plan: cost 1,200,000 against contributions 1,200,000, no savings. */
    assert_money(m->plan_variance, 0.0);
}

static void hand_checked_trend(void **state)
{
    (void)state;
    s75_result *res = run_extra("monitoring:\n  year: 2025\n  method: trend\n  actuals:\n"
                                "    non_pay: " FOUR_MONTHS "\n", S75_MODE_RUN);
    const struct monitoring_result *m = MR(res);
    check_to_date(m);
    assert_int_equal(m->method, MONITOR_TREND);
    assert_money(m->cat[CAT_NON_PAY].forecast, 1860000.0);
    assert_money(m->forecast_cost, 1860000.0);
    assert_money(m->forecast_variance, 660000.0);
    assert_int_equal(m->risk_share[0], 44000000);
    assert_int_equal(m->risk_share[1], 22000000);
    assert_int_equal(m->unallocated, 0);
    /* The same through the public accessors. */
    const s75_monitoring *pm = s75_result_monitoring(res);
    assert_non_null(pm);
    assert_int_equal(s75_monitoring_year(pm), 2025);
    assert_money(s75_monitoring_forecast_cost(pm), 1860000.0);
    assert_money(s75_monitoring_forecast_variance(pm), 660000.0);
    assert_int_equal(s75_monitoring_partner_count(pm), 2);
    assert_money(s75_monitoring_partner_share(pm, 0), 440000.0);
    assert_money(s75_monitoring_partner_share(pm, 1), 220000.0);
    assert_money(s75_monitoring_unallocated(pm), 0.0);
    assert_true(isnan(s75_monitoring_partner_share(pm, 2)));
    s75_result_free(res);
}

/* The month series the writers draw, from the trend example: only non-pay
 * has actuals, so it is the one category shown, last = 4. Budget by the
 * flat profile 1,200,000 / 12 = 100,000 a month, cumulative 100,000·(i+1);
 * actuals cumulative 100k, 210k, 330k, 460k, then none (NAN). The forecast
 * line runs from 460,000 at month 4 to the outturn 1,860,000 at month 12 in
 * 8 equal steps of (1,860,000 - 460,000) / 8 = 175,000. */
static void month_series_for_the_writers(void **state)
{
    (void)state;
    s75_result *res = run_extra("monitoring:\n  year: 2025\n  method: trend\n  actuals:\n"
                                "    non_pay: " FOUR_MONTHS "\n", S75_MODE_RUN);
    const monitor_months *v = &MR(res)->months;
    assert_int_equal(v->n_cats, 1);
    assert_int_equal(v->cats[0], CAT_NON_PAY);
    assert_int_equal(v->last, 4);
    assert_money(v->outturn, 1860000.0);
    const double cum_actual[4] = { 100000, 210000, 330000, 460000 };
    for (int i = 0; i < MONTHS; i++) {
        assert_money(v->budget[0][i], 100000.0);
        assert_money(v->cum_budget[i], 100000.0 * (i + 1));
        if (i < 4)
            assert_money(v->cum_actual[i], cum_actual[i]);
        else
            assert_true(isnan(v->cum_actual[i]));
        if (i < 3)
            assert_true(isnan(v->forecast_line[i]));
        else
            assert_money(v->forecast_line[i], 460000.0 + 175000.0 * (i - 3));
    }
    s75_result_free(res);
}

static void hand_checked_run_rate(void **state)
{
    (void)state;
    s75_result *res = run_extra("monitoring:\n  year: 2025\n  method: run_rate\n"
                                "  run_rate_months: 3\n  actuals:\n"
                                "    non_pay: " FOUR_MONTHS "\n", S75_MODE_RUN);
    const struct monitoring_result *m = MR(res);
    check_to_date(m);
    assert_money(m->forecast_cost, 1420000.0);
    assert_money(m->forecast_variance, 220000.0);
    assert_int_equal(m->risk_share[0], 14666667);
    assert_int_equal(m->risk_share[1], 7333333);
    assert_int_equal(m->unallocated, 0);
    s75_result_free(res);
}

static void hand_checked_profile(void **state)
{
    (void)state;
    s75_result *res = run_extra("monitoring:\n  year: 2025\n  method: profile\n  actuals:\n"
                                "    non_pay: " FOUR_MONTHS "\n", S75_MODE_RUN);
    const struct monitoring_result *m = MR(res);
    check_to_date(m);
    assert_money(m->forecast_cost, 1260000.0);
    assert_money(m->forecast_variance, 60000.0);
    assert_int_equal(m->risk_share[0], 4000000);
    assert_int_equal(m->risk_share[1], 2000000);
    s75_result_free(res);
}

/* run_rate_months defaults to 3; with fewer months than that, all of them.
 * One month of 100,000: F = 100,000 + 11·100,000 = 1,200,000. Two months
 * with run_rate_months 5: mean(100k, 110k) = 105,000, F = 210,000 +
 * 10·105,000 = 1,260,000. */
static void run_rate_months_default_and_short(void **state)
{
    (void)state;
    s75_result *res = run_extra("monitoring:\n  year: 2025\n  actuals:\n"
                                "    non_pay: " FOUR_MONTHS "\n", S75_MODE_RUN);
    assert_int_equal(MR(res)->method, MONITOR_RUN_RATE);
    assert_money(MR(res)->forecast_cost, 1420000.0);
    s75_result_free(res);
    res = run_extra("monitoring:\n  year: 2025\n  actuals:\n    non_pay: [100000]\n",
                    S75_MODE_RUN);
    assert_money(MR(res)->forecast_cost, 1200000.0);
    s75_result_free(res);
    res = run_extra("monitoring:\n  year: 2025\n  run_rate_months: 5\n  actuals:\n"
                    "    non_pay: [100000, 110000]\n", S75_MODE_RUN);
    assert_money(MR(res)->forecast_cost, 1260000.0);
    s75_result_free(res);
}

/* The rule follows the sign of the forecast variance. Contributions
 * 2,000,000 + 1,000,000; profile forecast 1,260,000 (as above): variance
 * 1,260,000 - 3,000,000 = -1,740,000, an underspend. Underspend fixed 30/70:
 * Council -522,000.00, Trust -1,218,000.00 (the proportional overspend rule
 * would have given -1,160,000 and -580,000). A saving of 100,000 at 50%
 * confidence is in the plan (plan variance 1,200,000 - 3,000,000 - 50,000
 * = -1,850,000) but not taken off the forecast again: actuals carry it.
 * With contributions 600,000 + 300,000 the variance is +360,000, an
 * overspend, shared 2:1 by the proportional overspend rule: 240,000 and
 * 120,000 (fixed 30/70 would have given 108,000 and 252,000). */
static const char SIGN_CASE[] =
    "s75: 1\nname: Sign\nbase_year: 2025\nyears: 1\n"
    "non_pay:\n  - {name: Supplies, amount: 1200000}\n"
    "partners:\n"
    "  - {id: a, name: Council, contribution: {amount: %d}}\n"
    "  - {id: b, name: Trust, contribution: {amount: %d}}\n"
    "savings:\n  schemes:\n"
    "    - {name: Scheme, value: 100000, start: 2025, confidence: \"50%%\"}\n"
    "risk_share:\n"
    "  overspend: {rule: proportional}\n"
    "  underspend: {rule: fixed, shares: {a: \"30%%\", b: \"70%%\"}}\n"
    "monitoring:\n  year: 2025\n  method: profile\n  actuals:\n"
    "    non_pay: " FOUR_MONTHS "\n";

static s75_result *run_sign_case(int a, int b)
{
    char text[1024];
    snprintf(text, sizeof text, SIGN_CASE, a, b);
    s75_scenario *sc;
    s75_error err;
    int rc = s75_scenario_load_string(&sc, text, strlen(text), "u.yaml", &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    s75_result *res;
    assert_int_equal(s75_run(&res, sc, NULL, &err), S75_OK);
    s75_scenario_free(sc);
    return res;
}

static void rule_follows_the_sign(void **state)
{
    (void)state;
    s75_result *res = run_sign_case(2000000, 1000000);
    const struct monitoring_result *m = MR(res);
    assert_money(m->forecast_variance, -1740000.0);
    assert_money(m->plan_variance, -1850000.0);
    assert_int_equal(m->risk_share[0], -52200000);
    assert_int_equal(m->risk_share[1], -121800000);
    assert_int_equal(m->unallocated, 0);
    s75_result_free(res);
    res = run_sign_case(600000, 300000);
    m = MR(res);
    assert_money(m->forecast_variance, 360000.0);
    assert_int_equal(m->risk_share[0], 24000000);
    assert_int_equal(m->risk_share[1], 12000000);
    s75_result_free(res);
}

/* ---- identities ---- */

/* At m = 12 every method gives F = A, whatever the months and the profile.
 * The months are 100,000 + 1,000·i for i = 0..11 (Σ = 1,266,000) except
 * that months 3 and 8 (102,000 and 107,000) are credits of 7,500 and
 * 3,000: A = 1,266,000 - 209,000 - 10,500 = 1,046,500. */
static void twelve_months_every_method_gives_actuals(void **state)
{
    (void)state;
    static const double a[12] = { 100000, 101000, -7500, 103000, 104000, 105000,
                                  106000, -3000, 108000, 109000, 110000, 111000 };
    double A = 0;
    for (int i = 0; i < 12; i++)
        A += a[i];
    assert_money(A, 1046500.0); /* the hand sum above */
    static const char *const methods[] = { "run_rate", "profile", "trend" };
    for (int k = 0; k < 3; k++) {
        char extra[1024];
        snprintf(extra, sizeof extra,
                 "monitoring:\n  year: 2026\n  method: %s\n  actuals:\n"
                 "    non_pay: [100000, 101000, -7500, 103000, 104000, 105000, 106000, -3000,"
                 " 108000, 109000, 110000, 111000]\n"
                 "  profile:\n    non_pay: [\"6%%\", \"8%%\", \"8%%\", \"8%%\", \"8%%\", \"8%%\","
                 " \"9%%\", \"9%%\", \"9%%\", \"9%%\", \"9%%\", \"9%%\"]\n", methods[k]);
        s75_result *res = run_extra(extra, S75_MODE_RUN);
        const struct monitoring_result *m = MR(res);
        assert_int_equal(m->cat[CAT_NON_PAY].months, 12);
        assert_money(m->cat[CAT_NON_PAY].forecast, A);
        assert_money(m->cat[CAT_NON_PAY].budget_to_date, m->cat[CAT_NON_PAY].budget);
        /* The year monitored is 2026/27: its contributions, not 2025/26's. */
        assert_money(m->forecast_variance, A - 1200000.0);
        assert_int_equal(m->n_quarters, 4);
        s75_result_free(res);
    }
}

/* A category without actuals is forecast at its budget and is left out of
 * the JSON categories. Agency (budget 0) has two months of 10,000: run rate
 * 10,000 for 10 more months, F = 120,000. Non-pay has none: F = 1,200,000.
 * forecast_cost = 1,320,000; variance 120,000, split 80,000 / 40,000. */
static void category_without_actuals_at_budget(void **state)
{
    (void)state;
    s75_result *res = run_extra("monitoring:\n  year: 2025\n  actuals:\n"
                                "    agency: [10000, 10000]\n", S75_MODE_RUN);
    const struct monitoring_result *m = MR(res);
    assert_int_equal(m->cat[CAT_NON_PAY].months, 0);
    assert_money(m->cat[CAT_NON_PAY].forecast, 1200000.0);
    assert_money(m->cat[CAT_AGENCY].budget, 0.0);
    assert_money(m->cat[CAT_AGENCY].forecast, 120000.0);
    assert_money(m->cat[CAT_PAY].forecast, 0.0);
    assert_money(m->forecast_cost, 1320000.0);
    assert_int_equal(m->risk_share[0], 8000000);
    assert_int_equal(m->risk_share[1], 4000000);
    char *json;
    s75_error err;
    assert_int_equal(s75_result_render(&json, NULL, res, S75_FORMAT_JSON, &err), S75_OK);
    assert_non_null(strstr(json, "\"category\": \"agency\""));
    assert_null(strstr(json, "\"category\": \"non_pay\""));
    assert_null(strstr(json, "\"category\": \"pay\""));
    s75_free(json);
    s75_result_free(res);
}

/* Partner shares plus unallocated equal the forecast variance rounded to
 * the penny, exactly, under every rule: awkward amounts over three partners,
 * a tiered rule with a cap that binds, and caps on everyone so that some of
 * an overspend cannot be placed at all. */
static void reconciliation_to_the_penny(void **state)
{
    (void)state;
    static const char *const rules[] = {
        "risk_share:\n  overspend: {rule: proportional}\n  underspend: {rule: proportional}\n",
        "risk_share:\n  overspend:\n    rule: tiered\n    tiers:\n"
        "      - {up_to: 250000, shares: {c: \"100%\"}}\n      - {rule: proportional}\n"
        "    caps: {c: 300000}\n  underspend: {rule: fixed, shares: {a: \"33.3%\", b: \"33.3%\","
        " c: \"33.4%\"}}\n",
        "risk_share:\n  overspend: {rule: proportional, caps: {a: 1000, b: 1000, c: 1000}}\n"
        "  underspend: {rule: proportional}\n",
    };
    static const char *const actuals[] = {
        "[123456.78, 98765.43, 111111.11]",
        "[1.01, 2.02, 3.03, 4.04, 5.05]",
        "[333333.33, 333333.33, 333333.34, 12.34, 99999.99, 7]",
    };
    static const char *const methods[] = { "run_rate", "profile", "trend" };
    int with_unallocated = 0;
    for (size_t r = 0; r < 3; r++)
        for (size_t k = 0; k < 3; k++)
            for (size_t j = 0; j < 3; j++) {
                char text[2048];
                snprintf(text, sizeof text,
                         "s75: 1\nname: Reconcile\nbase_year: 2025\nyears: 1\n"
                         "non_pay:\n  - {name: Supplies, amount: 1234567.89}\n"
                         "partners:\n"
                         "  - {id: a, name: A, contribution: {amount: 333333.33}}\n"
                         "  - {id: b, name: B, contribution: {amount: 444444.44}}\n"
                         "  - {id: c, name: C, contribution: {amount: 111111.11}}\n"
                         "%smonitoring:\n  year: 2025\n  method: %s\n  run_rate_months: 2\n"
                         "  actuals:\n    non_pay: %s\n",
                         rules[r], methods[j], actuals[k]);
                s75_scenario *sc;
                s75_error err;
                int rc = s75_scenario_load_string(&sc, text, strlen(text), "r.yaml", &err);
                if (rc)
                    print_error("%s\n", err.message);
                assert_int_equal(rc, S75_OK);
                s75_result *res;
                assert_int_equal(s75_run(&res, sc, NULL, &err), S75_OK);
                const struct monitoring_result *m = MR(res);
                int64_t sum = m->unallocated;
                for (size_t i = 0; i < m->n_partners; i++)
                    sum += m->risk_share[i];
                int64_t want = pence_of(m->forecast_variance);
                if (m->forecast_variance < 0)
                    want = -want;
                assert_int_equal(sum, want);
                if (m->unallocated != 0)
                    with_unallocated = 1;
                s75_result_free(res);
                s75_scenario_free(sc);
            }
    /* The third rule caps every partner at 1,000 of an overspend of more
     * than that: the identity was tested with something unplaced. */
    assert_true(with_unallocated);
}

/* Quarters: complete only when every category with actuals has all three
 * months. Pay (budget 0) has 7 months, non-pay 4: only Q1 is complete.
 * With the non-pay profile 6%, 8%, 8% for April to June, Q1's budget is
 * 1,200,000·22% = 264,000 (pay's budget is 0); its actual is non-pay
 * 100,000 + 110,000 + 120,000 plus pay 1 + 2 + 3 = 330,006. */
static void quarters_complete_in_every_category(void **state)
{
    (void)state;
    s75_result *res = run_extra(
        "monitoring:\n  year: 2025\n  method: profile\n  actuals:\n"
        "    pay: [1, 2, 3, 4, 5, 6, 7]\n    non_pay: " FOUR_MONTHS "\n"
        "  profile:\n    non_pay: [\"6%\", \"8%\", \"8%\", \"8%\", \"8%\", \"8%\", \"9%\", \"9%\","
        " \"9%\", \"9%\", \"9%\", \"9%\"]\n", S75_MODE_RUN);
    const struct monitoring_result *m = MR(res);
    assert_int_equal(m->n_quarters, 1);
    assert_money(m->quarters[0].budget, 264000.0);
    assert_money(m->quarters[0].actual, 330006.0);
    /* Non-pay by profile: to date 6+8+8+8 = 30% of 1,200,000 = 360,000;
     * the rest 70% = 840,000: F = 460,000 + 840,000 = 1,300,000. Pay by
     * profile with a budget of 0: F = A = 28. */
    assert_money(m->cat[CAT_NON_PAY].budget_to_date, 360000.0);
    assert_money(m->cat[CAT_NON_PAY].forecast, 1300000.0);
    assert_money(m->cat[CAT_PAY].forecast, 28.0);
    s75_result_free(res);
    /* Two months only: no quarter yet. */
    res = run_extra("monitoring:\n  year: 2025\n  actuals:\n    non_pay: [1, 2]\n",
                    S75_MODE_RUN);
    assert_int_equal(MR(res)->n_quarters, 0);
    s75_result_free(res);
}

/* A profile within the loader's tolerance of 100% is scaled to sum to 1, so
 * that a full year's budget to date, and the four quarters' budgets, are
 * the annual budget to the penny. Eleven months of 8.333333% and one of
 * 8.33342% sum to 100.000083%, inside the 1e-6 tolerance; unscaled, the
 * year's budget to date would be 1,200,000 · 1.00000083 = 1,200,000.996. */
static void profile_normalised(void **state)
{
    (void)state;
    s75_result *res = run_extra(
        "monitoring:\n  year: 2025\n  method: profile\n  actuals:\n"
        "    non_pay: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        "  profile:\n    non_pay: [\"8.333333%\", \"8.333333%\", \"8.333333%\", \"8.333333%\","
        " \"8.333333%\", \"8.333333%\", \"8.333333%\", \"8.333333%\", \"8.333333%\", \"8.333333%\","
        " \"8.333333%\", \"8.33342%\"]\n", S75_MODE_RUN);
    const struct monitoring_result *m = MR(res);
    assert_money(m->cat[CAT_NON_PAY].forecast, 12.0);
    assert_money(m->cat[CAT_NON_PAY].budget_to_date, 1200000.0);
    double q = 0;
    for (int i = 0; i < m->n_quarters; i++)
        q += m->quarters[i].budget;
    assert_money(q, 1200000.0);
    s75_result_free(res);
}

/* ---- reports ---- */

/* The number printed right after the first `key` at or after `from`. */
static double number_after(const char *from, const char *key)
{
    assert_non_null(from);
    const char *p = strstr(from, key);
    if (!p)
        print_error("no %s\n", key);
    assert_non_null(p);
    return strtod(p + strlen(key), NULL);
}

static void reports_carry_the_section(void **state)
{
    (void)state;
    s75_result *res = run_extra("monitoring:\n  year: 2025\n  method: trend\n  actuals:\n"
                                "    non_pay: " FOUR_MONTHS "\n", S75_MODE_MONITOR);
    char *out;
    s75_error err;
    assert_int_equal(s75_result_render(&out, NULL, res, S75_FORMAT_JSON, &err), S75_OK);
    static const char *const keys[] = {
        "\"monitoring\": {", "\"year\": \"2025/26\"", "\"method\": \"trend\"",
        "\"category\": \"non_pay\"", "\"months\": 4", "\"a\": 440000.00",
        "\"b\": 220000.00", "\"unallocated\": 0.00", "\"quarter\": \"Q1\"",
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (!strstr(out, keys[i]))
            print_error("JSON lacks %s\n", keys[i]);
        assert_non_null(strstr(out, keys[i]));
    }
    const char *mon = strstr(out, "\"monitoring\": {");
    assert_money(number_after(mon, "\"budget\": "), 1200000.0);
    assert_money(number_after(mon, "\"budget_to_date\": "), 400000.0);
    assert_money(number_after(mon, "\"actual_to_date\": "), 460000.0);
    assert_money(number_after(mon, "\"variance_to_date\": "), 60000.0);
    assert_money(number_after(mon, "\"forecast\": "), 1860000.0);
    assert_money(number_after(mon, "\"forecast_variance\": "), 660000.0);
    assert_money(number_after(mon, "\"forecast_cost\": "), 1860000.0);
    assert_money(number_after(mon, "\"contributions_total\": "), 1200000.0);
    assert_money(number_after(mon, "\"plan_variance\": "), 0.0);
    s75_free(out);
    /* The monitor text is the partners' report, not the plan's tables. */
    assert_int_equal(s75_result_render(&out, NULL, res, S75_FORMAT_TEXT, &err), S75_OK);
    assert_non_null(strstr(out, "In-year monitoring, 2025/26"));
    assert_non_null(strstr(out, "Position at month 4: actuals to the end of July 2025."));
    assert_non_null(strstr(out, "1,860,000"));
    assert_non_null(strstr(out, "440,000.00"));
    assert_non_null(strstr(out, "Q1 (April to June)"));
    assert_null(strstr(out, "Projection (GBP"));
    s75_free(out);
    assert_int_equal(s75_result_render(&out, NULL, res, S75_FORMAT_CSV, &err), S75_OK);
    assert_money(number_after(out, "monitoring,non_pay forecast,2025/26,"), 1860000.0);
    assert_money(number_after(out, "monitoring,forecast_variance,2025/26,"), 660000.0);
    assert_non_null(strstr(out, "monitoring_risk_share,a,2025/26,440000\n"));
    assert_non_null(strstr(out, "monitoring_risk_share,b,2025/26,220000\n"));
    assert_non_null(strstr(out, "monitoring_quarter,Q1 actual,2025/26,330000\n"));
    s75_free(out);
    s75_result_free(res);
    /* s75 run keeps the plan and adds the section. */
    res = run_extra("monitoring:\n  year: 2025\n  actuals:\n    non_pay: [1, 2]\n", S75_MODE_RUN);
    assert_int_equal(s75_result_render(&out, NULL, res, S75_FORMAT_TEXT, &err), S75_OK);
    assert_non_null(strstr(out, "Projection (GBP"));
    assert_non_null(strstr(out, "In-year monitoring, 2025/26"));
    s75_free(out);
    s75_result_free(res);
}

/* ---- bad input: file:line:column, field path, message ---- */

typedef struct bad_case {
    const char *monitoring; /* appended to BASE: its first line is line 10 */
    int line, column;
    const char *path;
    const char *text;       /* a part of the message */
} bad_case;

static void check_bad(const bad_case *c)
{
    char *text = compose(c->monitoring);
    s75_scenario *sc = NULL;
    s75_error err;
    memset(&err, 0, sizeof err);
    int rc = s75_scenario_load_string(&sc, text, strlen(text), "mon.yaml", &err);
    free(text);
    if (rc != S75_EINVAL || err.line != c->line || err.column != c->column ||
        strcmp(err.path, c->path) != 0 || !strstr(err.text, c->text) ||
        strcmp(err.file, "mon.yaml") != 0)
        print_error("case %s: got rc %d, %s\n", c->path, rc, err.message);
    assert_int_equal(rc, S75_EINVAL);
    assert_null(sc);
    assert_string_equal(err.file, "mon.yaml");
    assert_int_equal(err.line, c->line);
    assert_int_equal(err.column, c->column);
    assert_string_equal(err.path, c->path);
    assert_non_null(strstr(err.text, c->text));
}

static void bad_inputs(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        /* the monitored year outside the model (2025/26 and 2026/27) */
        { "monitoring:\n  year: 2027\n  actuals:\n    non_pay: [1]\n", 11, 9,
          "monitoring.year", "year 2027/28 is outside the model (2025/26 to 2026/27)" },
        { "monitoring:\n  year: \"2024/25\"\n  actuals:\n    non_pay: [1]\n", 11, 9,
          "monitoring.year", "outside the model" },
        /* an unknown method, the nearest suggested */
        { "monitoring:\n  year: 2025\n  method: trnd\n  actuals:\n    non_pay: [1, 2]\n", 12, 11,
          "monitoring.method", "unknown method 'trnd' (did you mean 'trend'?)" },
        /* an unknown category, the nearest suggested */
        { "monitoring:\n  year: 2025\n  actuals:\n    nonpay: [1]\n", 13, 5,
          "monitoring.actuals.nonpay", "unknown category 'nonpay' (did you mean 'non_pay'?)" },
        { "monitoring:\n  year: 2025\n  actuals:\n    non_pay: [1]\n  profile:\n"
          "    agncy: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n", 15, 5,
          "monitoring.profile.agncy", "(did you mean 'agency'?)" },
        /* more than twelve months, an empty list */
        { "monitoring:\n  year: 2025\n  actuals:\n    non_pay: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,"
          " 12, 13]\n", 13, 14, "monitoring.actuals.non_pay",
          "needs 1 to 12 monthly actuals from April, got 13" },
        { "monitoring:\n  year: 2025\n  actuals:\n    non_pay: []\n", 13, 14,
          "monitoring.actuals.non_pay", "needs 1 to 12 monthly actuals from April, got 0" },
        /* a single month with trend */
        { "monitoring:\n  year: 2025\n  method: trend\n  actuals:\n    pay: [810000]\n", 14, 10,
          "monitoring.actuals.pay", "the trend method needs at least two months" },
        /* a profile without twelve entries, or not summing to 100% */
        { "monitoring:\n  year: 2025\n  actuals:\n    non_pay: [1]\n  profile:\n"
          "    non_pay: [\"50%\", \"50%\"]\n", 15, 14, "monitoring.profile.non_pay",
          "a profile needs 12 monthly shares, got 2" },
        { "monitoring:\n  year: 2025\n  actuals:\n    non_pay: [1]\n  profile:\n"
          "    non_pay: [\"8%\", \"8%\", \"8%\", \"8%\", \"8%\", \"8%\", \"8%\", \"8%\", \"8%\","
          " \"8%\", \"8%\", \"8%\"]\n", 15, 14, "monitoring.profile.non_pay",
          "a profile's shares must sum to 100%, got 96%" },
        /* NaN or Inf in an actual */
        { "monitoring:\n  year: 2025\n  actuals:\n    non_pay: [1, .nan, 3]\n", 13, 18,
          "monitoring.actuals.non_pay[1]", "must be a finite number, got .nan" },
        { "monitoring:\n  year: 2025\n  actuals:\n    agency: [1, 2, -.inf]\n", 13, 20,
          "monitoring.actuals.agency[2]", "must be a finite number, got -.inf" },
        { "monitoring:\n  year: 2025\n  actuals:\n    pay: [1e400]\n", 13, 11,
          "monitoring.actuals.pay[0]", "expected a number" },
        /* run_rate_months of 0 */
        { "monitoring:\n  year: 2025\n  run_rate_months: 0\n  actuals:\n    non_pay: [1]\n", 12,
          20, "monitoring.run_rate_months", "must be between 1 and 12, got 0" },
        /* actuals that are not a list */
        { "monitoring:\n  year: 2025\n  actuals:\n    non_pay: 100000\n", 13, 14,
          "monitoring.actuals.non_pay", "expected a list of monthly actuals from April" },
        { "monitoring:\n  year: 2025\n  actuals:\n    non_pay: {april: 1}\n", 13, 14,
          "monitoring.actuals.non_pay", "expected a list of monthly actuals from April" },
        { "monitoring:\n  year: 2025\n  actuals: [1, 2, 3]\n", 12, 12, "monitoring.actuals",
          "expected a mapping, got a list" },
        { "monitoring:\n  year: 2025\n  actuals: {}\n", 12, 12, "monitoring.actuals",
          "actuals need at least one category" },
        /* a category twice would silently lose the first list */
        { "monitoring:\n  year: 2025\n  actuals:\n    pay: [1]\n    pay: [2]\n", 14, 5,
          "monitoring.actuals.pay", "duplicate key 'pay' (first at line 13, column 5)" },
        /* the block's own shape */
        { "monitoring:\n  year: 2025\n", 11, 3, "monitoring", "missing required key 'actuals'" },
        { "monitoring:\n  year: 2025\n  actuals:\n    pay: [1]\n  methd: trend\n", 14, 3,
          "monitoring.methd", "unknown key 'methd' (did you mean 'method'?)" },
        { "monitoring: [2025]\n", 10, 13, "monitoring", "expected a mapping, got a list" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_bad(&cases[i]);
}

/* `s75 monitor` on a scenario without the block is refused, not empty. */
static void monitor_mode_needs_the_block(void **state)
{
    (void)state;
    s75_scenario *sc;
    s75_error err;
    assert_int_equal(s75_scenario_load_string(&sc, BASE, strlen(BASE), "mon.yaml", &err), S75_OK);
    s75_run_options o = S75_RUN_OPTIONS_INIT;
    o.mode = S75_MODE_MONITOR;
    s75_result *res = NULL;
    assert_int_equal(s75_run(&res, sc, &o, &err), S75_EINVAL);
    assert_null(res);
    assert_string_equal(err.path, "monitoring");
    /* and a plain run of it has no monitoring */
    assert_int_equal(s75_run(&res, sc, NULL, &err), S75_OK);
    assert_null(s75_result_monitoring(res));
    assert_true(isnan(s75_monitoring_forecast_cost(NULL)));
    s75_result_free(res);
    s75_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hand_checked_trend),
        cmocka_unit_test(month_series_for_the_writers),
        cmocka_unit_test(hand_checked_run_rate),
        cmocka_unit_test(hand_checked_profile),
        cmocka_unit_test(run_rate_months_default_and_short),
        cmocka_unit_test(rule_follows_the_sign),
        cmocka_unit_test(twelve_months_every_method_gives_actuals),
        cmocka_unit_test(category_without_actuals_at_budget),
        cmocka_unit_test(reconciliation_to_the_penny),
        cmocka_unit_test(quarters_complete_in_every_category),
        cmocka_unit_test(profile_normalised),
        cmocka_unit_test(reports_carry_the_section),
        cmocka_unit_test(bad_inputs),
        cmocka_unit_test(monitor_mode_needs_the_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The projection (MODEL.md §2-§3) on hand-checked figures, through the public API. */
#include "testutil.h"

#include <s75/s75.h>

#include "run.h"

#define SCALE                                                                    \
    "scales:\n"                                                                  \
    "  test:\n"                                                                  \
    "    year: 2025\n"                                                           \
    "    bands:\n"                                                               \
    "      \"5\": {points: [30000, 32000, 35000], progression_years: [2, 2]}\n" \
    "      \"2\": {points: [24000], progression_years: []}\n"

#define HEADER "s75: 1\nname: Hand check\nbase_year: 2025\nyears: 3\n"

static s75_result *run_text(const char *yaml, s75_scenario **sc_out)
{
    s75_scenario *sc = test_load(yaml, "hand.yaml");
    s75_result *res = test_run(sc, S75_MODE_RUN, 0);
    if (sc_out)
        *sc_out = sc;
    else
        s75_scenario_free(sc);
    return res;
}

#define V(p, line, t) s75_projection_value((p), (line), (t))

static void flat_minimum_progression_and_turnover(void **state)
{
    (void)state;
    /* Awards: 2026 2% with a £1,000 flat minimum, 2027 3%.
     *   2026: 30000*1.02 = 30600 < 31000 -> 31000; 32640 < 33000 -> 33000; 35700 < 36000 -> 36000
     *   2027: 31930, 33990, 37080
     * Shares [0.5, 0.3, 0.2], turnover 10%, q = 1/2 on points 0 and 1:
     *   t1: s0 = .9*.5*.5 + .1 = .325; s1 = .9*.3*.5 + .9*.5*.5 = .36; s2 = .9*.2 + .9*.3*.5 = .315
     *   t2: s0 = .24625; s1 = .30825; s2 = .4455
     * Mean basic m: t0 31600; t1 .325*31000 + .36*33000 + .315*36000 = 33295;
     *   t2 .24625*31930 + .30825*33990 + .4455*37080 = 34859.32
     * WTE 10, headcount 12, NI 15% over 5000/head, pension 20%, levy 0.5%:
     *   t0 B 316000, NI .15*(316000-60000) = 38400, pension 63200, levy 1580 -> 419180
     *   t1 B 332950, NI 40942.5, pension 66590, levy 1664.75 -> 442147.25
     *   t2 B 348593.2, NI 43288.98, pension 69718.64, levy 1742.966 -> 463343.786 */
    const char *yaml = HEADER SCALE
        "pay:\n"
        "  scale: test\n"
        "  awards: {2026: {percent: \"2%\", flat_minimum: 1000}, \"2027/28\": \"3%\"}\n"
        "  oncosts: {employer_ni: {rate: \"15%\", threshold: 5000}, pension: 0.2, apprenticeship_levy: \"0.5%\"}\n"
        "workforce:\n"
        "  - {role: Nurse, band: \"5\", wte: 10, headcount: 12, points: [0.5, 0.3, 0.2], turnover: \"10%\"}\n"
        "partners:\n"
        "  - {id: a, contribution: {amount: 0}}\n";
    s75_result *res = run_text(yaml, NULL);
    const s75_projection *p = s75_result_projection(res);
    assert_int_equal(s75_projection_year_count(p), 3);
    assert_int_equal(s75_projection_year(p, 2), 2027);
    assert_money(V(p, S75_LINE_PAY, 0), 419180.0);
    assert_money(V(p, S75_LINE_PAY, 1), 442147.25);
    assert_money(V(p, S75_LINE_PAY, 2), 463343.786);
    assert_money(V(p, S75_LINE_AGENCY, 2), 0.0);
    s75_result_free(res);
}

static void a_negative_award_cuts_pay_unless_a_flat_minimum_is_given(void **state)
{
    (void)state;
    /* Band 2, one point 24,000, an award of -2% in 2026 with no on-costs:
     *   no flat minimum: 24,000 x 0.98 = 23,520 (MODEL.md §2)
     *   flat_minimum 0:  max(23,520, 24,000) = 24,000 (a freeze at worst)
     * 2027 repeats the 2026 award whole: 23,520 x 0.98 = 23,049.6 -> 23,050. */
    const char *cut = HEADER SCALE
        "pay: {scale: test, awards: {2026: \"-2%\"}, oncosts: {employer_ni: {rate: 0, threshold: 0}, pension: 0}}\n"
        "workforce: [{role: HCA, band: \"2\", wte: 1}]\n"
        "partners: [{id: a, contribution: {amount: 0}}]\n";
    s75_result *res = run_text(cut, NULL);
    assert_money(V(s75_result_projection(res), S75_LINE_PAY, 0), 24000.0);
    assert_money(V(s75_result_projection(res), S75_LINE_PAY, 1), 23520.0);
    assert_money(V(s75_result_projection(res), S75_LINE_PAY, 2), 23050.0);
    s75_result_free(res);
    const char *freeze = HEADER SCALE
        "pay: {scale: test, awards: {2026: {percent: \"-2%\", flat_minimum: 0}},\n"
        "      oncosts: {employer_ni: {rate: 0, threshold: 0}, pension: 0}}\n"
        "workforce: [{role: HCA, band: \"2\", wte: 1}]\n"
        "partners: [{id: a, contribution: {amount: 0}}]\n";
    res = run_text(freeze, NULL);
    assert_money(V(s75_result_projection(res), S75_LINE_PAY, 1), 24000.0);
    assert_money(V(s75_result_projection(res), S75_LINE_PAY, 2), 24000.0);
    s75_result_free(res);
}

static void ni_threshold_biting_or_not(void **state)
{
    (void)state;
    /* Band 2, one point 24000, WTE 1 and ten part-time heads: basic 24000 is
     * under the threshold 10 * 5000 = 50000, so NI is 0; pension 20% -> 28800.
     * The second scenario has a threshold of 0: NI = 15% of 24000 = 3600. */
    const char *biting = HEADER SCALE
        "pay: {scale: test, oncosts: {employer_ni: {rate: \"15%\", threshold: 5000}, pension: \"20%\"}}\n"
        "workforce: [{role: HCA, band: \"2\", wte: 1, headcount: 10}]\n"
        "partners: [{id: a, contribution: {amount: 0}}]\n";
    s75_result *res = run_text(biting, NULL);
    assert_money(V(s75_result_projection(res), S75_LINE_PAY, 0), 28800.0);
    s75_result_free(res);
    const char *no_threshold = HEADER SCALE
        "pay: {scale: test, oncosts: {employer_ni: {rate: \"15%\", threshold: 0}, pension: \"20%\"}}\n"
        "workforce: [{role: HCA, band: \"2\", wte: 1, headcount: 10}]\n"
        "partners: [{id: a, contribution: {amount: 0}}]\n";
    res = run_text(no_threshold, NULL);
    assert_money(V(s75_result_projection(res), S75_LINE_PAY, 0), 24000.0 + 3600 + 4800);
    s75_result_free(res);
}

static void vacancy_with_partial_agency_fill(void **state)
{
    (void)state;
    /* WTE 10, vacancy 20%, half covered by agency at a 40% premium, everyone
     * on the top point 35000 (the default):
     *   in post 8 WTE and 8 heads: B 280000, NI .15*(280000-40000) = 36000,
     *   pension 56000, levy 1400 -> pay 373400
     *   agency WTE 10*.2*.5 = 1 -> 35000*1.4 = 49000 */
    const char *yaml = HEADER SCALE
        "pay: {scale: test, oncosts: {employer_ni: {rate: \"15%\", threshold: 5000}, pension: \"20%\", apprenticeship_levy: \"0.5%\"}}\n"
        "workforce: [{role: Nurse, band: \"5\", wte: 10, vacancy: \"20%\", agency_fill: \"50%\", agency_premium: \"40%\"}]\n"
        "partners: [{id: a, contribution: {amount: 0}}]\n";
    s75_result *res = run_text(yaml, NULL);
    const s75_projection *p = s75_result_projection(res);
    assert_money(V(p, S75_LINE_PAY, 0), 373400.0);
    assert_money(V(p, S75_LINE_AGENCY, 0), 49000.0);
    /* No awards given: points stay flat, so every year costs the same. */
    assert_money(V(p, S75_LINE_AGENCY, 2), 49000.0);
    s75_result_free(res);
}

static void non_pay_contributions_and_gap(void **state)
{
    (void)state;
    /* Non-pay 100000 with inflation stepping 2% (2026) then 5% (2027):
     *   100000, 102000, 107100.
     * Partner a: explicit 50000, 51000, 52000. Partner b: 40000 with uplift
     * -1.5%: 40000, 39400, 38809.
     * Gap = cost - contributions: 10000, 11600, 16291. */
    const char *yaml = HEADER
        "non_pay:\n"
        "  - {name: Travel, amount: 100_000, inflation: {2026: \"2%\", 2027: \"5%\"}}\n"
        "partners:\n"
        "  - {id: a, name: Council, contribution: {amounts: {2025: 50000, \"2026/27\": 51000, 2027: 52000}}}\n"
        "  - {id: b, name: Trust, contribution: {amount: 40000, uplift: \"-1.5%\"}}\n";
    s75_result *res = run_text(yaml, NULL);
    const s75_projection *p = s75_result_projection(res);
    assert_money(V(p, S75_LINE_NON_PAY, 0), 100000.0);
    assert_money(V(p, S75_LINE_NON_PAY, 1), 102000.0);
    assert_money(V(p, S75_LINE_NON_PAY, 2), 107100.0);
    assert_money(s75_projection_contribution(p, 0, 1), 51000.0);
    assert_money(s75_projection_contribution(p, 1, 1), 39400.0);
    assert_money(s75_projection_contribution(p, 1, 2), 38809.0);
    assert_money(V(p, S75_LINE_GAP, 0), 10000.0);
    assert_money(V(p, S75_LINE_GAP, 1), 11600.0);
    assert_money(V(p, S75_LINE_GAP, 2), 16291.0);
    /* Proportional overspend of 10000 in year 0 on 50000:40000. */
    assert_money(s75_projection_risk_share(p, 0, 0), 5555.56);
    assert_money(s75_projection_risk_share(p, 1, 0), 4444.44);
    assert_string_equal(s75_projection_partner_id(p, 1), "b");
    assert_null(s75_projection_partner_id(p, 2));
    assert_true(isnan(V(p, S75_LINE_GAP, 3)));
    /* The largest gap, 16291, is the last year's: the papers name it. */
    assert_int_equal(res->proj.gap_peak, 2);
    s75_result_free(res);
}

/* The first of equal largest values; all negative still has a largest. */
static void peak_is_the_first_largest(void **state)
{
    (void)state;
    const double rising_then_flat[] = { 1, 5, 5, 3 }, negative[] = { -2, -1, -3 };
    assert_int_equal(peak_index(rising_then_flat, 4), 1);
    assert_int_equal(peak_index(negative, 3), 1);
    assert_int_equal(peak_index(negative, 1), 0);
    assert_int_equal(peak_index(negative, 0), 0);
}

static void savings_phasing_and_confidence(void **state)
{
    (void)state;
    /* Scheme 1: 100000 from 2026, phasing 50% then 100%, confidence 80%,
     * recurrent: planned 0, 50000, 100000; expected 0, 40000, 80000.
     * Scheme 2: 20000 from 2025, one-off [100%], confidence 100%:
     * planned 20000, 0, 0. Variance = gap - expected. */
    const char *yaml = HEADER
        "non_pay: [{name: Costs, amount: 300000}]\n"
        "partners: [{id: a, contribution: {amount: 200000}}]\n"
        "savings:\n"
        "  schemes:\n"
        "    - {name: Skill mix, value: 100000, start: 2026, phasing: [\"50%\", \"100%\"], confidence: \"80%\"}\n"
        "    - {name: One-off, value: 20000, start: 2025, recurrent: false}\n";
    s75_result *res = run_text(yaml, NULL);
    const s75_projection *p = s75_result_projection(res);
    assert_money(V(p, S75_LINE_SAVINGS_PLANNED, 0), 20000.0);
    assert_money(V(p, S75_LINE_SAVINGS_PLANNED, 1), 50000.0);
    assert_money(V(p, S75_LINE_SAVINGS_PLANNED, 2), 100000.0);
    assert_money(V(p, S75_LINE_SAVINGS_EXPECTED, 0), 20000.0);
    assert_money(V(p, S75_LINE_SAVINGS_EXPECTED, 1), 40000.0);
    assert_money(V(p, S75_LINE_SAVINGS_EXPECTED, 2), 80000.0);
    assert_money(V(p, S75_LINE_VARIANCE, 0), 80000.0);
    assert_money(V(p, S75_LINE_VARIANCE, 2), 20000.0);
    s75_result_free(res);
}

/* Identities on a worked case: line costs add up to pay + agency, gap is
 * cost - contributions, and allocations add up to the rounded variance. */
static void identities_hold_on_a_worked_case(void **state)
{
    (void)state;
    char path[1024];
    s75_scenario *sc;
    s75_error err;
    int rc = s75_scenario_load_file(&sc, source_path(path, sizeof path, "tests/data/cases/case-1001.yaml"), &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    s75_result *res;
    s75_run_options opts = S75_RUN_OPTIONS_INIT;
    assert_int_equal(s75_run(&res, sc, &opts, &err), S75_OK);
    const s75_projection *p = s75_result_projection(res);
    for (int t = 0; t < (int)s75_projection_year_count(p); t++) {
        double contrib = 0;
        long long shares = 0;
        for (size_t i = 0; i < s75_projection_partner_count(p); i++) {
            contrib += s75_projection_contribution(p, i, t);
            shares += llround(s75_projection_risk_share(p, i, t) * 100);
        }
        assert_money(contrib, V(p, S75_LINE_CONTRIBUTIONS_TOTAL, t));
        assert_money(V(p, S75_LINE_GAP, t), V(p, S75_LINE_COST, t) - contrib);
        assert_money(V(p, S75_LINE_COST, t),
                     V(p, S75_LINE_PAY, t) + V(p, S75_LINE_AGENCY, t) + V(p, S75_LINE_NON_PAY, t));
        long long v = llround(floor(fabs(V(p, S75_LINE_VARIANCE, t)) * 100 + 0.5));
        shares += llround(V(p, S75_LINE_UNALLOCATED, t) * 100);
        assert_int_equal(llabs(shares), v);
    }
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void result_outlives_scenario(void **state)
{
    (void)state;
    s75_scenario *sc;
    s75_result *res = run_text(HEADER "partners: [{id: a, contribution: {amount: 5}}]\n", &sc);
    s75_scenario_free(sc);
    char *json;
    assert_int_equal(s75_result_render(&json, NULL, res, S75_FORMAT_JSON, NULL), S75_OK);
    assert_non_null(strstr(json, "\"name\": \"Hand check\""));
    s75_free(json);
    s75_result_free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flat_minimum_progression_and_turnover),
        cmocka_unit_test(a_negative_award_cuts_pay_unless_a_flat_minimum_is_given),
        cmocka_unit_test(ni_threshold_biting_or_not),
        cmocka_unit_test(vacancy_with_partial_agency_fill),
        cmocka_unit_test(non_pay_contributions_and_gap),
        cmocka_unit_test(peak_is_the_first_largest),
        cmocka_unit_test(savings_phasing_and_confidence),
        cmocka_unit_test(identities_hold_on_a_worked_case),
        cmocka_unit_test(result_outlives_scenario),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

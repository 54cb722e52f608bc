/* The options appraisal (appraise.c, smaa.c, MODEL.md §8): scores,
 * ranks, discount factors and present values worked by hand; switching
 * values checked by re-scoring either side; SMAA against cases with a known
 * answer; the Green Book economic case; the optimism-bias sweep; and every
 * bad input of the appraisal block through the loader. */
#include "testutil.h"

#include <pthread.h>

#include <s75/s75.h>

#include "appraise.h"
#include "greenbook.h"
#include "sbuf.h"

/* Every scenario here is this header (lines 1-6) and an appraisal block
 * from line 7. */
#define HEADER                                                                                     \
    "s75: 1\n"                                                                                     \
    "name: appraisal test\n"                                                                       \
    "base_year: 2025\n"                                                                            \
    "years: 1\n"                                                                                   \
    "partners: [{id: p, name: P, contribution: {amount: 100}}]\n"                                  \
    "appraisal:\n"

static s75_scenario *load(const char *yaml)
{
    return test_load(yaml, "t.yaml");
}

static s75_result *run(const s75_scenario *sc, s75_mode mode)
{
    return test_run(sc, mode, 0);
}

static double value(const s75_appraisal *a, size_t o, s75_appraisal_value what)
{
    return s75_appraisal_option_value(a, o, what);
}

/* ---- discount factors ---- */

static void standard_schedule_factors(void **state)
{
    (void)state;
    /* 3.5% for years 1-30, then 3.0% (the 31-75 step): */
    assert_close(gb_discount_factor(0.035, 1, 0), 1.0, 1e-15);
    assert_close(gb_discount_factor(0.035, 1, 1), 1 / 1.035, 1e-15);
    assert_close(gb_discount_factor(0.035, 1, 30), pow(1.035, -30), 1e-14);
    /* 1.035^30 = 2.8067937047; / 1.03 -> DF(31) = 0.3459013695 */
    assert_close(gb_discount_factor(0.035, 1, 31), 0.3459013695167984, 1e-14);
    /* Not declining: year 31 is discounted at 3.5% like the rest. */
    assert_close(gb_discount_factor(0.035, 0, 31), pow(1.035, -31), 1e-14);
    /* Steps at 76, 126, 201 and 301 (rates 2.5, 2.0, 1.5, 1.0%). */
    assert_close(gb_rate_for_year(0.035, 1, 75), 0.030, 1e-15);
    assert_close(gb_rate_for_year(0.035, 1, 76), 0.025, 1e-15);
    assert_close(gb_rate_for_year(0.035, 1, 126), 0.020, 1e-15);
    assert_close(gb_rate_for_year(0.035, 1, 201), 0.015, 1e-15);
    assert_close(gb_rate_for_year(0.035, 1, 301), 0.010, 1e-15);
    /* The published table's steps exactly, as the R `greenbook` package's own
     * tests hold them: DF(31) = DF(30)/1.030; DF(75) = 1/(1.035^30 x 1.030^45);
     * DF(76) = DF(75)/1.025. */
    assert_close(gb_discount_factor(0.035, 1, 31), gb_discount_factor(0.035, 1, 30) / 1.030,
                 1e-15);
    assert_close(gb_discount_factor(0.035, 1, 75), 1 / (pow(1.035, 30) * pow(1.030, 45)), 1e-14);
    assert_close(gb_discount_factor(0.035, 1, 76), gb_discount_factor(0.035, 1, 75) / 1.025,
                 1e-15);
    /* Years 126-200 at 2.0%, 201-300 at 1.5%, 301+ at 1.0%. */
    assert_close(gb_discount_factor(0.035, 1, 301),
                 pow(1.035, -30) * pow(1.03, -45) * pow(1.025, -50) * pow(1.02, -75) *
                     pow(1.015, -100) / 1.01, 1e-14);
}

/* The health schedule is the Green Book's published table (Annex A6, Table
 * 8): 1.50% for years 1-30, then 1.29, 1.07, 0.86, 0.64, 0.43% for 31-75,
 * 76-125, 126-200, 201-300, 301+; not 1.5% x 3.0/3.5 = 1.2857...%. */
static void health_schedule_factors(void **state)
{
    (void)state;
    double r1 = 0.015;
    assert_close(gb_rate_for_year(r1, 1, 30), 0.0150, 1e-15);
    assert_close(gb_rate_for_year(r1, 1, 31), 0.0129, 1e-15);
    assert_close(gb_rate_for_year(r1, 1, 75), 0.0129, 1e-15);
    assert_close(gb_rate_for_year(r1, 1, 76), 0.0107, 1e-15);
    assert_close(gb_rate_for_year(r1, 1, 125), 0.0107, 1e-15);
    assert_close(gb_rate_for_year(r1, 1, 126), 0.0086, 1e-15);
    assert_close(gb_rate_for_year(r1, 1, 200), 0.0086, 1e-15);
    assert_close(gb_rate_for_year(r1, 1, 201), 0.0064, 1e-15);
    assert_close(gb_rate_for_year(r1, 1, 300), 0.0064, 1e-15);
    assert_close(gb_rate_for_year(r1, 1, 301), 0.0043, 1e-15);
    /* Not declining: 1.5% every year. */
    assert_close(gb_rate_for_year(r1, 0, 301), 0.015, 1e-15);
    /* DF(1) = 1/1.015 = 0.98522167 */
    assert_close(gb_discount_factor(r1, 1, 1), 0.9852216748768474, 1e-15);
    /* DF(30) = 1.015^-30 = 0.6397624299 */
    assert_close(gb_discount_factor(r1, 1, 30), 0.6397624299064905, 1e-14);
    /* DF(31) = DF(30) / 1.0129 = 0.6316146015 */
    assert_close(gb_discount_factor(r1, 1, 31), 0.6316146015465, 1e-12);
    assert_close(gb_discount_factor(r1, 1, 31), pow(1.015, -30) / 1.0129, 1e-14);
    /* DF(75) = DF(30) x 1.0129^-45 = 0.3593544536; DF(76) = DF(75) / 1.0107 = 0.3555500678 */
    assert_close(gb_discount_factor(r1, 1, 75), 0.3593544536, 1e-10);
    assert_close(gb_discount_factor(r1, 1, 75), pow(1.015, -30) * pow(1.0129, -45), 1e-14);
    assert_close(gb_discount_factor(r1, 1, 76), 0.3555500678, 1e-10);
    assert_close(gb_discount_factor(r1, 1, 76), pow(1.015, -30) * pow(1.0129, -45) / 1.0107,
                 1e-14);
    /* DF(125) = DF(75) x 1.0107^-50 = 0.2110618529; DF(126) = DF(125) / 1.0086 = 0.2092621980 */
    assert_close(gb_discount_factor(r1, 1, 125), 0.2110618529, 1e-10);
    assert_close(gb_discount_factor(r1, 1, 126), 0.2092621980, 1e-10);
    assert_close(gb_discount_factor(r1, 1, 126),
                 pow(1.015, -30) * pow(1.0129, -45) * pow(1.0107, -50) / 1.0086, 1e-14);
    /* Any other rate still declines in the standard proportions: 2% -> 2 x 3.0/3.5. */
    assert_close(gb_rate_for_year(0.02, 1, 31), 0.02 * 3.0 / 3.5, 1e-15);

    /* The loader's `schedule: health` gives the same: 1,000,000 in FY 2101/02
     * (t = 76) is worth 1,000,000 x 0.3555500678 = 355,550.07 today. */
    s75_scenario *sc = load(HEADER
        "  discount: {schedule: health}\n"
        "  criteria: [{id: c, weight: 1}]\n"
        "  options: [{id: x, scores: {c: 5}, benefits: {2101: 1000000}}]\n");
    s75_result *res = run(sc, S75_MODE_RUN);
    const s75_appraisal *a = s75_result_appraisal(res);
    assert_money(value(a, 0, S75_APPRAISAL_PV_BENEFITS),
                 1e6 * pow(1.015, -30) * pow(1.0129, -45) / 1.0107);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* £1m a year for 80 years (FY 2026/27 to 2105/06, t = 1..80), however 1.5% is
 * asked for. On the published table: 1e6 x (sum over t = 1..30 of 1.015^-t +
 * 1.015^-30 x sum over s = 1..45 of 1.0129^-s + DF(75) x sum over s = 1..5 of
 * 1.0107^-s) = 47,493,396.07. The scaled rates (1.2857%, 1.0714%) gave
 * 47,515,828.16, £22,432.10 too high. */
static void health_schedule_eighty_years(void **state)
{
    (void)state;
    double a30 = (1 - pow(1.015, -30)) / 0.015, a45 = (1 - pow(1.0129, -45)) / 0.0129,
           a5 = (1 - pow(1.0107, -5)) / 0.0107;
    double df30 = pow(1.015, -30), df75 = df30 * pow(1.0129, -45);
    double want = 1e6 * (a30 + df30 * a45 + df75 * a5);
    assert_money(want, 47493396.07);
    static const char *const asks[] = { "{schedule: health}", "{rate: \"1.5%\"}",
                                         "{rate: 0.015, declining: true}" };
    for (size_t k = 0; k < sizeof asks / sizeof asks[0]; k++) {
        char yaml[4096];
        int n = snprintf(yaml, sizeof yaml, HEADER "  discount: %s\n"
                         "  criteria: [{id: c, weight: 1}]\n"
                         "  options: [{id: x, scores: {c: 5}, benefits: {", asks[k]);
        for (int y = 2026; y <= 2105; y++)
            n += snprintf(yaml + n, sizeof yaml - (size_t)n, "%s%d: 1000000", y > 2026 ? ", " : "",
                          y);
        snprintf(yaml + n, sizeof yaml - (size_t)n, "}}]\n");
        s75_scenario *sc = load(yaml);
        s75_result *res = run(sc, S75_MODE_RUN);
        const s75_appraisal *a = s75_result_appraisal(res);
        assert_money(value(a, 0, S75_APPRAISAL_PV_BENEFITS), want);
        assert_money(value(a, 0, S75_APPRAISAL_PV_BENEFITS), 47493396.07);
        s75_result_free(res);
        s75_scenario_free(sc);
    }
}

/* ---- what a reader sees of a BCR ---- */

/* Categories: poor < 1 <= low < 1.5 <= medium < 2 <= high < 4 <= very high. */
static void bcr_digits_never_contradict_the_category(void **state)
{
    (void)state;
    assert_int_equal(bcr_decimals(0.5, 2), 2);
    assert_int_equal(bcr_decimals(1.25, 2), 2);
    /* 0.9951 -> "1.00" (low) at 2; "0.995" at 3 is poor. (0.995 itself is
     * 0.99499999... in binary and prints "0.99", which is poor too.) */
    assert_int_equal(bcr_decimals(0.9951, 2), 3);
    assert_true(bcr_shown(0.9951, 2) == 0.9951);
    assert_int_equal(bcr_decimals(0.995, 2), 2);
    /* 1.4999 -> "1.500" (medium) at 3; "1.4999" at 4 */
    assert_int_equal(bcr_decimals(1.4999, 2), 4);
    assert_int_equal(bcr_decimals(3.9996, 2), 4);
    assert_int_equal(bcr_decimals(3.9996, 3), 4);
    /* Exactly on a boundary: 2.00 is high, and prints so. */
    assert_int_equal(bcr_decimals(2.0, 2), 2);
    /* 0.99999999 rounds up at every width to 6: cut at 6, 0.999999 (poor). */
    assert_int_equal(bcr_decimals(0.99999999, 2), BCR_MAX_DECIMALS);
    assert_close(bcr_shown(0.99999999, 2), 0.999999, 1e-15);
    assert_true(bcr_shown(0.99999999, 2) < 1.0);
    assert_int_equal(bcr_decimals(NAN, 2), 2);
}

/* PV benefits 995.10, PV costs 1,000 (both in the base year): BCR 0.9951, poor.
 * The text, the HTML paper and the category all agree. */
static void bcr_of_0_995_reads_poor_everywhere(void **state)
{
    (void)state;
    s75_scenario *sc = load(HEADER
        "  criteria: [{id: c, weight: 1}]\n"
        "  options: [{id: x, scores: {c: 5}, costs: {2025: 1000}, benefits: {2025: 995.1}}]\n");
    s75_result *res = run(sc, S75_MODE_RUN);
    const s75_appraisal *a = s75_result_appraisal(res);
    assert_close(value(a, 0, S75_APPRAISAL_BCR), 0.9951, 1e-12);
    assert_string_equal(s75_appraisal_option_vfm(a, 0), "poor");
    char *text;
    s75_error err;
    assert_int_equal(s75_result_render(&text, NULL, res, S75_FORMAT_TEXT, &err), S75_OK);
    assert_non_null(strstr(text, "x           0.995       poor"));
    assert_null(strstr(text, "1.00 poor"));
    s75_free(text);
    assert_int_equal(s75_result_render(&text, NULL, res, S75_FORMAT_HTML, &err), S75_OK);
    assert_non_null(strstr(text, "(benefit-cost ratio 0.995, poor value for money)"));
    assert_non_null(strstr(text, "<td>0.995</td>"));
    s75_free(text);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* Value-for-money words for a reader; the key stays in the JSON. */
static void very_high_is_two_words_for_a_reader(void **state)
{
    (void)state;
    s75_scenario *sc = load(HEADER
        "  criteria: [{id: c, weight: 1}]\n"
        "  options: [{id: x, scores: {c: 5}, costs: {2025: 1000}, benefits: {2025: 5000}}]\n");
    s75_result *res = run(sc, S75_MODE_RUN);
    const s75_appraisal *a = s75_result_appraisal(res);
    assert_string_equal(s75_appraisal_option_vfm(a, 0), "very_high");
    s75_format fmts[] = { S75_FORMAT_TEXT, S75_FORMAT_HTML, S75_FORMAT_JSON };
    for (size_t i = 0; i < 3; i++) {
        char *out;
        s75_error err;
        assert_int_equal(s75_result_render(&out, NULL, res, fmts[i], &err), S75_OK);
        if (fmts[i] == S75_FORMAT_JSON) {
            assert_non_null(strstr(out, "\"vfm\": \"very_high\""));
        } else {
            assert_null(strstr(out, "very_high"));
            assert_non_null(strstr(out, "very high"));
        }
        s75_free(out);
    }
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- scores, ranks and present values by hand ---- */

static void scores_ranks_and_present_values(void **state)
{
    (void)state;
    s75_scenario *sc = load(HEADER
        "  optimism_bias: \"10%\"\n"
        "  criteria: [{id: quality, weight: 3}, {id: cost, weight: 1}]\n"
        "  options:\n"
        "    - {id: a, scores: {quality: 8, cost: 4}, costs: {2025: 1000, 2026: 1035},\n"
        "       benefits: {2056: 100000}}\n"
        "    - {id: b, scores: {quality: 6, cost: 10}, costs: {2025: 500},\n"
        "       benefits: {2026: 1035}}\n"
        "    - {id: c, scores: {quality: 2, cost: 2}}\n");
    s75_result *res = run(sc, S75_MODE_RUN);
    const s75_appraisal *a = s75_result_appraisal(res);
    assert_non_null(a);
    assert_int_equal(s75_appraisal_option_count(a), 3);
    assert_string_equal(s75_appraisal_option_id(a, 1), "b");
    /* Weights 3:1 -> 0.75, 0.25. a = 0.75x8 + 0.25x4 = 7; b = 0.75x6 +
     * 0.25x10 = 7 (a tie: it goes to a, listed first); c = 2. */
    assert_close(s75_appraisal_criterion_weight(a, 0), 0.75, 1e-15);
    assert_close(value(a, 0, S75_APPRAISAL_SCORE), 7.0, 1e-12);
    assert_close(value(a, 1, S75_APPRAISAL_SCORE), 7.0, 1e-12);
    assert_close(value(a, 2, S75_APPRAISAL_SCORE), 2.0, 1e-12);
    assert_int_equal(s75_appraisal_option_rank(a, 0), 1);
    assert_int_equal(s75_appraisal_option_rank(a, 1), 2);
    assert_int_equal(s75_appraisal_option_rank(a, 2), 3);
    assert_int_equal(s75_appraisal_preferred(a), 0);
    assert_int_equal(s75_appraisal_preferred(NULL), S75_NONE);

    /* a: costs 1000 + 1035/1.035 = 2000, x 1.10 optimism bias = 2200.
     * Benefit 100,000 in 2056/57 (t = 31): 100000 / (1.035^30 x 1.03)
     * = 100000 x 0.3459013695 = 34,590.14. NPSV 32,390.14; BCR 15.72;
     * cost per point 2200 / 7 = 314.29. */
    assert_money(value(a, 0, S75_APPRAISAL_PV_COSTS), 2200.00);
    assert_money(value(a, 0, S75_APPRAISAL_PV_BENEFITS), 34590.14);
    assert_money(value(a, 0, S75_APPRAISAL_NPSV), 32390.14);
    assert_close(value(a, 0, S75_APPRAISAL_BCR), 34590.136951679844 / 2200, 1e-9);
    assert_money(value(a, 0, S75_APPRAISAL_COST_PER_POINT), 314.29);
    assert_close(value(a, 0, S75_APPRAISAL_OB_RATE), 0.10, 1e-15);
    /* b: costs 500 x 1.1 = 550; benefit 1035/1.035 = 1000; NPSV 450. */
    assert_money(value(a, 1, S75_APPRAISAL_PV_COSTS), 550.00);
    assert_money(value(a, 1, S75_APPRAISAL_PV_BENEFITS), 1000.00);
    assert_money(value(a, 1, S75_APPRAISAL_NPSV), 450.00);
    /* c has no cash flows: BCR, switching shares and equivalent annual are
     * null (NAN); a zero score would make cost per point null too. */
    assert_true(isnan(value(a, 2, S75_APPRAISAL_BCR)));
    assert_true(isnan(value(a, 2, S75_APPRAISAL_EQUIVALENT_ANNUAL)));
    assert_true(isnan(value(a, 2, S75_APPRAISAL_SWITCH_COSTS)));
    assert_true(isnan(value(a, 2, S75_APPRAISAL_SWITCH_BENEFITS)));
    assert_null(s75_appraisal_option_vfm(a, 2));
    assert_money(value(a, 2, S75_APPRAISAL_COST_PER_POINT), 0);
    /* NPSV ranks: a 32,390 > b 450 > c 0. BCR 15.7 is very high; b's
     * 1000/550 = 1.82 medium. */
    assert_int_equal(s75_appraisal_option_rank_npsv(a, 0), 1);
    assert_int_equal(s75_appraisal_option_rank_npsv(a, 1), 2);
    assert_int_equal(s75_appraisal_option_rank_npsv(a, 2), 3);
    assert_string_equal(s75_appraisal_option_vfm(a, 0), "very_high");
    assert_string_equal(s75_appraisal_option_vfm(a, 1), "medium");
    /* Out of range: NAN, 0, NULL. */
    assert_true(isnan(value(a, 3, S75_APPRAISAL_NPSV)));
    assert_int_equal(s75_appraisal_option_rank(a, 3), 0);
    assert_null(s75_appraisal_option_id(a, 3));
    /* s75 run computes no SMAA and no sweep. */
    assert_false(s75_appraisal_has_smaa(a));
    assert_int_equal(s75_appraisal_sweep_point_count(a), 0);
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void value_for_money_bands(void **state)
{
    (void)state;
    /* Benefits B against costs 100 (t = 0, no discounting): BCR = B/100. */
    s75_scenario *sc = load(HEADER
        "  criteria: [{id: c, weight: 1}]\n"
        "  options:\n"
        "    - {id: p, scores: {c: 1}, costs: {2025: 100}, benefits: {2025: 99.99}}\n"
        "    - {id: l, scores: {c: 1}, costs: {2025: 100}, benefits: {2025: 100}}\n"
        "    - {id: m, scores: {c: 1}, costs: {2025: 100}, benefits: {2025: 150}}\n"
        "    - {id: h, scores: {c: 1}, costs: {2025: 100}, benefits: {2025: 200}}\n"
        "    - {id: v, scores: {c: 1}, costs: {2025: 100}, benefits: {2025: 400}}\n"
        "    - {id: z, scores: {c: 0}, costs: {2025: 100}, benefits: {2025: 399.99}}\n");
    s75_result *res = run(sc, S75_MODE_RUN);
    const s75_appraisal *a = s75_result_appraisal(res);
    const char *want[] = { "poor", "low", "medium", "high", "very_high", "high" };
    for (size_t o = 0; o < 6; o++)
        assert_string_equal(s75_appraisal_option_vfm(a, o), want[o]);
    /* Score 0: cost per point is null. All cash at t = 0: T = 0, so the
     * equivalent annual value is null too. */
    assert_true(isnan(value(a, 5, S75_APPRAISAL_COST_PER_POINT)));
    assert_true(isnan(value(a, 5, S75_APPRAISAL_EQUIVALENT_ANNUAL)));
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- MODEL.md §8: the Green Book economic case by hand ---- */

static void green_book_three_years(void **state)
{
    (void)state;
    s75_scenario *sc = load(HEADER
        "  deflator: \"2%\"\n"
        "  optimism_bias: {category: outsourcing, mitigation: \"50%\"}\n"
        "  criteria: [{id: c, weight: 1}]\n"
        "  options:\n"
        "    - id: x\n"
        "      scores: {c: 5}\n"
        "      costs: {2025: 100000, 2026: 102000, 2027: 104040}\n"
        "      benefits: {2026: 204000, 2027: 156060}\n"
        "      risks: [{name: Delay, probability: \"50%\", impact: 20808, year: 2027}]\n");
    s75_result *res = run(sc, S75_MODE_RUN);
    const s75_appraisal *a = s75_result_appraisal(res);
    /* Deflator 2%: G = 1, 1.02, 1.0404, so every cost is 100,000 in
     * 2025/26 prices; benefits 200,000 and 150,000; risk impact 20,000.
     * DF = 1, 1/1.035 = 0.9661835749, 1/1.035^2 = 0.9335107004.
     * Optimism bias: outsourcing 41% x (1 - 50%) = 20.5%.
     * pv_costs = 100000 x (1 + 0.9661835749 + 0.9335107004) x 1.205
     *          = 289,969.43 x 1.205 = 349,413.16
     * pv_benefits = 200000 x 0.9661835749 + 150000 x 0.9335107004
     *             = 193,236.71 + 140,026.61 = 333,263.32
     * pv_risk = 50% x 20000 x 0.9335107004 = 9,335.11
     * npsv = 333,263.32 - 349,413.16 - 9,335.11 = -25,484.95
     * bcr = 333,263.32 / (349,413.16 + 9,335.11) = 0.92896 (poor)
     * equivalent_annual = -25,484.95 / (0.9661835749 + 0.9335107004)
     *                   = -25,484.95 / 1.8996942752 = -13,415.29
     * switch_costs = -25,484.95 / 349,413.16 = -7.29%: costs would have to
     * fall 7.3% for NPSV to reach 0; switch_benefits = 25,484.95 /
     * 333,263.32 = +7.65%: benefits would have to rise 7.6%. */
    assert_close(value(a, 0, S75_APPRAISAL_OB_RATE), 0.205, 1e-15);
    assert_money(value(a, 0, S75_APPRAISAL_PV_COSTS), 349413.16);
    assert_money(value(a, 0, S75_APPRAISAL_PV_BENEFITS), 333263.32);
    assert_money(value(a, 0, S75_APPRAISAL_PV_RISK), 9335.11);
    assert_money(value(a, 0, S75_APPRAISAL_NPSV), -25484.95);
    assert_close(value(a, 0, S75_APPRAISAL_BCR), 0.9289614766896538, 1e-9);
    assert_money(value(a, 0, S75_APPRAISAL_EQUIVALENT_ANNUAL), -13415.29);
    assert_close(value(a, 0, S75_APPRAISAL_SWITCH_COSTS), -0.07293642611448573, 1e-9);
    assert_close(value(a, 0, S75_APPRAISAL_SWITCH_BENEFITS), 0.07647090336134436, 1e-9);
    assert_string_equal(s75_appraisal_option_vfm(a, 0), "poor");
    /* Identities that hold whatever the numbers. */
    double npsv = value(a, 0, S75_APPRAISAL_NPSV);
    assert_close(npsv, value(a, 0, S75_APPRAISAL_PV_BENEFITS) - value(a, 0, S75_APPRAISAL_PV_COSTS) -
                           value(a, 0, S75_APPRAISAL_PV_RISK), 1e-6);
    assert_close(value(a, 0, S75_APPRAISAL_PV_COSTS) * (1 + value(a, 0, S75_APPRAISAL_SWITCH_COSTS)),
                 value(a, 0, S75_APPRAISAL_PV_BENEFITS) - value(a, 0, S75_APPRAISAL_PV_RISK), 1e-6);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* An option's own optimism bias wins over the appraisal's; a deflator
 * series steps as MODEL.md §1 says. */
static void option_overrides_and_deflator_steps(void **state)
{
    (void)state;
    s75_scenario *sc = load(HEADER
        "  deflator: {2026: \"10%\", 2027: \"0%\"}\n"
        "  discount: {rate: 0, declining: false}\n"
        "  optimism_bias: \"20%\"\n"
        "  criteria: [{id: c, weight: 1}]\n"
        "  options:\n"
        "    - {id: x, scores: {c: 5}, costs: {2028: 1210}}\n"
        "    - {id: y, scores: {c: 5}, costs: {2028: 1210},\n"
        "       optimism_bias: {category: standard_buildings, mitigation: \"25%\"}}\n");
    s75_result *res = run(sc, S75_MODE_RUN);
    const s75_appraisal *a = s75_result_appraisal(res);
    /* G(3) = 1.10 x 1.00 x 1.00 = 1.1; real 1210 / 1.1 = 1100; rate 0.
     * x: 1100 x 1.20 = 1320. y: standard buildings 24% x 0.75 = 18%:
     * 1100 x 1.18 = 1298. */
    assert_money(value(a, 0, S75_APPRAISAL_PV_COSTS), 1320.00);
    assert_close(value(a, 1, S75_APPRAISAL_OB_RATE), 0.18, 1e-15);
    assert_money(value(a, 1, S75_APPRAISAL_PV_COSTS), 1298.00);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- the optimism-bias sweep ---- */

static void sweep_changes_the_preferred_option(void **state)
{
    (void)state;
    s75_scenario *sc = load(HEADER
        "  criteria: [{id: c, weight: 1}]\n"
        "  options:\n"
        "    - {id: build, scores: {c: 5}, costs: {2025: 100000}, benefits: {2025: 250000},\n"
        "       optimism_bias: {category: equipment_development, mitigation: \"50%\"}}\n"
        "    - {id: steady, scores: {c: 4}, benefits: {2025: 60000}}\n");
    s75_result *res = run(sc, S75_MODE_APPRAISE);
    const s75_appraisal *a = s75_result_appraisal(res);
    /* build: NPSV(m) = 250000 - 100000 x (1 + 200% x (1 - m))
     *   m = 0: -50,000; 25%: 0; 50%: 50,000; 75%: 100,000; 100%: 150,000.
     * steady: 60,000 at every m (no optimism bias).
     * Preferred: steady up to 50%, build from 75%. */
    const double want[5] = { -50000, 0, 50000, 100000, 150000 };
    assert_int_equal(s75_appraisal_sweep_point_count(a), 5);
    for (size_t k = 0; k < 5; k++) {
        assert_close(s75_appraisal_sweep_mitigation(a, k), 0.25 * (double)k, 1e-15);
        assert_money(s75_appraisal_sweep_npsv(a, k, 0), want[k]);
        assert_money(s75_appraisal_sweep_npsv(a, k, 1), 60000);
        assert_int_equal(s75_appraisal_sweep_preferred(a, k), k < 3 ? 1 : 0);
    }
    /* The deterministic NPSV is the sweep's point at the option's own 50%. */
    assert_money(value(a, 0, S75_APPRAISAL_NPSV), s75_appraisal_sweep_npsv(a, 2, 0));
    assert_int_equal(s75_appraisal_sweep_preferred(a, 5), S75_NONE);

    /* The text report says where it changes. */
    char *text = NULL;
    s75_error err;
    assert_int_equal(s75_result_render(&text, NULL, res, S75_FORMAT_TEXT, &err), S75_OK);
    assert_non_null(strstr(text, "The preferred option changes from steady to build between 50% "
                                 "and 75% mitigation."));
    s75_free(text);
    /* So does the board paper, beside its table and chart. */
    assert_int_equal(s75_result_render(&text, NULL, res, S75_FORMAT_HTML, &err), S75_OK);
    assert_non_null(strstr(text, "changes from steady to build between 50% and 75% mitigation."));
    assert_non_null(strstr(text, "NPSV by mitigation of optimism bias"));
    s75_free(text);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- switching values ---- */

#define SWITCH_SCENARIO                                                                            \
    HEADER                                                                                         \
    "  criteria: [{id: c1, weight: %.17g}, {id: c2, weight: %.17g}, {id: c3, weight: %.17g}]\n"   \
    "  options:\n"                                                                                 \
    "    - {id: a, scores: {c1: 8, c2: 5, c3: 6}}\n"                                               \
    "    - {id: b, scores: {c1: 4, c2: 8, c3: 6}}\n"                                               \
    "    - {id: c, scores: {c1: 9, c2: 1, c3: 2}}\n"

static size_t preferred_with(double w1, double w2, double w3)
{
    char yaml[1024];
    snprintf(yaml, sizeof yaml, SWITCH_SCENARIO, w1, w2, w3);
    s75_scenario *sc = load(yaml);
    s75_result *res = run(sc, S75_MODE_RUN);
    size_t p = s75_appraisal_preferred(s75_result_appraisal(res));
    s75_result_free(res);
    s75_scenario_free(sc);
    return p;
}

static void switching_values_by_hand_and_by_rescoring(void **state)
{
    (void)state;
    double w[3] = { 50, 50, 10 };
    char yaml[1024];
    snprintf(yaml, sizeof yaml, SWITCH_SCENARIO, w[0], w[1], w[2]);
    s75_scenario *sc = load(yaml);
    s75_result *res = run(sc, S75_MODE_RUN);
    const s75_appraisal *a = s75_result_appraisal(res);
    /* Raw sums: a = 400+250+60 = 710, b = 200+400+60 = 660, c = 450+50+20
     * = 520: a preferred.
     * c1 (x): a - b = 4x - 150 -> 0 at x = 37.5; a - c = -x + 240 -> 0 at
     *   240. Lower 37.5 (b), upper 240 (c).
     * c2 (x): a - b = -3x + 200 -> 66.67; a - c = 4x - 10 -> 2.5.
     *   Lower 2.5 (c), upper 66.67 (b).
     * c3 (x): a - b = 50 + 0x > 0 always; a - c = 150 + 4x > 0 for x >= 0:
     *   no switching value either way. */
    const double lo[3] = { 37.5, 2.5, NAN }, up[3] = { 240, 200.0 / 3, NAN };
    const size_t lo_opt[3] = { 1, 2, 0 }, up_opt[3] = { 2, 1, 0 };
    for (size_t j = 0; j < 3; j++) {
        double x;
        size_t o;
        int has_lo = s75_appraisal_switching(a, j, 0, &x, &o);
        assert_int_equal(has_lo, !isnan(lo[j]));
        if (has_lo) {
            assert_close(x, lo[j], 1e-12);
            assert_int_equal(o, lo_opt[j]);
            /* Re-scored just either side: a holds above, the other wins below. */
            double at[3] = { w[0], w[1], w[2] };
            at[j] = x * (1 + 1e-9);
            assert_int_equal(preferred_with(at[0], at[1], at[2]), 0);
            at[j] = x * (1 - 1e-9);
            assert_int_equal(preferred_with(at[0], at[1], at[2]), lo_opt[j]);
        }
        int has_up = s75_appraisal_switching(a, j, 1, &x, &o);
        assert_int_equal(has_up, !isnan(up[j]));
        if (has_up) {
            assert_close(x, up[j], 1e-12);
            assert_int_equal(o, up_opt[j]);
            double at[3] = { w[0], w[1], w[2] };
            at[j] = x * (1 - 1e-9);
            assert_int_equal(preferred_with(at[0], at[1], at[2]), 0);
            at[j] = x * (1 + 1e-9);
            assert_int_equal(preferred_with(at[0], at[1], at[2]), up_opt[j]);
        }
    }
    /* c3 at any weight leaves a preferred. */
    assert_int_equal(preferred_with(50, 50, 0), 0);
    assert_int_equal(preferred_with(50, 50, 1e6), 0);
    assert_int_equal(s75_appraisal_switching(a, 3, 0, NULL, NULL), 0);

    /* The text report puts it in words. */
    char *text = NULL;
    s75_error err;
    assert_int_equal(s75_result_render(&text, NULL, res, S75_FORMAT_TEXT, &err), S75_OK);
    assert_non_null(strstr(text, "a stays preferred unless the weight on c2 (now 50) falls below "
                                 "2.5 (then c takes over) or rises above 66.7 (then b takes over)."));
    assert_non_null(strstr(text, "a stays preferred whatever the weight on c3 (now 10)."));
    s75_free(text);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* A tie exactly at weight 0 counts (the lower end of [0, inf)); with every
 * other weight 0 the point x = 0 has no weights at all and does not. */
static void switching_at_zero(void **state)
{
    (void)state;
    s75_scenario *sc = load(HEADER
        "  criteria: [{id: c0, weight: 50}, {id: c1, weight: 17}]\n"
        "  options:\n"
        "    - {id: o0, scores: {c0: 5, c1: 9}}\n"
        "    - {id: o1, scores: {c0: 5, c1: 2}}\n");
    s75_result *res = run(sc, S75_MODE_RUN);
    const s75_appraisal *a = s75_result_appraisal(res);
    double x;
    size_t o;
    /* c1: o0 - o1 = 7x + 0 -> 0 at x = 0. */
    assert_int_equal(s75_appraisal_switching(a, 1, 0, &x, &o), 1);
    assert_close(x, 0, 0);
    assert_int_equal(o, 1);
    /* c0: o0 - o1 = 17 x 7 = 119 + 0x: never. */
    assert_int_equal(s75_appraisal_switching(a, 0, 0, &x, &o), 0);
    assert_int_equal(s75_appraisal_switching(a, 0, 1, &x, &o), 0);
    s75_result_free(res);
    s75_scenario_free(sc);

    sc = load(HEADER
        "  criteria: [{id: c0, weight: 0}, {id: c1, weight: 1}]\n"
        "  options:\n"
        "    - {id: o0, scores: {c0: 5, c1: 9}}\n"
        "    - {id: o1, scores: {c0: 7, c1: 2}}\n");
    res = run(sc, S75_MODE_RUN);
    a = s75_result_appraisal(res);
    /* c1, others all 0: o0 - o1 = 0 x (5 - 7) + 7x -> 0 only at x = 0. */
    assert_int_equal(s75_appraisal_switching(a, 1, 0, &x, &o), 0);
    /* c0 from 0: o0 - o1 = 1 x 7 - 2x -> 0 at 3.5. */
    assert_int_equal(s75_appraisal_switching(a, 0, 1, &x, &o), 1);
    assert_close(x, 3.5, 1e-12);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- SMAA ---- */

/* Five standard errors of a share p estimated from n draws: a correct
 * sampler fails this about once in 1.7 million runs. */
static double tolerance(double p, long n)
{
    return 5 * sqrt(p * (1 - p) / (double)n);
}

static void smaa_two_options_known_share(void **state)
{
    (void)state;
    /* A = (10, 0), B = (6, 6): A - B = 10 w1 - 6, so A wins iff w1 > 0.6.
     * With two criteria Dirichlet(1, 1) makes w1 uniform on (0, 1):
     * P(A first) = 0.4. Given A first, w1 ~ U(0.6, 1): central weight
     * 0.8 (sd 0.4/sqrt 12); given B first, w1 ~ U(0, 0.6): 0.3 (sd
     * 0.6/sqrt 12). */
    const double scores[] = { 10, 0, 6, 6 };
    const long n = 100000;
    double acc[4], central[4];
    assert_int_equal(smaa_run(scores, 2, 2, n, 42, acc, central), 0);
    assert_close(acc[0], 0.4, tolerance(0.4, n));
    assert_close(acc[1], 1 - acc[0], 1e-12);
    assert_close(acc[2], acc[1], 1e-12);
    assert_close(acc[3], acc[0], 1e-12);
    assert_close(central[0], 0.8, 5 * (0.4 / sqrt(12)) / sqrt(0.4 * (double)n));
    assert_close(central[0] + central[1], 1, 1e-12);
    assert_close(central[2], 0.3, 5 * (0.6 / sqrt(12)) / sqrt(0.6 * (double)n));
}

static void smaa_dominated_and_identical(void **state)
{
    (void)state;
    /* A = (10, 0), B = (6, 6), C = (1, 1) dominated by B on every
     * criterion, D = B repeated. */
    const double scores[] = { 10, 0, 6, 6, 1, 1, 6, 6 };
    const long n = 20000;
    double acc[16], central[8];
    assert_int_equal(smaa_run(scores, 4, 2, n, 7, acc, central), 0);
    /* C never ranks first (or above B), and has no central weights. */
    assert_close(acc[2 * 4 + 0], 0, 0);
    assert_close(acc[2 * 4 + 1], 0, 0);
    assert_true(isnan(central[2 * 2 + 0]));
    /* C is always last but for draws where A ranks below it: 10 w1 < 1
     * with w1 ~ U(0, 1), P = 0.1. */
    assert_close(acc[2 * 4 + 3], 0.9, tolerance(0.9, n));
    /* D ties with B in every draw and the tie goes to B, listed first: D
     * takes exactly B's rank + 1. */
    assert_close(acc[3 * 4 + 0], 0, 0);
    assert_true(isnan(central[3 * 2 + 0]));
    for (int r = 0; r < 3; r++)
        assert_close(acc[3 * 4 + r + 1], acc[1 * 4 + r], 0);
    /* Each option has some rank in every draw, each rank some option. */
    for (int o = 0; o < 4; o++) {
        double row = 0, col = 0;
        for (int r = 0; r < 4; r++) {
            row += acc[o * 4 + r];
            col += acc[r * 4 + o];
        }
        assert_close(row, 1, 1e-12);
        assert_close(col, 1, 1e-12);
    }
}

/* Three criteria: a uniform draw on the simplex has E[w_j] = 1/3 and an
 * option with the same score everywhere ties... so give one option the
 * best score on each criterion and check the symmetric answer 1/3. */
static void smaa_symmetric_three(void **state)
{
    (void)state;
    const double scores[] = { 9, 0, 0, 0, 9, 0, 0, 0, 9 };
    const long n = 30000;
    double acc[9], central[9];
    assert_int_equal(smaa_run(scores, 3, 3, n, 3, acc, central), 0);
    for (int o = 0; o < 3; o++) {
        assert_close(acc[o * 3], 1.0 / 3, tolerance(1.0 / 3, n));
        /* Option o is first where w_o is the largest weight: its central
         * weight on o is the mean of the largest of three uniform-simplex
         * weights, 11/18 = 0.6111 (sd about 0.14). */
        assert_close(central[o * 3 + o], 11.0 / 18, 5 * 0.15 / sqrt((double)n / 3));
    }
}

static void smaa_reproducible(void **state)
{
    (void)state;
    const double scores[] = { 8, 3, 5, 6, 6, 6, 2, 9, 4, 7, 7, 1 };
    double a1[16], c1[12], a2[16], c2[12], a3[16], c3[12];
    assert_int_equal(smaa_run(scores, 4, 3, 5000, 11, a1, c1), 0);
    assert_int_equal(smaa_run(scores, 4, 3, 5000, 11, a2, c2), 0);
    assert_int_equal(smaa_run(scores, 4, 3, 5000, 12, a3, c3), 0);
    assert_memory_equal(a1, a2, sizeof a1);
    for (int i = 0; i < 12; i++)
        assert_true(c1[i] == c2[i] || (isnan(c1[i]) && isnan(c2[i])));
    assert_true(memcmp(a1, a3, sizeof a1) != 0);
}

/* The same seed gives the same SMAA on two threads at once as alone. */
typedef struct job {
    const s75_scenario *sc;
    char *json;
} job;

static void *appraise_job(void *p)
{
    job *j = p;
    s75_run_options o = S75_RUN_OPTIONS_INIT;
    o.mode = S75_MODE_APPRAISE;
    s75_result *res = NULL;
    if (s75_run(&res, j->sc, &o, NULL) == S75_OK)
        s75_result_render(&j->json, NULL, res, S75_FORMAT_JSON, NULL);
    s75_result_free(res);
    return NULL;
}

static void smaa_thread_safe(void **state)
{
    (void)state;
    char path[1024];
    s75_scenario *sc = NULL;
    s75_error err;
    source_path(path, sizeof path, "configs/kent-health-visiting.yaml");
    int rc = s75_scenario_load_file(&sc, path, &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    job alone = { sc, NULL }, j1 = { sc, NULL }, j2 = { sc, NULL };
    appraise_job(&alone);
    pthread_t t1, t2;
    assert_int_equal(pthread_create(&t1, NULL, appraise_job, &j1), 0);
    assert_int_equal(pthread_create(&t2, NULL, appraise_job, &j2), 0);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    assert_non_null(alone.json);
    assert_non_null(strstr(alone.json, "\"smaa\""));
    assert_string_equal(alone.json, j1.json);
    assert_string_equal(alone.json, j2.json);
    s75_free(alone.json);
    s75_free(j1.json);
    s75_free(j2.json);
    s75_scenario_free(sc);
}

static void smaa_through_the_api(void **state)
{
    (void)state;
    s75_scenario *sc = load(HEADER
        "  criteria: [{id: c1, weight: 1}, {id: c2, weight: 1}]\n"
        "  options:\n"
        "    - {id: a, scores: {c1: 10, c2: 0}}\n"
        "    - {id: b, scores: {c1: 6, c2: 6}}\n"
        "    - {id: c, scores: {c1: 1, c2: 1}}\n"
        "  smaa: {draws: 40000, seed: 5}\n");
    s75_result *res = run(sc, S75_MODE_APPRAISE);
    const s75_appraisal *a = s75_result_appraisal(res);
    assert_true(s75_appraisal_has_smaa(a));
    assert_close(s75_appraisal_acceptability(a, 0, 0), 0.4, tolerance(0.4, 40000));
    assert_close(s75_appraisal_acceptability(a, 2, 0), 0, 0);
    assert_true(isnan(s75_appraisal_central_weight(a, 2, 0)));
    assert_close(s75_appraisal_central_weight(a, 0, 0), 0.8, 0.01);
    assert_true(isnan(s75_appraisal_acceptability(a, 3, 0)));
    /* JSON: smaa and ob_sweep are there, with the draws and the seed. */
    char *json = NULL;
    s75_error err;
    assert_int_equal(s75_result_render(&json, NULL, res, S75_FORMAT_JSON, &err), S75_OK);
    assert_non_null(strstr(json, "\"draws\": 40000"));
    assert_non_null(strstr(json, "\"seed\": 5"));
    assert_non_null(strstr(json, "\"central_weights\": null"));
    assert_non_null(strstr(json, "\"ob_sweep\""));
    s75_free(json);
    s75_result_free(res);
    /* s75 run leaves them out. */
    res = run(sc, S75_MODE_RUN);
    assert_int_equal(s75_result_render(&json, NULL, res, S75_FORMAT_JSON, &err), S75_OK);
    assert_null(strstr(json, "\"smaa\""));
    assert_null(strstr(json, "\"ob_sweep\""));
    s75_free(json);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- bad input: each one an error at its line, column and field path ---- */

typedef struct bad_case {
    const char *appraisal;   /* lines from 7 */
    int code, line, column;
    const char *path;
    const char *says;        /* part of the message */
} bad_case;

#define CRIT "  criteria: [{id: c, weight: 1}]\n"
#define OPT "  options: [{id: x, scores: {c: 5}}]\n"

static const bad_case bad_cases[] = {
    /* the appraisal block: required keys and limits */
    { "  options: [{id: x, scores: {}}]\n", S75_EINVAL, 7, 3, "appraisal",
      "missing required key 'criteria'" },
    { "  criteria: []\n" OPT, S75_EINVAL, 7, 13, "appraisal.criteria", "at least one criterion" },
    { CRIT "  options: []\n", S75_EINVAL, 8, 12, "appraisal.options", "at least one option" },
    { "  criteria: [{id: c, weight: -1}]\n" OPT, S75_EINVAL, 7, 30,
      "appraisal.criteria[0].weight", "must be >= 0" },
    { "  criteria: [{id: c, weight: 0}, {id: d, weight: 0}]\n"
      "  options: [{id: x, scores: {c: 5, d: 5}}]\n", S75_EINVAL, 7, 13, "appraisal.criteria",
      "weights are all zero" },
    { CRIT "  options: [{id: x, scores: {c: 10.5}}]\n", S75_EINVAL, 8, 33,
      "appraisal.options[0].scores.c", "must be between 0 and 10" },
    { CRIT "  options: [{id: x, scores: {c: -1}}]\n", S75_EINVAL, 8, 33,
      "appraisal.options[0].scores.c", "must be between 0 and 10" },
    { "  criteria: [{id: c, weight: 1}, {id: d, weight: 1}]\n" OPT, S75_EINVAL, 8, 29,
      "appraisal.options[0].scores", "no score for criterion 'd'" },
    { "  criteria: [{id: c, weight: 1}, {id: c, weight: 2}]\n" OPT, S75_EINVAL, 7, 39,
      "appraisal.criteria[1].id", "duplicate criterion id 'c'" },
    { CRIT "  options:\n"
      "    - {id: x, scores: {c: 5}}\n"
      "    - {id: x, scores: {c: 6}}\n", S75_EINVAL, 10, 12, "appraisal.options[1].id",
      "duplicate option id 'x'" },
    { CRIT "  options: [{id: x, scores: {c: 5}, costs: {2024: 10}}]\n", S75_EINVAL, 8, 45,
      "appraisal.options[0].costs.2024/25", "before the base year" },
    { CRIT "  options: [{id: x, scores: {c: 5}, benefits: {\"2024/25\": 10}}]\n", S75_EINVAL, 8,
      48, "appraisal.options[0].benefits.2024/25", "before the base year" },
    { "  discount: {rate: \"-100%\"}\n" CRIT OPT, S75_EINVAL, 7, 20, "appraisal.discount.rate",
      "above -100%" },
    { "  discount: {rate: \"-150%\"}\n" CRIT OPT, S75_EINVAL, 7, 20, "appraisal.discount.rate",
      "between -100% and 100%" },
    { CRIT OPT "  smaa: {draws: 0}\n", S75_EINVAL, 9, 17, "appraisal.smaa.draws",
      "at least 1" },
    { CRIT OPT "  smaa: {draws: 100000000}\n", S75_ELIMIT, 9, 17, "appraisal.smaa.draws",
      "cap" },
    /* optimism bias: categories and rates */
    { "  optimism_bias: {category: outsorcing}\n" CRIT OPT, S75_EINVAL, 7, 29,
      "appraisal.optimism_bias.category", "did you mean 'outsourcing'" },
    { "  optimism_bias: {category: outsourcing, rate: \"10%\"}\n" CRIT OPT, S75_EINVAL, 7, 48,
      "appraisal.optimism_bias.rate", "not both" },
    { "  optimism_bias: {category: outsourcing, mitigation: \"150%\"}\n" CRIT OPT, S75_EINVAL,
      7, 54, "appraisal.optimism_bias.mitigation", "between 0% and 100%" },
    { CRIT "  options:\n"
      "    - {id: x, scores: {c: 5}, optimism_bias: {category: software}}\n", S75_EINVAL, 9, 57,
      "appraisal.options[0].optimism_bias.category", "unknown optimism-bias category" },
    { CRIT "  options:\n"
      "    - id: x\n"
      "      scores: {c: 5}\n"
      "      risks: [{name: r, probability: \"120%\", impact: 5, year: 2026}]\n", S75_EINVAL, 11,
      38, "appraisal.options[0].risks[0].probability", "between 0% and 100%" },
    { CRIT "  options:\n"
      "    - id: x\n"
      "      scores: {c: 5}\n"
      "      risks: [{name: r, probability: \"20%\", impact: -5, year: 2026}]\n", S75_EINVAL, 11,
      53, "appraisal.options[0].risks[0].impact", "must be >= 0" },
    { CRIT "  options:\n"
      "    - id: x\n"
      "      scores: {c: 5}\n"
      "      risks: [{name: r, probability: \"20%\", impact: 5}]\n", S75_EINVAL, 11, 15,
      "appraisal.options[0].risks[0]", "missing required key 'year'" },
    { CRIT "  options:\n"
      "    - id: x\n"
      "      scores: {c: 5}\n"
      "      risks: [{name: r, probability: \"20%\", impact: 5, year: 2020}]\n", S75_EINVAL, 11,
      62, "appraisal.options[0].risks[0].year", "before the base year" },
    { "  deflator: {2027: \"2%\"}\n" CRIT
      "  options: [{id: x, scores: {c: 5}, costs: {2026: 10}}]\n", S75_EINVAL, 7, 13,
      "appraisal.deflator", "no value for 2026/27" },
    { "  deflator: {2026: .nan}\n" CRIT
      "  options: [{id: x, scores: {c: 5}, costs: {2026: 10}}]\n", S75_EINVAL, 7, 20,
      "appraisal.deflator.2026/27", "finite" },
    { "  deflator: {2026: \"nan%\"}\n" CRIT
      "  options: [{id: x, scores: {c: 5}, costs: {2026: 10}}]\n", S75_EINVAL, 7, 20,
      "appraisal.deflator.2026/27", "per cent" },
    { "  deflator: \"-100%\"\n" CRIT
      "  options: [{id: x, scores: {c: 5}, costs: {2026: 10}}]\n", S75_EINVAL, 7, 13,
      "appraisal.deflator", "above -100%" },
    /* A deflator is checked even when no cash flow needs deflating. */
    { "  deflator: {2026: 7}\n" CRIT OPT, S75_EINVAL, 7, 20, "appraisal.deflator.2026/27",
      "fraction" },
    { "  discount: {schedule: helth}\n" CRIT OPT, S75_EINVAL, 7, 24,
      "appraisal.discount.schedule", "did you mean 'health'" },
};

static void bad_inputs(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        char yaml[2048];
        snprintf(yaml, sizeof yaml, HEADER "%s", c->appraisal);
        s75_scenario *sc = (s75_scenario *)1;
        s75_error err;
        int rc = s75_scenario_load_string(&sc, yaml, strlen(yaml), "bad.yaml", &err);
        if (rc != c->code || err.line != c->line || err.column != c->column ||
            strcmp(err.path, c->path) != 0 || !strstr(err.text, c->says)) {
            print_error("case %zu: got %d %s\n  want %d bad.yaml:%d:%d: %s: ...%s...\n", i, rc,
                        err.message, c->code, c->line, c->column, c->path, c->says);
            failed++;
        }
        assert_null(sc);
        assert_string_equal(err.file, "bad.yaml");
    }
    assert_int_equal(failed, 0);
}

/* Draws x options x criteria is capped too: 11 options on 100 criteria at
 * 10,000,000 draws is 1.1e10, over the 1e10 cap; 1e10 / 1100 = 9,090,909
 * draws is the most it allows. */
static void smaa_work_cap(void **state)
{
    (void)state;
    sbuf b;
    sb_init(&b);
    sb_puts(&b, HEADER "  criteria:\n");
    for (int j = 0; j < 100; j++)
        sb_printf(&b, "    - {id: c%d, weight: 1}\n", j);
    sb_puts(&b, "  options:\n");
    for (int o = 0; o < 11; o++) {
        sb_printf(&b, "    - id: o%d\n      scores: {", o);
        for (int j = 0; j < 100; j++)
            sb_printf(&b, "%sc%d: %d", j ? ", " : "", j, (o + j) % 11);
        sb_puts(&b, "}\n");
    }
    size_t smaa_line = 7 + 1 + 100 + 1 + 2 * 11;
    sb_puts(&b, "  smaa: {draws: 10000000}\n");
    s75_scenario *sc = NULL;
    s75_error err;
    assert_int_equal(s75_scenario_load_string(&sc, b.s, b.len, "big.yaml", &err), S75_ELIMIT);
    assert_int_equal(err.line, (int)smaa_line);
    assert_int_equal(err.column, 17);
    assert_string_equal(err.path, "appraisal.smaa.draws");
    assert_non_null(strstr(err.text, "use at most 9090909 draws"));
    sb_free(&b);
}

/* The CSV and JSON carry the same figures, nulls as absent rows and null. */
static void csv_and_json_carry_the_figures(void **state)
{
    (void)state;
    s75_scenario *sc = load(HEADER
        "  criteria: [{id: c, weight: 1}]\n"
        "  options:\n"
        "    - {id: x, scores: {c: 5}, costs: {2025: 100}, benefits: {2025: 250}}\n"
        "    - {id: y, scores: {c: 0}}\n");
    s75_result *res = run(sc, S75_MODE_APPRAISE);
    char *csv = NULL, *json = NULL;
    s75_error err;
    assert_int_equal(s75_result_render(&csv, NULL, res, S75_FORMAT_CSV, &err), S75_OK);
    assert_int_equal(s75_result_render(&json, NULL, res, S75_FORMAT_JSON, &err), S75_OK);
    /* x: BCR 250/100 = 2.5, high; NPSV 150. */
    assert_non_null(strstr(csv, "appraisal_npsv,x,,150\n"));
    assert_non_null(strstr(csv, "appraisal_vfm,x: high,,2.5\n"));
    assert_non_null(strstr(csv, "ob_sweep_preferred,at 100%: x,,150\n"));
    /* y: no BCR and no cost per point: no rows. */
    assert_null(strstr(csv, "appraisal_bcr,y,"));
    assert_null(strstr(csv, "appraisal_cost_per_point,y,"));
    assert_non_null(strstr(json, "\"vfm\": \"high\""));
    assert_non_null(strstr(json, "\"bcr\": null"));
    assert_non_null(strstr(json, "\"preferred\": \"x\""));
    s75_free(csv);
    s75_free(json);
    s75_result_free(res);
    s75_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(standard_schedule_factors),
        cmocka_unit_test(health_schedule_factors),
        cmocka_unit_test(health_schedule_eighty_years),
        cmocka_unit_test(bcr_digits_never_contradict_the_category),
        cmocka_unit_test(bcr_of_0_995_reads_poor_everywhere),
        cmocka_unit_test(very_high_is_two_words_for_a_reader),
        cmocka_unit_test(scores_ranks_and_present_values),
        cmocka_unit_test(value_for_money_bands),
        cmocka_unit_test(green_book_three_years),
        cmocka_unit_test(option_overrides_and_deflator_steps),
        cmocka_unit_test(sweep_changes_the_preferred_option),
        cmocka_unit_test(switching_values_by_hand_and_by_rescoring),
        cmocka_unit_test(switching_at_zero),
        cmocka_unit_test(smaa_two_options_known_share),
        cmocka_unit_test(smaa_dominated_and_identical),
        cmocka_unit_test(smaa_symmetric_three),
        cmocka_unit_test(smaa_reproducible),
        cmocka_unit_test(smaa_thread_safe),
        cmocka_unit_test(smaa_through_the_api),
        cmocka_unit_test(bad_inputs),
        cmocka_unit_test(smaa_work_cap),
        cmocka_unit_test(csv_and_json_carry_the_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

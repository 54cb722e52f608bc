/* The Monte Carlo (MODEL.md §9), its tornado and break-even: through
 * the public API, and the internal pieces (the folded model against the
 * reference projection, the percentile definition, the noise clamp). */
#include "testutil.h"

#include <pthread.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include <s75/s75.h>

#include "input_limits.h"
#include "model.h"
#include "modules.h"
#include "project.h"
#include "simulate_model.h"
#include "simulate_noise.h"
#include "simulate_result.h"
#include "simulate_stats.h"

/* ---- helpers ---- */

static s75_scenario *load(const char *yaml)
{
    return test_load(yaml, "sim.yaml");
}

static int load_fails(const char *yaml, s75_error *err)
{
    s75_scenario *sc = NULL;
    int rc = s75_scenario_load_string(&sc, yaml, strlen(yaml), "sim.yaml", err);
    s75_scenario_free(sc);
    return rc;
}

static s75_result *run_mode(const s75_scenario *sc, s75_mode mode, unsigned threads)
{
    return test_run(sc, mode, threads);
}

static char *render(const s75_result *res, s75_format fmt)
{
    char *text = NULL;
    assert_int_equal(s75_result_render(&text, NULL, res, fmt, NULL), S75_OK);
    return text;
}

static char *simulate_json(const char *yaml, unsigned threads)
{
    s75_scenario *sc = load(yaml);
    s75_result *res = run_mode(sc, S75_MODE_SIMULATE, threads);
    char *json = render(res, S75_FORMAT_JSON);
    s75_result_free(res);
    s75_scenario_free(sc);
    return json;
}

#define SCALE                                                                    \
    "scales:\n"                                                                  \
    "  test:\n"                                                                  \
    "    year: 2024\n"                                                           \
    "    bands:\n"                                                               \
    "      \"5\": {points: [30000, 32000, 35000], progression_years: [2, 2]}\n" \
    "      \"6\": {points: [38682, 40823, 46580], progression_years: [2, 3]}\n" \
    "      \"2\": {points: [24000], progression_years: []}\n"

/* A scenario that touches every part of §3-§6: awards before and after the
 * base year with band overrides and a flat minimum, progression, turnover,
 * vacancy and agency, an NI threshold that bites for one line (many part-time
 * heads), non-pay lines sharing and not sharing an inflation series, amount-
 * based and explicit partners, phased schemes, a tiered underspend rule with
 * a cap. */
#define RICH_BODY                                                                                   \
    "s75: 1\nname: Rich\nbase_year: 2025\nyears: 5\n" SCALE                                        \
    "pay:\n"                                                                                        \
    "  scale: test\n"                                                                               \
    "  awards: {2025: \"2%\", 2026: {percent: \"3%\", bands: {\"2\": \"6%\"}, flat_minimum: 1200},\n" \
    "           2028: \"2.5%\"}\n"                                                                 \
    "  oncosts: {employer_ni: {rate: \"15%\", threshold: {2025: 5000, 2027: 9100}},\n"             \
    "            pension: \"23.78%\", apprenticeship_levy: \"0.5%\"}\n"                            \
    "workforce:\n"                                                                                  \
    "  - {role: Nurse, band: \"5\", wte: 20, headcount: 24, points: [0.5, 0.3, 0.2],\n"             \
    "     turnover: \"10%\", vacancy: \"8%\", agency_fill: \"50%\", agency_premium: \"40%\"}\n"     \
    "  - {role: HV, band: \"6\", wte: 30.5, points: [0.2, 0.3, 0.5], turnover: \"12%\"}\n"          \
    "  - {role: HV lead, band: \"6\", wte: 4}\n"                                                    \
    "  - {role: HCA bank, band: \"2\", wte: 2, headcount: 12}\n"                                    \
    "  - {role: HCA, band: \"2\", wte: 10, headcount: 11, vacancy: \"100%\", agency_fill: \"30%\"}\n" \
    "non_pay:\n"                                                                                    \
    "  - {name: Travel, amount: 420000, inflation: \"2%\"}\n"                                       \
    "  - {name: Equipment, amount: 150000, inflation: \"2%\"}\n"                                    \
    "  - {name: Estates, amount: 300000, inflation: {2025: \"3%\", 2027: \"1%\"}}\n"               \
    "partners:\n"                                                                                   \
    "  - {id: icb, contribution: {amount: 2000000, uplift: \"5%\"}}\n"                              \
    "  - {id: council, contribution: {amount: 1400000, uplift: {2025: \"1%\", 2027: \"-1%\"}}}\n"   \
    "  - {id: trust, contribution: {amounts: {2025: 500000, 2026: 520000, 2027: 530000,\n"          \
    "                                         2028: 540000, 2029: 560000}}}\n"                      \
    "savings:\n"                                                                                    \
    "  schemes:\n"                                                                                  \
    "    - {name: Skill mix, value: 120000, start: 2026, phasing: [\"50%\", \"100%\"],\n"           \
    "       confidence: \"80%\"}\n"                                                                 \
    "    - {name: Estates, value: 90000, start: 2025, confidence: \"40%\", recurrent: false,\n"     \
    "       phasing: [\"100%\", \"60%\"]}\n"                                                        \
    "risk_share:\n"                                                                                 \
    "  overspend: {rule: proportional}\n"                                                           \
    "  underspend: {rule: tiered, tiers: [{up_to: 50000, shares: {trust: \"100%\"}},\n"            \
    "                                     {rule: proportional}], caps: {trust: 60000}}\n"

#define V(p, line, t) s75_projection_value((p), (line), (t))
#define SIM(s, series, stat, t) s75_simulation_stat((s), (series), (stat), (t))

/* ---- every sd 0, savings expected: each draw is the deterministic run ---- */

static void zero_sd_expected_is_the_deterministic_projection(void **state)
{
    (void)state;
    const char *yaml = RICH_BODY
        "uncertainty: {draws: 300, seed: 11, pay_award_sd: 0, inflation_sd: 0, uplift_sd: 0,\n"
        "              savings: expected}\n";
    s75_scenario *sc = load(yaml);
    s75_result *res = run_mode(sc, S75_MODE_SIMULATE, 2);
    const s75_projection *p = s75_result_projection(res);
    const s75_simulation *s = s75_result_simulation(res);
    assert_non_null(s);
    assert_int_equal(s75_simulation_draw_count(s), 300);
    assert_int_equal(s75_simulation_year_count(s), 5);
    const s75_sim_series series[] = { S75_SIM_COST, S75_SIM_GAP, S75_SIM_VARIANCE };
    const s75_line lines[] = { S75_LINE_COST, S75_LINE_GAP, S75_LINE_VARIANCE };
    const s75_stat stats[] = { S75_STAT_MEAN, S75_STAT_P5, S75_STAT_P50, S75_STAT_P95 };
    int any_over = 0, any_under = 0;
    for (int t = 0; t < 5; t++) {
        for (int k = 0; k < 3; k++) {
            double det = V(p, lines[k], t);
            for (int j = 0; j < 4; j++)
                assert_money(SIM(s, series[k], stats[j], t), det);
            assert_close(SIM(s, series[k], S75_STAT_SD, t), 0, 1e-6);
        }
        for (size_t i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                assert_money(s75_simulation_risk_share_stat(s, i, stats[j], t),
                             s75_projection_risk_share(p, i, t));
        double v = V(p, S75_LINE_VARIANCE, t);
        assert_close(s75_simulation_p_overspend(s, t), v > 0 ? 1.0 : 0.0, 0);
        any_over |= v > 0;
        any_under |= v < 0;
    }
    /* the case covers both rules of the risk share */
    assert_true(any_over && any_under);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* The folded model against project_run() on random perturbations: the same
 * pence to the penny and the same money to a millionth of a pound, with the
 * NI threshold biting for one line (the line-by-line path) and noise large
 * enough to be clamped. */
static void folded_model_matches_the_reference_projection(void **state)
{
    (void)state;
    const char *yaml = RICH_BODY
        "uncertainty: {draws: 10, seed: 3, pay_award_sd: \"40%\", inflation_sd: \"30%\",\n"
        "              uplift_sd: \"30%\", savings: bernoulli}\n";
    s75_scenario *h = load(yaml);
    scenario *sc = (scenario *)h;
    sim_model m;
    sim_work w;
    sim_noise_spec ns;
    sim_noise nz;
    assert_int_equal(sim_model_build(&m, sc), 0);
    assert_int_equal(sim_work_alloc(&w, &m), 0);
    assert_int_equal(sim_noise_spec_init(&ns, sc), 0);
    assert_int_equal(sim_noise_alloc(&nz, &ns), 0);
    size_t N = 5, row = sim_model_row(&m);
    assert_int_equal(row, N * (3 + 3));
    double *out = malloc(row * sizeof *out);
    projection p;
    assert_int_equal(projection_alloc(&p, sc->base_year, sc->years, sc->n_partners, sc->n_lines), 0);
    gsl_rng *r = sim_rng_new(99, 0);
    assert_non_null(r);
    /* The HCA bank line (2 WTE, 12 heads, threshold 5000 a head) pays NI
     * only above 30,000 of mean pay: band 2's points (24,480 in 2025) are
     * below that level, so its band-years are costed line by line. */
    assert_true(m.crit[m.n_used - 1] >= 30000 - 1e-9);
    int clamped = 0;
    for (int d = 0; d < 400; d++) {
        sim_noise_draw(&ns, r, &nz);
        for (size_t k = 0; k < sc->n_awards; k++)
            clamped |= nz.award[k] == ns.award_floor[k];
        assert_int_equal(sim_model_eval(&m, sc, &nz.pert, &w, out, 1), 0);
        assert_int_equal(project_run(sc, &nz.pert, &p), 0);
        for (size_t t = 0; t < N; t++) {
            assert_close(out[t], p.cost[t], 1e-6);
            assert_close(out[N + t], p.gap[t], 1e-6);
            assert_close(out[2 * N + t], p.variance[t], 1e-6);
            for (size_t i = 0; i < 3; i++)
                assert_close(out[(3 + i) * N + t], (double)p.risk_share[i * N + t], 0);
        }
    }
    assert_true(clamped);
    gsl_rng_free(r);
    projection_release(&p);
    free(out);
    sim_noise_release(&nz);
    sim_noise_spec_release(&ns);
    sim_work_release(&w);
    sim_model_release(&m);
    s75_scenario_free(h);
}

/* A cut the fold must not hide: band 2's one point, 24,000, is above the
 * 20,000 a head at which the line's NI threshold bites (2 WTE, 8 heads at
 * 5,000), so every year folds while pay cannot fall. An award of 3% with
 * noise -33% is -30% with no flat minimum: 24,000 -> 16,800 (MODEL.md §2),
 * below 20,000, and the band-year must be costed line by line:
 * basic 2 x 16,800 = 33,600 < 8 x 5,000, so no NI and pay = 33,600
 * (the fold would have given 33,600 x 1.15 - 0.15 x 40,000 = 32,640). */
static void a_negative_award_leaves_the_fold(void **state)
{
    (void)state;
    const char *yaml =
        "s75: 1\nname: Cut\nbase_year: 2025\nyears: 2\n"
        "scales: {one: {year: 2025, bands: {\"2\": {points: [24000], progression_years: []}}}}\n"
        "pay: {scale: one, awards: \"3%\", oncosts: {employer_ni: {rate: \"15%\", threshold: 5000}, pension: 0}}\n"
        "workforce: [{role: HCA, band: \"2\", wte: 2, headcount: 8}]\n"
        "partners: [{id: a, contribution: {amount: 0}}]\n"
        "uncertainty: {draws: 10, pay_award_sd: \"10%\"}\n";
    s75_scenario *h = load(yaml);
    scenario *sc = (scenario *)h;
    sim_model m;
    sim_work w;
    sim_noise_spec ns;
    sim_noise nz;
    assert_int_equal(sim_model_build(&m, sc), 0);
    assert_int_equal(sim_work_alloc(&w, &m), 0);
    assert_int_equal(sim_noise_spec_init(&ns, sc), 0);
    assert_int_equal(sim_noise_alloc(&nz, &ns), 0);
    assert_true(m.fold_holds[0] && m.fold_holds[1]);
    sim_noise_fill(&ns, -0.33, 0, 0, &nz);
    double out[2 * 4];
    projection p;
    assert_int_equal(projection_alloc(&p, sc->base_year, sc->years, sc->n_partners, sc->n_lines), 0);
    assert_int_equal(sim_model_eval(&m, sc, &nz.pert, &w, out, 1), 0);
    assert_int_equal(project_run(sc, &nz.pert, &p), 0);
    assert_money(p.cost[1], 33600);
    assert_money(out[1], 33600);
    /* base year: 2 x 24,000 x 1.15 - 0.15 x 40,000 = 49,200 */
    assert_money(out[0], 49200);
    projection_release(&p);
    sim_noise_release(&nz);
    sim_noise_spec_release(&ns);
    sim_work_release(&w);
    sim_model_release(&m);
    s75_scenario_free(h);
}

/* ---- only savings uncertain ---- */

static void savings_only_mean_within_standard_error(void **state)
{
    (void)state;
    const char *yaml = RICH_BODY
        "uncertainty: {draws: 20000, seed: 5, savings: bernoulli}\n";
    s75_scenario *sc = load(yaml);
    s75_result *res = run_mode(sc, S75_MODE_SIMULATE, 2);
    const s75_projection *p = s75_result_projection(res);
    const s75_simulation *s = s75_result_simulation(res);
    /* Savings in year t: 120000·ph1·X1 + 90000·ph2·X2, X ~ Bernoulli(0.8),
     * Bernoulli(0.4), so the variance's sd is
     *   sqrt((120000·ph1)²·0.8·0.2 + (90000·ph2)²·0.4·0.6)
     * with ph1 = 0, .5, 1, 1, 1 and ph2 = 1, .6, 0, 0, 0 over 2025..2029.
     * The mean must sit within 4 standard errors (sd / sqrt(20000)) of the
     * deterministic variance, and cost is not uncertain at all. */
    const double ph1[] = { 0, 0.5, 1, 1, 1 }, ph2[] = { 1, 0.6, 0, 0, 0 };
    for (int t = 0; t < 5; t++) {
        double a = 120000 * ph1[t], b = 90000 * ph2[t];
        double sd = sqrt(a * a * 0.16 + b * b * 0.24);
        double se = sd / sqrt(20000.0);
        assert_close(SIM(s, S75_SIM_VARIANCE, S75_STAT_MEAN, t), V(p, S75_LINE_VARIANCE, t),
                     4 * se);
        assert_close(SIM(s, S75_SIM_VARIANCE, S75_STAT_SD, t), sd, 0.03 * sd);
        assert_money(SIM(s, S75_SIM_COST, S75_STAT_P5, t), V(p, S75_LINE_COST, t));
        assert_money(SIM(s, S75_SIM_COST, S75_STAT_P95, t), V(p, S75_LINE_COST, t));
        assert_close(SIM(s, S75_SIM_COST, S75_STAT_SD, t), 0, 1e-6);
    }
    s75_result_free(res);
    s75_scenario_free(sc);
}

#define ONE_SCHEME                                                                      \
    "s75: 1\nname: One scheme\nbase_year: 2025\nyears: 3\n"                             \
    "non_pay: [{name: Service, amount: 1050000}]\n"                                     \
    "partners: [{id: a, contribution: {amount: 1000000}}]\n"                            \
    "savings: {schemes: [{name: Redesign, value: 100000, start: 2025, confidence: \"80%\"}]}\n"

static void p_overspend_of_one_scheme_by_hand(void **state)
{
    (void)state;
    /* Gap 1,050,000 - 1,000,000 = 50,000 every year. The scheme delivers
     * 100,000 (variance -50,000) with p = 0.8, else nothing (+50,000): an
     * overspend exactly when it fails, so p_overspend = 0.2, the same in
     * every year (a draw delivers for the whole horizon), within 4 standard
     * errors sqrt(0.2·0.8 / 10000) = 0.004. The 5th percentile and the
     * median are the delivered case, the 95th the failed one; the sole
     * partner bears it all. */
    const char *yaml = ONE_SCHEME "uncertainty: {draws: 10000, seed: 2024}\n";
    s75_scenario *sc = load(yaml);
    s75_result *res = run_mode(sc, S75_MODE_SIMULATE, 1);
    const s75_simulation *s = s75_result_simulation(res);
    double p0 = s75_simulation_p_overspend(s, 0);
    assert_close(p0, 0.2, 4 * 0.004);
    for (int t = 0; t < 3; t++) {
        assert_close(s75_simulation_p_overspend(s, t), p0, 0);
        assert_money(SIM(s, S75_SIM_VARIANCE, S75_STAT_P5, t), -50000);
        assert_money(SIM(s, S75_SIM_VARIANCE, S75_STAT_P50, t), -50000);
        assert_money(SIM(s, S75_SIM_VARIANCE, S75_STAT_P95, t), 50000);
        /* mean = 50,000 - 100,000·(1 - p0) exactly: draws are 0/1 */
        assert_money(SIM(s, S75_SIM_VARIANCE, S75_STAT_MEAN, t), 50000 - 100000 * (1 - p0));
        assert_money(s75_simulation_risk_share_stat(s, 0, S75_STAT_P95, t), 50000);
        assert_money(s75_simulation_risk_share_stat(s, 0, S75_STAT_MEAN, t),
                     50000 - 100000 * (1 - p0));
    }
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- threads and seeds ---- */

static void same_seed_same_bytes_at_any_thread_count(void **state)
{
    (void)state;
    /* 5,000 draws: four full chunks of 1,024 and a short one */
    const char *yaml = RICH_BODY
        "uncertainty: {draws: 5000, seed: 77, pay_award_sd: \"1%\", inflation_sd: \"1%\",\n"
        "              uplift_sd: \"0.5%\"}\n";
    char *one = simulate_json(yaml, 1);
    char *two = simulate_json(yaml, 2);
    char *three = simulate_json(yaml, 3);
    char *all = simulate_json(yaml, 0);   /* 0: every online core */
    assert_string_equal(one, two);
    assert_string_equal(one, three);
    assert_string_equal(one, all);
    assert_non_null(strstr(one, "\"simulation\""));
    s75_free(one), s75_free(two), s75_free(three), s75_free(all);
}

static void different_seeds_differ(void **state)
{
    (void)state;
    const char *a = RICH_BODY "uncertainty: {draws: 2000, seed: 1, pay_award_sd: \"1%\"}\n";
    const char *b = RICH_BODY "uncertainty: {draws: 2000, seed: 2, pay_award_sd: \"1%\"}\n";
    char *ja = simulate_json(a, 2), *jb = simulate_json(b, 2);
    /* the same document but for the seed line and the statistics */
    char *seed = strstr(jb, "\"seed\": 2,");
    assert_non_null(seed);
    seed[9] = '1';
    assert_string_not_equal(ja, jb);
    /* the deterministic part (from the projection to the simulation) agrees:
     * only the file's hash, which covers the seed, differs before it */
    const char *pa = strstr(ja, "\"projection\""), *pb = strstr(jb, "\"projection\"");
    size_t len = (size_t)(strstr(ja, "\"simulation\"") - pa);
    assert_int_equal(len, (size_t)(strstr(jb, "\"simulation\"") - pb));
    assert_int_equal(memcmp(pa, pb, len), 0);
    s75_free(ja), s75_free(jb);
}

/* ---- tornado and break-even by hand ---- */

static void tornado_and_inflation_break_even_by_hand(void **state)
{
    (void)state;
    /* Non-pay 1,000,000 at 2%, contributions exactly matching it
     * (1,000,000; 1,020,000; 1,040,400): variance 0 before savings. One
     * scheme of 30,000 from 2026 at 50%: expected 15,000 in 2026 and 2027,
     * deterministic total variance -30,000.
     * Inflation -1 sd (1%): 1,010,000 and 1,020,100: -10,000 - 20,300 - 30,000
     *   = -60,300; +1 sd (3%): 1,030,000 and 1,060,900: +10,000 + 20,500 -
     *   30,000 = 500. Swing 60,800.
     * Scheme not delivered: 0; in full: -60,000. Swing 60,000, second.
     * Break-even inflation r: 1e6·(1+r) + 1e6·(1+r)² = 2,060,400 + 30,000,
     *   so 1 + r = (-1 + sqrt(1 + 4·2.0904)) / 2 = 1.0298365...
     * Pay: no workforce and so no award: no bar for it, and no root. */
    const char *yaml =
        "s75: 1\nname: Tornado\nbase_year: 2025\nyears: 3\n"
        "non_pay: [{name: Service, amount: 1000000, inflation: \"2%\"}]\n"
        "partners: [{id: a, contribution: {amounts: {2025: 1000000, 2026: 1020000, 2027: 1040400}}}]\n"
        "savings: {schemes: [{name: Redesign, value: 30000, start: 2026, confidence: \"50%\"}]}\n"
        "uncertainty: {draws: 100, inflation_sd: \"1%\", pay_award_sd: \"1%\", savings: expected}\n";
    s75_scenario *sc = load(yaml);
    s75_result *res = run_mode(sc, S75_MODE_SIMULATE, 1);
    const s75_simulation *s = s75_result_simulation(res);
    assert_int_equal(s75_simulation_tornado_count(s), 2);
    s75_tornado_bar bar;
    assert_int_equal(s75_simulation_tornado(&bar, s, 0), S75_OK);
    assert_string_equal(bar.input, "inflation");
    assert_close(bar.low, -0.01, 1e-15);
    assert_close(bar.high, 0.01, 1e-15);
    assert_money(bar.variance_low, -60300);
    assert_money(bar.variance_high, 500);
    assert_money(bar.swing, 60800);
    assert_int_equal(s75_simulation_tornado(&bar, s, 1), S75_OK);
    assert_string_equal(bar.input, "scheme:Redesign");
    assert_close(bar.low, 0, 0);
    assert_close(bar.high, 1, 0);
    assert_money(bar.variance_low, 0);
    assert_money(bar.variance_high, -60000);
    assert_money(bar.swing, 60000);
    assert_int_equal(s75_simulation_tornado(&bar, s, 2), S75_EUSAGE);
    assert_int_equal(s75_simulation_tornado(NULL, s, 0), S75_EUSAGE);

    double x = (-1 + sqrt(1 + 4 * 2.0904)) / 2;
    assert_close(s75_simulation_break_even(s, S75_BREAK_EVEN_INFLATION), x - 1, 1e-9);
    assert_true(isnan(s75_simulation_break_even(s, S75_BREAK_EVEN_PAY_AWARD)));

    char *json = render(res, S75_FORMAT_JSON);
    assert_non_null(strstr(json, "\"pay_award\": null"));
    assert_non_null(strstr(json, "\"input\": \"scheme:Redesign\""));
    s75_free(json);
    char *text = render(res, S75_FORMAT_TEXT);
    assert_non_null(strstr(text, "no root in [-50%, +50%]"));
    assert_non_null(strstr(text, "Probability of overspend"));
    assert_non_null(strstr(text, "+2.98%"));
    s75_free(text);
    char *csv = render(res, S75_FORMAT_CSV);
    assert_non_null(strstr(csv, "\nbreak_even,pay_award,,\n"));
    assert_non_null(strstr(csv, "\nsimulation,p_overspend,2025/26,"));
    assert_non_null(strstr(csv, "\ntornado,inflation.swing,,"));
    s75_free(csv);
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void pay_award_tornado_and_break_even_by_hand(void **state)
{
    (void)state;
    /* One WTE on a single point of 1,000,000 (whole-pound rounding then moves
     * the break-even by at most 1e-6), no on-costs, awards 3%.
     * Contributions 1,000,000 then 1,050,000: total variance =
     *   round(1e6·(1 + a)) - 1,050,000 = 1e6·a - 50,000.
     * Deterministic a = 3%: -20,000. Tornado ±1%: -30,000 and -10,000, swing
     * 20,000. Break-even a = 5%. */
    const char *yaml =
        "s75: 1\nname: Award\nbase_year: 2025\nyears: 2\n"
        "scales: {one: {year: 2025, bands: {\"9\": {points: [1000000], progression_years: []}}}}\n"
        "pay: {scale: one, awards: \"3%\", oncosts: {employer_ni: {rate: 0, threshold: 0}, pension: 0}}\n"
        "workforce: [{role: Director, band: \"9\", wte: 1}]\n"
        "partners: [{id: a, contribution: {amounts: {2025: 1000000, 2026: 1050000}}}]\n"
        "uncertainty: {draws: 50, pay_award_sd: \"1%\"}\n";
    s75_scenario *sc = load(yaml);
    s75_result *res = run_mode(sc, S75_MODE_SIMULATE, 1);
    const s75_simulation *s = s75_result_simulation(res);
    assert_int_equal(s75_simulation_tornado_count(s), 1);
    s75_tornado_bar bar;
    assert_int_equal(s75_simulation_tornado(&bar, s, 0), S75_OK);
    assert_string_equal(bar.input, "pay_award");
    assert_money(bar.variance_low, -30000);
    assert_money(bar.variance_high, -10000);
    assert_money(bar.swing, 20000);
    assert_close(s75_simulation_break_even(s, S75_BREAK_EVEN_PAY_AWARD), 0.05, 1e-6);
    /* no non-pay: inflation moves nothing */
    assert_true(isnan(s75_simulation_break_even(s, S75_BREAK_EVEN_INFLATION)));
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- the clamp at -100% ---- */

static void award_noise_below_minus_100_percent_is_clamped(void **state)
{
    (void)state;
    /* Award 3% with an sd of 100%: noise below -103% would take the award
     * below -100%; it is clamped there. With no flat minimum a negative award
     * cuts the point (MODEL.md §2): P(N(0,1) < -1.03) = 15.15% of draws take
     * the award to exactly -100% and the point to 10,000 * 0 = 0, so the 5th
     * percentile of the year-1 cost is exactly 0 and none is lower; the
     * base year (no award yet) stays at 10,000. (Under the old rule, a floor
     * at the old point, the year-1 p5 was 10,000.) */
    const char *yaml =
        "s75: 1\nname: Clamp\nbase_year: 2025\nyears: 2\n"
        "scales: {one: {year: 2025, bands: {\"9\": {points: [10000], progression_years: []}}}}\n"
        "pay: {scale: one, awards: \"3%\", oncosts: {employer_ni: {rate: 0, threshold: 0}, pension: 0}}\n"
        "workforce: [{role: Director, band: \"9\", wte: 1}]\n"
        "partners: [{id: a, contribution: {amount: 10000}}]\n"
        "uncertainty: {draws: 4000, seed: 9, pay_award_sd: \"100%\"}\n";
    s75_scenario *h = load(yaml);
    s75_result *res = run_mode(h, S75_MODE_SIMULATE, 2);
    const s75_simulation *s = s75_result_simulation(res);
    assert_money(SIM(s, S75_SIM_COST, S75_STAT_P5, 1), 0);
    assert_money(SIM(s, S75_SIM_COST, S75_STAT_P5, 0), 10000);
    /* about half the draws cut pay: the median is below the 10,300 of the
     * planned 3% award */
    assert_true(SIM(s, S75_SIM_COST, S75_STAT_P50, 1) < 10300);
    s75_result_free(res);

    scenario *sc = (scenario *)h;
    sim_noise_spec ns;
    sim_noise nz;
    assert_int_equal(sim_noise_spec_init(&ns, sc), 0);
    assert_int_equal(sim_noise_alloc(&nz, &ns), 0);
    assert_close(ns.award_floor[0], -1.03, 1e-15);
    gsl_rng *r = sim_rng_new(1, 0);
    int hit = 0;
    for (int d = 0; d < 1000; d++) {
        sim_noise_draw(&ns, r, &nz);
        assert_true(nz.award[0] >= -1.03);
        hit += nz.award[0] == ns.award_floor[0];
    }
    /* P(N(0,1) < -1.03) = 0.1515: about 150 of 1000 */
    assert_true(hit > 100 && hit < 200);
    gsl_rng_free(r);
    sim_noise_release(&nz);
    sim_noise_spec_release(&ns);
    s75_scenario_free(h);
}

static void inflation_and_uplift_noise_clamped_at_minus_100_percent(void **state)
{
    (void)state;
    /* Non-pay 10,000 and a contribution of 10,000, both flat, sds of 100%:
     * P(N(0,1) < -1) = 15.9% of draws would take a growth factor below zero
     * and the amount negative. Clamped at -100%, the amount becomes 0 and
     * stays there: the 5th percentile of the cost in years 1 and 2 is
     * exactly 0, and no noise is below the clamp. */
    const char *yaml =
        "s75: 1\nname: Clamp\nbase_year: 2025\nyears: 3\n"
        "non_pay: [{name: Service, amount: 10000}]\n"
        "partners: [{id: a, contribution: {amount: 10000}}]\n"
        "uncertainty: {draws: 4000, seed: 9, inflation_sd: \"100%\", uplift_sd: \"100%\"}\n";
    s75_scenario *h = load(yaml);
    s75_result *res = run_mode(h, S75_MODE_SIMULATE, 2);
    const s75_simulation *s = s75_result_simulation(res);
    for (int t = 1; t < 3; t++) {
        assert_money(SIM(s, S75_SIM_COST, S75_STAT_P5, t), 0);
        /* gap = cost - contribution >= -contribution: a contribution is
         * never negative either, so the gap's 95th percentile is at most
         * the cost's */
        assert_true(SIM(s, S75_SIM_GAP, S75_STAT_P95, t) <= SIM(s, S75_SIM_COST, S75_STAT_P95, t));
    }
    s75_result_free(res);
    scenario *sc = (scenario *)h;
    sim_noise_spec ns;
    sim_noise nz;
    assert_int_equal(sim_noise_spec_init(&ns, sc), 0);
    assert_int_equal(sim_noise_alloc(&nz, &ns), 0);
    gsl_rng *r = sim_rng_new(2, 0);
    for (int d = 0; d < 1000; d++) {
        sim_noise_draw(&ns, r, &nz);
        for (int t = 1; t < 3; t++) {
            assert_true(nz.inflation[t] >= -1.0);
            assert_true(nz.uplift[t] >= -1.0);
        }
    }
    gsl_rng_free(r);
    sim_noise_release(&nz);
    sim_noise_spec_release(&ns);
    s75_scenario_free(h);
}

/* ---- percentiles ---- */

/* GSL's quantile, but the value itself where the two order statistics it
 * reads are equal (MODEL.md §9). */
static double gsl_quantile_exact(const double *sorted, size_t n, double f)
{
    size_t i = (size_t)(f * (double)(n - 1));
    if (i + 1 < n && sorted[i] == sorted[i + 1])
        return sorted[i];
    return gsl_stats_quantile_from_sorted_data(sorted, 1, n, f);
}

/* Draws that all cost 4,103,400 (or any one amount) have every percentile
 * at that amount exactly; GSL's (1 - h)x + hx is off by an ulp for about one
 * amount in 40 (2,920,250.93 at n = 20,000 gives 2,920,250.9300000006). */
static void percentiles_of_equal_draws_are_exact(void **state)
{
    (void)state;
    const double amounts[] = { 4103400.0, 2920250.93, 7617428.81, 704853.88, 8373846.53 };
    const size_t n = 20000;
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    for (size_t a = 0; a < sizeof amounts / sizeof amounts[0]; a++) {
        for (size_t d = 0; d < n; d++)
            x[d] = amounts[a];
        sim_stats st;
        sim_stats_compute(x, n, &st);
        assert_true(st.p5 == amounts[a]);
        assert_true(st.p50 == amounts[a]);
        assert_true(st.p95 == amounts[a]);
    }
    /* The case GSL gets wrong, so the test above can fail. */
    for (size_t d = 0; d < n; d++)
        x[d] = 2920250.93;
    assert_false(gsl_stats_quantile_from_sorted_data(x, 1, n, 0.05) == 2920250.93);
    free(x);
}

static void percentiles_are_gsl_quantiles_of_the_sorted_draws(void **state)
{
    (void)state;
    const size_t sizes[] = { 1, 2, 3, 7, 20, 21, 1000, 4097, 100000 };
    gsl_rng *r = sim_rng_new(5, 5);
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        size_t n = sizes[si];
        for (int kind = 0; kind < 3; kind++) {
            double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
            for (size_t d = 0; d < n; d++) {
                double u = gsl_rng_uniform(r);
                /* 0: spread; 1: three values (a savings draw); 2: a heavy tail */
                x[d] = kind == 0 ? 1e6 * (u - 0.3)
                     : kind == 1 ? (u < 0.2 ? -50000.0 : u < 0.9 ? 12.5 : 3e5)
                                 : (u < 0.999 ? u : 1e12);
            }
            memcpy(y, x, n * sizeof *y);
            sim_stats st;
            sim_stats_compute(x, n, &st);
            gsl_sort(y, 1, n);
            assert_close(st.p5, gsl_quantile_exact(y, n, 0.05), 0);
            assert_close(st.p50, gsl_quantile_exact(y, n, 0.5), 0);
            assert_close(st.p95, gsl_quantile_exact(y, n, 0.95), 0);
            double mean = gsl_stats_mean(y, 1, n);
            assert_close(st.mean, mean, 1e-9 * (fabs(mean) + 1));
            double sd = n > 1 ? gsl_stats_sd(y, 1, n) : 0;
            assert_close(st.sd, sd, 1e-9 * (sd + 1));
            memcpy(x, y, n * sizeof *x);
            assert_close(sim_quantile(x, n, 0.95), gsl_quantile_exact(y, n, 0.95), 0);
            free(x), free(y);
        }
    }
    gsl_rng_free(r);
    /* 20 values 1..20: p5 at 0.95 -> 1.95; p50 at 9.5 -> 10.5; p95 at 18.05 -> 19.05 */
    double v[20];
    for (int i = 0; i < 20; i++)
        v[i] = 20 - i;
    sim_stats st;
    sim_stats_compute(v, 20, &st);
    assert_close(st.p5, 1.95, 1e-12);
    assert_close(st.p50, 10.5, 1e-12);
    assert_close(st.p95, 19.05, 1e-12);
    assert_close(st.mean, 10.5, 0);
    /* sd of 1..20 (n - 1 divisor): sqrt(35) */
    assert_close(st.sd, sqrt(35.0), 1e-12);
}

/* ---- progress ---- */

typedef struct progress_log {
    pthread_t caller;
    int calls, wrong_thread, backwards;
    double last;
} progress_log;

static void on_progress(double done, void *data)
{
    progress_log *log = data;
    log->calls++;
    log->wrong_thread += !pthread_equal(pthread_self(), log->caller);
    log->backwards += done < log->last;
    log->last = done;
}

static void progress_from_the_calling_thread_up_to_one(void **state)
{
    (void)state;
    s75_scenario *sc = load(ONE_SCHEME "uncertainty: {draws: 20000, seed: 1}\n");
    progress_log log = { pthread_self(), 0, 0, 0, 0 };
    s75_run_options o = S75_RUN_OPTIONS_INIT;
    o.mode = S75_MODE_SIMULATE;
    o.threads = 2;
    o.progress = on_progress;
    o.progress_data = &log;
    s75_result *res = NULL;
    assert_int_equal(s75_run(&res, sc, &o, NULL), S75_OK);
    assert_true(log.calls >= 2);
    assert_int_equal(log.wrong_thread, 0);
    assert_int_equal(log.backwards, 0);
    assert_close(log.last, 1.0, 0);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- bad input ---- */

static void bad_uncertainty_blocks_are_refused(void **state)
{
    (void)state;
    s75_error err;
    assert_int_equal(load_fails(ONE_SCHEME "uncertainty: {pay_award_sd: \"-1%\"}\n", &err),
                     S75_EINVAL);
    assert_string_equal(err.path, "uncertainty.pay_award_sd");
    assert_int_equal(load_fails(ONE_SCHEME "uncertainty: {uplift_sd: 2}\n", &err), S75_EINVAL);
    assert_string_equal(err.path, "uncertainty.uplift_sd");
    assert_int_equal(load_fails(ONE_SCHEME "uncertainty: {draws: 0}\n", &err), S75_EINVAL);
    assert_string_equal(err.path, "uncertainty.draws");
    assert_non_null(strstr(err.text, "must be >= 1"));
    assert_int_equal(load_fails(ONE_SCHEME "uncertainty: {draws: 10000001}\n", &err), S75_ELIMIT);
    assert_string_equal(err.path, "uncertainty.draws");
    assert_non_null(strstr(err.text, "LIMIT_DRAWS"));
    /* 10,000,000 draws x 3 years x 4 series = 1.2e8 values > 2^26 */
    assert_int_equal(load_fails(ONE_SCHEME "uncertainty: {draws: 10000000}\n", &err), S75_ELIMIT);
    assert_non_null(strstr(err.text, "LIMIT_SIM_VALUES"));
    assert_int_equal(load_fails(ONE_SCHEME "uncertainty: {draws: 2.5}\n", &err), S75_EINVAL);
    assert_int_equal(load_fails(ONE_SCHEME "uncertainty: {savings: bernouli}\n", &err), S75_EINVAL);
    assert_string_equal(err.path, "uncertainty.savings");
    assert_non_null(strstr(err.text, "did you mean 'bernoulli'"));
    assert_int_equal(load_fails(ONE_SCHEME "uncertainty: {drawz: 10}\n", &err), S75_EINVAL);
}

static void simulate_refuses_bad_runs(void **state)
{
    (void)state;
    s75_error err;
    s75_run_options o = S75_RUN_OPTIONS_INIT;
    o.mode = S75_MODE_SIMULATE;
    s75_result *res = NULL;
    /* no uncertainty block */
    s75_scenario *plain = load(ONE_SCHEME);
    assert_int_equal(s75_run(&res, plain, &o, &err), S75_EINVAL);
    assert_null(res);
    assert_string_equal(err.path, "uncertainty");
    s75_scenario_free(plain);

    s75_scenario *h = load(ONE_SCHEME "uncertainty: {draws: 100}\n");
    o.threads = 1025;
    assert_int_equal(s75_run(&res, h, &o, &err), S75_EINVAL);
    assert_null(res);
    /* a run mode carries no simulation */
    res = run_mode(h, S75_MODE_RUN, 0);
    assert_null(s75_result_simulation(res));
    assert_true(isnan(SIM(NULL, S75_SIM_COST, S75_STAT_MEAN, 0)));
    s75_result_free(res);
    res = run_mode(h, S75_MODE_SIMULATE, 1);
    const s75_simulation *s = s75_result_simulation(res);
    assert_true(isnan(SIM(s, S75_SIM_COST, S75_STAT_MEAN, 3)));
    assert_true(isnan(SIM(s, S75_SIM_COST, S75_STAT_MEAN, -1)));
    assert_true(isnan(SIM(s, (s75_sim_series)7, S75_STAT_MEAN, 0)));
    assert_true(isnan(s75_simulation_risk_share_stat(s, 1, S75_STAT_MEAN, 0)));
    assert_true(isnan(s75_simulation_p_overspend(s, 3)));
    assert_int_equal(s75_simulation_seed(s), 1);
    s75_result_free(res);

    /* The module's own checks, for a scenario struct not made by the loader. */
    scenario *sc = (scenario *)h;
    struct simulation_result *out = (void *)1;
    uncertainty_spec keep = sc->uncertainty;
    sc->uncertainty.award_sd = -0.01;
    assert_int_equal(simulation_compute(sc, 1, NULL, NULL, &out, &err), S75_EINVAL);
    assert_null(out);
    assert_string_equal(err.path, "uncertainty.pay_award_sd");
    sc->uncertainty = keep;
    sc->uncertainty.inflation_sd = NAN;
    assert_int_equal(simulation_compute(sc, 1, NULL, NULL, &out, &err), S75_EINVAL);
    sc->uncertainty = keep;
    sc->uncertainty.draws = 0;
    assert_int_equal(simulation_compute(sc, 1, NULL, NULL, &out, &err), S75_EINVAL);
    sc->uncertainty.draws = LIMIT_DRAWS + 1;
    assert_int_equal(simulation_compute(sc, 1, NULL, NULL, &out, &err), S75_ELIMIT);
    sc->uncertainty.draws = LIMIT_DRAWS;
    assert_int_equal(simulation_compute(sc, 1, NULL, NULL, &out, &err), S75_ELIMIT);
    assert_non_null(strstr(err.text, "LIMIT_SIM_VALUES"));
    sc->uncertainty = keep;
    sc->uncertainty.savings_mode = 7;
    assert_int_equal(simulation_compute(sc, 1, NULL, NULL, &out, &err), S75_EINVAL);
    assert_string_equal(err.path, "uncertainty.savings");
    sc->uncertainty = keep;
    s75_scenario_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(zero_sd_expected_is_the_deterministic_projection),
        cmocka_unit_test(folded_model_matches_the_reference_projection),
        cmocka_unit_test(a_negative_award_leaves_the_fold),
        cmocka_unit_test(savings_only_mean_within_standard_error),
        cmocka_unit_test(p_overspend_of_one_scheme_by_hand),
        cmocka_unit_test(same_seed_same_bytes_at_any_thread_count),
        cmocka_unit_test(different_seeds_differ),
        cmocka_unit_test(tornado_and_inflation_break_even_by_hand),
        cmocka_unit_test(pay_award_tornado_and_break_even_by_hand),
        cmocka_unit_test(award_noise_below_minus_100_percent_is_clamped),
        cmocka_unit_test(inflation_and_uplift_noise_clamped_at_minus_100_percent),
        cmocka_unit_test(percentiles_are_gsl_quantiles_of_the_sorted_draws),
        cmocka_unit_test(percentiles_of_equal_draws_are_exact),
        cmocka_unit_test(progress_from_the_calling_thread_up_to_one),
        cmocka_unit_test(bad_uncertainty_blocks_are_refused),
        cmocka_unit_test(simulate_refuses_bad_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

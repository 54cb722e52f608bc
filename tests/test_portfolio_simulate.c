/* The Monte Carlo of a portfolio of pools (MODEL.md §10): the deterministic
 * case to the penny, the shared noise, reproducibility at any thread count
 * and in any file order, the per-pool chance of an overspend, the clamps
 * and the bad inputs. */
#include "testutil.h"

#include <unistd.h>

#include <s75/s75.h>

#include "input_limits.h"
#include "model.h"
#include "modules.h"
#include "portfolio.h"
#include "run.h"
#include "simulate_noise.h"
#include "simulate_portfolio_noise.h"
#include "simulate_result.h"

/* ---- helpers ---- */

/* The chain of tests/data/portfolio-chain (worked by hand in
 * test_portfolio.c), pools in the given order, with an uncertainty block.
 * Loaded from memory under a name in that folder so the pool files are
 * found beside it. */
#define CHAIN_SYSTEM "  - {id: system, name: System pool, tier: system, scenario: system.yaml}\n"
#define CHAIN_PLACE                                                                       \
    "  - {id: place, name: Place alliance, tier: place, parent: system, scenario: place.yaml," \
    " population: 120000}\n"
#define CHAIN_NBH                                                                            \
    "  - {id: nbh, name: Neighbourhood, tier: neighbourhood, parent: place, scenario: nbh.yaml," \
    " population: 40000}\n"

static s75_scenario *chain(const char *pools, const char *uncertainty)
{
    char text[2048], name[1024];
    snprintf(text, sizeof text,
             "s75: 1\nname: Three-pool chain\nbase_year: 2025\nyears: 2\npools:\n%s%s", pools,
             uncertainty);
    source_path(name, sizeof name, "tests/data/portfolio-chain/sim.yaml");
    s75_scenario *sc = NULL;
    s75_error err;
    int rc = s75_scenario_load_string(&sc, text, strlen(text), name, &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    assert_true(s75_scenario_is_portfolio(sc));
    return sc;
}

static s75_scenario *chain_in_order(const char *uncertainty)
{
    return chain(CHAIN_SYSTEM CHAIN_PLACE CHAIN_NBH, uncertainty);
}

/* configs/derbyshire-portfolio.yaml with overrides (--set). */
static s75_scenario *derbyshire(const char *const *overrides, size_t n)
{
    char path[1024];
    s75_load_options o = S75_LOAD_OPTIONS_INIT;
    o.overrides = overrides;
    o.override_count = n;
    s75_scenario *sc = NULL;
    s75_error err;
    int rc = s75_scenario_load_file_opts(
        &sc, source_path(path, sizeof path, "configs/derbyshire-portfolio.yaml"), &o, &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    return sc;
}

static s75_result *simulate(const s75_scenario *sc, unsigned threads)
{
    s75_run_options o = S75_RUN_OPTIONS_INIT;
    o.mode = S75_MODE_SIMULATE;
    o.threads = threads;
    s75_result *res = NULL;
    s75_error err;
    int rc = s75_run(&res, sc, &o, &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    assert_non_null(s75_result_simulation(res));
    assert_non_null(s75_result_portfolio(res));
    return res;
}

static char *render(const s75_result *res, s75_format fmt)
{
    char *text = NULL;
    assert_int_equal(s75_result_render(&text, NULL, res, fmt, NULL), S75_OK);
    return text;
}

static char *simulate_json(const s75_scenario *sc, unsigned threads)
{
    s75_result *res = simulate(sc, threads);
    char *json = render(res, S75_FORMAT_JSON);
    s75_result_free(res);
    return json;
}

static const simulation_result *internal(const s75_result *res)
{
    return res->simulation;
}

static size_t pool_named(const s75_scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->n_pools; i++)
        if (strcmp(sc->pools[i].id, id) == 0)
            return i;
    fail_msg("no pool %s", id);
    return 0;
}

static double pool_p(const s75_result *res, const char *id, int t)
{
    const simulation_result *s = internal(res);
    return s->pool_p_overspend[pool_named(res->sc, id) * (size_t)s->years + (size_t)t];
}

/* Every statistic of a series equals x: the draws are all x. */
static void assert_all_equal(const s75_simulation *s, s75_sim_series series, int t, double x)
{
    assert_money(s75_simulation_stat(s, series, S75_STAT_MEAN, t), x);
    assert_money(s75_simulation_stat(s, series, S75_STAT_P5, t), x);
    assert_money(s75_simulation_stat(s, series, S75_STAT_P50, t), x);
    assert_money(s75_simulation_stat(s, series, S75_STAT_P95, t), x);
    assert_close(s75_simulation_stat(s, series, S75_STAT_SD, t), 0.0, 1e-9);
}

static void assert_share_all_equal(const s75_simulation *s, size_t k, int t, double x)
{
    assert_money(s75_simulation_risk_share_stat(s, k, S75_STAT_MEAN, t), x);
    assert_money(s75_simulation_risk_share_stat(s, k, S75_STAT_P5, t), x);
    assert_money(s75_simulation_risk_share_stat(s, k, S75_STAT_P50, t), x);
    assert_money(s75_simulation_risk_share_stat(s, k, S75_STAT_P95, t), x);
}

#define CERTAIN                                                                        \
    "uncertainty: {draws: 300, seed: 5, pay_award_sd: 0, inflation_sd: 0, uplift_sd: 0," \
    " savings: expected}\n"

/* ---- the deterministic case ---- */

/* With every sd 0 and savings expected, every draw is the deterministic
 * portfolio: the figures of test_portfolio.c's hand-checked chain.
 *   2025: cost 4,500,000; gap 350,000; variance 300,000; council 86,524.82,
 *         icb 213,475.18.
 *   2026: cost 4,600,000; gap 0; variance -50,000; council -21,250.00,
 *         icb -28,750.00.
 * Pool variances: nbh 100,000 / -50,000; place 216,666.67 / -35,000;
 * system 104,166.67 / -12,500: over zero in 2025 only, so every pool's
 * chance of an overspend is 1 then 0, as is the consolidated one. */
static void chain_certain_is_deterministic(void **state)
{
    (void)state;
    s75_scenario *sc = chain_in_order(CERTAIN);
    s75_result *res = simulate(sc, 1);
    const s75_simulation *s = s75_result_simulation(res);
    assert_int_equal(s75_simulation_draw_count(s), 300);
    assert_all_equal(s, S75_SIM_COST, 0, 4500000.00);
    assert_all_equal(s, S75_SIM_COST, 1, 4600000.00);
    assert_all_equal(s, S75_SIM_GAP, 0, 350000.00);
    assert_all_equal(s, S75_SIM_GAP, 1, 0.00);
    assert_all_equal(s, S75_SIM_VARIANCE, 0, 300000.00);
    assert_all_equal(s, S75_SIM_VARIANCE, 1, -50000.00);
    /* consolidated partners sorted by id: council, icb */
    assert_int_equal(internal(res)->n_partners, 2);
    assert_string_equal(internal(res)->partner_ids[0], "council");
    assert_string_equal(internal(res)->partner_ids[1], "icb");
    assert_share_all_equal(s, 0, 0, 86524.82);
    assert_share_all_equal(s, 1, 0, 213475.18);
    assert_share_all_equal(s, 0, 1, -21250.00);
    assert_share_all_equal(s, 1, 1, -28750.00);
    assert_close(s75_simulation_p_overspend(s, 0), 1.0, 0);
    assert_close(s75_simulation_p_overspend(s, 1), 0.0, 0);
    const char *ids[] = { "system", "place", "nbh" };
    for (int i = 0; i < 3; i++) {
        assert_close(pool_p(res, ids[i], 0), 1.0, 0);
        assert_close(pool_p(res, ids[i], 1), 0.0, 0);
    }
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* The shipped portfolio with its noise switched off: the simulation's
 * statistics equal the deterministic consolidated figures of `s75 run`,
 * for every year, line and partner, and each pool's chance of an overspend
 * is 1 or 0 by the sign of its own variance. */
static void derbyshire_certain_is_deterministic(void **state)
{
    (void)state;
    const char *set[] = { "uncertainty.pay_award_sd=0", "uncertainty.inflation_sd=0",
                          "uncertainty.uplift_sd=0", "uncertainty.savings=expected",
                          "uncertainty.draws=200" };
    s75_scenario *sc = derbyshire(set, 5);
    s75_result *res = simulate(sc, 2);
    const s75_simulation *s = s75_result_simulation(res);
    const s75_portfolio *p = s75_result_portfolio(res);
    int N = (int)s75_portfolio_year_count(p);
    assert_int_equal(N, 5);
    assert_int_equal(internal(res)->n_partners, s75_portfolio_partner_count(p));
    for (int t = 0; t < N; t++) {
        assert_all_equal(s, S75_SIM_COST, t, s75_portfolio_value(p, S75_LINE_COST, t));
        assert_all_equal(s, S75_SIM_GAP, t, s75_portfolio_value(p, S75_LINE_GAP, t));
        double v = s75_portfolio_value(p, S75_LINE_VARIANCE, t);
        assert_all_equal(s, S75_SIM_VARIANCE, t, v);
        assert_close(s75_simulation_p_overspend(s, t), v > 0 ? 1.0 : 0.0, 0);
        for (size_t k = 0; k < s75_portfolio_partner_count(p); k++) {
            assert_string_equal(internal(res)->partner_ids[k], s75_portfolio_partner_id(p, k));
            assert_share_all_equal(s, k, t, s75_portfolio_risk_share(p, k, t));
        }
        for (size_t i = 0; i < s75_portfolio_pool_count(p); i++) {
            double pv = s75_portfolio_pool_value(p, i, S75_LINE_VARIANCE, t);
            assert_close(internal(res)->pool_p_overspend[i * (size_t)N + (size_t)t],
                         pv > 0 ? 1.0 : 0.0, 0);
        }
    }
    /* the shipped figures change sign over the years: both cases met */
    assert_true(s75_portfolio_value(p, S75_LINE_VARIANCE, 0) < 0);
    assert_true(s75_portfolio_value(p, S75_LINE_VARIANCE, 4) > 0);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- reproducibility ---- */

static void same_bytes_at_any_thread_count(void **state)
{
    (void)state;
    /* 2,500 draws: three chunks, so the threads share the work */
    const char *set[] = { "uncertainty.draws=2500" };
    s75_scenario *sc = derbyshire(set, 1);
    char *one = simulate_json(sc, 1);
    char *two = simulate_json(sc, 2);
    char *three = simulate_json(sc, 3);
    assert_string_equal(one, two);
    assert_string_equal(one, three);
    free(one), free(two), free(three);
    s75_scenario_free(sc);
}

static void seeds_differ(void **state)
{
    (void)state;
    const char *a[] = { "uncertainty.draws=500", "uncertainty.seed=1" };
    const char *b[] = { "uncertainty.draws=500", "uncertainty.seed=2" };
    s75_scenario *sa = derbyshire(a, 2), *sb = derbyshire(b, 2);
    s75_result *ra = simulate(sa, 1), *rb = simulate(sb, 1);
    const s75_simulation *x = s75_result_simulation(ra), *y = s75_result_simulation(rb);
    /* 2029/30 takes every noise: any two seeds give other draws */
    double mx = s75_simulation_stat(x, S75_SIM_VARIANCE, S75_STAT_MEAN, 4);
    double my = s75_simulation_stat(y, S75_SIM_VARIANCE, S75_STAT_MEAN, 4);
    assert_true(mx != my);
    assert_true(s75_simulation_stat(x, S75_SIM_COST, S75_STAT_SD, 4) > 0);
    s75_result_free(ra), s75_result_free(rb);
    s75_scenario_free(sa), s75_scenario_free(sb);
}

#define BERNOULLI                                                                     \
    "uncertainty: {draws: 3000, seed: 11, pay_award_sd: 0, inflation_sd: 0, uplift_sd: 0," \
    " savings: bernoulli}\n"

/* Pools are drawn in the order of their ids, so the file's order of pools
 * changes no figure (MODEL.md §10 asks it of `run`; the simulation keeps it). */
static void file_order_changes_nothing(void **state)
{
    (void)state;
    s75_scenario *a = chain(CHAIN_SYSTEM CHAIN_PLACE CHAIN_NBH, BERNOULLI);
    s75_scenario *b = chain(CHAIN_NBH CHAIN_SYSTEM CHAIN_PLACE, BERNOULLI);
    s75_result *ra = simulate(a, 1), *rb = simulate(b, 2);
    const s75_simulation *x = s75_result_simulation(ra), *y = s75_result_simulation(rb);
    for (int t = 0; t < 2; t++) {
        for (int series = S75_SIM_COST; series <= S75_SIM_VARIANCE; series++)
            for (int st = S75_STAT_MEAN; st <= S75_STAT_P95; st++)
                assert_close(s75_simulation_stat(x, series, st, t),
                             s75_simulation_stat(y, series, st, t), 0);
        for (size_t k = 0; k < 2; k++)
            assert_close(s75_simulation_risk_share_stat(x, k, S75_STAT_P95, t),
                         s75_simulation_risk_share_stat(y, k, S75_STAT_P95, t), 0);
        const char *ids[] = { "system", "place", "nbh" };
        for (int i = 0; i < 3; i++)
            assert_close(pool_p(ra, ids[i], t), pool_p(rb, ids[i], t), 0);
    }
    s75_result_free(ra), s75_result_free(rb);
    s75_scenario_free(a), s75_scenario_free(b);
}

/* ---- the chance of an overspend per pool ---- */

/* Only the place's saving (100,000 from 2025 at 50%) is uncertain.
 * 2025: the place's variance is 200,000 - 100,000 + 66,666.67 = 166,666.67
 *   delivered, 266,666.67 not: over zero either way, and so are the
 *   neighbourhood's (100,000) and the system's (50,000 + a positive
 *   cascade): every pool 1.
 * 2026: the place's variance is 50,000 - 100,000 - 35,000 = -85,000
 *   delivered and 50,000 - 35,000 = 15,000 not; the system's is
 *   0 + its 10/28 share of the place's: over zero exactly when the place's
 *   is. The neighbourhood's is -50,000 whatever happens: 0. The
 *   consolidated variance is 0 - 100,000 delivered or 0 - 0 = 0 not: never
 *   over zero, and its mean is -100,000 x the share delivered, which is
 *   1 - p(place). */
static void pool_chances(void **state)
{
    (void)state;
    s75_scenario *sc = chain_in_order(BERNOULLI);
    s75_result *res = simulate(sc, 2);
    const s75_simulation *s = s75_result_simulation(res);
    const simulation_result *in = internal(res);
    for (size_t k = 0; k < in->n_pools * 2; k++) {
        double p = in->pool_p_overspend[k];
        assert_true(p >= 0 && p <= 1);
        /* a share of 3,000 draws */
        assert_close(p * 3000, round(p * 3000), 1e-6);
    }
    for (int i = 0; i < 3; i++)
        assert_close(in->pool_p_overspend[(size_t)i * 2], 1.0, 0);
    double place = pool_p(res, "place", 1);
    assert_true(place > 0.45 && place < 0.55);
    assert_close(pool_p(res, "system", 1), place, 0);
    assert_close(pool_p(res, "nbh", 1), 0.0, 0);
    assert_close(s75_simulation_p_overspend(s, 0), 1.0, 0);
    assert_close(s75_simulation_p_overspend(s, 1), 0.0, 0);
    assert_money(s75_simulation_stat(s, S75_SIM_VARIANCE, S75_STAT_MEAN, 1),
                 -100000.0 * (1 - place));
    assert_money(s75_simulation_stat(s, S75_SIM_VARIANCE, S75_STAT_P5, 1), -100000.0);
    assert_money(s75_simulation_stat(s, S75_SIM_VARIANCE, S75_STAT_P95, 1), 0.0);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- shared noise ---- */

/* One inflation noise e per year in every pool. The chain's consolidated
 * cost in 2026 is 1,500,000(1 + e) + 2,000,000(1 + e) + 1,000,000(1.1 + e)
 * = 4,600,000 + 4,500,000e, so its sd is 4,500,000 x sd(e) ~ 45,000 at an
 * sd of 1%. Independent noise per pool would give
 * sqrt(1.5² + 2² + 1²) x 10,000 ~ 26,900. 2025 takes no inflation. */
static void inflation_is_shared(void **state)
{
    (void)state;
    s75_scenario *sc = chain_in_order(
        "uncertainty: {draws: 4000, seed: 3, pay_award_sd: 0, inflation_sd: \"1%\", uplift_sd: 0,"
        " savings: expected}\n");
    s75_result *res = simulate(sc, 1);
    const s75_simulation *s = s75_result_simulation(res);
    assert_close(s75_simulation_stat(s, S75_SIM_COST, S75_STAT_SD, 0), 0.0, 1e-9);
    double sd = s75_simulation_stat(s, S75_SIM_COST, S75_STAT_SD, 1);
    assert_true(sd > 0.95 * 45000 && sd < 1.05 * 45000);
    /* linear in e: the mean and median sit at 4,600,000 + 4,500,000 x their e */
    double mean = s75_simulation_stat(s, S75_SIM_COST, S75_STAT_MEAN, 1);
    assert_true(fabs(mean - 4600000.0) < 3 * 45000 / sqrt(4000.0));
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- clamps ---- */

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char *dir, const char *name)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

/* The floor of a shared noise is the highest over the pools it reaches.
 *   inflation 2026: top -1 - 10% = -1.10 (lowest line 10%); sub -1 - 3% =
 *     -1.03: floor -1.03. 2027: top 4% (its line's series holds), sub -2%:
 *     -1.04 and -0.98: floor -0.98.
 *   uplift of council: amount-based in top (+2%: -1.02) and in sub (-5%:
 *     -0.95): floor -0.95. icb: explicit in top only: never drawn.
 *     top (sub's parent, its delegated funding): explicit: never drawn.
 *   award: derbyshire_award_floor below (these pools have no staff). */
static void shared_floors(void **state)
{
    (void)state;
    char dir[] = "/tmp/s75-pfsim-XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "top.yaml",
               "s75: 1\nname: Top\nbase_year: 2025\nyears: 3\n"
               "non_pay:\n"
               "  - {name: A, amount: 1000, inflation: {2026: \"10%\", 2027: \"4%\"}}\n"
               "  - {name: B, amount: 1000, inflation: {2026: \"12%\", 2027: \"5%\"}}\n"
               "partners:\n"
               "  - {id: council, contribution: {amount: 1000, uplift: \"2%\"}}\n"
               "  - {id: icb, contribution: {amounts: {2025: 10, 2026: 10, 2027: 10}}}\n");
    write_file(dir, "sub.yaml",
               "s75: 1\nname: Sub\nbase_year: 2025\nyears: 3\n"
               "non_pay:\n"
               "  - {name: C, amount: 500, inflation: {2026: \"3%\", 2027: \"-2%\"}}\n"
               "partners:\n"
               "  - {id: council, contribution: {amount: 100, uplift: \"-5%\"}}\n"
               "  - {id: top, contribution: {amounts: {2025: 400, 2026: 400, 2027: 400}}}\n");
    const char *pf_text =
        "s75: 1\nname: Floors\nbase_year: 2025\nyears: 3\npools:\n"
        "  - {id: top, tier: system, scenario: top.yaml}\n"
        "  - {id: sub, tier: place, parent: top, scenario: sub.yaml}\n"
        "uncertainty: {draws: 10, seed: 1, pay_award_sd: 0, inflation_sd: \"1%\","
        " uplift_sd: \"1%\"}\n";
    char name[1200];
    snprintf(name, sizeof name, "%s/pf.yaml", dir);
    s75_scenario *sc = NULL;
    s75_error err;
    int rc = s75_scenario_load_string(&sc, pf_text, strlen(pf_text), name, &err);
    remove_file(dir, "top.yaml");
    remove_file(dir, "sub.yaml");
    rmdir(dir);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    struct portfolio_result *plan = NULL;
    assert_int_equal(portfolio_result_new(&plan, sc), 0);
    pf_noise_spec ns;
    assert_int_equal(pf_noise_spec_init(&ns, sc, plan), 0);
    assert_close(ns.inflation_floor[1], -1.03, 1e-12);
    assert_close(ns.inflation_floor[2], -0.98, 1e-12);
    /* uplift ids sorted: council, icb, top */
    assert_int_equal(ns.n_uplift_ids, 3);
    assert_string_equal(plan->uplift_ids[0], "council");
    assert_int_equal(ns.uplifted[0], 1);
    assert_int_equal(ns.uplifted[1], 0);
    assert_int_equal(ns.uplifted[2], 0);
    assert_close(ns.uplift_floor[0 * 3 + 1], -0.95, 1e-12);
    assert_close(ns.uplift_floor[0 * 3 + 2], -0.95, 1e-12);
    /* A draw never goes below a floor: an sd of 1% reaches -95% never, so
     * draw with the floor raised to check the clamp bites. */
    ns.uplift_floor[0 * 3 + 1] = 0.0;
    pf_noise nz;
    assert_int_equal(pf_noise_alloc(&nz, &ns), 0);
    gsl_rng *r = sim_rng_new(1, 0);
    assert_non_null(r);
    int clamped = 0;
    for (int d = 0; d < 200; d++) {
        pf_noise_draw(&ns, r, &nz);
        assert_true(nz.uplift[1] >= 0.0);
        clamped += nz.uplift[1] == 0.0;
        assert_close(nz.uplift[1 * 3 + 1], 0.0, 0); /* icb: not drawn */
    }
    assert_true(clamped > 50); /* about half the draws fall below zero */
    gsl_rng_free(r);
    pf_noise_release(&nz);
    pf_noise_spec_release(&ns);
    portfolio_free(plan);
    s75_scenario_free(sc);
}

/* Every Derbyshire pool takes a 3% award a year (the 2026 rate held) on a
 * 2025/26 scale: the award noise of FY 2026 to 2029 is floored at
 * -1 - 3% = -1.03. The portfolio's award years start at the base year
 * (portfolio.c), and no pool's scale takes an award in 2025/26: that noise
 * reaches no rate and has no floor. */
static void derbyshire_award_floor(void **state)
{
    (void)state;
    s75_scenario *sc = derbyshire(NULL, 0);
    struct portfolio_result *plan = NULL;
    assert_int_equal(portfolio_result_new(&plan, sc), 0);
    pf_noise_spec ns;
    assert_int_equal(pf_noise_spec_init(&ns, sc, plan), 0);
    assert_int_equal(plan->award_first, 2025);
    assert_int_equal(ns.n_award_years, 5);
    assert_true(isinf(ns.award_floor[0]) && ns.award_floor[0] < 0);
    for (size_t k = 1; k < ns.n_award_years; k++)
        assert_close(ns.award_floor[k], -1.03, 1e-12);
    pf_noise_spec_release(&ns);
    portfolio_free(plan);
    s75_scenario_free(sc);
}

/* ---- reports ---- */

static void reports_name_consolidated_partners_and_pools(void **state)
{
    (void)state;
    s75_scenario *sc = chain_in_order(CERTAIN);
    s75_result *res = simulate(sc, 1);
    char *json = render(res, S75_FORMAT_JSON);
    /* the JSON without its layout (spaces in strings go too: none in what is sought) */
    size_t m = 0;
    for (size_t i = 0; json[i]; i++)
        if (json[i] != ' ' && json[i] != '\n')
            json[m++] = json[i];
    json[m] = '\0';
    assert_non_null(strstr(json, "\"pools\":[{\"id\":\"system\",\"p_overspend\":[1.0,0.0]},"
                                 "{\"id\":\"place\",\"p_overspend\":[1.0,0.0]},"
                                 "{\"id\":\"nbh\",\"p_overspend\":[1.0,0.0]}]"));
    assert_non_null(strstr(json, "\"risk_share\":{\"council\":{"));
    assert_null(strstr(json, "\"tornado\""));
    assert_null(strstr(json, "\"break_even\""));
    char *text = render(res, S75_FORMAT_TEXT);
    assert_non_null(strstr(text, "Probability of overspend by pool"));
    assert_non_null(strstr(text, "  Neighbourhood "));
    assert_null(strstr(text, "Tornado"));
    char *csv = render(res, S75_FORMAT_CSV);
    assert_non_null(strstr(csv, "pools.place.p_overspend"));
    assert_non_null(strstr(csv, "risk_share.icb.p95"));
    assert_null(strstr(csv, "tornado"));
    char *html = render(res, S75_FORMAT_HTML);
    assert_non_null(strstr(html, "Each pool&#39;s chance of an overspend") ||
                    strstr(html, "Each pool's chance of an overspend"));
    assert_null(strstr(html, "What moves the result most"));
    free(json), free(text), free(csv), free(html);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- bad input ---- */

static void no_uncertainty_block(void **state)
{
    (void)state;
    s75_scenario *sc = chain_in_order("");
    s75_run_options o = S75_RUN_OPTIONS_INIT;
    o.mode = S75_MODE_SIMULATE;
    s75_result *res = NULL;
    s75_error err;
    assert_int_equal(s75_run(&res, sc, &o, &err), S75_EINVAL);
    assert_null(res);
    assert_string_equal(err.path, "uncertainty");
    assert_non_null(strstr(err.text, "portfolio"));
    assert_non_null(strstr(err.file, "portfolio-chain/sim.yaml"));
    s75_scenario_free(sc);
}

/* 10,000,000 draws x 2 years x (3 + 2 partners) = 100,000,000 stored
 * values, above LIMIT_SIM_VALUES (2^26 = 67,108,864). */
static void too_many_values(void **state)
{
    (void)state;
    s75_scenario *sc = chain_in_order(
        "uncertainty: {draws: 10000000, seed: 1, pay_award_sd: 0, inflation_sd: 0,"
        " uplift_sd: 0}\n");
    s75_run_options o = S75_RUN_OPTIONS_INIT;
    o.mode = S75_MODE_SIMULATE;
    s75_result *res = NULL;
    s75_error err;
    assert_int_equal(s75_run(&res, sc, &o, &err), S75_ELIMIT);
    assert_null(res);
    assert_string_equal(err.path, "uncertainty.draws");
    assert_non_null(strstr(err.text, "100000000 stored values"));
    s75_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chain_certain_is_deterministic),
        cmocka_unit_test(derbyshire_certain_is_deterministic),
        cmocka_unit_test(same_bytes_at_any_thread_count),
        cmocka_unit_test(seeds_differ),
        cmocka_unit_test(file_order_changes_nothing),
        cmocka_unit_test(pool_chances),
        cmocka_unit_test(inflation_is_shared),
        cmocka_unit_test(shared_floors),
        cmocka_unit_test(derbyshire_award_floor),
        cmocka_unit_test(reports_name_consolidated_partners_and_pools),
        cmocka_unit_test(no_uncertainty_block),
        cmocka_unit_test(too_many_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

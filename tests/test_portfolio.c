/* Portfolios of pools (MODEL.md §10): loading and its errors, delegated funding,
 * cascading risk share, consolidation, reports, and the per-draw evaluation
 * a simulation calls. */
#include "testutil.h"

#include <sys/wait.h>

#include <s75/s75.h>

#include "modules.h"
#include "portfolio.h"
#include "run.h"

/* ---- helpers ---- */

static s75_scenario *load(const char *rel)
{
    char path[1024];
    s75_scenario *sc = NULL;
    s75_error err;
    int rc = s75_scenario_load_file(&sc, source_path(path, sizeof path, rel), &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    assert_true(s75_scenario_is_portfolio(sc));
    return sc;
}

static s75_result *run(const s75_scenario *sc)
{
    s75_result *res = NULL;
    s75_error err;
    int rc = s75_run(&res, sc, NULL, &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    assert_non_null(s75_result_portfolio(res));
    assert_null(s75_result_projection(res));
    return res;
}

static size_t pool_named(const s75_portfolio *p, const char *id)
{
    for (size_t i = 0; i < s75_portfolio_pool_count(p); i++)
        if (strcmp(s75_portfolio_pool_id(p, i), id) == 0)
            return i;
    fail_msg("no pool %s", id);
    return 0;
}

static size_t partner_named(const s75_portfolio *p, const char *id)
{
    for (size_t k = 0; k < s75_portfolio_partner_count(p); k++)
        if (strcmp(s75_portfolio_partner_id(p, k), id) == 0)
            return k;
    fail_msg("no partner %s", id);
    return 0;
}

/* A partner's contribution and allocation inside one pool, through the
 * internal figures (the public API gives only the consolidated ones). */
static int pool_partner(const s75_result *res, size_t i, const char *id)
{
    const scenario *sub = res->sc->pools[i].scenario;
    for (size_t q = 0; q < sub->n_partners; q++)
        if (strcmp(sub->partners[q].id, id) == 0)
            return (int)q;
    return -1;
}

static double pool_contribution(const s75_result *res, size_t i, const char *id, int t)
{
    int q = pool_partner(res, i, id);
    assert_true(q >= 0);
    const projection *p = &res->portfolio->proj[i];
    return p->contributions[(size_t)q * (size_t)p->years + (size_t)t];
}

static double pool_share(const s75_result *res, size_t i, const char *id, int t)
{
    int q = pool_partner(res, i, id);
    assert_true(q >= 0);
    const projection *p = &res->portfolio->proj[i];
    return (double)p->risk_share[(size_t)q * (size_t)p->years + (size_t)t] / 100.0;
}

/* ---- the hand-checked chain ---- */

/* tests/data/portfolio-chain: system -> place -> neighbourhood (nbh), 2025/26 and 2026/27.
 *
 * nbh (parent place; population 40,000). Non-pay 1,000,000, inflation 10% in 2026.
 *   2025: cost 1,000,000; council 300,000 + place 600,000 = 900,000; gap = variance = 100,000
 *         (overspend). Proportional 300k:600k of 10,000,000p: 3,333,333.33p and 6,666,666.67p;
 *         floors 3,333,333 + 6,666,666 = 9,999,999p, the last penny to the larger fraction
 *         (.67, place): council 33,333.33, place 66,666.67.
 *   2026: cost 1,100,000; council 300,000 + place 850,000 = 1,150,000; variance -50,000
 *         (underspend), fixed 30/70: council -15,000.00, place -35,000.00.
 *   cost per head 1,000,000 / 40,000 = 25.00 and 1,100,000 / 40,000 = 27.50.
 * place (parent system; population 120,000). Non-pay 2,000,000; a saving of 100,000 from 2025
 *   at 50% confidence: expected 50,000 a year.
 *   2025: delegated = nbh's contribution from place = 600,000; cost 2,000,000 + 600,000 =
 *         2,600,000; icb 1,500,000 + system 900,000 = 2,400,000; gap 200,000;
 *         cascaded = nbh's allocation to place = 66,666.67;
 *         variance = 200,000 - 50,000 + 66,666.67 = 216,666.67 (overspend). Fixed 75/25 of
 *         21,666,667p: 16,250,000.25p and 5,416,666.75p; floors leave 1p, to system (.75):
 *         icb 162,500.00, system 54,166.67.
 *   2026: delegated 850,000; cost 2,850,000; icb 1,800,000 + system 1,000,000 = 2,800,000;
 *         gap 50,000; cascaded -35,000.00; variance = 50,000 - 50,000 - 35,000 = -35,000.
 *         Proportional 18:10: icb -22,500.00, system -12,500.00.
 *   cost per head (cost - delegated) / 120,000 = 2,000,000 / 120,000 = 16.666...
 * system (no population). Non-pay 1,500,000; default proportional both ways.
 *   2025: delegated 900,000; cost 2,400,000; council 1,200,000 + icb 1,150,000 = 2,350,000;
 *         gap 50,000; cascaded 54,166.67; variance 104,166.67. Proportional 120:115 of
 *         10,416,667p: 5,319,149.106p and 5,097,517.894p; the penny left goes to icb (.894):
 *         council 53,191.49, icb 50,975.18.
 *   2026: delegated 1,000,000; cost 2,500,000; council 1,250,000 + icb 1,250,000; gap 0;
 *         cascaded -12,500.00; variance -12,500; 50/50: council -6,250.00, icb -6,250.00.
 * Consolidated (transfers out):
 *   2025: cost 1,000,000 + 2,000,000 + 1,500,000 = 4,500,000; council 300,000 + 1,200,000 =
 *         1,500,000; icb 1,500,000 + 1,150,000 = 2,650,000; total 4,150,000; gap 350,000
 *         (= 100,000 + 200,000 + 50,000); savings 50,000; variance 300,000; risk share
 *         council 33,333.33 + 53,191.49 = 86,524.82, icb 162,500.00 + 50,975.18 = 213,475.18
 *         (sum 300,000.00).
 *   2026: cost 1,100,000 + 2,000,000 + 1,500,000 = 4,600,000; council 1,550,000, icb 3,050,000;
 *         gap 0 (= -50,000 + 50,000 + 0); savings 50,000; variance -50,000; council -15,000 -
 *         6,250 = -21,250.00, icb -22,500 - 6,250 = -28,750.00.
 * By tier: 2025 system 1,500,000 / gap 50,000, place 2,000,000 / 200,000, neighbourhood
 *   1,000,000 / 100,000; 2026 system 1,500,000 / 0, place 2,000,000 / 50,000, neighbourhood
 *   1,100,000 / -50,000. */
static void chain_hand_checked(void **state)
{
    (void)state;
    s75_scenario *sc = load("tests/data/portfolio-chain/portfolio.yaml");
    s75_result *res = run(sc);
    const s75_portfolio *p = s75_result_portfolio(res);
    assert_int_equal(s75_portfolio_year_count(p), 2);
    assert_int_equal(s75_portfolio_pool_count(p), 3);
    size_t S = pool_named(p, "system"), P = pool_named(p, "place"), N = pool_named(p, "nbh");
    assert_int_equal(s75_portfolio_pool_tier(p, S), S75_TIER_SYSTEM);
    assert_int_equal(s75_portfolio_pool_tier(p, P), S75_TIER_PLACE);
    assert_int_equal(s75_portfolio_pool_tier(p, N), S75_TIER_NEIGHBOURHOOD);
    assert_int_equal(s75_portfolio_pool_parent(p, N), P);
    assert_int_equal(s75_portfolio_pool_parent(p, P), S);
    assert_int_equal(s75_portfolio_pool_parent(p, S), S75_NONE);
    assert_int_equal(s75_portfolio_pool_parent(p, 99), S75_NONE);
    assert_int_equal(s75_portfolio_pool_tier(p, 99), S75_TIER_NONE);
    assert_string_equal(s75_portfolio_pool_name(p, P), "Place alliance");

    /* nbh */
    assert_money(s75_portfolio_pool_value(p, N, S75_LINE_COST, 0), 1000000.00);
    assert_money(s75_portfolio_pool_delegated(p, N, 0), 0);
    assert_money(s75_portfolio_pool_cascaded(p, N, 0), 0);
    assert_money(s75_portfolio_pool_value(p, N, S75_LINE_GAP, 0), 100000.00);
    assert_money(s75_portfolio_pool_value(p, N, S75_LINE_VARIANCE, 0), 100000.00);
    assert_money(pool_share(res, N, "council", 0), 33333.33);
    assert_money(pool_share(res, N, "place", 0), 66666.67);
    assert_money(s75_portfolio_pool_value(p, N, S75_LINE_COST, 1), 1100000.00);
    assert_money(s75_portfolio_pool_value(p, N, S75_LINE_VARIANCE, 1), -50000.00);
    assert_money(pool_share(res, N, "council", 1), -15000.00);
    assert_money(pool_share(res, N, "place", 1), -35000.00);
    assert_money(s75_portfolio_pool_cost_per_head(p, N, 0), 25.00);
    assert_money(s75_portfolio_pool_cost_per_head(p, N, 1), 27.50);

    /* place */
    assert_money(s75_portfolio_pool_delegated(p, P, 0), 600000.00);
    assert_money(s75_portfolio_pool_value(p, P, S75_LINE_COST, 0), 2600000.00);
    assert_money(s75_portfolio_pool_value(p, P, S75_LINE_CONTRIBUTIONS_TOTAL, 0), 2400000.00);
    assert_money(s75_portfolio_pool_value(p, P, S75_LINE_GAP, 0), 200000.00);
    assert_money(s75_portfolio_pool_value(p, P, S75_LINE_SAVINGS_PLANNED, 0), 100000.00);
    assert_money(s75_portfolio_pool_value(p, P, S75_LINE_SAVINGS_EXPECTED, 0), 50000.00);
    assert_money(s75_portfolio_pool_cascaded(p, P, 0), 66666.67);
    assert_money(s75_portfolio_pool_value(p, P, S75_LINE_VARIANCE, 0), 216666.67);
    assert_money(pool_share(res, P, "icb", 0), 162500.00);
    assert_money(pool_share(res, P, "system", 0), 54166.67);
    assert_money(s75_portfolio_pool_delegated(p, P, 1), 850000.00);
    assert_money(s75_portfolio_pool_value(p, P, S75_LINE_COST, 1), 2850000.00);
    assert_money(s75_portfolio_pool_value(p, P, S75_LINE_GAP, 1), 50000.00);
    assert_money(s75_portfolio_pool_cascaded(p, P, 1), -35000.00);
    assert_money(s75_portfolio_pool_value(p, P, S75_LINE_VARIANCE, 1), -35000.00);
    assert_money(pool_share(res, P, "icb", 1), -22500.00);
    assert_money(pool_share(res, P, "system", 1), -12500.00);
    assert_close(s75_portfolio_pool_cost_per_head(p, P, 0), 2000000.0 / 120000.0, 1e-9);

    /* system */
    assert_money(s75_portfolio_pool_delegated(p, S, 0), 900000.00);
    assert_money(s75_portfolio_pool_value(p, S, S75_LINE_COST, 0), 2400000.00);
    assert_money(s75_portfolio_pool_value(p, S, S75_LINE_GAP, 0), 50000.00);
    assert_money(s75_portfolio_pool_cascaded(p, S, 0), 54166.67);
    assert_money(s75_portfolio_pool_value(p, S, S75_LINE_VARIANCE, 0), 104166.67);
    assert_money(pool_share(res, S, "council", 0), 53191.49);
    assert_money(pool_share(res, S, "icb", 0), 50975.18);
    assert_money(s75_portfolio_pool_delegated(p, S, 1), 1000000.00);
    assert_money(s75_portfolio_pool_value(p, S, S75_LINE_GAP, 1), 0);
    assert_money(s75_portfolio_pool_cascaded(p, S, 1), -12500.00);
    assert_money(s75_portfolio_pool_value(p, S, S75_LINE_VARIANCE, 1), -12500.00);
    assert_money(pool_share(res, S, "council", 1), -6250.00);
    assert_money(pool_share(res, S, "icb", 1), -6250.00);
    assert_true(isnan(s75_portfolio_pool_cost_per_head(p, S, 0)));

    /* consolidated: the two bodies that are not pools, sorted */
    assert_int_equal(s75_portfolio_partner_count(p), 2);
    assert_string_equal(s75_portfolio_partner_id(p, 0), "council");
    assert_string_equal(s75_portfolio_partner_id(p, 1), "icb");
    assert_money(s75_portfolio_value(p, S75_LINE_COST, 0), 4500000.00);
    assert_money(s75_portfolio_contribution(p, 0, 0), 1500000.00);
    assert_money(s75_portfolio_contribution(p, 1, 0), 2650000.00);
    assert_money(s75_portfolio_value(p, S75_LINE_CONTRIBUTIONS_TOTAL, 0), 4150000.00);
    assert_money(s75_portfolio_value(p, S75_LINE_GAP, 0), 350000.00);
    assert_money(s75_portfolio_value(p, S75_LINE_SAVINGS_EXPECTED, 0), 50000.00);
    assert_money(s75_portfolio_value(p, S75_LINE_VARIANCE, 0), 300000.00);
    assert_money(s75_portfolio_risk_share(p, 0, 0), 86524.82);
    assert_money(s75_portfolio_risk_share(p, 1, 0), 213475.18);
    assert_money(s75_portfolio_value(p, S75_LINE_UNALLOCATED, 0), 0);
    assert_money(s75_portfolio_value(p, S75_LINE_COST, 1), 4600000.00);
    assert_money(s75_portfolio_contribution(p, 0, 1), 1550000.00);
    assert_money(s75_portfolio_contribution(p, 1, 1), 3050000.00);
    assert_money(s75_portfolio_value(p, S75_LINE_GAP, 1), 0);
    assert_money(s75_portfolio_value(p, S75_LINE_VARIANCE, 1), -50000.00);
    assert_money(s75_portfolio_risk_share(p, 0, 1), -21250.00);
    assert_money(s75_portfolio_risk_share(p, 1, 1), -28750.00);
    /* a consolidated line that does not exist */
    assert_true(isnan(s75_portfolio_value(p, S75_LINE_PAY, 0)));

    /* by tier */
    assert_money(s75_portfolio_tier_cost(p, S75_TIER_SYSTEM, 0), 1500000.00);
    assert_money(s75_portfolio_tier_gap(p, S75_TIER_SYSTEM, 0), 50000.00);
    assert_money(s75_portfolio_tier_cost(p, S75_TIER_PLACE, 0), 2000000.00);
    assert_money(s75_portfolio_tier_gap(p, S75_TIER_PLACE, 0), 200000.00);
    assert_money(s75_portfolio_tier_cost(p, S75_TIER_NEIGHBOURHOOD, 0), 1000000.00);
    assert_money(s75_portfolio_tier_gap(p, S75_TIER_NEIGHBOURHOOD, 0), 100000.00);
    assert_money(s75_portfolio_tier_cost(p, S75_TIER_NEIGHBOURHOOD, 1), 1100000.00);
    assert_money(s75_portfolio_tier_gap(p, S75_TIER_NEIGHBOURHOOD, 1), -50000.00);
    assert_money(s75_portfolio_tier_gap(p, S75_TIER_SYSTEM, 1), 0);
    assert_money(s75_portfolio_tier_gap(p, S75_TIER_PLACE, 1), 50000.00);

    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- identities that hold for any portfolio ---- */

static void check_identities(const char *rel)
{
    s75_scenario *sc = load(rel);
    s75_result *res = run(sc);
    const s75_portfolio *p = s75_result_portfolio(res);
    size_t np = s75_portfolio_pool_count(p), ne = s75_portfolio_partner_count(p);
    int years = (int)s75_portfolio_year_count(p);
    for (int t = 0; t < years; t++) {
        double gaps = 0, tiers = 0, own = 0;
        for (size_t i = 0; i < np; i++) {
            gaps += s75_portfolio_pool_value(p, i, S75_LINE_GAP, t);
            own += s75_portfolio_pool_value(p, i, S75_LINE_COST, t) -
                   s75_portfolio_pool_delegated(p, i, t);
            /* A pool's delegated funding is what its children record from it, and its
             * cascaded amount is what their agreements put on it. */
            double delegated = 0, cascaded = 0;
            for (size_t c = 0; c < np; c++)
                if (s75_portfolio_pool_parent(p, c) == i &&
                    pool_partner(res, c, s75_portfolio_pool_id(p, i)) >= 0) {
                    delegated += pool_contribution(res, c, s75_portfolio_pool_id(p, i), t);
                    cascaded += pool_share(res, c, s75_portfolio_pool_id(p, i), t);
                }
            assert_money(s75_portfolio_pool_delegated(p, i, t), delegated);
            assert_money(s75_portfolio_pool_cascaded(p, i, t), cascaded);
            /* variance = gap - savings expected + cascaded */
            assert_money(s75_portfolio_pool_value(p, i, S75_LINE_VARIANCE, t),
                         s75_portfolio_pool_value(p, i, S75_LINE_GAP, t) -
                             s75_portfolio_pool_value(p, i, S75_LINE_SAVINGS_EXPECTED, t) +
                             s75_portfolio_pool_cascaded(p, i, t));
        }
        for (int tier = 0; tier < 3; tier++)
            tiers += s75_portfolio_tier_cost(p, (s75_tier)tier, t);
        assert_money(s75_portfolio_value(p, S75_LINE_GAP, t), gaps);
        assert_money(s75_portfolio_value(p, S75_LINE_COST, t), own);
        assert_money(s75_portfolio_value(p, S75_LINE_COST, t), tiers);
        double contributions = 0, shares = 0;
        for (size_t k = 0; k < ne; k++) {
            contributions += s75_portfolio_contribution(p, k, t);
            shares += s75_portfolio_risk_share(p, k, t);
        }
        assert_money(s75_portfolio_value(p, S75_LINE_CONTRIBUTIONS_TOTAL, t), contributions);
        /* Each pool rounds its variance to the penny once: the partners' shares and the
         * unallocated amount meet the consolidated variance within a penny per pool. */
        shares += s75_portfolio_value(p, S75_LINE_UNALLOCATED, t);
        assert_close(shares, s75_portfolio_value(p, S75_LINE_VARIANCE, t), 0.01 * (double)np);
    }
    /* The system's delegated funding equals what its children record from it. */
    for (size_t i = 0; i < np; i++) {
        if (s75_portfolio_pool_tier(p, i) != S75_TIER_SYSTEM)
            continue;
        for (int t = 0; t < years; t++) {
            double from_children = 0;
            for (size_t c = 0; c < np; c++)
                if (s75_portfolio_pool_parent(p, c) == i &&
                    pool_partner(res, c, s75_portfolio_pool_id(p, i)) >= 0)
                    from_children += pool_contribution(res, c, s75_portfolio_pool_id(p, i), t);
            assert_money(s75_portfolio_pool_delegated(p, i, t), from_children);
        }
    }
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void identities_chain(void **state)
{
    (void)state;
    check_identities("tests/data/portfolio-chain/portfolio.yaml");
}

static void identities_worked_case(void **state)
{
    (void)state;
    check_identities("tests/data/portfolio-worked/portfolio.yaml");
}

static void identities_shipped_config(void **state)
{
    (void)state;
    check_identities("configs/derbyshire-portfolio.yaml");
}

/* ---- the worked portfolio case (tests/data/cases) ---- */

/* Figures from portfolio.expected.json (tests/data/cases/portfolio-1), 2025/26: place-0 passes
 * 10,112,000 down to its two neighbourhoods, which put an underspend of -499,904.59 on it;
 * with its own gap 483,753.27 and savings 262,078.25 its variance is -278,229.58, all on p0
 * under its tiered underspend rule (first 443,000 to p0). */
static void worked_case_figures(void **state)
{
    (void)state;
    s75_scenario *sc = load("tests/data/portfolio-worked/portfolio.yaml");
    s75_result *res = run(sc);
    const s75_portfolio *p = s75_result_portfolio(res);
    size_t i = pool_named(p, "place-0");
    assert_int_equal(i, 0); /* reported in file order */
    assert_money(s75_portfolio_pool_delegated(p, i, 0), 10112000.00);
    assert_money(s75_portfolio_pool_cascaded(p, i, 0), -499904.59);
    assert_money(s75_portfolio_pool_value(p, i, S75_LINE_GAP, 0), 483753.27);
    assert_money(s75_portfolio_pool_value(p, i, S75_LINE_VARIANCE, 0), -278229.58);
    assert_money(pool_share(res, i, "p0", 0), -278229.58);
    assert_close(s75_portfolio_pool_cost_per_head(p, i, 0), 15.080833038834133, 1e-9);
    assert_money(s75_portfolio_value(p, S75_LINE_COST, 0), 44414439.42);
    assert_money(s75_portfolio_value(p, S75_LINE_VARIANCE, 0), -1419318.82);
    assert_money(s75_portfolio_risk_share(p, partner_named(p, "p0"), 0), -1013853.75);
    assert_money(s75_portfolio_risk_share(p, partner_named(p, "p1"), 0), -300236.21);
    assert_money(s75_portfolio_risk_share(p, partner_named(p, "p2"), 0), -105228.86);
    assert_money(s75_portfolio_tier_cost(p, S75_TIER_SYSTEM, 0), 5204432.74);
    assert_money(s75_portfolio_tier_gap(p, S75_TIER_NEIGHBOURHOOD, 0), -1115351.86);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- file order ---- */

/* Every figure, matched by pool and partner id, is bit-for-bit the same. */
static void same_figures(const s75_portfolio *a, const s75_portfolio *b)
{
    size_t np = s75_portfolio_pool_count(a), ne = s75_portfolio_partner_count(a);
    int years = (int)s75_portfolio_year_count(a);
    assert_int_equal(np, s75_portfolio_pool_count(b));
    assert_int_equal(ne, s75_portfolio_partner_count(b));
    static const s75_line lines[] = { S75_LINE_PAY, S75_LINE_AGENCY, S75_LINE_NON_PAY,
                                      S75_LINE_COST, S75_LINE_CONTRIBUTIONS_TOTAL, S75_LINE_GAP,
                                      S75_LINE_SAVINGS_PLANNED, S75_LINE_SAVINGS_EXPECTED,
                                      S75_LINE_VARIANCE, S75_LINE_UNALLOCATED };
    for (int t = 0; t < years; t++) {
        for (size_t i = 0; i < np; i++) {
            size_t j = pool_named(b, s75_portfolio_pool_id(a, i));
            for (size_t l = 0; l < sizeof lines / sizeof lines[0]; l++)
                assert_true(s75_portfolio_pool_value(a, i, lines[l], t) ==
                            s75_portfolio_pool_value(b, j, lines[l], t));
            assert_true(s75_portfolio_pool_delegated(a, i, t) ==
                        s75_portfolio_pool_delegated(b, j, t));
            assert_true(s75_portfolio_pool_cascaded(a, i, t) ==
                        s75_portfolio_pool_cascaded(b, j, t));
            double ca = s75_portfolio_pool_cost_per_head(a, i, t);
            double cb = s75_portfolio_pool_cost_per_head(b, j, t);
            assert_true(ca == cb || (isnan(ca) && isnan(cb)));
        }
        for (size_t l = 0; l < sizeof lines / sizeof lines[0]; l++) {
            double va = s75_portfolio_value(a, lines[l], t), vb = s75_portfolio_value(b, lines[l], t);
            assert_true(va == vb || (isnan(va) && isnan(vb)));
        }
        for (size_t k = 0; k < ne; k++) {
            assert_string_equal(s75_portfolio_partner_id(a, k), s75_portfolio_partner_id(b, k));
            assert_true(s75_portfolio_contribution(a, k, t) == s75_portfolio_contribution(b, k, t));
            assert_true(s75_portfolio_risk_share(a, k, t) == s75_portfolio_risk_share(b, k, t));
        }
        for (int tier = 0; tier < 3; tier++) {
            assert_true(s75_portfolio_tier_cost(a, (s75_tier)tier, t) ==
                        s75_portfolio_tier_cost(b, (s75_tier)tier, t));
            assert_true(s75_portfolio_tier_gap(a, (s75_tier)tier, t) ==
                        s75_portfolio_tier_gap(b, (s75_tier)tier, t));
        }
    }
}

static void shuffled_pools_change_nothing(const char *rel_a, const char *rel_b)
{
    s75_scenario *sa = load(rel_a), *sb = load(rel_b);
    s75_result *ra = run(sa), *rb = run(sb);
    const s75_portfolio *a = s75_result_portfolio(ra), *b = s75_result_portfolio(rb);
    /* the files really do list the pools in different orders */
    int differs = 0;
    for (size_t i = 0; i < s75_portfolio_pool_count(a); i++)
        differs |= strcmp(s75_portfolio_pool_id(a, i), s75_portfolio_pool_id(b, i)) != 0;
    assert_true(differs);
    same_figures(a, b);
    s75_result_free(ra), s75_result_free(rb);
    s75_scenario_free(sa), s75_scenario_free(sb);
}

static void file_order_chain(void **state)
{
    (void)state;
    shuffled_pools_change_nothing("tests/data/portfolio-chain/portfolio.yaml",
                                  "tests/data/portfolio-chain/shuffled.yaml");
}

static void file_order_worked_case(void **state)
{
    (void)state;
    shuffled_pools_change_nothing("tests/data/portfolio-worked/portfolio.yaml",
                                  "tests/data/portfolio-worked/shuffled.yaml");
}

/* ---- the shipped portfolio ---- */

/* configs/derbyshire-portfolio.yaml: 17 pools; its consolidated totals as this build
 * computes them (a regression check: the figures are illustrative, and the identities
 * above are what make them right). */
static void shipped_config_totals(void **state)
{
    (void)state;
    s75_scenario *sc = load("configs/derbyshire-portfolio.yaml");
    s75_result *res = run(sc);
    const s75_portfolio *p = s75_result_portfolio(res);
    assert_int_equal(s75_portfolio_pool_count(p), 17);
    assert_int_equal(s75_portfolio_year_count(p), 5);
    assert_int_equal(s75_portfolio_partner_count(p), 4);
    size_t tiers[3] = { 0 };
    for (size_t i = 0; i < s75_portfolio_pool_count(p); i++)
        tiers[s75_portfolio_pool_tier(p, i)]++;
    assert_int_equal(tiers[S75_TIER_SYSTEM], 1);
    assert_int_equal(tiers[S75_TIER_PLACE], 8);
    assert_int_equal(tiers[S75_TIER_NEIGHBOURHOOD], 8);
    double cost = 0, variance = 0;
    for (int t = 0; t < 5; t++) {
        cost += s75_portfolio_value(p, S75_LINE_COST, t);
        variance += s75_portfolio_value(p, S75_LINE_VARIANCE, t);
    }
    assert_money(cost, 272966980.66);
    assert_money(variance, 451260.31);
    assert_money(s75_portfolio_value(p, S75_LINE_COST, 0), 51088664.09);
    assert_money(s75_portfolio_value(p, S75_LINE_GAP, 0), 195664.09);
    assert_money(s75_portfolio_value(p, S75_LINE_VARIANCE, 0), -258235.91);
    assert_money(s75_portfolio_risk_share(p, partner_named(p, "dcc"), 0), -79823.99);
    assert_money(s75_portfolio_risk_share(p, partner_named(p, "dchs"), 0), -30589.76);
    assert_money(s75_portfolio_risk_share(p, partner_named(p, "ddicb"), 0), -117958.93);
    assert_money(s75_portfolio_risk_share(p, partner_named(p, "derby-city"), 0), -29863.22);
    assert_money(s75_portfolio_value(p, S75_LINE_VARIANCE, 4), 891422.47);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- reports ---- */

static char *render(const s75_result *res, s75_format fmt)
{
    char *out = NULL;
    s75_error err;
    assert_int_equal(s75_result_render(&out, NULL, res, fmt, &err), S75_OK);
    return out;
}

/* The value of the CSV line that starts with `key` (section,item,year,). */
static double csv_number(const char *csv, const char *key)
{
    size_t kl = strlen(key);
    for (const char *line = csv; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
        if (strncmp(line, key, kl) == 0)
            return strtod(line + kl, NULL);
    fail_msg("no CSV line %s", key);
    return NAN;
}

static void reports(void **state)
{
    (void)state;
    s75_scenario *sc = load("tests/data/portfolio-chain/portfolio.yaml");
    s75_result *res = run(sc);
    char *json = render(res, S75_FORMAT_JSON);
    /* top-level keys sit at one space of indent */
    assert_non_null(strstr(json, "\n \"portfolio\": {"));
    assert_null(strstr(json, "\n \"projection\""));
    assert_null(strstr(json, "\n \"workforce\""));
    assert_null(strstr(json, "\n \"demand\""));
    assert_non_null(strstr(json, "\"cascaded\": 66666.67"));
    assert_non_null(strstr(json, "\"parent\": null"));
    assert_non_null(strstr(json, "\"cost_per_head\": null"));
    assert_non_null(strstr(json, "\"tier\": \"neighbourhood\""));
    s75_free(json);

    char *text = render(res, S75_FORMAT_TEXT);
    assert_non_null(strstr(text, "Consolidated position"));
    assert_non_null(strstr(text, "County council (council)"));
    assert_non_null(strstr(text, "Neighbourhood pools (1)"));
    /* the consolidated variance of 2025/26, 300,000, and the council's share of it */
    assert_non_null(strstr(text, "300,000"));
    assert_non_null(strstr(text, "86,525"));
    /* cost per head of the neighbourhood: 25.00 then 27.50 */
    assert_non_null(strstr(text, "25.00       27.50"));
    s75_free(text);

    char *csv = render(res, S75_FORMAT_CSV);
    assert_non_null(strstr(csv, "section,item,year,value\n"));
    assert_money(csv_number(csv, "consolidated,cost,2025/26,"), 4500000.00);
    assert_money(csv_number(csv, "consolidated,risk_share:council,2025/26,"), 86524.82);
    assert_money(csv_number(csv, "pool:place,cascaded,2025/26,"), 66666.67);
    assert_money(csv_number(csv, "pool:place,delegated,2026/27,"), 850000.00);
    assert_money(csv_number(csv, "pool:nbh,cost_per_head,2026/27,"), 27.50);
    assert_money(csv_number(csv, "by_tier,place:cost,2026/27,"), 2000000.00);
    assert_null(strstr(csv, "pool:system,cost_per_head"));
    s75_free(csv);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- the per-draw evaluation ---- */

static void evaluation_reuses_its_workspace(void **state)
{
    (void)state;
    s75_scenario *sc = load("tests/data/portfolio-worked/portfolio.yaml");
    s75_result *res = run(sc);
    const struct portfolio_result *det = res->portfolio;
    struct portfolio_result *w;
    assert_int_equal(portfolio_result_new(&w, sc), 0);
    size_t N = (size_t)w->years;
    /* every pool's scale is of 2024: awards for 2025 .. 2028 */
    assert_int_equal(w->award_first, 2025);
    assert_int_equal(w->n_award_years, 4);

    double *award_nz = calloc(w->n_award_years, sizeof *award_nz);
    double *infl = calloc(N, sizeof *infl);
    double *upl = calloc(w->n_uplift_ids * N, sizeof *upl);
    unsigned char *delivered = calloc(w->n_schemes_total + 1, 1);
    assert_non_null(award_nz), assert_non_null(infl), assert_non_null(upl);
    assert_non_null(delivered);

    /* Zero noise and confidence-weighted savings: the deterministic run. */
    portfolio_noise zero = { award_nz, infl, upl, NULL };
    assert_int_equal(portfolio_evaluate(w, &zero), 0);
    for (size_t t = 0; t < N; t++) {
        assert_true(w->variance[t] == det->variance[t]);
        for (size_t i = 0; i < w->n_pools; i++)
            assert_true(w->proj[i].variance[t] == det->proj[i].variance[t]);
    }

    /* One uplift noise for p1 in 2026/27 reaches every pool p1 funds by amount and uplift:
     * place-0 3,467,000 x (1 + 3.23% + 1%) = 3,613,654.10; nbh-0-1 5,942,000 x
     * (1 + 1.30% + 1%) = 6,078,666.00; nbh-1-0 2,943,000 x (1 - 0.24% + 1%) = 2,965,366.80;
     * place-1's explicit amounts do not move (1,136,693). */
    size_t u = 0;
    while (u < w->n_uplift_ids && strcmp(w->uplift_ids[u], "p1") != 0)
        u++;
    assert_true(u < w->n_uplift_ids);
    upl[u * N + 1] = 0.01;
    assert_int_equal(portfolio_evaluate(w, &zero), 0);
    assert_money(pool_contribution(res, 0, "p1", 1), 3578984.10); /* the deterministic run */
    {
        const scenario *pf = sc;
        for (size_t i = 0; i < w->n_pools; i++) {
            const scenario *sub = pf->pools[i].scenario;
            for (size_t q = 0; q < sub->n_partners; q++) {
                if (strcmp(sub->partners[q].id, "p1") != 0)
                    continue;
                double c = w->proj[i].contributions[q * N + 1];
                if (strcmp(pf->pools[i].id, "place-0") == 0)
                    assert_money(c, 3613654.10);
                else if (strcmp(pf->pools[i].id, "nbh-0-1") == 0)
                    assert_money(c, 6078666.00);
                else if (strcmp(pf->pools[i].id, "nbh-1-0") == 0)
                    assert_money(c, 2965366.80);
                else if (strcmp(pf->pools[i].id, "place-1") == 0)
                    assert_money(c, 1136693.00);
                else
                    fail_msg("p1 in %s", pf->pools[i].id);
            }
        }
    }
    upl[u * N + 1] = 0;

    /* Award noise in one year moves pay in every pool exactly as it moves a pool run
     * alone with the same noise. */
    award_nz[1] = 0.02; /* FY 2026/27 */
    assert_int_equal(portfolio_evaluate(w, &zero), 0);
    for (size_t i = 0; i < w->n_pools; i++) {
        const scenario *sub = sc->pools[i].scenario;
        projection alone;
        assert_int_equal(projection_alloc(&alone, sub->base_year, sub->years, sub->n_partners,
                                          sub->n_lines), 0);
        perturbation pt = { award_nz + (sub->scale_year + 1 - w->award_first), NULL, NULL, NULL };
        assert_int_equal(project_run(sub, &pt, &alone), 0);
        for (size_t t = 0; t < N; t++)
            assert_true(w->proj[i].pay[t] == alone.pay[t]);
        assert_true(w->proj[i].pay[1] > det->proj[i].pay[1]);
        assert_true(w->proj[i].pay[0] == det->proj[i].pay[0]);
        projection_release(&alone);
    }
    award_nz[1] = 0;

    /* Every scheme delivered in full: expected savings equal planned in every pool. */
    memset(delivered, 1, w->n_schemes_total);
    portfolio_noise all = { NULL, NULL, NULL, delivered };
    assert_int_equal(portfolio_evaluate(w, &all), 0);
    for (size_t i = 0; i < w->n_pools; i++)
        for (size_t t = 0; t < N; t++)
            assert_true(w->proj[i].savings_expected[t] == w->proj[i].savings_planned[t]);

    /* And back to the deterministic run in the same workspace. */
    assert_int_equal(portfolio_evaluate(w, NULL), 0);
    for (size_t t = 0; t < N; t++) {
        assert_true(w->cost[t] == det->cost[t]);
        assert_true(w->variance[t] == det->variance[t]);
        for (size_t k = 0; k < w->n_partners; k++)
            assert_true(w->risk_share[k * N + t] == det->risk_share[k * N + t]);
        for (size_t i = 0; i < w->n_pools; i++) {
            assert_true(w->proj[i].cascaded[t] == det->proj[i].cascaded[t]);
            assert_true(w->proj[i].delegated[t] == det->proj[i].delegated[t]);
        }
    }
    free(award_nz), free(infl), free(upl), free(delivered);
    portfolio_free(w);
    s75_result_free(res);
    s75_scenario_free(sc);
}

static void accessors_out_of_range(void **state)
{
    (void)state;
    assert_null(s75_result_portfolio(NULL));
    assert_int_equal(s75_portfolio_pool_count(NULL), 0);
    assert_null(s75_portfolio_pool_id(NULL, 0));
    assert_true(isnan(s75_portfolio_value(NULL, S75_LINE_COST, 0)));
    s75_scenario *sc = load("tests/data/portfolio-chain/portfolio.yaml");
    s75_result *res = run(sc);
    const s75_portfolio *p = s75_result_portfolio(res);
    assert_null(s75_portfolio_pool_id(p, 3));
    assert_int_equal(s75_portfolio_pool_tier(p, 3), -1);
    assert_true(isnan(s75_portfolio_pool_value(p, 0, S75_LINE_COST, 2)));
    assert_true(isnan(s75_portfolio_pool_value(p, 0, S75_LINE_COST, -1)));
    assert_true(isnan(s75_portfolio_pool_delegated(p, 3, 0)));
    assert_true(isnan(s75_portfolio_contribution(p, 2, 0)));
    assert_null(s75_portfolio_partner_id(p, 2));
    assert_true(isnan(s75_portfolio_tier_cost(p, (s75_tier)3, 0)));
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* ---- bad input ---- */

typedef struct bad_case {
    const char *file;   /* under tests/data/portfolio-bad */
    const char *where;  /* the start of the message: file:line:column: field path */
    const char *says;   /* a part of the text */
} bad_case;

static const bad_case bad_cases[] = {
    { "parent-missing.yaml", "parent-missing.yaml:8:38: pools[1].parent: ",
      "'sytsem' is not a pool of this portfolio (did you mean 'system'?)" },
    { "parent-itself.yaml", "parent-itself.yaml:8:38: pools[1].parent: ",
      "cannot be its own parent" },
    { "parent-not-higher.yaml", "parent-not-higher.yaml:9:38: pools[2].parent: ",
      "must be of a higher tier" },
    { "duplicate-id.yaml", "duplicate-id.yaml:8:10: pools[1].id: ", "duplicate pool id 'system'" },
    { "unknown-tier.yaml", "unknown-tier.yaml:8:21: pools[1].tier: ",
      "(did you mean 'neighbourhood'?)" },
    { "scenario-missing.yaml", "scenario-missing.yaml:8:56: pools[1].scenario: ", "cannot open" },
    { "scenario-is-portfolio.yaml", "scenario-is-portfolio.yaml:8:40: pools[1].scenario: ",
      "is itself a portfolio" },
    { "scenario-is-self.yaml", "scenario-is-self.yaml:7:42: pools[0].scenario: ",
      "is itself a portfolio" },
    { "other-base-year.yaml", "other-base-year.yaml:8:40: pools[1].scenario: ",
      "pool 'place': its scenario has base_year 2024/25, the portfolio 2025/26" },
    { "other-horizon.yaml", "other-horizon.yaml:8:40: pools[1].scenario: ",
      "pool 'place': its scenario has years 3, the portfolio 2" },
    { "partner-not-parent.yaml", "pools/nbh-funded-by-system.yaml:10:10: partners[1].id: ",
      "not this pool's parent (the parent of pool 'nbh' is 'place')" },
    { "also-partners.yaml", "also-partners.yaml:7:3: partners: ", "may not hold 'partners'" },
    { "also-workforce.yaml", "also-workforce.yaml:7:3: workforce: ", "may not hold 'workforce'" },
    { "negative-population.yaml", "negative-population.yaml:8:99: pools[1].population: ",
      "must be > 0, got -120000" },
    { "id-with-spaces.yaml", "id-with-spaces.yaml:8:10: pools[1].id: ", "got 'amber valley'" },
    { "error-in-pool.yaml", "pools/negative-amount.yaml:7:30: non_pay[0].amount: ",
      "must be >= 0" },
};

static void bad_inputs(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof bad_cases / sizeof bad_cases[0]; c++) {
        const bad_case *bc = &bad_cases[c];
        char rel[256], path[1024];
        snprintf(rel, sizeof rel, "tests/data/portfolio-bad/%s", bc->file);
        source_path(path, sizeof path, rel);
        /* exactly one error, the expected one */
        s75_diagnostics *d = NULL;
        int n = s75_scenario_check_file(&d, path);
        const s75_error *e = s75_diagnostics_get(d, 0);
        if (n != 1 || !strstr(e->message, bc->where) || !strstr(e->message, bc->says)) {
            for (int k = 0; k < n; k++)
                print_error("%s: %s\n", bc->file, s75_diagnostics_get(d, (size_t)k)->message);
            fail_msg("%s: expected one error at %s", bc->file, bc->where);
        }
        s75_diagnostics_free(d);
        /* and loading fails with it */
        s75_scenario *sc = NULL;
        s75_error err;
        assert_int_not_equal(s75_scenario_load_file(&sc, path, &err), S75_OK);
        assert_null(sc);
        assert_non_null(strstr(err.message, bc->where));
    }
}

/* The command: exit status 1 and the message on stderr. */
static void bad_inputs_through_the_command(void **state)
{
    (void)state;
    const char *exe = getenv("S75_EXE");
    if (!exe) {
        skip();
        return;
    }
    for (size_t c = 0; c < sizeof bad_cases / sizeof bad_cases[0]; c++) {
        const bad_case *bc = &bad_cases[c];
        char rel[256], path[1024], cmd[2600], out[4096];
        snprintf(rel, sizeof rel, "tests/data/portfolio-bad/%s", bc->file);
        source_path(path, sizeof path, rel);
        const char *verbs[] = { "validate", "run" };
        for (int v = 0; v < 2; v++) {
            snprintf(cmd, sizeof cmd, "'%s' %s '%s' 2>&1 >/dev/null", exe, verbs[v], path);
            FILE *f = popen(cmd, "r");
            assert_non_null(f);
            size_t len = fread(out, 1, sizeof out - 1, f);
            out[len] = '\0';
            int status = pclose(f);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 1 || !strstr(out, bc->where))
                fail_msg("s75 %s %s: status %d, stderr:\n%s", verbs[v], bc->file, status, out);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chain_hand_checked),
        cmocka_unit_test(identities_chain),
        cmocka_unit_test(identities_worked_case),
        cmocka_unit_test(identities_shipped_config),
        cmocka_unit_test(worked_case_figures),
        cmocka_unit_test(file_order_chain),
        cmocka_unit_test(file_order_worked_case),
        cmocka_unit_test(shipped_config_totals),
        cmocka_unit_test(reports),
        cmocka_unit_test(evaluation_reuses_its_workspace),
        cmocka_unit_test(accessors_out_of_range),
        cmocka_unit_test(bad_inputs),
        cmocka_unit_test(bad_inputs_through_the_command),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

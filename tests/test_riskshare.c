/* Risk share (MODEL.md §5) through the public s75_riskshare_* API and rs_allocate. */
#include "testutil.h"

#include <s75/s75.h>

#include "riskshare_rule.h"

static s75_riskshare_rule *rule_new(size_t n, s75_rule_kind kind)
{
    s75_riskshare_rule *r = NULL;
    assert_int_equal(s75_riskshare_rule_new(&r, n, kind, NULL), S75_OK);
    return r;
}

static void sum_is(const long long *pence, size_t n, long long unplaced, long long expect)
{
    long long s = unplaced;
    for (size_t i = 0; i < n; i++)
        s += pence[i];
    assert_int_equal(s, expect);
}

static void proportional_to_contributions(void **state)
{
    (void)state;
    /* 100,000.00 split 9.8m : 1.2m -> 89,090.909...; 10,909.0909...
     * pence 8,909,090.9 and 1,090,909.09: floors 8,909,090 + 1,090,909 = 9,999,999;
     * the one penny left goes to the larger fraction (0.909 > 0.0909): partner 0. */
    s75_riskshare_rule *r = rule_new(2, S75_RULE_PROPORTIONAL);
    double w[] = { 9800000, 1200000 };
    long long p[2], un;
    assert_int_equal(s75_riskshare_allocate(p, &un, r, 100000.0, w, NULL), S75_OK);
    assert_int_equal(p[0], 8909091);
    assert_int_equal(p[1], 1090909);
    assert_int_equal(un, 0);
    s75_riskshare_rule_free(r);
}

static void fixed_underspend_is_negative(void **state)
{
    (void)state;
    /* -250,000 at 70/30: -175,000 and -75,000 exactly. */
    s75_riskshare_rule *r = rule_new(2, S75_RULE_FIXED);
    double s[] = { 0.7, 0.3 };
    assert_int_equal(s75_riskshare_rule_set_shares(r, s, NULL), S75_OK);
    long long p[2], un;
    assert_int_equal(s75_riskshare_allocate(p, &un, r, -250000.0, NULL, NULL), S75_OK);
    assert_int_equal(p[0], -17500000);
    assert_int_equal(p[1], -7500000);
    assert_int_equal(un, 0);
    s75_riskshare_rule_free(r);
}

static void tier_boundary_inside_the_variance(void **state)
{
    (void)state;
    /* Host takes the first 250,000; the rest 60/40. Variance 400,000:
     * host 250,000 + 0.6 * 150,000 = 340,000; other 0.4 * 150,000 = 60,000. */
    s75_riskshare_rule *r = rule_new(2, S75_RULE_TIERED);
    double host[] = { 1.0, 0.0 }, rest[] = { 0.6, 0.4 };
    assert_int_equal(s75_riskshare_rule_add_tier(r, 250000, host, NULL), S75_OK);
    assert_int_equal(s75_riskshare_rule_add_tier(r, INFINITY, rest, NULL), S75_OK);
    long long p[2];
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, 400000.0, NULL, NULL), S75_OK);
    assert_int_equal(p[0], 34000000);
    assert_int_equal(p[1], 6000000);
    /* Inside the first tier only: 100,000 all on the host. */
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, 100000.0, NULL, NULL), S75_OK);
    assert_int_equal(p[0], 10000000);
    assert_int_equal(p[1], 0);
    s75_riskshare_rule_free(r);
}

static void tier_split_by_contributions(void **state)
{
    (void)state;
    /* First 100 on partner 0; the other 200 proportional to 1:3 -> 50 and 150.
     * So 150 and 150. */
    s75_riskshare_rule *r = rule_new(2, S75_RULE_TIERED);
    double first[] = { 1.0, 0.0 };
    s75_riskshare_rule_add_tier(r, 100, first, NULL);
    s75_riskshare_rule_add_tier(r, INFINITY, NULL, NULL);
    double w[] = { 1, 3 };
    long long p[2];
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, 300.0, w, NULL), S75_OK);
    assert_int_equal(p[0], 15000);
    assert_int_equal(p[1], 15000);
    s75_riskshare_rule_free(r);
}

static void cap_binds_and_excess_flows(void **state)
{
    (void)state;
    /* 300,000 in thirds = 100,000 each; partner 0 capped at 40,000: excess
     * 60,000 spread over 1 and 2 in proportion 100k:100k -> 130,000 each. */
    s75_riskshare_rule *r = rule_new(3, S75_RULE_PROPORTIONAL);
    assert_int_equal(s75_riskshare_rule_set_cap(r, 0, 40000, NULL), S75_OK);
    double w[] = { 1, 1, 1 };
    long long p[3], un;
    assert_int_equal(s75_riskshare_allocate(p, &un, r, 300000.0, w, NULL), S75_OK);
    assert_int_equal(p[0], 4000000);
    assert_int_equal(p[1], 13000000);
    assert_int_equal(p[2], 13000000);
    assert_int_equal(un, 0);
    s75_riskshare_rule_free(r);
}

static void cap_cascades(void **state)
{
    (void)state;
    /* 300 equally; caps 50 and 90. Round 1: p0 capped (excess 50) -> p1, p2
     * 125 each. Round 2: p1 capped at 90 (excess 35) -> p2 160. */
    s75_riskshare_rule *r = rule_new(3, S75_RULE_PROPORTIONAL);
    s75_riskshare_rule_set_cap(r, 0, 50, NULL);
    s75_riskshare_rule_set_cap(r, 1, 90, NULL);
    long long p[3], un;
    assert_int_equal(s75_riskshare_allocate(p, &un, r, 300.0, NULL, NULL), S75_OK);
    assert_int_equal(p[0], 5000);
    assert_int_equal(p[1], 9000);
    assert_int_equal(p[2], 16000);
    assert_int_equal(un, 0);
    s75_riskshare_rule_free(r);
}

static void all_capped_leaves_unallocated(void **state)
{
    (void)state;
    /* 1,000 between two partners capped at 100 and 200: 700 cannot be placed. */
    s75_riskshare_rule *r = rule_new(2, S75_RULE_FIXED);
    double s[] = { 0.5, 0.5 };
    s75_riskshare_rule_set_shares(r, s, NULL);
    s75_riskshare_rule_set_cap(r, 0, 100, NULL);
    s75_riskshare_rule_set_cap(r, 1, 200, NULL);
    long long p[2], un;
    assert_int_equal(s75_riskshare_allocate(p, &un, r, 1000.0, NULL, NULL), S75_OK);
    assert_int_equal(p[0], 10000);
    assert_int_equal(p[1], 20000);
    assert_int_equal(un, 70000);
    /* An underspend: the same, negative. */
    assert_int_equal(s75_riskshare_allocate(p, &un, r, -1000.0, NULL, NULL), S75_OK);
    assert_int_equal(p[0], -10000);
    assert_int_equal(p[1], -20000);
    assert_int_equal(un, -70000);
    s75_riskshare_rule_free(r);
}

static void zero_variance(void **state)
{
    (void)state;
    s75_riskshare_rule *r = rule_new(3, S75_RULE_PROPORTIONAL);
    long long p[3] = { 7, 7, 7 }, un = 7;
    double w[] = { 1, 2, 3 };
    assert_int_equal(s75_riskshare_allocate(p, &un, r, 0.0, w, NULL), S75_OK);
    assert_int_equal(p[0], 0);
    assert_int_equal(p[1], 0);
    assert_int_equal(p[2], 0);
    assert_int_equal(un, 0);
    s75_riskshare_rule_free(r);
}

static void one_penny_three_ways(void **state)
{
    (void)state;
    /* 1p equally: 1/3p each, floors 0; the penny goes to the largest
     * fraction, all equal, so to the partner listed first. */
    s75_riskshare_rule *r = rule_new(3, S75_RULE_PROPORTIONAL);
    long long p[3];
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, 0.01, NULL, NULL), S75_OK);
    assert_int_equal(p[0], 1);
    assert_int_equal(p[1], 0);
    assert_int_equal(p[2], 0);
    /* Weighted 1:1:2 the last partner's half-penny is the largest fraction. */
    double w[] = { 1, 1, 2 };
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, 0.01, w, NULL), S75_OK);
    assert_int_equal(p[0], 0);
    assert_int_equal(p[1], 0);
    assert_int_equal(p[2], 1);
    /* Underspend of 1p: -1p to the first partner. */
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, -0.01, NULL, NULL), S75_OK);
    assert_int_equal(p[0], -1);
    s75_riskshare_rule_free(r);
}

static void rounds_half_up_to_the_penny(void **state)
{
    (void)state;
    /* V = roundhalfup(|variance|) to pence: 10.005 -> 10.01 (1001p);
     * 10.004 -> 10.00. */
    assert_int_equal(pence_of(10.004), 1000);
    assert_int_equal(pence_of(-10.006), 1001);
    assert_int_equal(pence_of(0.0), 0);
}

/* A seeded property test: over many random amounts and rules, allocations
 * are whole pence that add up to the rounded amount, respect caps and keep
 * the amount's sign. */
static unsigned long long lcg(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 11;
}

static double uniform(unsigned long long *s)
{
    return (double)lcg(s) / 9007199254740992.0;
}

static void property_allocations_reconcile(void **state)
{
    (void)state;
    unsigned long long seed = 20261123;
    for (int trial = 0; trial < 5000; trial++) {
        size_t n = 1 + lcg(&seed) % 6;
        s75_rule_kind kind = (s75_rule_kind)(lcg(&seed) % 3);
        s75_riskshare_rule *r = rule_new(n, kind);
        double shares[6], w[6], caps[6];
        double total = 0;
        for (size_t i = 0; i < n; i++) {
            shares[i] = uniform(&seed);
            total += shares[i];
            w[i] = uniform(&seed) < 0.1 ? 0 : uniform(&seed) * 1e7;
        }
        for (size_t i = 0; i < n; i++)
            shares[i] /= total;
        if (kind == S75_RULE_FIXED)
            assert_int_equal(s75_riskshare_rule_set_shares(r, shares, NULL), S75_OK);
        if (kind == S75_RULE_TIERED) {
            s75_riskshare_rule_add_tier(r, 1 + uniform(&seed) * 5e5, shares, NULL);
            s75_riskshare_rule_add_tier(r, INFINITY, uniform(&seed) < 0.5 ? NULL : shares, NULL);
        }
        for (size_t i = 0; i < n; i++) {
            caps[i] = uniform(&seed) < 0.3 ? uniform(&seed) * 3e5 : INFINITY;
            if (isfinite(caps[i]))
                s75_riskshare_rule_set_cap(r, i, caps[i], NULL);
        }
        double amount = (uniform(&seed) - 0.5) * 2e6;
        if (trial % 50 == 0)
            amount = 0.01 * (double)(lcg(&seed) % 5);
        long long p[6], un;
        assert_int_equal(s75_riskshare_allocate(p, &un, r, amount, w, NULL), S75_OK);
        long long v = (long long)floor(fabs(amount) * 100 + 0.5);
        sum_is(p, n, un, amount < 0 ? -v : v);
        for (size_t i = 0; i < n; i++) {
            if (amount > 0)
                assert_true(p[i] >= 0);
            if (amount < 0)
                assert_true(p[i] <= 0);
            /* A cap may be met to the penny it rounds to, never exceeded by more. */
            if (isfinite(caps[i]))
                assert_true((double)llabs(p[i]) <= caps[i] * 100 + 1.0);
        }
        assert_true(amount >= 0 ? un >= 0 : un <= 0);
        s75_riskshare_rule_free(r);
    }
}

/* A rule of one split without caps takes a shorter path (the Monte Carlo
 * meets one every draw and year); an infinite cap changes nothing in the
 * sums but sends the same rule down the general path. Both must give the
 * same pence, over amounts from a penny to a hundred million pounds, with
 * weights of every size, zero weights and no weights. */
static void one_split_path_equals_the_general_path(void **state)
{
    (void)state;
    unsigned long long seed = 75;
    for (int trial = 0; trial < 20000; trial++) {
        size_t n = 1 + lcg(&seed) % 16;
        s75_rule_kind kind = lcg(&seed) % 2 ? S75_RULE_FIXED : S75_RULE_PROPORTIONAL;
        s75_riskshare_rule *fast = rule_new(n, kind), *general = rule_new(n, kind);
        double shares[16], w[16], total = 0;
        for (size_t i = 0; i < n; i++) {
            shares[i] = uniform(&seed) < 0.2 ? 0 : uniform(&seed);
            total += shares[i];
            w[i] = uniform(&seed) < 0.1 ? 0 : uniform(&seed) * pow(10, (double)(lcg(&seed) % 9));
        }
        if (total == 0)
            shares[0] = total = 1;
        for (size_t i = 0; i < n; i++)
            shares[i] /= total;
        if (kind == S75_RULE_FIXED) {
            assert_int_equal(s75_riskshare_rule_set_shares(fast, shares, NULL), S75_OK);
            assert_int_equal(s75_riskshare_rule_set_shares(general, shares, NULL), S75_OK);
        }
        assert_int_equal(s75_riskshare_rule_set_cap(general, n - 1, INFINITY, NULL), S75_OK);
        double amount = (uniform(&seed) - 0.5) * pow(10, (double)(lcg(&seed) % 9));
        if (trial % 7 == 0)
            amount = 0.01 * (double)(lcg(&seed) % 40) - 0.2;
        const double *weights = trial % 5 == 0 ? NULL : w;
        long long a[16], b[16], ua, ub;
        assert_int_equal(s75_riskshare_allocate(a, &ua, fast, amount, weights, NULL), S75_OK);
        assert_int_equal(s75_riskshare_allocate(b, &ub, general, amount, weights, NULL), S75_OK);
        assert_memory_equal(a, b, n * sizeof a[0]);
        assert_int_equal(ua, ub);
        s75_riskshare_rule_free(fast);
        s75_riskshare_rule_free(general);
    }
}

/* Many amounts at once (the Monte Carlo's years) give what one call each
 * gives: over blocks longer than the 32 split together, with rules mixed
 * as an overspend and an underspend rule alternate, one of them capped
 * (the general path inside a block), and amounts of nothing or a few
 * pennies. A NaN fails the call as rs_allocate() fails. */
static void many_amounts_split_as_one_at_a_time(void **state)
{
    (void)state;
    unsigned long long seed = 2026;
    enum { N = 3, M = 75 };
    double shares[N] = { 0.5, 0.3, 0.2 }, caps[N] = { INFINITY, 1000, INFINITY };
    rs_rule fixed = { RS_FIXED, N, shares, 0, NULL, NULL };
    rs_rule proportional = { RS_PROPORTIONAL, N, NULL, 0, NULL, NULL };
    rs_rule capped = { RS_PROPORTIONAL, N, NULL, 0, NULL, caps };
    for (int trial = 0; trial < 200; trial++) {
        const rs_rule *rules[M];
        double amounts[M], weights[M * N];
        for (size_t k = 0; k < M; k++) {
            amounts[k] = (uniform(&seed) - 0.4) * pow(10, (double)(lcg(&seed) % 8));
            if (k % 17 == 3)
                amounts[k] = 0.01 * (double)(k % 4); /* nothing, or pennies */
            unsigned long long pick_rule = lcg(&seed) % 5;
            rules[k] = pick_rule == 0 ? &capped : amounts[k] > 0 ? &proportional : &fixed;
            for (size_t i = 0; i < N; i++)
                weights[k * N + i] = uniform(&seed) < 0.05 ? 0 : uniform(&seed) * 1e6;
        }
        int64_t many[M * N], un_many[M];
        assert_int_equal(rs_allocate_many(rules, M, amounts, weights, many, un_many), 0);
        for (size_t k = 0; k < M; k++) {
            int64_t one[N], un_one;
            assert_int_equal(rs_allocate(rules[k], amounts[k], weights + k * N, one, &un_one), 0);
            assert_memory_equal(one, many + k * N, sizeof one);
            assert_int_equal(un_one, un_many[k]);
        }
    }
    const rs_rule *rules[2] = { &fixed, &fixed };
    double amounts[2] = { 100, NAN };
    int64_t pence[2 * N];
    assert_int_equal(rs_allocate_many(rules, 2, amounts, NULL, pence, NULL), -1);
}

/* The short paths against the plain one directly, on generated rules of
 * every kind (tiered and capped ones take the plain path inside a block),
 * 1 to 17 partners (past the 16 the short path takes), weights with zeros,
 * all zero or none, and amounts from nothing to beyond what pence hold. */
static void short_paths_equal_the_plain_path(void **state)
{
    (void)state;
    unsigned long long seed = 1975;
    enum { NMAX = 17, M = 40 };
    for (int trial = 0; trial < 3000; trial++) {
        size_t n = 1 + lcg(&seed) % NMAX;
        double shares[NMAX], tier_shares[NMAX], caps[NMAX], weights[M * NMAX], total = 0;
        for (size_t i = 0; i < n; i++) {
            shares[i] = uniform(&seed) < 0.2 ? 0 : uniform(&seed);
            total += shares[i];
            caps[i] = uniform(&seed) < 0.5 ? INFINITY : uniform(&seed) * 1e5;
        }
        if (total == 0)
            shares[0] = total = 1;
        for (size_t i = 0; i < n; i++)
            tier_shares[i] = shares[i] = shares[i] / total;
        rs_tier tiers[2] = { { 50000, NULL }, { INFINITY, tier_shares } };
        rs_rule fixed = { RS_FIXED, n, shares, 0, NULL, NULL };
        rs_rule proportional = { RS_PROPORTIONAL, n, NULL, 0, NULL, NULL };
        rs_rule tiered = { RS_TIERED, n, NULL, 2, tiers, NULL };
        rs_rule capped = { RS_PROPORTIONAL, n, NULL, 0, NULL, caps };
        const rs_rule *kinds[4] = { &fixed, &proportional, &tiered, &capped };
        const rs_rule *rules[M];
        double amounts[M];
        int zero_weights = trial % 11 == 0;
        for (size_t k = 0; k < M; k++) {
            amounts[k] = (uniform(&seed) - 0.5) * pow(10, (double)(lcg(&seed) % 10));
            if (k % 13 == 5)
                amounts[k] = 0.01 * (double)(k % 3);
            rules[k] = kinds[lcg(&seed) % 4 == 0 ? 2 + lcg(&seed) % 2 : amounts[k] > 0];
            for (size_t i = 0; i < n; i++)
                weights[k * n + i] = zero_weights || uniform(&seed) < 0.05 ? 0
                                                                           : uniform(&seed) * 1e7;
        }
        const double *w = trial % 7 == 0 ? NULL : weights;
        int64_t many[M * NMAX], un_many[M];
        assert_int_equal(rs_allocate_many(rules, M, amounts, w, many, un_many), 0);
        for (size_t k = 0; k < M; k++) {
            int64_t plain[NMAX], one[NMAX], un_plain, un_one;
            const double *wk = w ? w + k * n : NULL;
            assert_int_equal(rs_allocate_plain(rules[k], amounts[k], wk, plain, &un_plain), 0);
            assert_int_equal(rs_allocate(rules[k], amounts[k], wk, one, &un_one), 0);
            assert_memory_equal(plain, one, n * sizeof plain[0]);
            assert_memory_equal(plain, many + k * n, n * sizeof plain[0]);
            assert_int_equal(un_plain, un_one);
            assert_int_equal(un_plain, un_many[k]);
        }
    }
    /* Beyond what a double holds in pence, every path refuses alike. */
    rs_rule proportional = { RS_PROPORTIONAL, 2, NULL, 0, NULL, NULL };
    const rs_rule *rules[1] = { &proportional };
    double huge = 1e14;
    int64_t pence[2], un;
    assert_int_equal(rs_allocate_plain(&proportional, huge, NULL, pence, &un), -1);
    assert_int_equal(rs_allocate(&proportional, huge, NULL, pence, &un), -1);
    assert_int_equal(rs_allocate_many(rules, 1, &huge, NULL, pence, &un), -1);
}

static void bad_arguments(void **state)
{
    (void)state;
    s75_riskshare_rule *r = NULL;
    s75_error err;
    assert_int_equal(s75_riskshare_rule_new(&r, 0, S75_RULE_FIXED, &err), S75_EINVAL);
    assert_null(r);
    assert_int_equal(s75_riskshare_rule_new(NULL, 2, S75_RULE_FIXED, &err), S75_EUSAGE);
    r = rule_new(2, S75_RULE_FIXED);
    double bad_sum[] = { 0.5, 0.4 }, negative[] = { 1.5, -0.5 };
    assert_int_equal(s75_riskshare_rule_set_shares(r, bad_sum, &err), S75_EINVAL);
    assert_non_null(strstr(err.message, "sum to 1"));
    assert_int_equal(s75_riskshare_rule_set_shares(r, negative, &err), S75_EINVAL);
    long long p[2];
    /* A fixed rule with no shares cannot allocate. */
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, 10, NULL, &err), S75_EINVAL);
    assert_int_equal(s75_riskshare_rule_set_cap(r, 5, 10, &err), S75_EINVAL);
    assert_int_equal(s75_riskshare_rule_set_cap(r, 0, -1, &err), S75_EINVAL);
    assert_int_equal(s75_riskshare_rule_add_tier(r, 10, NULL, &err), S75_EUSAGE);
    double ok[] = { 0.5, 0.5 };
    s75_riskshare_rule_set_shares(r, ok, NULL);
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, NAN, NULL, &err), S75_EINVAL);
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, INFINITY, NULL, &err), S75_EINVAL);
    double badw[] = { -1, 1 };
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, 10, badw, &err), S75_EINVAL);
    assert_int_equal(s75_riskshare_allocate(NULL, NULL, r, 10, NULL, &err), S75_EUSAGE);
    s75_riskshare_rule_free(r);

    r = rule_new(2, S75_RULE_TIERED);
    assert_int_equal(s75_riskshare_rule_add_tier(r, 100, ok, NULL), S75_OK);
    /* Out of order, and an unbounded tier that is not last. */
    assert_int_equal(s75_riskshare_rule_add_tier(r, 50, ok, &err), S75_EINVAL);
    assert_int_equal(s75_riskshare_allocate(p, NULL, r, 10, NULL, &err), S75_EINVAL);
    assert_non_null(strstr(err.message, "unbounded"));
    assert_int_equal(s75_riskshare_rule_add_tier(r, INFINITY, ok, NULL), S75_OK);
    assert_int_equal(s75_riskshare_rule_add_tier(r, INFINITY, ok, &err), S75_EINVAL);
    s75_riskshare_rule_free(r);
    s75_riskshare_rule_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(proportional_to_contributions),
        cmocka_unit_test(fixed_underspend_is_negative),
        cmocka_unit_test(tier_boundary_inside_the_variance),
        cmocka_unit_test(tier_split_by_contributions),
        cmocka_unit_test(cap_binds_and_excess_flows),
        cmocka_unit_test(cap_cascades),
        cmocka_unit_test(all_capped_leaves_unallocated),
        cmocka_unit_test(zero_variance),
        cmocka_unit_test(one_penny_three_ways),
        cmocka_unit_test(rounds_half_up_to_the_penny),
        cmocka_unit_test(property_allocations_reconcile),
        cmocka_unit_test(one_split_path_equals_the_general_path),
        cmocka_unit_test(many_amounts_split_as_one_at_a_time),
        cmocka_unit_test(short_paths_equal_the_plain_path),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

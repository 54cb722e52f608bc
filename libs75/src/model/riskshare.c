/* Risk share (MODEL.md §5): who bears an over- or underspend, to the penny. */
#include "riskshare_rule.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "s75/riskshare.h"
#include "c_locale.h"

/* Amounts beyond this many pence cannot be held exactly in a double. */
#define MAX_PENCE 9.0e15

/* floor(x), without a libm call where a conversion to an integer truncates
 * to the same value (0 <= x < 2^52): the Monte Carlo splits a variance per
 * draw and year. */
static inline double floor_fast(double x)
{
    if (x >= 0 && x < 4503599627370496.0)
        return (double)(int64_t)x;
    return floor(x);
}

int64_t pence_of(double x)
{
    return (int64_t)floor_fast(fabs(x) * 100.0 + 0.5);
}

static void split(double *alloc, size_t n, double amount, const double *shares,
                  const double *weights)
{
    if (shares) {
        for (size_t i = 0; i < n; i++)
            alloc[i] += amount * shares[i];
        return;
    }
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += weights ? weights[i] : 1.0;
    for (size_t i = 0; i < n; i++) {
        /* With nothing to weigh by (every contribution 0), equal shares. */
        double w = total > 0 ? (weights ? weights[i] : 1.0) / total : 1.0 / (double)n;
        alloc[i] += amount * w;
    }
}

/* Caps: a partner above its cap is set to it; the excess goes to the partners
 * not yet capped, in proportion to what they hold so far, until none
 * exceeds. Returns what could not be placed. */
static double apply_caps(double *alloc, const double *caps, size_t n, unsigned char *capped)
{
    double unplaced = 0;
    memset(capped, 0, n);
    for (size_t round = 0; round <= n; round++) {
        double excess = 0;
        for (size_t i = 0; i < n; i++) {
            if (!capped[i] && alloc[i] > caps[i]) {
                excess += alloc[i] - caps[i];
                alloc[i] = caps[i];
                capped[i] = 1;
            }
        }
        if (excess <= 0)
            break;
        double base = 0;
        for (size_t i = 0; i < n; i++)
            if (!capped[i])
                base += alloc[i];
        if (base <= 0) {
            unplaced += excess;
            break;
        }
        for (size_t i = 0; i < n; i++)
            if (!capped[i])
                alloc[i] += excess * alloc[i] / base;
    }
    return unplaced;
}

static int allocate_general(const rs_rule *r, double amount, const double *weights,
                            int64_t *pence, int64_t *unallocated)
{
    size_t n = r->n;
    if (!isfinite(amount) || fabs(amount) * 100.0 > MAX_PENCE)
        return -1;
    int64_t v_pence = pence_of(amount);
    double v = (double)v_pence / 100.0;

    /* n partner buckets and the unallocated one, last. A few partners fit
     * on the stack: the Monte Carlo calls this once per draw and year. */
    enum { STACK_BUCKETS = 17 };
    double alloc_s[STACK_BUCKETS], frac_s[STACK_BUCKETS];
    unsigned char capped_s[STACK_BUCKETS];
    size_t order_s[STACK_BUCKETS];
    int on_heap = n + 1 > STACK_BUCKETS;
    double *alloc = on_heap ? calloc(n + 1, sizeof *alloc) : alloc_s;
    unsigned char *capped = on_heap ? calloc(n + 1, 1) : capped_s;
    size_t *order = on_heap ? calloc(n + 1, sizeof *order) : order_s;
    double *frac = on_heap ? calloc(n + 1, sizeof *frac) : frac_s;
    if (!alloc || !capped || !order || !frac) {
        free(alloc), free(capped), free(order), free(frac);
        return -2;
    }
    if (!on_heap)   /* capped is cleared by apply_caps(), its only reader */
        memset(alloc, 0, (n + 1) * sizeof *alloc);
    switch (r->kind) {
    case RS_PROPORTIONAL:
        split(alloc, n, v, NULL, weights);
        break;
    case RS_FIXED:
        split(alloc, n, v, r->shares, weights);
        break;
    case RS_TIERED: {
        double lo = 0;
        for (size_t k = 0; k < r->n_tiers && lo < v; k++) {
            double hi = r->tiers[k].up_to;
            double slice = (v < hi ? v : hi) - lo;
            if (slice > 0)
                split(alloc, n, slice, r->tiers[k].shares, weights);
            lo = hi;
        }
        break;
    }
    }
    if (r->caps)
        alloc[n] = apply_caps(alloc, r->caps, n, capped);

    /* Largest remainder: floor every bucket, then a penny each to the largest
     * fractional parts (ties to the partner listed first) until the buckets
     * add up to the rounded amount. */
    int64_t given = 0;
    for (size_t i = 0; i <= n; i++) {
        double p = alloc[i] * 100.0;
        double f = floor_fast(p);
        frac[i] = p - f;
        order[i] = i;
        alloc[i] = f;
        given += (int64_t)f;
    }
    int64_t left = v_pence - given;
    if (left >= 0 && (uint64_t)left <= n + 1) {
        /* The usual case: a penny each to the `left` largest fractions, ties
         * to the partner listed first, which is the head of the stable
         * descending order below, found without sorting the rest (and
         * without the branches a sort of random fractions mispredicts). A
         * fraction is >= 0; a bucket served is marked -1. */
        for (int64_t k = 0; k < left; k++) {
            size_t best = 0;
            double top = -1;
            for (size_t i = 0; i <= n; i++) {
                int better = frac[i] > top;
                best = better ? i : best;
                top = better ? frac[i] : top;
            }
            alloc[best] += 1;
            frac[best] = -1;
        }
        left = 0;
    }
    /* stable selection by fraction, descending */
    for (size_t i = 1; left != 0 && i <= n; i++) {
        size_t o = order[i];
        size_t j = i;
        while (j > 0 && frac[order[j - 1]] < frac[o]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = o;
    }
    for (size_t k = 0; left > 0; k = k < n ? k + 1 : 0, left--)
        alloc[order[k]] += 1;
    /* Floors cannot add up to more than the amount but for rounding noise in
     * the last bit; should it happen, the smallest fractions give a penny back. */
    for (size_t k = n + 1; left < 0 && k-- > 0;) {
        if (alloc[order[k]] >= 1) {
            alloc[order[k]] -= 1;
            left++;
        }
    }
    int sign = amount < 0 ? -1 : 1;
    for (size_t i = 0; i < n; i++)
        pence[i] = sign * (int64_t)alloc[i];
    if (unallocated)
        *unallocated = sign * (int64_t)alloc[n];
    if (on_heap)
        free(alloc), free(capped), free(order), free(frac);
    return 0;
}

/* A rule of one split and no caps (proportional, or fixed shares) among a
 * few partners, as the Monte Carlo meets it every draw and year: the
 * general path's arithmetic term for term (so the same pence), without its
 * buffers, its pass for caps and its sort. A penny count outside the usual
 * range goes to the general path. */
enum { FAST_PARTNERS = 16 };

/* yes ? a : b on the bits, which compilers keep free of branches. */
static inline double pick(int yes, double a, double b)
{
    uint64_t ua, ub, mask = -(uint64_t)(yes != 0);
    memcpy(&ua, &a, sizeof ua);
    memcpy(&ub, &b, sizeof ub);
    uint64_t u = (ua & mask) | (ub & ~mask);
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* Amounts split together: each stage runs over all of them before the
 * next, so one amount's arithmetic (two divisions, a floor, the places)
 * does not wait on the last one's; the Monte Carlo splits every year of a
 * draw at once. */
enum { BLOCK = 32 };

static int one_split(const rs_rule *r)
{
    return !r->caps && r->kind != RS_TIERED && r->n <= FAST_PARTNERS;
}

static int in_pence_range(double amount)
{
    return isfinite(amount) && fabs(amount) * 100.0 <= MAX_PENCE;
}

/* Up to BLOCK amounts by one-split rules of n partners, each amount in
 * range; weights [k * n + i] (NULL: equal). An amount whose pennies left
 * over fall outside the usual range is marked in `redo` for the general
 * path. */
static void split_block(const rs_rule *const *rules, size_t m, const double *amounts,
                        const double *weights, size_t n, int64_t *pence, int64_t *unallocated,
                        unsigned char *redo)
{
    int64_t v_pence[BLOCK], left[BLOCK];
    double v[BLOCK], total[BLOCK];
    double frac[BLOCK * FAST_PARTNERS], floor_of[BLOCK * FAST_PARTNERS];
    for (size_t k = 0; k < m; k++) {
        v_pence[k] = pence_of(amounts[k]);
        v[k] = (double)v_pence[k] / 100.0;
        double t = 0;
        for (size_t i = 0; i < n; i++)
            t += weights ? weights[k * n + i] : 1.0;
        total[k] = t;
    }
    /* Both the fixed and the proportional share of each partner, the one
     * the rule takes picked without a branch: the overspend rule or the
     * underspend one comes as a draw falls, and a branch on the kind would
     * be mispredicted half the time. The arithmetic is the general path's,
     * term for term. */
    for (size_t k = 0; k < m; k++) {
        const rs_rule *r = rules[k];
        int fixed = r->kind == RS_FIXED;
        const double *w_k = weights ? weights + k * n : NULL;
        const double *fixed_shares = fixed ? r->shares : w_k;
        int64_t given = 0;
        for (size_t i = 0; i < n; i++) {
            double by_weight = total[k] > 0 ? (w_k ? w_k[i] : 1.0) / total[k]
                                            : 1.0 / (double)n;
            double w = pick(fixed, fixed_shares ? fixed_shares[i] : 0.0, by_weight);
            double p = v[k] * w * 100.0;
            double f = floor_fast(p);
            frac[k * n + i] = p - f;
            floor_of[k * n + i] = f;
            given += (int64_t)f;
        }
        left[k] = v_pence[k] - given;
        redo[k] |= left[k] < 0 || (uint64_t)left[k] > n + 1;
    }
    /* A penny to each of the `left` largest fractions, ties to the bucket
     * listed first: the buckets whose place in that order, counted without
     * a branch, is below `left` (a loop of `left` rounds would end at a
     * different place every time, and be mispredicted). The unallocated
     * bucket's fraction is 0, no more than any partner's, and it is listed
     * last: its place is n. */
    for (size_t k = 0; k < m; k++) {
        const double *fr = frac + k * n;
        int64_t sign = amounts[k] < 0 ? -1 : 1;
        for (size_t i = 0; i < n; i++) {
            int64_t place = 0;
            for (size_t j = 0; j < n; j++)
                place += (fr[j] > fr[i]) | ((fr[j] == fr[i]) & (j < i));
            pence[k * n + i] = sign * ((int64_t)floor_of[k * n + i] + (place < left[k]));
        }
        if (unallocated)
            unallocated[k] = sign * (int64_t)(left[k] > (int64_t)n);
    }
}

int rs_allocate_plain(const rs_rule *r, double amount, const double *weights, int64_t *pence,
                      int64_t *unallocated)
{
    return allocate_general(r, amount, weights, pence, unallocated);
}

int rs_allocate(const rs_rule *r, double amount, const double *weights, int64_t *pence,
                int64_t *unallocated)
{
    if (!one_split(r) || !in_pence_range(amount))
        return allocate_general(r, amount, weights, pence, unallocated);
    unsigned char redo = 0;
    split_block(&r, 1, &amount, weights, r->n, pence, unallocated, &redo);
    return redo ? allocate_general(r, amount, weights, pence, unallocated) : 0;
}

int rs_allocate_many(const rs_rule *const *rules, size_t m, const double *amounts,
                     const double *weights, int64_t *pence, int64_t *unallocated)
{
    if (m == 0)
        return 0;
    size_t n = rules[0]->n;
    for (size_t k0 = 0; k0 < m; k0 += BLOCK) {
        size_t b = m - k0 < BLOCK ? m - k0 : BLOCK;
        const rs_rule *const *r = rules + k0;
        const double *w = weights ? weights + k0 * n : NULL;
        unsigned char redo[BLOCK];
        double safe[BLOCK];
        int fits = n <= FAST_PARTNERS;
        for (size_t k = 0; k < b; k++) {
            redo[k] = !one_split(r[k]) || !in_pence_range(amounts[k0 + k]);
            safe[k] = redo[k] ? 0.0 : amounts[k0 + k]; /* a stand-in, split and thrown away */
        }
        if (fits)
            split_block(r, b, safe, w, n, pence + k0 * n, unallocated ? unallocated + k0 : NULL,
                        redo);
        for (size_t k = 0; k < b; k++) {
            if (!redo[k] && fits)
                continue;
            int rc = allocate_general(r[k], amounts[k0 + k], w ? w + k * n : NULL,
                                      pence + (k0 + k) * n,
                                      unallocated ? unallocated + k0 + k : NULL);
            if (rc < 0)
                return rc;
        }
    }
    return 0;
}

/* ---- public API ---- */

struct s75_riskshare_rule {
    rs_rule rule;
};

static int bad(s75_error *err, int code, const char *msg)
{
    return error_set(err, code, no_mark, "", "%s", msg);
}

s75_status s75_riskshare_rule_new(s75_riskshare_rule **out, size_t n_partners, s75_rule_kind kind,
                                  s75_error *err)
{
    if (!out)
        return bad(err, S75_EUSAGE, "out is NULL");
    *out = NULL;
    if (n_partners < 1 || n_partners > 1000)
        return bad(err, S75_EINVAL, "n_partners must be 1 .. 1000");
    if (kind != S75_RULE_PROPORTIONAL && kind != S75_RULE_FIXED && kind != S75_RULE_TIERED)
        return bad(err, S75_EINVAL, "unknown rule kind");
    s75_riskshare_rule *r = calloc(1, sizeof *r);
    if (!r)
        return bad(err, S75_ENOMEM, "out of memory");
    r->rule.kind = (int)kind;
    r->rule.n = n_partners;
    *out = r;
    return S75_OK;
}

void s75_riskshare_rule_free(s75_riskshare_rule *rule)
{
    if (!rule)
        return;
    rs_rule_free(&rule->rule);
    free(rule);
}

static int check_shares(const double *shares, size_t n, s75_error *err)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(shares[i]) || shares[i] < 0)
            return bad(err, S75_EINVAL, "shares must be finite and >= 0");
        sum += shares[i];
    }
    if (fabs(sum - 1.0) > 1e-6)
        return error_set(err, S75_EINVAL, no_mark, "", "shares must sum to 1, got %.9g", sum);
    return S75_OK;
}

static double *copy_doubles(const double *src, size_t n)
{
    double *d = malloc(n * sizeof *d);
    if (d)
        memcpy(d, src, n * sizeof *d);
    return d;
}

static int riskshare_rule_set_shares_in_c(s75_riskshare_rule *rule, const double *shares,
                                          s75_error *err)
{
    if (!rule || !shares)
        return bad(err, S75_EUSAGE, "rule and shares must not be NULL");
    if (rule->rule.kind != RS_FIXED)
        return bad(err, S75_EUSAGE, "shares belong to a fixed rule");
    int rc = check_shares(shares, rule->rule.n, err);
    if (rc)
        return rc;
    double *copy = copy_doubles(shares, rule->rule.n);
    if (!copy)
        return bad(err, S75_ENOMEM, "out of memory");
    free(rule->rule.shares);
    rule->rule.shares = copy;
    return S75_OK;
}

static int riskshare_rule_add_tier_in_c(s75_riskshare_rule *rule, double up_to,
                                        const double *shares, s75_error *err)
{
    if (!rule)
        return bad(err, S75_EUSAGE, "rule is NULL");
    rs_rule *r = &rule->rule;
    if (r->kind != RS_TIERED)
        return bad(err, S75_EUSAGE, "tiers belong to a tiered rule");
    if (r->n_tiers > 0 && isinf(r->tiers[r->n_tiers - 1].up_to))
        return bad(err, S75_EINVAL, "the unbounded tier must be the last");
    double prev = r->n_tiers ? r->tiers[r->n_tiers - 1].up_to : 0;
    if (isnan(up_to) || up_to <= prev)
        return bad(err, S75_EINVAL, "up_to must be above the previous tier's");
    if (shares) {
        int rc = check_shares(shares, r->n, err);
        if (rc)
            return rc;
    }
    rs_tier *tiers = realloc(r->tiers, (r->n_tiers + 1) * sizeof *tiers);
    if (!tiers)
        return bad(err, S75_ENOMEM, "out of memory");
    r->tiers = tiers;
    double *copy = NULL;
    if (shares && !(copy = copy_doubles(shares, r->n)))
        return bad(err, S75_ENOMEM, "out of memory");
    r->tiers[r->n_tiers].up_to = up_to;
    r->tiers[r->n_tiers].shares = copy;
    r->n_tiers++;
    return S75_OK;
}

static int riskshare_rule_set_cap_in_c(s75_riskshare_rule *rule, size_t partner, double cap,
                                       s75_error *err)
{
    if (!rule)
        return bad(err, S75_EUSAGE, "rule is NULL");
    if (partner >= rule->rule.n)
        return bad(err, S75_EINVAL, "partner index out of range");
    if (isnan(cap) || cap < 0)
        return bad(err, S75_EINVAL, "a cap must be >= 0");
    if (!rule->rule.caps) {
        rule->rule.caps = malloc(rule->rule.n * sizeof(double));
        if (!rule->rule.caps)
            return bad(err, S75_ENOMEM, "out of memory");
        for (size_t i = 0; i < rule->rule.n; i++)
            rule->rule.caps[i] = INFINITY;
    }
    rule->rule.caps[partner] = cap;
    return S75_OK;
}

static int riskshare_allocate_in_c(long long *pence, long long *unallocated_pence,
                                   const s75_riskshare_rule *rule, double amount,
                                   const double *weights, s75_error *err)
{
    if (!rule || !pence)
        return bad(err, S75_EUSAGE, "rule and pence must not be NULL");
    const rs_rule *r = &rule->rule;
    if (r->kind == RS_FIXED && !r->shares)
        return bad(err, S75_EINVAL, "a fixed rule needs its shares");
    if (r->kind == RS_TIERED && (r->n_tiers == 0 || !isinf(r->tiers[r->n_tiers - 1].up_to)))
        return bad(err, S75_EINVAL, "a tiered rule needs a last, unbounded tier");
    if (weights)
        for (size_t i = 0; i < r->n; i++)
            if (!isfinite(weights[i]) || weights[i] < 0)
                return bad(err, S75_EINVAL, "weights must be finite and >= 0");
    int64_t *tmp = malloc(r->n * sizeof *tmp);
    if (!tmp)
        return bad(err, S75_ENOMEM, "out of memory");
    int64_t un = 0;
    int rc = rs_allocate(r, amount, weights, tmp, &un);
    if (rc == -2) {
        free(tmp);
        return bad(err, S75_ENOMEM, "out of memory");
    }
    if (rc < 0) {
        free(tmp);
        return bad(err, S75_EINVAL, "amount must be finite and below 9e13 pounds");
    }
    for (size_t i = 0; i < r->n; i++)
        pence[i] = (long long)tmp[i];
    if (unallocated_pence)
        *unallocated_pence = (long long)un;
    free(tmp);
    return S75_OK;
}

/* The public calls read and write numbers in the C locale (c_locale.h). */
s75_status s75_riskshare_rule_set_shares(s75_riskshare_rule *rule, const double *shares,
                                         s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = riskshare_rule_set_shares_in_c(rule, shares, err);
    c_locale_leave(&l);
    return rc;
}

s75_status s75_riskshare_rule_add_tier(s75_riskshare_rule *rule, double up_to, const double *shares,
                                       s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = riskshare_rule_add_tier_in_c(rule, up_to, shares, err);
    c_locale_leave(&l);
    return rc;
}

s75_status s75_riskshare_rule_set_cap(s75_riskshare_rule *rule, size_t partner, double cap,
                                      s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = riskshare_rule_set_cap_in_c(rule, partner, cap, err);
    c_locale_leave(&l);
    return rc;
}

s75_status s75_riskshare_allocate(long long *pence, long long *unallocated_pence,
                                  const s75_riskshare_rule *rule, double amount,
                                  const double *weights, s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = riskshare_allocate_in_c(pence, unallocated_pence, rule, amount, weights, err);
    c_locale_leave(&l);
    return rc;
}

/* The risk-share rule as the model holds it (MODEL.md §5), shared by the
 * scenario loader and the public s75_riskshare_* API. */
#ifndef S75_RISKSHARE_RULE_H
#define S75_RISKSHARE_RULE_H

#include <stddef.h>
#include <stdint.h>

enum rs_kind { RS_PROPORTIONAL = 0, RS_FIXED = 1, RS_TIERED = 2 };

typedef struct rs_tier {
    double up_to;          /* cumulative upper bound; INFINITY for the last */
    double *shares;        /* per partner; NULL = proportional to the weights */
} rs_tier;

typedef struct rs_rule {
    int kind;
    size_t n;              /* partners */
    double *shares;        /* RS_FIXED */
    size_t n_tiers;
    rs_tier *tiers;        /* RS_TIERED */
    double *caps;          /* per partner, INFINITY where uncapped; NULL: none */
} rs_rule;

/* Splits amount (any sign) in whole pence, as MODEL.md §5 says. weights: n
 * values >= 0 (NULL: equal). pence: n entries. Returns 0, or -1 when the
 * amount is not finite or too large to hold in pence. */
int rs_allocate(const rs_rule *r, double amount, const double *weights, int64_t *pence,
                int64_t *unallocated);

/* rs_allocate() of m amounts, amount k by rules[k] (every rule of the same
 * n partners) with weights [k * n ...] (NULL: equal) into pence
 * [k * n ...] and, when not NULL, unallocated[k]: the same pence, faster
 * for many amounts than one call each. Returns 0, or the first failure as
 * rs_allocate() gives it (what follows it is not split). */
int rs_allocate_many(const rs_rule *const *rules, size_t m, const double *amounts,
                     const double *weights, int64_t *pence, int64_t *unallocated);

/* The plain path that rs_allocate() and rs_allocate_many() shorten for a
 * rule of one split without caps: the same pence by construction, held
 * equal on generated inputs by tests/test_riskshare.c. Returns as
 * rs_allocate() does, or -2 when memory ran out. */
int rs_allocate_plain(const rs_rule *r, double amount, const double *weights, int64_t *pence,
                      int64_t *unallocated);

void rs_rule_free(rs_rule *r);

/* roundhalfup(|x| * 100): the amount in whole pence. */
int64_t pence_of(double x);

#endif

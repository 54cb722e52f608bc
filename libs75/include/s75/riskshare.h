/* Risk-share rules (MODEL.md §5), usable on their own without a scenario file.
 *
 * A rule splits an amount between partners: proportionally to weights
 * (usually contributions), by fixed shares, or in tiers, each with optional
 * per-partner caps. Allocations come back in whole pence and add up, with
 * the unallocated remainder, to the amount rounded to the penny.
 *
 *     s75_riskshare_rule *r;
 *     s75_riskshare_rule_new(&r, 2, S75_RULE_TIERED, NULL);
 *     double host_first[] = {1.0, 0.0};
 *     s75_riskshare_rule_add_tier(r, 250000, host_first, NULL);
 *     double rest[] = {0.6, 0.4};
 *     s75_riskshare_rule_add_tier(r, INFINITY, rest, NULL);
 *     long long pence[2], unplaced;
 *     s75_riskshare_allocate(pence, &unplaced, r, 400000.0, NULL, NULL);
 *     // pence = {34000000, 6000000}: the host's first 250k and 60% of the rest
 *     s75_riskshare_rule_free(r);
 */
#ifndef S75_RISKSHARE_H
#define S75_RISKSHARE_H

#include "export.h"
#include <stddef.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum s75_rule_kind {
    S75_RULE_PROPORTIONAL = 0,
    S75_RULE_FIXED = 1,
    S75_RULE_TIERED = 2
} s75_rule_kind;

typedef struct s75_riskshare_rule s75_riskshare_rule;

/* A new rule over n_partners partners (1 .. 1000). Owned by the caller. */
S75_API s75_status s75_riskshare_rule_new(s75_riskshare_rule **out, size_t n_partners,
                                          s75_rule_kind kind, s75_error *err);
S75_API void s75_riskshare_rule_free(s75_riskshare_rule *rule);

/* Fixed shares (kind S75_RULE_FIXED): n_partners fractions >= 0 summing to
 * 1 (within 1e-6). Copied. */
S75_API s75_status s75_riskshare_rule_set_shares(s75_riskshare_rule *rule, const double *shares,
                                                 s75_error *err);

/* Appends a tier (kind S75_RULE_TIERED) covering the amount up to `up_to`
 * (cumulative from 0; strictly above the previous tier's; INFINITY for the
 * last). shares: n_partners fractions summing to 1, or NULL to split the
 * tier in proportion to the weights. Copied. */
S75_API s75_status s75_riskshare_rule_add_tier(s75_riskshare_rule *rule, double up_to,
                                               const double *shares, s75_error *err);

/* Caps partner i's allocation at `cap` pounds (>= 0). */
S75_API s75_status s75_riskshare_rule_set_cap(s75_riskshare_rule *rule, size_t partner, double cap,
                                              s75_error *err);

/* Splits `amount` (any sign; an underspend is negative and so are its
 * allocations). weights: n_partners values >= 0 used by proportional rules
 * and tiers (NULL = equal). pence receives n_partners allocations in whole
 * pence; *unallocated_pence (optional) what the caps left unplaced.
 * Returns S75_OK, S75_EINVAL (non-finite amount, bad weights, incomplete
 * rule) or S75_EUSAGE. */
S75_API s75_status s75_riskshare_allocate(long long *pence, long long *unallocated_pence,
                                          const s75_riskshare_rule *rule, double amount,
                                          const double *weights, s75_error *err);

#ifdef __cplusplus
}
#endif
#endif

/* Reading a portfolio of pools (MODEL.md §10) out of a result: each pool's
 * projection with its delegated and cascaded amounts, the consolidated
 * position and the totals per tier.
 *
 * The portfolio is borrowed from its s75_result and lives as long as it;
 * so do the strings it returns. Pool index i follows the portfolio file's
 * order; year index t runs 0 .. years-1. Out-of-range indexes give NAN
 * (values), NULL (strings), S75_TIER_NONE (tier) or S75_NONE (indexes). */
#ifndef S75_PORTFOLIO_H
#define S75_PORTFOLIO_H

#include "export.h"
#include <stddef.h>
#include "projection.h"
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct s75_portfolio s75_portfolio;

typedef enum s75_tier {
    S75_TIER_NONE = -1, /* what s75_portfolio_pool_tier gives out of range */
    S75_TIER_SYSTEM = 0,
    S75_TIER_PLACE = 1,
    S75_TIER_NEIGHBOURHOOD = 2
} s75_tier;

/* The portfolio of a result run on a portfolio file; NULL otherwise. */
S75_API const s75_portfolio *s75_result_portfolio(const s75_result *res);

S75_API size_t s75_portfolio_year_count(const s75_portfolio *p);
S75_API size_t s75_portfolio_pool_count(const s75_portfolio *p);
S75_API const char *s75_portfolio_pool_id(const s75_portfolio *p, size_t i);
S75_API const char *s75_portfolio_pool_name(const s75_portfolio *p, size_t i);
S75_API s75_tier s75_portfolio_pool_tier(const s75_portfolio *p, size_t i);
/* The parent pool's index, or S75_NONE for a pool without a parent (or i
 * out of range). */
S75_API size_t s75_portfolio_pool_parent(const s75_portfolio *p, size_t i);
/* NAN when the pool has no population. */
S75_API double s75_portfolio_pool_population(const s75_portfolio *p, size_t i);

/* A line of pool i's projection in year t (docs/API.md; cost includes delegated
 * funding, variance includes cascaded risk share). */
S75_API double s75_portfolio_pool_value(const s75_portfolio *p, size_t i, s75_line line, int t);
/* What pool i funds its children with in year t. */
S75_API double s75_portfolio_pool_delegated(const s75_portfolio *p, size_t i, int t);
/* The risk share pool i's children put on it in year t (whole pence; negative
 * for an underspend). */
S75_API double s75_portfolio_pool_cascaded(const s75_portfolio *p, size_t i, int t);
/* (cost - delegated) / population; NAN without a population. */
S75_API double s75_portfolio_pool_cost_per_head(const s75_portfolio *p, size_t i, int t);

/* The consolidated position in year t, transfers between pools eliminated.
 * Lines: COST, CONTRIBUTIONS_TOTAL, GAP, SAVINGS_EXPECTED, VARIANCE,
 * UNALLOCATED; any other line gives NAN. */
S75_API double s75_portfolio_value(const s75_portfolio *p, s75_line line, int t);

/* Partners that are not pools, sorted by id: one id in several pools is one
 * body. */
S75_API size_t s75_portfolio_partner_count(const s75_portfolio *p);
S75_API const char *s75_portfolio_partner_id(const s75_portfolio *p, size_t k);
/* Partner k's contributions to every pool in year t. */
S75_API double s75_portfolio_contribution(const s75_portfolio *p, size_t k, int t);
/* Partner k's risk share across every pool in year t, in pounds (whole pence). */
S75_API double s75_portfolio_risk_share(const s75_portfolio *p, size_t k, int t);

/* Σ (cost - delegated) and Σ gap over the pools of a tier in year t. */
S75_API double s75_portfolio_tier_cost(const s75_portfolio *p, s75_tier tier, int t);
S75_API double s75_portfolio_tier_gap(const s75_portfolio *p, s75_tier tier, int t);

#ifdef __cplusplus
}
#endif
#endif

/* The public s75_portfolio_* accessors over a portfolio result. */
#include <math.h>

#include "portfolio.h"
#include "run.h"
#include "s75/portfolio.h"

static const struct portfolio_result *R(const s75_portfolio *p)
{
    return (const struct portfolio_result *)(const void *)p;
}

static int year_ok(const s75_portfolio *p, int t)
{
    return p && t >= 0 && t < R(p)->years;
}

static int pool_ok(const s75_portfolio *p, size_t i)
{
    return p && i < R(p)->n_pools;
}

const s75_portfolio *s75_result_portfolio(const s75_result *res)
{
    return res ? (const s75_portfolio *)(const void *)res->portfolio : NULL;
}

size_t s75_portfolio_year_count(const s75_portfolio *p)
{
    return p ? (size_t)R(p)->years : 0;
}

size_t s75_portfolio_pool_count(const s75_portfolio *p)
{
    return p ? R(p)->n_pools : 0;
}

const char *s75_portfolio_pool_id(const s75_portfolio *p, size_t i)
{
    return pool_ok(p, i) ? R(p)->pf->pools[i].id : NULL;
}

const char *s75_portfolio_pool_name(const s75_portfolio *p, size_t i)
{
    return pool_ok(p, i) ? R(p)->pf->pools[i].name : NULL;
}

s75_tier s75_portfolio_pool_tier(const s75_portfolio *p, size_t i)
{
    return pool_ok(p, i) ? (s75_tier)R(p)->pf->pools[i].tier : S75_TIER_NONE;
}

size_t s75_portfolio_pool_parent(const s75_portfolio *p, size_t i)
{
    if (!pool_ok(p, i) || R(p)->pf->pools[i].parent < 0)
        return S75_NONE;
    return (size_t)R(p)->pf->pools[i].parent;
}

double s75_portfolio_pool_population(const s75_portfolio *p, size_t i)
{
    return pool_ok(p, i) ? R(p)->pf->pools[i].population : NAN;
}

double s75_portfolio_pool_value(const s75_portfolio *p, size_t i, s75_line line, int t)
{
    if (!pool_ok(p, i) || !year_ok(p, t))
        return NAN;
    const projection *q = &R(p)->proj[i];
    return projection_line(q, (int)line, t);
}

double s75_portfolio_pool_delegated(const s75_portfolio *p, size_t i, int t)
{
    return pool_ok(p, i) && year_ok(p, t) ? R(p)->proj[i].delegated[t] : NAN;
}

double s75_portfolio_pool_cascaded(const s75_portfolio *p, size_t i, int t)
{
    return pool_ok(p, i) && year_ok(p, t) ? R(p)->proj[i].cascaded[t] : NAN;
}

double s75_portfolio_pool_cost_per_head(const s75_portfolio *p, size_t i, int t)
{
    if (!pool_ok(p, i) || !year_ok(p, t))
        return NAN;
    return R(p)->cost_per_head[i * (size_t)R(p)->years + (size_t)t];
}

double s75_portfolio_value(const s75_portfolio *p, s75_line line, int t)
{
    if (!year_ok(p, t))
        return NAN;
    const struct portfolio_result *r = R(p);
    switch (line) {
    case S75_LINE_COST: return r->cost[t];
    case S75_LINE_CONTRIBUTIONS_TOTAL: return r->contributions_total[t];
    case S75_LINE_GAP: return r->gap[t];
    case S75_LINE_SAVINGS_EXPECTED: return r->savings_expected[t];
    case S75_LINE_VARIANCE: return r->variance[t];
    case S75_LINE_UNALLOCATED: return (double)r->unallocated[t] / 100.0;
    default: return NAN;
    }
}

size_t s75_portfolio_partner_count(const s75_portfolio *p)
{
    return p ? R(p)->n_partners : 0;
}

const char *s75_portfolio_partner_id(const s75_portfolio *p, size_t k)
{
    return p && k < R(p)->n_partners ? R(p)->partner_ids[k] : NULL;
}

double s75_portfolio_contribution(const s75_portfolio *p, size_t k, int t)
{
    if (!p || k >= R(p)->n_partners || !year_ok(p, t))
        return NAN;
    return R(p)->contributions[k * (size_t)R(p)->years + (size_t)t];
}

double s75_portfolio_risk_share(const s75_portfolio *p, size_t k, int t)
{
    if (!p || k >= R(p)->n_partners || !year_ok(p, t))
        return NAN;
    return (double)R(p)->risk_share[k * (size_t)R(p)->years + (size_t)t] / 100.0;
}

double s75_portfolio_tier_cost(const s75_portfolio *p, s75_tier tier, int t)
{
    if (!year_ok(p, t) || (int)tier < 0 || (int)tier >= N_TIERS)
        return NAN;
    return R(p)->tier_cost[(size_t)tier * (size_t)R(p)->years + (size_t)t];
}

double s75_portfolio_tier_gap(const s75_portfolio *p, s75_tier tier, int t)
{
    if (!year_ok(p, t) || (int)tier < 0 || (int)tier >= N_TIERS)
        return NAN;
    return R(p)->tier_gap[(size_t)tier * (size_t)R(p)->years + (size_t)t];
}

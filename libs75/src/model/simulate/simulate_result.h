/* What simulate.c computes (MODEL.md §9 and the sensitivity tools),
 * for the report writers and the public accessors. */
#ifndef S75_SIMULATE_RESULT_H
#define S75_SIMULATE_RESULT_H

#include <stddef.h>

#include "model.h"
#include "simulate_stats.h"
#include "s75/error.h"
#include "s75/result.h"

/* The series a draw yields, per year. */
enum { SIM_COST = 0, SIM_GAP = 1, SIM_VARIANCE = 2, SIM_PARTNERS = 3 };

enum tornado_kind { TORNADO_AWARD, TORNADO_INFLATION, TORNADO_UPLIFT, TORNADO_SCHEME };

/* One bar of the tornado: the input at its low and high value, the others
 * at their deterministic values, and the total variance over the horizon. */
typedef struct tornado_bar {
    int kind;
    size_t scheme;          /* TORNADO_SCHEME: index into sc->schemes */
    char *input;            /* "pay_award", "inflation", "uplift", "scheme:<name>" */
    double low, high;       /* ± sd added to the rates; or 0 / 1 delivered */
    double variance_low, variance_high, swing;
    /* Each partner's risk share summed over the horizon, in pounds, at the
     * low and the high end ([n_partners] each; NULL for a portfolio): what
     * a partner's statement ranks the inputs by. */
    double *share_low, *share_high;
} tornado_bar;

/* Break-even of one input: the rate at which the horizon's total variance is
 * zero, searched in [BREAK_EVEN_LOW, BREAK_EVEN_HIGH]. */
#define BREAK_EVEN_LOW (-0.5)
#define BREAK_EVEN_HIGH 0.5

typedef struct break_even {
    int found;
    double rate;
    double variance_low, variance_high; /* total variance at the bracket's ends */
} break_even;

typedef struct simulation_result {
    long draws;
    unsigned long seed;
    int base_year, years;
    size_t n_partners;
    unsigned threads;               /* threads used (not reported: output is the same) */
    sim_stats *series;              /* [(s * years) + t], s as above; allocations in pounds */
    double *p_overspend;            /* [years] */
    double total_variance;          /* deterministic, over the horizon */
    size_t n_tornado;
    tornado_bar *tornado;           /* sorted by swing, largest first */
    break_even pay_award, inflation;

    /* Horizon totals of a single pool (NULL / 0 for a portfolio). Each
     * draw's variance and each partner's allocation are summed over the
     * years t = 0 .. years-1 in order. horizon[0] is the total variance,
     * horizon[1 + i] partner i's total allocation in pounds; both point
     * into `series` (after the per-year series). */
    sim_stats *horizon;
    double p_overspend_horizon;     /* share of draws whose total variance is > 0 */
    /* [i * (years + 1) + t]: the share of draws in which partner i's
     * allocation in year t is above zero (it pays something); t = years:
     * its allocation summed over the horizon. */
    double *p_pays;

    /* A portfolio (MODEL.md §10); all zero / NULL for a single pool. The
     * partners are the consolidated ones, in the portfolio result's order
     * (sorted by id); the tornado and break-evens are not computed
     * (n_tornado 0, neither found) and the reports leave them out. */
    int is_portfolio;
    const char **partner_ids;       /* [n_partners]: the array owned, the strings */
    const char **partner_names;     /*   borrowed from the pool scenarios */
    size_t n_pools;
    double *pool_p_overspend;       /* [pool * years + t], pools in file order */
} simulation_result;

/* The statistics of one series (SIM_COST, SIM_GAP, SIM_VARIANCE, or
 * SIM_PARTNERS + a partner) in year index t. */
static inline const sim_stats *sim_series_at(const simulation_result *s, size_t series, int t)
{
    return &s->series[series * (size_t)s->years + (size_t)t];
}

/* The id and the display name (the id when it has none) of partner i of the
 * simulation: the scenario's partner, or a portfolio's consolidated one. */
const char *sim_partner_id(const scenario *sc, const simulation_result *s, size_t i);
const char *sim_partner_name(const scenario *sc, const simulation_result *s, size_t i);

/* simulate_portfolio.c: the draws and statistics of a portfolio (MODEL.md §10) into
 * res (draws, seed and years set; the rest filled here) on n threads.
 * Returns S75_OK, S75_EINVAL/S75_ELIMIT (bad block), S75_ENOMEM or
 * S75_ENUMERIC. */
int sim_portfolio(const scenario *pf, simulation_result *res, unsigned n,
                  s75_progress_fn progress, void *progress_data, s75_error *err);

/* The draws and their statistics (with the horizon totals) without the
 * tornado or the break-evens, for searches that simulate many times: as
 * simulation_compute otherwise. A single pool only. */
int simulation_draws_only(const scenario *sc, unsigned threads, struct simulation_result **out,
                          s75_error *err);

/* simulate_sensitivity.c: the tornado and both break-evens into s. Returns
 * S75_OK, S75_ENOMEM or S75_ENUMERIC. */
int sim_sensitivity(const scenario *sc, simulation_result *s, s75_error *err);

#endif

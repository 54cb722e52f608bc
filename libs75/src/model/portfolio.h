/* A portfolio of pools (MODEL.md §10): every pool's projection with delegated
 * funding and cascading risk share, and the consolidated position.
 *
 * The result doubles as the workspace of one evaluation, so a simulation
 * makes one per thread with portfolio_result_new() and calls
 * portfolio_evaluate() once per draw with that draw's noise:
 *
 *     struct portfolio_result *w;
 *     if (portfolio_result_new(&w, pf) < 0) ... out of memory
 *     double award[w->n_award_years], infl[w->years], upl[w->n_uplift_ids * w->years];
 *     unsigned char delivered[w->n_schemes_total];     (heap for large portfolios)
 *     ... draw them ...
 *     portfolio_noise nz = { award, infl, upl, delivered };
 *     if (portfolio_evaluate(w, &nz) < 0) ... w->failed_pool names the pool
 *     read w->cost, w->gap, w->variance, w->risk_share, w->proj[i].variance ...
 *     portfolio_free(w);
 */
#ifndef S75_PORTFOLIO_INTERNAL_H
#define S75_PORTFOLIO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "project.h"

#define N_TIERS 3

/* One draw's perturbations, shared across pools as MODEL.md §10 says. Any pointer
 * may be NULL for none; a NULL noise is the deterministic run. */
typedef struct portfolio_noise {
    /* [n_award_years]: added to the award of FY award_first + k in every pool
     * (the award is national) */
    const double *award;
    /* [years]: added to every pool's non-pay inflation in year t >= 1 */
    const double *inflation;
    /* [n_uplift_ids * years], id-major: added to the uplift of partner id u
     * in year t in every pool that partner funds (amount-based partners) */
    const double *uplift;
    /* [n_schemes_total]: 1 when a scheme delivers in full, 0 nothing; pool
     * i's schemes start at scheme_offset[i]. NULL: confidence-weighted. */
    const unsigned char *delivered;
} portfolio_noise;

struct portfolio_result {
    const scenario *pf;            /* borrowed: the result holds a reference */
    int base_year, years;
    size_t n_pools;

    /* Fixed by the portfolio. */
    size_t *order;                 /* evaluation order: deepest tier first, file order within */
    size_t *by_id;                 /* pools by id: the order every sum runs in, so the
                                      file's order of pools changes no figure */
    size_t *child_start;           /* [n_pools + 1]: pool i's children are */
    size_t *children;              /*   children[child_start[i] .. child_start[i+1]), by id */
    int *parent_partner;           /* per pool: its parent's index among its partners, or -1 */
    size_t *partner_base;          /* per pool: where its partners start in the slots below */
    int *partner_slot;             /* per pool partner: consolidated partner, -1 for a pool */
    size_t *uplift_slot;           /* per pool partner: index into uplift_ids */
    size_t n_partners;             /* consolidated partners: ids that are not pools, */
    const char **partner_ids;      /*   sorted; borrowed from the pool scenarios */
    const char **partner_names;
    size_t n_uplift_ids;           /* every partner id of any pool (pools included), sorted */
    const char **uplift_ids;
    int award_first;               /* first FY with an award in any pool */
    size_t n_award_years;
    size_t *scheme_offset;         /* per pool, into noise->delivered */
    size_t n_schemes_total;
    double *uplift_scratch;        /* one pool's uplift noise, gathered */

    /* Figures of the last evaluation. */
    int failed_pool;               /* pool whose projection failed, or -1 */
    projection *proj;              /* per pool, file order; delegated and cascaded set */
    double *cost_per_head;         /* [pool * years + t]; NAN without a population */
    double *cost, *contributions_total, *gap, *savings_expected, *variance; /* [years] */
    double *contributions;         /* [partner * years + t] */
    int64_t *risk_share;           /* [partner * years + t], pence */
    int64_t *unallocated;          /* [years], pence */
    double *tier_cost, *tier_gap;  /* [tier * years + t] */
    int gap_peak;                  /* year index of the largest consolidated gap */
};

/* Builds the plan of evaluation for a loaded portfolio and room for its
 * figures. Returns 0, or -2 when out of memory (*out NULL). */
int portfolio_result_new(struct portfolio_result **out, const scenario *pf);

/* Runs every pool and consolidates. noise may be NULL. Returns 0; -1 when a
 * pool's projection is not a finite amount of money (failed_pool says which);
 * -2 when out of memory. */
int portfolio_evaluate(struct portfolio_result *res, const portfolio_noise *noise);

/* Label of a tier: "system", "place", "neighbourhood". */
const char *tier_label(int tier);

#endif

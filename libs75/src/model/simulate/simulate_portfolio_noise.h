/* The random inputs of one Monte Carlo draw of a portfolio (MODEL.md §10): the
 * noise is shared across pools as MODEL.md §10 says, so it is drawn once per draw
 * for the whole portfolio, in the shape portfolio_evaluate() reads
 * (portfolio.h).
 *
 * What one draw consumes from its generator, in this order (an input with
 * sd 0 consumes nothing and its pointer in `nz` is NULL):
 *   1. award noise, one N(0, pay_award_sd) per FY award_first + k,
 *      k = 0 .. n_award_years-1: the award is national, so one value serves
 *      every pool whose scale takes an award that year;
 *   2. non-pay inflation noise, one N(0, inflation_sd) per year
 *      t = 1 .. years-1, the same in every pool;
 *   3. uplift noise, for each partner id in the sorted list uplift_ids that
 *      is amount-based in at least one pool, one N(0, uplift_sd) per year
 *      t = 1 .. years-1, shared by every pool that partner funds (a pool's
 *      delegated funding, a partner named after its parent, is one such id);
 *   4. in `bernoulli` mode, one uniform u per savings scheme (delivered when
 *      u < confidence), the pools taken in the order of their ids and each
 *      pool's schemes in file order, so the order of pools in the portfolio
 *      file changes no figure. `expected` mode consumes nothing.
 *
 * Clamp (as for a single pool, simulate_noise.h): noise that would take a
 * rate below -100% is raised to the least value that keeps every rate it
 * is added to at -100% or above. A shared noise meets the rates of several
 * pools, so its floor is the highest of theirs: for an award, over every
 * pool whose scale takes an award that FY, the lowest band rate of that
 * pool's award; for inflation, over every pool, its lowest non-pay rate of
 * the year; for an uplift, over the pools where that partner is
 * amount-based, its uplift there. So no pay point, non-pay amount or
 * contribution of any pool turns negative. */
#ifndef S75_SIMULATE_PORTFOLIO_NOISE_H
#define S75_SIMULATE_PORTFOLIO_NOISE_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "model.h"
#include "portfolio.h"

typedef struct pf_noise_spec {
    size_t years, n_award_years, n_uplift_ids, n_schemes;
    double award_sd, inflation_sd, uplift_sd;
    int savings_mode;              /* enum savings_mode */
    double *award_floor;           /* [n_award_years] */
    double *inflation_floor;       /* [years]; [0] unused */
    double *uplift_floor;          /* [n_uplift_ids * years]; [u * years + 0] unused */
    unsigned char *uplifted;       /* [n_uplift_ids]: amount-based in some pool */
    double *confidence;            /* [n_schemes]: pool i's from scheme_offset[i] */
    size_t *scheme_order;          /* [n_schemes]: the order the schemes are drawn */
} pf_noise_spec;

typedef struct pf_noise {
    double *award, *inflation, *uplift;
    unsigned char *delivered;
    portfolio_noise nz;            /* points at the arrays in use (NULL where none) */
} pf_noise;

/* Reads the sds and the savings mode from the portfolio's uncertainty
 * block, and the clamps from its pools; plan is any portfolio_result of pf
 * (only its plan is read). Returns 0 or -1 (out of memory). */
int pf_noise_spec_init(pf_noise_spec *ns, const scenario *pf, const struct portfolio_result *plan);
void pf_noise_spec_release(pf_noise_spec *ns);

/* Buffers for one draw; -1 when out of memory. */
int pf_noise_alloc(pf_noise *n, const pf_noise_spec *ns);
void pf_noise_release(pf_noise *n);

/* Draws one draw's noise from r, in the order documented above. */
void pf_noise_draw(const pf_noise_spec *ns, gsl_rng *r, pf_noise *out);

#endif

/* MODEL.md §10: the shared random inputs of a portfolio draw. See
 * simulate_portfolio_noise.h for the order of the draws and the clamps. */
#include "simulate_portfolio_noise.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

void pf_noise_spec_release(pf_noise_spec *ns)
{
    free(ns->award_floor);
    free(ns->inflation_floor);
    free(ns->uplift_floor);
    free(ns->uplifted);
    free(ns->confidence);
    free(ns->scheme_order);
    memset(ns, 0, sizeof *ns);
}

/* The floor of the award noise of FY y: the highest over the pools whose
 * scale takes an award that year of -1 - (that award's lowest band rate). */
static double award_floor(const scenario *pf, int y)
{
    double floor_ = -INFINITY;
    for (size_t i = 0; i < pf->n_pools; i++) {
        const scenario *sub = pf->pools[i].scenario;
        long k = (long)y - sub->scale_year - 1;
        if (k < 0 || (size_t)k >= sub->n_awards)
            continue;
        double lowest = award_lowest_rate(sub, (size_t)k);
        if (isfinite(lowest))
            floor_ = fmax(floor_, -1.0 - lowest);
    }
    return floor_;
}

static void clamps(pf_noise_spec *ns, const scenario *pf, const struct portfolio_result *plan)
{
    size_t N = ns->years;
    for (size_t k = 0; k < ns->n_award_years; k++)
        ns->award_floor[k] = award_floor(pf, plan->award_first + (int)k);
    for (size_t t = 0; t < N; t++)
        ns->inflation_floor[t] = -INFINITY;
    for (size_t u = 0; u < ns->n_uplift_ids * N; u++)
        ns->uplift_floor[u] = -INFINITY;
    for (size_t i = 0; i < pf->n_pools; i++) {
        const scenario *sub = pf->pools[i].scenario;
        for (size_t j = 0; j < sub->n_non_pay; j++)
            for (size_t t = 1; t < N && !sub->non_pay[j].amounts; t++)
                ns->inflation_floor[t] =
                    fmax(ns->inflation_floor[t], -1.0 - sub->non_pay[j].inflation[t]);
        for (size_t q = 0; q < sub->n_partners; q++) {
            const partner *pa = &sub->partners[q];
            if (pa->explicit_amounts)
                continue;
            size_t u = plan->uplift_slot[plan->partner_base[i] + q];
            ns->uplifted[u] = 1;
            for (size_t t = 1; t < N; t++)
                ns->uplift_floor[u * N + t] =
                    fmax(ns->uplift_floor[u * N + t], -1.0 - pa->uplift[t]);
        }
    }
}

int pf_noise_spec_init(pf_noise_spec *ns, const scenario *pf, const struct portfolio_result *plan)
{
    memset(ns, 0, sizeof *ns);
    const uncertainty_spec *u = &pf->uncertainty;
    size_t N = (size_t)pf->years;
    ns->years = N;
    ns->n_award_years = plan->n_award_years;
    ns->n_uplift_ids = plan->n_uplift_ids;
    ns->n_schemes = plan->n_schemes_total;
    ns->award_sd = u->award_sd;
    ns->inflation_sd = u->inflation_sd;
    ns->uplift_sd = u->uplift_sd;
    ns->savings_mode = u->savings_mode;
    size_t na = ns->n_award_years ? ns->n_award_years : 1;
    size_t nu = ns->n_uplift_ids ? ns->n_uplift_ids : 1;
    size_t nk = ns->n_schemes ? ns->n_schemes : 1;
    ns->award_floor = malloc(na * sizeof(double));
    ns->inflation_floor = malloc(N * sizeof(double));
    ns->uplift_floor = malloc(nu * N * sizeof(double));
    ns->uplifted = calloc(nu, 1);
    ns->confidence = malloc(nk * sizeof(double));
    ns->scheme_order = malloc(nk * sizeof(size_t));
    if (!ns->award_floor || !ns->inflation_floor || !ns->uplift_floor || !ns->uplifted ||
        !ns->confidence || !ns->scheme_order) {
        pf_noise_spec_release(ns);
        return -1;
    }
    clamps(ns, pf, plan);
    size_t m = 0;
    for (size_t j = 0; j < pf->n_pools; j++) {
        size_t i = plan->by_id[j];
        const scenario *sub = pf->pools[i].scenario;
        for (size_t k = 0; k < sub->n_schemes; k++) {
            size_t at = plan->scheme_offset[i] + k;
            ns->confidence[at] = sub->schemes[k].confidence;
            ns->scheme_order[m++] = at;
        }
    }
    return 0;
}

void pf_noise_release(pf_noise *n)
{
    free(n->award);
    free(n->inflation);
    free(n->uplift);
    free(n->delivered);
    memset(n, 0, sizeof *n);
}

int pf_noise_alloc(pf_noise *n, const pf_noise_spec *ns)
{
    memset(n, 0, sizeof *n);
    size_t N = ns->years;
    n->award = calloc(ns->n_award_years ? ns->n_award_years : 1, sizeof(double));
    n->inflation = calloc(N, sizeof(double));
    n->uplift = calloc((ns->n_uplift_ids ? ns->n_uplift_ids : 1) * N, sizeof(double));
    n->delivered = calloc(ns->n_schemes ? ns->n_schemes : 1, 1);
    if (!n->award || !n->inflation || !n->uplift || !n->delivered) {
        pf_noise_release(n);
        return -1;
    }
    n->nz.award = ns->award_sd > 0 ? n->award : NULL;
    n->nz.inflation = ns->inflation_sd > 0 ? n->inflation : NULL;
    n->nz.uplift = ns->uplift_sd > 0 ? n->uplift : NULL;
    n->nz.delivered = ns->savings_mode == SAVINGS_BERNOULLI ? n->delivered : NULL;
    return 0;
}

/* The ziggurat, as for a single pool (simulate_noise.c). */
static double clamped(gsl_rng *r, double sd, double floor_)
{
    double e = gsl_ran_gaussian_ziggurat(r, sd);
    return e < floor_ ? floor_ : e;
}

void pf_noise_draw(const pf_noise_spec *ns, gsl_rng *r, pf_noise *out)
{
    size_t N = ns->years;
    if (ns->award_sd > 0)
        for (size_t k = 0; k < ns->n_award_years; k++)
            out->award[k] = clamped(r, ns->award_sd, ns->award_floor[k]);
    if (ns->inflation_sd > 0)
        for (size_t t = 1; t < N; t++)
            out->inflation[t] = clamped(r, ns->inflation_sd, ns->inflation_floor[t]);
    if (ns->uplift_sd > 0)
        for (size_t u = 0; u < ns->n_uplift_ids; u++)
            if (ns->uplifted[u])
                for (size_t t = 1; t < N; t++)
                    out->uplift[u * N + t] =
                        clamped(r, ns->uplift_sd, ns->uplift_floor[u * N + t]);
    if (ns->savings_mode == SAVINGS_BERNOULLI)
        for (size_t m = 0; m < ns->n_schemes; m++) {
            size_t k = ns->scheme_order[m];
            out->delivered[k] = gsl_rng_uniform(r) < ns->confidence[k];
        }
}

/* MODEL.md §9: the random inputs of a draw. See simulate_noise.h for the order
 * in which a draw consumes its generator and for the clamp at -100%. */
#include "simulate_noise.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

void sim_noise_spec_release(sim_noise_spec *ns)
{
    free(ns->award_floor);
    free(ns->inflation_floor);
    free(ns->uplift_floor);
    free(ns->uplifted);
    free(ns->confidence);
    memset(ns, 0, sizeof *ns);
}

int sim_noise_spec_init(sim_noise_spec *ns, const scenario *sc)
{
    memset(ns, 0, sizeof *ns);
    size_t N = (size_t)sc->years, np = sc->n_partners;
    ns->years = sc->years;
    ns->n_awards = sc->n_awards;
    ns->n_partners = np;
    ns->n_schemes = sc->n_schemes;
    ns->award_sd = sc->uncertainty.award_sd;
    ns->inflation_sd = sc->uncertainty.inflation_sd;
    ns->uplift_sd = sc->uncertainty.uplift_sd;
    ns->savings_mode = sc->uncertainty.savings_mode;
    ns->award_floor = malloc((sc->n_awards ? sc->n_awards : 1) * sizeof(double));
    ns->inflation_floor = malloc(N * sizeof(double));
    ns->uplift_floor = malloc((np ? np : 1) * N * sizeof(double));
    ns->uplifted = calloc(np ? np : 1, 1);
    ns->confidence = malloc((sc->n_schemes ? sc->n_schemes : 1) * sizeof(double));
    if (!ns->award_floor || !ns->inflation_floor || !ns->uplift_floor || !ns->uplifted ||
        !ns->confidence) {
        sim_noise_spec_release(ns);
        return -1;
    }
    /* The clamps: rate + noise >= -1 for the lowest rate of the year. */
    for (size_t k = 0; k < sc->n_awards; k++) {
        double lowest = award_lowest_rate(sc, k);
        ns->award_floor[k] = isinf(lowest) ? -INFINITY : -1.0 - lowest;
    }
    for (size_t t = 0; t < N; t++) {
        double lowest = INFINITY;
        for (size_t j = 0; j < sc->n_non_pay; j++)
            if (!sc->non_pay[j].amounts)   /* explicit cash is not inflated */
                lowest = fmin(lowest, sc->non_pay[j].inflation[t]);
        ns->inflation_floor[t] = isinf(lowest) ? -INFINITY : -1.0 - lowest;
    }
    for (size_t i = 0; i < np; i++) {
        const partner *pa = &sc->partners[i];
        ns->uplifted[i] = !pa->explicit_amounts;
        for (size_t t = 0; t < N; t++)
            ns->uplift_floor[i * N + t] = pa->explicit_amounts ? 0.0 : -1.0 - pa->uplift[t];
    }
    for (size_t k = 0; k < sc->n_schemes; k++)
        ns->confidence[k] = sc->schemes[k].confidence;
    return 0;
}

void sim_noise_release(sim_noise *n)
{
    free(n->award);
    free(n->inflation);
    free(n->uplift);
    free(n->delivered);
    memset(n, 0, sizeof *n);
}

int sim_noise_alloc(sim_noise *n, const sim_noise_spec *ns)
{
    memset(n, 0, sizeof *n);
    size_t N = (size_t)ns->years;
    n->award = calloc(ns->n_awards ? ns->n_awards : 1, sizeof(double));
    n->inflation = calloc(N, sizeof(double));
    n->uplift = calloc((ns->n_partners ? ns->n_partners : 1) * N, sizeof(double));
    n->delivered = calloc(ns->n_schemes ? ns->n_schemes : 1, 1);
    if (!n->award || !n->inflation || !n->uplift || !n->delivered) {
        sim_noise_release(n);
        return -1;
    }
    n->pert.award_noise = ns->award_sd > 0 ? n->award : NULL;
    n->pert.inflation_noise = ns->inflation_sd > 0 ? n->inflation : NULL;
    n->pert.uplift_noise = ns->uplift_sd > 0 ? n->uplift : NULL;
    n->pert.delivered = ns->savings_mode == SAVINGS_BERNOULLI ? n->delivered : NULL;
    return 0;
}

/* The ziggurat is GSL's fastest exact normal sampler (same distribution as
 * gsl_ran_gaussian, about three times quicker); the speed goal
 * leaves no room for the polar method's logarithm per variate. */
static double clamped(gsl_rng *r, double sd, double floor_)
{
    double e = gsl_ran_gaussian_ziggurat(r, sd);
    return e < floor_ ? floor_ : e;
}

void sim_noise_draw(const sim_noise_spec *ns, gsl_rng *r, sim_noise *out)
{
    size_t N = (size_t)ns->years;
    if (ns->award_sd > 0)
        for (size_t k = 0; k < ns->n_awards; k++)
            out->award[k] = clamped(r, ns->award_sd, ns->award_floor[k]);
    if (ns->inflation_sd > 0)
        for (size_t t = 1; t < N; t++)
            out->inflation[t] = clamped(r, ns->inflation_sd, ns->inflation_floor[t]);
    if (ns->uplift_sd > 0)
        for (size_t i = 0; i < ns->n_partners; i++)
            if (ns->uplifted[i])
                for (size_t t = 1; t < N; t++)
                    out->uplift[i * N + t] =
                        clamped(r, ns->uplift_sd, ns->uplift_floor[i * N + t]);
    if (ns->savings_mode == SAVINGS_BERNOULLI)
        for (size_t k = 0; k < ns->n_schemes; k++)
            out->delivered[k] = gsl_rng_uniform(r) < ns->confidence[k];
}

void sim_noise_fill(const sim_noise_spec *ns, double award_e, double inflation_e, double uplift_e,
                    sim_noise *out)
{
    size_t N = (size_t)ns->years;
    for (size_t k = 0; k < ns->n_awards; k++)
        out->award[k] = fmax(award_e, ns->award_floor[k]);
    out->inflation[0] = 0;
    for (size_t t = 1; t < N; t++)
        out->inflation[t] = fmax(inflation_e, ns->inflation_floor[t]);
    for (size_t i = 0; i < ns->n_partners; i++) {
        out->uplift[i * N] = 0;
        for (size_t t = 1; t < N; t++)
            out->uplift[i * N + t] = ns->uplifted[i] ? fmax(uplift_e, ns->uplift_floor[i * N + t]) : 0;
    }
}

/* murmur3's 32-bit finaliser: a bijection, so distinct chunks get distinct
 * seeds. */
static uint32_t fmix32(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h;
}

gsl_rng *sim_rng_new(unsigned long seed, unsigned long chunk)
{
    const gsl_rng_type *T = SIM_RNG_TYPE;
    gsl_rng *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    r->type = T;
    r->state = calloc(1, T->size);
    if (!r->state) {
        free(r);
        return NULL;
    }
    uint64_t s = (uint64_t)seed;
    uint32_t base = fmix32((uint32_t)s ^ fmix32((uint32_t)(s >> 32) + 0x9e3779b9u));
    gsl_rng_set(r, fmix32(base + (uint32_t)chunk));
    return r;
}

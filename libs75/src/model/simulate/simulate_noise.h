/* The random inputs of one Monte Carlo draw (MODEL.md §9), kept apart from the
 * model that consumes them.
 *
 * A draw's noise is a `perturbation` (project.h), so it can be fed to the
 * reference projection project_run() as well as to the fast evaluator in
 * simulate_model.h. The portfolio simulation (§11) uses the same generator
 * (sim_rng_new) and the same clamp rule, but draws its noise, shared by the
 * pools, with simulate_portfolio_noise.h.
 *
 * What one draw consumes from its generator, in this order (an input with sd
 * 0 consumes nothing and its noise pointer is NULL):
 *   1. award noise, one N(0, pay_award_sd) per award k = 0 .. n_awards-1
 *      (every award from the scale's year + 1, so also the awards that bring
 *      the published scale up to the base year);
 *   2. non-pay inflation noise, one N(0, inflation_sd) per year t = 1 .. years-1;
 *   3. contribution uplift noise, for each amount-based partner in file
 *      order, one N(0, uplift_sd) per year t = 1 .. years-1;
 *   4. in `bernoulli` mode, one uniform u per scheme: delivered when
 *      u < confidence. `expected` mode consumes nothing (delivered = NULL).
 *
 * Clamp: noise that would take a rate below -100% is raised to the value
 * that makes the lowest rate that year exactly -100% (for an award, the
 * lowest band rate; for inflation, the lowest non-pay line's rate; for an
 * uplift, the partner's own). So a pay point, a non-pay amount or a
 * contribution never turns negative (a negative award without a flat
 * minimum cuts pay points, MODEL.md §2, down to 0 at -100%), and project_run() on the clamped noise
 * gives the very numbers the fast evaluator gives. */
#ifndef S75_SIMULATE_NOISE_H
#define S75_SIMULATE_NOISE_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "model.h"
#include "project.h"

typedef struct sim_noise_spec {
    int years;
    size_t n_awards, n_partners, n_schemes;
    double award_sd, inflation_sd, uplift_sd;
    int savings_mode;              /* enum savings_mode */
    double *award_floor;           /* [n_awards]: lowest noise allowed */
    double *inflation_floor;       /* [years]; [0] unused */
    double *uplift_floor;          /* [n_partners * years]; [i * years + 0] unused */
    unsigned char *uplifted;       /* [n_partners]: 1 for amount-based partners */
    double *confidence;            /* [n_schemes] */
} sim_noise_spec;

typedef struct sim_noise {
    double *award, *inflation, *uplift;
    unsigned char *delivered;
    perturbation pert;             /* points at the arrays in use (NULL where none) */
} sim_noise;

/* Reads the sds, the savings mode and the clamps from the scenario.
 * Returns 0 or -1 (out of memory). */
int sim_noise_spec_init(sim_noise_spec *ns, const scenario *sc);
void sim_noise_spec_release(sim_noise_spec *ns);

/* Buffers for one draw; -1 when out of memory. */
int sim_noise_alloc(sim_noise *n, const sim_noise_spec *ns);
void sim_noise_release(sim_noise *n);

/* Draws one draw's noise from r into out, in the order documented above. */
void sim_noise_draw(const sim_noise_spec *ns, gsl_rng *r, sim_noise *out);

/* A clamp applied to a noise the caller chose (tornado: ±1 sd). */
void sim_noise_fill(const sim_noise_spec *ns, double award_e, double inflation_e, double uplift_e,
                    sim_noise *out);

/* The generator of every chunk: GSL's taus2, L'Ecuyer's maximally
 * equidistributed combined Tausworthe generator (period 2^88). GSL's
 * mt19937 gives numbers as good but takes twice as long per variate, and
 * the speed goal (5 million draw-years a second on one
 * thread) spends a quarter of its time on noise: 3.6 million normals and 2
 * million uniforms per 100,000 draws took 54 ms with mt19937 and 28 ms with
 * taus2 on the bench machine. Changing it changes the numbers a seed gives. */
#define SIM_RNG_TYPE gsl_rng_taus2

/* The generator for chunk `chunk` of a run seeded `seed`: the seed of the
 * chunk is a bijection of the chunk index for a given seed, so no two
 * chunks of a run share a seed. Allocated without GSL's allocator, whose
 * failure would call GSL's (aborting) error handler. NULL when out of
 * memory; free with gsl_rng_free(). */
gsl_rng *sim_rng_new(unsigned long seed, unsigned long chunk);

#endif

/* The Monte Carlo driver both engines (one pool, a portfolio) share: it
 * runs the draws chunk by chunk on threads and reduces them to each
 * series' mean, sd, p5, p50 and p95 without keeping every draw.
 *
 * Seeding. Chunk c holds draws c·SIM_CHUNK_DRAWS onwards and is drawn by
 * the source from its own generator (sim_rng_new(seed, c)), so a chunk's
 * values do not depend on the thread that draws it, nor on when.
 *
 * Exact percentiles in little memory. Holding every draw of every series
 * (draws × series doubles: 46 MiB for 100,000 draws of 60 series) costs
 * more in page faults than the percentiles are worth, and the faults of
 * two threads queue on each other. The driver instead
 *   1. draws the first SIM_PILOT_CHUNKS chunks (the pilot) and keeps them;
 *   2. from the pilot's order statistics, brackets each percentile of each
 *      series by a window [a, b] that holds the percentile of all the draws
 *      unless the pilot is a 6-sigma fluke;
 *   3. draws the other chunks, and of every value keeps only counts (below
 *      a, equal to a, equal to b) and the values strictly inside a window;
 *   4. reads each percentile's two order statistics out of its window: the
 *      same values a sort of all the draws would give. A window that missed
 *      (its rank fell outside, or the values were not numbers) sends its
 *      series to a second pass that draws everything again and keeps that
 *      series whole: rare, slower, and still exact.
 * Moments are taken per chunk while the chunk is in cache and added in
 * chunk order (Chan, Golub and LeVeque's pairwise update), and the windows
 * come from the pilot alone, so any thread count gives the same bits.
 * When the draws fit in the pilot they are all kept and read directly. */
#ifndef S75_SIMULATE_DRIVE_H
#define S75_SIMULATE_DRIVE_H

#include <stddef.h>

#include "s75/result.h"
#include "simulate_result.h"

/* Draws per chunk: the unit of seeding, so changing it changes the numbers
 * a seed gives. */
#define SIM_CHUNK_DRAWS 1024
/* Chunks in the pilot: 8,192 draws place a 5th percentile within about
 * ±1.5% of the draws at 6 sigma, so about an eighth of the values of a
 * series are kept. */
#define SIM_PILOT_CHUNKS 8

/* What is simulated. `row` series of `draws` values; series
 * SIM_VARIANCE·years + t is the variance of year t, whose draws over zero
 * make p_overspend. */
typedef struct sim_source {
    void *ctx;
    size_t draws, row, years;
    /* Per-thread scratch; NULL when out of memory. */
    void *(*scratch_new)(void *ctx);
    void (*scratch_free)(void *ctx, void *scratch);
    /* The draws of chunk c into out[s * stride + i], i from 0 for draw
     * c·SIM_CHUNK_DRAWS. `again`: the chunk was drawn before (the
     * second pass), so tallies the source keeps of its own must not count
     * it twice. Returns 0, -1 (a value that is not a finite amount of
     * money) or -2 (out of memory). */
    int (*chunk)(void *ctx, void *scratch, size_t c, double *out, size_t stride, int again);
} sim_source;

typedef struct sim_drive_opts {
    unsigned threads;               /* 0 is taken as 1 */
    s75_progress_fn progress;       /* on the calling thread; may be NULL */
    void *progress_data;
    /* Run once by the calling thread before it takes chunks, while the
     * other threads start on them (the sensitivity analysis). */
    void (*first)(void *arg);
    void *first_arg;
    /* Half-width of a window in pilot standard errors; 0 for the default
     * (6). Tests narrow it to send series to the second pass. */
    double window_sigmas;
} sim_drive_opts;

/* Fills res->series[0 .. row) and res->p_overspend[0 .. years); redrawn,
 * when not NULL, gets the number of series the second pass drew again.
 * Returns 0, -1 (a non-finite value, as the source said) or -2 (out of
 * memory). */
int sim_drive(const sim_source *src, const sim_drive_opts *o, simulation_result *res,
              size_t *redrawn);

/* One window over all the draws: `below` values under a, `at_a` equal to
 * it, `inside` strictly between a and b, `at_b` equal to b (0 when a = b).
 * Its values in order are at_a copies of a, the values inside sorted, at_b
 * copies of b. */
typedef struct sim_window {
    double a, b;
    size_t below, at_a, inside, at_b;
} sim_window;

/* Order statistic k (from 0, of all the draws) out of the window into *v;
 * `inside` holds the values inside with rank k's already in place (the
 * others in any order). Returns 0, or -1 when rank k is not in the window. */
int sim_window_rank(const sim_window *w, const double *inside, size_t k, double *v);

#endif

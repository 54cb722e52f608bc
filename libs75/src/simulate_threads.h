/* The parallel phases both Monte Carlo engines (one pool, a portfolio)
 * share: running a job on several threads, and turning the stored draws of
 * each series-year into its statistics. */
#ifndef S75_SIMULATE_THREADS_H
#define S75_SIMULATE_THREADS_H

#include <stdatomic.h>
#include <stddef.h>

#include "simulate_result.h"
#include "simulate_stats.h"

/* main_part(ctx) on the calling thread and worker(ctx) on up to `extra`
 * more; a thread that cannot be started leaves its share to the others,
 * which changes nothing but the time taken. */
void sim_run_threads(void *(*worker)(void *), void (*main_part)(void *), void *ctx,
                     unsigned extra);

/* The statistics phase: `row` series of `draws` values each, series s of
 * year t at store[s * draws ...] with s = line * years + t. */
typedef struct sim_stat_job {
    simulation_result *res;
    double *store;                  /* reordered by the percentiles */
    size_t draws, row, years, n_chunks;
    const sim_summary *summary;     /* [chunk * row + s] */
    atomic_size_t next_series;
} sim_stat_job;

/* Fills res->series and res->p_overspend from the store, `threads` at once. */
void sim_stat_run(sim_stat_job *j, unsigned threads);

#endif

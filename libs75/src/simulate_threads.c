#include "simulate_threads.h"

#include <pthread.h>
#include <stdlib.h>

void sim_run_threads(void *(*worker)(void *), void (*main_part)(void *), void *ctx,
                     unsigned extra)
{
    pthread_t *ids = extra ? malloc(extra * sizeof *ids) : NULL;
    unsigned started = 0;
    for (unsigned i = 0; ids && i < extra; i++) {
        if (pthread_create(&ids[i], NULL, worker, ctx) != 0)
            break;
        started++;
    }
    main_part(ctx);
    for (unsigned i = 0; i < started; i++)
        pthread_join(ids[i], NULL);
    free(ids);
}

/* Statistics of each series-year in turn; p_overspend from the variance
 * before the percentiles reorder it. */
static void stat_series(void *arg)
{
    sim_stat_job *j = arg;
    simulation_result *res = j->res;
    size_t N = j->years;
    for (;;) {
        size_t idx = atomic_fetch_add(&j->next_series, 1);
        if (idx >= j->row)
            break;
        double *x = j->store + idx * j->draws;
        if (idx / N == SIM_VARIANCE) {
            size_t over = 0;
            for (size_t d = 0; d < j->draws; d++)
                over += x[d] > 0;
            res->p_overspend[idx % N] = (double)over / (double)j->draws;
        }
        sim_summary sm;
        for (size_t c = 0; c < j->n_chunks; c++)
            sim_summary_merge(&sm, &j->summary[c * j->row + idx], c == 0);
        sim_stats_from(x, j->draws, &sm, &res->series[idx]);
    }
}

static void *stat_worker(void *arg)
{
    stat_series(arg);
    return NULL;
}

void sim_stat_run(sim_stat_job *j, unsigned threads)
{
    atomic_init(&j->next_series, 0);
    unsigned extra = threads > 1 ? threads - 1 : 0;
    if (j->row > 0 && extra > j->row - 1)
        extra = (unsigned)(j->row - 1);
    sim_run_threads(stat_worker, stat_series, j, extra);
}

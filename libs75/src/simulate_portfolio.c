/* SPEC §11: the Monte Carlo of a portfolio of pools, on threads.
 *
 * The scheme is the single pool's (simulate.c): the draws are cut into
 * chunks of PF_CHUNK_DRAWS, chunk c draws from its own generator seeded
 * from (seed, c) by sim_rng_new(), and writes its draws at their own places
 * in one store with each series' sum, least and greatest over the chunk;
 * the statistics read the store in draw order and add the chunk summaries
 * in chunk order, so any thread count gives the same bytes. A draw is
 * pf_noise_draw() (the shared noise of §11, simulate_portfolio_noise.h)
 * then portfolio_evaluate() on the thread's own portfolio_result.
 *
 * Stored per draw: the consolidated cost, gap and variance and each
 * consolidated partner's risk share (pence, exact in a double) per year,
 * draws x years x (3 + partners) values, bounded by LIMIT_SIM_VALUES. The
 * per-pool chance of an overspend needs only a count of the draws over
 * zero, so the pools' draws are not kept: each thread counts its own and
 * adds them to the job's totals when done (integer sums: no order to
 * keep).
 *
 * Left out for a portfolio: the tornado and the break-evens of a single
 * pool (issue 5). A portfolio's uncertain inputs are shared by every pool,
 * and a break-even rate or a tornado bar of the consolidated variance would
 * each take a search over portfolio evaluations; the reports omit them. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "limits.h"
#include "modules.h"
#include "portfolio.h"
#include "simulate_noise.h"
#include "simulate_portfolio_noise.h"
#include "simulate_result.h"
#include "simulate_threads.h"

/* Draws per chunk: the unit of seeding, so changing it changes the numbers
 * a seed gives. The same as a single pool's. */
#define PF_CHUNK_DRAWS 1024

typedef struct pf_job {
    const scenario *pf;
    const pf_noise_spec *noise;
    size_t draws, n_chunks, row, years, n_partners, n_pools;
    unsigned long seed;
    double *store;                 /* [(s * years + t) * draws + d] */
    sim_summary *summary;          /* [chunk * row + s] */
    atomic_ulong *pool_over;       /* [pool * years + t]: draws with the pool's variance > 0 */
    atomic_size_t next_chunk, done_chunks;
    atomic_int failed;             /* 0, or the first failure: -1 numeric, -2 memory */
    atomic_int failed_pool;        /* the pool whose projection failed, or -1 */
    simulation_result *res;
    s75_progress_fn progress;
    void *progress_data;
} pf_job;

static void fail(pf_job *j, int rc)
{
    int expected = 0;
    atomic_compare_exchange_strong(&j->failed, &expected, rc);
}

/* One draw's figures into the store's column d, and its pools' overspends
 * into the thread's counts. */
static void keep_draw(pf_job *j, const struct portfolio_result *w, size_t d, unsigned long *over)
{
    size_t N = j->years, D = j->draws;
    for (size_t t = 0; t < N; t++) {
        j->store[(SIM_COST * N + t) * D + d] = w->cost[t];
        j->store[(SIM_GAP * N + t) * D + d] = w->gap[t];
        j->store[(SIM_VARIANCE * N + t) * D + d] = w->variance[t];
        for (size_t k = 0; k < j->n_partners; k++)
            j->store[((SIM_PARTNERS + k) * N + t) * D + d] = (double)w->risk_share[k * N + t];
    }
    for (size_t i = 0; i < j->n_pools; i++)
        for (size_t t = 0; t < N; t++)
            over[i * N + t] += w->proj[i].variance[t] > 0;
}

static int run_chunk(pf_job *j, size_t c, struct portfolio_result *w, pf_noise *nz,
                     unsigned long *over)
{
    gsl_rng *r = sim_rng_new(j->seed, c);
    if (!r)
        return -2;
    size_t d0 = c * PF_CHUNK_DRAWS, d1 = d0 + PF_CHUNK_DRAWS;
    if (d1 > j->draws)
        d1 = j->draws;
    int rc = 0;
    for (size_t d = d0; d < d1 && rc == 0; d++) {
        pf_noise_draw(j->noise, r, nz);
        rc = portfolio_evaluate(w, &nz->nz);
        if (rc == 0)
            keep_draw(j, w, d, over);
        else if (rc == -1)
            atomic_store(&j->failed_pool, w->failed_pool);
    }
    gsl_rng_free(r);
    for (size_t s = 0; rc == 0 && s < j->row; s++)
        sim_summary_of(j->store + s * j->draws + d0, d1 - d0, &j->summary[c * j->row + s]);
    return rc;
}

/* Runs chunks until none is left; the calling thread reports progress. */
static void draw_chunks(pf_job *j, int is_main)
{
    size_t cells = j->n_pools * j->years;
    struct portfolio_result *w = NULL;
    pf_noise nz;
    unsigned long *over = calloc(cells ? cells : 1, sizeof *over);
    int ok_w = portfolio_result_new(&w, j->pf) == 0;
    int ok_n = pf_noise_alloc(&nz, j->noise) == 0;
    if (!ok_w || !ok_n || !over)
        fail(j, -2);
    while (!atomic_load(&j->failed)) {
        size_t c = atomic_fetch_add(&j->next_chunk, 1);
        if (c >= j->n_chunks)
            break;
        int rc = run_chunk(j, c, w, &nz, over);
        if (rc < 0) {
            fail(j, rc);
            break;
        }
        size_t done = atomic_fetch_add(&j->done_chunks, 1) + 1;
        if (is_main && j->progress)
            j->progress((double)done / (double)j->n_chunks, j->progress_data);
    }
    for (size_t k = 0; over && k < cells; k++)
        atomic_fetch_add(&j->pool_over[k], over[k]);
    free(over);
    portfolio_free(w);
    if (ok_n)
        pf_noise_release(&nz);
}

static void *draw_worker(void *arg)
{
    draw_chunks(arg, 0);
    return NULL;
}

static void draw_main(void *arg)
{
    pf_job *j = arg;
    draw_chunks(j, 1);
}



static unsigned extra_threads(unsigned n, size_t units)
{
    return (unsigned)((size_t)(n - 1) < units ? n - 1 : units - 1);
}

/* The result's arrays, sized once the portfolio's partners are known. */
static int alloc_result(simulation_result *res, const struct portfolio_result *plan)
{
    size_t N = (size_t)res->years, ne = plan->n_partners, np = plan->n_pools;
    res->is_portfolio = 1;
    res->n_partners = ne;
    res->n_pools = np;
    res->series = calloc(N * (SIM_PARTNERS + ne), sizeof *res->series);
    res->p_overspend = calloc(N, sizeof *res->p_overspend);
    res->pool_p_overspend = calloc((np ? np : 1) * N, sizeof *res->pool_p_overspend);
    res->partner_ids = calloc(ne ? ne : 1, sizeof *res->partner_ids);
    res->partner_names = calloc(ne ? ne : 1, sizeof *res->partner_names);
    if (!res->series || !res->p_overspend || !res->pool_p_overspend || !res->partner_ids ||
        !res->partner_names)
        return -1;
    for (size_t k = 0; k < ne; k++) {
        res->partner_ids[k] = plan->partner_ids[k];
        res->partner_names[k] = plan->partner_names[k];
    }
    return 0;
}

static int run_job(pf_job *j, unsigned n, s75_error *err)
{
    simulation_result *res = j->res;
    atomic_init(&j->next_chunk, 0);
    atomic_init(&j->done_chunks, 0);
    atomic_init(&j->failed, 0);
    atomic_init(&j->failed_pool, -1);
    size_t cells = j->n_pools * j->years;
    j->summary = malloc(j->n_chunks * j->row * sizeof *j->summary);
    j->store = malloc(j->row * j->draws * sizeof *j->store);
    j->pool_over = malloc((cells ? cells : 1) * sizeof *j->pool_over);
    int rc = S75_OK;
    if (!j->summary || !j->store || !j->pool_over) {
        rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        goto done;
    }
    for (size_t k = 0; k < cells; k++)
        atomic_init(&j->pool_over[k], 0);
    sim_run_threads(draw_worker, draw_main, j, extra_threads(n, j->n_chunks));
    int failed = atomic_load(&j->failed);
    if (failed == -2) {
        rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        goto done;
    }
    if (failed) {
        int i = atomic_load(&j->failed_pool);
        const pool *p = i >= 0 ? &j->pf->pools[i] : NULL;
        mark at = { p ? p->scenario->file : j->pf->file, 0, 0 };
        rc = error_set(err, S75_ENUMERIC, at, "uncertainty", "pool '%s': a simulated variance "
                       "is not a finite amount of money", p ? p->id : "?");
        goto done;
    }
    sim_stat_job sj = { res, j->store, j->draws, j->row, j->years, j->n_chunks, j->summary, 0 };
    sim_stat_run(&sj, n);
    /* allocations were held in pence: report pounds */
    for (size_t idx = SIM_PARTNERS * j->years; idx < j->row; idx++) {
        sim_stats *x = &res->series[idx];
        x->mean /= 100, x->sd /= 100, x->p5 /= 100, x->p50 /= 100, x->p95 /= 100;
    }
    for (size_t k = 0; k < cells; k++)
        res->pool_p_overspend[k] = (double)atomic_load(&j->pool_over[k]) / (double)j->draws;
    res->threads = n;
    if (j->progress)
        j->progress(1.0, j->progress_data);
done:
    free(j->summary);
    free(j->store);
    free(j->pool_over);
    return rc;
}

int sim_portfolio(const scenario *pf, simulation_result *res, unsigned n,
                  s75_progress_fn progress, void *progress_data, s75_error *err)
{
    struct portfolio_result *plan = NULL;
    if (portfolio_result_new(&plan, pf) < 0)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    size_t N = (size_t)pf->years, ne = plan->n_partners;
    double values = (double)pf->uncertainty.draws * (double)N * (double)(SIM_PARTNERS + ne);
    if (values > (double)LIMIT_SIM_VALUES) {
        portfolio_free(plan);
        mark at = { pf->file, 0, 0 };
        return error_set(err, S75_ELIMIT, at, "uncertainty.draws",
                         "%ld draws x %zu years x %zu series (cost, gap, variance and %zu "
                         "partners) is %.0f stored values; the limit (LIMIT_SIM_VALUES) is %ld",
                         pf->uncertainty.draws, N, SIM_PARTNERS + ne, ne, values,
                         (long)LIMIT_SIM_VALUES);
    }
    pf_noise_spec noise;
    int rc = S75_OK;
    if (alloc_result(res, plan) < 0 || pf_noise_spec_init(&noise, pf, plan) < 0) {
        portfolio_free(plan);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    /* The deterministic total variance the reports set the draws against
     * (s75_run has already evaluated the portfolio, so this cannot fail
     * but for memory). */
    if (portfolio_evaluate(plan, NULL) == -2) {
        pf_noise_spec_release(&noise);
        portfolio_free(plan);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    for (size_t t = 0; t < N; t++)
        res->total_variance += plan->variance[t];
    pf_job j;
    memset(&j, 0, sizeof j);
    j.pf = pf;
    j.noise = &noise;
    j.draws = (size_t)res->draws;
    j.n_chunks = (j.draws + PF_CHUNK_DRAWS - 1) / PF_CHUNK_DRAWS;
    j.years = N;
    j.n_partners = ne;
    j.n_pools = plan->n_pools;
    j.row = N * (SIM_PARTNERS + ne);
    j.seed = res->seed;
    j.res = res;
    j.progress = progress;
    j.progress_data = progress_data;
    rc = run_job(&j, n, err);
    pf_noise_spec_release(&noise);
    portfolio_free(plan);
    return rc;
}

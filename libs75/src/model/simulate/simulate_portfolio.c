/* MODEL.md §10: the Monte Carlo of a portfolio of pools, on threads.
 *
 * The scheme is the single pool's (simulate.c, simulate_drive.h): chunks of
 * draws, each from its own generator seeded from (seed, chunk), reduced to
 * the statistics without keeping every draw, the same bytes at any thread
 * count. A draw is pf_noise_draw() (the shared noise of MODEL.md §10,
 * simulate_portfolio_noise.h) then portfolio_evaluate() on the thread's own
 * portfolio_result.
 *
 * The series of a draw are the consolidated cost, gap and variance and
 * each consolidated partner's risk share (pence, exact in a double) per
 * year, years x (3 + partners) values. The per-pool chance of an overspend
 * needs only a count of the draws over zero: each thread counts its own
 * and adds them to the totals when done (integer sums: no order to keep).
 *
 * Left out for a portfolio: the tornado and the break-evens of a single
 * pool. A portfolio's uncertain inputs are shared by every pool,
 * and a break-even rate or a tornado bar of the consolidated variance would
 * each take a search over portfolio evaluations; the reports omit them. */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "input_limits.h"
#include "stages.h"
#include "portfolio.h"
#include "simulate_drive.h"
#include "simulate_noise.h"
#include "simulate_portfolio_noise.h"
#include "simulate_result.h"

typedef struct pf_job {
    const scenario *pf;
    const pf_noise_spec *noise;
    size_t draws, years, n_partners, n_pools;
    unsigned long seed;
    atomic_ulong *pool_over;       /* [pool * years + t]: draws with the pool's variance > 0 */
    atomic_int failed_pool;        /* the pool whose projection failed, or -1 */
} pf_job;

typedef struct pf_scratch {
    struct portfolio_result *w;
    pf_noise nz;
    unsigned long *over;           /* this thread's part of pool_over */
} pf_scratch;

static void scratch_free(void *ctx, void *scratch)
{
    pf_job *j = ctx;
    pf_scratch *ps = scratch;
    size_t cells = j->n_pools * j->years;
    for (size_t k = 0; k < cells; k++)
        atomic_fetch_add(&j->pool_over[k], ps->over[k]);
    free(ps->over);
    portfolio_free(ps->w);
    pf_noise_release(&ps->nz);
    free(ps);
}

static void *scratch_new(void *ctx)
{
    pf_job *j = ctx;
    pf_scratch *ps = calloc(1, sizeof *ps);
    if (!ps)
        return NULL;
    size_t cells = j->n_pools * j->years;
    ps->over = calloc(cells ? cells : 1, sizeof *ps->over);
    if (!ps->over || portfolio_result_new(&ps->w, j->pf) < 0) {
        free(ps->over);
        portfolio_free(ps->w);
        free(ps);
        return NULL;
    }
    if (pf_noise_alloc(&ps->nz, j->noise) < 0) {
        free(ps->over);
        portfolio_free(ps->w);
        free(ps);
        return NULL;
    }
    return ps;
}

/* One draw's figures into column i of out, and its pools' overspends into
 * the thread's counts unless the chunk was counted before. */
static void keep_draw(const pf_job *j, const struct portfolio_result *w, double *out, size_t D,
                      size_t i, unsigned long *over)
{
    size_t N = j->years;
    for (size_t t = 0; t < N; t++) {
        out[(SIM_COST * N + t) * D + i] = w->cost[t];
        out[(SIM_GAP * N + t) * D + i] = w->gap[t];
        out[(SIM_VARIANCE * N + t) * D + i] = w->variance[t];
        for (size_t k = 0; k < j->n_partners; k++)
            out[((SIM_PARTNERS + k) * N + t) * D + i] = (double)w->risk_share[k * N + t];
    }
    for (size_t p = 0; over && p < j->n_pools; p++)
        for (size_t t = 0; t < N; t++)
            over[p * N + t] += w->proj[p].variance[t] > 0;
}

static int draw_chunk(void *ctx, void *scratch, size_t c, double *out, size_t stride, int again)
{
    pf_job *j = ctx;
    pf_scratch *ps = scratch;
    gsl_rng *r = sim_rng_new(j->seed, c);
    if (!r)
        return -2;
    size_t d0 = c * SIM_CHUNK_DRAWS, n = j->draws - d0 < SIM_CHUNK_DRAWS ? j->draws - d0
                                                                           : SIM_CHUNK_DRAWS;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        pf_noise_draw(j->noise, r, &ps->nz);
        rc = portfolio_evaluate(ps->w, &ps->nz.nz);
        if (rc == 0)
            keep_draw(j, ps->w, out, stride, i, again ? NULL : ps->over);
        else if (rc == -1)
            atomic_store(&j->failed_pool, ps->w->failed_pool);
    }
    gsl_rng_free(r);
    return rc;
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

static int run_job(pf_job *j, simulation_result *res, unsigned n, s75_progress_fn progress,
                   void *progress_data, s75_error *err)
{
    atomic_init(&j->failed_pool, -1);
    size_t cells = j->n_pools * j->years;
    j->pool_over = malloc((cells ? cells : 1) * sizeof *j->pool_over);
    if (!j->pool_over)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    for (size_t k = 0; k < cells; k++)
        atomic_init(&j->pool_over[k], 0);
    size_t row = j->years * (SIM_PARTNERS + j->n_partners);
    sim_source src = { j, j->draws, row, j->years, scratch_new, scratch_free, draw_chunk };
    sim_drive_opts o = { n, progress, progress_data, NULL, NULL, 0 };
    int failed = sim_drive(&src, &o, res, NULL);
    int rc = S75_OK;
    if (failed == -2) {
        rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    } else if (failed) {
        int i = atomic_load(&j->failed_pool);
        const pool *p = i >= 0 ? &j->pf->pools[i] : NULL;
        mark at = { p ? p->scenario->file : j->pf->file, 0, 0 };
        rc = error_set(err, S75_ENUMERIC, at, "uncertainty", "pool '%s': a simulated variance "
                       "is not a finite amount of money", p ? p->id : "?");
    } else {
        /* allocations were held in pence: report pounds */
        for (size_t idx = SIM_PARTNERS * j->years; idx < row; idx++) {
            sim_stats *x = &res->series[idx];
            x->mean /= 100, x->sd /= 100, x->p5 /= 100, x->p50 /= 100, x->p95 /= 100;
        }
        for (size_t k = 0; k < cells; k++)
            res->pool_p_overspend[k] = (double)atomic_load(&j->pool_over[k]) / (double)j->draws;
        res->threads = n;
        if (progress)
            progress(1.0, progress_data);
    }
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
    double work = (double)pf->uncertainty.draws * (double)pf->n_pools * (double)N;
    if (work > LIMIT_PORTFOLIO_WORK) {
        portfolio_free(plan);
        mark at = { pf->file, 0, 0 };
        return error_set(err, S75_ELIMIT, at, "uncertainty.draws", "%ld draws x %zu pools x %zu "
                         "years is over the limit of %.0f (LIMIT_PORTFOLIO_WORK)",
                         pf->uncertainty.draws, pf->n_pools, N, LIMIT_PORTFOLIO_WORK);
    }
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
    j.years = N;
    j.n_partners = ne;
    j.n_pools = plan->n_pools;
    j.seed = res->seed;
    rc = run_job(&j, res, n, progress, progress_data, err);
    pf_noise_spec_release(&noise);
    portfolio_free(plan);
    return rc;
}

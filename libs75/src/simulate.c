/* SPEC §9: the Monte Carlo over the projection, on threads.
 *
 * The draws are cut into chunks of SIM_CHUNK_DRAWS. Chunk c draws from its
 * own generator (GSL's taus2, see simulate_noise.h), seeded from (seed, c)
 * by sim_rng_new(), and writes its draws at their own places in one store,
 * with the sum, least and greatest of each series over the chunk; threads
 * take chunks in any order, but what each chunk writes does not depend on
 * who ran it. The statistics then read the store in draw order and add the
 * chunk summaries in chunk order, so the output is the same bytes for any
 * thread count. The calling thread first runs the tornado and the
 * break-evens (simulate_sensitivity.c) while the others start on the
 * chunks, then takes chunks too; the progress callback runs on it only,
 * between the chunks it runs itself.
 *
 * A draw: sim_noise_draw() (simulate_noise.h) then sim_model_eval()
 * (simulate_model.h, the projection folded so a draw costs nothing per
 * workforce line). A portfolio (§11) is simulated by simulate_portfolio.c
 * in the same way, after the checks of its uncertainty block here.
 *
 * Memory: the store holds draws × years × (3 + partners) doubles, bounded by
 * LIMIT_SIM_VALUES; 100,000 draws of 10 years and 3 partners take 45.8 MiB. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS and MAP_POPULATE, where the system has them */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "diag.h"
#include "limits.h"
#include "modules.h"
#include "simulate_model.h"
#include "simulate_noise.h"
#include "simulate_result.h"
#include "simulate_threads.h"

/* Draws per chunk: a chunk is the unit of seeding, so changing this changes
 * the numbers a seed gives. */
#define SIM_CHUNK_DRAWS 1024

typedef struct sim_job {
    const scenario *sc;
    const sim_model *model;
    const sim_noise_spec *noise;
    size_t draws, n_chunks, row;
    unsigned long seed;
    double *store;              /* [(s * years + t) * draws + d] */
    sim_summary *summary;       /* [chunk * row + s]: each chunk's piece of each series */
    atomic_size_t next_chunk, done_chunks;
    atomic_int failed;          /* 0, or the first failure: -1 numeric, -2 memory */
    /* the statistics phase */
    simulation_result *res;
    s75_progress_fn progress;
    void *progress_data;
    /* the sensitivity analysis, run by the calling thread while the others
     * start on the draws */
    int sensitivity_rc;
    s75_error *err;
} sim_job;

/* The store is written once, draw by draw, and read once per series. On
 * one thread and on Linux it is mapped with MAP_POPULATE: the kernel
 * supplies its pages in one call rather than in the ten thousand page
 * faults its first touch would take (huge pages were tried: their first
 * touch is erratic on a virtual machine, up to 150 ms). On more threads the
 * faults are better left to the first touch, which the threads share,
 * than done on one thread before they start. Elsewhere, malloc. */
typedef struct store {
    double *v;
    size_t bytes;
    int mapped;
} store;

static int store_alloc(store *st, size_t n, int populate)
{
    st->bytes = (n ? n : 1) * sizeof(double);
    st->mapped = 0;
#if defined(MAP_POPULATE) && defined(MAP_ANONYMOUS)
    if (populate && st->bytes >= (1u << 20)) {
        void *p = mmap(NULL, st->bytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (p != MAP_FAILED) {
            st->v = p;
            st->mapped = 1;
            return 0;
        }
    }
#endif
    st->v = malloc(st->bytes);
    return st->v ? 0 : -1;
}

static void store_free(store *st)
{
#if defined(MAP_POPULATE) && defined(MAP_ANONYMOUS)
    if (st->mapped) {
        munmap(st->v, st->bytes);
        st->v = NULL;
        return;
    }
#endif
    free(st->v);
    st->v = NULL;
}

static int run_chunk(sim_job *j, size_t c, sim_work *w, sim_noise *nz)
{
    gsl_rng *r = sim_rng_new(j->seed, c);
    if (!r)
        return -2;
    size_t d0 = c * SIM_CHUNK_DRAWS, d1 = d0 + SIM_CHUNK_DRAWS;
    if (d1 > j->draws)
        d1 = j->draws;
    int rc = 0;
    for (size_t d = d0; d < d1 && rc == 0; d++) {
        sim_noise_draw(j->noise, r, nz);
        rc = sim_model_eval(j->model, j->sc, &nz->pert, w, j->store + d, j->draws);
    }
    gsl_rng_free(r);
    for (size_t s = 0; rc == 0 && s < j->row; s++)
        sim_summary_of(j->store + s * j->draws + d0, d1 - d0, &j->summary[c * j->row + s]);
    return rc;
}

/* Runs chunks until none is left; the calling thread reports progress. */
static void draw_chunks(sim_job *j, int is_main)
{
    sim_work w;
    sim_noise nz;
    int ok_w = sim_work_alloc(&w, j->model) == 0;
    int ok_n = sim_noise_alloc(&nz, j->noise) == 0;
    if (!ok_w || !ok_n) {
        int expected = 0;
        atomic_compare_exchange_strong(&j->failed, &expected, -2);
    }
    while (!atomic_load(&j->failed)) {
        size_t c = atomic_fetch_add(&j->next_chunk, 1);
        if (c >= j->n_chunks)
            break;
        int rc = run_chunk(j, c, &w, &nz);
        if (rc < 0) {
            int expected = 0;
            atomic_compare_exchange_strong(&j->failed, &expected, rc);
            break;
        }
        size_t done = atomic_fetch_add(&j->done_chunks, 1) + 1;
        if (is_main && j->progress)
            j->progress((double)done / (double)j->n_chunks, j->progress_data);
    }
    if (ok_w)
        sim_work_release(&w);
    if (ok_n)
        sim_noise_release(&nz);
}

static void *draw_worker(void *arg)
{
    draw_chunks(arg, 0);
    return NULL;
}



static void draw_main(void *arg)
{
    sim_job *j = arg;
    j->sensitivity_rc = sim_sensitivity(j->sc, j->res, j->err);
    draw_chunks(j, 1);
}

/* 0: every online core (SPEC §10 --threads default). */
static unsigned sim_thread_count(unsigned requested)
{
    if (requested > 0)
        return requested;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 1024 ? 1024 : (unsigned)n;
}

static int check_spec(const scenario *sc, s75_error *err)
{
    const uncertainty_spec *u = &sc->uncertainty;
    mark at = { sc->file, 0, 0 };
    if (!u->present)
        return error_set(err, S75_EINVAL, at, "uncertainty", sc->is_portfolio
                         ? "simulate needs an uncertainty: block in the portfolio file (the "
                           "pools' own blocks are ignored)"
                         : "simulate needs an uncertainty: block in the scenario");
    if (u->draws < 1 || u->draws > LIMIT_DRAWS)
        return error_set(err, u->draws < 1 ? S75_EINVAL : S75_ELIMIT, at, "uncertainty.draws",
                         "must be between 1 and %ld (LIMIT_DRAWS), got %ld", LIMIT_DRAWS, u->draws);
    const double sds[] = { u->award_sd, u->inflation_sd, u->uplift_sd };
    const char *names[] = { "pay_award_sd", "inflation_sd", "uplift_sd" };
    for (int i = 0; i < 3; i++)
        if (!(sds[i] >= 0 && sds[i] <= 1)) {
            char path[64];
            snprintf(path, sizeof path, "uncertainty.%s", names[i]);
            return error_set(err, S75_EINVAL, at, path, "must be between 0%% and 100%%, got %g",
                             sds[i]);
        }
    if (u->savings_mode != SAVINGS_BERNOULLI && u->savings_mode != SAVINGS_EXPECTED)
        return error_set(err, S75_EINVAL, at, "uncertainty.savings",
                         "unknown savings mode %d; use bernoulli or expected", u->savings_mode);
    if (sc->is_portfolio)
        return S75_OK; /* its partners are counted in sim_portfolio() */
    double values = (double)u->draws * (double)sc->years * (double)(3 + sc->n_partners);
    if (values > (double)LIMIT_SIM_VALUES)
        return error_set(err, S75_ELIMIT, at, "uncertainty.draws",
                         "%ld draws x %d years x %zu series is %.0f stored values; the limit "
                         "(LIMIT_SIM_VALUES) is %ld", u->draws, sc->years, 3 + sc->n_partners,
                         values, (long)LIMIT_SIM_VALUES);
    return S75_OK;
}

void simulation_free(simulation_result *s)
{
    if (!s)
        return;
    free(s->series);
    free(s->p_overspend);
    for (size_t i = 0; i < s->n_tornado; i++)
        free(s->tornado[i].input);
    free(s->tornado);
    free(s->partner_ids);
    free(s->partner_names);
    free(s->pool_p_overspend);
    free(s);
}

/* The sensitivity analysis and the draws, then the statistics. */
static int simulate_draws(const scenario *sc, simulation_result *res, unsigned threads,
                          s75_progress_fn progress, void *progress_data, s75_error *err)
{
    sim_model model;
    sim_noise_spec noise;
    if (sim_model_build(&model, sc) < 0)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    if (sim_noise_spec_init(&noise, sc) < 0) {
        sim_model_release(&model);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    sim_job j;
    memset(&j, 0, sizeof j);
    j.sc = sc;
    j.model = &model;
    j.noise = &noise;
    j.draws = (size_t)res->draws;
    j.n_chunks = (j.draws + SIM_CHUNK_DRAWS - 1) / SIM_CHUNK_DRAWS;
    j.row = sim_model_row(&model);
    j.seed = res->seed;
    j.res = res;
    j.progress = progress;
    j.progress_data = progress_data;
    j.err = err;
    atomic_init(&j.next_chunk, 0);
    atomic_init(&j.done_chunks, 0);
    atomic_init(&j.failed, 0);
    store st;
    int rc = S75_OK;
    unsigned n = sim_thread_count(threads);
    j.summary = malloc(j.n_chunks * j.row * sizeof *j.summary);
    if (!j.summary || store_alloc(&st, j.row * j.draws, n == 1) < 0) {
        rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    } else {
        j.store = st.v;
        sim_run_threads(draw_worker, draw_main, &j, (unsigned)(n - 1 < j.n_chunks ? n - 1 : j.n_chunks - 1));
        int failed = atomic_load(&j.failed);
        if (j.sensitivity_rc != S75_OK) {
            rc = j.sensitivity_rc;
        } else if (failed == -2) {
            rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        } else if (failed) {
            mark at = { sc->file, 0, 0 };
            rc = error_set(err, S75_ENUMERIC, at, "uncertainty", "a simulated variance is not a "
                           "finite amount of money");
        } else {
            sim_stat_job sj = { res, j.store, j.draws, j.row, (size_t)res->years, j.n_chunks,
                                j.summary, 0 };
            sim_stat_run(&sj, n);
            /* allocations were held in pence: report pounds */
            for (size_t idx = (size_t)SIM_PARTNERS * (size_t)res->years; idx < j.row; idx++) {
                sim_stats *x = &res->series[idx];
                x->mean /= 100, x->sd /= 100, x->p5 /= 100, x->p50 /= 100, x->p95 /= 100;
            }
            res->threads = n;
            if (progress)
                progress(1.0, progress_data);
        }
    }
    if (j.store)
        store_free(&st);
    free(j.summary);
    sim_noise_spec_release(&noise);
    sim_model_release(&model);
    return rc;
}

int simulation_compute(const scenario *sc, unsigned threads, s75_progress_fn progress,
                       void *progress_data, simulation_result **out, s75_error *err)
{
    *out = NULL;
    int rc = check_spec(sc, err);
    if (rc)
        return rc;
    simulation_result *res = calloc(1, sizeof *res);
    size_t N = (size_t)sc->years;
    if (res && sc->is_portfolio) {
        res->draws = sc->uncertainty.draws;
        res->seed = sc->uncertainty.seed;
        res->base_year = sc->base_year;
        res->years = sc->years;
        rc = sim_portfolio(sc, res, sim_thread_count(threads), progress, progress_data, err);
        if (rc != S75_OK) {
            simulation_free(res);
            return rc;
        }
        *out = res;
        return S75_OK;
    }
    if (res) {
        res->series = calloc(N * (3 + sc->n_partners), sizeof *res->series);
        res->p_overspend = calloc(N, sizeof *res->p_overspend);
    }
    if (!res || !res->series || !res->p_overspend) {
        simulation_free(res);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    res->draws = sc->uncertainty.draws;
    res->seed = sc->uncertainty.seed;
    res->base_year = sc->base_year;
    res->years = sc->years;
    res->n_partners = sc->n_partners;
    rc = simulate_draws(sc, res, threads, progress, progress_data, err);
    if (rc != S75_OK) {
        simulation_free(res);
        return rc;
    }
    *out = res;
    return S75_OK;
}

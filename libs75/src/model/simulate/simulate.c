/* MODEL.md §9: the Monte Carlo over the projection, on threads.
 *
 * simulate_drive.c runs the draws in chunks, each chunk from its own
 * generator (GSL's taus2, see simulate_noise.h) seeded from (seed, chunk),
 * and reduces them to the statistics without keeping every draw; the
 * output is the same bytes for any thread count. This file is the source
 * of a single pool's draws: sim_noise_draw() (simulate_noise.h) then
 * sim_model_eval() (simulate_model.h, the projection folded so a draw costs
 * nothing per workforce line). The calling thread first runs the tornado
 * and the break-evens (simulate_sensitivity.c) while the others start on
 * the draws. A portfolio (MODEL.md §10) is simulated by simulate_portfolio.c in the
 * same way, after the checks of its uncertainty block here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "input_limits.h"
#include "stages.h"
#include "simulate_drive.h"
#include "simulate_model.h"
#include "simulate_noise.h"
#include "simulate_result.h"

typedef struct pool_draws {
    const scenario *sc;
    const sim_model *model;
    const sim_noise_spec *noise;
    unsigned long seed;
    size_t draws;
    size_t base_row;        /* the model's row; the horizon totals follow it */
    /* Tallies per chunk, so threads never share one: [c] draws whose total
     * variance is > 0, [(c * n_partners + i) * (years + 1) + t] draws in
     * which partner i pays something in year t (t = years: in total). */
    uint32_t *over_total, *pays;
} pool_draws;

typedef struct pool_scratch {
    sim_work w;
    sim_noise nz;
} pool_scratch;

static void *scratch_new(void *ctx)
{
    pool_draws *p = ctx;
    pool_scratch *ps = malloc(sizeof *ps);
    if (!ps)
        return NULL;
    if (sim_work_alloc(&ps->w, p->model) < 0) {
        free(ps);
        return NULL;
    }
    if (sim_noise_alloc(&ps->nz, p->noise) < 0) {
        sim_work_release(&ps->w);
        free(ps);
        return NULL;
    }
    return ps;
}

static void scratch_free(void *ctx, void *scratch)
{
    (void)ctx;
    pool_scratch *ps = scratch;
    sim_work_release(&ps->w);
    sim_noise_release(&ps->nz);
    free(ps);
}

static int draw_chunk(void *ctx, void *scratch, size_t c, double *out, size_t stride, int again)
{
    (void)again;
    pool_draws *p = ctx;
    pool_scratch *ps = scratch;
    gsl_rng *r = sim_rng_new(p->seed, c);
    if (!r)
        return -2;
    size_t d0 = c * SIM_CHUNK_DRAWS, n = p->draws - d0 < SIM_CHUNK_DRAWS ? p->draws - d0
                                                                           : SIM_CHUNK_DRAWS;
    int rc = 0;
    size_t N = (size_t)p->sc->years, np = p->sc->n_partners;
    uint32_t over = 0, *pays = again ? NULL : p->pays + c * np * (N + 1);
    if (pays)
        memset(pays, 0, np * (N + 1) * sizeof *pays);
    for (size_t i = 0; i < n && rc == 0; i++) {
        sim_noise_draw(p->noise, r, &ps->nz);
        rc = sim_model_eval(p->model, p->sc, &ps->nz.pert, &ps->w, out + i, stride);
        /* The horizon totals of the draw, summed over the years in order. */
        double total = 0;
        for (size_t t = 0; t < N; t++)
            total += out[((size_t)SIM_VARIANCE * N + t) * stride + i];
        out[p->base_row * stride + i] = total;
        over += total > 0;
        for (size_t k = 0; k < np; k++) {
            double share = 0, v;
            for (size_t t = 0; t < N; t++) {
                share += v = out[((SIM_PARTNERS + k) * N + t) * stride + i];
                if (pays)
                    pays[k * (N + 1) + t] += v > 0;
            }
            out[(p->base_row + 1 + k) * stride + i] = share;
            if (pays)
                pays[k * (N + 1) + N] += share > 0;
        }
    }
    if (!again)
        p->over_total[c] = over;
    gsl_rng_free(r);
    return rc;
}

typedef struct sensitivity_run {
    const scenario *sc;
    simulation_result *res;
    s75_error *err;
    int rc;
} sensitivity_run;

static void run_sensitivity(void *arg)
{
    sensitivity_run *sr = arg;
    sr->rc = sim_sensitivity(sr->sc, sr->res, sr->err);
}

/* 0: every online core (the command's --threads default, docs/GUIDE.md). */
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
    for (size_t i = 0; i < s->n_tornado; i++) {
        free(s->tornado[i].input);
        free(s->tornado[i].share_low);
        free(s->tornado[i].share_high);
    }
    free(s->tornado);
    free(s->p_pays);
    free(s->partner_ids);
    free(s->partner_names);
    free(s->pool_p_overspend);
    free(s);
}

/* The sensitivity analysis (when asked), the draws and their statistics. */
static int simulate_draws(const scenario *sc, simulation_result *res, unsigned threads,
                          int sensitivity, s75_progress_fn progress, void *progress_data,
                          s75_error *err)
{
    sim_model model;
    sim_noise_spec noise;
    if (sim_model_build(&model, sc) < 0)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    if (sim_noise_spec_init(&noise, sc) < 0) {
        sim_model_release(&model);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    size_t N = (size_t)res->years, np = sc->n_partners;
    size_t chunks = ((size_t)res->draws + SIM_CHUNK_DRAWS - 1) / SIM_CHUNK_DRAWS;
    pool_draws p = { sc, &model, &noise, res->seed, (size_t)res->draws, sim_model_row(&model),
                     calloc(chunks, sizeof(uint32_t)),
                     calloc(chunks * (np ? np : 1) * (N + 1), sizeof(uint32_t)) };
    if (!p.over_total || !p.pays) {
        free(p.over_total), free(p.pays);
        sim_noise_spec_release(&noise);
        sim_model_release(&model);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    sim_source src = { &p, p.draws, p.base_row + 1 + np, N, scratch_new, scratch_free,
                       draw_chunk };
    sensitivity_run sr = { sc, res, err, S75_OK };
    unsigned n = sim_thread_count(threads);
    sim_drive_opts o = { n, progress, progress_data, sensitivity ? run_sensitivity : NULL, &sr,
                         0 };
    int failed = sim_drive(&src, &o, res, NULL);
    int rc = S75_OK;
    if (sr.rc != S75_OK) {
        rc = sr.rc;
    } else if (failed == -2) {
        rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    } else if (failed) {
        mark at = { sc->file, 0, 0 };
        rc = error_set(err, S75_ENUMERIC, at, "uncertainty", "a simulated variance is not a "
                       "finite amount of money");
    } else {
        /* allocations were held in pence: report pounds (the total
         * variance, horizon[0], is in pounds already) */
        for (size_t idx = (size_t)SIM_PARTNERS * N; idx < src.row; idx++) {
            sim_stats *x = &res->series[idx];
            if (idx != p.base_row)
                x->mean /= 100, x->sd /= 100, x->p5 /= 100, x->p50 /= 100, x->p95 /= 100;
        }
        res->horizon = res->series + p.base_row;
        uint64_t over = 0;
        for (size_t c = 0; c < chunks; c++)
            over += p.over_total[c];
        res->p_overspend_horizon = (double)over / (double)res->draws;
        for (size_t k = 0; k < np * (N + 1); k++) {
            uint64_t pays = 0;
            for (size_t c = 0; c < chunks; c++)
                pays += p.pays[c * np * (N + 1) + k];
            res->p_pays[k] = (double)pays / (double)res->draws;
        }
        res->threads = n;
        if (progress)
            progress(1.0, progress_data);
    }
    free(p.over_total), free(p.pays);
    sim_noise_spec_release(&noise);
    sim_model_release(&model);
    return rc;
}

static int compute(const scenario *sc, unsigned threads, int sensitivity,
                   s75_progress_fn progress, void *progress_data, simulation_result **out,
                   s75_error *err)
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
        res->series = calloc(N * (3 + sc->n_partners) + 1 + sc->n_partners,
                             sizeof *res->series);
        res->p_overspend = calloc(N, sizeof *res->p_overspend);
        res->p_pays = calloc((N + 1) * (sc->n_partners ? sc->n_partners : 1),
                             sizeof *res->p_pays);
    }
    if (!res || !res->series || !res->p_overspend || !res->p_pays) {
        simulation_free(res);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    res->draws = sc->uncertainty.draws;
    res->seed = sc->uncertainty.seed;
    res->base_year = sc->base_year;
    res->years = sc->years;
    res->n_partners = sc->n_partners;
    rc = simulate_draws(sc, res, threads, sensitivity, progress, progress_data, err);
    if (rc != S75_OK) {
        simulation_free(res);
        return rc;
    }
    *out = res;
    return S75_OK;
}

int simulation_compute(const scenario *sc, unsigned threads, s75_progress_fn progress,
                       void *progress_data, simulation_result **out, s75_error *err)
{
    return compute(sc, threads, 1, progress, progress_data, out, err);
}

int simulation_draws_only(const scenario *sc, unsigned threads, simulation_result **out,
                          s75_error *err)
{
    return compute(sc, threads, 0, NULL, NULL, out, err);
}

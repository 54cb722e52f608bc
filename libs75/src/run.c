/* s75_run: the stages a scenario calls for, in order, into one result. */
#include "run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "modules.h"
#include "s75/projection.h"
#include "s75/version.h"
#include "c_locale.h"

const char *s75_version(void)
{
    return S75_VERSION;
}

static int run_single(s75_result *res, const scenario *sc, const s75_run_options *o,
                      s75_error *err)
{
    if (projection_alloc(&res->proj, sc->base_year, sc->years, sc->n_partners, sc->n_lines) < 0 ||
        projection_alloc_detail(&res->proj, sc) < 0)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    res->has_projection = 1;
    int rc = project_run(sc, NULL, &res->proj);
    if (rc == -2)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    if (rc < 0) {
        mark at = { sc->file, 0, 0 };
        return error_set(err, S75_ENUMERIC, at, "", "the projection overflowed: a variance is "
                         "not a finite amount of money");
    }
    if (sc->demand.present) {
        if (demand_compute(sc, &res->proj, &res->demand) < 0)
            return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        res->has_demand = 1;
    }
    if (sc->appraisal.present) {
        rc = appraisal_compute(sc, o->mode == S75_MODE_APPRAISE, &res->appraisal, err);
        if (rc)
            return rc;
    }
    if (sc->monitoring.present) {
        rc = monitoring_compute(sc, &res->proj, &res->monitoring, err);
        if (rc)
            return rc;
    }
    return S75_OK;
}

/* An appraisal and a monitoring report belong to one pooled budget: a
 * portfolio has no options of its own to appraise and no consolidated
 * monitoring (MODEL.md §10). Rather than print what `run` prints, the
 * caller is told which pool files to run the command on. */
static int refuse_portfolio(const scenario *sc, s75_mode mode, s75_error *err)
{
    int appraise = mode == S75_MODE_APPRAISE;
    const char *what = appraise ? "appraise" : "monitor", *block = appraise ? "appraisal" : "monitoring";
    char list[S75_ERROR_TEXT_MAX / 2] = "";
    size_t used = 0, n = 0;
    for (size_t i = 0; i < sc->n_pools; i++) {
        const scenario *ps = sc->pools[i].scenario;
        if (!ps || !(appraise ? ps->appraisal.present : ps->monitoring.present))
            continue;
        int w = snprintf(list + used, sizeof list - used, "%s%s", n ? ", " : "", ps->file);
        if (w < 0 || (size_t)w >= sizeof list - used) {
            snprintf(list + sizeof list - 5, 5, "...");
            n++;
            break;
        }
        used += (size_t)w;
        n++;
    }
    mark at = { sc->file, 0, 0 };
    if (n == 0)
        return error_set(err, S75_EINVAL, at, "pools", "%s works on one pool's scenario, not a "
                         "portfolio, and no pool of this portfolio has %s %s: block", what,
                         appraise ? "an" : "a", block);
    return error_set(err, S75_EINVAL, at, "pools", "%s works on one pool's scenario, not a "
                     "portfolio: run it on the pool file%s with %s %s: block (%s)", what,
                     n == 1 ? "" : "s", appraise ? "an" : "a", block, list);
}

static int run_in_c(s75_result **out, const s75_scenario *sc_in, const s75_run_options *opts,
                    s75_error *err)
{
    s75_run_options defaults = S75_RUN_OPTIONS_INIT;
    if (!out)
        return error_set(err, S75_EUSAGE, no_mark, "", "out is NULL");
    *out = NULL;
    if (!sc_in)
        return error_set(err, S75_EUSAGE, no_mark, "", "scenario is NULL");
    const s75_run_options *o = opts ? opts : &defaults;
    if (o->version != S75_RUN_OPTIONS_VERSION)
        return error_set(err, S75_EUSAGE, no_mark, "", "run options of version %u; this library "
                         "knows version %d", o->version, S75_RUN_OPTIONS_VERSION);
    if (o->mode > S75_MODE_MONITOR)
        return error_set(err, S75_EUSAGE, no_mark, "", "unknown mode %d", (int)o->mode);
    scenario *sc = (scenario *)sc_in;
    mark at = { sc->file, 0, 0 };
    if (o->mode == S75_MODE_SIMULATE && !sc->uncertainty.present)
        return error_set(err, S75_EINVAL, at, "uncertainty", sc->is_portfolio
                         ? "simulate needs an uncertainty: block in the portfolio file (the "
                           "pools' own blocks are ignored)"
                         : "simulate needs an uncertainty: block in the scenario");
    if ((o->mode == S75_MODE_APPRAISE || o->mode == S75_MODE_MONITOR) && sc->is_portfolio)
        return refuse_portfolio(sc, o->mode, err);
    if (o->mode == S75_MODE_APPRAISE && !sc->is_portfolio && !sc->appraisal.present)
        return error_set(err, S75_EINVAL, at, "appraisal",
                         "appraise needs an appraisal: block in the scenario");
    if (o->mode == S75_MODE_MONITOR && !sc->is_portfolio && !sc->monitoring.present)
        return error_set(err, S75_EINVAL, at, "monitoring",
                         "monitor needs a monitoring: block in the scenario");
    if (o->threads > 1024)
        return error_set(err, S75_EINVAL, no_mark, "", "threads must be 0 (all cores) to 1024, "
                         "got %u", o->threads);
    s75_result *res = calloc(1, sizeof *res);
    if (!res)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    atomic_fetch_add(&sc->refs, 1);
    res->sc = sc;
    res->mode = (int)o->mode;
    int rc;
    if (sc->is_portfolio)
        rc = portfolio_compute(sc, &res->portfolio, err);
    else
        rc = run_single(res, sc, o, err);
    if (rc == S75_OK && o->mode == S75_MODE_SIMULATE)
        rc = simulation_compute(sc, o->threads, o->progress, o->progress_data, &res->simulation,
                                err);
    if (rc != S75_OK) {
        s75_result_free(res);
        return rc;
    }
    *out = res;
    return S75_OK;
}

void s75_result_free(s75_result *res)
{
    if (!res)
        return;
    projection_release(&res->proj);
    demand_release(&res->demand);
    appraisal_free(res->appraisal);
    simulation_free(res->simulation);
    monitoring_free(res->monitoring);
    portfolio_free(res->portfolio);
    s75_scenario_free(res->sc);
    free(res);
}

/* ---- projection accessors ---- */

struct s75_projection {
    projection p;
};

const s75_projection *s75_result_projection(const s75_result *res)
{
    if (!res || !res->has_projection)
        return NULL;
    return (const s75_projection *)(const void *)&res->proj;
}

static const projection *P(const s75_projection *p)
{
    return (const projection *)(const void *)p;
}

size_t s75_projection_year_count(const s75_projection *p)
{
    return p ? (size_t)P(p)->years : 0;
}

int s75_projection_year(const s75_projection *p, int t)
{
    if (!p || t < 0 || t >= P(p)->years)
        return 0;
    return P(p)->base_year + t;
}

double s75_projection_value(const s75_projection *p, s75_line line, int t)
{
    if (!p || t < 0 || t >= P(p)->years)
        return NAN;
    const projection *q = P(p);
    return projection_line(q, (int)line, t);
}

size_t s75_projection_partner_count(const s75_projection *p)
{
    return p ? P(p)->n_partners : 0;
}

const char *s75_projection_partner_id(const s75_projection *p, size_t i)
{
    /* The projection sits inside its result, which holds the scenario. */
    if (!p || i >= P(p)->n_partners)
        return NULL;
    const s75_result *res =
        (const s75_result *)(const void *)((const char *)p - offsetof(s75_result, proj));
    return res->sc->partners[i].id;
}

double s75_projection_contribution(const s75_projection *p, size_t i, int t)
{
    if (!p || i >= P(p)->n_partners || t < 0 || t >= P(p)->years)
        return NAN;
    return P(p)->contributions[i * (size_t)P(p)->years + (size_t)t];
}

static const scenario *scenario_of(const s75_projection *p)
{
    const s75_result *res =
        (const s75_result *)(const void *)((const char *)p - offsetof(s75_result, proj));
    return res->sc;
}

size_t s75_projection_employer_count(const s75_projection *p)
{
    return p ? P(p)->n_employer_keys : 0;
}

const char *s75_projection_employer_id(const s75_projection *p, size_t i)
{
    if (!p || i >= P(p)->n_employer_keys)
        return NULL;
    int e = P(p)->employer_key[i];
    return e >= 0 ? scenario_of(p)->partners[e].id : "none";
}

double s75_projection_pay_by_employer(const s75_projection *p, size_t i, int t)
{
    if (!p || i >= P(p)->n_employer_keys || t < 0 || t >= P(p)->years)
        return NAN;
    return P(p)->by_employer[i * (size_t)P(p)->years + (size_t)t];
}

size_t s75_projection_pay_system_count(const s75_projection *p)
{
    return p ? P(p)->n_system_keys : 0;
}

const char *s75_projection_pay_system_name(const s75_projection *p, size_t i)
{
    if (!p || i >= P(p)->n_system_keys)
        return NULL;
    return scenario_of(p)->systems[P(p)->system_key[i]].name;
}

double s75_projection_pay_by_system(const s75_projection *p, size_t i, int t)
{
    if (!p || i >= P(p)->n_system_keys || t < 0 || t >= P(p)->years)
        return NAN;
    return P(p)->by_system[i * (size_t)P(p)->years + (size_t)t];
}

double s75_projection_risk_share(const s75_projection *p, size_t i, int t)
{
    if (!p || i >= P(p)->n_partners || t < 0 || t >= P(p)->years)
        return NAN;
    return (double)P(p)->risk_share[i * (size_t)P(p)->years + (size_t)t] / 100.0;
}

/* The public calls read and write numbers in the C locale (c_locale.h). */
s75_status s75_run(s75_result **out, const s75_scenario *sc_in, const s75_run_options *opts,
                   s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = run_in_c(out, sc_in, opts, err);
    c_locale_leave(&l);
    return rc;
}

/* One-at-a-time sensitivity (tornado) and break-even rates, on the
 * reference projection project_run() (no draws: every input not being
 * moved keeps its deterministic value, savings at expected value); a
 * savings scheme's bar by the linearity of the variance in its delivery.
 *
 * The measure is the total variance over the horizon, Σ_t variance(t).
 * Break-even searches with GSL's Brent solver (root_find.h, which says how
 * GSL's error handler is never reached): the bracket is checked first, and
 * the function handed to GSL always returns a finite number (a failed
 * projection is flagged and the search abandoned). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "project.h"
#include "root_find.h"
#include "simulate_noise.h"
#include "simulate_result.h"

/* The search stops when the bracket is narrower than this (a rate: 1e-10 is
 * a hundred-millionth of a percentage point). */
#define BREAK_EVEN_TOLERANCE 1e-10
#define BREAK_EVEN_MAX_ITERATIONS 200

typedef struct probe {
    scenario copy;              /* a shallow copy whose inputs are swapped */
    projection p;
    int failed;                 /* project_run's code of the first failure */
} probe;

static int probe_total(probe *pr, const perturbation *pert, double *out)
{
    int rc = project_run(&pr->copy, pert, &pr->p);
    if (rc < 0)
        return rc;
    double total = 0;
    for (int t = 0; t < pr->p.years; t++)
        total += pr->p.variance[t];
    if (!isfinite(total))
        return -1;
    *out = total;
    return 0;
}

static int fail(s75_error *err, const scenario *sc, int rc)
{
    if (rc == -2)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    mark at = { sc->file, 0, 0 };
    return error_set(err, S75_ENUMERIC, at, "uncertainty", "the projection overflowed in the "
                     "sensitivity analysis: a variance is not a finite amount of money");
}

/* Each partner's allocation summed over the horizon, in pounds. */
static void horizon_shares(const projection *p, double *out)
{
    for (size_t i = 0; i < p->n_partners; i++) {
        int64_t pence = 0;
        for (int t = 0; t < p->years; t++)
            pence += p->risk_share[i * (size_t)p->years + (size_t)t];
        out[i] = (double)pence / 100.0;
    }
}

/* shares: [2 * n_partners], the low end's then the high end's (copied). */
static int add_bar(simulation_result *s, int kind, size_t scheme, const char *input, double low,
                   double high, double v_low, double v_high, const double *shares,
                   size_t n_partners)
{
    tornado_bar *b = &s->tornado[s->n_tornado];
    memset(b, 0, sizeof *b);
    size_t np = n_partners ? n_partners : 1;
    b->input = malloc(strlen(input) + 1);
    b->share_low = malloc(np * sizeof *b->share_low);
    b->share_high = malloc(np * sizeof *b->share_high);
    if (!b->input || !b->share_low || !b->share_high) {
        free(b->input), free(b->share_low), free(b->share_high);
        return -2;
    }
    memcpy(b->share_low, shares, n_partners * sizeof *shares);
    memcpy(b->share_high, shares + n_partners, n_partners * sizeof *shares);
    strcpy(b->input, input);
    b->kind = kind;
    b->scheme = scheme;
    b->low = low;
    b->high = high;
    b->variance_low = v_low;
    b->variance_high = v_high;
    b->swing = fabs(v_high - v_low);
    s->n_tornado++;
    return 0;
}

/* The rate inputs: all awards, all non-pay inflation or all amount-based
 * uplifts moved together by -sd then +sd (with the clamp at -100%). */
static int rate_bar(probe *pr, const sim_noise_spec *ns, sim_noise *nz, simulation_result *s,
                    int kind, double sd, double *shares)
{
    double v[2];
    size_t np = pr->p.n_partners;
    for (int side = 0; side < 2; side++) {
        double e = side ? sd : -sd;
        sim_noise_fill(ns, kind == TORNADO_AWARD ? e : 0, kind == TORNADO_INFLATION ? e : 0,
                       kind == TORNADO_UPLIFT ? e : 0, nz);
        perturbation pert = { 0 };
        if (kind == TORNADO_AWARD)
            pert.award_noise = nz->award;
        else if (kind == TORNADO_INFLATION)
            pert.inflation_noise = nz->inflation;
        else
            pert.uplift_noise = nz->uplift;
        int rc = probe_total(pr, &pert, &v[side]);
        if (rc < 0)
            return rc;
        horizon_shares(&pr->p, shares + (size_t)side * np);
    }
    static const char *const names[] = { "pay_award", "inflation", "uplift" };
    return add_bar(s, kind, 0, names[kind], -sd, sd, v[0], v[1], shares, np);
}

/* A scheme not delivered (confidence 0) and delivered in full (1). The
 * variance is linear in a scheme's delivery (MODEL.md §4: variance = gap - Σ value ·
 * phase · confidence, and nothing feeds back into the gap), so the two ends
 * are the deterministic total plus value · phase · (confidence - 0 or 1)
 * over the years: no projection to rerun per scheme. */
static int scheme_bar(probe *pr, const scenario *sc, size_t k, double total,
                      simulation_result *s, double *shares)
{
    const saving_scheme *sch = &sc->schemes[k];
    double full = 0;
    for (int t = 0; t < sc->years; t++)
        full += sch->value * scheme_phase(sch, sc->base_year + t - sch->start);
    double v_low = total + full * sch->confidence;
    double v_high = total - full * (1 - sch->confidence);
    const char *name = sch->name ? sch->name : "";
    size_t len = strlen(name) + 8;
    char *input = malloc(len);
    if (!input)
        return -2;
    snprintf(input, len, "scheme:%s", name);
    /* The allocations are not linear (caps, tiers, rounding): each end's
     * comes from a projection with the scheme's confidence at 0 or 1. */
    saving_scheme *schemes = malloc(sc->n_schemes * sizeof *schemes);
    int rc = schemes ? 0 : -2;
    if (schemes) {
        memcpy(schemes, sc->schemes, sc->n_schemes * sizeof *schemes);
        pr->copy.schemes = schemes;
        for (int side = 0; side < 2 && rc == 0; side++) {
            double v;
            schemes[k].confidence = side;
            rc = probe_total(pr, NULL, &v);
            if (rc == 0)
                horizon_shares(&pr->p, shares + (size_t)side * sc->n_partners);
        }
        pr->copy.schemes = sc->schemes;
        free(schemes);
    }
    if (rc == 0)
        rc = add_bar(s, TORNADO_SCHEME, k, input, 0, 1, v_low, v_high, shares, sc->n_partners);
    free(input);
    return rc;
}

static void sort_by_swing(tornado_bar *bars, size_t n)
{
    /* insertion sort: stable, so equal swings keep the input order */
    for (size_t i = 1; i < n; i++) {
        tornado_bar b = bars[i];
        size_t j = i;
        while (j > 0 && bars[j - 1].swing < b.swing) {
            bars[j] = bars[j - 1];
            j--;
        }
        bars[j] = b;
    }
}

static int tornado(probe *pr, const scenario *sc, simulation_result *s)
{
    const uncertainty_spec *u = &sc->uncertainty;
    sim_noise_spec ns;
    sim_noise nz;
    size_t cap = 3 + sc->n_schemes;
    s->tornado = calloc(cap, sizeof *s->tornado);
    double *shares = malloc(2 * (sc->n_partners ? sc->n_partners : 1) * sizeof *shares);
    if (!s->tornado || !shares || sim_noise_spec_init(&ns, sc) < 0) {
        free(shares);
        return -2;
    }
    if (sim_noise_alloc(&nz, &ns) < 0) {
        sim_noise_spec_release(&ns);
        free(shares);
        return -2;
    }
    int uplifted = 0;
    for (size_t i = 0; i < sc->n_partners; i++)
        uplifted |= !sc->partners[i].explicit_amounts;
    int rc = 0;
    if (u->award_sd > 0 && sc->n_awards > 0)
        rc = rate_bar(pr, &ns, &nz, s, TORNADO_AWARD, u->award_sd, shares);
    if (rc == 0 && u->inflation_sd > 0 && sc->n_non_pay > 0 && sc->years > 1)
        rc = rate_bar(pr, &ns, &nz, s, TORNADO_INFLATION, u->inflation_sd, shares);
    if (rc == 0 && u->uplift_sd > 0 && uplifted && sc->years > 1)
        rc = rate_bar(pr, &ns, &nz, s, TORNADO_UPLIFT, u->uplift_sd, shares);
    for (size_t k = 0; rc == 0 && k < sc->n_schemes; k++)
        if (sc->schemes[k].confidence < 1)
            rc = scheme_bar(pr, sc, k, s->total_variance, s, shares);
    sim_noise_release(&nz);
    sim_noise_spec_release(&ns);
    free(shares);
    if (rc == 0)
        sort_by_swing(s->tornado, s->n_tornado);
    return rc;
}

/* ---- break-even ---- */

typedef struct search {
    probe *pr;
    const scenario *sc;
    int pay;                    /* 1: the award; 0: non-pay inflation */
    pay_system *systems;        /* pay: the scenario's, their awards swapped */
    award *awards;              /* pay: [n_systems * n_awards], the later ones replaced */
    size_t first;               /* pay: first award index from base_year + 1 */
    double *band_nan;           /* pay: no band overrides */
    non_pay_line *lines;        /* inflation: the lines with a flat rate */
    double *rate;               /* inflation: [years] */
    /* Once the bracket is known: what a failed probe answers, so that the
     * values GSL sees keep straddling zero (a failure inside
     * gsl_root_fsolver_set would otherwise reach GSL's error handler). */
    int bracketed;
    double lo, hi, flo, fhi;
} search;

static void search_set(search *q, double x)
{
    if (q->pay) {
        size_t na = q->sc->n_awards;
        for (size_t s = 0; s < q->sc->n_systems; s++)
            for (size_t k = q->first; k < na; k++) {
                award *a = &q->awards[s * na + k];
                a->percent = x;
                a->flat_minimum = 0;
                a->has_flat = 0;
                a->band_percent = q->band_nan;
            }
    } else {
        for (int t = 1; t < q->sc->years; t++)
            q->rate[t] = x;
    }
}

/* The function handed to GSL: always finite. */
static double search_f(double x, void *data)
{
    search *q = data;
    double stand_in = !q->bracketed ? 1.0 : x < (q->lo + q->hi) / 2 ? q->flo : q->fhi;
    if (q->pr->failed)
        return stand_in;
    search_set(q, x);
    double v;
    int rc = probe_total(q->pr, NULL, &v);
    if (rc < 0) {
        q->pr->failed = rc;
        return stand_in;
    }
    return v;
}

static int search_stopped(void *data)
{
    return ((search *)data)->pr->failed != 0;
}

static int brent(search *q, break_even *out)
{
    memset(out, 0, sizeof *out);
    double lo = BREAK_EVEN_LOW, hi = BREAK_EVEN_HIGH;
    double flo = search_f(lo, q), fhi = search_f(hi, q);
    if (q->pr->failed)
        return q->pr->failed;
    out->variance_low = flo;
    out->variance_high = fhi;
    if (flo == 0 && fhi == 0)
        return 0;   /* no single root: the variance is zero whatever the rate */
    if (flo == 0 || fhi == 0) {
        out->found = 1;
        out->rate = flo == 0 ? lo : hi;
        return 0;
    }
    if ((flo < 0) == (fhi < 0))
        return 0;   /* no root in the bracket */
    q->bracketed = 1;
    q->lo = lo, q->hi = hi, q->flo = flo, q->fhi = fhi;
    root_search rs = { search_f, search_stopped, q, BREAK_EVEN_TOLERANCE, 0,
                       BREAK_EVEN_MAX_ITERATIONS };
    int found = root_brent(&rs, lo, hi, &out->rate);
    if (found < 0)
        return -2;
    out->found = found && !q->pr->failed;
    return q->pr->failed;
}

static int break_evens(probe *pr, const scenario *sc, simulation_result *s)
{
    search q = { pr, sc, 1, NULL, NULL, 0, NULL, NULL, NULL, 0, 0, 0, 0, 0 };
    size_t na = sc->n_awards, ns = sc->n_systems;
    long before = (long)sc->base_year - sc->scale_year;
    q.first = before < 0 ? 0 : (size_t)before;
    q.systems = malloc((ns ? ns : 1) * sizeof *q.systems);
    q.awards = malloc((ns && na ? ns * na : 1) * sizeof *q.awards);
    q.band_nan = malloc((sc->n_bands ? sc->n_bands : 1) * sizeof *q.band_nan);
    q.lines = malloc((sc->n_non_pay ? sc->n_non_pay : 1) * sizeof *q.lines);
    q.rate = calloc((size_t)sc->years, sizeof *q.rate);
    int rc = -2;
    if (q.systems && q.awards && q.band_nan && q.lines && q.rate) {
        for (size_t i = 0; i < ns; i++) {
            q.systems[i] = sc->systems[i];
            if (na)
                memcpy(q.awards + i * na, sc->systems[i].awards, na * sizeof *q.awards);
            q.systems[i].awards = q.awards + i * na;
        }
        for (size_t b = 0; b < sc->n_bands; b++)
            q.band_nan[b] = NAN;
        pr->copy.systems = q.systems;
        rc = brent(&q, &s->pay_award);
        pr->copy.systems = sc->systems;
        if (rc == 0) {
            if (sc->n_non_pay)
                memcpy(q.lines, sc->non_pay, sc->n_non_pay * sizeof *q.lines);
            for (size_t j = 0; j < sc->n_non_pay; j++)
                q.lines[j].inflation = q.rate;
            q.pay = 0;
            q.bracketed = 0;
            pr->copy.non_pay = q.lines;
            rc = brent(&q, &s->inflation);
            pr->copy.non_pay = sc->non_pay;
        }
    }
    free(q.systems), free(q.awards), free(q.band_nan), free(q.lines), free(q.rate);
    return rc;
}

int sim_sensitivity(const scenario *sc, simulation_result *s, s75_error *err)
{
    probe pr;
    memset(&pr, 0, sizeof pr);
    memcpy(&pr.copy, sc, sizeof pr.copy);
    if (projection_alloc(&pr.p, sc->base_year, sc->years, sc->n_partners, sc->n_lines) < 0)
        return fail(err, sc, -2);
    /* The tornado reports each partner's share at both ends, so its probes
     * split the variance; the break-even searches read only the variance,
     * and a probe far from the scenario (a +50% award for forty years) may
     * hold amounts the split would refuse. */
    int rc = probe_total(&pr, NULL, &s->total_variance);
    if (rc == 0)
        rc = tornado(&pr, sc, s);
    pr.p.variance_only = 1;
    if (rc == 0)
        rc = break_evens(&pr, sc, s);
    projection_release(&pr.p);
    return rc < 0 ? fail(err, sc, rc) : S75_OK;
}

/* The options appraisal (MODEL.md §8): weighted scores and ranks,
 * present values in base-year prices under the Green Book discount schedule,
 * optimism bias, risks, value-for-money measures, switching values on the
 * criteria weights, and (for `s75 appraise`) SMAA and the optimism-bias
 * sweep. Everything here reads the validated scenario and writes only its
 * own result, so two appraisals may run at once. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise.h"
#include "diag.h"
#include "greenbook.h"
#include "stages.h"

/* Defaults of the smaa: block (MODEL.md §8), used by `s75 appraise` when it is absent. */
#define SMAA_DEFAULT_DRAWS 10000
#define SMAA_DEFAULT_SEED 1

static const char *const vfm_names[] = { "poor", "low", "medium", "high", "very_high" };

const char *vfm_name(int vfm)
{
    return vfm >= VFM_POOR && vfm <= VFM_VERY_HIGH ? vfm_names[vfm] : NULL;
}

/* The same categories as a reader sees them (text, HTML, workbook). */
static const char *const vfm_labels[] = { "poor", "low", "medium", "high", "very high" };

const char *vfm_label(int vfm)
{
    return vfm >= VFM_POOR && vfm <= VFM_VERY_HIGH ? vfm_labels[vfm] : NULL;
}

/* DfT value-for-money categories from the BCR, as MODEL.md §8 fixes them. */
static int vfm_from_bcr(double bcr)
{
    if (isnan(bcr))
        return VFM_NONE;
    return bcr < 1.0 ? VFM_POOR : bcr < 1.5 ? VFM_LOW : bcr < 2.0 ? VFM_MEDIUM
         : bcr < 4.0 ? VFM_HIGH : VFM_VERY_HIGH;
}

/* Printed to 2 decimals, a BCR of 0.995 reads "1.00" beside "poor". The
 * figure gets as many decimals (from `least`) as keep its printed value in
 * its own category; at 6 it is cut rather than rounded. */
int bcr_decimals(double bcr, int least)
{
    if (isnan(bcr) || isinf(bcr))
        return least;
    int want = vfm_from_bcr(bcr);
    for (int d = least; d < BCR_MAX_DECIMALS; d++) {
        char s[64];
        snprintf(s, sizeof s, "%.*f", d, bcr);
        if (vfm_from_bcr(strtod(s, NULL)) == want)
            return d;
    }
    return BCR_MAX_DECIMALS;
}

double bcr_shown(double bcr, int least)
{
    int d = bcr_decimals(bcr, least);
    if (d < BCR_MAX_DECIMALS || isnan(bcr) || isinf(bcr))
        return bcr;
    /* Cut, not rounded: toward the category's own side of its boundary. */
    double p = pow(10.0, d);
    return floor(bcr * p) / p;
}

void appraisal_free(appraisal_result *a)
{
    if (!a)
        return;
    free(a->weights);
    free(a->options);
    free(a->lower);
    free(a->upper);
    free(a->acceptability);
    free(a->central_weights);
    free(a->sweep_npsv);
    free(a);
}

/* An option's own optimism bias overrides the appraisal's (MODEL.md §8). */
static const optimism_bias *effective_ob(const appraisal_spec *ap, const option *op)
{
    if (op->ob.given)
        return &op->ob;
    return ap->ob.given ? &ap->ob : NULL;
}

static int last_offset(const option *op, int base_year)
{
    int last = 0;
    for (size_t i = 0; i < op->n_costs; i++)
        if (op->costs[i].year - base_year > last)
            last = op->costs[i].year - base_year;
    for (size_t i = 0; i < op->n_benefits; i++)
        if (op->benefits[i].year - base_year > last)
            last = op->benefits[i].year - base_year;
    for (size_t i = 0; i < op->n_risks; i++)
        if (op->risks[i].year - base_year > last)
            last = op->risks[i].year - base_year;
    return last;
}

/* Σ DF(t)·cash(t)/G(t): discounted base-year prices. */
static double present_value(const cashflow *cf, size_t n, int base_year, const double *df,
                            const double *g)
{
    double pv = 0;
    for (size_t i = 0; i < n; i++) {
        int t = cf[i].year - base_year;
        pv += df[t] * (cf[i].amount / g[t]);
    }
    return pv;
}

/* Ranks 1..n by value, highest first; ties to the option listed first. */
static void rank_by(const double *value, size_t n, int *rank)
{
    for (size_t o = 0; o < n; o++) {
        int r = 1;
        for (size_t p = 0; p < n; p++)
            if (value[p] > value[o] || (value[p] == value[o] && p < o))
                r++;
        rank[o] = r;
    }
}

/* Switching values for criterion j (MODEL.md §8): the score difference between the
 * preferred option t and another option o, as a function of the raw weight
 * x on j with the others held, is (A + x·B) / (S + x) with
 * A = Σ_{k≠j} W_k (s_tk - s_ok), B = s_tj - s_oj and S = Σ_{k≠j} W_k. The
 * denominator is positive, so they tie exactly at x = -A/B. */
static void switching_for(const appraisal_spec *ap, size_t t, size_t j, switch_point *lower,
                          switch_point *upper)
{
    const option *top = &ap->options[t];
    double current = ap->criteria[j].weight, others = 0;
    for (size_t k = 0; k < ap->n_criteria; k++)
        if (k != j)
            others += ap->criteria[k].weight;
    lower->present = upper->present = 0;
    for (size_t o = 0; o < ap->n_options; o++) {
        if (o == t)
            continue;
        const option *op = &ap->options[o];
        double A = 0, B = top->scores[j] - op->scores[j];
        for (size_t k = 0; k < ap->n_criteria; k++)
            if (k != j)
                A += ap->criteria[k].weight * (top->scores[k] - op->scores[k]);
        if (B == 0)
            continue; /* parallel: never tie, or tie at every weight (identical) */
        double x = -A / B;
        /* With every other weight 0, x = 0 leaves no weights at all. */
        if (x < 0 || (x == 0 && others == 0))
            continue;
        /* At a common crossing the option that leads beyond it is named:
         * moving up, the higher score on j; moving down, the lower. */
        if (x < current) {
            if (!lower->present || x > lower->weight ||
                (x == lower->weight && op->scores[j] < ap->options[lower->option].scores[j])) {
                lower->present = 1;
                lower->weight = x;
                lower->option = o;
            }
        } else if (x > current) {
            if (!upper->present || x < upper->weight ||
                (x == upper->weight && op->scores[j] > ap->options[upper->option].scores[j])) {
                upper->present = 1;
                upper->weight = x;
                upper->option = o;
            }
        }
    }
}

/* Scores with normalised weights, and ranks. tmp and rank hold
 * n_options values each. */
static void score_and_rank(const appraisal_spec *ap, appraisal_result *a, double *tmp, int *rank)
{
    size_t n = ap->n_options;
    double total = 0;
    for (size_t j = 0; j < ap->n_criteria; j++)
        total += ap->criteria[j].weight;
    for (size_t j = 0; j < ap->n_criteria; j++)
        a->weights[j] = ap->criteria[j].weight / total;
    /* Ranked on the raw weighted sums, which are exact for whole weights and
     * scores, so options that tie on paper tie here and go to the first. */
    for (size_t o = 0; o < n; o++) {
        double s = 0, raw = 0;
        for (size_t j = 0; j < ap->n_criteria; j++) {
            s += a->weights[j] * ap->options[o].scores[j];
            raw += ap->criteria[j].weight * ap->options[o].scores[j];
        }
        a->options[o].score = s;
        tmp[o] = raw;
    }
    rank_by(tmp, n, rank);
    for (size_t o = 0; o < n; o++) {
        a->options[o].rank = rank[o];
        if (rank[o] == 1)
            a->preferred = o;
    }
}

static void rank_npsv(appraisal_result *a, double *tmp, int *rank)
{
    for (size_t o = 0; o < a->n_options; o++)
        tmp[o] = a->options[o].npsv;
    rank_by(tmp, a->n_options, rank);
    for (size_t o = 0; o < a->n_options; o++)
        a->options[o].rank_npsv = rank[o];
}

/* Discount factors DF(0..T) and deflator growth G(0..T) (MODEL.md §1, §8). */
static int schedules(const scenario *sc, int T, double *df, double *g)
{
    const appraisal_spec *ap = &sc->appraisal;
    df[0] = g[0] = 1.0;
    for (int t = 1; t <= T; t++) {
        df[t] = df[t - 1] / (1.0 + gb_rate_for_year(ap->rate, ap->declining, t));
        double d = 0;
        if (ap->deflator_present) {
            if (sc->base_year + t > ap->deflator_last)
                return -1;
            d = ap->deflator[t];
        }
        g[t] = g[t - 1] * (1.0 + d);
        if (!(g[t] > 0) || !isfinite(g[t]) || !(df[t] > 0))
            return -1;
    }
    return 0;
}

static void present_values(const scenario *sc, const double *df, const double *g,
                           appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    int base = sc->base_year;
    for (size_t o = 0; o < ap->n_options; o++) {
        const option *op = &ap->options[o];
        option_result *r = &a->options[o];
        const optimism_bias *ob = effective_ob(ap, op);
        r->ob_rate = ob ? ob->rate * (1.0 - ob->mitigation) : 0.0;
        r->pv_costs_raw = present_value(op->costs, op->n_costs, base, df, g);
        r->pv_costs = r->pv_costs_raw * (1.0 + r->ob_rate);
        r->pv_benefits = present_value(op->benefits, op->n_benefits, base, df, g);
        double risk = 0;
        for (size_t i = 0; i < op->n_risks; i++) {
            int t = op->risks[i].year - base;
            risk += df[t] * op->risks[i].probability * (op->risks[i].impact / g[t]);
        }
        r->pv_risk = risk;
        r->npsv = r->pv_benefits - r->pv_costs - r->pv_risk;
        double denom = r->pv_costs + r->pv_risk;
        r->bcr = denom != 0 ? r->pv_benefits / denom : NAN;
        r->cost_per_point = r->score != 0 ? r->pv_costs / r->score : NAN;
        r->last_offset = last_offset(op, base);
        double annuity = 0;
        for (int t = 1; t <= r->last_offset; t++)
            annuity += df[t];
        r->equivalent_annual = r->last_offset > 0 ? r->npsv / annuity : NAN;
        r->switch_costs = r->pv_costs != 0 ? r->npsv / r->pv_costs : NAN;
        r->switch_benefits = r->pv_benefits != 0 ? -r->npsv / r->pv_benefits : NAN;
        r->vfm = vfm_from_bcr(r->bcr);
    }
}

static size_t highest(const double *v, size_t n)
{
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (v[i] > v[best])
            best = i;
    return best;
}

/* MODEL.md §8: every option's mitigation replaced by m in turn. */
static void ob_sweep(const scenario *sc, appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    size_t n = ap->n_options;
    for (int k = 0; k < OB_SWEEP_POINTS; k++) {
        double m = k / (double)(OB_SWEEP_POINTS - 1);
        double *npsv = a->sweep_npsv + (size_t)k * n;
        a->sweep_mitigation[k] = m;
        for (size_t o = 0; o < n; o++) {
            const optimism_bias *ob = effective_ob(ap, &ap->options[o]);
            double rate = ob ? ob->rate * (1.0 - m) : 0.0;
            const option_result *r = &a->options[o];
            npsv[o] = r->pv_benefits - r->pv_costs_raw * (1.0 + rate) - r->pv_risk;
        }
        a->sweep_preferred[k] = highest(npsv, n);
    }
    a->has_sweep = 1;
}

static int all_finite(const appraisal_result *a)
{
    for (size_t o = 0; o < a->n_options; o++) {
        const option_result *r = &a->options[o];
        if (!isfinite(r->pv_costs) || !isfinite(r->pv_benefits) || !isfinite(r->pv_risk) ||
            !isfinite(r->npsv))
            return 0;
    }
    return 1;
}

int appraisal_compute(const scenario *sc, int full, appraisal_result **out, s75_error *err)
{
    const appraisal_spec *ap = &sc->appraisal;
    mark at = { sc->file, 0, 0 };
    *out = NULL;
    if (!ap->present || ap->n_options == 0 || ap->n_criteria == 0)
        return error_set(err, S75_EINVAL, at, "appraisal", "the appraisal has no options or "
                         "no criteria");
    size_t n = ap->n_options, K = ap->n_criteria;
    appraisal_result *a = calloc(1, sizeof *a);
    if (!a)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    a->sc = sc;
    a->n_options = n;
    a->n_criteria = K;
    a->weights = calloc(K, sizeof *a->weights);
    a->options = calloc(n, sizeof *a->options);
    a->lower = calloc(K, sizeof *a->lower);
    a->upper = calloc(K, sizeof *a->upper);
    int T = 0;
    for (size_t o = 0; o < n; o++) {
        int t = last_offset(&ap->options[o], sc->base_year);
        if (t > T)
            T = t;
    }
    double *df = malloc(((size_t)T + 1) * sizeof *df);
    double *g = malloc(((size_t)T + 1) * sizeof *g);
    double *tmp = calloc(n, sizeof *tmp);
    int *rank = calloc(n, sizeof *rank);
    int rc = S75_OK;
    if (!a->weights || !a->options || !a->lower || !a->upper || !df || !g || !tmp || !rank) {
        rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        goto done;
    }
    if (schedules(sc, T, df, g) < 0) {
        rc = error_set(err, S75_ENUMERIC, at, "appraisal.deflator", "the deflator or discount "
                       "schedule leaves a price index that is not a positive finite number by "
                       "year offset %d", T);
        goto done;
    }
    score_and_rank(ap, a, tmp, rank);
    present_values(sc, df, g, a);
    if (!all_finite(a)) {
        rc = error_set(err, S75_ENUMERIC, at, "appraisal", "a present value is not a finite "
                       "amount of money");
        goto done;
    }
    rank_npsv(a, tmp, rank);
    for (size_t j = 0; j < K; j++)
        switching_for(ap, a->preferred, j, &a->lower[j], &a->upper[j]);
    if (full) {
        a->sweep_npsv = malloc(OB_SWEEP_POINTS * n * sizeof *a->sweep_npsv);
        a->acceptability = malloc(n * n * sizeof *a->acceptability);
        a->central_weights = malloc(n * K * sizeof *a->central_weights);
        double *scores = malloc(n * K * sizeof *scores);
        if (!a->sweep_npsv || !a->acceptability || !a->central_weights || !scores) {
            free(scores);
            rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
            goto done;
        }
        ob_sweep(sc, a);
        for (size_t o = 0; o < n; o++)
            memcpy(scores + o * K, ap->options[o].scores, K * sizeof *scores);
        a->smaa_draws = ap->smaa_present ? ap->smaa_draws : SMAA_DEFAULT_DRAWS;
        a->smaa_seed = ap->smaa_present ? ap->smaa_seed : SMAA_DEFAULT_SEED;
        int src = a->smaa_draws > 0 ? smaa_run(scores, n, K, a->smaa_draws, a->smaa_seed,
                                               a->acceptability, a->central_weights) : -1;
        free(scores);
        if (src < 0) {
            rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
            goto done;
        }
        a->has_smaa = 1;
    }
done:
    free(df);
    free(g);
    free(tmp);
    free(rank);
    if (rc != S75_OK) {
        appraisal_free(a);
        return rc;
    }
    *out = a;
    return S75_OK;
}

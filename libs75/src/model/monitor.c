/* MODEL.md §11: in-year monitoring. From the projection of the monitored year
 * (the budgets and contributions) and the months of actuals so far, the
 * forecast outturn of each category, the year-end variance against
 * contributions, and the share of it each partner would bear under the
 * agreement's MODEL.md §5 rules if the forecast holds. */
#include "monitor.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "stages.h"
#include "run.h"
#include "s75/monitor.h"

const char *const monitor_category_key[N_CATEGORIES] = { "pay", "agency", "non_pay" };
const char *const monitor_category_label[N_CATEGORIES] = { "Pay", "Agency", "Non-pay" };
const char *const monitor_method_key[3] = { "run_rate", "profile", "trend" };
const char *const monitor_method_label[3] = { "run rate", "profile", "trend" };

/* The rest of the year after the last month of actuals: the remaining
 * months' least-squares line c0 + c1·i through (i, a_i), i = 1..m. The
 * loader guarantees m >= 2, so the months are distinct and the fit exists;
 * gsl_fit_linear reports through its status, never through the GSL error
 * handler. */
static int trend_rest(const double *a, int m, double *rest)
{
    double x[12], c0, c1, cov00, cov01, cov11, sumsq;
    for (int i = 0; i < m; i++)
        x[i] = (double)(i + 1);
    if (m < 2 || gsl_fit_linear(x, 1, a, 1, (size_t)m, &c0, &c1, &cov00, &cov01, &cov11,
                                &sumsq) != GSL_SUCCESS)
        return -1;
    double s = 0;
    for (int i = m + 1; i <= 12; i++)
        s += c0 + c1 * (double)i;
    *rest = s;
    return 0;
}

/* Forecast outturn F of one category with m >= 1 months of actuals. */
static int forecast_category(const monitoring_spec *ms, int c, monitor_category *k)
{
    const double *a = ms->actuals[c];
    int m = k->months;
    double rest = 0;
    switch (ms->method) {
    case MONITOR_RUN_RATE: {
        int n = ms->run_rate_months < m ? ms->run_rate_months : m;
        double sum = 0;
        for (int i = m - n; i < m; i++)
            sum += a[i];
        rest = (double)(12 - m) * (sum / (double)n);
        break;
    }
    case MONITOR_PROFILE:
        /* Σ_{i>m} profile_i is 1 - Σ_{i<=m} profile_i for the profile the
         * loader normalised to sum to 1, and exactly 0 at month 12. */
        for (int i = m; i < 12; i++)
            rest += k->budget * ms->profile[c][i];
        break;
    case MONITOR_TREND:
        if (trend_rest(a, m, &rest) < 0)
            return -1;
        break;
    default:
        return -1;
    }
    k->forecast = k->actual_to_date + rest;
    return isfinite(k->forecast) ? 0 : -1;
}

/* Quarters whose three months have actuals in every category that has any;
 * the budget is each category's profile of its budget over the quarter. */
static void complete_quarters(const monitoring_spec *ms, struct monitoring_result *r)
{
    int shortest = 0;
    for (int c = 0; c < N_CATEGORIES; c++)
        if (r->cat[c].months > 0 && (shortest == 0 || r->cat[c].months < shortest))
            shortest = r->cat[c].months;
    r->n_quarters = shortest / 3;
    for (int q = 0; q < r->n_quarters; q++) {
        monitor_quarter *Q = &r->quarters[q];
        Q->budget = Q->actual = 0;
        for (int c = 0; c < N_CATEGORIES; c++) {
            if (r->cat[c].months == 0)
                continue;
            for (int i = 3 * q; i < 3 * q + 3; i++) {
                Q->budget += r->cat[c].budget * ms->profile[c][i];
                Q->actual += ms->actuals[c][i];
            }
        }
    }
}

static void month_series(const monitoring_spec *ms, struct monitoring_result *r)
{
    monitor_months *v = &r->months;
    memset(v, 0, sizeof *v);
    v->last = MONTHS;
    for (int c = 0; c < N_CATEGORIES; c++)
        if (r->cat[c].months > 0) {
            v->cats[v->n_cats++] = c;
            if (r->cat[c].months < v->last)
                v->last = r->cat[c].months;
            v->outturn += r->cat[c].forecast;
        }
    double cb = 0, ca = 0;
    for (int i = 0; i < MONTHS; i++) {
        for (int k = 0; k < v->n_cats; k++) {
            int c = v->cats[k];
            v->budget[k][i] = r->cat[c].budget * ms->profile[c][i];
            cb += v->budget[k][i];
            if (i < v->last)
                ca += ms->actuals[c][i];
        }
        v->cum_budget[i] = cb;
        v->cum_actual[i] = i < v->last ? ca : NAN;
        v->forecast_line[i] = NAN;
    }
    int m0 = v->last;
    if (m0 < MONTHS) {
        double from = m0 > 0 ? v->cum_actual[m0 - 1] : 0;
        if (m0 > 0)
            v->forecast_line[m0 - 1] = from;
        for (int i = m0; i < MONTHS; i++)
            v->forecast_line[i] = from + (v->outturn - from) * (double)(i + 1 - m0) /
                                             (double)(MONTHS - m0);
        v->forecast_line[MONTHS - 1] = v->outturn;
    }
}

/* MODEL.md §5 applied to the forecast variance: the rule by its sign, the
 * year's contributions as the proportional weights, whole pence. */
static int share_forecast_variance(const scenario *sc, struct monitoring_result *r)
{
    const rs_rule *rule = r->forecast_variance > 0 ? &sc->risk_share.overspend
                                                   : &sc->risk_share.underspend;
    return rs_allocate(rule, r->forecast_variance, r->contributions, r->risk_share,
                       &r->unallocated);
}

int monitoring_compute(const scenario *sc, const projection *p, struct monitoring_result **out,
                       s75_error *err)
{
    const monitoring_spec *ms = &sc->monitoring;
    mark at = { sc->file, 0, 0 };
    *out = NULL;
    int t = ms->year - p->base_year;
    if (t < 0 || t >= p->years)
        return error_set(err, S75_EINVAL, at, "monitoring.year", "the monitored year is "
                         "outside the model");
    size_t N = (size_t)p->years, np = sc->n_partners;
    struct monitoring_result *r = calloc(1, sizeof *r);
    if (!r)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    r->contributions = calloc(np ? np : 1, sizeof *r->contributions);
    r->risk_share = calloc(np ? np : 1, sizeof *r->risk_share);
    if (!r->contributions || !r->risk_share) {
        monitoring_free(r);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    r->year = ms->year;
    r->method = ms->method;
    r->run_rate_months = ms->run_rate_months;
    r->n_partners = np;

    const double budgets[N_CATEGORIES] = { p->pay[t], p->agency[t], p->non_pay[t] };
    for (int c = 0; c < N_CATEGORIES; c++) {
        monitor_category *k = &r->cat[c];
        k->budget = budgets[c];
        k->months = (int)ms->n_actuals[c];
        if (k->months == 0) {
            k->forecast = k->budget;
        } else {
            for (int i = 0; i < k->months; i++) {
                k->profile_to_date += ms->profile[c][i];
                k->actual_to_date += ms->actuals[c][i];
            }
            k->budget_to_date = k->budget * k->profile_to_date;
            if (forecast_category(ms, c, k) < 0) {
                monitoring_free(r);
                return error_set(err, S75_ENUMERIC, at, "monitoring.actuals",
                                 "the %s forecast is not a finite amount of money",
                                 monitor_category_key[c]);
            }
        }
        r->forecast_cost += k->forecast;
    }
    for (size_t i = 0; i < np; i++)
        r->contributions[i] = p->contributions[i * N + (size_t)t];
    r->contributions_total = p->contributions_total[t];
    /* Actuals already carry whatever savings were delivered, so expected
     * savings are not taken off again (MODEL.md §11). */
    r->forecast_variance = r->forecast_cost - r->contributions_total;
    r->plan_variance = p->variance[t];
    int rc = share_forecast_variance(sc, r);
    if (rc < 0) {
        monitoring_free(r);
        if (rc == -2)
            return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        return error_set(err, S75_ENUMERIC, at, "monitoring", "the forecast variance is too "
                         "large to share in pence");
    }
    complete_quarters(ms, r);
    month_series(ms, r);
    *out = r;
    return S75_OK;
}

void monitoring_free(struct monitoring_result *m)
{
    if (!m)
        return;
    free(m->contributions);
    free(m->risk_share);
    free(m);
}

/* ---- public accessors ---- */

struct s75_monitoring {
    struct monitoring_result m;
};

static const struct monitoring_result *M(const s75_monitoring *m)
{
    return (const struct monitoring_result *)(const void *)m;
}

const s75_monitoring *s75_result_monitoring(const s75_result *res)
{
    if (!res || !res->monitoring)
        return NULL;
    return (const s75_monitoring *)(const void *)res->monitoring;
}

int s75_monitoring_year(const s75_monitoring *m)
{
    return m ? M(m)->year : 0;
}

double s75_monitoring_forecast_cost(const s75_monitoring *m)
{
    return m ? M(m)->forecast_cost : NAN;
}

double s75_monitoring_forecast_variance(const s75_monitoring *m)
{
    return m ? M(m)->forecast_variance : NAN;
}

size_t s75_monitoring_partner_count(const s75_monitoring *m)
{
    return m ? M(m)->n_partners : 0;
}

double s75_monitoring_partner_share(const s75_monitoring *m, size_t i)
{
    if (!m || i >= M(m)->n_partners)
        return NAN;
    return (double)M(m)->risk_share[i] / 100.0;
}

double s75_monitoring_unallocated(const s75_monitoring *m)
{
    return m ? (double)M(m)->unallocated / 100.0 : NAN;
}

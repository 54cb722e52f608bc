/* A partner's statement out of a result (statement.h, MODEL.md §15.4). */
#include "statement.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "monitor.h"
#include "simulate_result.h"

static void drivers(statement *st, const simulation_result *s)
{
    /* The bars by the partner's own swing, largest first (ties keep the
     * tornado's order); a bar that leaves its share where it is says
     * nothing about it. */
    for (size_t b = 0; b < s->n_tornado; b++) {
        const tornado_bar *bar = &s->tornado[b];
        if (!bar->share_low || !bar->share_high)
            continue;
        statement_driver d = { bar->input, bar->low, bar->high, bar->share_low[st->partner],
                               bar->share_high[st->partner], 0 };
        d.swing = fabs(d.share_high - d.share_low);
        if (!(d.swing > 0.005))
            continue;
        size_t k = st->n_drivers < STATEMENT_DRIVERS ? st->n_drivers++ : STATEMENT_DRIVERS;
        while (k > 0 && st->drivers[k - 1].swing < d.swing) {
            if (k < STATEMENT_DRIVERS)
                st->drivers[k] = st->drivers[k - 1];
            k--;
        }
        if (k < STATEMENT_DRIVERS)
            st->drivers[k] = d;
    }
}

int statement_compute(statement *st, const scenario *sc, const projection *p,
                      const simulation_result *s, const struct monitoring_result *m,
                      const char *id, s75_error *err)
{
    memset(st, 0, sizeof *st);
    if (!sc || !id)
        return error_set(err, S75_EUSAGE, no_mark, "", "result and partner id must not be NULL");
    mark at = { sc->file, 0, 0 };
    if (sc->is_portfolio || !p)
        return error_set(err, S75_EINVAL, at, "", "a partner's statement is of a single pool: "
                         "run it on one of the portfolio's pool files");
    int i = partner_index(sc, id);
    if (i < 0) {
        const char *near = nearest_word(id, partner_ids(sc));
        return error_set(err, S75_EINVAL, at, "partners", "--partner: no partner has the id "
                         "'%s'%s%s%s", id, near ? " (did you mean '" : "", near ? near : "",
                         near ? "'?)" : "");
    }
    size_t N = (size_t)p->years;
    st->partner = (size_t)i;
    st->id = sc->partners[i].id;
    st->name = sc->partners[i].name ? sc->partners[i].name : st->id;
    st->base_year = p->base_year;
    st->years = p->years;
    st->contribution = calloc(N + 1, sizeof *st->contribution);
    st->contribution_share = calloc(N + 1, sizeof *st->contribution_share);
    st->risk_share = calloc(N + 1, sizeof *st->risk_share);
    st->variance = calloc(N + 1, sizeof *st->variance);
    if (!st->contribution || !st->contribution_share || !st->risk_share || !st->variance)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    double pooled = 0;
    for (size_t t = 0; t < N; t++) {
        double c = p->contributions[(size_t)i * N + t];
        st->contribution[t] = c;
        st->contribution[N] += c;
        st->contribution_share[t] = p->contributions_total[t] > 0
                                        ? c / p->contributions_total[t] : NAN;
        pooled += p->contributions_total[t];
        st->risk_share[t] = p->risk_share[(size_t)i * N + t];
        st->risk_share[N] += st->risk_share[t];
        st->variance[t] = p->variance[t];
        st->variance[N] += p->variance[t];
    }
    st->contribution_share[N] = pooled > 0 ? st->contribution[N] / pooled : NAN;
    /* The pay bill it employs is the projection's breakdown by employer; a
     * partner that employs no line of a pool where others do employs 0. */
    int employers_named = 0;
    for (size_t k = 0; p->by_employer && k < p->n_employer_keys; k++)
        employers_named |= p->employer_key[k] >= 0;
    if (employers_named) {
        st->pay_bill = calloc(N + 1, sizeof *st->pay_bill);
        if (!st->pay_bill)
            return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        for (size_t k = 0; k < p->n_employer_keys; k++)
            if (p->employer_key[k] == (int)i)
                for (size_t t = 0; t < N; t++) {
                    st->pay_bill[t] = p->by_employer[k * N + t];
                    st->pay_bill[N] += st->pay_bill[t];
                }
    }
    if (s && !s->is_portfolio && s->horizon && s->p_pays) {
        st->has_simulation = 1;
        st->draws = s->draws;
        st->p95 = calloc(N + 1, sizeof *st->p95);
        st->p_pays = calloc(N + 1, sizeof *st->p_pays);
        if (!st->p95 || !st->p_pays)
            return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        for (size_t t = 0; t < N; t++) {
            st->p95[t] = sim_series_at(s, SIM_PARTNERS + (size_t)i, (int)t)->p95;
            st->p_pays[t] = s->p_pays[(size_t)i * (N + 1) + t];
        }
        st->p95[N] = s->horizon[1 + (size_t)i].p95;
        st->p_pays[N] = s->p_pays[(size_t)i * (N + 1) + N];
        drivers(st, s);
    }
    if (m && (size_t)i < m->n_partners) {
        st->has_monitoring = 1;
        st->monitoring_year = m->year;
        st->monitoring_share = m->risk_share[i];
        st->monitoring_variance = m->forecast_variance;
    }
    return S75_OK;
}

void statement_release(statement *st)
{
    free(st->contribution);
    free(st->contribution_share);
    free(st->risk_share);
    free(st->variance);
    free(st->pay_bill);
    free(st->p95);
    free(st->p_pays);
    memset(st, 0, sizeof *st);
}

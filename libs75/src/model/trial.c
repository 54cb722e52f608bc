/* Trials of a scenario with more overrides, and their measures (trial.h). */
#include "trial.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "load.h"
#include "modules.h"
#include "project.h"
#include "simulate_result.h"

scenario *trial_load(const trial_base *b, const char *const *extra, size_t n_extra,
                     s75_error *err)
{
    size_t n = b->opts.n_overrides + n_extra;
    const char **all = malloc((n ? n : 1) * sizeof *all);
    if (!all) {
        error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < b->opts.n_overrides; i++)
        all[i] = b->opts.overrides[i];
    for (size_t i = 0; i < n_extra; i++)
        all[b->opts.n_overrides + i] = extra[i];
    load_opts o = b->opts;
    o.overrides = all;
    o.n_overrides = n;
    diag d;
    diag_init(&d);
    scenario *sc = load_scenario_opts(b->file, b->text, b->len, &o, &d);
    if (!sc && diag_first(&d, err) == S75_OK)
        error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    diag_clear(&d);
    free(all);
    return sc;
}

int measure_is_confidence(const measure *m)
{
    return m->kind == MEASURE_P_OVERSPEND || m->kind == MEASURE_EXPOSURE;
}

void measure_name(const measure *m, char *buf, size_t cap)
{
    static const char *const names[] = { "variance", "gap", "share", "p_overspend", "exposure" };
    char fy[8];
    int has_partner = m->kind == MEASURE_SHARE || m->kind == MEASURE_EXPOSURE;
    snprintf(buf, cap, "%s%s%s%s%s", names[m->kind], has_partner ? ":" : "",
             has_partner ? m->partner : "", m->year ? ":" : "", m->year ? fy_label(m->year, fy) : "");
}

int measure_check(const scenario *sc, const measure *m, const char *what, s75_error *err)
{
    mark at = { sc->file, 0, 0 };
    char fy[8], a[8], b[8];
    if (sc->is_portfolio)
        return error_set(err, S75_EINVAL, at, "", "%s: a portfolio has no single projection to "
                         "search; solve or tabulate one of its pools' files", what);
    if (m->year && (m->year < sc->base_year || m->year >= sc->base_year + sc->years))
        return error_set(err, S75_EINVAL, at, "", "%s: year %s is outside the model (%s to %s)",
                         what, fy_label(m->year, fy), fy_label(sc->base_year, a),
                         fy_label(sc->base_year + sc->years - 1, b));
    if ((m->kind == MEASURE_SHARE || m->kind == MEASURE_EXPOSURE) &&
        partner_index(sc, m->partner) < 0) {
        const char *near = nearest_word(m->partner, partner_ids(sc));
        return error_set(err, S75_EINVAL, at, "partners", "%s: no partner has the id '%s'%s%s%s",
                         what, m->partner, near ? " (did you mean '" : "", near ? near : "",
                         near ? "'?)" : "");
    }
    if (measure_is_confidence(m) && !sc->uncertainty.present)
        return error_set(err, S75_EINVAL, at, "uncertainty", "%s: a confidence target needs an "
                         "uncertainty: block in the scenario (draws, seed and the sds)", what);
    return S75_OK;
}

double measure_sim_values(const scenario *sc, const measure *m)
{
    if (!measure_is_confidence(m))
        return 0;
    return (double)sc->uncertainty.draws * (double)sc->years * (double)(3 + sc->n_partners);
}

static int overflowed(const scenario *sc, s75_error *err)
{
    mark at = { sc->file, 0, 0 };
    return error_set(err, S75_ENUMERIC, at, "", "the projection overflowed: a variance is not "
                     "a finite amount of money");
}

static int deterministic(const scenario *sc, const measure *m, double *out, s75_error *err)
{
    projection p;
    if (projection_alloc(&p, sc->base_year, sc->years, sc->n_partners, sc->n_lines) < 0)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    int rc = project_run(sc, NULL, &p);
    if (rc < 0) {
        projection_release(&p);
        return rc == -2 ? error_set(err, S75_ENOMEM, no_mark, "", "out of memory")
                        : overflowed(sc, err);
    }
    int t0 = m->year ? m->year - sc->base_year : 0, t1 = m->year ? t0 + 1 : sc->years;
    double v = 0;
    if (m->kind == MEASURE_SHARE) {
        size_t i = (size_t)partner_index(sc, m->partner);
        int64_t pence = 0;
        for (int t = t0; t < t1; t++)
            pence += p.risk_share[i * (size_t)sc->years + (size_t)t];
        v = (double)pence / 100.0;
    } else {
        for (int t = t0; t < t1; t++)
            v += m->kind == MEASURE_GAP ? p.gap[t]
                                        : p.variance[t];
    }
    projection_release(&p);
    if (!isfinite(v))
        return overflowed(sc, err);
    *out = v;
    return S75_OK;
}

int measure_eval(const scenario *sc, const measure *m, unsigned threads, double *out,
                 long *draws, s75_error *err)
{
    if (draws)
        *draws = 0;
    if (!measure_is_confidence(m))
        return deterministic(sc, m, out, err);
    simulation_result *s;
    int rc = simulation_draws_only(sc, threads, &s, err);
    if (rc != S75_OK)
        return rc;
    size_t N = (size_t)sc->years;
    size_t t = m->year ? (size_t)(m->year - sc->base_year) : 0;
    if (m->kind == MEASURE_P_OVERSPEND) {
        *out = m->year ? s->p_overspend[t] : s->p_overspend_horizon;
    } else {
        size_t i = (size_t)partner_index(sc, m->partner);
        *out = m->year ? s->series[(SIM_PARTNERS + i) * N + t].p95 : s->horizon[1 + i].p95;
    }
    if (draws)
        *draws = s->draws;
    simulation_free(s);
    return S75_OK;
}

void trial_number(char *buf, size_t cap, double v)
{
    snprintf(buf, cap, "%.17g", v == 0 ? 0.0 : v);
}

int trial_parse_number(const char *s, double *out)
{
    char clean[64];
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '_' || *p == ',')
            continue;
        if (n + 1 >= sizeof clean)
            return -1;
        clean[n++] = *p;
    }
    clean[n] = '\0';
    int percent = n > 0 && clean[n - 1] == '%';
    if (percent)
        clean[--n] = '\0';
    if (n == 0 || isspace((unsigned char)clean[0]))
        return -1;
    char *end;
    double v = strtod(clean, &end);
    if (*end || !isfinite(v))
        return -1;
    *out = percent ? v / 100.0 : v;
    return 0;
}

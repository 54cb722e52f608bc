/* The JSON document of `--format json`. */
#include <stdio.h>

#include "sections.h"
#include "overrides.h"
#include "reader.h"
#include "report.h"
#include "s75/version.h"

static void json_workforce(jw *w, const scenario *sc, const projection *p)
{
    size_t N = (size_t)p->years;
    jw_array(w, "workforce");
    for (size_t l = 0; l < sc->n_lines; l++) {
        jw_object(w, NULL);
        jw_string(w, "role", sc->lines[l].role);
        const workforce_line *wl = &sc->lines[l];
        jw_string(w, "band", sc->bands[wl->band].name);
        jw_string(w, "pay_system", sc->systems[sc->bands[wl->band].system].name);
        if (wl->employer >= 0)
            jw_string(w, "employer", sc->partners[wl->employer].id);
        else
            jw_null(w, "employer");
        if (wl->team)
            jw_string(w, "team", wl->team);
        else
            jw_null(w, "team");
        const double *cols[] = { p->line_pay, p->line_agency, p->line_mean_basic };
        const char *names[] = { "pay", "agency", "mean_basic" };
        for (int c = 0; c < 3; c++) {
            jw_array(w, names[c]);
            for (size_t t = 0; t < N; t++)
                jw_number(w, NULL, cols[c][l * N + t]);
            jw_end_array(w);
        }
        jw_end_object(w);
    }
    jw_end_array(w);
}

/* MODEL.md §14: the pay bill (pay + agency) by employer and by pay system,
 * a per-year array for each key, beside the per-year projection objects. */
static void json_pay_by(jw *w, const scenario *sc, const projection *p)
{
    size_t N = (size_t)p->years;
    jw_object(w, "pay_by_employer");
    for (size_t k = 0; k < p->n_employer_keys; k++) {
        int e = p->employer_key[k];
        jw_array(w, e >= 0 ? sc->partners[e].id : "none");
        for (size_t t = 0; t < N; t++)
            jw_number(w, NULL, p->by_employer[k * N + t]);
        jw_end_array(w);
    }
    jw_end_object(w);
    jw_object(w, "pay_by_system");
    for (size_t k = 0; k < p->n_system_keys; k++) {
        jw_array(w, sc->systems[p->system_key[k]].name);
        for (size_t t = 0; t < N; t++)
            jw_number(w, NULL, p->by_system[k * N + t]);
        jw_end_array(w);
    }
    jw_end_object(w);
}

static void json_non_pay_lines(jw *w, const scenario *sc, const projection *p)
{
    size_t N = (size_t)p->years;
    jw_array(w, "non_pay_lines");
    for (size_t j = 0; j < sc->n_non_pay; j++) {
        const non_pay_line *np = &sc->non_pay[j];
        jw_object(w, NULL);
        jw_string(w, "name", np->name);
        if (np->employer >= 0)
            jw_string(w, "employer", sc->partners[np->employer].id);
        else
            jw_null(w, "employer");
        jw_array(w, "amount");
        for (size_t t = 0; t < N; t++)
            jw_number(w, NULL, p->line_non_pay[j * N + t]);
        jw_end_array(w);
        jw_end_object(w);
    }
    jw_end_array(w);
}

static void json_demand(jw *w, const scenario *sc, const demand_result *d, int base_year)
{
    char label[8];
    jw_array(w, "demand");
    for (int t = 0; t < d->years; t++)
        for (size_t b = 0; b < d->n_bands; b++) {
            size_t k = (size_t)t * d->n_bands + b;
            jw_object(w, NULL);
            jw_string(w, "band", d->bands[b]);
            if (d->systems[b] < sc->n_systems)
                jw_string(w, "pay_system", sc->systems[d->systems[b]].name);
            else
                jw_null(w, "pay_system");
            jw_string(w, "year", fy_label(base_year + t, label));
            jw_number(w, "required_wte", d->required[k]);
            jw_number(w, "staffed_wte", d->staffed[k]);
            jw_number(w, "capacity_gap_wte", d->gap[k]);
            jw_number(w, "contact_hours", d->contact_hours[k]);
            jw_number(w, "caseload_wte", d->caseload_wte[k]);
            jw_number(w, "gap_cost", d->gap_cost[k]); /* NAN: null */
            jw_end_object(w);
        }
    jw_end_array(w);
}

void report_json(sbuf *b, const s75_result *res)
{
    const scenario *sc = res->sc;
    jw w;
    jw_init(&w, b);
    jw_object(&w, NULL);
    jw_int(&w, "s75", 1);
    jw_string(&w, "version", S75_VERSION);
    jw_object(&w, "scenario");
    jw_string(&w, "name", sc->name);
    jw_string(&w, "sha256", sc->sha256);
    jw_int(&w, "base_year", sc->base_year);
    jw_int(&w, "years", sc->years);
    const scenario_provenance *p = sc->provenance;
    jw_string(&w, "variant", p ? p->variant : NULL);
    jw_array(&w, "overrides");
    for (size_t i = 0; p && i < p->n_overrides; i++)
        jw_string(&w, NULL, p->overrides[i]);
    jw_end_array(&w);
    json_inputs(&w, sc);
    jw_end_object(&w);
    jw_array(&w, "years");
    char label[8];
    for (int t = 0; t < sc->years; t++)
        jw_string(&w, NULL, fy_label(sc->base_year + t, label));
    jw_end_array(&w);
    if (res->portfolio)
        portfolio_json(&w, sc, res->portfolio);
    if (res->has_projection) {
        jw_array(&w, "projection");
        for (int t = 0; t < sc->years; t++) {
            jw_object(&w, NULL);
            json_projection_year(&w, sc, &res->proj, t);
            jw_end_object(&w);
        }
        jw_end_array(&w);
        if (sc->n_lines > 0 && res->proj.by_employer)
            json_pay_by(&w, sc, &res->proj);
        if (sc->n_non_pay > 0 && res->proj.line_non_pay)
            json_non_pay_lines(&w, sc, &res->proj);
        if (sc->n_lines > 0)
            json_workforce(&w, sc, &res->proj);
    }
    if (res->has_demand)
        json_demand(&w, sc, &res->demand, sc->base_year);
    if (res->appraisal)
        appraisal_json(&w, sc, res->appraisal);
    if (res->monitoring)
        monitoring_json(&w, sc, res->monitoring);
    if (res->simulation)
        simulation_json(&w, sc, res->simulation);
    jw_end_object(&w);
}

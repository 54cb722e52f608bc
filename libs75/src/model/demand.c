/* Workforce need against the workforce (MODEL.md §6, §6.1). */
#include "demand.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Whether workforce line l counts for band band_name of pay system `system`
 * in year t: only lines of that system and band, in the years they run
 * (MODEL.md §14). The one test that staffed WTE and the unit cost share, so
 * both always count the same staff. */
static int line_counts(const scenario *sc, size_t l, size_t system, const char *band_name, int t)
{
    const workforce_line *w = &sc->lines[l];
    const struct band *b = &sc->bands[w->band];
    return b->system == system && strcmp(b->name, band_name) == 0 && t >= w->first_t &&
           t <= w->last_t;
}

/* Index of (system, band_name) in out->bands, adding it at the end when new. */
static size_t band_slot(demand_result *out, size_t system, const char *band_name)
{
    size_t b = 0;
    while (b < out->n_bands &&
           (out->systems[b] != system || strcmp(out->bands[b], band_name) != 0))
        b++;
    if (b == out->n_bands) {
        memcpy(out->bands[out->n_bands], band_name, BAND_NAME_MAX);
        out->systems[out->n_bands++] = system;
    }
    return b;
}

/* Staffed WTE, unit cost and gap cost of band b in year t (required is
 * already summed). */
static void price_band(const scenario *sc, const projection *p, demand_result *out, size_t b,
                       int t)
{
    size_t k = (size_t)t * out->n_bands + b, N = (size_t)sc->years;
    double staffed = 0, pay = 0, in_post = 0;
    for (size_t l = 0; l < sc->n_lines; l++) {
        if (!line_counts(sc, l, out->systems[b], out->bands[b], t))
            continue;
        const workforce_line *w = &sc->lines[l];
        staffed += w->wte * (1 - w->vacancy + w->vacancy * w->agency_fill);
        pay += p->line_pay[l * N + (size_t)t];
        in_post += w->wte * (1 - w->vacancy);
    }
    out->staffed[k] = staffed;
    out->gap[k] = out->required[k] - staffed;
    out->unit_cost[k] = in_post > 0 ? pay / in_post : NAN;
    out->gap_cost[k] = out->gap[k] * out->unit_cost[k];
}

int demand_compute(const scenario *sc, const projection *p, demand_result *out)
{
    memset(out, 0, sizeof *out);
    const demand_spec *dm = &sc->demand;
    size_t N = (size_t)sc->years, na = dm->n_activities, nc = dm->n_caseloads;
    out->years = sc->years;
    out->bands = calloc(na + nc ? na + nc : 1, sizeof *out->bands);
    out->systems = calloc(na + nc ? na + nc : 1, sizeof *out->systems);
    size_t *band_of = calloc(na + nc ? na + nc : 1, sizeof *band_of);
    if (!out->bands || !out->systems || !band_of) {
        free(band_of);
        demand_release(out);
        return -1;
    }
    /* Activities before caseloads: the rows' band order. */
    for (size_t a = 0; a < na; a++)
        band_of[a] = band_slot(out, dm->activities[a].system, dm->activities[a].band);
    for (size_t c = 0; c < nc; c++)
        band_of[na + c] = band_slot(out, dm->caseloads[c].system, dm->caseloads[c].band);
    size_t cells = N * (out->n_bands ? out->n_bands : 1), nb = out->n_bands;
    double **arrays[] = { &out->contact_hours, &out->caseload_wte, &out->required,
                          &out->staffed, &out->gap, &out->unit_cost, &out->gap_cost };
    int oom = 0;
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
        oom |= !(*arrays[i] = calloc(cells, sizeof(double)));
    double *level = calloc(dm->n_drivers ? dm->n_drivers : 1, sizeof(double));
    if (oom || !level) {
        free(band_of), free(level);
        demand_release(out);
        return -1;
    }
    for (size_t d = 0; d < dm->n_drivers; d++)
        level[d] = dm->drivers[d].base;
    for (size_t t = 0; t < N; t++) {
        if (t > 0)
            for (size_t d = 0; d < dm->n_drivers; d++)
                level[d] *= 1 + dm->drivers[d].growth[t];
        /* Each activity's hours go over the contact share of productive
         * hours one by one (the sum is the same number; kept per activity so
         * a scenario without non-contact time gives the figures it always
         * has, to the last bit). */
        double contact_share_hours = dm->productive_hours[t] * (1 - dm->non_contact[t]);
        for (size_t a = 0; a < na; a++) {
            const activity *ac = &dm->activities[a];
            double units = level[ac->driver] * dm->drivers[ac->driver].need_weight[t];
            double hours = units * ac->per_unit * ac->coverage * ac->minutes / 60.0;
            out->contact_hours[t * nb + band_of[a]] += hours;
            out->required[t * nb + band_of[a]] += hours / contact_share_hours;
        }
        for (size_t c = 0; c < nc; c++) {
            const caseload *cl = &dm->caseloads[c];
            double units = level[cl->driver] * dm->drivers[cl->driver].need_weight[t];
            out->caseload_wte[t * nb + band_of[na + c]] += units / cl->per_wte[t];
        }
        for (size_t b = 0; b < nb; b++) {
            out->required[t * nb + b] += out->caseload_wte[t * nb + b];
            price_band(sc, p, out, b, (int)t);
        }
    }
    free(band_of);
    free(level);
    return 0;
}

void demand_release(demand_result *d)
{
    free(d->bands);
    free(d->systems);
    free(d->contact_hours);
    free(d->caseload_wte);
    free(d->required);
    free(d->staffed);
    free(d->gap);
    free(d->unit_cost);
    free(d->gap_cost);
    memset(d, 0, sizeof *d);
}

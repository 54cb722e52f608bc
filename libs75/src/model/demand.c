/* SPEC §7: the WTE the activities need against the WTE in post or covered. */
#include "demand.h"

#include <stdlib.h>
#include <string.h>

int demand_compute(const scenario *sc, demand_result *out)
{
    memset(out, 0, sizeof *out);
    const demand_spec *dm = &sc->demand;
    size_t N = (size_t)sc->years, na = dm->n_activities;
    out->years = sc->years;
    out->bands = calloc(na ? na : 1, sizeof *out->bands);
    size_t *band_of = calloc(na ? na : 1, sizeof *band_of);
    if (!out->bands || !band_of) {
        free(band_of);
        demand_release(out);
        return -1;
    }
    for (size_t a = 0; a < na; a++) {
        size_t b = 0;
        while (b < out->n_bands && strcmp(out->bands[b], dm->activities[a].band) != 0)
            b++;
        if (b == out->n_bands)
            memcpy(out->bands[out->n_bands++], dm->activities[a].band, BAND_NAME_MAX);
        band_of[a] = b;
    }
    size_t nb = out->n_bands;
    out->required = calloc(N * (nb ? nb : 1), sizeof(double));
    out->staffed = calloc(N * (nb ? nb : 1), sizeof(double));
    double *level = calloc(dm->n_drivers ? dm->n_drivers : 1, sizeof(double));
    if (!out->required || !out->staffed || !level) {
        free(band_of), free(level);
        demand_release(out);
        return -1;
    }
    /* Staffed WTE does not change with the year: in post plus agency cover. */
    for (size_t b = 0; b < nb; b++) {
        double staffed = 0;
        for (size_t l = 0; l < sc->n_lines; l++) {
            const workforce_line *w = &sc->lines[l];
            if (strcmp(sc->bands[w->band].name, out->bands[b]) == 0)
                staffed += w->wte * (1 - w->vacancy + w->vacancy * w->agency_fill);
        }
        for (size_t t = 0; t < N; t++)
            out->staffed[t * nb + b] = staffed;
    }
    for (size_t d = 0; d < dm->n_drivers; d++)
        level[d] = dm->drivers[d].base;
    for (size_t t = 0; t < N; t++) {
        if (t > 0)
            for (size_t d = 0; d < dm->n_drivers; d++)
                level[d] *= 1 + dm->drivers[d].growth[t];
        for (size_t a = 0; a < na; a++) {
            const activity *ac = &dm->activities[a];
            double hours = level[ac->driver] * ac->per_unit * ac->coverage * ac->minutes / 60.0;
            out->required[t * nb + band_of[a]] += hours / dm->productive_hours[t];
        }
    }
    free(band_of);
    free(level);
    return 0;
}

void demand_release(demand_result *d)
{
    free(d->bands);
    free(d->required);
    free(d->staffed);
    memset(d, 0, sizeof *d);
}

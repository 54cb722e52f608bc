/* Demand and capacity (SPEC §7). */
#ifndef S75_DEMAND_H
#define S75_DEMAND_H

#include "model.h"

typedef struct demand_result {
    size_t n_bands;          /* bands named by activities, in order of first use */
    char (*bands)[BAND_NAME_MAX];
    int years;
    double *required, *staffed; /* [t * n_bands + b] */
} demand_result;

int demand_compute(const scenario *sc, demand_result *out);
void demand_release(demand_result *d);

#endif

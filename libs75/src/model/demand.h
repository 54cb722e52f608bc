/* Demand and capacity (MODEL.md §6, §6.1): the WTE the activities and
 * caseloads need, by band, against the WTE in post or covered, and what
 * closing the gap with substantive staff would cost. */
#ifndef S75_DEMAND_H
#define S75_DEMAND_H

#include "model.h"
#include "project.h"

typedef struct demand_result {
    size_t n_bands;          /* (pay system, band) pairs named by activities, then caseloads,
                                in order of first use */
    char (*bands)[BAND_NAME_MAX];
    size_t *systems;         /* [n_bands]: the pay system of each (0 when there is none) */
    int years;
    /* [t * n_bands + b] */
    double *contact_hours;   /* activity hours a year */
    double *caseload_wte;    /* the caseload part of required */
    double *required, *staffed, *gap;
    double *unit_cost;       /* pay with on-costs per in-post WTE; NAN with no in-post WTE */
    double *gap_cost;        /* gap * unit_cost; NAN with unit_cost */
} demand_result;

/* p: the scenario's projection (its line pay prices the gap). Returns 0, or
 * -1 out of memory (out released). */
int demand_compute(const scenario *sc, const projection *p, demand_result *out);
void demand_release(demand_result *d);

#endif

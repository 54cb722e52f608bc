/* What simulate.c computes (SPEC §9 and the sensitivity tools of issue 5),
 * for the report writers and the public accessors. */
#ifndef S75_SIMULATE_RESULT_H
#define S75_SIMULATE_RESULT_H

#include <stddef.h>

#include "model.h"
#include "simulate_stats.h"
#include "s75/error.h"

/* The series a draw yields, per year. */
enum { SIM_COST = 0, SIM_GAP = 1, SIM_VARIANCE = 2, SIM_PARTNERS = 3 };

enum tornado_kind { TORNADO_AWARD, TORNADO_INFLATION, TORNADO_UPLIFT, TORNADO_SCHEME };

/* One bar of the tornado: the input at its low and high value, the others
 * at their deterministic values, and the total variance over the horizon. */
typedef struct tornado_bar {
    int kind;
    size_t scheme;          /* TORNADO_SCHEME: index into sc->schemes */
    char *input;            /* "pay_award", "inflation", "uplift", "scheme:<name>" */
    double low, high;       /* ± sd added to the rates; or 0 / 1 delivered */
    double variance_low, variance_high, swing;
} tornado_bar;

/* Break-even of one input: the rate at which the horizon's total variance is
 * zero, searched in [BREAK_EVEN_LOW, BREAK_EVEN_HIGH]. */
#define BREAK_EVEN_LOW (-0.5)
#define BREAK_EVEN_HIGH 0.5

typedef struct break_even {
    int found;
    double rate;
    double variance_low, variance_high; /* total variance at the bracket's ends */
} break_even;

typedef struct simulation_result {
    long draws;
    unsigned long seed;
    int base_year, years;
    size_t n_partners;
    unsigned threads;               /* threads used (not reported: output is the same) */
    sim_stats *series;              /* [(s * years) + t], s as above; allocations in pounds */
    double *p_overspend;            /* [years] */
    double total_variance;          /* deterministic, over the horizon */
    size_t n_tornado;
    tornado_bar *tornado;           /* sorted by swing, largest first */
    break_even pay_award, inflation;
} simulation_result;

/* simulate_sensitivity.c: the tornado and both break-evens into s. Returns
 * S75_OK, S75_ENOMEM or S75_ENUMERIC. */
int sim_sensitivity(const scenario *sc, simulation_result *s, s75_error *err);

#endif

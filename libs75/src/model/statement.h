/* A partner's statement (MODEL.md §15.4): one organisation's figures out of
 * a result, for its own board. Computed here; the writers only format. */
#ifndef S75_STATEMENT_INTERNAL_H
#define S75_STATEMENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "project.h"
#include "s75/error.h"

struct simulation_result;
struct monitoring_result;

/* How many inputs the statement names as moving the partner's share most. */
#define STATEMENT_DRIVERS 3

typedef struct statement_driver {
    const char *input;             /* the tornado bar's name, borrowed from the result */
    double low, high;              /* the input's two ends */
    double share_low, share_high;  /* the partner's horizon share at each end, pounds */
    double swing;                  /* |share_high - share_low| */
} statement_driver;

typedef struct statement {
    size_t partner;                /* index in the scenario */
    const char *id, *name;         /* borrowed from the scenario */
    int base_year, years;
    double *contribution;          /* [years + 1]: each year's, then the total */
    double *contribution_share;    /* [years + 1]: of the pool's contributions */
    int64_t *risk_share;           /* [years + 1] pence: each year's allocation, the total */
    double *variance;              /* [years + 1]: the pool's, for context */
    double *pay_bill;              /* [years + 1]: pay + agency of the workforce lines it
                                      employs, then the total (MODEL.md §14); NULL when no
                                      line names an employer */
    int has_simulation;
    long draws;
    double *p95;                   /* [years + 1]: p95 of the allocation; [years] of its total */
    double *p_pays;                /* [years + 1]: share of draws in which it pays anything */
    size_t n_drivers;
    statement_driver drivers[STATEMENT_DRIVERS];
    int has_monitoring;
    int monitoring_year;
    int64_t monitoring_share;      /* pence: its share of the forecast variance */
    double monitoring_variance;
} statement;

/* The statement of partner `id` (an id of the scenario's partners:) from
 * a run's projection and, when the run made them, its simulation and
 * monitoring (either may be NULL); all borrowed.
 * Returns S75_OK; S75_EINVAL for an unknown id (the nearest suggested), a
 * portfolio or a result without a projection; S75_EUSAGE for NULL
 * arguments; S75_ENOMEM.
 * Free with statement_release either way. */
int statement_compute(statement *st, const scenario *sc, const projection *p,
                      const struct simulation_result *s, const struct monitoring_result *m,
                      const char *id, s75_error *err);
void statement_release(statement *st);

#endif

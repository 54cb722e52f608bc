/* In-year monitoring (MODEL.md §11): what monitor.c computes and the report
 * writers in monitor_report.c print. */
#ifndef S75_MONITOR_INTERNAL_H
#define S75_MONITOR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* One category (pay, agency, non_pay) of the monitored year. */
typedef struct monitor_category {
    int months;            /* months of actuals; 0: none, forecast at budget */
    double budget;         /* the projection's figure for the year */
    double profile_to_date;/* Σ_{i<=months} profile_i */
    double budget_to_date; /* budget · profile_to_date */
    double actual_to_date; /* A */
    double forecast;       /* F */
} monitor_category;

typedef struct monitor_quarter {
    double budget, actual; /* summed over the categories with actuals */
} monitor_quarter;

/* Months of a financial year, April to March. */
#define MONTHS 12

/* The year month by month over the categories with actuals, for the
 * writers' table and chart: each category's budget spread by its profile,
 * the cumulative budget and actuals, and the forecast drawn as a straight
 * run from the position at the last month every such category has to the
 * year-end outturn (the outturn is the model's figure; the months between
 * only join the two). NAN where a series has no point. */
typedef struct monitor_months {
    int n_cats, cats[N_CATEGORIES]; /* the categories with actuals */
    int last;                    /* months every such category has; MONTHS when none */
    double budget[N_CATEGORIES][MONTHS]; /* [k][i], k indexing cats */
    double cum_budget[MONTHS], cum_actual[MONTHS], forecast_line[MONTHS];
    double outturn;              /* Σ forecast over those categories */
} monitor_months;

struct monitoring_result {
    int year;              /* FY */
    int method;            /* enum monitor_method */
    int run_rate_months;
    monitor_category cat[N_CATEGORIES];
    double forecast_cost, contributions_total, forecast_variance, plan_variance;
    size_t n_partners;
    double *contributions; /* [n_partners]: the year's, the proportional weights */
    int64_t *risk_share;   /* [n_partners] pence, the forecast variance shared */
    int64_t unallocated;   /* pence */
    int n_quarters;        /* complete in every category with actuals */
    monitor_quarter quarters[4];
    monitor_months months;
};

/* Category names as the file and the JSON spell them, and for people. */
extern const char *const monitor_category_key[N_CATEGORIES];
extern const char *const monitor_category_label[N_CATEGORIES];
extern const char *const monitor_method_key[3];
extern const char *const monitor_method_label[3];

#endif

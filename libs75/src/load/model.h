/* The validated scenario: what the loader produces and every stage reads.
 *
 * Series (MODEL.md §1) are resolved by the loader into dense per-year arrays, so
 * the model never looks a year up or fails on a missing one. Arrays indexed
 * by t run over the model years t = 0 .. years-1 (FY base_year + t). */
#ifndef S75_MODEL_H
#define S75_MODEL_H

#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>

#include "riskshare_rule.h"

/* Room for a council's local grade names ("Grade 10", "Scale 6 / SO1"). */
#define BAND_NAME_MAX 32

typedef struct band {
    char name[BAND_NAME_MAX];
    size_t system;         /* the pay system whose scale holds it */
    size_t n_points;
    double *points;        /* published annual pay points at the scale's year */
    double *progression;   /* n_points - 1 entries: years on point i before i+1 */
} band;

/* The award of one year (§3). */
typedef struct award {
    double percent;
    double flat_minimum;
    int has_flat;          /* 0: no flat_minimum given, so a negative award lowers pay */
    double *band_percent;  /* per band index; NAN where the award's percent applies */
} award;

/* One pay system (MODEL.md §2, §14): a scale, its awards and its on-costs.
 * `pay:` is the one system named "pay". */
typedef struct pay_system {
    char *name;
    int scale_year;
    size_t first_band, n_bands; /* its bands: scenario.bands[first_band ...] */
    award *awards;         /* [scenario.n_awards], FY scenario.scale_year + 1 + k; only the
                              FYs after this system's scale_year are read */
    double *ni_rate, *ni_threshold, *pension, *levy; /* [years] */
} pay_system;

typedef struct workforce_line {
    char *role;
    size_t band;           /* index into scenario.bands (its system: bands[band].system) */
    double wte, headcount;
    double *shares;        /* n_points of the band, summing to 1 */
    double turnover, vacancy, agency_fill, agency_premium;
    int employer;          /* partner index, -1 for none */
    char *team;            /* NULL for none */
    int first_t, last_t;   /* the model years it runs, start and end as t */
} workforce_line;

typedef struct non_pay_line {
    char *name;
    double amount;
    double *inflation;     /* [years]; [0] unused */
    double *amounts;       /* [years] explicit cash, or NULL for amount grown by inflation */
    int employer;          /* partner index, -1 for none */
    int first_t, last_t;
} non_pay_line;

typedef struct partner {
    char *id;
    char *name;
    int explicit_amounts;  /* 1: amounts[] given; 0: amount grown by uplift */
    double amount;
    double *uplift;        /* [years]; [0] unused; all 0 when explicit */
    double *amounts;       /* [years] when explicit */
} partner;

typedef struct saving_scheme {
    char *name;
    double value;
    int start;             /* FY */
    size_t n_phasing;
    double *phasing;
    double confidence;
    int recurrent;
} saving_scheme;

typedef struct driver {
    char *name;
    double base;
    double *growth;        /* [years]; [0] unused */
    double *need_weight;   /* [years]; > 0, default 1 */
} driver;

typedef struct activity {
    char *name;
    size_t system;         /* pay system of its band (0 when there is none) */
    size_t driver;
    double per_unit, coverage, minutes;
    char band[BAND_NAME_MAX];
} activity;

/* Staff who hold a caseload: driver units per WTE (MODEL.md §6.1). */
typedef struct caseload {
    char *name;
    size_t system;         /* pay system of its band (0 when there is none) */
    size_t driver;
    double *per_wte;       /* [years]; > 0 */
    char band[BAND_NAME_MAX];
} caseload;

typedef struct demand_spec {
    int present;
    double *productive_hours; /* [years] */
    double *non_contact;      /* [years]; in [0, 1), default 0 */
    size_t n_drivers, n_activities, n_caseloads;
    driver *drivers;
    activity *activities;
    caseload *caseloads;
} demand_spec;

typedef struct cashflow {
    int year;              /* FY */
    double amount;
} cashflow;

/* Optimism bias: a plain rate, or a Green Book category's upper bound
 * reduced by mitigation (§8.1). */
typedef struct optimism_bias {
    int given;             /* 0: inherit (option) / none (appraisal) */
    int category;          /* -1: plain rate */
    double rate;           /* the plain rate, or the category's upper bound */
    double mitigation;
} optimism_bias;

typedef struct risk_item {
    char *name;
    double probability, impact;
    int year;
} risk_item;

typedef struct criterion {
    char *id;
    char *name;
    double weight;
} criterion;

typedef struct option {
    char *id;
    char *name;
    double *scores;        /* per criterion */
    size_t n_costs, n_benefits, n_risks;
    cashflow *costs, *benefits;
    risk_item *risks;
    optimism_bias ob;
} option;

typedef struct appraisal_spec {
    int present;
    double rate;
    int declining;
    optimism_bias ob;
    size_t n_criteria, n_options;
    criterion *criteria;
    option *options;
    int smaa_present;
    long smaa_draws;
    unsigned long smaa_seed;
    int deflator_present;
    int deflator_first, deflator_last; /* FY range resolved (first = base_year) */
    double *deflator;                  /* growth per FY from deflator_first; [0] unused */
} appraisal_spec;

enum savings_mode { SAVINGS_BERNOULLI = 0, SAVINGS_EXPECTED = 1 };

typedef struct uncertainty_spec {
    int present;
    long draws;
    unsigned long seed;
    double award_sd, inflation_sd, uplift_sd;
    int savings_mode;
} uncertainty_spec;

enum monitor_method { MONITOR_RUN_RATE = 0, MONITOR_PROFILE = 1, MONITOR_TREND = 2 };
enum { CAT_PAY = 0, CAT_AGENCY = 1, CAT_NON_PAY = 2, N_CATEGORIES = 3 };

/* The optional paper: block (load_paper.c); each field NULL when not given. */
typedef struct paper_spec {
    int present;
    char *title, *author, *date, *recommendation, *decision;
} paper_spec;

typedef struct monitoring_spec {
    int present;
    int year;                     /* FY */
    int method;
    int run_rate_months;
    size_t n_actuals[N_CATEGORIES]; /* 0: no actuals for the category */
    double actuals[N_CATEGORIES][12];
    double profile[N_CATEGORIES][12];
} monitoring_spec;

typedef struct risk_share_spec {
    rs_rule overspend, underspend;
} risk_share_spec;

enum pool_tier { TIER_SYSTEM = 0, TIER_PLACE = 1, TIER_NEIGHBOURHOOD = 2 };

/* What reading one CSV table found (load/table.h), for `s75 validate` and
 * the scenario's accessors: rows outside the pool's scope are ignored but
 * counted, so a wrong cost-centre list shows. */
typedef struct table_summary {
    char *file;                   /* as named in messages */
    char *section;                /* "workforce_from", "monitoring.actuals_from", ... */
    char sha256[65];
    size_t rows, used;            /* data rows read; rows that went into the scenario */
    size_t other_cost_centre, other_year, other_account, after_month;
    size_t lines;                 /* workforce lines made from the rows */
    char *text;                   /* the one-line summary (s75_scenario_table_summary) */
} table_summary;

struct s75_scenario;

typedef struct pool {
    char *id;
    char *name;
    int tier;
    int parent;            /* index into pools, -1 for none */
    double population;     /* NAN when absent */
    struct s75_scenario *scenario;
} pool;

/* A file the scenario was read from (inputs.h). */
typedef struct input_file {
    char *path;            /* relative to the main file, as the files name it */
    char sha256[65];
} input_file;

typedef struct s75_scenario {
    _Atomic int refs;      /* the handle and every result made from it */
    char *name;
    char *file;
    char sha256[65];       /* of the main file */
    size_t n_inputs, cap_inputs;
    input_file *inputs;    /* the main file first, then includes and pools as read */
    char digest[65];       /* over inputs, variant and overrides (MODEL.md §12) */
    int base_year, years;

    /* §3, MODEL.md §14 */
    int scale_year;        /* the earliest of the systems' scale years (base_year: none) */
    size_t n_bands;
    band *bands;           /* every system's bands, system by system */
    size_t n_awards;       /* award years: FY scale_year+1 .. base_year+years-1 */
    size_t n_systems;
    pay_system *systems;
    size_t n_lines;
    workforce_line *lines;

    /* §4 */
    size_t n_non_pay;
    non_pay_line *non_pay;

    /* §5 */
    size_t n_partners;
    partner *partners;
    const char **partner_id_list; /* NULL-terminated, for suggestions */

    /* §6 */
    size_t n_schemes;
    saving_scheme *schemes;
    risk_share_spec risk_share;

    demand_spec demand;         /* §7 */
    appraisal_spec appraisal;   /* §8 */
    uncertainty_spec uncertainty; /* §9 */
    monitoring_spec monitoring; /* §12 */
    paper_spec paper;           /* what the board paper opens with */

    /* §11: a portfolio has pools and none of §3-§8 */
    int is_portfolio;
    size_t n_pools;
    pool *pools;

    size_t n_tables;            /* CSV tables read (load/table.h) */
    table_summary *tables;

    /* The variant and overrides it was loaded with (overrides.h). */
    struct scenario_provenance *provenance;

    /* Every file the load read (main, includes, pool files), by device and
     * inode, so that a report is never written over one of them. */
    size_t n_read;
    struct read_file_id { unsigned long long dev, ino; } *read;
} scenario;

#endif

/* Goal seeking (MODEL.md §15): the value of one input that meets a target,
 * found by reloading the scenario with the input `--set` to each trial
 * value. The result is plain data for s75/solve.h's accessors and writers. */
#ifndef S75_SOLVE_INTERNAL_H
#define S75_SOLVE_INTERNAL_H

#include <stddef.h>

#include "trial.h"

/* At most this many trials: the search's, the printing's and the re-run. */
#define SOLVE_MAX_BRENT 200
#define SOLVE_BISECTIONS 30          /* brackets 2^-30 of the range */
#define SOLVE_BAND_BISECTIONS 16
#define SOLVE_MAX_TRIALS (2 + SOLVE_BISECTIONS + 2 * SOLVE_BAND_BISECTIONS + 16)

typedef struct solve_request {
    const char *vary;              /* a --set path */
    const char *target;            /* as written: "variance=0", "p_overspend<=20%" ... */
    int year;                      /* FY or 0 */
    int has_range;
    double from, to;
    unsigned threads;
} solve_request;

typedef struct solve_result {
    char *path;                    /* the path varied */
    char *target;                  /* the target as written */
    char *measure;                 /* measure_name() */
    char *scenario_name, *file;
    int inequality;                /* 1: "<=" (a confidence target) */
    int confidence;
    double goal;                   /* the target's amount or probability */
    int year;                      /* FY or 0 */
    double from, to;               /* the range searched */
    int range_given;               /* 0: the default range */
    char *current;                 /* the input's value in the file, as written; NULL */
    double value;                  /* the answer, as printed in `set` */
    char *value_text;
    char *set;                     /* "PATH=VALUE" */
    double achieved;               /* the measure re-run at value */
    size_t evaluations;            /* trials run */
    /* Confidence targets (MODEL.md §15.2): */
    long draws;
    unsigned long seed;
    double standard_error;         /* binomial s.e. of the probability at the answer */
    double bracket_fail, bracket_meet;   /* the last bracket: fails at one end, meets at the other */
    double measure_fail, measure_meet;   /* the measure at those ends */
    int has_band;                  /* p_overspend: values within 2 s.e. of the target */
    double band_low, band_high;
} solve_result;

/* Runs the search. Returns S75_OK with *out (free with solve_result_free),
 * or S75_EUSAGE (a malformed target, from >= to), S75_EINVAL (a path or value
 * the loader refuses, an unknown partner, a confidence target without
 * uncertainty:, a year outside the model), S75_ELIMIT (more simulation work
 * than LIMIT_SIM_WORK), S75_ENUMERIC (no value in the range meets the
 * target) or S75_ENOMEM, with err filled. */
int solve_run(const trial_base *base, const solve_request *rq, solve_result **out,
              s75_error *err);
void solve_result_free(solve_result *r);

/* Parses "variance=AMOUNT", "gap=AMOUNT", "p_overspend<=P",
 * "exposure:ID<=AMOUNT" into m (year left as is), the amount or probability
 * and whether it is an inequality. Returns S75_OK or S75_EUSAGE. */
int solve_parse_target(const char *target, measure *m, double *goal, int *inequality,
                       s75_error *err);

#endif

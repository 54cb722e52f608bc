/* What solve and grid share: a scenario file held in memory and loaded again
 * with more `--set` overrides for each trial value (so a trial is exactly the
 * run the `--set` line would give), and the measures a trial is judged by
 * (MODEL.md §15). */
#ifndef S75_TRIAL_H
#define S75_TRIAL_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "overrides.h"

/* The file and the options every trial starts from. All borrowed. */
typedef struct trial_base {
    const char *file;              /* for messages and the base of include: paths */
    const char *text;
    size_t len;
    load_opts opts;                /* the caller's variant and overrides, applied first */
} trial_base;

/* The base loaded with `extra` overrides after the caller's. NULL with err
 * filled (the loader's first error) on failure. Free with scenario_free. */
scenario *trial_load(const trial_base *b, const char *const *extra, size_t n_extra,
                     s75_error *err);

enum measure_kind {
    MEASURE_VARIANCE = 0,          /* Σ_t variance(t), or the year's */
    MEASURE_GAP,                   /* Σ_t gap(t), or the year's */
    MEASURE_SHARE,                 /* a partner's allocation, over the horizon or the year's */
    MEASURE_P_OVERSPEND,           /* share of draws whose variance is > 0 */
    MEASURE_EXPOSURE               /* a partner's p95 allocation over the draws */
};

typedef struct measure {
    int kind;
    int year;                      /* a FY (2026 for 2026/27); 0 for the horizon */
    char partner[72];              /* MEASURE_SHARE, MEASURE_EXPOSURE */
} measure;

/* 1 for the measures that need the Monte Carlo. */
int measure_is_confidence(const measure *m);

/* "variance", "variance:2026/27", "p_overspend", "share:kcc", "exposure:kcc"... */
void measure_name(const measure *m, char *buf, size_t cap);

/* Checks m against a loaded scenario: the year in the horizon, the partner
 * known (with the nearest id suggested), uncertainty: present for a
 * confidence measure, a single pool. `what` names the option in messages
 * ("--target", "--measure"). Returns S75_OK or S75_EINVAL with err filled. */
int measure_check(const scenario *sc, const measure *m, const char *what, s75_error *err);

/* Monte Carlo values one trial of m keeps (draws x years x series, as
 * LIMIT_SIM_VALUES counts them); 0 for a deterministic measure. */
double measure_sim_values(const scenario *sc, const measure *m);

/* m of sc into *out (pounds, or a probability). draws (optional) gets the
 * number of draws (0 for a deterministic measure). threads: simulation
 * threads (0: all cores). Returns S75_OK or an s75_status with err filled. */
int measure_eval(const scenario *sc, const measure *m, unsigned threads, double *out,
                 long *draws, s75_error *err);

/* A number as a trial's override writes it: "%.17g", so it reads back as
 * the same double. */
void trial_number(char *buf, size_t cap, double v);

/* Parses an amount or a rate as the command line gives one: 250000,
 * 1_250_000, -3.5, 20% (a per cent: 0.2). Returns 0, or -1 when s is not
 * a finite number. */
int trial_parse_number(const char *s, double *out);

#endif

/* The options appraisal's results (MODEL.md §8), shared by appraise.c,
 * which computes them, and the report and accessor files, which read them.
 * A value the contract reports as null is held as NAN. */
#ifndef S75_APPRAISE_H
#define S75_APPRAISE_H

#include <stddef.h>

#include "model.h"

/* Mitigation levels of the optimism-bias sweep (MODEL.md §8): 0 to 100% in quarters. */
#define OB_SWEEP_POINTS 5

enum vfm_category { VFM_NONE = -1, VFM_POOR, VFM_LOW, VFM_MEDIUM, VFM_HIGH, VFM_VERY_HIGH };

typedef struct option_result {
    double score;             /* weighted score, weights normalised to sum 1 */
    int rank;                 /* 1 = highest score */
    double ob_rate;           /* the optimism-bias uplift applied to costs */
    double pv_costs_raw;      /* Σ DF·real cost, before optimism bias */
    double pv_costs, pv_benefits, pv_risk, npsv;
    double bcr, cost_per_point, equivalent_annual, switch_costs, switch_benefits;
    int rank_npsv;
    int vfm;                  /* enum vfm_category */
    int last_offset;          /* T: the last year offset with a cash flow or risk */
} option_result;

/* A switching value: the raw weight at which the preferred option ties with
 * `option` (an index), or absent. */
typedef struct switch_point {
    int present;
    double weight;
    size_t option;
} switch_point;

typedef struct appraisal_result {
    const scenario *sc;       /* borrowed: the result holding this holds the scenario */
    size_t n_options, n_criteria;
    double *weights;          /* normalised, per criterion */
    option_result *options;
    size_t preferred;         /* index of the rank-1 option */
    switch_point *lower, *upper; /* per criterion */

    int has_smaa;             /* s75 appraise only */
    long smaa_draws;
    unsigned long smaa_seed;
    double *acceptability;    /* [option * n_options + rank-1] */
    double *central_weights;  /* [option * n_criteria + criterion]; NAN row if never first */

    int has_sweep;            /* s75 appraise only */
    double sweep_mitigation[OB_SWEEP_POINTS];
    double *sweep_npsv;       /* [point * n_options + option] */
    size_t sweep_preferred[OB_SWEEP_POINTS];
} appraisal_result;

/* The value-for-money category: its key (JSON, CSV: "very_high") and its
 * words for a reader ("very high"); NULL for none. */
const char *vfm_name(int vfm);
const char *vfm_label(int vfm);

/* How many decimals (at least `least`, at most BCR_MAX_DECIMALS) a BCR
 * needs so that the printed figure falls in the same value-for-money
 * category as the BCR itself: 0.995 is "poor", so it prints as 0.995, never
 * 1.00. bcr_shown() is the value to print with that many decimals (the BCR
 * itself, or cut toward its category at the last decimal). */
#define BCR_MAX_DECIMALS 6
int bcr_decimals(double bcr, int least);
double bcr_shown(double bcr, int least);

/* Rank-acceptability and central weights by SMAA: `draws` weight vectors
 * drawn uniformly from the simplex with a Mersenne Twister seeded by `seed`.
 * scores is [option * n_criteria + criterion]; acceptability (n_options²)
 * and central (n_options × n_criteria) are filled. Self-contained (its own
 * generator, no globals), so concurrent calls do not interfere.
 * Returns 0, or -1 when memory runs out. */
int smaa_run(const double *scores, size_t n_options, size_t n_criteria, long draws,
             unsigned long seed, double *acceptability, double *central);

#endif

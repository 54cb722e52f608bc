/* Reading the options appraisal (MODEL.md §8) out of a result, without
 * parsing the JSON.
 *
 * The appraisal is borrowed from its s75_result and lives as long as it.
 * Options are indexed 0 .. s75_appraisal_option_count()-1 and criteria
 * 0 .. s75_appraisal_criterion_count()-1, both in the order of the scenario file.
 * A value the contract reports as null (a BCR with no costs, say), or an
 * index out of range, gives NAN; a missing string gives NULL. */
#ifndef S75_APPRAISAL_H
#define S75_APPRAISAL_H

#include "export.h"
#include <stddef.h>
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct s75_appraisal s75_appraisal;

/* Per-option figures, named as in the JSON (§10). Money is GBP in base-year
 * prices, discounted; S75_APPRAISAL_OB_RATE is the optimism-bias uplift
 * applied to the option's costs (0.41 for 41%). */
typedef enum s75_appraisal_value {
    S75_APPRAISAL_SCORE = 0,
    S75_APPRAISAL_PV_COSTS,
    S75_APPRAISAL_PV_BENEFITS,
    S75_APPRAISAL_PV_RISK,
    S75_APPRAISAL_NPSV,
    S75_APPRAISAL_BCR,
    S75_APPRAISAL_COST_PER_POINT,
    S75_APPRAISAL_EQUIVALENT_ANNUAL,
    S75_APPRAISAL_SWITCH_COSTS,
    S75_APPRAISAL_SWITCH_BENEFITS,
    S75_APPRAISAL_OB_RATE
} s75_appraisal_value;

/* The appraisal of a result; NULL when the scenario has none. */
S75_API const s75_appraisal *s75_result_appraisal(const s75_result *res);

S75_API size_t s75_appraisal_option_count(const s75_appraisal *a);
S75_API const char *s75_appraisal_option_id(const s75_appraisal *a, size_t option);
S75_API double s75_appraisal_option_value(const s75_appraisal *a, size_t option,
                                          s75_appraisal_value what);
/* Rank by weighted score (1 = preferred); 0 when out of range. */
S75_API int s75_appraisal_option_rank(const s75_appraisal *a, size_t option);
/* Rank by NPSV (1 = highest); 0 when out of range. */
S75_API int s75_appraisal_option_rank_npsv(const s75_appraisal *a, size_t option);
/* Value-for-money category from the BCR: "poor", "low", "medium", "high",
 * "very_high"; NULL when the BCR is null. Static storage. */
S75_API const char *s75_appraisal_option_vfm(const s75_appraisal *a, size_t option);
/* Index of the preferred option (rank 1 by score); S75_NONE for NULL. */
S75_API size_t s75_appraisal_preferred(const s75_appraisal *a);

S75_API size_t s75_appraisal_criterion_count(const s75_appraisal *a);
S75_API const char *s75_appraisal_criterion_id(const s75_appraisal *a, size_t criterion);
/* The criterion's weight normalised to sum 1 over the criteria. */
S75_API double s75_appraisal_criterion_weight(const s75_appraisal *a, size_t criterion);

/* A switching value of a criterion (MODEL.md §8): the raw weight below (upper = 0)
 * or above (upper = 1) today's at which the preferred option ties with
 * another, and that option's index. Returns 1 and fills *weight and *other
 * (either may be NULL) when there is one; 0 when there is none or the
 * arguments are out of range. */
S75_API int s75_appraisal_switching(const s75_appraisal *a, size_t criterion, int upper,
                                    double *weight, size_t *other);

/* SMAA, computed by S75_MODE_APPRAISE only: 1 when present. */
S75_API int s75_appraisal_has_smaa(const s75_appraisal *a);
/* Share of the draws in which the option takes rank r+1 (r from 0). */
S75_API double s75_appraisal_acceptability(const s75_appraisal *a, size_t option, size_t r);
/* Mean normalised weight on a criterion over the draws in which the option
 * ranks first; NAN when it never does. */
S75_API double s75_appraisal_central_weight(const s75_appraisal *a, size_t option,
                                            size_t criterion);

/* The optimism-bias sweep (MODEL.md §8), S75_MODE_APPRAISE only: the number of
 * mitigation levels (0 without a sweep), each level's mitigation (0..1),
 * each option's NPSV at it and the preferred option (highest NPSV). */
S75_API size_t s75_appraisal_sweep_point_count(const s75_appraisal *a);
S75_API double s75_appraisal_sweep_mitigation(const s75_appraisal *a, size_t point);
S75_API double s75_appraisal_sweep_npsv(const s75_appraisal *a, size_t point, size_t option);
/* Index of the preferred option at the level; S75_NONE when out of range. */
S75_API size_t s75_appraisal_sweep_preferred(const s75_appraisal *a, size_t point);

#ifdef __cplusplus
}
#endif
#endif

/* The projection (MODEL.md §2-§5): pay, agency, non-pay, contributions, gap,
 * savings, variance and risk share for each model year. */
#ifndef S75_PROJECT_H
#define S75_PROJECT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Partners whose shares fit on the stack before the heap is asked. */
#define LIMIT_SHARE_STACK 16

/* Perturbations for one Monte Carlo draw (MODEL.md §9). Any pointer may be NULL
 * for none. */
typedef struct perturbation {
    const double *award_noise;     /* [n_awards]: added to every band's award that year */
    const double *inflation_noise; /* [years]: added to every non-pay inflation, t >= 1 */
    const double *uplift_noise;    /* [n_partners * years]: added to amount-based uplifts */
    const unsigned char *delivered;/* [n_schemes]: 1 delivers in full, 0 nothing;
                                      NULL: confidence-weighted (expected) */
} perturbation;

typedef struct projection {
    int base_year, years;
    size_t n_partners, n_lines;
    /* per year */
    double *pay, *agency, *non_pay, *cost, *contributions_total, *gap;
    double *savings_planned, *savings_expected, *variance;
    int64_t *unallocated;          /* pence */
    /* [partner * years + t] */
    double *contributions;
    int64_t *risk_share;           /* pence */
    /* [line * years + t] */
    double *line_pay, *line_agency, *line_mean_basic;
    /* §11: a pool in a portfolio adds funding to children and cascades */
    double *delegated, *cascaded;  /* per year; NULL outside a portfolio */
    int gap_peak;                  /* year index of the largest gap, the first on a tie */
    /* Set by the sensitivity probes, which read only the variance: the split
     * is skipped, and a probe far from the scenario (a +50% award for forty
     * years) may hold amounts the split would refuse. */
    int variance_only;
    /* MODEL.md §14, filled when projection_alloc_detail() was called (NULL
     * otherwise: the simulation's draws need none of it) */
    size_t n_non_pay;
    double *line_non_pay;          /* [non-pay line * years + t] */
    size_t n_employer_keys, n_system_keys;
    int *employer_key;             /* partner index of each key, -1 for "none" */
    size_t *system_key;            /* pay system index of each key */
    double *by_employer, *by_system; /* [key * years + t]: pay + agency */
    size_t n_team_keys;
    size_t *team_line;             /* first line of each team (its team NULL: lines with none) */
    double *by_team;               /* [key * years + t]: pay + agency */
} projection;

int projection_alloc(projection *p, int base_year, int years, size_t n_partners, size_t n_lines);
void projection_release(projection *p);

/* Room for the per-line non-pay and the pay bill by employer and by pay
 * system (keys: those named by a workforce line, in order of first line;
 * "none" where a line names no employer). Returns 0 or -1. */
int projection_alloc_detail(projection *p, const scenario *sc);

/* The lowest rate of any band whose pay system takes award k (on the
 * scenario's award years), +inf when none does: where the -100% clamp of
 * award noise sits. */
double award_lowest_rate(const scenario *sc, size_t k);

/* Pay points of every band for every model year, after awards: out has
 * years * (sum of points over bands) entries; point_offset[b] is where band
 * b's points start in each year's row, row_len the row length. */
typedef struct pay_table {
    size_t row_len;
    size_t *offset;     /* [n_bands] */
    double *points;     /* [years * row_len] */
} pay_table;

int pay_table_build(pay_table *pt, const scenario *sc, const double *award_noise);
void pay_table_release(pay_table *pt);

/* One year of progression (MODEL.md §2) of a line's shares s over its k
 * pay points, prog the band's years per point; tmp: k doubles of scratch.
 * The projection and the simulation's precomputed shares both call it, so
 * their shares agree to the last bit. */
void pay_progress(double *s, size_t k, const double *prog, double turnover, double *tmp);

/* Costs of every workforce line into p (line arrays, pay, agency). */
void project_workforce(const scenario *sc, const pay_table *pt, projection *p);

/* Everything after pay: non-pay, contributions, gap, savings, variance and
 * the risk share of `variance + extra[t]` (extra may be NULL; used by
 * portfolios for cascaded amounts). Returns 0 or -1 (non-finite amount). */
int project_finance(const scenario *sc, const perturbation *pert, projection *p);

/* Index of the largest of v[0..years-1], the first on a tie; 0 when
 * years < 1. */
int peak_index(const double *v, int years);

/* The whole deterministic projection. */
int project_run(const scenario *sc, const perturbation *pert, projection *p);

/* The §6 risk share of one year's amount with that year's contributions as
 * weights: fills p->risk_share[i * years + t] and p->unallocated[t]. */
int project_share(const scenario *sc, projection *p, int t, double amount);

/* One line of the projection in year t (an s75_line value; the JSON document's names),
 * unallocated in pounds; NAN for an unknown line. t must be in range. */
double projection_line(const projection *p, int line, int t);

/* The share of a scheme's full-year effect delivered in year offset k. */
double scheme_phase(const saving_scheme *s, int k);

#endif

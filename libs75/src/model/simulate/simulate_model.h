/* The projection of §3-§6 rearranged for many draws.
 *
 * A Monte Carlo draw changes awards, inflation, uplifts and savings delivery,
 * never the workforce: the progression of point shares, WTE, heads, vacancy
 * and on-cost rates are the same in every draw. So per band and year the
 * lines fold into one coefficient per pay point,
 *
 *   K(b,t,i) = Σ_l s_li(t)·[w_l·(1 + pension + levy + ni_rate) + w_a,l·(1 + premium_l)]
 *   C(b,t)   = -Σ_l ni_rate·threshold·h_l
 *
 * and a draw's pay and agency in year t is Σ_b Σ_i K(b,t,i)·P_bi(t) + C(b,t),
 * where P are the draw's pay points, still rounded half up to whole pounds
 * point by point as §3 says. That fold holds while every line of the band
 * pays NI above its threshold; when a draw's lowest point of a band is below
 * the level at which some line's threshold could bite (crit), that band-year
 * is costed line by line exactly as project.c does. Points never fall below
 * their published value (less the 1/2 of rounding) unless an award without
 * a flat minimum is negative in the draw (MODEL.md §2); a draw that has
 * such an award checks every band-year that way. Non-pay lines that share
 * an inflation series are added up before growing. The cost of a draw is
 * thus independent of the number of workforce lines.
 *
 * The numbers equal project_run() on the same perturbation up to the
 * rounding of the sums' order (parts in 10^15 of the amounts: far below a
 * penny), so with every sd 0 a draw is the deterministic projection. */
#ifndef S75_SIMULATE_MODEL_H
#define S75_SIMULATE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "project.h"

typedef struct sim_band {
    size_t band;            /* index into sc->bands */
    size_t off, k;          /* its points in the draw's point row */
    size_t first, n_lines;  /* its lines in sim_model.band_lines */
} sim_band;

typedef struct sim_model {
    int years;
    size_t n_partners, n_schemes;
    /* pay: only bands some line uses */
    size_t n_used, row_len;
    sim_band *used;
    double *scale_points;   /* [row_len]: points at the scale's year */
    size_t n_awards, awards_before; /* awards_before: those up to the base year */
    double *point_pct;      /* [n_awards * row_len]: each point's band's rate */
    double *award_flat;     /* [n_awards * row_len]: the flat minimum of the point's
                               system's award, -inf where none is given */
    size_t *active_len;     /* [n_awards]: the points whose system takes award k, a
                               prefix of the row (bands ordered by their scale's year) */
    double *fall_rate;      /* [n_awards]: lowest rate of a point with no flat minimum
                               (+inf: none), below which a draw's award may cut a point */
    double *coef;           /* [years * row_len]: K */
    double *konst;          /* [years * n_used]: C */
    double *crit;           /* [years * n_used]: lowest point for the fold to hold */
    double *konst_total;    /* [years]: Σ_b C */
    unsigned char *fold_holds; /* [years]: 1 when every band folds in every draw */
    size_t *band_lines;     /* line indices grouped by used band */
    double *line_shares;    /* per line: [years][k] shares, at share_off[l] */
    size_t *share_off;      /* [n_lines] */
    /* non-pay */
    size_t n_groups;
    double *group_amount;   /* [n_groups] */
    int *group_first, *group_last; /* [n_groups]: the years its lines run, as t */
    double *fixed_non_pay;  /* [years]: lines of explicit cash by year (no inflation) */
    const double **group_inflation; /* [n_groups]: borrowed from the scenario */
    double *group_rate;     /* [years * n_groups]: 1 + group g's inflation in year t */
    /* savings */
    double *scheme_full;    /* [n_schemes * years]: value · phase */
    double *savings_expected; /* [years]: Σ value · phase · confidence */
} sim_model;

/* Scratch for one thread. */
typedef struct sim_work {
    double *points;         /* [row_len] */
    double *growth;         /* [n_groups] */
    double *partner_growth; /* [n_partners] */
    double *contrib;        /* [years * n_partners] */
    int64_t *pence;         /* [years * n_partners] */
    double *variance;       /* [years] */
    const rs_rule **rules;  /* [years]: the rule that splits each year */
    double *savings;        /* [years]: the draw's savings delivered */
    double *ys;             /* [row_len]: points before rounding */
} sim_work;

int sim_model_build(sim_model *m, const scenario *sc);
void sim_model_release(sim_model *m);
int sim_work_alloc(sim_work *w, const sim_model *m);
void sim_work_release(sim_work *w);

/* Number of values one draw yields: years * (3 + n_partners). */
size_t sim_model_row(const sim_model *m);

/* One draw: fills out[(s * years + t) * stride] for the series s = 0 cost,
 * 1 gap, 2 variance, 3 + i partner i's risk-share allocation in pence (an
 * exact integer held in a double); stride 1 for a row, a chunk buffer's
 * stride to write a draw's column into it. Returns 0, -1 when a
 * variance is not a finite amount of money, -2 when out of memory. */
int sim_model_eval(const sim_model *m, const scenario *sc, const perturbation *pert,
                   sim_work *w, double *out, size_t stride);

#endif

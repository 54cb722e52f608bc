/* Reading the Monte Carlo simulation (MODEL.md §9), its tornado and its
 * break-even rates out of a result made by s75_run() in S75_MODE_SIMULATE.
 *
 * The simulation is borrowed from its s75_result and lives as long as it.
 * Year index t runs 0 .. years-1 (t = 0 is the base year). Out-of-range
 * arguments give NAN (values), NULL (strings) or -1 (status).
 *
 * Statistics are over the draws: the mean, the sample standard deviation
 * and the 5th, 50th and 95th percentiles as GSL's
 * gsl_stats_quantile_from_sorted_data() defines them on the sorted draws
 * (linear interpolation between order statistics i = floor(f·(n-1)) and
 * i + 1). Risk-share allocations are in pounds (each draw's allocation is
 * whole pence). */
#ifndef S75_SIMULATE_H
#define S75_SIMULATE_H

#include "export.h"
#include <stddef.h>
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct s75_simulation s75_simulation;

typedef enum s75_sim_series {
    S75_SIM_COST = 0,
    S75_SIM_GAP = 1,
    S75_SIM_VARIANCE = 2
} s75_sim_series;

typedef enum s75_stat {
    S75_STAT_MEAN = 0,
    S75_STAT_SD,
    S75_STAT_P5,
    S75_STAT_P50,
    S75_STAT_P95
} s75_stat;

/* The simulation of a result run in S75_MODE_SIMULATE; NULL otherwise. */
S75_API const s75_simulation *s75_result_simulation(const s75_result *res);

S75_API size_t s75_simulation_draw_count(const s75_simulation *s);
S75_API unsigned long s75_simulation_seed(const s75_simulation *s);
S75_API size_t s75_simulation_year_count(const s75_simulation *s);

/* A statistic of cost, gap or variance in year t. */
S75_API double s75_simulation_stat(const s75_simulation *s, s75_sim_series series, s75_stat stat,
                                   int t);
/* A statistic of partner i's risk-share allocation in year t, in pounds
 * (partners in the scenario's order; for a portfolio, the consolidated
 * partners in s75_portfolio_partner_id()'s order, the shares summed over
 * every pool in each draw). Of a portfolio, the statistics are of the
 * consolidated figures, and there is no tornado or break-even. */
S75_API double s75_simulation_risk_share_stat(const s75_simulation *s, size_t partner,
                                              s75_stat stat, int t);
/* The share of draws whose variance in year t is above zero. */
S75_API double s75_simulation_p_overspend(const s75_simulation *s, int t);

/* One bar of the tornado: the input moved alone from low to high (a shift
 * of the rates by ±1 sd, or a savings scheme not delivered (0) and
 * delivered (1)), the total variance over the horizon at each end, and the
 * swing |variance_high - variance_low|. `input` is "pay_award",
 * "inflation", "uplift" or "scheme:<name>", borrowed from the result. */
typedef struct s75_tornado_bar {
    const char *input;
    double low, high;
    double variance_low, variance_high, swing;
} s75_tornado_bar;

/* Number of bars, sorted by swing, largest first. */
S75_API size_t s75_simulation_tornado_count(const s75_simulation *s);
/* Fills *out with bar i. Returns S75_OK or S75_EUSAGE (NULL or out of range). */
S75_API s75_status s75_simulation_tornado(s75_tornado_bar *out, const s75_simulation *s, size_t i);

typedef enum s75_break_even_input {
    S75_BREAK_EVEN_PAY_AWARD = 0,  /* one award every year from base_year + 1 */
    S75_BREAK_EVEN_INFLATION = 1   /* one non-pay inflation rate every year */
} s75_break_even_input;

/* The rate (a fraction: 0.035 is 3.5%) at which the total variance over
 * the horizon is zero, searched in [-50%, +50%]; NAN when there is no root
 * there. */
S75_API double s75_simulation_break_even(const s75_simulation *s, s75_break_even_input input);

#ifdef __cplusplus
}
#endif
#endif

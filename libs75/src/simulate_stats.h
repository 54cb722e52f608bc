/* Summary statistics of simulated draws (SPEC §9). */
#ifndef S75_SIMULATE_STATS_H
#define S75_SIMULATE_STATS_H

#include <stddef.h>

typedef struct sim_stats {
    double mean, sd, p5, p50, p95;
} sim_stats;

/* Mean, standard deviation and the 5th, 50th and 95th percentiles of the n
 * values in x (n >= 1). The same values in the same order give the same
 * bits; x may be reordered.
 *
 * sd is the sample standard deviation, sqrt(Σ(x - mean)² / (n - 1)), and 0
 * when n = 1.
 *
 * A percentile is GSL's gsl_stats_quantile_from_sorted_data() on the values
 * sorted ascending, x(0) <= ... <= x(n-1): for the fraction f, with
 * i = floor(f·(n-1)) and h = f·(n-1) - i,
 *     q(f) = x(i)                          when i = n - 1,
 *     q(f) = (1 - h)·x(i) + h·x(i+1)       otherwise.
 * The two order statistics each percentile reads are found without a full
 * sort (counting the values into bins between the least and the greatest,
 * then selecting within the few bins that hold them), which gives the same
 * numbers in linear time. */
void sim_stats_compute(double *x, size_t n, sim_stats *out);

/* The sum, least and greatest of a series, which the simulation takes
 * chunk by chunk while the chunk is still in cache, and adds up in chunk
 * order (so the same bits at any thread count): it spares the statistics a
 * pass over the whole series. */
typedef struct sim_summary {
    double sum, lo, hi;
} sim_summary;

void sim_summary_of(const double *x, size_t n, sim_summary *out);
/* Adds part into into; first: into is not set yet. */
void sim_summary_merge(sim_summary *into, const sim_summary *part, int first);
/* sim_stats_compute() given the summary of x. */
void sim_stats_from(double *x, size_t n, const sim_summary *sm, sim_stats *out);

/* One percentile by the definition above; reorders x. */
double sim_quantile(double *x, size_t n, double f);

#endif

/* Summary statistics of simulated draws (MODEL.md §9). */
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
 *     q(f) = x(i)                          when i = n - 1 or x(i) = x(i+1),
 *     q(f) = (1 - h)·x(i) + h·x(i+1)       otherwise
 * (GSL's own formula gives x(i) = x(i+1) back only up to rounding).
 * The two order statistics each percentile reads are found without a full
 * sort (counting the values into bins between the least and the greatest,
 * then selecting within the few bins that hold them), which gives the same
 * numbers in linear time. */
void sim_stats_compute(double *x, size_t n, sim_stats *out);

/* Moments of part of a series: the simulation takes them chunk by chunk
 * while the chunk is in cache, and adds the chunks up in chunk order (so
 * the same bits at any thread count) with the pairwise update of Chan,
 * Golub and LeVeque; m2 is Σ(x - mean)². */
typedef struct sim_moments {
    size_t n;
    double mean, m2, lo, hi;
} sim_moments;

void sim_moments_of(const double *x, size_t n, sim_moments *out);
/* Adds part into into; first: into is not set yet. */
void sim_moments_merge(sim_moments *into, const sim_moments *part, int first);
/* The mean and sample sd: exactly the value and 0 when every value is the
 * same. */
void sim_moments_finish(const sim_moments *m, double *mean, double *sd);

/* The percentiles above of the n values in x (reordered), whose least and
 * greatest are lo and hi. */
void sim_percentiles(double *x, size_t n, double lo, double hi, double out[3]);

/* Up to six order statistics ks (ascending, distinct, < n) of the n values
 * in x, whose least and greatest are lo and hi, into vs: counted into bins
 * between lo and hi, then selected among the few values of the bins that
 * hold them (selection over all the values would mispredict a branch at
 * every other step). x may be reordered. Returns 0, or -1 for nk > 6. */
int sim_order_stats(double *x, size_t n, double lo, double hi, const size_t *ks, size_t nk,
                    double *vs);

/* The three fractions (0.05, 0.5, 0.95). */
extern const double sim_fractions[3];
/* The rank i = floor(f·(n-1)) the percentile f reads, with i + 1 unless
 * i = n - 1. */
size_t sim_quantile_rank(size_t n, double f);
/* The percentile f of n values from x(i) and x(i+1) (ignored when
 * i = n - 1), i = sim_quantile_rank(n, f). */
double sim_quantile_from(size_t n, double f, double x_i, double x_next);
/* Places the order statistics ks (ascending, distinct, < n) of x at their
 * indices. */
void sim_select(double *x, size_t n, const size_t *ks, size_t nk);

/* One percentile by the definition above; reorders x. */
double sim_quantile(double *x, size_t n, double f);

#endif

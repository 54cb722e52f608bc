/* Summary statistics of simulated draws: see simulate_stats.h for the
 * definitions (GSL's quantile, the sample sd). */
#include "simulate_stats.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static double median3(double a, double b, double c)
{
    if (a < b)
        return b < c ? b : (a < c ? c : a);
    return a < c ? a : (b < c ? c : b);
}

/* Wirth's selection with a median-of-three pivot: afterwards x[k] is the
 * k-th smallest of x[lo..hi], the values before it are <= and those after
 * it >= x[k]. Hoare's partition stops on equal values, so runs of equal
 * draws (a scheme delivered or not) split evenly. */
static void select_k(double *x, ptrdiff_t lo, ptrdiff_t hi, ptrdiff_t k)
{
    while (lo < hi) {
        double pivot = median3(x[lo], x[lo + (hi - lo) / 2], x[hi]);
        ptrdiff_t i = lo, j = hi;
        do {
            while (x[i] < pivot)
                i++;
            while (pivot < x[j])
                j--;
            if (i <= j) {
                double tmp = x[i];
                x[i] = x[j];
                x[j] = tmp;
                i++;
                j--;
            }
        } while (i <= j);
        if (j < k)
            lo = i;
        if (k < i)
            hi = j;
    }
}

/* Places every order statistic listed in ks (ascending, distinct, within
 * [lo, hi]) at its index. */
static void select_many(double *x, ptrdiff_t lo, ptrdiff_t hi, const ptrdiff_t *ks, size_t nk)
{
    if (nk == 0 || lo > hi)
        return;
    size_t mid = nk / 2;
    ptrdiff_t k = ks[mid];
    select_k(x, lo, hi, k);
    select_many(x, lo, k - 1, ks, mid);
    select_many(x, k + 1, hi, ks + mid + 1, nk - mid - 1);
}

static const double fractions[3] = { 0.05, 0.5, 0.95 };

/* The order statistics the three percentiles read: i and i + 1 for each. */
static size_t needed_ranks(size_t n, ptrdiff_t ks[6])
{
    size_t nk = 0;
    for (int q = 0; q < 3; q++) {
        size_t lhs = (size_t)(fractions[q] * (double)(n - 1));
        for (size_t k = lhs; k <= lhs + 1 && k < n; k++)
            if (nk == 0 || ks[nk - 1] < (ptrdiff_t)k)
                ks[nk++] = (ptrdiff_t)k;
    }
    return nk;
}

static double rank_value(const ptrdiff_t *ks, const double *vs, size_t nk, size_t k)
{
    for (size_t i = 0; i < nk; i++)
        if (ks[i] == (ptrdiff_t)k)
            return vs[i];
    return NAN;
}

/* gsl_stats_quantile_from_sorted_data(), term for term, from the two
 * order statistics it reads. */
static double quantile_of(const ptrdiff_t *ks, const double *vs, size_t nk, size_t n, double f)
{
    const double index = f * (double)(n - 1);
    const size_t lhs = (size_t)index;
    const double delta = index - (double)lhs;
    if (lhs == n - 1)
        return rank_value(ks, vs, nk, lhs);
    return (1 - delta) * rank_value(ks, vs, nk, lhs) + delta * rank_value(ks, vs, nk, lhs + 1);
}

/* Bins for finding the order statistics: the values are spread over
 * SIM_BINS equal bins between their minimum and maximum (a monotone map, so
 * the bins are in the values' order); a pass counts each bin, a second
 * copies out only the bins holding the wanted ranks, and selection finishes
 * inside those few values. Two linear passes instead of repeated
 * partitioning of the whole series. */
#define SIM_BINS 4096

/* x in [lo, hi]: (x - lo)·scale is in [0, SIM_BINS·(1 + ε)], so an int holds it. */
static inline int bin_of(double x, double lo, double scale)
{
    int b = (int)((x - lo) * scale);
    return b < SIM_BINS ? b : SIM_BINS - 1;
}

/* count: the values per bin, filled by the caller's pass over x. */
static int binned_ranks(const double *x, size_t n, double lo, double scale,
                        const uint32_t *count, const ptrdiff_t *ks, size_t nk, double *vs)
{
    int16_t *slot = malloc(SIM_BINS * sizeof *slot);
    if (!slot)
        return -1;
    /* which bin each wanted rank falls in, and its rank inside the bin */
    size_t bin_k[6], below_k[6], bins[6], n_bins = 0, size[6], start[6], fill[6];
    size_t below = 0, b = 0;
    for (size_t i = 0; i < nk; i++) {
        while (below + count[b] <= (size_t)ks[i])
            below += count[b++];
        bin_k[i] = b;
        below_k[i] = below;
        if (n_bins == 0 || bins[n_bins - 1] != b)
            bins[n_bins++] = b;
    }
    for (size_t i = 0; i < SIM_BINS; i++)
        slot[i] = -1;
    size_t total = 0;
    for (size_t j = 0; j < n_bins; j++) {
        slot[bins[j]] = (int16_t)j;
        start[j] = total;
        size[j] = count[bins[j]];
        fill[j] = 0;
        total += size[j];
    }
    double *kept = malloc(total * sizeof *kept);
    if (!kept) {
        free(slot);
        return -1;
    }
    for (size_t d = 0; d < n; d++) {
        int16_t j = slot[bin_of(x[d], lo, scale)];
        if (j >= 0)
            kept[start[j] + fill[j]++] = x[d];
    }
    for (size_t j = 0; j < n_bins; j++) {
        ptrdiff_t local[6];
        size_t nl = 0;
        for (size_t i = 0; i < nk; i++)
            if (bin_k[i] == bins[j])
                local[nl++] = ks[i] - (ptrdiff_t)below_k[i];
        double *seg = kept + start[j];
        select_many(seg, 0, (ptrdiff_t)size[j] - 1, local, nl);
        for (size_t i = 0; i < nk; i++)
            if (bin_k[i] == bins[j])
                vs[i] = seg[ks[i] - (ptrdiff_t)below_k[i]];
    }
    free(kept), free(slot);
    return 0;
}

static void percentiles(double *x, size_t n, double lo, double hi, double scale,
                        const uint32_t *count, double out[3])
{
    ptrdiff_t ks[6];
    double vs[6];
    size_t nk = needed_ranks(n, ks);
    if (hi == lo) {
        for (size_t i = 0; i < nk; i++)
            vs[i] = lo;
    } else if (!count || binned_ranks(x, n, lo, scale, count, ks, nk, vs) < 0) {
        /* no bins (no memory, or a range too wide to scale): select in place */
        select_many(x, 0, (ptrdiff_t)n - 1, ks, nk);
        for (size_t i = 0; i < nk; i++)
            vs[i] = x[ks[i]];
    }
    for (int q = 0; q < 3; q++)
        out[q] = quantile_of(ks, vs, nk, n, fractions[q]);
}

double sim_quantile(double *x, size_t n, double f)
{
    if (n == 0)
        return 0.0;
    size_t lhs = (size_t)(f * (double)(n - 1));
    ptrdiff_t ks[2] = { (ptrdiff_t)lhs, (ptrdiff_t)lhs + 1 };
    size_t nk = lhs + 1 < n ? 2 : 1;
    select_many(x, 0, (ptrdiff_t)n - 1, ks, nk);
    double vs[2] = { x[ks[0]], nk == 2 ? x[ks[1]] : NAN };
    return quantile_of(ks, vs, nk, n, f);
}

void sim_summary_of(const double *x, size_t n, sim_summary *out)
{
    double sum = 0, lo = x[0], hi = x[0];
    for (size_t d = 0; d < n; d++) {
        sum += x[d];
        lo = x[d] < lo ? x[d] : lo;
        hi = x[d] > hi ? x[d] : hi;
    }
    out->sum = sum;
    out->lo = lo;
    out->hi = hi;
}

void sim_summary_merge(sim_summary *into, const sim_summary *part, int first)
{
    if (first) {
        *into = *part;
        return;
    }
    into->sum += part->sum;
    into->lo = part->lo < into->lo ? part->lo : into->lo;
    into->hi = part->hi > into->hi ? part->hi : into->hi;
}

void sim_stats_from(double *x, size_t n, const sim_summary *sm, sim_stats *out)
{
    /* The correction term of Chan, Golub and LeVeque on the mean of the
     * summary: n equal values give exactly that value as the mean, and sd 0. */
    double lo = sm->lo, hi = sm->hi;
    double m0 = sm->sum / (double)n, s1 = 0, s2 = 0;
    double scale = (double)SIM_BINS / (hi - lo);
    uint32_t *count = NULL;
    if (hi > lo && isfinite(scale) && n <= UINT32_MAX)
        count = calloc(SIM_BINS, sizeof *count);
    if (count) {
        /* the same pass counts the bins for the percentiles */
        for (size_t d = 0; d < n; d++) {
            double dev = x[d] - m0;
            s1 += dev;
            s2 += dev * dev;
            count[bin_of(x[d], lo, scale)]++;
        }
    } else {
        for (size_t d = 0; d < n; d++) {
            double dev = x[d] - m0;
            s1 += dev;
            s2 += dev * dev;
        }
    }
    out->mean = m0 + s1 / (double)n;
    double var = n > 1 ? (s2 - s1 * s1 / (double)n) / (double)(n - 1) : 0.0;
    out->sd = var > 0 ? sqrt(var) : 0.0;
    double q[3];
    percentiles(x, n, lo, hi, scale, count, q);
    free(count);
    out->p5 = q[0];
    out->p50 = q[1];
    out->p95 = q[2];
}

void sim_stats_compute(double *x, size_t n, sim_stats *out)
{
    sim_summary sm;
    sim_summary_of(x, n, &sm);
    sim_stats_from(x, n, &sm, out);
}

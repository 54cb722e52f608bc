/* Summary statistics of simulated draws: see simulate_stats.h for the
 * definitions (GSL's quantile, the sample sd). */
#include "simulate_stats.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
static void select_many(double *x, ptrdiff_t lo, ptrdiff_t hi, const size_t *ks, size_t nk)
{
    if (nk == 0 || lo > hi)
        return;
    size_t mid = nk / 2;
    ptrdiff_t k = (ptrdiff_t)ks[mid];
    select_k(x, lo, hi, k);
    select_many(x, lo, k - 1, ks, mid);
    select_many(x, k + 1, hi, ks + mid + 1, nk - mid - 1);
}

void sim_select(double *x, size_t n, const size_t *ks, size_t nk)
{
    if (n > 0)
        select_many(x, 0, (ptrdiff_t)n - 1, ks, nk);
}

const double sim_fractions[3] = { 0.05, 0.5, 0.95 };

size_t sim_quantile_rank(size_t n, double f)
{
    return n ? (size_t)(f * (double)(n - 1)) : 0;
}

/* gsl_stats_quantile_from_sorted_data(), term for term, except where the
 * two order statistics are equal: there the percentile is that value
 * exactly. GSL's (1 - h)·x + h·x is x only up to rounding (h = 0.95 from
 * 0.05 x 19,999 is 0.9500000000000455), so a p5 of draws that all cost
 * 4,103,400 came out as 4,103,399.9999999995 (MODEL.md §9). */
double sim_quantile_from(size_t n, double f, double x_i, double x_next)
{
    const double index = f * (double)(n - 1);
    const size_t lhs = (size_t)index;
    const double delta = index - (double)lhs;
    if (lhs == n - 1 || x_next == x_i)
        return x_i;
    return (1 - delta) * x_i + delta * x_next;
}

/* The order statistics the three percentiles read: i and i + 1 for each. */
static size_t needed_ranks(size_t n, size_t ks[6])
{
    size_t nk = 0;
    for (int q = 0; q < 3; q++) {
        size_t lhs = sim_quantile_rank(n, sim_fractions[q]);
        for (size_t k = lhs; k <= lhs + 1 && k < n; k++)
            if (nk == 0 || ks[nk - 1] < k)
                ks[nk++] = k;
    }
    return nk;
}

static double rank_value(const size_t *ks, const double *vs, size_t nk, size_t k)
{
    for (size_t i = 0; i < nk; i++)
        if (ks[i] == k)
            return vs[i];
    return NAN;
}

/* Bins for finding the order statistics: the values are spread over
 * SIM_BINS equal bins between their minimum and maximum (a monotone map, so
 * the bins are in the values' order); a pass counts each bin, a second
 * copies out only the bins holding the wanted ranks, and selection finishes
 * inside those few values. Two linear passes instead of repeated
 * partitioning of the whole series. */
#define SIM_BINS 4096

/* x in [lo, hi]: (x - lo)·scale is in [0, SIM_BINS·(1 + ε)], so an int
 * holds it; anything else (a NaN among the values) goes to bin 0 rather
 * than into a conversion C leaves undefined. */
static inline int bin_of(double x, double lo, double scale)
{
    double f = (x - lo) * scale;
    int b = f >= 0 && f < SIM_BINS ? (int)f : 0;
    return f >= SIM_BINS ? SIM_BINS - 1 : b;
}

/* count: the values per bin, filled by the caller's pass over x. */
static int binned_ranks(const double *x, size_t n, double lo, double scale,
                        const uint32_t *count, const size_t *ks, size_t nk, double *vs)
{
    int16_t *slot = malloc(SIM_BINS * sizeof *slot);
    if (!slot)
        return -1;
    /* which bin each wanted rank falls in, and its rank inside the bin */
    size_t bin_k[6], below_k[6], bins[6], n_bins = 0, size[6], start[6], fill[6];
    size_t below = 0, b = 0;
    for (size_t i = 0; i < nk; i++) {
        while (below + count[b] <= ks[i])
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
        size_t local[6];
        size_t nl = 0;
        for (size_t i = 0; i < nk; i++)
            if (bin_k[i] == bins[j])
                local[nl++] = ks[i] - below_k[i];
        double *seg = kept + start[j];
        sim_select(seg, size[j], local, nl);
        for (size_t i = 0; i < nk; i++)
            if (bin_k[i] == bins[j])
                vs[i] = seg[ks[i] - below_k[i]];
    }
    free(kept), free(slot);
    return 0;
}

int sim_order_stats(double *x, size_t n, double lo, double hi, const size_t *ks, size_t nk,
                    double *vs)
{
    if (nk > 6)
        return -1;
    if (hi == lo) {
        for (size_t i = 0; i < nk; i++)
            vs[i] = lo;
        return 0;
    }
    double scale = (double)SIM_BINS / (hi - lo);
    uint32_t *count = NULL;
    if (hi > lo && isfinite(scale) && n <= UINT32_MAX)
        count = calloc(SIM_BINS, sizeof *count);
    if (count)
        for (size_t d = 0; d < n; d++)
            count[bin_of(x[d], lo, scale)]++;
    if (!count || binned_ranks(x, n, lo, scale, count, ks, nk, vs) < 0) {
        /* no bins (no memory, or a range too wide to scale): select in place */
        sim_select(x, n, ks, nk);
        for (size_t i = 0; i < nk; i++)
            vs[i] = x[ks[i]];
    }
    free(count);
    return 0;
}

void sim_percentiles(double *x, size_t n, double lo, double hi, double out[3])
{
    size_t ks[6];
    double vs[6];
    size_t nk = needed_ranks(n, ks);
    sim_order_stats(x, n, lo, hi, ks, nk, vs);
    for (int q = 0; q < 3; q++) {
        size_t i = sim_quantile_rank(n, sim_fractions[q]);
        out[q] = sim_quantile_from(n, sim_fractions[q], rank_value(ks, vs, nk, i),
                                   rank_value(ks, vs, nk, i + 1));
    }
}

double sim_quantile(double *x, size_t n, double f)
{
    if (n == 0)
        return 0.0;
    size_t lhs = sim_quantile_rank(n, f);
    size_t ks[2] = { lhs, lhs + 1 };
    size_t nk = lhs + 1 < n ? 2 : 1;
    sim_select(x, n, ks, nk);
    return sim_quantile_from(n, f, x[lhs], nk == 2 ? x[lhs + 1] : NAN);
}

/* One pass, about the first value: sums of the deviations from it are
 * small where the values are close, so nothing cancels, and n equal values
 * give exactly that value as the mean and 0 as m2. Two values at a time
 * where SSE2 is there. A value that is not a number makes the mean NaN. */
void sim_moments_of(const double *x, size_t n, sim_moments *out)
{
    const double k = x[0];
    double s1 = 0, s2 = 0, lo = k, hi = k;
    size_t d = 0;
#if defined(__SSE2__)
    const __m128d K = _mm_set1_pd(k);
    __m128d S1 = _mm_setzero_pd(), S2 = S1, LO = K, HI = K;
    for (; d + 2 <= n; d += 2) {
        __m128d v = _mm_loadu_pd(x + d), dev = _mm_sub_pd(v, K);
        S1 = _mm_add_pd(S1, dev);
        S2 = _mm_add_pd(S2, _mm_mul_pd(dev, dev));
        LO = _mm_min_pd(LO, v);
        HI = _mm_max_pd(HI, v);
    }
    double a[2], b[2], l[2], h[2];
    _mm_storeu_pd(a, S1), _mm_storeu_pd(b, S2), _mm_storeu_pd(l, LO), _mm_storeu_pd(h, HI);
    s1 = a[0] + a[1], s2 = b[0] + b[1];
    lo = l[0] < l[1] ? l[0] : l[1];
    hi = h[0] > h[1] ? h[0] : h[1];
#endif
    for (; d < n; d++) {
        double dev = x[d] - k;
        s1 += dev;
        s2 += dev * dev;
        lo = x[d] < lo ? x[d] : lo;
        hi = x[d] > hi ? x[d] : hi;
    }
    double m2 = s2 - s1 * s1 / (double)n;
    out->n = n;
    out->mean = k + s1 / (double)n;
    out->m2 = m2 > 0 ? m2 : 0;
    out->lo = lo;
    out->hi = hi;
}

void sim_moments_merge(sim_moments *into, const sim_moments *part, int first)
{
    if (first) {
        *into = *part;
        return;
    }
    double na = (double)into->n, nb = (double)part->n, n = na + nb;
    double delta = part->mean - into->mean;
    into->mean += delta * (nb / n);
    into->m2 += part->m2 + delta * delta * (na * nb / n);
    into->n += part->n;
    into->lo = part->lo < into->lo ? part->lo : into->lo;
    into->hi = part->hi > into->hi ? part->hi : into->hi;
}

void sim_moments_finish(const sim_moments *m, double *mean, double *sd)
{
    if (m->lo == m->hi) {
        *mean = m->lo;
        *sd = 0;
        return;
    }
    *mean = m->mean;
    double var = m->n > 1 ? m->m2 / (double)(m->n - 1) : 0.0;
    *sd = var > 0 ? sqrt(var) : 0.0;
}

void sim_stats_compute(double *x, size_t n, sim_stats *out)
{
    sim_moments m;
    sim_moments_of(x, n, &m);
    sim_moments_finish(&m, &out->mean, &out->sd);
    double q[3];
    sim_percentiles(x, n, m.lo, m.hi, q);
    out->p5 = q[0];
    out->p50 = q[1];
    out->p95 = q[2];
}

/* The Monte Carlo driver: passes over the chunks, windows, and the exact
 * percentiles read out of them. See simulate_drive.h for the scheme. */
#include "simulate_drive.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "simulate_stats.h"
#include "threads.h"

#define DEFAULT_WINDOW_SIGMAS 6.0
/* What the threads' chunk buffers may take together: beyond it, fewer
 * threads (which changes nothing but the time). A chunk of a run with
 * LIMIT_SIM_VALUES values can need 512 MiB on its own. */
#define BUFFER_BUDGET ((size_t)1 << 30)

/* A window bracketing one percentile of one series, and what one chunk
 * found in it. */
typedef struct window {
    double a, b;
} window;

typedef struct tally {
    uint32_t below, at_a, inside, at_b;
} tally;

/* What a chunk leaves behind. */
typedef struct chunk_record {
    double *inside;     /* the values strictly inside the windows, by series then percentile */
    tally *tallies;     /* [row * 3] */
    size_t *offset;     /* [row * 3]: where each window's values start in `inside` */
} chunk_record;

enum pass { PASS_PILOT, PASS_MAIN, PASS_AGAIN };

typedef struct drive {
    const sim_source *src;
    const sim_drive_opts *o;
    simulation_result *res;
    size_t draws, row, years, n_chunks, n_pilot, pilot_draws;
    /* Doubles from one series to the next in a chunk's buffer: a chunk
     * (or all the draws, if fewer) and a cache line more. With a
     * power-of-two stride every series of a draw would fall in the same set
     * of the L1 cache and evict each other. */
    size_t stride;
    unsigned threads;               /* as asked, within BUFFER_BUDGET */
    enum pass pass;
    atomic_size_t next, done_drawn;
    atomic_int failed;              /* 0, or the first failure: -1 or -2 */

    double *pilot;                  /* [s * pilot_draws + d] */
    sim_moments *moments;           /* [c * row + s] */
    uint32_t *over;                 /* [c * years + t]: draws with variance > 0 */
    window *windows;                /* [s * 3 + q] */
    chunk_record *records;          /* [n_chunks] */

    size_t n_again;                 /* the second pass: series drawn again */
    size_t *again_series;           /* [n_again] */
    double *again;                  /* [k * draws + d] */
} drive;

static void fail(drive *dv, int rc)
{
    int expected = 0;
    atomic_compare_exchange_strong(&dv->failed, &expected, rc);
}

static size_t chunk_len(const drive *dv, size_t c)
{
    size_t d0 = c * SIM_CHUNK_DRAWS;
    return dv->draws - d0 < SIM_CHUNK_DRAWS ? dv->draws - d0 : SIM_CHUNK_DRAWS;
}

/* ---- one chunk ---- */

typedef struct thread_state {
    void *scratch;
    double *buf;                    /* [row * stride] */
    double *win;                    /* [3 * SIM_CHUNK_DRAWS]: one series' values inside each window */
    double *kept;                   /* this chunk's values inside windows */
    size_t cap;
} thread_state;

/* Moments of each series and the overspends, while the chunk is in cache. */
static void chunk_moments(drive *dv, size_t c, const double *x, size_t stride, size_t n)
{
    for (size_t s = 0; s < dv->row; s++)
        sim_moments_of(x + s * stride, n, &dv->moments[c * dv->row + s]);
    const double *var = x + SIM_VARIANCE * dv->years * stride;
    for (size_t t = 0; t < dv->years; t++) {
        uint32_t k = 0;
        for (size_t d = 0; d < n; d++)
            k += var[t * stride + d] > 0;
        dv->over[c * dv->years + t] = k;
    }
}

/* A value in the closed window [a, b] of some percentile: counted at a,
 * inside or at b, and kept if inside. */
static inline void in_window(double y, const window w[3], tally t[3], double *win)
{
    for (int q = 0; q < 3; q++) {
        if (!(y >= w[q].a && y <= w[q].b))
            continue;
        if (y == w[q].a)
            t[q].at_a++;
        else if (y == w[q].b)
            t[q].at_b++;
        else
            win[q * SIM_CHUNK_DRAWS + t[q].inside++] = y;
    }
}

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Tallies the n values of one series against its three windows, keeping
 * in win those inside. Most values are in no window, so the counts below
 * each window are taken two values at a time without a branch, and only a
 * pair with a value in some window goes through in_window(). */
static void tally_series(const double *v, size_t n, const window w[3], tally t[3], double *win)
{
    uint64_t below[3] = { 0, 0, 0 };
    for (int q = 0; q < 3; q++)
        t[q] = (tally){ 0, 0, 0, 0 };
    size_t d = 0;
#if defined(__SSE2__)
    const __m128d A0 = _mm_set1_pd(w[0].a), A1 = _mm_set1_pd(w[1].a), A2 = _mm_set1_pd(w[2].a);
    const __m128d B0 = _mm_set1_pd(w[0].b), B1 = _mm_set1_pd(w[1].b), B2 = _mm_set1_pd(w[2].b);
    __m128i L0 = _mm_setzero_si128(), L1 = L0, L2 = L0;
    for (; d + 2 <= n; d += 2) {
        __m128d y = _mm_loadu_pd(v + d);
        __m128d l0 = _mm_cmplt_pd(y, A0), l1 = _mm_cmplt_pd(y, A1), l2 = _mm_cmplt_pd(y, A2);
        /* an all-ones lane is -1: subtracting counts it */
        L0 = _mm_sub_epi64(L0, _mm_castpd_si128(l0));
        L1 = _mm_sub_epi64(L1, _mm_castpd_si128(l1));
        L2 = _mm_sub_epi64(L2, _mm_castpd_si128(l2));
        __m128d any = _mm_or_pd(_mm_or_pd(_mm_andnot_pd(l0, _mm_cmple_pd(y, B0)),
                                          _mm_andnot_pd(l1, _mm_cmple_pd(y, B1))),
                                _mm_andnot_pd(l2, _mm_cmple_pd(y, B2)));
        if (_mm_movemask_pd(any)) {
            in_window(v[d], w, t, win);
            in_window(v[d + 1], w, t, win);
        }
    }
    uint64_t lanes[2];
    _mm_storeu_si128((__m128i *)lanes, L0);
    below[0] = lanes[0] + lanes[1];
    _mm_storeu_si128((__m128i *)lanes, L1);
    below[1] = lanes[0] + lanes[1];
    _mm_storeu_si128((__m128i *)lanes, L2);
    below[2] = lanes[0] + lanes[1];
#endif
    for (; d < n; d++) {
        for (int q = 0; q < 3; q++)
            below[q] += v[d] < w[q].a;
        in_window(v[d], w, t, win);
    }
    for (int q = 0; q < 3; q++)
        t[q].below = (uint32_t)below[q];
}

/* Tallies every value of the chunk against the windows and keeps those
 * inside, in one array for the chunk. */
static int chunk_windows(drive *dv, thread_state *ts, size_t c, const double *x, size_t stride,
                         size_t n)
{
    chunk_record *rec = &dv->records[c];
    rec->tallies = malloc(dv->row * 3 * sizeof *rec->tallies);
    rec->offset = malloc(dv->row * 3 * sizeof *rec->offset);
    if (!rec->tallies || !rec->offset)
        return -2;
    size_t len = 0;
    for (size_t s = 0; s < dv->row; s++) {
        tally *t = &rec->tallies[s * 3];
        tally_series(x + s * stride, n, &dv->windows[s * 3], t, ts->win);
        size_t got = (size_t)t[0].inside + t[1].inside + t[2].inside;
        if (ts->cap - len < got) {
            size_t cap = ts->cap * 2 > len + got ? ts->cap * 2 : len + got;
            double *k = realloc(ts->kept, cap * sizeof *k);
            if (!k)
                return -2;
            ts->kept = k, ts->cap = cap;
        }
        for (int q = 0; q < 3; q++) {
            rec->offset[s * 3 + q] = len;
            if (t[q].inside)
                memcpy(ts->kept + len, ts->win + q * SIM_CHUNK_DRAWS,
                       t[q].inside * sizeof(double));
            len += t[q].inside;
        }
    }
    rec->inside = malloc((len ? len : 1) * sizeof *rec->inside);
    if (!rec->inside)
        return -2;
    if (len)
        memcpy(rec->inside, ts->kept, len * sizeof *rec->inside);
    return 0;
}

static int run_chunk(drive *dv, thread_state *ts, size_t c)
{
    size_t n = chunk_len(dv, c);
    if (dv->pass == PASS_MAIN && c < dv->n_pilot)
        return chunk_windows(dv, ts, c, dv->pilot + c * SIM_CHUNK_DRAWS, dv->pilot_draws, n);
    int rc = dv->src->chunk(dv->src->ctx, ts->scratch, c, ts->buf, dv->stride,
                            dv->pass == PASS_AGAIN);
    if (rc < 0)
        return rc;
    const double *x = ts->buf;
    if (dv->pass == PASS_AGAIN) {
        for (size_t k = 0; k < dv->n_again; k++)
            memcpy(dv->again + k * dv->draws + c * SIM_CHUNK_DRAWS,
                   x + dv->again_series[k] * dv->stride, n * sizeof *x);
        return 0;
    }
    chunk_moments(dv, c, x, dv->stride, n);
    if (dv->pass == PASS_PILOT) {
        for (size_t s = 0; s < dv->row; s++)
            memcpy(dv->pilot + s * dv->pilot_draws + c * SIM_CHUNK_DRAWS,
                   x + s * dv->stride, n * sizeof *x);
        return 0;
    }
    return chunk_windows(dv, ts, c, x, dv->stride, n);
}

/* The chunks of this pass, until none is left; the calling thread reports
 * progress by the chunks drawn for the first time. */
static void take_chunks(drive *dv, int is_main)
{
    size_t end = dv->pass == PASS_PILOT ? dv->n_pilot : dv->n_chunks;
    thread_state ts = { dv->src->scratch_new(dv->src->ctx),
                        malloc(dv->row * dv->stride * sizeof(double)),
                        malloc(3 * SIM_CHUNK_DRAWS * sizeof(double)), NULL, 0 };
    if (!ts.scratch || !ts.buf || !ts.win)
        fail(dv, -2);
    while (!atomic_load(&dv->failed)) {
        size_t c = atomic_fetch_add(&dv->next, 1);
        if (c >= end)
            break;
        int rc = run_chunk(dv, &ts, c);
        if (rc < 0) {
            fail(dv, rc);
            break;
        }
        if (dv->pass != PASS_AGAIN && !(dv->pass == PASS_MAIN && c < dv->n_pilot)) {
            size_t done = atomic_fetch_add(&dv->done_drawn, 1) + 1;
            if (is_main && dv->o->progress)
                dv->o->progress((double)done / (double)dv->n_chunks, dv->o->progress_data);
        }
    }
    if (ts.scratch)
        dv->src->scratch_free(dv->src->ctx, ts.scratch);
    free(ts.buf);
    free(ts.win);
    free(ts.kept);
}

static void *chunk_worker(void *arg)
{
    take_chunks(arg, 0);
    return NULL;
}

static void chunk_main(void *arg)
{
    drive *dv = arg;
    if (dv->pass == PASS_PILOT && dv->o->first)
        dv->o->first(dv->o->first_arg);
    take_chunks(dv, 1);
}

static int run_pass(drive *dv, enum pass pass, size_t chunks)
{
    dv->pass = pass;
    atomic_store(&dv->next, 0);
    unsigned n = dv->threads;
    unsigned extra = (size_t)(n - 1) < chunks ? n - 1 : (unsigned)(chunks - 1);
    sim_run_threads(chunk_worker, chunk_main, dv, extra);
    return atomic_load(&dv->failed);
}

/* ---- per series, in parallel ---- */

typedef struct series_job {
    drive *dv;
    int (*one)(drive *dv, size_t s);
    size_t count;
    atomic_size_t next;
    atomic_int failed;
} series_job;

static void series_loop(void *arg)
{
    series_job *j = arg;
    while (!atomic_load(&j->failed)) {
        size_t s = atomic_fetch_add(&j->next, 1);
        if (s >= j->count)
            break;
        int rc = j->one(j->dv, s);
        if (rc < 0) {
            int expected = 0;
            atomic_compare_exchange_strong(&j->failed, &expected, rc);
        }
    }
}

static void *series_worker(void *arg)
{
    series_loop(arg);
    return NULL;
}

/* one(dv, s) for s in [0, count), on the threads. */
static int each_series(drive *dv, int (*one)(drive *dv, size_t s), size_t count)
{
    if (count == 0)
        return 0;
    series_job j = { dv, one, count, 0, 0 };
    atomic_init(&j.next, 0);
    atomic_init(&j.failed, 0);
    unsigned n = dv->threads;
    unsigned extra = (size_t)(n - 1) < count ? n - 1 : (unsigned)(count - 1);
    sim_run_threads(series_worker, series_loop, &j, extra);
    return atomic_load(&j.failed);
}

/* The moments of series s over every chunk, in chunk order. */
static void merged_moments(const drive *dv, size_t s, sim_moments *m)
{
    for (size_t c = 0; c < dv->n_chunks; c++)
        sim_moments_merge(m, &dv->moments[c * dv->row + s], c == 0);
}

static int finish_moments(drive *dv, size_t s)
{
    sim_moments m;
    merged_moments(dv, s, &m);
    sim_stats *out = &dv->res->series[s];
    sim_moments_finish(&m, &out->mean, &out->sd);
    return 0;
}

/* Every draw is in the pilot: percentiles straight from it. */
static int finish_whole(drive *dv, size_t s)
{
    sim_moments m;
    merged_moments(dv, s, &m);
    sim_stats *out = &dv->res->series[s];
    sim_moments_finish(&m, &out->mean, &out->sd);
    double q[3];
    sim_percentiles(dv->pilot + s * dv->pilot_draws, dv->draws, m.lo, m.hi, q);
    out->p5 = q[0], out->p50 = q[1], out->p95 = q[2];
    return 0;
}

/* Windows of series s from the pilot's order statistics around each
 * percentile, widened by the pilot's sampling error at that fraction. */
static int set_windows(drive *dv, size_t s)
{
    size_t np = dv->pilot_draws;
    double *x = malloc(np * sizeof *x);
    if (!x)
        return -2;
    memcpy(x, dv->pilot + s * np, np * sizeof *x);
    double z = dv->o->window_sigmas > 0 ? dv->o->window_sigmas : DEFAULT_WINDOW_SIGMAS;
    size_t ks[6], lo[3], hi[3], nk = 0;
    for (int q = 0; q < 3; q++) {
        double f = sim_fractions[q];
        double centre = f * (double)(np - 1);
        double half = z * sqrt((double)np * f * (1 - f)) + 2;
        double l = floor(centre - half), h = ceil(centre + 1 + half);
        lo[q] = l < 0 ? 0 : (size_t)l;
        hi[q] = h > (double)(np - 1) ? np - 1 : (size_t)h;
    }
    /* the six ranks ascending and distinct, as sim_select() wants */
    size_t all[6] = { lo[0], hi[0], lo[1], hi[1], lo[2], hi[2] };
    for (int i = 1; i < 6; i++)
        for (int k = i; k > 0 && all[k - 1] > all[k]; k--) {
            size_t t = all[k];
            all[k] = all[k - 1];
            all[k - 1] = t;
        }
    for (int i = 0; i < 6; i++)
        if (nk == 0 || ks[nk - 1] != all[i])
            ks[nk++] = all[i];
    sim_moments m;
    for (size_t c = 0; c < dv->n_pilot; c++)
        sim_moments_merge(&m, &dv->moments[c * dv->row + s], c == 0);
    double vs[6];
    sim_order_stats(x, np, m.lo, m.hi, ks, nk, vs);
    free(x);
    for (int q = 0; q < 3; q++) {
        double ends[2] = { 0, 0 };
        for (size_t i = 0; i < nk; i++) {
            if (ks[i] == lo[q])
                ends[0] = vs[i];
            if (ks[i] == hi[q])
                ends[1] = vs[i];
        }
        dv->windows[s * 3 + q] = (window){ ends[0], ends[1] };
    }
    return 0;
}

int sim_window_rank(const sim_window *w, const double *inside, size_t k, double *v)
{
    if (k < w->below)
        return -1;
    size_t r = k - w->below;
    if (r < w->at_a) {
        *v = w->a;
        return 0;
    }
    r -= w->at_a;
    if (r < w->inside) {
        *v = inside[r];
        return 0;
    }
    r -= w->inside;
    if (r < w->at_b) {
        *v = w->b;
        return 0;
    }
    return -1;
}

/* Percentile q of series s out of its window, or 1 when the window missed. */
static int window_percentile(drive *dv, size_t s, int q, double *out)
{
    /* size_t sums: a window's counts add up to the draws, which may pass
     * a uint32_t */
    size_t below = 0, at_a = 0, at_b = 0, in = 0;
    for (size_t c = 0; c < dv->n_chunks; c++) {
        const tally *p = &dv->records[c].tallies[s * 3 + q];
        below += p->below, at_a += p->at_a, at_b += p->at_b, in += p->inside;
    }
    size_t n = dv->draws, i = sim_quantile_rank(n, sim_fractions[q]);
    size_t last = i + 1 < n ? i + 1 : i;
    if (i < below || below + at_a + in + at_b <= last)
        return 1;
    const window *w = &dv->windows[s * 3 + q];
    sim_window t = { w->a, w->b, below, at_a, in, at_b };
    double *inside = malloc((in ? in : 1) * sizeof *inside);
    if (!inside)
        return -2;
    size_t len = 0;
    for (size_t c = 0; c < dv->n_chunks; c++) {
        const chunk_record *rec = &dv->records[c];
        size_t m = rec->tallies[s * 3 + q].inside;
        memcpy(inside + len, rec->inside + rec->offset[s * 3 + q], m * sizeof *inside);
        len += m;
    }
    /* the ranks inside the window's middle part that the percentile reads,
     * put in their places */
    size_t ks[2], nk = 0;
    double vs[2];
    for (size_t k = i; k <= last; k++) {
        size_t base = below + at_a;
        if (k >= base && k < base + t.inside && (nk == 0 || ks[nk - 1] != k - base))
            ks[nk++] = k - base;
    }
    sim_order_stats(inside, len, w->a, w->b, ks, nk, vs);
    for (size_t k = 0; k < nk; k++)
        inside[ks[k]] = vs[k];
    double xi, xn = 0;
    int miss = sim_window_rank(&t, inside, i, &xi);
    if (!miss && last != i)
        miss = sim_window_rank(&t, inside, last, &xn);
    free(inside);
    if (miss)
        return 1;
    *out = sim_quantile_from(n, sim_fractions[q], xi, xn);
    return 0;
}

/* The percentiles of series s from the windows; a series a window missed
 * is marked (NaN p50) for the second pass. */
static int finish_windows(drive *dv, size_t s)
{
    finish_moments(dv, s);
    sim_stats *out = &dv->res->series[s];
    /* a value that is not a finite number has no place in the order the
     * windows count in; the mean shows it */
    if (!isfinite(out->mean)) {
        out->p5 = out->p50 = out->p95 = NAN;
        return 0;
    }
    double q[3];
    for (int k = 0; k < 3; k++) {
        int rc = window_percentile(dv, s, k, &q[k]);
        if (rc < 0)
            return rc;
        if (rc == 1) {
            out->p5 = out->p50 = out->p95 = NAN;
            return 0;
        }
    }
    out->p5 = q[0], out->p50 = q[1], out->p95 = q[2];
    return 0;
}

static int finish_again(drive *dv, size_t k)
{
    size_t s = dv->again_series[k];
    sim_moments m;
    merged_moments(dv, s, &m);
    double q[3];
    sim_percentiles(dv->again + k * dv->draws, dv->draws, m.lo, m.hi, q);
    sim_stats *out = &dv->res->series[s];
    out->p5 = q[0], out->p50 = q[1], out->p95 = q[2];
    return 0;
}

/* The second pass: every chunk drawn again, the missed series kept whole. */
static int second_pass(drive *dv)
{
    size_t n = 0;
    for (size_t s = 0; s < dv->row; s++)
        n += isnan(dv->res->series[s].p50);
    if (n == 0)
        return 0;
    dv->again_series = malloc(n * sizeof *dv->again_series);
    dv->again = malloc(n * dv->draws * sizeof *dv->again);
    if (!dv->again_series || !dv->again)
        return -2;
    for (size_t s = 0; s < dv->row; s++)
        if (isnan(dv->res->series[s].p50))
            dv->again_series[dv->n_again++] = s;
    int rc = run_pass(dv, PASS_AGAIN, dv->n_chunks);
    if (rc)
        return rc;
    return each_series(dv, finish_again, dv->n_again);
}

static void p_overspend(drive *dv)
{
    for (size_t t = 0; t < dv->years; t++) {
        uint64_t k = 0;
        for (size_t c = 0; c < dv->n_chunks; c++)
            k += dv->over[c * dv->years + t];
        dv->res->p_overspend[t] = (double)k / (double)dv->draws;
    }
}

static void drive_free(drive *dv)
{
    free(dv->pilot);
    free(dv->moments);
    free(dv->over);
    free(dv->windows);
    for (size_t c = 0; dv->records && c < dv->n_chunks; c++) {
        free(dv->records[c].inside);
        free(dv->records[c].tallies);
        free(dv->records[c].offset);
    }
    free(dv->records);
    free(dv->again_series);
    free(dv->again);
}

int sim_drive(const sim_source *src, const sim_drive_opts *o, simulation_result *res,
              size_t *redrawn)
{
    drive dv;
    memset(&dv, 0, sizeof dv);
    dv.src = src, dv.o = o, dv.res = res;
    dv.draws = src->draws, dv.row = src->row, dv.years = src->years;
    dv.n_chunks = (dv.draws + SIM_CHUNK_DRAWS - 1) / SIM_CHUNK_DRAWS;
    dv.n_pilot = dv.n_chunks < SIM_PILOT_CHUNKS ? dv.n_chunks : SIM_PILOT_CHUNKS;
    dv.pilot_draws = dv.n_pilot == dv.n_chunks ? dv.draws : dv.n_pilot * SIM_CHUNK_DRAWS;
    dv.stride = (dv.draws < SIM_CHUNK_DRAWS ? dv.draws : SIM_CHUNK_DRAWS) + 8;
    size_t buffer = dv.row * dv.stride * sizeof(double);
    size_t affordable = buffer ? BUFFER_BUDGET / buffer : 1;
    dv.threads = o->threads ? o->threads : 1;
    if (dv.threads > affordable)
        dv.threads = affordable ? (unsigned)affordable : 1;
    atomic_init(&dv.next, 0);
    atomic_init(&dv.done_drawn, 0);
    atomic_init(&dv.failed, 0);
    if (redrawn)
        *redrawn = 0;
    dv.pilot = malloc(dv.row * dv.pilot_draws * sizeof *dv.pilot);
    dv.moments = malloc(dv.n_chunks * dv.row * sizeof *dv.moments);
    dv.over = malloc(dv.n_chunks * dv.years * sizeof *dv.over);
    int rc = 0;
    if (!dv.pilot || !dv.moments || !dv.over) {
        rc = -2;
        goto done;
    }
    rc = run_pass(&dv, PASS_PILOT, dv.n_pilot);
    if (rc)
        goto done;
    if (dv.n_pilot == dv.n_chunks) {
        rc = each_series(&dv, finish_whole, dv.row);
        goto done;
    }
    dv.windows = malloc(dv.row * 3 * sizeof *dv.windows);
    dv.records = calloc(dv.n_chunks, sizeof *dv.records);
    if (!dv.windows || !dv.records) {
        rc = -2;
        goto done;
    }
    rc = each_series(&dv, set_windows, dv.row);
    if (rc == 0)
        rc = run_pass(&dv, PASS_MAIN, dv.n_chunks);
    /* the pilot is scanned: its memory can go before the second pass */
    free(dv.pilot);
    dv.pilot = NULL;
    if (rc == 0)
        rc = each_series(&dv, finish_windows, dv.row);
    if (rc == 0)
        rc = second_pass(&dv);
    if (redrawn)
        *redrawn = dv.n_again;
done:
    if (rc == 0)
        p_overspend(&dv);
    drive_free(&dv);
    return rc;
}

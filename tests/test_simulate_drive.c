/* The Monte Carlo driver (simulate_drive.c) on a synthetic source whose
 * every value is known: its statistics must be exactly those of all the
 * draws held at once (sim_stats_compute), whether a percentile is read out
 * of a window, out of the second pass or out of a pilot that holds every
 * draw, and the same bits at any thread count. */
#if defined(__linux__)
#define _GNU_SOURCE /* sched_getaffinity */
#include <sched.h>
#endif
#include "testutil.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>

#include "simulate_drive.h"
#include "simulate_result.h"
#include "simulate_stats.h"
#include "threads.h"

/* Seven series of one year; series SIM_VARIANCE (2) is the variance. */
enum { ROW = 7, YEARS = 1 };

typedef struct synthetic {
    size_t draws;
    size_t fail_chunk;          /* a chunk that returns -1, or SIZE_MAX */
    atomic_uint *first_draws;   /* [chunks]: times each chunk was drawn with again = 0 */
    atomic_uint *again_draws;   /* [chunks]: ... with again = 1 */
} synthetic;

static double uniform(size_t s, size_t d)
{
    /* splitmix64 of (series, draw): a value that depends on nothing else */
    uint64_t z = ((uint64_t)s << 40) ^ (uint64_t)d;
    z += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

/* Each series a kind of distribution the windows must cope with. */
static double value(size_t s, size_t d)
{
    double u = uniform(s, d);
    switch (s) {
    case 0: /* smooth, large: a cost */
        return 2.5e8 + 1e6 * (u + uniform(s + 100, d) + uniform(s + 200, d));
    case 1: /* three values: a savings scheme delivered or not */
        return u < 0.2 ? -50000.0 : u < 0.9 ? 12.5 : 3e5;
    case 2: /* whole pence either side of zero: a variance */
        return floor((u - 0.4) * 1e7);
    case 3: /* a heavy tail */
        return u < 0.999 ? u : 1e12;
    case 4: /* every draw the same */
        return 42.42;
    case 5: /* nearly always zero: every percentile on the atom */
        return u < 0.97 ? 0.0 : u * 1e5;
    default: /* rising with the draw: the pilot is no guide at all */
        return (double)d * 0.5;
    }
}

static void *scratch_new(void *ctx)
{
    return ctx;
}

static void scratch_free(void *ctx, void *scratch)
{
    (void)ctx, (void)scratch;
}

static int chunk(void *ctx, void *scratch, size_t c, double *out, size_t stride, int again)
{
    (void)scratch;
    synthetic *sy = ctx;
    if (c == sy->fail_chunk)
        return -1;
    atomic_fetch_add(again ? &sy->again_draws[c] : &sy->first_draws[c], 1);
    size_t d0 = c * SIM_CHUNK_DRAWS;
    for (size_t s = 0; s < ROW; s++)
        for (size_t i = 0; i < SIM_CHUNK_DRAWS && d0 + i < sy->draws; i++)
            out[s * stride + i] = value(s, d0 + i);
    return 0;
}

typedef struct run {
    sim_stats series[ROW];
    double p_overspend[YEARS];
    size_t redrawn;
    int rc;
} run;

static run drive(synthetic *sy, unsigned threads, double sigmas)
{
    size_t chunks = (sy->draws + SIM_CHUNK_DRAWS - 1) / SIM_CHUNK_DRAWS;
    sy->first_draws = calloc(chunks, sizeof *sy->first_draws);
    sy->again_draws = calloc(chunks, sizeof *sy->again_draws);
    assert_non_null(sy->first_draws);
    assert_non_null(sy->again_draws);
    run r;
    memset(&r, 0, sizeof r);
    simulation_result res;
    memset(&res, 0, sizeof res);
    res.series = r.series;
    res.p_overspend = r.p_overspend;
    sim_source src = { sy, sy->draws, ROW, YEARS, scratch_new, scratch_free, chunk };
    sim_drive_opts o = { threads, NULL, NULL, NULL, NULL, sigmas };
    r.rc = sim_drive(&src, &o, &res, &r.redrawn);
    if (r.rc == 0) {
        /* every chunk drawn once for the statistics, and again only in a
         * second pass, which draws them all */
        for (size_t c = 0; c < chunks; c++) {
            assert_int_equal(atomic_load(&sy->first_draws[c]), 1);
            assert_int_equal(atomic_load(&sy->again_draws[c]), r.redrawn ? 1 : 0);
        }
    }
    free(sy->first_draws);
    free(sy->again_draws);
    return r;
}

/* What holding every draw gives. */
static void expect_exact(const run *r, size_t draws)
{
    double *x = malloc(draws * sizeof *x);
    assert_non_null(x);
    for (size_t s = 0; s < ROW; s++) {
        for (size_t d = 0; d < draws; d++)
            x[d] = value(s, d);
        sim_stats want;
        sim_stats_compute(x, draws, &want);
        const sim_stats *got = &r->series[s];
        assert_close(got->p5, want.p5, 0);
        assert_close(got->p50, want.p50, 0);
        assert_close(got->p95, want.p95, 0);
        assert_close(got->mean, want.mean, 1e-9 * (fabs(want.mean) + 1));
        assert_close(got->sd, want.sd, 1e-9 * (want.sd + 1));
        if (s == 4) { /* one value throughout: exactly it, and no spread */
            assert_true(got->mean == 42.42);
            assert_true(got->sd == 0);
        }
    }
    size_t over = 0;
    for (size_t d = 0; d < draws; d++)
        over += value(SIM_VARIANCE, d) > 0;
    assert_close(r->p_overspend[0], (double)over / (double)draws, 0);
    free(x);
}

static void same_bits(const run *a, const run *b)
{
    assert_memory_equal(a->series, b->series, sizeof a->series);
    assert_memory_equal(a->p_overspend, b->p_overspend, sizeof a->p_overspend);
}

static void windows_give_the_exact_percentiles(void **state)
{
    (void)state;
    synthetic sy = { 100000, SIZE_MAX, NULL, NULL };
    run one = drive(&sy, 1, 0);
    assert_int_equal(one.rc, 0);
    expect_exact(&one, sy.draws);
    /* only the rising series fools the pilot */
    assert_int_equal(one.redrawn, 1);
    for (unsigned threads = 2; threads <= 5; threads += 3) {
        run more = drive(&sy, threads, 0);
        assert_int_equal(more.rc, 0);
        same_bits(&one, &more);
    }
}

static void narrow_windows_send_series_to_the_second_pass(void **state)
{
    (void)state;
    /* windows two ranks either side of the pilot's: nearly every series
     * misses, and the second pass still gives the exact figures */
    synthetic sy = { 30000, SIZE_MAX, NULL, NULL };
    run narrow = drive(&sy, 2, 1e-9);
    assert_int_equal(narrow.rc, 0);
    assert_true(narrow.redrawn >= 4);
    expect_exact(&narrow, sy.draws);
    run wide = drive(&sy, 3, 0);
    assert_int_equal(wide.rc, 0);
    assert_true(wide.redrawn < narrow.redrawn);
    same_bits(&narrow, &wide);
}

static void draws_within_the_pilot_are_read_whole(void **state)
{
    (void)state;
    const size_t sizes[] = { 1, 2, 20, 1023, 1025, 8192 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        synthetic sy = { sizes[i], SIZE_MAX, NULL, NULL };
        run r = drive(&sy, 2, 0);
        assert_int_equal(r.rc, 0);
        assert_int_equal(r.redrawn, 0);
        expect_exact(&r, sy.draws);
    }
    /* one draw past the pilot: the windows, with one chunk of a single draw */
    synthetic sy = { 8193, SIZE_MAX, NULL, NULL };
    run r = drive(&sy, 2, 0);
    assert_int_equal(r.rc, 0);
    expect_exact(&r, sy.draws);
}

static void a_failing_chunk_fails_the_run(void **state)
{
    (void)state;
    /* in the pilot, and after it; ASan checks nothing is left behind */
    const size_t where[] = { 3, 40 };
    for (int i = 0; i < 2; i++) {
        synthetic sy = { 60000, where[i], NULL, NULL };
        size_t chunks = (sy.draws + SIM_CHUNK_DRAWS - 1) / SIM_CHUNK_DRAWS;
        sy.first_draws = calloc(chunks, sizeof *sy.first_draws);
        sy.again_draws = calloc(chunks, sizeof *sy.again_draws);
        sim_stats series[ROW];
        double p[YEARS];
        simulation_result res;
        memset(&res, 0, sizeof res);
        res.series = series;
        res.p_overspend = p;
        sim_source src = { &sy, sy.draws, ROW, YEARS, scratch_new, scratch_free, chunk };
        sim_drive_opts o = { 2, NULL, NULL, NULL, NULL, 0 };
        assert_int_equal(sim_drive(&src, &o, &res, NULL), -1);
        free(sy.first_draws);
        free(sy.again_draws);
    }
}

static void window_ranks_by_hand(void **state)
{
    (void)state;
    /* 5 values below 10, two 10s, 12 15 18 inside, one 20: ranks 5 and 6
     * are the 10s, 7 8 9 the values inside, 10 the 20; 4 and 11 are not
     * in the window */
    sim_window w = { 10, 20, 5, 2, 3, 1 };
    const double inside[] = { 12, 15, 18 };
    const double want[] = { 10, 10, 12, 15, 18, 20 };
    double v;
    for (size_t k = 5; k <= 10; k++) {
        assert_int_equal(sim_window_rank(&w, inside, k, &v), 0);
        assert_close(v, want[k - 5], 0);
    }
    assert_int_equal(sim_window_rank(&w, inside, 4, &v), -1);
    assert_int_equal(sim_window_rank(&w, inside, 11, &v), -1);
    /* a = b: only the copies of a */
    sim_window atom = { 0, 0, 3, 4, 0, 0 };
    assert_int_equal(sim_window_rank(&atom, NULL, 3, &v), 0);
    assert_close(v, 0, 0);
    assert_int_equal(sim_window_rank(&atom, NULL, 6, &v), 0);
    assert_int_equal(sim_window_rank(&atom, NULL, 7, &v), -1);
    assert_int_equal(sim_window_rank(&atom, NULL, 2, &v), -1);
}

/* ---- threads ---- */

typedef struct thread_log {
    atomic_int workers, mains, narrowed;
#if defined(__linux__)
    cpu_set_t caller;
#endif
} thread_log;

static void *log_worker(void *arg)
{
    thread_log *lg = arg;
    atomic_fetch_add(&lg->workers, 1);
#if defined(__linux__)
    /* placed on one CPU to start, a worker must be free to run anywhere
     * the caller may */
    cpu_set_t mine;
    if (sched_getaffinity(0, sizeof mine, &mine) == 0 && !CPU_EQUAL(&mine, &lg->caller))
        atomic_fetch_add(&lg->narrowed, 1);
#endif
    return NULL;
}

static void log_main(void *arg)
{
    thread_log *lg = arg;
    atomic_fetch_add(&lg->mains, 1);
}

static void workers_run_once_each_and_anywhere(void **state)
{
    (void)state;
    for (unsigned extra = 0; extra <= 5; extra++) {
        thread_log lg;
        memset(&lg, 0, sizeof lg);
        atomic_init(&lg.workers, 0);
        atomic_init(&lg.mains, 0);
        atomic_init(&lg.narrowed, 0);
#if defined(__linux__)
        assert_int_equal(sched_getaffinity(0, sizeof lg.caller, &lg.caller), 0);
#endif
        sim_run_threads(log_worker, log_main, &lg, extra);
        assert_int_equal(atomic_load(&lg.mains), 1);
        assert_int_equal(atomic_load(&lg.workers), (int)extra);
        assert_int_equal(atomic_load(&lg.narrowed), 0);
    }
}

/* ---- moments ---- */

static void moments_merge_in_chunk_order(void **state)
{
    (void)state;
    /* 1..10 in chunks of 3, 3, 4: mean 5.5, sd sqrt(82.5 / 9) */
    double x[10];
    for (int i = 0; i < 10; i++)
        x[i] = i + 1;
    sim_moments a, b, c, all;
    sim_moments_of(x, 3, &a);
    sim_moments_of(x + 3, 3, &b);
    sim_moments_of(x + 6, 4, &c);
    sim_moments_merge(&all, &a, 1);
    sim_moments_merge(&all, &b, 0);
    sim_moments_merge(&all, &c, 0);
    double mean, sd;
    sim_moments_finish(&all, &mean, &sd);
    assert_int_equal(all.n, 10);
    assert_close(mean, 5.5, 1e-15);
    assert_close(sd, sqrt(82.5 / 9), 1e-14);
    assert_close(all.lo, 1, 0);
    assert_close(all.hi, 10, 0);
    /* a NaN shows in the mean */
    x[4] = NAN;
    sim_moments_of(x, 10, &a);
    assert_true(isnan(a.mean));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(windows_give_the_exact_percentiles),
        cmocka_unit_test(narrow_windows_send_series_to_the_second_pass),
        cmocka_unit_test(draws_within_the_pilot_are_read_whole),
        cmocka_unit_test(a_failing_chunk_fails_the_run),
        cmocka_unit_test(window_ranks_by_hand),
        cmocka_unit_test(workers_run_once_each_and_anywhere),
        cmocka_unit_test(moments_merge_in_chunk_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

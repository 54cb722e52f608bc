/* MODEL.md §2-§5 for one Monte Carlo draw, with everything that does not depend
 * on the draw worked out once (see simulate_model.h for the fold). */
#include "simulate_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "riskshare_rule.h"

void sim_model_release(sim_model *m)
{
    free(m->used);
    free(m->scale_points);
    free(m->point_pct);
    free(m->konst_total);
    free(m->fold_holds);
    free(m->award_flat);
    free(m->fall_rate);
    free(m->active_len);
    free(m->group_first);
    free(m->group_last);
    free(m->fixed_non_pay);
    free(m->coef);
    free(m->konst);
    free(m->crit);
    free(m->band_lines);
    free(m->line_shares);
    free(m->share_off);
    free(m->group_amount);
    free(m->group_inflation);
    free(m->group_rate);
    free(m->scheme_full);
    free(m->savings_expected);
    memset(m, 0, sizeof *m);
}

size_t sim_model_row(const sim_model *m)
{
    return (size_t)m->years * (3 + m->n_partners);
}

/* The bands some line uses, their points and their lines. Bands are taken
 * pay system by pay system, the systems in order of their scale's year, so
 * that the points an award year reaches are a prefix of the row. */
static int build_bands(sim_model *m, const scenario *sc)
{
    size_t nb = sc->n_bands, nl = sc->n_lines, ns = sc->n_systems;
    size_t *count = calloc(nb ? nb : 1, sizeof *count);
    size_t *order = malloc((ns ? ns : 1) * sizeof *order);
    m->used = calloc(nb ? nb : 1, sizeof *m->used);
    m->band_lines = calloc(nl ? nl : 1, sizeof *m->band_lines);
    if (!count || !order || !m->used || !m->band_lines) {
        free(count), free(order);
        return -1;
    }
    for (size_t l = 0; l < nl; l++)
        count[sc->lines[l].band]++;
    for (size_t s = 0; s < ns; s++) {
        size_t j = s;
        while (j > 0 && sc->systems[order[j - 1]].scale_year > sc->systems[s].scale_year) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = s;
    }
    size_t first = 0;
    for (size_t o = 0; o < ns; o++) {
        const pay_system *ps = &sc->systems[order[o]];
        for (size_t b = ps->first_band; b < ps->first_band + ps->n_bands; b++) {
            if (!count[b])
                continue;
            sim_band *u = &m->used[m->n_used++];
            u->band = b;
            u->off = m->row_len;
            u->k = sc->bands[b].n_points;
            u->first = first;
            m->row_len += u->k;
            for (size_t l = 0; l < nl; l++)
                if (sc->lines[l].band == b)
                    m->band_lines[first + u->n_lines++] = l;
            first += u->n_lines;
        }
    }
    free(count), free(order);
    m->scale_points = malloc((m->row_len ? m->row_len : 1) * sizeof(double));
    if (!m->scale_points)
        return -1;
    for (size_t u = 0; u < m->n_used; u++)
        memcpy(m->scale_points + m->used[u].off, sc->bands[m->used[u].band].points,
               m->used[u].k * sizeof(double));
    return 0;
}

static int build_awards(sim_model *m, const scenario *sc)
{
    size_t na = sc->n_awards, nu = m->n_used, rl = m->row_len;
    m->n_awards = na;
    long before = (long)sc->base_year - sc->scale_year;
    m->awards_before = before < 0 ? 0 : (size_t)before > na ? na : (size_t)before;
    m->point_pct = malloc((na && rl ? na * rl : 1) * sizeof(double));
    m->award_flat = malloc((na && rl ? na * rl : 1) * sizeof(double));
    m->fall_rate = malloc((na ? na : 1) * sizeof(double));
    m->active_len = calloc(na ? na : 1, sizeof *m->active_len);
    if (!m->point_pct || !m->award_flat || !m->fall_rate || !m->active_len)
        return -1;
    for (size_t k = 0; k < na; k++) {
        int fy = sc->scale_year + 1 + (int)k;
        m->fall_rate[k] = INFINITY;
        for (size_t u = 0; u < nu; u++) {
            const sim_band *ub = &m->used[u];
            const pay_system *ps = &sc->systems[sc->bands[ub->band].system];
            if (fy <= ps->scale_year)
                break;   /* this system's scale is of a later year: so are the rest */
            const award *a = &ps->awards[k];
            double bp = a->band_percent[ub->band];
            double rate = isnan(bp) ? a->percent : bp;
            if (!a->has_flat)
                m->fall_rate[k] = fmin(m->fall_rate[k], rate);
            for (size_t i = 0; i < ub->k; i++) {
                m->point_pct[k * rl + ub->off + i] = rate;
                /* max(up, P - inf) is up, bit for bit: no flat minimum, no floor */
                m->award_flat[k * rl + ub->off + i] = a->has_flat ? a->flat_minimum : -INFINITY;
            }
            m->active_len[k] = ub->off + ub->k;
        }
    }
    return 0;
}

static int build_shares(sim_model *m, const scenario *sc)
{
    size_t N = (size_t)sc->years, nl = sc->n_lines, total = 0, kmax = 1;
    m->share_off = malloc((nl ? nl : 1) * sizeof *m->share_off);
    if (!m->share_off)
        return -1;
    for (size_t l = 0; l < nl; l++) {
        size_t k = sc->bands[sc->lines[l].band].n_points;
        m->share_off[l] = total;
        total += N * k;
        kmax = k > kmax ? k : kmax;
    }
    m->line_shares = malloc((total ? total : 1) * sizeof(double));
    double *tmp = malloc(kmax * sizeof *tmp);
    if (!m->line_shares || !tmp) {
        free(tmp);
        return -1;
    }
    for (size_t l = 0; l < nl; l++) {
        const workforce_line *w = &sc->lines[l];
        const band *b = &sc->bands[w->band];
        double *s = m->line_shares + m->share_off[l];
        /* rows before the line starts are never read */
        for (size_t t = 0; t <= (size_t)w->first_t && t < N; t++)
            memcpy(s + t * b->n_points, w->shares, b->n_points * sizeof *s);
        for (size_t t = (size_t)w->first_t + 1; t < N; t++) {
            double *row = s + t * b->n_points;
            memcpy(row, row - b->n_points, b->n_points * sizeof *row);
            pay_progress(row, b->n_points, b->progression, w->turnover, tmp);
        }
    }
    free(tmp);
    return 0;
}

/* K, C and crit of simulate_model.h, per year and used band. */
static int build_fold(sim_model *m, const scenario *sc)
{
    size_t N = (size_t)sc->years, nu = m->n_used, rl = m->row_len;
    m->coef = calloc((rl ? rl : 1) * N, sizeof(double));
    m->konst = calloc((nu ? nu : 1) * N, sizeof(double));
    m->crit = malloc((nu ? nu : 1) * N * sizeof(double));
    if (!m->coef || !m->konst || !m->crit)
        return -1;
    for (size_t t = 0; t < N; t++) {
        for (size_t u = 0; u < nu; u++) {
            const sim_band *ub = &m->used[u];
            const pay_system *ps = &sc->systems[sc->bands[ub->band].system];
            double rate = ps->ni_rate[t], thr = ps->ni_threshold[t];
            double on = 1 + ps->pension[t] + ps->levy[t];
            double *K = m->coef + t * rl + ub->off;
            double crit = -INFINITY, C = 0;
            for (size_t j = 0; j < ub->n_lines; j++) {
                size_t l = m->band_lines[ub->first + j];
                const workforce_line *w = &sc->lines[l];
                if ((int)t < w->first_t || (int)t > w->last_t)
                    continue;
                const double *s = m->line_shares + m->share_off[l] + t * ub->k;
                double in_post = w->wte * (1 - w->vacancy);
                double heads = w->headcount * (1 - w->vacancy);
                double agency = w->wte * w->vacancy * w->agency_fill * (1 + w->agency_premium);
                double pay = 0;
                if (rate == 0 || in_post == 0) {
                    /* No NI, or no basic pay for it to fall on. */
                    pay = rate == 0 ? in_post * on : 0;
                } else {
                    pay = in_post * (on + rate);
                    double floor_pay = thr * heads;
                    C -= rate * floor_pay;
                    crit = fmax(crit, floor_pay > 0 ? floor_pay / in_post : 0);
                }
                for (size_t i = 0; i < ub->k; i++)
                    K[i] += s[i] * (pay + agency);
            }
            m->konst[t * nu + u] = C;
            m->crit[t * nu + u] = crit;
        }
    }
    /* A pay point never falls while every award so far is at least 0 or
     * gives a flat minimum (>= 0): P' >= roundhalfup(P) >= P - 1/2. So a band
     * whose lowest published point (less 1/2) is at or above crit is folded
     * in every such draw, and a year whose bands all are needs no check at
     * all; sim_model_eval() knows a draw where an award may cut pay. */
    m->konst_total = calloc(N, sizeof(double));
    m->fold_holds = calloc(N, 1);
    if (!m->konst_total || !m->fold_holds)
        return -1;
    for (size_t t = 0; t < N; t++) {
        int holds = 1;
        for (size_t u = 0; u < nu; u++) {
            const double *p = m->scale_points + m->used[u].off;
            double lowest = INFINITY;
            for (size_t i = 0; i < m->used[u].k; i++)
                lowest = fmin(lowest, p[i]);
            holds &= lowest - 0.5 >= m->crit[t * nu + u];
            m->konst_total[t] += m->konst[t * nu + u];
        }
        m->fold_holds[t] = (unsigned char)holds;
    }
    return 0;
}

typedef struct np_key {
    const double *inflation;
    size_t years;
    int first, last;
    size_t index;
} np_key;

static int np_cmp(const void *a, const void *b)
{
    const np_key *x = a, *y = b;
    int c = memcmp(x->inflation, y->inflation, x->years * sizeof(double));
    if (c)
        return c;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    if (x->last != y->last)
        return x->last < y->last ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Lines with the same inflation series that run in the same years grow
 * alike: add their amounts once. Explicit cash by year does not move with
 * the draw. */
static int build_non_pay(sim_model *m, const scenario *sc)
{
    size_t n = sc->n_non_pay, N = (size_t)sc->years, nk = 0;
    np_key *keys = malloc((n ? n : 1) * sizeof *keys);
    m->group_amount = malloc((n ? n : 1) * sizeof(double));
    m->group_inflation = malloc((n ? n : 1) * sizeof *m->group_inflation);
    m->group_first = malloc((n ? n : 1) * sizeof *m->group_first);
    m->group_last = malloc((n ? n : 1) * sizeof *m->group_last);
    m->fixed_non_pay = calloc(N, sizeof(double));
    if (!keys || !m->group_amount || !m->group_inflation || !m->group_first || !m->group_last ||
        !m->fixed_non_pay) {
        free(keys);
        return -1;
    }
    for (size_t j = 0; j < n; j++) {
        const non_pay_line *np = &sc->non_pay[j];
        if (np->amounts) {
            for (size_t t = (size_t)np->first_t; t <= (size_t)np->last_t && t < N; t++)
                m->fixed_non_pay[t] += np->amounts[t];
            continue;
        }
        keys[nk++] = (np_key){ np->inflation, N, np->first_t, np->last_t, j };
    }
    qsort(keys, nk, sizeof *keys, np_cmp);
    for (size_t j = 0; j < nk; j++) {
        double amount = sc->non_pay[keys[j].index].amount;
        size_t g = m->n_groups;
        if (g > 0 && m->group_first[g - 1] == keys[j].first && m->group_last[g - 1] == keys[j].last &&
            memcmp(m->group_inflation[g - 1], keys[j].inflation, N * sizeof(double)) == 0) {
            m->group_amount[g - 1] += amount;
        } else {
            m->group_inflation[g] = keys[j].inflation;
            m->group_first[g] = keys[j].first;
            m->group_last[g] = keys[j].last;
            m->group_amount[m->n_groups++] = amount;
        }
    }
    free(keys);
    /* 1 + the rate, added as the projection adds it, so that adding the
     * draw's noise gives the same bits */
    m->group_rate = malloc((m->n_groups ? m->n_groups : 1) * N * sizeof(double));
    if (!m->group_rate)
        return -1;
    for (size_t t = 0; t < N; t++)
        for (size_t g = 0; g < m->n_groups; g++)
            m->group_rate[t * m->n_groups + g] = 1 + m->group_inflation[g][t];
    return 0;
}

static int build_savings(sim_model *m, const scenario *sc)
{
    size_t N = (size_t)sc->years, ns = sc->n_schemes;
    m->scheme_full = malloc((ns ? ns : 1) * N * sizeof(double));
    m->savings_expected = calloc(N, sizeof(double));
    if (!m->scheme_full || !m->savings_expected)
        return -1;
    for (size_t k = 0; k < ns; k++) {
        const saving_scheme *s = &sc->schemes[k];
        for (size_t t = 0; t < N; t++) {
            double ph = scheme_phase(s, sc->base_year + (int)t - s->start);
            m->scheme_full[k * N + t] = s->value * ph;
            /* the same product, in the same order, as project_finance() */
            m->savings_expected[t] += s->value * ph * s->confidence;
        }
    }
    return 0;
}

int sim_model_build(sim_model *m, const scenario *sc)
{
    memset(m, 0, sizeof *m);
    m->years = sc->years;
    m->n_partners = sc->n_partners;
    m->n_schemes = sc->n_schemes;
    if (build_bands(m, sc) < 0 || build_awards(m, sc) < 0 || build_shares(m, sc) < 0 ||
        build_fold(m, sc) < 0 || build_non_pay(m, sc) < 0 || build_savings(m, sc) < 0) {
        sim_model_release(m);
        return -1;
    }
    return 0;
}

void sim_work_release(sim_work *w)
{
    free(w->points);
    free(w->growth);
    free(w->partner_growth);
    free(w->contrib);
    free(w->pence);
    free(w->variance);
    free(w->rules);
    free(w->savings);
    free(w->ys);
    memset(w, 0, sizeof *w);
}

int sim_work_alloc(sim_work *w, const sim_model *m)
{
    size_t np = m->n_partners ? m->n_partners : 1;
    w->points = malloc((m->row_len ? m->row_len : 1) * sizeof(double));
    w->growth = malloc((m->n_groups ? m->n_groups : 1) * sizeof(double));
    w->partner_growth = malloc(np * sizeof(double));
    size_t N = m->years > 0 ? (size_t)m->years : 1;
    w->contrib = malloc(N * np * sizeof(double));
    w->pence = malloc(N * np * sizeof(int64_t));
    w->variance = malloc(N * sizeof(double));
    w->rules = malloc(N * sizeof *w->rules);
    w->savings = malloc((size_t)m->years * sizeof(double));
    w->ys = malloc((m->row_len ? m->row_len : 1) * sizeof(double));
    if (!w->points || !w->growth || !w->partner_growth || !w->contrib || !w->pence ||
        !w->variance || !w->rules || !w->savings || !w->ys) {
        sim_work_release(w);
        return -1;
    }
    return 0;
}

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* floor(y) for y in [0, 2^52): y + 2^52 - 2^52 is y rounded to an integer,
 * exactly (in any rounding mode), and one is taken off where that rounded
 * up. Written with SSE2 so that the compare stays a mask: as a branch it
 * would be mispredicted half the time, the fractions of pay points being
 * anyone's guess. */
static inline double floor_small(double y)
{
#if defined(__SSE2__)
    const __m128d big = _mm_set_sd(4503599627370496.0), v = _mm_set_sd(y);
    __m128d r = _mm_sub_sd(_mm_add_sd(v, big), big);
    __m128d up = _mm_and_pd(_mm_cmpgt_sd(r, v), _mm_set_sd(1.0));
    return _mm_cvtsd_f64(_mm_sub_sd(r, up));
#else
    return floor(y);
#endif
}

/* MODEL.md §2 awards: P' = roundhalfup(max(P·(1 + a_b), P + flat_minimum)),
 * flat_minimum -inf when the award gives none, over
 * the points of every used band in one flat loop, two points at a time
 * where SSE2 is there (the same IEEE operations as the scalar tail, so the
 * same bits), rounding with floor_small(); a y outside its range (seen
 * afterwards) takes floor() itself, from the kept y. */
static void apply_award(const sim_model *m, size_t k, const double *noise, double *restrict pts,
                        double *restrict ys)
{
    const double two52 = 4503599627370496.0;
    double e = noise ? noise[k] : 0.0;
    const double *restrict rate = m->point_pct + k * m->row_len;
    const double *restrict flat = m->award_flat + k * m->row_len;
    size_t n = m->active_len[k], j = 0;
    double lowest = 0, highest = 0;
#if defined(__SSE2__)
    const __m128d E = _mm_set1_pd(e), ONE = _mm_set1_pd(1.0);
    const __m128d HALF = _mm_set1_pd(0.5), BIG = _mm_set1_pd(two52);
    __m128d lo = _mm_setzero_pd(), hi = _mm_setzero_pd();
    for (; j + 2 <= n; j += 2) {
        __m128d pct = _mm_add_pd(_mm_loadu_pd(rate + j), E);
        __m128d p = _mm_loadu_pd(pts + j);
        __m128d up = _mm_mul_pd(p, _mm_add_pd(ONE, pct)), floor_ = _mm_add_pd(p, _mm_loadu_pd(flat + j));
        __m128d y = _mm_add_pd(_mm_max_pd(up, floor_), HALF);
        lo = _mm_min_pd(y, lo);
        hi = _mm_max_pd(y, hi);
        _mm_storeu_pd(ys + j, y);
        __m128d r = _mm_sub_pd(_mm_add_pd(y, BIG), BIG);
        _mm_storeu_pd(pts + j, _mm_sub_pd(r, _mm_and_pd(_mm_cmpgt_pd(r, y), ONE)));
    }
    double l2[2], h2[2];
    _mm_storeu_pd(l2, lo);
    _mm_storeu_pd(h2, hi);
    lowest = l2[0] < l2[1] ? l2[0] : l2[1];
    highest = h2[0] > h2[1] ? h2[0] : h2[1];
#endif
    for (; j < n; j++) {
        double pct = rate[j];
        pct += e;
        double up = pts[j] * (1.0 + pct), floor_ = pts[j] + flat[j];
        double y = (up > floor_ ? up : floor_) + 0.5;
        lowest = y < lowest ? y : lowest;
        highest = y > highest ? y : highest;
        ys[j] = y;
        pts[j] = floor_small(y);
    }
    /* NaN and infinities come out of the fast path as floor() gives them */
    if (lowest < 0 || (highest >= two52 && isfinite(highest)))
        for (j = 0; j < n; j++)
            pts[j] = floor(ys[j]);
}

/* A band-year where some line's NI threshold may bite: line by line, as
 * project_workforce() does. */
static double band_exact(const sim_model *m, const scenario *sc, const sim_band *ub, size_t t,
                         const double *pts)
{
    double total = 0;
    const pay_system *ps = &sc->systems[sc->bands[ub->band].system];
    for (size_t j = 0; j < ub->n_lines; j++) {
        size_t l = m->band_lines[ub->first + j];
        const workforce_line *w = &sc->lines[l];
        if ((int)t < w->first_t || (int)t > w->last_t)
            continue;
        const double *s = m->line_shares + m->share_off[l] + t * ub->k;
        double mean = 0;
        for (size_t i = 0; i < ub->k; i++)
            mean += s[i] * pts[i];
        double basic = w->wte * (1 - w->vacancy) * mean;
        double above = basic - ps->ni_threshold[t] * (w->headcount * (1 - w->vacancy));
        double ni = ps->ni_rate[t] * (above > 0 ? above : 0);
        double pay = basic + ni + ps->pension[t] * basic + ps->levy[t] * basic;
        double agency = w->wte * w->vacancy * w->agency_fill * mean * (1 + w->agency_premium);
        total += pay + agency;
    }
    return total;
}

static double pay_and_agency(const sim_model *m, const scenario *sc, size_t t, const double *pts,
                             int may_fall)
{
    const double *K = m->coef + t * m->row_len;
    if (m->fold_holds[t] && !may_fall) {
        /* The common case: no threshold can bite this year, whatever the
         * draw. Four running sums, not one, so the additions do not wait on
         * each other. */
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        size_t j = 0, n = m->row_len;
        for (; j + 4 <= n; j += 4) {
            a0 += K[j] * pts[j];
            a1 += K[j + 1] * pts[j + 1];
            a2 += K[j + 2] * pts[j + 2];
            a3 += K[j + 3] * pts[j + 3];
        }
        for (; j < n; j++)
            a0 += K[j] * pts[j];
        return m->konst_total[t] + ((a0 + a1) + (a2 + a3));
    }
    double total = 0;
    size_t nu = m->n_used;
    for (size_t u = 0; u < nu; u++) {
        const sim_band *ub = &m->used[u];
        const double *p = pts + ub->off, *k = K + ub->off;
        double acc = 0, lowest = INFINITY;
        for (size_t i = 0; i < ub->k; i++) {
            acc += k[i] * p[i];
            lowest = p[i] < lowest ? p[i] : lowest;
        }
        if (lowest >= m->crit[t * nu + u])
            total += acc + m->konst[t * nu + u];
        else
            total += band_exact(m, sc, ub, t, p);
    }
    return total;
}

/* Σ_k delivered_k · value_k · phase_k(t), scheme by scheme as
 * project_finance() adds them: × 1 or × 0 rather than a branch the draws
 * would make unpredictable (adding the 0 of an undelivered scheme changes
 * no bit), two years at a time where SSE2 is there. */
static void savings_delivered(const sim_model *m, const unsigned char *delivered,
                              double *restrict sv)
{
    size_t N = (size_t)m->years, K = m->n_schemes, t = 0;
    const double *restrict full = m->scheme_full;
    /* two years at a time, the sums in a register rather than in sv (where
     * each scheme's addition would wait on the last one's store) */
#if defined(__SSE2__)
    for (; t + 2 <= N; t += 2) {
        __m128d acc = _mm_setzero_pd();
        for (size_t k = 0; k < K; k++)
            acc = _mm_add_pd(acc, _mm_mul_pd(_mm_set1_pd((double)delivered[k]),
                                             _mm_loadu_pd(full + k * N + t)));
        _mm_storeu_pd(sv + t, acc);
    }
#endif
    for (; t < N; t++) {
        double acc = 0;
        for (size_t k = 0; k < K; k++)
            acc += (double)delivered[k] * full[k * N + t];
        sv[t] = acc;
    }
}

/* growth[g] *= rate[g] + e, two groups at a time where SSE2 is there (the
 * same operations lane by lane, so the same bits). */
static void grow_non_pay(const double *restrict rate, double e, double *restrict growth, size_t n)
{
    size_t g = 0;
#if defined(__SSE2__)
    const __m128d E = _mm_set1_pd(e);
    for (; g + 2 <= n; g += 2)
        _mm_storeu_pd(growth + g, _mm_mul_pd(_mm_loadu_pd(growth + g),
                                             _mm_add_pd(_mm_loadu_pd(rate + g), E)));
#endif
    for (; g < n; g++)
        growth[g] *= rate[g] + e;
}

int sim_model_eval(const sim_model *m, const scenario *sc, const perturbation *pert,
                   sim_work *w, double *out, size_t stride)
{
    size_t N = (size_t)m->years, np = m->n_partners;
    const double *award_noise = pert ? pert->award_noise : NULL;
    const double *infl_noise = pert ? pert->inflation_noise : NULL;
    const double *upl_noise = pert ? pert->uplift_noise : NULL;
    const unsigned char *delivered = pert ? pert->delivered : NULL;

    if (m->row_len)
        memcpy(w->points, m->scale_points, m->row_len * sizeof(double));
    for (size_t g = 0; g < m->n_groups; g++)
        w->growth[g] = 1.0;
    for (size_t i = 0; i < np; i++)
        w->partner_growth[i] = 1.0;

    /* Savings delivered, summed scheme by scheme as project_finance() does. */
    if (!delivered)
        memcpy(w->savings, m->savings_expected, N * sizeof(double));
    else
        savings_delivered(m, delivered, w->savings);

    int may_fall = 0;
    for (size_t t = 0; t < N; t++) {
        /* the awards that take the points to FY base_year + t */
        size_t k0 = t == 0 ? 0 : m->awards_before + t - 1;
        size_t k1 = m->awards_before + t;
        for (size_t k = k0; k < k1 && k < m->n_awards && m->row_len; k++) {
            may_fall |= m->fall_rate[k] + (award_noise ? award_noise[k] : 0.0) < 0;
            apply_award(m, k, award_noise, w->points, w->ys);
        }
        double cost = pay_and_agency(m, sc, t, w->points, may_fall);

        if (t > 0)
            grow_non_pay(m->group_rate + t * m->n_groups, infl_noise ? infl_noise[t] : 0.0,
                         w->growth, m->n_groups);
        double non_pay = m->fixed_non_pay[t];
        for (size_t g = 0; g < m->n_groups; g++)
            if ((int)t >= m->group_first[g] && (int)t <= m->group_last[g])
                non_pay += m->group_amount[g] * w->growth[g];
        cost += non_pay;

        double contributions = 0;
        for (size_t i = 0; i < np; i++) {
            const partner *pa = &sc->partners[i];
            double c;
            if (pa->explicit_amounts) {
                c = pa->amounts[t];
            } else {
                if (t > 0)
                    w->partner_growth[i] *= 1 + pa->uplift[t] + (upl_noise ? upl_noise[i * N + t] : 0.0);
                c = pa->amount * w->partner_growth[i];
            }
            w->contrib[t * np + i] = c;
            contributions += c;
        }

        double gap = cost - contributions;
        double variance = gap - w->savings[t];
        w->variance[t] = variance;
        w->rules[t] = variance > 0 ? &sc->risk_share.overspend : &sc->risk_share.underspend;
        out[t * stride] = cost;
        out[(N + t) * stride] = gap;
        out[(2 * N + t) * stride] = variance;
    }
    /* every year's split at once (riskshare.c says why) */
    int rc = rs_allocate_many(w->rules, N, w->variance, w->contrib, w->pence, NULL);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < np; i++)
        for (size_t t = 0; t < N; t++)
            out[((3 + i) * N + t) * stride] = (double)w->pence[t * np + i];
    return 0;
}

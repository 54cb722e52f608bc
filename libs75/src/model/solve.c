/* Goal seeking (solve.h, MODEL.md §15).
 *
 * An equality target (variance=, gap=) is a root of measure(x) - goal,
 * found with GSL's Brent solver (root_find.h) on the range once its ends
 * are seen to straddle it. A confidence target (p_overspend<=, exposure<=)
 * is a step function of x even with common random numbers: every trial
 * uses the scenario's seed, so the same draws are re-costed and the
 * estimate moves only when some draw crosses zero; Brent's interpolation
 * has nothing to hold on to there, so the boundary between the values that
 * meet the target and those that do not is bisected, and the answer is the
 * end of the last bracket that meets it. */
#include "solve.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "load.h"
#include "root_find.h"

/* Brent stops when the bracket is narrower than this share of the range. */
#define SOLVE_X_TOLERANCE 1e-13

typedef struct seeker {
    const trial_base *base;
    const solve_request *rq;
    const measure *m;
    double goal;
    size_t evaluations;
    int rc;                        /* the first failure; S75_OK */
    s75_error *err;
} seeker;

/* The measure with the input set to x. */
static int trial(seeker *k, double x, double *out)
{
    char num[40];
    trial_number(num, sizeof num, x);
    size_t len = strlen(k->rq->vary) + strlen(num) + 2;
    char *ov = malloc(len);
    if (!ov)
        return error_set(k->err, S75_ENOMEM, no_mark, "", "out of memory");
    snprintf(ov, len, "%s=%s", k->rq->vary, num);
    const char *extra[1] = { ov };
    scenario *sc = trial_load(k->base, extra, 1, k->err);
    int rc = sc ? measure_eval(sc, k->m, k->rq->threads, out, NULL, k->err) : k->err->code;
    scenario_free(sc);
    free(ov);
    k->evaluations++;
    return rc;
}

/* The function handed to GSL: always finite, a failure kept in k->rc. */
static double brent_f(double x, void *ctx)
{
    seeker *k = ctx;
    if (k->rc != S75_OK)
        return 1.0;
    double v;
    k->rc = trial(k, x, &v);
    return k->rc == S75_OK ? v - k->goal : 1.0;
}

static int brent_stopped(void *ctx)
{
    return ((seeker *)ctx)->rc != S75_OK;
}

/* x to `digits` significant digits in plain notation (a --set line reads
 * better as 375000 than as 3.75e+05), read back. dir > 0 rounds up, < 0
 * down, 0 to nearest. */
static double print_digits(double x, int digits, int dir, char *buf, size_t cap)
{
    if (x == 0 || !isfinite(x)) {
        snprintf(buf, cap, "0");
        return 0;
    }
    int e = (int)floor(log10(fabs(x)));
    int decimals = digits - 1 - e;
    if (decimals > 17 || e > 15) {
        snprintf(buf, cap, "%.*g", digits, x);
        return strtod(buf, NULL);
    }
    double r = x;
    if (dir) {
        double q = pow(10, -decimals);
        r = dir > 0 ? ceil(x / q) * q : floor(x / q) * q;
    }
    snprintf(buf, cap, "%.*f", decimals > 0 ? decimals : 0, r);
    return strtod(buf, NULL);
}

static int no_value(seeker *k, const char *vary, double from, double to, double m_from,
                    double m_to, int every)
{
    char a[40], b[40];
    snprintf(a, sizeof a, "%.6g", from);
    snprintf(b, sizeof b, "%.6g", to);
    int prob = k->m->kind == MEASURE_P_OVERSPEND;
    if (m_from == m_to && !every)
        return error_set(k->err, S75_ENUMERIC, no_mark, "", "%s does not move the %s: it is "
                         "%.*f at %s and at %s", vary, k->rq->target, prob ? 4 : 2, m_from, a, b);
    if (every)
        return error_set(k->err, S75_ENUMERIC, no_mark, "", "every value of %s from %s to %s "
                         "meets %s (it is %.*f at %s and %.*f at %s): the boundary is outside "
                         "the range; move it with --range FROM:TO", vary, a, b, k->rq->target,
                         prob ? 4 : 2, m_from, a, prob ? 4 : 2, m_to, b);
    return error_set(k->err, S75_ENUMERIC, no_mark, "", "no value of %s from %s to %s meets %s: "
                     "it is %.*f at %s and %.*f at %s; widen the range with --range FROM:TO",
                     vary, a, b, k->rq->target, prob ? 4 : 2, m_from, a, prob ? 4 : 2, m_to, b);
}

static int set_text(solve_result *r, const char *vary, const char *value)
{
    size_t len = strlen(vary) + strlen(value) + 2;
    r->value_text = xstrdup(value);
    r->set = malloc(len);
    if (!r->value_text || !r->set)
        return -1;
    snprintf(r->set, len, "%s=%s", vary, value);
    return 0;
}

static int solve_equality(seeker *k, solve_result *r)
{
    double from = r->from, to = r->to, g_from, g_to, root;
    int rc = trial(k, from, &g_from);
    if (rc == S75_OK)
        rc = trial(k, to, &g_to);
    if (rc != S75_OK)
        return rc;
    g_from -= k->goal, g_to -= k->goal;
    if (g_from == 0 || g_to == 0) {
        root = g_from == 0 ? from : to;
    } else if ((g_from < 0) == (g_to < 0)) {
        return no_value(k, r->path, from, to, g_from + k->goal, g_to + k->goal, 0);
    } else {
        root_search rs = { brent_f, brent_stopped, k, (to - from) * SOLVE_X_TOLERANCE, 0,
                           SOLVE_MAX_BRENT };
        int found = root_brent(&rs, from, to, &root);
        if (k->rc != S75_OK)
            return k->rc;
        if (found < 0)
            return error_set(k->err, S75_ENOMEM, no_mark, "", "out of memory");
        if (!found)
            return error_set(k->err, S75_ENUMERIC, no_mark, "", "the search for %s did not "
                             "converge in %d steps", k->rq->target, SOLVE_MAX_BRENT);
    }
    /* The fewest digits that still give the target to within 50p (or as
     * near as the full value does, where the measure has steps). */
    double best;
    rc = trial(k, root, &best);
    if (rc != S75_OK)
        return rc;
    double slack = fmax(0.5, fabs(best - k->goal) * (1 + 1e-9));
    char buf[40];
    for (int digits = 4; digits <= 17; digits++) {
        double v, m;
        v = print_digits(root, digits, 0, buf, sizeof buf);
        if (digits == 17) {
            trial_number(buf, sizeof buf, root);
            v = root;
            m = best;
        } else if ((rc = trial(k, v, &m)) != S75_OK) {
            return rc;
        }
        if (fabs(m - k->goal) <= slack || digits == 17) {
            r->value = v;
            r->achieved = m;
            break;
        }
    }
    return set_text(r, r->path, buf) < 0 ? error_set(k->err, S75_ENOMEM, no_mark, "", "out of "
                                                     "memory") : S75_OK;
}

/* Bisects between x_fail (measure > level) and x_meet (<= level) until the
 * bracket is `steps` halvings of its width narrower. */
static int bisect(seeker *k, double level, int steps, double *x_fail, double *x_meet,
                  double *m_fail, double *m_meet)
{
    for (int i = 0; i < steps; i++) {
        double mid = 0.5 * (*x_fail + *x_meet), m;
        if (mid == *x_fail || mid == *x_meet)
            break;
        int rc = trial(k, mid, &m);
        if (rc != S75_OK)
            return rc;
        if (m <= level)
            *x_meet = mid, *m_meet = m;
        else
            *x_fail = mid, *m_fail = m;
    }
    return S75_OK;
}

/* The value where the measure crosses `level`, for the band; the range's
 * end when it does not cross within the range. */
static int crossing(seeker *k, double level, double from, double to, double m_from,
                    double m_to, double *x)
{
    int meets_from = m_from <= level, meets_to = m_to <= level;
    if (meets_from == meets_to) {
        *x = meets_from ? (m_from <= m_to ? to : from) : (m_from <= m_to ? from : to);
        return S75_OK;
    }
    double xf = meets_from ? to : from, xm = meets_from ? from : to;
    double mf = meets_from ? m_to : m_from, mm = meets_from ? m_from : m_to;
    int rc = bisect(k, level, SOLVE_BAND_BISECTIONS, &xf, &xm, &mf, &mm);
    *x = xm;
    return rc;
}

static int solve_inequality(seeker *k, solve_result *r)
{
    double from = r->from, to = r->to, m_from, m_to;
    int rc = trial(k, from, &m_from);
    if (rc == S75_OK)
        rc = trial(k, to, &m_to);
    if (rc != S75_OK)
        return rc;
    int meets_from = m_from <= k->goal, meets_to = m_to <= k->goal;
    if (meets_from == meets_to)
        return no_value(k, r->path, from, to, m_from, m_to, meets_from);
    double xf = meets_from ? to : from, xm = meets_from ? from : to;
    double mf = meets_from ? m_to : m_from, mm = meets_from ? m_from : m_to;
    rc = bisect(k, k->goal, SOLVE_BISECTIONS, &xf, &xm, &mf, &mm);
    if (rc != S75_OK)
        return rc;
    r->bracket_fail = xf, r->bracket_meet = xm;
    r->measure_fail = mf, r->measure_meet = mm;
    /* Print the meeting end with the fewest digits that stay within one
     * bracket width of it on the meeting side; re-run to confirm. */
    char buf[40];
    double width = fabs(xm - xf), v = xm, m = mm;
    int printed = 0;
    for (int digits = 3; digits <= 16 && !printed; digits++) {
        double c = print_digits(xm, digits, xm > xf ? 1 : -1, buf, sizeof buf);
        if (fabs(c - xm) > width || (xm > xf ? c < xm : c > xm))
            continue;
        if ((rc = trial(k, c, &m)) != S75_OK)
            return rc;
        if (m <= k->goal) {
            v = c;
            printed = 1;
        }
    }
    if (!printed) {
        trial_number(buf, sizeof buf, xm);
        v = xm, m = mm;
    }
    r->value = v;
    r->achieved = m;
    if (set_text(r, r->path, buf) < 0)
        return error_set(k->err, S75_ENOMEM, no_mark, "", "out of memory");
    double n = (double)r->draws;
    if (k->m->kind == MEASURE_P_OVERSPEND) {
        /* The binomial standard error of the estimate at the answer, and
         * the values whose estimate lies within 2 s.e. of the target: at
         * this number of draws the answer cannot be told from them. */
        r->standard_error = sqrt(m * (1 - m) / n);
        double se_goal = sqrt(k->goal * (1 - k->goal) / n), lo, hi;
        rc = crossing(k, k->goal + 2 * se_goal, from, to, m_from, m_to, &lo);
        if (rc == S75_OK)
            rc = crossing(k, k->goal - 2 * se_goal, from, to, m_from, m_to, &hi);
        if (rc != S75_OK)
            return rc;
        r->has_band = 1;
        r->band_low = fmin(lo, hi);
        r->band_high = fmax(lo, hi);
    } else {
        /* A p95 is exceeded in 5% of the draws; that share's s.e. */
        r->standard_error = sqrt(0.05 * 0.95 / n);
    }
    return S75_OK;
}

int solve_parse_target(const char *target, measure *m, double *goal, int *inequality,
                       s75_error *err)
{
    const char *usage = "expected variance=AMOUNT, gap=AMOUNT, p_overspend<=P or "
                        "exposure:ID<=AMOUNT";
    if (!target)
        return error_set(err, S75_EUSAGE, no_mark, "", "the target is missing: %s", usage);
    const char *rest = NULL;
    int year = m->year;
    memset(m, 0, sizeof *m);
    m->year = year;
    if (!strncmp(target, "variance=", 9)) {
        m->kind = MEASURE_VARIANCE, rest = target + 9, *inequality = 0;
    } else if (!strncmp(target, "gap=", 4)) {
        m->kind = MEASURE_GAP, rest = target + 4, *inequality = 0;
    } else if (!strncmp(target, "p_overspend<=", 13)) {
        m->kind = MEASURE_P_OVERSPEND, rest = target + 13, *inequality = 1;
    } else if (!strncmp(target, "exposure:", 9)) {
        const char *le = strstr(target, "<=");
        size_t n = le ? (size_t)(le - target - 9) : 0;
        if (!le || n == 0 || n >= sizeof m->partner)
            return error_set(err, S75_EUSAGE, no_mark, "", "target '%s': %s", target, usage);
        memcpy(m->partner, target + 9, n);
        m->partner[n] = '\0';
        m->kind = MEASURE_EXPOSURE, rest = le + 2, *inequality = 1;
    } else {
        return error_set(err, S75_EUSAGE, no_mark, "", "target '%s': %s", target, usage);
    }
    if (trial_parse_number(rest, goal) < 0)
        return error_set(err, S75_EUSAGE, no_mark, "", "target '%s': '%s' is not a number",
                         target, rest);
    if (m->kind == MEASURE_P_OVERSPEND && !(*goal >= 0 && *goal < 1))
        return error_set(err, S75_EUSAGE, no_mark, "", "target '%s': a probability from 0 to "
                         "1 (or 0%% to 100%%) is needed, below 1", target);
    return S75_OK;
}

/* The range when none is given (MODEL.md §15.1): a rate's is -50% to
 * +50%, as break-even's; an amount's 0 to ten times the file's. */
static int default_range(const trial_base *base, const solve_request *rq, solve_result *r,
                         s75_error *err)
{
    char cur[128];
    if (overrides_current(base->file, base->text, base->len, &base->opts, rq->vary, cur,
                          sizeof cur)) {
        r->current = xstrdup(cur);
        if (!r->current)
            return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        double v;
        if (trial_parse_number(cur, &v) == 0) {
            if (strchr(cur, '%') || fabs(v) <= 1) {
                r->from = -0.5, r->to = 0.5;
                return S75_OK;
            }
            r->from = 0, r->to = 10 * fabs(v);
            return S75_OK;
        }
    }
    /* A path that names nothing gets the loader's own message. */
    size_t len = strlen(rq->vary) + 3;
    char *probe = malloc(len);
    if (!probe)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    snprintf(probe, len, "%s=0", rq->vary);
    const char *extra[1] = { probe };
    scenario *sc = trial_load(base, extra, 1, err);
    free(probe);
    if (!sc)
        return err->code;
    scenario_free(sc);
    return error_set(err, S75_EUSAGE, no_mark, "", "no default range for %s (%s): give one "
                     "with --range FROM:TO", rq->vary, r->current ? "not a number in the file"
                     : "not a single value in the file");
}

int solve_run(const trial_base *base, const solve_request *rq, solve_result **out,
              s75_error *err)
{
    *out = NULL;
    s75_error local;
    if (!err)
        err = &local;
    measure m;
    memset(&m, 0, sizeof m);
    m.year = rq->year;
    double goal;
    int inequality;
    int rc = solve_parse_target(rq->target, &m, &goal, &inequality, err);
    if (rc != S75_OK)
        return rc;
    if (!rq->vary || !*rq->vary)
        return error_set(err, S75_EUSAGE, no_mark, "", "which input? give --vary PATH");
    if (rq->has_range && !(isfinite(rq->from) && isfinite(rq->to) && rq->from < rq->to))
        return error_set(err, S75_EUSAGE, no_mark, "", "--range FROM:TO needs FROM < TO, got "
                         "%g:%g", rq->from, rq->to);
    scenario *sc = trial_load(base, NULL, 0, err);
    if (!sc)
        return err->code;
    rc = measure_check(sc, &m, "--target", err);
    double work = measure_sim_values(sc, &m) * SOLVE_MAX_TRIALS;
    if (rc == S75_OK && work > LIMIT_SIM_WORK) {
        mark at = { sc->file, 0, 0 };
        rc = error_set(err, S75_ELIMIT, at, "uncertainty.draws", "a solve runs the simulation "
                       "up to %d times: %ld draws x %d years x %zu series x %d runs is %.3g "
                       "values; the limit (LIMIT_SIM_WORK) is %.3g", SOLVE_MAX_TRIALS,
                       sc->uncertainty.draws, sc->years, 3 + sc->n_partners, SOLVE_MAX_TRIALS,
                       work, LIMIT_SIM_WORK);
    }
    solve_result *r = calloc(1, sizeof *r);
    if (rc == S75_OK && !r)
        rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    if (rc == S75_OK) {
        char name[128];
        measure_name(&m, name, sizeof name);
        r->path = xstrdup(rq->vary);
        r->target = xstrdup(rq->target);
        r->measure = xstrdup(name);
        r->scenario_name = xstrdup(sc->name ? sc->name : "");
        r->file = xstrdup(base->file);
        r->inequality = inequality;
        r->confidence = measure_is_confidence(&m);
        r->goal = goal;
        r->year = m.year;
        r->draws = r->confidence ? sc->uncertainty.draws : 0;
        r->seed = r->confidence ? sc->uncertainty.seed : 0;
        if (!r->path || !r->target || !r->measure || !r->scenario_name || !r->file)
            rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    scenario_free(sc);
    if (rc == S75_OK) {
        r->range_given = rq->has_range;
        if (rq->has_range)
            r->from = rq->from, r->to = rq->to;
        else
            rc = default_range(base, rq, r, err);
    }
    if (rc == S75_OK) {
        seeker k = { base, rq, &m, goal, 0, S75_OK, err };
        rc = inequality ? solve_inequality(&k, r) : solve_equality(&k, r);
        r->evaluations = k.evaluations;
    }
    if (rc != S75_OK) {
        solve_result_free(r);
        return rc;
    }
    *out = r;
    return S75_OK;
}

void solve_result_free(solve_result *r)
{
    if (!r)
        return;
    free(r->path), free(r->target), free(r->measure), free(r->scenario_name), free(r->file);
    free(r->current), free(r->value_text), free(r->set);
    free(r);
}

/* MODEL.md §2-§5: from a validated scenario to the yearly projection. */
#include "project.h"

#include "s75/projection.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Half-up rounding to whole pounds, as AfC pay points are published. */
static double round_half_up(double x)
{
    return floor(x + 0.5);
}

int projection_alloc(projection *p, int base_year, int years, size_t n_partners, size_t n_lines)
{
    memset(p, 0, sizeof *p);
    p->base_year = base_year;
    p->years = years;
    p->n_partners = n_partners;
    p->n_lines = n_lines;
    size_t N = (size_t)years;
    double **per_year[] = { &p->pay, &p->agency, &p->non_pay, &p->cost, &p->contributions_total,
                            &p->gap, &p->savings_planned, &p->savings_expected, &p->variance };
    for (size_t i = 0; i < sizeof per_year / sizeof per_year[0]; i++)
        if (!(*per_year[i] = calloc(N, sizeof(double))))
            goto fail;
    if (!(p->unallocated = calloc(N, sizeof(int64_t))) ||
        !(p->contributions = calloc(N * (n_partners ? n_partners : 1), sizeof(double))) ||
        !(p->risk_share = calloc(N * (n_partners ? n_partners : 1), sizeof(int64_t))) ||
        !(p->line_pay = calloc(N * (n_lines ? n_lines : 1), sizeof(double))) ||
        !(p->line_agency = calloc(N * (n_lines ? n_lines : 1), sizeof(double))) ||
        !(p->line_mean_basic = calloc(N * (n_lines ? n_lines : 1), sizeof(double))))
        goto fail;
    return 0;
fail:
    projection_release(p);
    return -1;
}

void projection_release(projection *p)
{
    free(p->pay), free(p->agency), free(p->non_pay), free(p->cost);
    free(p->contributions_total), free(p->gap), free(p->savings_planned);
    free(p->savings_expected), free(p->variance), free(p->unallocated);
    free(p->contributions), free(p->risk_share);
    free(p->line_pay), free(p->line_agency), free(p->line_mean_basic);
    free(p->delegated), free(p->cascaded);
    free(p->line_non_pay), free(p->employer_key), free(p->system_key);
    free(p->by_employer), free(p->by_system);
    free(p->team_line), free(p->by_team);
    memset(p, 0, sizeof *p);
}

static int same_team(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The team key of line l (n_team_keys when its team has none yet). */
static size_t team_of(const scenario *sc, const projection *p, size_t l)
{
    size_t k = 0;
    while (k < p->n_team_keys && !same_team(sc->lines[p->team_line[k]].team, sc->lines[l].team))
        k++;
    return k;
}

int projection_alloc_detail(projection *p, const scenario *sc)
{
    size_t N = (size_t)p->years, nl = sc->n_lines;
    p->n_non_pay = sc->n_non_pay;
    p->line_non_pay = calloc(N * (sc->n_non_pay ? sc->n_non_pay : 1), sizeof(double));
    p->employer_key = malloc((nl ? nl : 1) * sizeof *p->employer_key);
    p->system_key = malloc((nl ? nl : 1) * sizeof *p->system_key);
    p->team_line = malloc((nl ? nl : 1) * sizeof *p->team_line);
    if (!p->line_non_pay || !p->employer_key || !p->system_key || !p->team_line)
        return -1;
    p->n_employer_keys = p->n_system_keys = p->n_team_keys = 0;
    for (size_t l = 0; l < nl; l++) {
        int e = sc->lines[l].employer;
        size_t s = sc->bands[sc->lines[l].band].system, k = 0;
        while (k < p->n_employer_keys && p->employer_key[k] != e)
            k++;
        if (k == p->n_employer_keys)
            p->employer_key[p->n_employer_keys++] = e;
        k = 0;
        while (k < p->n_system_keys && p->system_key[k] != s)
            k++;
        if (k == p->n_system_keys)
            p->system_key[p->n_system_keys++] = s;
        k = team_of(sc, p, l);
        if (k == p->n_team_keys)
            p->team_line[p->n_team_keys++] = l;
    }
    p->by_employer = calloc(N * (p->n_employer_keys ? p->n_employer_keys : 1), sizeof(double));
    p->by_system = calloc(N * (p->n_system_keys ? p->n_system_keys : 1), sizeof(double));
    p->by_team = calloc(N * (p->n_team_keys ? p->n_team_keys : 1), sizeof(double));
    return p->by_employer && p->by_system && p->by_team ? 0 : -1;
}

/* Does system s take an award in award year k (FY scale_year + 1 + k)? */
static int takes_award(const scenario *sc, size_t s, size_t k)
{
    return sc->scale_year + 1 + (int)k > sc->systems[s].scale_year;
}

static double band_award_rate(const award *a, size_t b)
{
    return isnan(a->band_percent[b]) ? a->percent : a->band_percent[b];
}

double award_lowest_rate(const scenario *sc, size_t k)
{
    double lowest = INFINITY;
    for (size_t b = 0; b < sc->n_bands; b++) {
        size_t s = sc->bands[b].system;
        if (takes_award(sc, s, k))
            lowest = fmin(lowest, band_award_rate(&sc->systems[s].awards[k], b));
    }
    return lowest;
}

int pay_table_build(pay_table *pt, const scenario *sc, const double *award_noise)
{
    memset(pt, 0, sizeof *pt);
    size_t nb = sc->n_bands;
    pt->offset = calloc(nb ? nb : 1, sizeof *pt->offset);
    if (!pt->offset)
        return -1;
    for (size_t b = 0; b < nb; b++) {
        pt->offset[b] = pt->row_len;
        pt->row_len += sc->bands[b].n_points;
    }
    size_t N = (size_t)sc->years;
    pt->points = calloc(N * (pt->row_len ? pt->row_len : 1), sizeof(double));
    double *cur = calloc(pt->row_len ? pt->row_len : 1, sizeof(double));
    if (!pt->points || !cur) {
        free(cur);
        pay_table_release(pt);
        return -1;
    }
    for (size_t b = 0; b < nb; b++)
        memcpy(cur + pt->offset[b], sc->bands[b].points, sc->bands[b].n_points * sizeof(double));
    int last = sc->base_year + sc->years - 1;
    for (int y = sc->scale_year; y <= last; y++) {
        /* With no bands (no workforce) there are no awards to apply. */
        if (y > sc->scale_year && nb > 0) {
            /* MODEL.md §2: each year's award of the band's pay system, with
             * band overrides, rounded half up to whole pounds; a flat
             * minimum, when the award gives one, is a floor, and without
             * one a negative award lowers pay. A system whose scale is of a
             * later year takes no award until after it. */
            size_t k = (size_t)(y - sc->scale_year - 1);
            double noise = award_noise ? award_noise[k] : 0.0;
            for (size_t b = 0; b < nb; b++) {
                size_t s = sc->bands[b].system;
                if (!takes_award(sc, s, k))
                    continue;
                const award *a = &sc->systems[s].awards[k];
                double pct = band_award_rate(a, b);
                pct += noise;
                double *pts = cur + pt->offset[b];
                for (size_t i = 0; i < sc->bands[b].n_points; i++) {
                    double up = pts[i] * (1.0 + pct);
                    if (a->has_flat) {
                        double floor_ = pts[i] + a->flat_minimum;
                        up = up > floor_ ? up : floor_;
                    }
                    pts[i] = round_half_up(up);
                }
            }
        }
        if (y >= sc->base_year)
            memcpy(pt->points + (size_t)(y - sc->base_year) * pt->row_len, cur,
                   pt->row_len * sizeof(double));
    }
    free(cur);
    return 0;
}

void pay_table_release(pay_table *pt)
{
    free(pt->offset);
    free(pt->points);
    memset(pt, 0, sizeof *pt);
}

/* Leavers are replaced on point 0; stayers move up a point at the rate
 * 1/progression_years; the top point keeps its staff. */
void pay_progress(double *s, size_t k, const double *prog, double turnover, double *tmp)
{
    for (size_t i = 0; i < k; i++) {
        double q = i + 1 < k ? 1.0 / prog[i] : 0.0;
        double in = i > 0 ? s[i - 1] * (1.0 / prog[i - 1]) : 0.0;
        tmp[i] = (1 - turnover) * s[i] * (1 - q) + (1 - turnover) * in + (i == 0 ? turnover : 0.0);
    }
    memcpy(s, tmp, k * sizeof *s);
}

void project_workforce(const scenario *sc, const pay_table *pt, projection *p)
{
    size_t N = (size_t)sc->years;
    double s[64], tmp[64];
    for (size_t t = 0; t < N; t++)
        p->pay[t] = p->agency[t] = 0;
    for (size_t l = 0; l < sc->n_lines; l++) {
        const workforce_line *w = &sc->lines[l];
        const band *b = &sc->bands[w->band];
        const pay_system *ps = &sc->systems[b->system];
        size_t k = b->n_points;
        double in_post = w->wte * (1 - w->vacancy);
        double heads = w->headcount * (1 - w->vacancy);
        double agency_wte = w->wte * w->vacancy * w->agency_fill;
        for (size_t t = 0; t < N; t++) {
            /* MODEL.md §14: nothing outside [start, end]; a line that starts
             * later starts on its own shares, and moves up from the year
             * after. */
            if ((int)t < w->first_t || (int)t > w->last_t) {
                p->line_pay[l * N + t] = 0;
                p->line_agency[l * N + t] = 0;
                p->line_mean_basic[l * N + t] = NAN;
                continue;
            }
            if ((int)t == w->first_t)
                memcpy(s, w->shares, k * sizeof *s);
            else
                pay_progress(s, k, b->progression, w->turnover, tmp);
            const double *pts = pt->points + t * pt->row_len + pt->offset[w->band];
            double m = 0;
            for (size_t i = 0; i < k; i++)
                m += s[i] * pts[i];
            double basic = in_post * m;
            double above = basic - ps->ni_threshold[t] * heads;
            double ni = ps->ni_rate[t] * (above > 0 ? above : 0);
            double pay = basic + ni + ps->pension[t] * basic + ps->levy[t] * basic;
            double agency = agency_wte * m * (1 + w->agency_premium);
            p->line_pay[l * N + t] = pay;
            p->line_agency[l * N + t] = agency;
            p->line_mean_basic[l * N + t] = m;
            p->pay[t] += pay;
            p->agency[t] += agency;
        }
    }
}

/* The pay bill (pay + agency) by employer and by pay system, line by line
 * in file order (MODEL.md §14). */
static void project_breakdown(const scenario *sc, projection *p)
{
    size_t N = (size_t)sc->years;
    if (!p->by_employer || !p->by_system)
        return;
    memset(p->by_employer, 0, N * p->n_employer_keys * sizeof(double));
    memset(p->by_system, 0, N * p->n_system_keys * sizeof(double));
    memset(p->by_team, 0, N * p->n_team_keys * sizeof(double));
    for (size_t l = 0; l < sc->n_lines; l++) {
        size_t e = 0, s = 0, sys = sc->bands[sc->lines[l].band].system, tm = team_of(sc, p, l);
        while (p->employer_key[e] != sc->lines[l].employer)
            e++;
        while (p->system_key[s] != sys)
            s++;
        for (size_t t = 0; t < N; t++) {
            double v = p->line_pay[l * N + t] + p->line_agency[l * N + t];
            p->by_employer[e * N + t] += v;
            p->by_system[s * N + t] += v;
            p->by_team[tm * N + t] += v;
        }
    }
}

double scheme_phase(const saving_scheme *s, int k)
{
    if (k < 0)
        return 0;
    if ((size_t)k < s->n_phasing)
        return s->phasing[k];
    return s->recurrent ? s->phasing[s->n_phasing - 1] : 0;
}

int project_share(const scenario *sc, projection *p, int t, double amount)
{
    size_t N = (size_t)p->years, np = sc->n_partners;
    int64_t pence[LIMIT_SHARE_STACK];
    double weights[LIMIT_SHARE_STACK];
    int64_t *pp = np <= LIMIT_SHARE_STACK ? pence : malloc(np * sizeof *pp);
    double *w = np <= LIMIT_SHARE_STACK ? weights : malloc(np * sizeof *w);
    int rc = -1;
    if (pp && w) {
        for (size_t i = 0; i < np; i++)
            w[i] = p->contributions[i * N + (size_t)t];
        const rs_rule *rule = amount > 0 ? &sc->risk_share.overspend : &sc->risk_share.underspend;
        int64_t un = 0;
        rc = rs_allocate(rule, amount, w, pp, &un);
        if (rc == 0) {
            for (size_t i = 0; i < np; i++)
                p->risk_share[i * N + (size_t)t] = pp[i];
            p->unallocated[t] = un;
        }
    }
    if (pp != pence)
        free(pp);
    if (w != weights)
        free(w);
    return rc;
}

int project_finance(const scenario *sc, const perturbation *pert, projection *p)
{
    size_t N = (size_t)sc->years;
    const double *infl_noise = pert ? pert->inflation_noise : NULL;
    const double *upl_noise = pert ? pert->uplift_noise : NULL;
    const unsigned char *delivered = pert ? pert->delivered : NULL;

    for (size_t t = 0; t < N; t++)
        p->non_pay[t] = 0;
    for (size_t j = 0; j < sc->n_non_pay; j++) {
        const non_pay_line *np = &sc->non_pay[j];
        double g = 1.0;
        for (size_t t = 0; t < N; t++) {
            /* MODEL.md §14: explicit cash is not inflated; an amount is in
             * base-year prices even when the line starts later. */
            if (t > 0)
                g *= 1 + np->inflation[t] + (infl_noise ? infl_noise[t] : 0.0);
            double v = (int)t < np->first_t || (int)t > np->last_t ? 0.0
                       : np->amounts ? np->amounts[t] : np->amount * g;
            p->non_pay[t] += v;
            if (p->line_non_pay)
                p->line_non_pay[j * N + t] = v;
        }
    }
    for (size_t t = 0; t < N; t++) {
        p->cost[t] = p->pay[t] + p->agency[t] + p->non_pay[t] +
                     (p->delegated ? p->delegated[t] : 0.0);
        p->contributions_total[t] = 0;
        p->savings_planned[t] = p->savings_expected[t] = 0;
    }
    for (size_t i = 0; i < sc->n_partners; i++) {
        const partner *pa = &sc->partners[i];
        double g = 1.0;
        for (size_t t = 0; t < N; t++) {
            double c;
            if (pa->explicit_amounts) {
                c = pa->amounts[t];
            } else {
                if (t > 0)
                    g *= 1 + pa->uplift[t] + (upl_noise ? upl_noise[i * N + t] : 0.0);
                c = pa->amount * g;
            }
            p->contributions[i * N + t] = c;
            p->contributions_total[t] += c;
        }
    }
    for (size_t k = 0; k < sc->n_schemes; k++) {
        const saving_scheme *s = &sc->schemes[k];
        for (size_t t = 0; t < N; t++) {
            double ph = scheme_phase(s, sc->base_year + (int)t - s->start);
            p->savings_planned[t] += s->value * ph;
            if (!delivered)
                p->savings_expected[t] += s->value * ph * s->confidence;
            else if (delivered[k])
                p->savings_expected[t] += s->value * ph;
        }
    }
    for (size_t t = 0; t < N; t++) {
        p->gap[t] = p->cost[t] - p->contributions_total[t];
        p->variance[t] = p->gap[t] - p->savings_expected[t] +
                         (p->cascaded ? p->cascaded[t] : 0.0);
        if (!p->variance_only && project_share(sc, p, (int)t, p->variance[t]) < 0)
            return -1;
    }
    p->gap_peak = peak_index(p->gap, p->years);
    return 0;
}

int peak_index(const double *v, int years)
{
    int peak = 0;
    for (int t = 1; t < years; t++)
        if (v[t] > v[peak])
            peak = t;
    return peak;
}

int project_run(const scenario *sc, const perturbation *pert, projection *p)
{
    pay_table pt;
    if (pay_table_build(&pt, sc, pert ? pert->award_noise : NULL) < 0)
        return -2;
    project_workforce(sc, &pt, p);
    pay_table_release(&pt);
    project_breakdown(sc, p);
    return project_finance(sc, pert, p);
}

double projection_line(const projection *q, int line, int t)
{
    switch ((s75_line)line) {
    case S75_LINE_PAY: return q->pay[t];
    case S75_LINE_AGENCY: return q->agency[t];
    case S75_LINE_NON_PAY: return q->non_pay[t];
    case S75_LINE_COST: return q->cost[t];
    case S75_LINE_CONTRIBUTIONS_TOTAL: return q->contributions_total[t];
    case S75_LINE_GAP: return q->gap[t];
    case S75_LINE_SAVINGS_PLANNED: return q->savings_planned[t];
    case S75_LINE_SAVINGS_EXPECTED: return q->savings_expected[t];
    case S75_LINE_VARIANCE: return q->variance[t];
    case S75_LINE_UNALLOCATED: return (double)q->unallocated[t] / 100.0;
    }
    return NAN;
}

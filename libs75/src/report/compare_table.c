/* The table behind `s75 compare` (compare_table.h): the key lines of several
 * runs on one axis of financial years. */
#include "compare_table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "portfolio.h"
#include "xstr.h"

/* Where a run's figures live: its projection, or a portfolio's
 * consolidation. */
typedef struct cmp_source {
    int base_year, years;
    size_t n_partners;
    const double *series[5];        /* in the order of line_keys below */
    const int64_t *risk_share;      /* [partner * years + t], pence */
    const int64_t *unallocated;     /* [years], pence */
    const scenario *sc;             /* partner ids and names of a single scenario */
    const struct portfolio_result *pf;
} cmp_source;

static const char *const line_keys[5] = { "cost", "contributions_total", "gap",
                                          "savings_expected", "variance" };
static const char *const line_labels[5] = { "Cost", "Contributions", "Gap (cost - contributions)",
                                            "Savings expected", "Variance (+ over / - under)" };

static int source_of(const s75_result *res, cmp_source *s)
{
    memset(s, 0, sizeof *s);
    if (res->portfolio) {
        const struct portfolio_result *p = res->portfolio;
        s->pf = p;
        s->base_year = p->base_year;
        s->years = p->years;
        s->n_partners = p->n_partners;
        const double *v[5] = { p->cost, p->contributions_total, p->gap, p->savings_expected,
                               p->variance };
        memcpy(s->series, v, sizeof v);
        s->risk_share = p->risk_share;
        s->unallocated = p->unallocated;
        return 0;
    }
    if (!res->has_projection)
        return -1;
    const projection *p = &res->proj;
    s->sc = res->sc;
    s->base_year = p->base_year;
    s->years = p->years;
    s->n_partners = p->n_partners;
    const double *v[5] = { p->cost, p->contributions_total, p->gap, p->savings_expected,
                           p->variance };
    memcpy(s->series, v, sizeof v);
    s->risk_share = p->risk_share;
    s->unallocated = p->unallocated;
    return 0;
}

static const char *source_partner_id(const cmp_source *s, size_t i)
{
    return s->pf ? s->pf->partner_ids[i] : s->sc->partners[i].id;
}

static const char *source_partner_name(const cmp_source *s, size_t i)
{
    const char *n = s->pf ? s->pf->partner_names[i] : s->sc->partners[i].name;
    return n ? n : source_partner_id(s, i);
}

static long source_partner_index(const cmp_source *s, const char *id)
{
    for (size_t i = 0; i < s->n_partners; i++)
        if (strcmp(source_partner_id(s, i), id) == 0)
            return (long)i;
    return -1;
}

void cmp_free(cmp_table *t)
{
    for (size_t i = 0; i < t->n_runs && t->runs; i++)
        free(t->runs[i].name);
    free(t->runs);
    for (size_t i = 0; i < t->n_lines && t->lines; i++) {
        free(t->lines[i].label);
        free(t->lines[i].v);
    }
    free(t->lines);
    memset(t, 0, sizeof *t);
}

static char *label_of(const char *prefix, const char *name)
{
    size_t n = strlen(prefix) + strlen(name) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", prefix, name);
    return s;
}

int cmp_build(cmp_table *t, const s75_result *const *results, const char *const *names,
              size_t n, s75_error *err)
{
    memset(t, 0, sizeof *t);
    if (!results || n == 0)
        return error_set(err, S75_EUSAGE, no_mark, "", "nothing to compare: no results");
    cmp_source *src = calloc(n, sizeof *src);
    if (!src)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    int first = 0, last = 0;
    for (size_t r = 0; r < n; r++) {
        if (!results[r] || source_of(results[r], &src[r]) < 0) {
            free(src);
            return error_set(err, S75_EUSAGE, no_mark, "", "result %zu has no projection to "
                             "compare", r + 1);
        }
        int a = src[r].base_year, b = src[r].base_year + src[r].years - 1;
        if (r == 0 || a < first)
            first = a;
        if (r == 0 || b > last)
            last = b;
    }
    t->first_year = first;
    t->years = last - first + 1;
    t->n_runs = n;
    t->runs = calloc(n, sizeof *t->runs);
    /* Partners: every id any run has, in order of first appearance. */
    size_t cap = 0;
    for (size_t r = 0; r < n; r++)
        cap += src[r].n_partners;
    const char **ids = calloc(cap + 1, sizeof *ids);
    const char **pnames = calloc(cap + 1, sizeof *pnames);
    size_t n_ids = 0;
    int oom = !t->runs || !ids || !pnames;
    for (size_t r = 0; !oom && r < n; r++) {
        char fallback[32];
        snprintf(fallback, sizeof fallback, "run %zu", r + 1);
        const char *nm = names && names[r] ? names[r] : fallback;
        t->runs[r].name = xstrdup(nm);
        t->runs[r].res = results[r];
        t->runs[r].sc = results[r]->sc;
        oom = !t->runs[r].name;
        for (size_t i = 0; i < src[r].n_partners; i++) {
            const char *id = source_partner_id(&src[r], i);
            size_t k = 0;
            while (k < n_ids && strcmp(ids[k], id) != 0)
                k++;
            if (k == n_ids) {
                ids[n_ids] = id;
                pnames[n_ids++] = source_partner_name(&src[r], i);
            }
        }
    }
    t->lines = oom ? NULL : calloc(5 + n_ids + 1, sizeof *t->lines);
    oom = oom || !t->lines;
    size_t Y = (size_t)t->years;
    for (size_t k = 0; !oom && k < 5 + n_ids + 1; k++) {
        cmp_line *l = &t->lines[k];
        t->n_lines++;
        if (k < 5) {
            l->line = line_keys[k];
            l->label = xstrdup(line_labels[k]);
        } else if (k < 5 + n_ids) {
            l->line = "risk_share";
            l->partner = ids[k - 5];
            l->label = label_of("Risk share: ", pnames[k - 5]);
            l->pence = 1;
        } else {
            l->line = "unallocated";
            l->label = xstrdup("Unallocated (caps)");
            l->pence = 1;
        }
        l->v = malloc(n * Y * sizeof *l->v);
        if (!l->label || !l->v) {
            oom = 1;
            break;
        }
        for (size_t r = 0; r < n; r++) {
            const cmp_source *s = &src[r];
            long pi = l->partner ? source_partner_index(s, l->partner) : 0;
            for (size_t y = 0; y < Y; y++) {
                int t0 = t->first_year + (int)y - s->base_year;
                double v = NAN;
                if (t0 >= 0 && t0 < s->years && pi >= 0) {
                    size_t tt = (size_t)t0;
                    if (k < 5)
                        v = s->series[k][tt];
                    else if (l->partner)
                        v = (double)s->risk_share[(size_t)pi * (size_t)s->years + tt];
                    else
                        v = (double)s->unallocated[tt];
                }
                l->v[r * Y + y] = v;
            }
        }
    }
    free(ids);
    free(pnames);
    free(src);
    if (oom) {
        cmp_free(t);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    return S75_OK;
}

double cmp_value(const cmp_table *t, const cmp_line *l, size_t r, int y)
{
    return l->v[r * (size_t)t->years + (size_t)y];
}

double cmp_diff(const cmp_table *t, const cmp_line *l, size_t r, int y)
{
    double a = cmp_value(t, l, r, y), b = cmp_value(t, l, 0, y);
    return isfinite(a) && isfinite(b) ? a - b : NAN;
}

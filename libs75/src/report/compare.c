/* Runs side by side (s75/compare.h): the table, and its text, CSV and JSON. */
#include "compare_table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "overrides.h"
#include "portfolio.h"
#include "reader.h"
#include "report.h"
#include "s75/compare.h"
#include "s75/version.h"

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

/* ---- JSON ---- */

static void json_amount(jw *w, const cmp_line *l, double v)
{
    if (l->pence && isfinite(v))
        jw_pence(w, NULL, (int64_t)v);
    else
        jw_number(w, NULL, v);
}

static void json_run(jw *w, const cmp_run *run)
{
    const scenario *sc = run->sc;
    const scenario_provenance *p = sc->provenance;
    jw_object(w, NULL);
    jw_string(w, "name", run->name);
    jw_string(w, "scenario", sc->name);
    jw_string(w, "file", sc->file);
    jw_string(w, "sha256", sc->sha256);
    jw_string(w, "variant", p ? p->variant : NULL);
    jw_array(w, "overrides");
    for (size_t i = 0; p && i < p->n_overrides; i++)
        jw_string(w, NULL, p->overrides[i]);
    jw_end_array(w);
    jw_end_object(w);
}

static void compare_json(sbuf *b, const cmp_table *t)
{
    jw w;
    jw_init(&w, b);
    char label[8];
    jw_object(&w, NULL);
    jw_int(&w, "s75", 1);
    jw_string(&w, "version", S75_VERSION);
    jw_object(&w, "compare");
    jw_string(&w, "base", t->runs[0].name);
    jw_array(&w, "runs");
    for (size_t r = 0; r < t->n_runs; r++)
        json_run(&w, &t->runs[r]);
    jw_end_array(&w);
    jw_array(&w, "years");
    for (int y = 0; y < t->years; y++)
        jw_string(&w, NULL, fy_label(t->first_year + y, label));
    jw_end_array(&w);
    jw_array(&w, "lines");
    for (size_t k = 0; k < t->n_lines; k++) {
        const cmp_line *l = &t->lines[k];
        jw_object(&w, NULL);
        jw_string(&w, "line", l->line);
        jw_string(&w, "partner", l->partner);
        jw_string(&w, "label", l->label);
        for (int d = 0; d < 2; d++) {
            jw_array(&w, d ? "difference" : "values");
            for (size_t r = 0; r < t->n_runs; r++) {
                jw_array(&w, NULL);
                for (int y = 0; y < t->years; y++)
                    json_amount(&w, l, d ? cmp_diff(t, l, r, y) : cmp_value(t, l, r, y));
                jw_end_array(&w);
            }
            jw_end_array(&w);
        }
        jw_end_object(&w);
    }
    jw_end_array(&w);
    jw_end_object(&w);
    jw_end_object(&w);
    sb_putc(b, '\n');
}

/* ---- CSV ---- */

static void csv_amount(sbuf *b, const cmp_line *l, double v)
{
    if (!isfinite(v))
        return;
    if (l->pence)
        sb_pence(b, (int64_t)v);
    else
        sb_printf(b, "%.17g", v);
}

static void compare_csv(sbuf *b, const cmp_table *t)
{
    char label[8];
    sb_puts(b, "line,partner,year,run,value,difference\n");
    for (size_t k = 0; k < t->n_lines; k++) {
        const cmp_line *l = &t->lines[k];
        for (int y = 0; y < t->years; y++)
            for (size_t r = 0; r < t->n_runs; r++) {
                sb_printf(b, "%s,", l->line);
                if (l->partner)
                    sb_csv_field(b, l->partner);
                sb_printf(b, ",%s,", fy_label(t->first_year + y, label));
                sb_csv_field(b, t->runs[r].name);
                sb_putc(b, ',');
                csv_amount(b, l, cmp_value(t, l, r, y));
                sb_putc(b, ',');
                csv_amount(b, l, cmp_diff(t, l, r, y));
                sb_putc(b, '\n');
            }
    }
}

/* ---- text ---- */

static void describe_run(sbuf *b, const cmp_run *run, int with_name)
{
    const scenario *sc = run->sc;
    const scenario_provenance *p = sc->provenance;
    const char *slash = strrchr(sc->file, '/');
    sb_printf(b, "  %-20s ", run->name);
    if (with_name)
        sb_printf(b, "%s: ", sc->name);
    sb_printf(b, "%s (sha256 %.12s)", slash ? slash + 1 : sc->file, sc->sha256);
    if (p && p->variant)
        sb_printf(b, ", variant %s", p->variant);
    for (size_t i = 0; p && i < p->n_overrides; i++)
        sb_printf(b, "%s--set %s", i ? " " : "; ", p->overrides[i]);
    sb_putc(b, '\n');
}

static void compare_text(sbuf *b, const cmp_table *t)
{
    size_t Y = (size_t)t->years;
    double *row = malloc((Y ? Y : 1) * sizeof *row);
    if (!row) {
        b->oom = 1;
        return;
    }
    int same = 1;
    for (size_t r = 1; r < t->n_runs; r++)
        same = same && strcmp(t->runs[r].sc->name, t->runs[0].sc->name) == 0;
    sb_printf(b, "Comparison of %zu run%s%s%s (GBP, cash; differences against %s)\n", t->n_runs,
              t->n_runs == 1 ? "" : "s", same ? " of " : "", same ? t->runs[0].sc->name : "",
              t->runs[0].name);
    for (size_t r = 0; r < t->n_runs; r++)
        describe_run(b, &t->runs[r], !same);
    for (size_t k = 0; k < t->n_lines; k++) {
        const cmp_line *l = &t->lines[k];
        double scale = l->pence ? 100.0 : 1.0;
        /* Partners by id: a name seldom fits the label column. */
        char heading[96];
        if (l->partner)
            snprintf(heading, sizeof heading, "Risk share: %.60s", l->partner);
        text_heading(b, l->partner ? heading : l->label, t->first_year, t->years, 1);
        for (int d = 0; d < 2; d++)
            for (size_t r = d; r < t->n_runs; r++) {
                char label[96];
                if (d)
                    snprintf(label, sizeof label, "  %.30s - %.30s", t->runs[r].name,
                             t->runs[0].name);
                else
                    snprintf(label, sizeof label, "  %.60s", t->runs[r].name);
                for (size_t y = 0; y < Y; y++)
                    row[y] = (d ? cmp_diff(t, l, r, (int)y) : cmp_value(t, l, r, (int)y)) / scale;
                text_row(b, label, row, t->years, 1);
            }
    }
    free(row);
}

/* ---- entry points ---- */

int s75_compare(char **out, size_t *len, const s75_result *const *results,
                const char *const *names, size_t n, s75_format fmt, s75_error *err)
{
    if (!out)
        return error_set(err, S75_EUSAGE, no_mark, "", "out is NULL");
    *out = NULL;
    if (fmt != S75_FORMAT_TEXT && fmt != S75_FORMAT_CSV && fmt != S75_FORMAT_JSON)
        return error_set(err, S75_EUSAGE, no_mark, "", fmt == S75_FORMAT_XLSX ?
                         "xlsx is written to a file: use s75_compare_write_file" :
                         "a comparison is text, csv, json or xlsx, not format %d", (int)fmt);
    cmp_table t;
    int rc = cmp_build(&t, results, names, n, err);
    if (rc)
        return rc;
    sbuf b;
    sb_init(&b);
    if (fmt == S75_FORMAT_TEXT)
        compare_text(&b, &t);
    else if (fmt == S75_FORMAT_CSV)
        compare_csv(&b, &t);
    else
        compare_json(&b, &t);
    cmp_free(&t);
    *out = sb_take(&b, len);
    if (!*out)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    return S75_OK;
}

int s75_compare_write_file(const s75_result *const *results, const char *const *names,
                           size_t n, s75_format fmt, const char *path, s75_error *err)
{
    if (!path)
        return error_set(err, S75_EUSAGE, no_mark, "", "path is NULL");
    if (fmt == S75_FORMAT_XLSX) {
        cmp_table t;
        int rc = cmp_build(&t, results, names, n, err);
        if (rc)
            return rc;
        rc = compare_xlsx_write(&t, path, err);
        cmp_free(&t);
        return rc;
    }
    char *text;
    size_t len;
    int rc = s75_compare(&text, &len, results, names, n, fmt, err);
    if (rc)
        return rc;
    atomic_bytes bytes = { text, len };
    rc = atomic_write(path, atomic_fill_bytes, &bytes, err);
    free(text);
    return rc;
}

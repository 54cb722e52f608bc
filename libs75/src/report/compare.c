/* Runs side by side (s75/compare.h): the text, CSV and JSON of the table
 * compare_table.c builds. */
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
#include "c_locale.h"

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
    json_inputs(w, sc);
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
        sbuf heading;
        sb_init(&heading);
        if (l->partner)
            sb_printf(&heading, "Risk share: %s", l->partner);
        text_heading(b, l->partner && heading.s ? heading.s : l->label, t->first_year, t->years, 1);
        b->oom |= heading.oom;
        sb_free(&heading);
        for (int d = 0; d < 2; d++)
            for (size_t r = d; r < t->n_runs; r++) {
                for (size_t y = 0; y < Y; y++)
                    row[y] = (d ? cmp_diff(t, l, r, (int)y) : cmp_value(t, l, r, (int)y)) / scale;
                if (d) {
                    sbuf minus;
                    sb_init(&minus);
                    sb_printf(&minus, " - %s", t->runs[0].name);
                    text_row_named(b, "  ", t->runs[r].name, minus.s ? minus.s : "", row,
                                   t->years, 1);
                    b->oom |= minus.oom;
                    sb_free(&minus);
                } else {
                    text_row_named(b, "  ", t->runs[r].name, "", row, t->years, 1);
                }
            }
    }
    free(row);
}

/* ---- entry points ---- */

static int compare_in_c(char **out, size_t *len, const s75_result *const *results,
                        const char *const *names, size_t n, s75_format fmt, s75_error *err)
{
    if (!out)
        return error_set(err, S75_EUSAGE, no_mark, "", "out is NULL");
    *out = NULL;
    if (fmt != S75_FORMAT_TEXT && fmt != S75_FORMAT_CSV && fmt != S75_FORMAT_JSON &&
        fmt != S75_FORMAT_TIDY && fmt != S75_FORMAT_HTML)
        return error_set(err, S75_EUSAGE, no_mark, "", fmt == S75_FORMAT_XLSX ?
                         "xlsx is written to a file: use s75_compare_write_file" :
                         "a comparison is text, csv, tidy, json, html or xlsx, not format %d",
                         (int)fmt);
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
    else if (fmt == S75_FORMAT_JSON)
        compare_json(&b, &t);
    else if (fmt == S75_FORMAT_HTML)
        compare_html(&b, &t);
    else {
        sbuf json;
        sb_init(&json);
        compare_json(&json, &t);
        if (json.oom)
            b.oom = 1;
        else
            report_tidy(&b, json.s, json.len);
        sb_free(&json);
    }
    cmp_free(&t);
    *out = sb_take(&b, len);
    if (!*out)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    return S75_OK;
}

static int compare_write_file_in_c(const s75_result *const *results, const char *const *names,
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

/* The public calls read and write numbers in the C locale (c_locale.h). */
s75_status s75_compare(char **out, size_t *len, const s75_result *const *results,
                       const char *const *names, size_t n, s75_format fmt, s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = compare_in_c(out, len, results, names, n, fmt, err);
    c_locale_leave(&l);
    return rc;
}

s75_status s75_compare_write_file(const s75_result *const *results, const char *const *names,
                                  size_t n, s75_format fmt, const char *path, s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = compare_write_file_in_c(results, names, n, fmt, path, err);
    c_locale_leave(&l);
    return rc;
}

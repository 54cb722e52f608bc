/* `s75 compare --format html`: the runs side by side as a paper. What each
 * run is, every input that differs from the first run's (by its --set path,
 * before and after), which financial years a run lacks, then the key lines
 * of each run and their differences, partners by name. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare_table.h"
#include "overrides.h"
#include "reader.h"
#include "report_html.h"
#include "s75/version.h"

static void runs_table(sbuf *b, const cmp_table *t)
{
    sb_puts(b, "<table class=\"inputs\">\n<thead><tr><th>Run</th><th>Scenario</th><th>File "
               "(SHA-256)</th><th>Variant and --set</th></tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->n_runs; r++) {
        const scenario *sc = t->runs[r].sc;
        const scenario_provenance *p = sc->provenance;
        sb_puts(b, "<tr><td>");
        sb_html(b, t->runs[r].name);
        if (r == 0)
            sb_puts(b, " (the reference)");
        sb_puts(b, "</td><td>");
        sb_html(b, sc->name ? sc->name : "");
        sb_puts(b, "</td><td><code>");
        sb_html(b, html_base_name(sc->file));
        sb_printf(b, "</code> (<code>%.12s</code>)</td><td>", sc->sha256);
        if (p && p->variant) {
            sb_puts(b, "variant <code>");
            sb_html(b, p->variant);
            sb_puts(b, "</code>");
        }
        for (size_t i = 0; p && i < p->n_overrides; i++) {
            sb_puts(b, (p->variant || i) ? "; <code>--set " : "<code>--set ");
            sb_html(b, p->overrides[i]);
            sb_puts(b, "</code>");
        }
        if (!(p && (p->variant || p->n_overrides)))
            sb_puts(b, "the file as written");
        sb_puts(b, "</td></tr>\n");
    }
    sb_puts(b, "</tbody>\n</table>\n");
}

static const char *value_of(const input_list *in, const char *path)
{
    for (size_t i = 0; i < in->n; i++)
        if (strcmp(in->paths[i], path) == 0)
            return in->values[i];
    return NULL;
}

static void cell(sbuf *b, const char *v)
{
    if (v) {
        sb_puts(b, "<td><code>");
        sb_html(b, v);
        sb_puts(b, "</code></td>");
    } else {
        sb_puts(b, "<td>(not set)</td>");
    }
}

/* Every input path whose value differs between the reference and run r, in
 * the reference's order, then the paths only run r has. */
static void input_changes(sbuf *b, const cmp_table *t, size_t r, const input_list *ref)
{
    input_list in;
    if (provenance_inputs(t->runs[r].sc->provenance, t->runs[r].sc->file, &in) < 0) {
        b->oom = 1;
        input_list_free(&in);
        return;
    }
    size_t changed = 0;
    sbuf rows;
    sb_init(&rows);
    for (int pass = 0; pass < 2; pass++) {
        const input_list *from = pass ? &in : ref, *other = pass ? ref : &in;
        for (size_t i = 0; i < from->n; i++) {
            const char *there = value_of(other, from->paths[i]);
            if (pass && there)
                continue; /* listed in the first pass */
            if (there && strcmp(there, from->values[i]) == 0)
                continue;
            changed++;
            sb_puts(&rows, "<tr><td><code>");
            sb_html(&rows, from->paths[i]);
            sb_puts(&rows, "</code></td>");
            cell(&rows, pass ? NULL : from->values[i]);
            cell(&rows, pass ? from->values[i] : there);
            sb_puts(&rows, "</tr>\n");
        }
    }
    sb_puts(b, "<h3>");
    sb_html(b, t->runs[r].name);
    sb_puts(b, " against ");
    sb_html(b, t->runs[0].name);
    sb_puts(b, "</h3>\n");
    if (changed == 0) {
        sb_puts(b, "<p>No input differs: the two runs read the same figures.</p>\n");
    } else {
        sb_printf(b, "<table class=\"inputs\">\n<caption>%zu input%s differ%s (paths as "
                  "<code>--set</code> takes them)</caption>\n<thead><tr><th>Input</th>"
                  "<th>Before (", changed, changed == 1 ? "" : "s", changed == 1 ? "s" : "");
        sb_html(b, t->runs[0].name);
        sb_puts(b, ")</th><th>After (");
        sb_html(b, t->runs[r].name);
        sb_puts(b, ")</th></tr></thead>\n<tbody>\n");
        if (rows.len)
            sb_putn(b, rows.s, rows.len);
        sb_puts(b, "</tbody>\n</table>\n");
    }
    b->oom |= rows.oom;
    sb_free(&rows);
    input_list_free(&in);
}

/* Runs over different years share one axis; say which years each lacks. */
static void years_note(sbuf *b, const cmp_table *t)
{
    char y[8];
    const cmp_line *cost = &t->lines[0];
    int any = 0;
    for (size_t r = 0; r < t->n_runs; r++) {
        int lacking = 0;
        for (int k = 0; k < t->years; k++)
            lacking += isnan(cmp_value(t, cost, r, k));
        if (!lacking)
            continue;
        if (!any++)
            sb_puts(b, "<p class=\"note\">The runs cover different financial years, shown on "
                       "one axis; a year a run lacks is a dash, and has no difference.</p>\n<ul>\n");
        sb_puts(b, "<li>");
        sb_html(b, t->runs[r].name);
        sb_puts(b, " has no figures for ");
        const char *sep = "";
        for (int k = 0; k < t->years; k++)
            if (isnan(cmp_value(t, cost, r, k))) {
                sb_printf(b, "%s%s", sep, fy_label(t->first_year + k, y));
                sep = ", ";
            }
        sb_puts(b, ".</li>\n");
    }
    if (any)
        sb_puts(b, "</ul>\n");
}

static void lines_tables(sbuf *b, const cmp_table *t, double *row)
{
    for (html_years w = html_years_start(t->first_year, t->years, 1); w.t0 < w.years;
         html_years_next(&w)) {
        html_year_table_open(b, &w, "Each run, and its difference from the reference "
                             "(\xC2\xA3, cash)", "Line and run");
        for (size_t k = 0; k < t->n_lines; k++) {
            const cmp_line *l = &t->lines[k];
            double scale = l->pence ? 100.0 : 1.0;
            html_table_group(b, k > 0);
            html_row_open(b, l->label, ROW_TOTAL);
            for (int y = w.t0; y < w.t1; y++)
                sb_puts(b, "<td></td>");
            if (html_years_total(&w))
                sb_puts(b, "<td></td>");
            sb_puts(b, "</tr>\n");
            for (int d = 0; d < 2; d++)
                for (size_t r = (size_t)d; r < t->n_runs; r++) {
                    for (int y = 0; y < t->years; y++)
                        row[y] = (d ? cmp_diff(t, l, r, y) : cmp_value(t, l, r, y)) / scale;
                    sbuf label;
                    sb_init(&label);
                    sb_puts(&label, t->runs[r].name);
                    if (d) {
                        sb_puts(&label, " \xE2\x88\x92 ");
                        sb_puts(&label, t->runs[0].name);
                    }
                    html_year_row(b, &w, label.s ? label.s : "", row, 1, ROW_SUB);
                    b->oom |= label.oom;
                    sb_free(&label);
                }
        }
        html_table_close(b);
    }
}

void compare_html(sbuf *b, const cmp_table *t)
{
    double *row = malloc((size_t)(t->years > 0 ? t->years : 1) * sizeof *row);
    input_list ref;
    if (!row || provenance_inputs(t->runs[0].sc->provenance, t->runs[0].sc->file, &ref) < 0) {
        free(row);
        b->oom = 1;
        return;
    }
    char a[8], z[8];
    html_document_open(b, "Comparison of runs");
    sb_puts(b, "<header class=\"masthead\">\n<p class=\"kicker\">Section 75 pooled budget "
               "\xC2\xB7 comparison of runs</p>\n<h1>");
    sb_html(b, t->runs[0].sc->name ? t->runs[0].sc->name : "");
    sb_printf(b, "</h1>\n<p class=\"meta\">%zu runs \xC2\xB7 financial years %s to %s \xC2\xB7 "
              "differences against ", t->n_runs, fy_label(t->first_year, a),
              fy_label(t->first_year + t->years - 1, z));
    sb_html(b, t->runs[0].name);
    sb_printf(b, " \xC2\xB7 libs75 %s</p>\n</header>\n<main>\n", S75_VERSION);
    sb_puts(b, "<section class=\"section\" id=\"runs\"><h2>The runs</h2>\n");
    runs_table(b, t);
    sb_puts(b, "</section>\n<section class=\"section\" id=\"inputs\"><h2>What changed in the "
               "inputs</h2>\n");
    for (size_t r = 1; r < t->n_runs; r++)
        input_changes(b, t, r, &ref);
    if (t->n_runs == 1)
        sb_puts(b, "<p>One run: nothing to set against it.</p>\n");
    sb_puts(b, "</section>\n<section class=\"section\" id=\"results\"><h2>What changed in the "
               "results</h2>\n");
    years_note(b, t);
    lines_tables(b, t, row);
    sb_puts(b, "</section>\n</main>\n<footer>Prepared with libs75 " S75_VERSION
               ". Risk shares by partner name; differences are each run less the "
               "reference.</footer>\n</body>\n</html>\n");
    input_list_free(&ref);
    free(row);
}

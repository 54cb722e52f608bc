/* The comparison as a workbook: the table with its differences, charts of
 * the variance and cost by run, and each run's provenance. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "compare_table.h"
#include "report_xlsx.h"

/* Rows of one line of the table: each run, then each run less the first;
 * returns the row of the first run. */
static int line_rows(xl *x, lxw_worksheet *ws, int *row, const cmp_table *t, const cmp_line *l,
                     double *v)
{
    xl_str(x, ws, (*row)++, 0, l->label, x->bold);
    int first = *row;
    double scale = l->pence ? 100.0 : 1.0;
    for (int d = 0; d < 2; d++)
        for (size_t r = d; r < t->n_runs; r++) {
            char label[200];
            if (d)
                snprintf(label, sizeof label, "  %.60s - %.60s", t->runs[r].name,
                         t->runs[0].name);
            else
                snprintf(label, sizeof label, "  %.120s", t->runs[r].name);
            for (int y = 0; y < t->years; y++)
                v[y] = (d ? cmp_diff(t, l, r, y) : cmp_value(t, l, r, y)) / scale;
            xl_row(x, ws, (*row)++, label, v, t->years, 1, l->pence ? x->pence : x->money);
        }
    (*row)++;
    return first;
}

static void runs_sheet(xl *x, const cmp_table *t)
{
    lxw_worksheet *ws = xl_sheet(x, "Runs", "The runs compared: where each came from");
    if (!ws)
        return;
    worksheet_freeze_panes(ws, 1, 0);
    xl_set_column(x, ws, 0, 0, 34);
    xl_set_column(x, ws, 1, 1, 60);
    int row = 2;
    for (size_t r = 0; r < t->n_runs; r++) {
        char title[200];
        snprintf(title, sizeof title, "Run %zu: %.120s%s", r + 1, t->runs[r].name,
                 r == 0 ? " (the reference)" : "");
        xl_str(x, ws, row++, 0, title, x->title);
        row = xlsx_provenance(x, ws, row, t->runs[r].sc) + 1;
    }
}

static int fill(const char *tmp, void *ctx, s75_error *err)
{
    const cmp_table *t = ctx;
    xl x;
    int rc = xl_start(&x, tmp, "Comparison of runs", err);
    if (rc)
        return rc;
    char title[200];
    snprintf(title, sizeof title, "Comparison of %zu runs (GBP, cash; differences against %.80s)",
             t->n_runs, t->runs[0].name);
    lxw_worksheet *ws = xl_sheet(&x, "Compare", title);
    double *v = malloc((size_t)(t->years > 0 ? t->years : 1) * sizeof *v);
    if (!v)
        xl_check(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    if (ws && v) {
        int row = 1, cost_first = 0, var_first = 0;
        xl_year_header(&x, ws, row++, "Line and run", t->first_year, t->years, 1);
        for (size_t k = 0; k < t->n_lines; k++) {
            int first = line_rows(&x, ws, &row, t, &t->lines[k], v);
            if (!strcmp(t->lines[k].line, "cost"))
                cost_first = first;
            if (!strcmp(t->lines[k].line, "variance"))
                var_first = first;
        }
        row += 1;
        lxw_chart *c1 = xl_chart(&x, LXW_CHART_COLUMN, "Variance by year, each run", "GBP",
                                 "£#,##0");
        lxw_chart *c2 = xl_chart(&x, LXW_CHART_LINE, "Cost by year, each run", "GBP", "£#,##0");
        for (size_t r = 0; r < t->n_runs && r < 255; r++) {
            xl_series(&x, c1, "Compare", 1, var_first + (int)r, t->years);
            xl_series(&x, c2, "Compare", 1, cost_first + (int)r, t->years);
        }
        xl_axis_from_zero(c2);
        xl_place(&x, ws, row, 0, c1);
        xl_place(&x, ws, row, 3, c2);
    }
    free(v);
    runs_sheet(&x, t);
    return xl_finish(&x, err);
}

int compare_xlsx_write(const cmp_table *t, const char *path, s75_error *err)
{
    return atomic_write(path, fill, (void *)t, err);
}

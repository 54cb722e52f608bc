/* The Excel writer's cells, formats and charts (report_xlsx.h), under every
 * sheet writer and the compare workbook. */
#include "report_xlsx.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fy.h"
#include "portfolio.h"
#include "s75/version.h"
#include "textwidth.h"

#define XL_MAX_TEXT 32767
#define LABEL_WIDTH 44
#define YEAR_WIDTH 14

/* ---- cells ---- */

void xl_num(xl *x, lxw_worksheet *ws, int row, int col, double v, lxw_format *f)
{
    if (!ws || row < 0 || row >= XL_MAX_ROWS)
        return;
    if (ws == x->page.ws && col > x->page.last_col)
        x->page.last_col = col;
    if (isfinite(v))
        xl_check(x, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, f));
    else
        xl_check(x, worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f));
}

/* Excel reads _xHHHH_ in a string as the character U+HHHH, so a name
 * holding "_x0041_" would show as "A": such a run is written with its
 * underscore escaped (_x005F_), which Excel shows as the text itself. */
static int is_escape_run(const char *s)
{
    if (s[0] != '_' || s[1] != 'x')
        return 0;
    for (int i = 2; i < 6; i++)
        if (!isxdigit((unsigned char)s[i]))
            return 0;
    return s[6] == '_';
}

void xl_str(xl *x, lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    if (!ws || row < 0 || row >= XL_MAX_ROWS)
        return;
    if (!s)
        s = "";
    if (ws == x->page.ws && col > x->page.last_col)
        x->page.last_col = col;
    size_t n = strlen(s), runs = 0;
    for (const char *p = strstr(s, "_x"); p; p = strstr(p + 1, "_x"))
        runs += is_escape_run(p);
    if (n <= XL_MAX_TEXT && runs == 0) {
        xl_check(x, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f));
        return;
    }
    char *text = malloc(n + 6 * runs + 1);
    if (!text) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_escape_run(s + i)) {
            memcpy(text + o, "_x005F", 6);
            o += 6;
        }
        text[o++] = s[i];
    }
    /* Cut at a character boundary, not inside a UTF-8 sequence (nor inside
     * an escape just made). */
    if (o > XL_MAX_TEXT) {
        size_t total = o;
        o = XL_MAX_TEXT;
        while (o > 0 && ((unsigned char)text[o] & 0xC0) == 0x80)
            o--;
        for (size_t k = o > 12 ? o - 12 : 0; k < o; k++)
            if (k + 8 <= total && memcmp(text + k, "_x005F_x", 8) == 0 && k + 13 > o)
                o = k;
    }
    text[o] = '\0';
    xl_check(x, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text, f));
    free(text);
}

/* "B3:F3" style reference of columns c0..c1 on one row. */
static void range_ref(char *buf, size_t cap, int row, int c0, int c1)
{
    char a[16], b[16];
    lxw_rowcol_to_cell(a, (lxw_row_t)row, (lxw_col_t)c0);
    lxw_rowcol_to_cell(b, (lxw_row_t)row, (lxw_col_t)c1);
    snprintf(buf, cap, "=SUM(%s:%s)", a, b);
}

/* A row's label in column 0; the page setup widens the column to the
 * longest. */
static void xl_label(xl *x, lxw_worksheet *ws, int row, const char *label, lxw_format *f)
{
    xl_str(x, ws, row, 0, label, f);
    if (ws && ws == x->page.ws && label) {
        int w = tw_width(label);
        if (w > x->page.label_chars)
            x->page.label_chars = w;
    }
}

void xl_formula(xl *x, lxw_worksheet *ws, int row, int col, const char *tmpl, double cached,
                lxw_format *f)
{
    if (!ws || row < 0 || row >= XL_MAX_ROWS)
        return;
    if (!isfinite(cached)) {
        xl_num(x, ws, row, col, cached, f);
        return;
    }
    char letters[8], cell[16], formula[512];
    lxw_rowcol_to_cell(cell, 0, (lxw_col_t)col);
    size_t k = 0;
    while (cell[k] && cell[k] > '9' && k + 1 < sizeof letters)
        letters[k] = cell[k], k++;
    letters[k] = '\0';
    size_t used = 0;
    for (const char *p = tmpl; *p && used + 8 < sizeof formula; p++) {
        if (p[0] == '{' && p[1] == 'c' && p[2] == '}') {
            used += (size_t)snprintf(formula + used, sizeof formula - used, "%s", letters);
            p += 2;
        } else if (p[0] == '{' && p[1] == 'r' && p[2] == '}') {
            used += (size_t)snprintf(formula + used, sizeof formula - used, "%d", row + 1);
            p += 2;
        } else {
            formula[used++] = *p;
        }
    }
    formula[used] = '\0';
    if (ws == x->page.ws && col > x->page.last_col)
        x->page.last_col = col;
    xl_check(x, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col, formula, f,
                                            cached));
}

void xl_row_formula(xl *x, lxw_worksheet *ws, int row, const char *label, const char *tmpl,
                    const double *v, int n, int with_total, lxw_format *f)
{
    xl_label(x, ws, row, label, f == x->money_bold ? x->bold : NULL);
    double total = 0;
    int finite = 1;
    for (int t = 0; t < n; t++) {
        xl_formula(x, ws, row, t + 1, tmpl, v[t], f);
        total += v[t];
        finite = finite && isfinite(v[t]);
    }
    if (with_total && n > 0 && finite && ws && row < XL_MAX_ROWS) {
        char formula[64];
        range_ref(formula, sizeof formula, row, 1, n);
        xl_check(x, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)(n + 1), formula,
                                                f, total));
    }
}

void xl_row(xl *x, lxw_worksheet *ws, int row, const char *label, const double *v, int n,
            int with_total, lxw_format *f)
{
    xl_label(x, ws, row, label, f == x->money_bold ? x->bold : NULL);
    double total = 0;
    int finite = 1;
    for (int t = 0; t < n; t++) {
        xl_num(x, ws, row, t + 1, v[t], f);
        total += v[t];
        finite = finite && isfinite(v[t]);
    }
    if (with_total && n > 0 && finite && ws && row < XL_MAX_ROWS) {
        char formula[64];
        range_ref(formula, sizeof formula, row, 1, n);
        xl_check(x, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)(n + 1), formula,
                                                f, total));
    }
}

lxw_worksheet *xl_sheet(xl *x, const char *name, const char *title)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    xl_page_begin(x, ws);
    xl_str(x, ws, 0, 0, title, x->title);
    xl_set_column(x, ws, 0, 0, LABEL_WIDTH);
    return ws;
}

void xl_year_header(xl *x, lxw_worksheet *ws, int row, const char *first_label, int base_year,
                    int years, int with_total)
{
    if (!ws)
        return;
    char label[8];
    xl_str(x, ws, row, 0, first_label, x->head_left);
    for (int t = 0; t < years; t++)
        xl_str(x, ws, row, t + 1, fy_label(base_year + t, label), x->head);
    if (with_total)
        xl_str(x, ws, row, years + 1, "Total", x->head);
    xl_set_column(x, ws, 1, years + (with_total ? 1 : 0), YEAR_WIDTH);
    worksheet_freeze_panes(ws, (lxw_row_t)(row + 1), 1);
    if (ws == x->page.ws)
        x->page.header_row = row;
}

void xl_header(xl *x, lxw_worksheet *ws, int row, const char *const *labels, int n, int freeze)
{
    if (!ws)
        return;
    for (int i = 0; i < n; i++)
        xl_str(x, ws, row, i, labels[i], i ? x->head : x->head_left);
    if (freeze) {
        worksheet_freeze_panes(ws, (lxw_row_t)(row + 1), 1);
        if (ws == x->page.ws)
            x->page.header_row = row;
    }
}

/* ---- charts ---- */

lxw_chart *xl_chart(xl *x, uint8_t type, const char *title, const char *value_axis,
                    const char *num_format)
{
    lxw_chart *ch = workbook_add_chart(x->wb, type);
    if (!ch) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    chart_title_set_name(ch, title);
    /* In a bar chart the value axis is the horizontal one, x. */
    lxw_chart_axis *axis = type == LXW_CHART_BAR ? ch->x_axis : ch->y_axis;
    if (value_axis)
        chart_axis_set_name(axis, value_axis);
    if (num_format)
        chart_axis_set_num_format(axis, num_format);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    return ch;
}

lxw_chart_series *xl_series(xl *x, lxw_chart *ch, const char *sheet, int cat_row, int row,
                            int n)
{
    if (!ch)
        return NULL;
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    if (!s) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    chart_series_set_categories(s, sheet, (lxw_row_t)cat_row, 1, (lxw_row_t)cat_row,
                                (lxw_col_t)n);
    chart_series_set_values(s, sheet, (lxw_row_t)row, 1, (lxw_row_t)row, (lxw_col_t)n);
    chart_series_set_name_range(s, sheet, (lxw_row_t)row, 0);
    return s;
}

void xl_place(xl *x, lxw_worksheet *ws, int row, int col, lxw_chart *ch)
{
    if (!ws || !ch || row >= XL_MAX_ROWS)
        return;
    lxw_chart_options o = { 0 };
    o.x_offset = 4;
    o.y_offset = 4;
    o.x_scale = 1.25;
    o.y_scale = 1.15;
    xl_check(x, worksheet_insert_chart_opt(ws, (lxw_row_t)row, (lxw_col_t)col, ch, &o));
    xl_page *pg = &x->page;
    if (ws == pg->ws && pg->n_charts < XL_PAGE_CHARTS) {
        pg->chart_row[pg->n_charts] = row;
        pg->chart_col[pg->n_charts++] = col;
    }
}

/* ---- names ---- */

const char *xl_partner_name(const s75_result *res, size_t i)
{
    if (res->portfolio) {
        const struct portfolio_result *pf = res->portfolio;
        if (i >= pf->n_partners)
            return "?";
        return pf->partner_names[i] ? pf->partner_names[i] : pf->partner_ids[i];
    }
    if (i >= res->sc->n_partners)
        return "?";
    const partner *p = &res->sc->partners[i];
    return p->name ? p->name : p->id;
}

/* ---- opening and closing a workbook ---- */

static lxw_format *new_format(xl *x, const char *num_format, int bold)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    if (num_format)
        format_set_num_format(f, num_format);
    if (bold)
        format_set_bold(f);
    return f;
}

lxw_format *xl_decimals(xl *x, int d)
{
    if (d < 0)
        d = 0;
    if (d > 7)
        d = 7;
    if (!x->decimals[d]) {
        char f[16] = "0.";
        for (int i = 0; i < d; i++)
            f[2 + i] = '0';
        f[d ? 2 + d : 1] = '\0';
        x->decimals[d] = new_format(x, f, 0);
    }
    return x->decimals[d];
}

int xl_start(xl *x, const char *path, const char *title, s75_error *err)
{
    memset(x, 0, sizeof *x);
    /* libxlsxwriter prints an [ERROR] line of its own to stderr when it
     * cannot make its temporary files or open the output, and the library
     * never prints: both are checked here first, so those failures come
     * back as our error instead (atomic_write has opened path already).
     * What cannot be checked ahead (the disk filling up mid-write, memory
     * running out inside libxlsxwriter) may still print its line. */
    FILE *probe = tmpfile();
    if (!probe)
        return error_set(err, S75_EIO, no_mark, "", "cannot write the workbook: no room for "
                         "the temporary files it is assembled in (%s)", strerror(errno));
    fclose(probe);
    probe = fopen(path, "wb");
    if (!probe)
        return error_set(err, S75_EIO, no_mark, "", "cannot write: %s", strerror(errno));
    fclose(probe);
    lxw_workbook_options opts = { 0 };
    x->wb = workbook_new_opt(path, &opts);
    if (!x->wb)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    lxw_doc_properties props = { 0 };
    props.title = (char *)title;
    props.comments = (char *)"Written by libs75 " S75_VERSION;
    xl_check(x, workbook_set_properties(x->wb, &props));
    x->title = new_format(x, NULL, 1);
    if (x->title)
        format_set_font_size(x->title, 13);
    x->head = new_format(x, NULL, 1);
    x->head_left = new_format(x, NULL, 1);
    lxw_format *heads[] = { x->head, x->head_left };
    for (int i = 0; i < 2; i++)
        if (heads[i]) {
            format_set_bottom(heads[i], LXW_BORDER_THIN);
            format_set_bg_color(heads[i], 0xDDEBF7);
            format_set_align(heads[i], i == 0 ? LXW_ALIGN_RIGHT : LXW_ALIGN_LEFT);
        }
    x->bold = new_format(x, NULL, 1);
    /* Negatives in brackets, as UK public-finance papers print them; the
     * cell stays a number. */
    x->money = new_format(x, "£#,##0;(£#,##0)", 0);
    x->money_bold = new_format(x, "£#,##0;(£#,##0)", 1);
    x->pence = new_format(x, "£#,##0.00;(£#,##0.00)", 0);
    x->pct = new_format(x, "0.0%", 0);
    x->rate = new_format(x, "0.00%", 0);
    x->wte = new_format(x, "#,##0.00", 0);
    x->score = new_format(x, "0.000", 0);
    x->whole = new_format(x, "0", 0);
    x->text = new_format(x, "@", 0);
    x->wrap = new_format(x, NULL, 0);
    if (x->wrap)
        format_set_text_wrap(x->wrap);
    xl_set_footer(x, title, NULL);
    return S75_OK;
}

int xl_finish(xl *x, s75_error *err)
{
    xl_page_end(x);
    lxw_error e = workbook_close(x->wb);
    x->wb = NULL;
    if (x->failed == LXW_NO_ERROR)
        x->failed = e;
    if (x->failed == LXW_NO_ERROR)
        return S75_OK;
    if (x->failed == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    return error_set(err, S75_EIO, no_mark, "", "cannot write the workbook: %s",
                     lxw_strerror(x->failed));
}

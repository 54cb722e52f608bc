/* The Excel workbook (--format xlsx), written with libxlsxwriter: one sheet
 * per block of the report, real numbers with £ and per-cent formats, frozen
 * header rows and native charts. Like every report writer it only reads the
 * result; a Total column is a live =SUM() whose cached value is the sum.
 *
 * Each sheet writer lays out a title on row 0 and its header on row 1 (so
 * rows 0-1 are frozen), then the table; charts go below the table. */
#ifndef S75_REPORT_XLSX_H
#define S75_REPORT_XLSX_H

#include <xlsxwriter.h>

#include "run.h"

/* Rows of a sheet, kept below Excel's 1,048,576. */
#define XL_MAX_ROWS 1048000

/* What the page setup of the sheet being written needs (report_xlsx_page.c):
 * its column widths, longest label, header row and charts, gathered while it
 * is written and applied when the next sheet starts or the workbook closes. */
#define XL_PAGE_COLS 64
#define XL_PAGE_CHARTS 32
typedef struct xl_page {
    lxw_worksheet *ws;
    double width[XL_PAGE_COLS]; /* characters; 0: Excel's default */
    int label_chars;            /* display width of the longest column-0 label */
    int last_col;               /* rightmost column written */
    int header_row;             /* the rows 0..header_row repeat on each page; -1 none */
    int n_charts;
    int chart_row[XL_PAGE_CHARTS], chart_col[XL_PAGE_CHARTS];
} xl_page;

typedef struct xl {
    lxw_workbook *wb;
    lxw_error failed;       /* the first error of any call, LXW_NO_ERROR if none */
    lxw_format *title, *head, *head_left, *bold, *money, *money_bold, *pence, *pct, *rate, *wte,
        *score, *whole, *text, *wrap;
    lxw_format *decimals[8]; /* "0.00" ... with [d] decimals, made when first asked for */
    char footer[256];       /* every sheet's printed footer (xl_set_footer) */
    xl_page page;
} xl;

/* The format "0." and d zeros (d from 0 to 7), for a ratio shown to d decimals. */
lxw_format *xl_decimals(xl *x, int d);

/* Cell writers: a non-finite number is a blank cell (null in the JSON);
 * text is cut to Excel's 32,767 characters; the first failure is kept. */
static inline void xl_check(xl *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->failed == LXW_NO_ERROR)
        x->failed = e;
}
void xl_num(xl *x, lxw_worksheet *ws, int row, int col, double v, lxw_format *f);
void xl_str(xl *x, lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f);
/* A row: label in column 0, v[0..n-1] from column 1, and with total a live
 * =SUM over them in column n+1. */
void xl_row(xl *x, lxw_worksheet *ws, int row, const char *label, const double *v, int n,
            int with_total, lxw_format *f);

/* A formula with the library's own figure as its cached value, so a viewer
 * that does not recalculate shows the same number. "{c}" in tmpl stands for
 * the cell's own column letters and "{r}" for its row number ("={c}3+{c}4"
 * in column C is "=C3+C4"). */
void xl_formula(xl *x, lxw_worksheet *ws, int row, int col, const char *tmpl, double cached,
                lxw_format *f);
/* xl_row whose cells are formulas of tmpl over the rows above (cached: v). */
void xl_row_formula(xl *x, lxw_worksheet *ws, int row, const char *label, const char *tmpl,
                    const double *v, int n, int with_total, lxw_format *f);

/* Page setup (report_xlsx_page.c). Every sheet prints on A4 landscape, one
 * page wide, its header rows repeated and a footer naming the scenario with
 * the page number (and the scenario's digest when given). A sheet with
 * charts gets a page break above each chart and a print scale that fits its
 * width, since Excel ignores manual breaks on a fit-to-page sheet. */
void xl_set_footer(xl *x, const char *scenario_name, const char *digest);
void xl_page_begin(xl *x, lxw_worksheet *ws);
void xl_page_end(xl *x);
/* worksheet_set_column that the page setup knows of. */
void xl_set_column(xl *x, lxw_worksheet *ws, int c0, int c1, double width);
/* A value axis that starts at zero: a cost or contribution chart whose axis
 * started near the smallest bar would exaggerate the differences. */
void xl_axis_from_zero(lxw_chart *ch);

/* A sheet with its title on row 0; NULL (and x->failed set) on failure. */
lxw_worksheet *xl_sheet(xl *x, const char *name, const char *title);
/* The header row of a table by year: first_label, then the years' labels,
 * then "Total" when asked; freezes the rows above and the label column. */
void xl_year_header(xl *x, lxw_worksheet *ws, int row, const char *first_label, int base_year,
                    int years, int with_total);

/* A header row of any labels; with freeze, the rows above it and the first
 * column stay in view. */
void xl_header(xl *x, lxw_worksheet *ws, int row, const char *const *labels, int n, int freeze);

/* A partner's name (its id when unnamed), for a single scenario or the
 * consolidated partners of a portfolio. */
const char *xl_partner_name(const s75_result *res, size_t i);

/* Charts. xl_chart makes one with a title, the value axis named and
 * formatted; xl_series adds the data of row `row`, columns 1..n of sheet,
 * named by its column-0 label, with the categories on row `cat_row`. */
lxw_chart *xl_chart(xl *x, uint8_t type, const char *title, const char *value_axis,
                    const char *num_format);
lxw_chart_series *xl_series(xl *x, lxw_chart *ch, const char *sheet, int cat_row, int row,
                            int n);
void xl_place(xl *x, lxw_worksheet *ws, int row, int col, lxw_chart *ch);

/* The sheets, in the workbook's order; each writes nothing when the result
 * holds no such part. */
void xlsx_summary(xl *x, const s75_result *res);
void xlsx_workforce(xl *x, const s75_result *res);
void xlsx_savings(xl *x, const s75_result *res);
void xlsx_risk_share(xl *x, const s75_result *res);
void xlsx_demand(xl *x, const s75_result *res);
/* A portfolio: System, Places, Neighbourhoods (the tiers with pools), then Pools. */
void xlsx_tiers(xl *x, const s75_result *res);
void xlsx_pools(xl *x, const s75_result *res);
void xlsx_appraisal(xl *x, const s75_result *res);
void xlsx_simulation(xl *x, const s75_result *res);
void xlsx_monitoring(xl *x, const s75_result *res);
void xlsx_assumptions(xl *x, const s75_result *res);

/* The provenance block of a scenario (file, sha256, version, variant,
 * overrides) from `row`; returns the next free row. Shared with compare. */
int xlsx_provenance(xl *x, lxw_worksheet *ws, int row, const scenario *sc);

/* Opens a workbook at path with the house formats; xl_finish closes it and
 * turns any failure into an s75 status. */
int xl_start(xl *x, const char *path, const char *title, s75_error *err);
int xl_finish(xl *x, s75_error *err);

/* report.c's entry: the workbook of a result, written atomically. */
int report_xlsx_write_file(const s75_result *res, const char *path, s75_error *err);

#endif

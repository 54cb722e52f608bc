/* Pieces of the HTML board paper (docs/GUIDE.md, `--format html`) that every
 * section writer shares: money as the paper prints it, tables with years as
 * columns, figures around svg.h charts.
 *
 * How a module adds its section (appraisal_html, simulation_html,
 * monitoring_html, portfolio_html in modules.h):
 *   - report_html() calls the module's writer only when the result holds its
 *     part, and wraps what it writes in <section class="section" id="...">
 *     with the <h2> heading and a contents entry; write the body only: <p>,
 *     <h3>, tables, figures. Writing nothing leaves the section out.
 *   - The *_html_summary writers add <li> items to the summary box at the top
 *     (one or two sentences each, e.g. the preferred option).
 *   - Every number in a table must equal the JSON's: format money with
 *     html_money() from the same double the JSON prints (whole pounds), and
 *     pence amounts (risk-share allocations) with html_pence().
 *   - Escape every string from the scenario with sb_html(); the helpers here
 *     escape the labels they are given.
 *   - Charts: svg.h, inside html_figure_open()/html_figure_close(), always
 *     next to a table of the same figures.
 *   - Style classes the stylesheet knows: table.years (numbers right-aligned,
 *     tabular figures), tr.total, tr.sub (an indented detail row), p.note,
 *     p.lead, .key (a strip of key figures: <div class="key"><div><span
 *     class="label">..</span><span class="value">..</span></div>...</div>),
 *     .good / .bad (for a figure's direction). */
#ifndef S75_REPORT_HTML_H
#define S75_REPORT_HTML_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "model.h"
#include "run.h"
#include "sbuf.h"

/* "£1,234,567" (whole pounds, half away from zero, as sb_money), a
 * negative in brackets "(£1,234)"; a non-finite value prints as "-". */
void html_money(sbuf *b, double v);
/* Whole pence as "£1,234,567.89" / "(£445,128.12)". */
void html_pence(sbuf *b, int64_t pence);
/* A share as a per cent with up to `decimals` decimals, trailing zeros
 * dropped: 0.035 -> "3.5%", 0.2378 -> "23.78%", 0.15 -> "15%". */
void html_rate(sbuf *b, double share, int decimals);
/* The same with exactly `decimals` decimals, zeros kept: for a table's
 * computed figures, one precision down a column (0.5 -> "50.0%"). */
void html_rate_cell(sbuf *b, double share, int decimals);
/* A number with thousands separators and exactly `decimals` decimals. */
void html_number(sbuf *b, double v, int decimals);
/* <td> holding html_money(v). */
void html_td_money(sbuf *b, double v);
/* One figure of a .key strip: label and money, in a <div> of class cls
 * (NULL: none). */
void html_key_figure(sbuf *b, const char *label, double v, const char *cls);

/* Tables with years as columns. A board paper prints on A4, where about
 * eight years of money fit across a page; a longer horizon is shown as
 * several tables of the same rows, each with a window of years (the last
 * adds the Total column, over every year). Write each table in a loop:
 *
 *     for (html_years w = html_years_start(base_year, years, 1); w.t0 < w.years;
 *          html_years_next(&w)) {
 *         html_year_table_open(b, &w, "Cost (\xC2\xA3, cash)", "");
 *         html_year_row(b, &w, "Pay", pay, 1, ROW_PLAIN);
 *         html_table_close(b);
 *     }
 *
 * The row writers take the whole per-year array (v[t * stride] for every
 * model year t) and print the window's columns. */
#define HTML_YEARS_PER_TABLE 8

typedef struct html_years {
    int base_year, years;  /* the whole horizon */
    int t0, t1;            /* the window this table shows: years t0 .. t1-1 */
    int with_total;        /* a Total column on the last window */
    int width;             /* years a window holds */
} html_years;

html_years html_years_start(int base_year, int years, int with_total);
void html_years_next(html_years *w);
/* 1 when this window's table ends with the Total column. */
int html_years_total(const html_years *w);

/* <table> with its caption (raw text; the window's years are added when the
 * horizon is split), a heading row of the window's years, and <tbody>.
 * first_column: heading of the label column. Close with html_table_close(). */
void html_year_table_open(sbuf *b, const html_years *w, const char *caption,
                          const char *first_column);
void html_table_close(sbuf *b);
/* Starts a new row group (<tbody>): ruled draws a rule above it, to keep
 * an item's rows (a scheme and its expected value) together. */
void html_table_group(sbuf *b, int ruled);

enum html_row_style { ROW_PLAIN = 0, ROW_TOTAL = 1, ROW_SUB = 2 };

/* <tr> and its label cell (escaped), for a row the writers below do not
 * cover; add the window's <td> cells and "</tr>". */
void html_row_open(sbuf *b, const char *label, int style);
/* One row of money; the total (on the last window) is of every year's
 * value, rounded after summing. */
void html_year_row(sbuf *b, const html_years *w, const char *label, const double *v,
                   size_t stride, int style);
/* One row of whole-pence amounts; the total is summed in pence (exact). */
void html_year_row_pence(sbuf *b, const html_years *w, const char *label, const int64_t *pence,
                         size_t stride, int style);
/* One row of plain numbers (WTE, counts) with `decimals` decimals; an empty
 * Total cell. */
void html_year_row_number(sbuf *b, const html_years *w, const char *label, const double *v,
                          size_t stride, int decimals, int style);

/* <figure> around a chart; the caption (raw text) says what to read from it. */
void html_figure_open(sbuf *b);
void html_figure_close(sbuf *b, const char *caption);

/* A figure of bars of each partner's pence by year ([partner * n_years +
 * t]): the first HTML_CHART_PARTNERS partners by name (all of them when one
 * more would be all), the rest summed as "Other partners". name(ctx, k) is
 * partner k's label; c gives the title, description and x labels (its unit
 * is money). */
#define HTML_CHART_PARTNERS 7
struct svg_chart;
void html_partner_bars(sbuf *b, const int64_t *pence, size_t n_partners, int n_years,
                       const char *(*name)(const void *ctx, size_t k), const void *ctx,
                       const struct svg_chart *c, const char *caption);

/* A page of its own (solve, grid, a partner's statement) with the paper's
 * stylesheet: the head, a masthead with the kicker, the title and a line of
 * meta (all escaped here), and <main>; html_page_close() ends it. */
void html_page_open(sbuf *b, const char *title, const char *kicker, const char *meta);
void html_page_close(sbuf *b);

/* ---- words ---- */

/* The partner's name, or its id when it has none (raw: escape it). */
const char *html_partner_name(const partner *p);
/* A per-year series (v[t], t from first_t) as the scenario's step function
 * reads: "2%" when it does not change, else "2% from 2026/27; 3% from
 * 2028/29". kind 0: rate, 1: money, 2: number. */
void html_series_words(sbuf *b, const double *v, int first_t, int years, int base_year,
                       int kind);
/* How a risk-share rule splits an amount, in words (escaped): "in tiers: the
 * first £250,000 to X 100%; the rest in proportion to contributions". */
void html_rule_words(sbuf *b, const scenario *sc, const rs_rule *r);

/* The document up to <body>: doctype, the content security policy, the
 * title (escaped) and the paper's stylesheet. */
void html_document_open(sbuf *b, const char *title);

/* ---- the paper's own pieces (report_html_inputs.c) ---- */

/* The appendix: the run's provenance (prepared at `when`) and every input. */
void html_appendix(sbuf *b, const s75_result *res, time_t when);
/* When the paper was prepared: SOURCE_DATE_EPOCH if set (a whole number of
 * seconds since 1970, UTC), else the clock. The paper's one input that is not
 * in the scenario. */
time_t html_report_time(void);
/* "<time datetime="2026-01-01">1 January 2026</time>" (UTC, English month
 * names whatever the locale). */
void html_date(sbuf *b, time_t when);
/* The last component of a path: papers name the scenario file, not where it
 * sat on the analyst's disk. */
const char *html_base_name(const char *path);

#endif

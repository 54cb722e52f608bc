/* A partner's statement as text, JSON, one A4 page of HTML and a workbook
 * sheet (statement_report.h). Every figure is the statement's, which is
 * the run's: the same doubles and pence the run's JSON prints. */
#include "statement_report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "reader.h"
#include "report_common.h"
#include "report_html.h"
#include "s75/version.h"

/* What the statement cannot say yet: which partner employs each line. */
static const char no_employer[] =
    "The pay bill it employs is not shown: the scenario does not say which partner employs "
    "each workforce line.";

static void cell_text(sbuf *b, const char *s)
{
    sb_printf(b, "%*s", TEXT_COLUMN_WIDTH, s);
}

static void row_money(sbuf *b, const char *label, const double *v, int n)
{
    sb_printf(b, "%-*s", TEXT_LABEL_WIDTH, label);
    for (int t = 0; t <= n; t++) {
        sbuf c;
        sb_init(&c);
        sb_money(&c, v[t]);
        cell_text(b, c.s ? c.s : "");
        sb_free(&c);
    }
    sb_putc(b, '\n');
}

static void row_pence(sbuf *b, const char *label, const int64_t *v, int n)
{
    sb_printf(b, "%-*s", TEXT_LABEL_WIDTH, label);
    for (int t = 0; t <= n; t++) {
        sbuf c;
        sb_init(&c);
        sb_money(&c, (double)v[t] / 100.0);
        cell_text(b, c.s ? c.s : "");
        sb_free(&c);
    }
    sb_putc(b, '\n');
}

static void row_pct(sbuf *b, const char *label, const double *v, int n)
{
    sb_printf(b, "%-*s", TEXT_LABEL_WIDTH, label);
    for (int t = 0; t <= n; t++) {
        char c[32];
        if (isfinite(v[t]))
            snprintf(c, sizeof c, "%.1f%%", 100 * v[t]);
        else
            snprintf(c, sizeof c, "-");
        cell_text(b, c);
    }
    sb_putc(b, '\n');
}

/* "pay_award" -> "Pay awards", "scheme:X" -> "Savings scheme X". */
static void input_words(sbuf *b, const char *input)
{
    if (!strcmp(input, "pay_award"))
        sb_puts(b, "Pay awards (each year's, 1 sd either way)");
    else if (!strcmp(input, "inflation"))
        sb_puts(b, "Non-pay inflation (1 sd either way)");
    else if (!strcmp(input, "uplift"))
        sb_puts(b, "Contribution uplifts (1 sd either way)");
    else if (!strncmp(input, "scheme:", 7))
        sb_printf(b, "Savings scheme %s (not delivered / delivered)", input + 7);
    else
        sb_puts(b, input);
}

void statement_text(sbuf *b, const scenario *sc, const statement *st)
{
    char a[8], z[8];
    int N = st->years;
    sb_printf(b, "Statement for %s (%s)\n", st->name, st->id);
    sb_printf(b, "Scenario %s, %s to %s. libs75 %s\n\n", sc->name ? sc->name : "",
              fy_label(st->base_year, a), fy_label(st->base_year + N - 1, z), S75_VERSION);
    text_heading(b, "Its figures (GBP, cash)", st->base_year, N, 1);
    row_money(b, "What it puts in", st->contribution, N);
    row_pct(b, "  its part of the contributions", st->contribution_share, N);
    row_money(b, "Pool variance (+ over / - under)", st->variance, N);
    row_pence(b, "Its share of the variance", st->risk_share, N);
    if (st->pay_bill)
        row_money(b, "Pay bill it employs (pay + agency)", st->pay_bill, N);
    if (st->has_simulation) {
        row_money(b, "Its share at p95 (1 in 20 worse)", st->p95, N);
        row_pct(b, "Chance it pays anything", st->p_pays, N);
        sb_printf(b, "\n(%ld draws; the Total column's p95 and chance are of its share summed "
                  "over the years, draw by draw.)\n", st->draws);
    }
    if (st->has_monitoring) {
        sb_printf(b, "\nIn-year forecast for %s: its share of the forecast variance is ",
                  fy_label(st->monitoring_year, a));
        sb_money(b, (double)st->monitoring_share / 100.0);
        sb_puts(b, " (forecast variance ");
        sb_money(b, st->monitoring_variance);
        sb_puts(b, ").\n");
    }
    if (st->n_drivers) {
        sb_puts(b, "\nInputs that move its share most (its total over the horizon, one input "
                   "moved at a time):\n");
        for (size_t k = 0; k < st->n_drivers; k++) {
            const statement_driver *d = &st->drivers[k];
            sb_printf(b, "  %zu. ", k + 1);
            input_words(b, d->input);
            sb_puts(b, ": ");
            sb_money(b, d->share_low);
            sb_puts(b, " to ");
            sb_money(b, d->share_high);
            sb_puts(b, " (swing ");
            sb_money(b, d->swing);
            sb_puts(b, ")\n");
        }
    }
    if (!st->pay_bill)
        sb_printf(b, "\n%s\n", no_employer);
}

static void json_years(jw *w, const char *key, const double *v, int n)
{
    jw_array(w, key);
    for (int t = 0; t < n; t++)
        jw_number(w, NULL, v[t]);
    jw_end_array(w);
}

void statement_json(sbuf *b, const scenario *sc, const statement *st)
{
    jw w;
    char fy[8];
    int N = st->years;
    jw_init(&w, b);
    jw_object(&w, NULL);
    jw_int(&w, "s75", 1);
    jw_string(&w, "version", S75_VERSION);
    jw_object(&w, "statement");
    jw_string(&w, "scenario", sc->name);
    jw_string(&w, "partner", st->id);
    jw_string(&w, "name", st->name);
    jw_array(&w, "years");
    for (int t = 0; t < N; t++)
        jw_string(&w, NULL, fy_label(st->base_year + t, fy));
    jw_end_array(&w);
    json_years(&w, "contribution", st->contribution, N);
    json_years(&w, "contribution_share", st->contribution_share, N);
    json_years(&w, "variance", st->variance, N);
    jw_array(&w, "risk_share");
    for (int t = 0; t < N; t++)
        jw_pence(&w, NULL, st->risk_share[t]);
    jw_end_array(&w);
    jw_object(&w, "total");
    jw_number(&w, "contribution", st->contribution[N]);
    jw_number(&w, "contribution_share", st->contribution_share[N]);
    jw_number(&w, "variance", st->variance[N]);
    jw_pence(&w, "risk_share", st->risk_share[N]);
    if (st->has_simulation) {
        jw_number(&w, "p95", st->p95[N]);
        jw_number(&w, "p_pays", st->p_pays[N]);
    }
    jw_end_object(&w);
    if (st->has_simulation) {
        jw_object(&w, "simulation");
        jw_int(&w, "draws", st->draws);
        json_years(&w, "p95", st->p95, N);
        json_years(&w, "p_pays", st->p_pays, N);
        jw_array(&w, "drivers");
        for (size_t k = 0; k < st->n_drivers; k++) {
            const statement_driver *d = &st->drivers[k];
            jw_object(&w, NULL);
            jw_string(&w, "input", d->input);
            jw_number(&w, "low", d->low);
            jw_number(&w, "high", d->high);
            jw_number(&w, "share_low", d->share_low);
            jw_number(&w, "share_high", d->share_high);
            jw_number(&w, "swing", d->swing);
            jw_end_object(&w);
        }
        jw_end_array(&w);
        jw_end_object(&w);
    } else {
        jw_null(&w, "simulation");
    }
    if (st->has_monitoring) {
        jw_object(&w, "monitoring");
        jw_string(&w, "year", fy_label(st->monitoring_year, fy));
        jw_number(&w, "forecast_variance", st->monitoring_variance);
        jw_pence(&w, "risk_share", st->monitoring_share);
        jw_end_object(&w);
    } else {
        jw_null(&w, "monitoring");
    }
    if (st->pay_bill)
        json_years(&w, "pay_bill", st->pay_bill, N);
    else
        jw_null(&w, "pay_bill");
    jw_end_object(&w);
    jw_end_object(&w);
    sb_putc(b, '\n');
}

static void html_pct_cell(sbuf *b, double v)
{
    sb_puts(b, "<td>");
    if (isfinite(v))
        html_rate(b, v, 1);
    else
        sb_puts(b, "-");
    sb_puts(b, "</td>");
}

void statement_html(sbuf *b, const scenario *sc, const statement *st)
{
    char a[8], z[8], meta[400], title[300];
    int N = st->years;
    snprintf(title, sizeof title, "%s: statement for %s", sc->name ? sc->name : "", st->name);
    snprintf(meta, sizeof meta, "Financial years %s to %s \xC2\xB7 partner %s",
             fy_label(st->base_year, a), fy_label(st->base_year + N - 1, z), st->id);
    html_page_open(b, title, "Section 75 pooled budget \xC2\xB7 for the partner's board", meta);
    sb_puts(b, "<style>@page{size:A4;margin:12mm}@media print{body{padding:0;font-size:12px}"
               "h1{font-size:1.4rem}}</style>\n<div class=\"key\">\n");
    html_key_figure(b, "It puts in (all years)", st->contribution[N], NULL);
    html_key_figure(b, "Its share of the variance", (double)st->risk_share[N] / 100.0,
                    st->risk_share[N] > 0 ? "bad" : "good");
    if (st->has_simulation)
        html_key_figure(b, "Its share at p95", st->p95[N], "bad");
    sb_puts(b, "</div>\n");
    if (st->has_simulation) {
        sb_puts(b, "<p class=\"lead\">The chance it pays anything over the agreement is ");
        html_rate(b, st->p_pays[N], 1);
        sb_printf(b, " (%ld draws).</p>\n", st->draws);
    }
    for (html_years w = html_years_start(st->base_year, N, 1); w.t0 < w.years;
         html_years_next(&w)) {
        html_year_table_open(b, &w, "Its figures (\xC2\xA3, cash)", "");
        html_year_row(b, &w, "What it puts in", st->contribution, 1, ROW_PLAIN);
        if (st->pay_bill)
            html_year_row(b, &w, "Pay bill it employs (pay + agency)", st->pay_bill, 1,
                          ROW_PLAIN);
        html_row_open(b, "Its part of the contributions", ROW_SUB);
        for (int t = w.t0; t < w.t1; t++)
            html_pct_cell(b, st->contribution_share[t]);
        if (html_years_total(&w))
            html_pct_cell(b, st->contribution_share[N]);
        sb_puts(b, "</tr>\n");
        html_year_row(b, &w, "Pool variance (+ over / \xE2\x88\x92 under)", st->variance, 1,
                      ROW_PLAIN);
        html_year_row_pence(b, &w, "Its share of the variance", st->risk_share, 1, ROW_TOTAL);
        if (st->has_simulation) {
            html_row_open(b, "Its share at p95 (1 in 20 worse)", ROW_PLAIN);
            for (int t = w.t0; t < w.t1; t++)
                html_td_money(b, st->p95[t]);
            if (html_years_total(&w))
                html_td_money(b, st->p95[N]);
            sb_puts(b, "</tr>\n");
            html_row_open(b, "Chance it pays anything", ROW_PLAIN);
            for (int t = w.t0; t < w.t1; t++)
                html_pct_cell(b, st->p_pays[t]);
            if (html_years_total(&w))
                html_pct_cell(b, st->p_pays[N]);
            sb_puts(b, "</tr>\n");
        }
        html_table_close(b);
    }
    if (st->has_monitoring) {
        sb_printf(b, "<p>In-year forecast for %s: its share of the forecast variance is ",
                  fy_label(st->monitoring_year, a));
        html_pence(b, st->monitoring_share);
        sb_puts(b, " (forecast variance ");
        html_money(b, st->monitoring_variance);
        sb_puts(b, ").</p>\n");
    }
    if (st->n_drivers) {
        sb_puts(b, "<h3>What moves its share most</h3>\n<ol>\n");
        for (size_t k = 0; k < st->n_drivers; k++) {
            const statement_driver *d = &st->drivers[k];
            sb_puts(b, "<li>");
            sbuf words;
            sb_init(&words);
            input_words(&words, d->input);
            sb_html(b, words.s ? words.s : "");
            sb_free(&words);
            sb_puts(b, ": ");
            html_money(b, d->share_low);
            sb_puts(b, " to ");
            html_money(b, d->share_high);
            sb_puts(b, "</li>\n");
        }
        sb_puts(b, "</ol>\n");
    }
    sb_puts(b, "<p class=\"note\">");
    if (!st->pay_bill)
        sb_html(b, no_employer);
    sb_puts(b, " The Total column's p95 and chance are of its share summed over the years, "
               "draw by draw.</p>\n");
    html_page_close(b);
}

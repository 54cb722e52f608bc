/* The simulation (MODEL.md §9, with the tornado and break-evens) in
 * the HTML board paper: the range of outcomes year by year, the chance of an
 * overspend, what each partner might have to find, which inputs move the
 * result most, and the rates at which the plan breaks even (report_html.h
 * says how a section is written). Every figure in a table is the JSON's,
 * from the same double. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sections.h"
#include "reader.h"
#include "report_html.h"
#include "simulate_result.h"
#include "svg.h"

/* The scenario's partner, or for a portfolio the consolidated one (a
 * portfolio scenario has no partners of its own). */
static const char *partner_label(const scenario *sc, const simulation_result *s, size_t i)
{
    return sim_partner_name(sc, s, i);
}

/* A rate moved by the tornado, in percentage points: 0.01 -> "1 pt". */
static void points(sbuf *b, double x, int sign)
{
    char s[48];
    snprintf(s, sizeof s, "%.2f", fabs(x) * 100.0);
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '0')
        s[--n] = '\0';
    if (n > 0 && s[n - 1] == '.')
        s[--n] = '\0';
    if (sign && x != 0)
        sb_putc(b, x < 0 ? '-' : '+');
    sb_printf(b, "%s pt", s);
}

/* The tornado's name of an input, for a chart label or a table cell. */
static void input_name(char *out, size_t cap, const scenario *sc, const tornado_bar *t)
{
    static const char *const what[] = { "Pay award", "Non-pay inflation", "Contribution uplift" };
    switch (t->kind) {
    case TORNADO_AWARD:
    case TORNADO_INFLATION:
    case TORNADO_UPLIFT: {
        sbuf p;
        sb_init(&p);
        points(&p, t->high, 0);
        snprintf(out, cap, "%s \xC2\xB1%s", what[t->kind], p.s && !p.oom ? p.s : "");
        sb_free(&p);
        break;
    }
    default:
        snprintf(out, cap, "Saving: %s",
                 t->scheme < sc->n_schemes && sc->schemes[t->scheme].name
                     ? sc->schemes[t->scheme].name : t->input);
    }
}

static int is_scheme(const tornado_bar *t)
{
    return t->kind == TORNADO_SCHEME;
}

/* ---- summary ---- */

void simulation_html_summary(sbuf *b, const scenario *sc, const simulation_result *s)
{
    int N = s->years;
    if (N <= 0)
        return;
    char a[8], z[8];
    const sim_stats *v = sim_series_at(s, SIM_VARIANCE, N - 1);
    fy_label(s->base_year, a);
    fy_label(s->base_year + N - 1, z);
    sb_puts(b, "<li>Uncertainty (");
    html_number(b, (double)s->draws, 0);
    sb_puts(b, " draws): the chance of an overspend is ");
    html_rate(b, s->p_overspend[0], 1);
    if (N > 1) {
        sb_printf(b, " in %s and <strong>", a);
        html_rate(b, s->p_overspend[N - 1], 1);
        sb_printf(b, "</strong> in %s", z);
    } else {
        sb_printf(b, " in %s", a);
    }
    sb_printf(b, ". In %s the variance falls between ", z);
    html_money(b, v->p5);
    sb_puts(b, " and ");
    html_money(b, v->p95);
    sb_puts(b, " in nine draws out of ten (median ");
    html_money(b, v->p50);
    sb_puts(b, ").");
    if (s->n_tornado > 0) {
        char name[256];
        input_name(name, sizeof name, sc, &s->tornado[0]);
        sb_puts(b, " The input that moves the result most: ");
        sb_html(b, name);
        sb_puts(b, " (a swing of ");
        html_money(b, s->tornado[0].swing);
        sb_puts(b, " in the total variance).");
    }
    sb_puts(b, "</li>\n");
}

/* ---- the section ---- */

static void lead(sbuf *b, const scenario *sc, const simulation_result *s)
{
    const uncertainty_spec *u = &sc->uncertainty;
    sb_puts(b, s->is_portfolio ? "<p class=\"lead\">Every pool of the portfolio rerun "
                               : "<p class=\"lead\">The projection rerun ");
    html_number(b, (double)s->draws, 0);
    sb_printf(b, " times (seed %lu) with its uncertain inputs drawn at random: the pay award "
                 "each year (standard deviation ", s->seed);
    points(b, u->award_sd, 0);
    sb_puts(b, "), non-pay inflation each year (");
    points(b, u->inflation_sd, 0);
    sb_puts(b, ") and each partner's contribution uplift each year (");
    points(b, u->uplift_sd, 0);
    sb_puts(b, u->savings_mode == SAVINGS_BERNOULLI
                   ? "); each savings scheme delivers in full or not at all, with its confidence "
                     "as the chance."
                   : "); savings are taken at their expected value in every draw.");
    if (s->is_portfolio)
        sb_puts(b, " The award is national and inflation general, so one draw of each applies "
                   "in every pool; a partner's uplift is drawn once and applies in every pool "
                   "it funds; each pool's savings are drawn on their own. The figures below are "
                   "the consolidated position, with the money passed between pools taken out.");
    sb_puts(b, " Nine draws in ten fall between the 5th and the 95th percentile: if the stated "
               "uncertainties are right, that is the range to plan within. The same seed gives "
               "the same figures.</p>\n");
}

static void key_strip(sbuf *b, const simulation_result *s)
{
    int N = s->years;
    char z[8], label[96];
    const sim_stats *v = sim_series_at(s, SIM_VARIANCE, N - 1);
    fy_label(s->base_year + N - 1, z);
    double p = s->p_overspend[N - 1];
    sb_printf(b, "<div class=\"key\"><div class=\"%s\"><span class=\"label\">Chance of an "
                 "overspend, %s</span><span class=\"value\">", p >= 0.5 ? "bad" : "good", z);
    html_rate(b, p, 1);
    sb_puts(b, "</span></div>");
    const struct { const char *what; double v; } k[] = {
        { "Variance, median", v->p50 },
        { "Variance, 95th percentile", v->p95 },
    };
    for (size_t i = 0; i < 2; i++) {
        snprintf(label, sizeof label, "%s, %s", k[i].what, z);
        sb_printf(b, "<div class=\"%s\"><span class=\"label\">", k[i].v > 0 ? "bad" : "good");
        sb_html(b, label);
        sb_puts(b, "</span><span class=\"value\">");
        html_money(b, k[i].v);
        sb_puts(b, "</span></div>");
    }
    sb_puts(b, "<div><span class=\"label\">Planned total variance, all years</span>"
               "<span class=\"value\">");
    html_money(b, s->total_variance);
    sb_puts(b, "</span></div></div>\n");
}

static void fan_chart(sbuf *b, const simulation_result *s, const char *const *years)
{
    int N = s->years;
    size_t n = (size_t)N;
    double *buf = calloc(4 * n, sizeof *buf);
    if (!buf) {
        b->oom = 1;
        return;
    }
    double *p5 = buf, *p50 = buf + n, *p95 = buf + 2 * n, *zero = buf + 3 * n;
    for (int t = 0; t < N; t++) {
        const sim_stats *v = sim_series_at(s, SIM_VARIANCE, t);
        p5[t] = v->p5, p50[t] = v->p50, p95[t] = v->p95;
    }
    svg_series fan[] = {
        { .name = "5th to 95th percentile", .kind = SVG_BAND, .lo = p5, .hi = p95, .colour = 0 },
        { .name = "Median", .kind = SVG_LINE, .v = p50, .colour = 0 },
        { .name = "Break-even (zero)", .kind = SVG_LINE, .v = zero, .colour = 7, .dashed = 1 },
    };
    char title[128];
    snprintf(title, sizeof title, "Variance after expected savings: simulated range, %s to %s",
             years[0], years[N - 1]);
    svg_chart c = { .title = title,
                    .desc = "A fan of the simulated variance by year: the shaded band holds nine "
                            "draws in ten (5th to 95th percentile), the line is the median; "
                            "above the dashed zero line the pool overspends.",
                    .n_x = n, .x_labels = years, .unit = SVG_MONEY, .tight = 1 };
    html_figure_open(b);
    svg_chart_xy(b, &c, fan, 3);
    html_figure_close(b, "The variance (+ overspend, - underspend) in the simulated draws: the "
                         "band from the 5th to the 95th percentile, the median as a line.");
    free(buf);
}

static void rowgroup(sbuf *b, const html_years *w, const char *label)
{
    sb_printf(b, "<tr><th scope=\"rowgroup\" colspan=\"%d\">", 1 + (w->t1 - w->t0));
    sb_html(b, label);
    sb_puts(b, "</th></tr>\n");
}

static void stats_rows(sbuf *b, const html_years *w, const simulation_result *s, size_t series)
{
    static const char *const names[] = { "5th percentile (p5)", "median (p50)",
                                         "95th percentile (p95)" };
    for (int k = 0; k < 3; k++) {
        html_row_open(b, names[k], k == 1 ? ROW_PLAIN : ROW_SUB);
        for (int t = w->t0; t < w->t1; t++) {
            const sim_stats *st = sim_series_at(s, series, t);
            sb_puts(b, "<td>");
            html_money(b, k == 0 ? st->p5 : k == 1 ? st->p50 : st->p95);
            sb_puts(b, "</td>");
        }
        sb_puts(b, "</tr>\n");
    }
}

static void percentiles_table(sbuf *b, const simulation_result *s)
{
    int N = s->years;
    static const char *const groups[] = { "Cost", "Gap (cost less contributions)",
                                          "Variance (+ overspend, - underspend)" };
    for (html_years w = html_years_start(s->base_year, N, 0); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Simulated cost, gap and variance (\xC2\xA3, cash)", "");
        for (size_t g = 0; g < 3; g++) {
            if (g > 0)
                html_table_group(b, 1);
            rowgroup(b, &w, groups[g]);
            stats_rows(b, &w, s, g);
        }
        html_table_group(b, 1);
        html_row_open(b, "Chance of an overspend", ROW_TOTAL);
        for (int t = w.t0; t < w.t1; t++) {
            sb_puts(b, "<td>");
            html_rate_cell(b, s->p_overspend[t], 1);
            sb_puts(b, "</td>");
        }
        sb_puts(b, "</tr>\n");
        html_table_close(b);
    }
    sb_puts(b, "<p class=\"note\">The chance of an overspend is the share of draws whose variance "
               "is above zero. Percentiles are of each year's draws taken on their own, so the "
               "rows do not add up across the table.</p>\n");
}

static void exposure_table(sbuf *b, const scenario *sc, const simulation_result *s)
{
    int N = s->years;
    if (s->n_partners == 0)
        return;
    sb_puts(b, "<h3>Each partner's exposure</h3>\n<p>The 95th percentile of each partner's share "
               "of the variance under the risk-share agreement: an amount it would pay, or more, "
               "in only one draw in twenty. It is the figure a partner's finance director needs "
               "for a reserve. A negative figure is a share of an underspend even then.</p>\n");
    for (html_years w = html_years_start(s->base_year, N, 0); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Risk share at the 95th percentile (\xC2\xA3)", "Partner");
        for (size_t i = 0; i < s->n_partners; i++) {
            html_row_open(b, partner_label(sc, s, i), ROW_PLAIN);
            for (int t = w.t0; t < w.t1; t++) {
                sb_puts(b, "<td>");
                html_money(b, sim_series_at(s, SIM_PARTNERS + i, t)->p95);
                sb_puts(b, "</td>");
            }
            sb_puts(b, "</tr>\n");
        }
        html_table_close(b);
    }
}

static void tornado(sbuf *b, const scenario *sc, const simulation_result *s)
{
    size_t n = s->n_tornado;
    sb_puts(b, "<h3>What moves the result most</h3>\n");
    sb_puts(b, "<p>Each uncertain input moved on its own, every other at its planned value, and "
               "the total variance over the period recomputed at each end: a rate one standard "
               "deviation lower and higher every year; a saving not delivered and delivered in "
               "full. The total variance in the plan is ");
    html_money(b, s->total_variance);
    sb_puts(b, ". The inputs are ranked by their swing, so the top of the list is where "
               "management attention and better information pay most.</p>\n");
    if (n == 0) {
        sb_puts(b, "<p>No input is uncertain: every standard deviation is zero and every saving "
                   "is certain.</p>\n");
        return;
    }
    svg_hbar *bars = calloc(n, sizeof *bars);
    char (*names)[256] = calloc(n, sizeof *names);
    if (!bars || !names) {
        free(bars), free(names);
        b->oom = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const tornado_bar *t = &s->tornado[i];
        input_name(names[i], sizeof names[i], sc, t);
        bars[i] = (svg_hbar){ names[i], t->variance_low, t->variance_high };
    }
    svg_chart c = { .title = "Tornado: the total variance with one input moved at a time",
                    .desc = "Horizontal bars from the plan's total variance to the total variance "
                            "with each input at its low and at its high end, the input with the "
                            "largest swing at the top.",
                    .unit = SVG_MONEY };
    html_figure_open(b);
    svg_tornado(b, &c, bars, n, s->total_variance,
                "Low: rate 1 sd lower, or the saving not delivered",
                "High: rate 1 sd higher, or the saving delivered");
    html_figure_close(b, "The total variance over the period with each input at its low and high "
                         "end; the vertical line is the plan.");

    sb_puts(b, "<div class=\"table-wrap\"><table class=\"years\"><caption>Tornado: the total "
               "variance over the period (\xC2\xA3)</caption>\n<thead><tr><th scope=\"col\">"
               "Input</th><th scope=\"col\">Low</th><th scope=\"col\">High</th>"
               "<th scope=\"col\">Variance, low</th><th scope=\"col\">Variance, high</th>"
               "<th scope=\"col\">Swing</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const tornado_bar *t = &s->tornado[i];
        char label[300];
        snprintf(label, sizeof label, "%zu. %s", i + 1, names[i]);
        html_row_open(b, label, ROW_PLAIN);
        if (is_scheme(t)) {
            sb_puts(b, "<td>not delivered</td><td>delivered</td>");
        } else {
            sb_puts(b, "<td>");
            points(b, t->low, 1);
            sb_puts(b, "</td><td>");
            points(b, t->high, 1);
            sb_puts(b, "</td>");
        }
        const double v[] = { t->variance_low, t->variance_high, t->swing };
        for (int k = 0; k < 3; k++) {
            sb_puts(b, "<td>");
            html_money(b, v[k]);
            sb_puts(b, "</td>");
        }
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
    free(bars), free(names);
}

static void break_even_words(sbuf *b, const simulation_result *s)
{
    char y[8], pct_lo[16], pct_hi[16];
    fy_label(s->base_year + 1, y);
    snprintf(pct_lo, sizeof pct_lo, "%.0f%%", BREAK_EVEN_LOW * 100);
    snprintf(pct_hi, sizeof pct_hi, "+%.0f%%", BREAK_EVEN_HIGH * 100);
    sb_printf(b, "<h3>Break-even</h3>\n<p>The single rate, the same every year, at which the "
                 "total variance over the period is zero, searched between %s and %s.</p>\n"
                 "<ul>\n", pct_lo, pct_hi);
    const break_even *pay = &s->pay_award, *infl = &s->inflation;
    sb_puts(b, "<li><strong>Pay award.</strong> ");
    if (pay->found) {
        sb_puts(b, "An award of ");
        html_rate(b, pay->rate, 2);
        sb_printf(b, " a year, every year from %s (no band overrides, no flat minimum), brings "
                     "the total variance to zero.", y);
    } else if (pay->variance_low == pay->variance_high) {
        sb_puts(b, "The award does not move the total variance: it is ");
        html_money(b, pay->variance_low);
        sb_puts(b, " whatever the award.");
    } else {
        sb_printf(b, "No award between %s and %s a year does it: the total variance is ",
                  pct_lo, pct_hi);
        html_money(b, pay->variance_low);
        sb_puts(b, " at the low end (a pay freeze: an award below zero leaves pay points where "
                   "they are) and ");
        html_money(b, pay->variance_high);
        sb_puts(b, " at the high end.");
    }
    sb_puts(b, "</li>\n<li><strong>Non-pay inflation.</strong> ");
    if (infl->found) {
        sb_puts(b, "Inflation of ");
        html_rate(b, infl->rate, 2);
        sb_printf(b, " a year on every non-pay line, every year from %s, brings the total "
                     "variance to zero.", y);
    } else if (infl->variance_low == infl->variance_high) {
        sb_puts(b, "Non-pay inflation does not move the total variance: it is ");
        html_money(b, infl->variance_low);
        sb_puts(b, " whatever the rate.");
    } else {
        sb_printf(b, "No rate between %s and %s a year does it: the total variance is ", pct_lo,
                  pct_hi);
        html_money(b, infl->variance_low);
        sb_puts(b, " at the low end and ");
        html_money(b, infl->variance_high);
        sb_puts(b, " at the high end.");
    }
    sb_puts(b, "</li>\n</ul>\n");
}

/* MODEL.md §10: each pool's chance of an overspend, the pools grouped by tier. */
static void pools_table(sbuf *b, const scenario *pf, const simulation_result *s)
{
    static const char *const titles[] = { "System", "Place", "Neighbourhood" };
    int N = s->years;
    sb_puts(b, "<h3>Each pool's chance of an overspend</h3>\n<p>The share of draws in which a "
               "pool's own variance is above zero. A pool's variance includes the shares its "
               "children's agreements put on it, so an overspend in a neighbourhood can show "
               "as a chance of an overspend at its place and at the system. The tornado and "
               "break-even rates of a single pool are not computed for a portfolio.</p>\n");
    for (html_years w = html_years_start(s->base_year, N, 0); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Chance of an overspend by pool", "Pool");
        int groups = 0;
        for (int tier = 0; tier < 3; tier++) {
            int any = 0;
            for (size_t i = 0; i < s->n_pools; i++) {
                const pool *p = &pf->pools[i];
                if (p->tier != tier)
                    continue;
                if (!any++) {
                    if (groups++ > 0)
                        html_table_group(b, 1);
                    rowgroup(b, &w, titles[tier]);
                }
                html_row_open(b, p->name && *p->name ? p->name : p->id, ROW_PLAIN);
                for (int t = w.t0; t < w.t1; t++) {
                    sb_puts(b, "<td>");
                    html_rate_cell(b, s->pool_p_overspend[i * (size_t)N + (size_t)t], 1);
                    sb_puts(b, "</td>");
                }
                sb_puts(b, "</tr>\n");
            }
        }
        html_table_close(b);
    }
}

void simulation_html(sbuf *b, const scenario *sc, const simulation_result *s)
{
    int N = s->years;
    if (N <= 0)
        return;
    char (*labels)[8] = calloc((size_t)N, sizeof *labels);
    const char **years = calloc((size_t)N, sizeof *years);
    if (!labels || !years) {
        free(labels), free(years);
        b->oom = 1;
        return;
    }
    for (int t = 0; t < N; t++)
        years[t] = fy_label(s->base_year + t, labels[t]);
    lead(b, sc, s);
    key_strip(b, s);
    fan_chart(b, s, years);
    percentiles_table(b, s);
    exposure_table(b, sc, s);
    if (s->is_portfolio) {
        /* no tornado or break-even for a portfolio (simulate_portfolio.c) */
        pools_table(b, sc, s);
    } else {
        tornado(b, sc, s);
        break_even_words(b, s);
    }
    free(labels), free(years);
}

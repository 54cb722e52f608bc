/* The HTML board paper (docs/GUIDE.md, `--format html -o FILE`).
 *
 * One self-contained file: the stylesheet inline, every chart inline SVG
 * (svg.c), no script, no font, no image, nothing fetched; a Content Security
 * Policy that forbids fetching and scripts says so to the browser too. It
 * reads as a paper to a partnership board: a summary box, a section per part
 * of the result (the part the command was run for first), then an appendix
 * of the inputs (report_html_inputs.c), and it prints to A4 with page breaks
 * between sections, table headings that repeat and no chart cut in half.
 *
 * Every figure in a table is the JSON's figure: money from the same double,
 * printed as whole pounds (html_money), risk-share allocations from the same
 * whole pence (html_pence). Every string from the scenario is escaped.
 * The same result gives the same bytes but for the date the paper was
 * prepared (see html_report_time). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "sections.h"
#include "reader.h"
#include "report.h"
#include "report_html.h"
#include "svg.h"
#include "s75/version.h"

/* Series drawn one per partner or role before the rest are grouped. */
#define CHART_SERIES_MAX 7

/* ---- the stylesheet ---- */

static const char stylesheet[] =
    ":root{--ink:#1d2733;--muted:#4f5b69;--rule:#d5dbe1;--accent:#005eb8;--accent-dark:#003087;"
    "--wash:#eef4fb;--head:#f1f4f7}\n"
    "*{box-sizing:border-box}\n"
    "html{font-family:\"Segoe UI\",\"Helvetica Neue\",Arial,\"Liberation Sans\",\"DejaVu Sans\","
    "sans-serif;font-size:15px;line-height:1.45;color:var(--ink);background:#fff}\n"
    "body{margin:0 auto;max-width:1040px;padding:28px 36px 48px}\n"
    "h1{font-size:1.95rem;line-height:1.2;margin:.15em 0 .3em;color:var(--accent-dark)}\n"
    "h2{font-size:1.35rem;color:var(--accent-dark);margin:2.2em 0 .6em;padding-bottom:.25em;"
    "border-bottom:2px solid var(--accent)}\n"
    "h3{font-size:1.05rem;margin:1.6em 0 .4em}\n"
    "p{margin:.4em 0 .8em;max-width:78ch}\n"
    "code{font-family:\"DejaVu Sans Mono\",Consolas,monospace;font-size:.88em;"
    "overflow-wrap:anywhere}\n"
    ".masthead{border-bottom:6px solid var(--accent);padding-bottom:.8em;margin-bottom:1.4em}\n"
    ".kicker{text-transform:uppercase;letter-spacing:.09em;font-size:.78rem;font-weight:600;"
    "color:var(--accent);margin:0}\n"
    ".meta{color:var(--muted);font-size:.9rem;margin:0;max-width:none}\n"
    ".summary{background:var(--wash);border-left:6px solid var(--accent);padding:.6em 1.4em 1em;"
    "margin:1.2em 0}\n"
    ".summary h2{margin-top:.4em;border:0}\n"
    ".summary ul{margin:.4em 0 0;padding-left:1.2em}\n"
    ".summary li{margin:.35em 0}\n"
    ".key{display:flex;flex-wrap:wrap;gap:10px;margin:.6em 0 .8em}\n"
    ".key>div{flex:1 1 140px;background:#fff;border:1px solid var(--rule);border-top:4px solid "
    "var(--accent);padding:.5em .8em}\n"
    ".key .label{display:block;font-size:.78rem;color:var(--muted);text-transform:uppercase;"
    "letter-spacing:.04em}\n"
    ".key .value{display:block;font-size:1.3rem;font-weight:700;font-variant-numeric:"
    "tabular-nums}\n"
    ".key .bad{border-top-color:#d5281b}.key .good{border-top-color:#007f3b}\n"
    "nav.contents ol{columns:2;margin:.2em 0;padding-left:1.4em}\n"
    "nav.contents a{color:var(--accent-dark)}\n"
    ".lead{font-size:1rem}\n"
    ".note{font-size:.85rem;color:var(--muted)}\n"
    ".table-wrap{overflow-x:auto;margin:.4em 0 1.2em}\n"
    "table{border-collapse:collapse;width:100%;font-size:.84rem}\n"
    "caption{caption-side:top;text-align:left;font-weight:600;padding:.2em 0 .45em;"
    "color:var(--ink)}\n"
    "th,td{padding:4px 8px;border-bottom:1px solid var(--rule);vertical-align:top}\n"
    "thead th{background:var(--head);border-bottom:2px solid #9aa6b2;font-weight:600;"
    "text-align:right;white-space:nowrap}\n"
    "thead th:first-child,th[scope=row],table.inputs thead th{text-align:left}\n"
    "table.inputs thead th.num{text-align:right}\n"
    "thead th.group{text-align:center;border-bottom:1px solid var(--rule)}\n"
    "thead tr+tr th:first-child{text-align:right}\n"
    "th[scope=rowgroup]{text-align:left;font-weight:700}\n"
    "table.narrow{width:auto;min-width:55%}\n"
    "th[scope=row]{font-weight:400}\n"
    "table.years td,table.inputs td.num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "table.inputs td{text-align:left}\n"
    "tr.total th,tr.total td{font-weight:700;border-top:1.5px solid #5d6b79}\n"
    "tr.sub th{padding-left:1.6em;color:var(--muted)}\n"
    "tr.sub td{color:var(--muted)}\n"
    "tbody.group tr:first-child th,tbody.group tr:first-child td{border-top:1.5px solid "
    "#9aa6b2}\n"
    "figure{margin:1em 0 1.2em;padding:0}\n"
    "figcaption{font-size:.86rem;color:var(--muted);margin-top:.3em}\n"
    "svg.chart{display:block;width:100%;height:auto;font-family:inherit}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1.2em;margin:.4em 0 1em}\n"
    "dl.facts dt{font-weight:600}dl.facts dd{margin:0}\n"
    "footer{margin-top:3em;padding-top:.6em;border-top:1px solid var(--rule);font-size:.8rem;"
    "color:var(--muted)}\n"
    "@page{size:A4;margin:16mm 14mm 18mm;"
    "@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);font-size:8pt;"
    "color:#4f5b69}}\n"
    "@media print{\n"
    "html{font-size:9.5pt}\n"
    "body{max-width:none;padding:0}\n"
    ".summary,.key>div,thead th{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "section.section{break-before:page}\n"
    "h2,h3,caption{break-after:avoid}\n"
    "figure,.summary,.key,dl.facts{break-inside:avoid}\n"
    "svg.chart{max-height:100mm}\n"
    "table{break-inside:avoid}\n"
    "thead{display:table-header-group}\n"
    "tr{break-inside:avoid}\n"
    ".table-wrap{overflow:visible}\n"
    "nav.contents a{text-decoration:none;color:inherit}\n"
    "}\n";

/* ---- small pieces ---- */

typedef struct years_axis {
    int n;
    char label[LIMIT_YEARS][8];
    const char *ptr[LIMIT_YEARS];
} years_axis;

static void years_axis_init(years_axis *ya, int base_year, int years)
{
    ya->n = years < LIMIT_YEARS ? years : LIMIT_YEARS;
    for (int t = 0; t < ya->n; t++)
        ya->ptr[t] = fy_label(base_year + t, ya->label[t]);
}

static double sum(const double *v, int n)
{
    double s = 0;
    for (int t = 0; t < n; t++)
        s += v[t];
    return s;
}

/* Text into a fixed buffer, cut to fit (for chart labels and captions). */
static const char *fmt(char *buf, size_t cap, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static const char *fmt(char *buf, size_t cap, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vsnprintf(buf, cap, format, ap);
    va_end(ap);
    return buf;
}

/* A share in a table cell, to one decimal, as a per cent. */
static void share_cell(sbuf *b, double num, double den)
{
    sb_puts(b, "<td>");
    double x = den != 0 ? num / den * 100.0 : NAN;
    if (isfinite(x))
        sb_printf(b, "%.1f%%", fabs(x) < 0.05 ? 0.0 : x);
    else
        sb_puts(b, "-");
    sb_puts(b, "</td>");
}

/* ---- summary ---- */

static void summary_projection(sbuf *b, const scenario *sc, const projection *p)
{
    int N = p->years;
    size_t n = (size_t)N;
    char a[8], z[8];
    double cost = sum(p->cost, N), contrib = sum(p->contributions_total, N);
    double gap = sum(p->gap, N), variance = sum(p->variance, N);

    sb_puts(b, "<div class=\"key\">");
    html_key_figure(b, "Cost over the period", cost, NULL);
    html_key_figure(b, "Contributions", contrib, NULL);
    html_key_figure(b, gap >= 0 ? "Gap before savings" : "Surplus before savings", fabs(gap),
                    gap > 0 ? "bad" : "good");
    html_key_figure(b, variance >= 0 ? "Net overspend after expected savings"
                                     : "Net underspend after expected savings",
                    fabs(variance), variance > 0 ? "bad" : "good");
    sb_puts(b, "</div>\n<ul>\n");

    sb_printf(b, "<li>Over the %d year%s from %s to %s the pool is forecast to cost ", N,
              N == 1 ? "" : "s", fy_label(p->base_year, a), fy_label(p->base_year + N - 1, z));
    html_money(b, cost);
    sb_puts(b, " against partner contributions of ");
    html_money(b, contrib);
    sb_puts(b, gap >= 0 ? ": a gap of " : ": a surplus of ");
    html_money(b, fabs(gap));
    sb_puts(b, " before savings.</li>\n");

    int peak = p->gap_peak;
    if (p->gap[peak] > 0) {
        sb_printf(b, "<li>The gap peaks in %s at ", fy_label(p->base_year + peak, a));
        html_money(b, p->gap[peak]);
        sb_puts(b, ", when cost of ");
        html_money(b, p->cost[peak]);
        sb_puts(b, " meets contributions of ");
        html_money(b, p->contributions_total[peak]);
        sb_puts(b, ".</li>\n");
    } else {
        sb_puts(b, "<li>Contributions cover cost in every year.</li>\n");
    }

    if (sc->n_schemes > 0) {
        sb_puts(b, "<li>Savings schemes are expected to deliver ");
        html_money(b, sum(p->savings_expected, N));
        sb_puts(b, " of the ");
        html_money(b, sum(p->savings_planned, N));
        sb_puts(b, " planned, once each is weighted by the confidence of its delivery.</li>\n");
    }

    /* Each partner's share of the overspends, from the allocations in
     * pence, so the shares add up to the amounts shared. */
    int over_years = 0, under_years = 0;
    int64_t over_total = 0;
    for (int t = 0; t < N; t++) {
        if (p->variance[t] > 0) {
            over_years++;
            for (size_t i = 0; i < sc->n_partners; i++)
                over_total += p->risk_share[i * n + (size_t)t];
            over_total += p->unallocated[t];
        } else if (p->variance[t] < 0) {
            under_years++;
        }
    }
    if (over_years == 0) {
        sb_printf(b, "<li>After expected savings no year overspends%s.</li>\n",
                  under_years ? "; the underspends go back to the partners under the risk-share "
                                "agreement" : "");
    } else {
        sb_printf(b, "<li>After expected savings the pool overspends in %d of %d year%s, ",
                  over_years, N, N == 1 ? "" : "s");
        html_pence(b, over_total);
        sb_puts(b, " in all. Under the risk-share agreement that falls to ");
        for (size_t i = 0; i < sc->n_partners; i++) {
            int64_t share = 0;
            for (int t = 0; t < N; t++)
                if (p->variance[t] > 0)
                    share += p->risk_share[i * n + (size_t)t];
            sb_puts(b, i == 0 ? "" : i + 1 == sc->n_partners ? " and " : ", ");
            sb_puts(b, "<strong>");
            sb_html(b, html_partner_name(&sc->partners[i]));
            sb_puts(b, "</strong> ");
            html_pence(b, share);
            sb_printf(b, " (%.1f%%)", over_total ? (double)share / (double)over_total * 100.0 : 0.0);
        }
        int64_t left = 0;
        for (int t = 0; t < N; t++)
            if (p->variance[t] > 0)
                left += p->unallocated[t];
        if (left != 0) {
            sb_puts(b, ", with ");
            html_pence(b, left);
            sb_puts(b, " left unallocated above the partners' caps");
        }
        sb_puts(b, ".");
        if (under_years > 0) {
            int64_t back = 0;
            for (int t = 0; t < N; t++)
                if (p->variance[t] < 0)
                    for (size_t i = 0; i < sc->n_partners; i++)
                        back += p->risk_share[i * n + (size_t)t];
            sb_printf(b, " It underspends in %d year%s: ", under_years, under_years == 1 ? "" : "s");
            html_pence(b, back < 0 ? -back : back);
            sb_puts(b, " goes back to the partners.");
        }
        sb_puts(b, "</li>\n");
    }
}

/* ---- sections of the projection ---- */

static void section_cost(sbuf *b, const scenario *sc, const projection *p, const years_axis *ya)
{
    int N = ya->n;
    size_t n = (size_t)p->years;
    char title[160], desc[400];
    sb_puts(b, "<p class=\"lead\">Cost is the pay bill (basic pay with employer national "
               "insurance, pension and apprenticeship levy), agency cover for vacancies and "
               "non-pay. Contributions are what each partner puts into the pooled fund. The gap "
               "is cost less contributions, before savings.</p>\n");

    sbuf d;
    sb_init(&d);
    sb_puts(&d, "Bars of cost for each year with partner contributions as a line. Cost is ");
    html_money(&d, p->cost[0]);
    sb_printf(&d, " in %s and ", ya->ptr[0]);
    html_money(&d, p->cost[N - 1]);
    sb_printf(&d, " in %s; contributions are ", ya->ptr[N - 1]);
    html_money(&d, p->contributions_total[0]);
    sb_puts(&d, " and ");
    html_money(&d, p->contributions_total[N - 1]);
    sb_puts(&d, ".");
    snprintf(desc, sizeof desc, "%s", d.s && !d.oom ? d.s : "");
    sb_free(&d);
    svg_series s[] = {
        { .name = "Cost", .kind = SVG_BAR, .v = p->cost, .colour = 0 },
        { .name = "Contributions", .kind = SVG_LINE, .v = p->contributions_total, .colour = 1 },
    };
    svg_chart c = { .title = fmt(title, sizeof title, "Cost against contributions, %s to %s",
                                 ya->ptr[0], ya->ptr[N - 1]),
                    .desc = desc, .n_x = (size_t)N, .x_labels = ya->ptr, .unit = SVG_MONEY };
    html_figure_open(b);
    svg_chart_xy(b, &c, s, 2);
    html_figure_close(b, "Cost by year (cash) against the partners' contributions; where a bar "
                         "rises above the line, cost outruns the pooled fund.");

    for (html_years w = html_years_start(p->base_year, N, 1); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Cost, contributions and gap (\xC2\xA3, cash)", "");
        html_year_row(b, &w, "Pay (basic and on-costs)", p->pay, 1, ROW_PLAIN);
        html_year_row(b, &w, "Agency", p->agency, 1, ROW_PLAIN);
        html_year_row(b, &w, "Non-pay", p->non_pay, 1, ROW_PLAIN);
        if (p->delegated)
            html_year_row(b, &w, "Delegated to pools below", p->delegated, 1, ROW_PLAIN);
        html_year_row(b, &w, "Cost", p->cost, 1, ROW_TOTAL);
        for (size_t i = 0; i < sc->n_partners; i++)
            html_year_row(b, &w, html_partner_name(&sc->partners[i]), p->contributions + i * n, 1,
                          ROW_SUB);
        html_year_row(b, &w, "Contributions", p->contributions_total, 1, ROW_TOTAL);
        html_year_row(b, &w, "Gap (cost less contributions)", p->gap, 1, ROW_TOTAL);
        html_year_row(b, &w, "Savings planned", p->savings_planned, 1, ROW_SUB);
        html_year_row(b, &w, "Savings expected (weighted by confidence)", p->savings_expected, 1,
                      ROW_SUB);
        if (p->cascaded)
            html_year_row(b, &w, "Cascaded from pools below", p->cascaded, 1, ROW_SUB);
        html_year_row(b, &w, "Variance (+ overspend, - underspend)", p->variance, 1, ROW_TOTAL);
        html_table_close(b);
    }
}

static void section_spend(sbuf *b, const projection *p, const years_axis *ya)
{
    int N = ya->n;
    char title[160], desc[400];
    double cost0 = p->cost[0], cost1 = p->cost[N - 1];
    sb_puts(b, "<p class=\"lead\">Cost ");
    if (N > 1 && cost0 != 0) {
        sb_puts(b, cost1 >= cost0 ? "rises" : "falls");
        sb_puts(b, " from ");
        html_money(b, cost0);
        sb_printf(b, " in %s to ", ya->ptr[0]);
        html_money(b, cost1);
        sb_printf(b, " in %s, %s of %.1f%%.", ya->ptr[N - 1], cost1 >= cost0 ? "a rise" : "a fall",
                  fabs(cost1 / cost0 - 1.0) * 100.0);
    } else {
        sb_puts(b, "is ");
        html_money(b, cost0);
        sb_printf(b, " in %s.", ya->ptr[0]);
    }
    sb_puts(b, " Pay is the pay bill of the establishment in post; agency is the cost of the "
               "vacancies covered by agency staff, premium included.</p>\n");

    snprintf(desc, sizeof desc, "Stacked bars of pay, agency and non-pay for each year from %s "
             "to %s; each bar's height is that year's cost.", ya->ptr[0], ya->ptr[N - 1]);
    svg_series s[] = {
        { .name = "Pay", .kind = SVG_BAR, .v = p->pay, .colour = 0 },
        { .name = "Agency", .kind = SVG_BAR, .v = p->agency, .colour = 1 },
        { .name = "Non-pay", .kind = SVG_BAR, .v = p->non_pay, .colour = 7 },
        { .name = "Delegated to pools below", .kind = SVG_BAR, .v = p->delegated, .colour = 6 },
    };
    svg_chart c = { .title = fmt(title, sizeof title, "Where the money goes, %s to %s", ya->ptr[0],
                                 ya->ptr[N - 1]),
                    .desc = desc, .n_x = (size_t)N, .x_labels = ya->ptr, .unit = SVG_MONEY,
                    .stacked = 1 };
    html_figure_open(b);
    svg_chart_xy(b, &c, s, p->delegated ? 4 : 3);
    html_figure_close(b, "Cost by kind of spend (cash).");

    const double *parts[] = { p->pay, p->agency, p->non_pay, p->delegated };
    const char *names[] = { "Pay, share of cost", "Agency, share of cost", "Non-pay, share of cost",
                            "Delegated, share of cost" };
    for (html_years w = html_years_start(p->base_year, N, 1); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Cost by kind of spend (\xC2\xA3, cash) and share of cost", "");
        html_year_row(b, &w, "Pay (basic and on-costs)", p->pay, 1, ROW_PLAIN);
        html_year_row(b, &w, "Agency", p->agency, 1, ROW_PLAIN);
        html_year_row(b, &w, "Non-pay", p->non_pay, 1, ROW_PLAIN);
        if (p->delegated)
            html_year_row(b, &w, "Delegated to pools below", p->delegated, 1, ROW_PLAIN);
        html_year_row(b, &w, "Cost", p->cost, 1, ROW_TOTAL);
        for (int k = 0; k < 4; k++) {
            if (!parts[k])
                continue;
            html_row_open(b, names[k], ROW_SUB);
            for (int t = w.t0; t < w.t1; t++)
                share_cell(b, parts[k][t], p->cost[t]);
            if (html_years_total(&w))
                share_cell(b, sum(parts[k], N), sum(p->cost, N));
            sb_puts(b, "</tr>\n");
        }
        html_table_close(b);
    }
}

/* The gap and what is left of it after the savings expected. */
static void gap_chart(sbuf *b, const projection *p, const years_axis *ya)
{
    int N = ya->n;
    char title[160], desc[400];
    sbuf d;
    sb_init(&d);
    sb_puts(&d, "Bars of the gap (cost less contributions) and of the variance left after the "
                "savings expected, for each year. The gap is ");
    html_money(&d, p->gap[0]);
    sb_printf(&d, " in %s and ", ya->ptr[0]);
    html_money(&d, p->gap[N - 1]);
    sb_printf(&d, " in %s.", ya->ptr[N - 1]);
    snprintf(desc, sizeof desc, "%s", d.s && !d.oom ? d.s : "");
    sb_free(&d);
    svg_series g[] = {
        { .name = "Gap before savings", .kind = SVG_BAR, .v = p->gap, .colour = 7 },
        { .name = "Variance after expected savings", .kind = SVG_BAR, .v = p->variance,
          .colour = 5 },
    };
    svg_chart gc = { .title = fmt(title, sizeof title, "The gap before and after savings, %s to %s",
                                  ya->ptr[0], ya->ptr[N - 1]),
                     .desc = desc, .n_x = (size_t)N, .x_labels = ya->ptr, .unit = SVG_MONEY,
                     .height = 260 };
    html_figure_open(b);
    svg_chart_xy(b, &gc, g, 2);
    html_figure_close(b, "The gap and the variance by year: above zero an overspend for the "
                         "partners to share, below zero an underspend.");
}

/* Each scheme's planned and expected savings by year (MODEL.md §4). */
static void savings_table(sbuf *b, const scenario *sc, const projection *p, int N)
{
    size_t n = (size_t)p->years;
    if (sc->n_schemes == 0)
        return;
    double *planned = calloc(n, sizeof *planned), *expected = calloc(n, sizeof *expected);
    if (!planned || !expected) {
        free(planned), free(expected);
        b->oom = 1;
        return;
    }
    for (html_years w = html_years_start(p->base_year, N, 1); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Savings schemes: planned, and expected at their confidence "
                                    "(\xC2\xA3, cash)", "Scheme");
        for (size_t k = 0; k < sc->n_schemes; k++) {
            const saving_scheme *s = &sc->schemes[k];
            for (int t = 0; t < N; t++) {
                planned[t] = s->value * scheme_phase(s, p->base_year + t - s->start);
                expected[t] = planned[t] * s->confidence;
            }
            html_table_group(b, 1);
            html_year_row(b, &w, s->name, planned, 1, ROW_PLAIN);
            sbuf l;
            sb_init(&l);
            sb_puts(&l, "expected at ");
            html_rate(&l, s->confidence, 2);
            sb_puts(&l, " confidence");
            html_year_row(b, &w, l.s && !l.oom ? l.s : "expected", expected, 1, ROW_SUB);
            sb_free(&l);
        }
        html_table_group(b, 1);
        html_year_row(b, &w, "Total planned", p->savings_planned, 1, ROW_TOTAL);
        html_year_row(b, &w, "Total expected", p->savings_expected, 1, ROW_TOTAL);
        html_table_close(b);
    }
    free(planned), free(expected);
}

static const char *scenario_partner(const void *ctx, size_t k)
{
    const scenario *sc = ctx;
    return html_partner_name(&sc->partners[k]);
}

static void section_risk(sbuf *b, const scenario *sc, const projection *p, const years_axis *ya)
{
    int N = ya->n;
    size_t n = (size_t)p->years;
    char title[160];
    sb_puts(b, "<p class=\"lead\">The variance is the gap less the savings expected. Under the "
               "Section 75 agreement an overspend is shared ");
    html_rule_words(b, sc, &sc->risk_share.overspend);
    sb_puts(b, "; an underspend is shared back ");
    html_rule_words(b, sc, &sc->risk_share.underspend);
    sb_puts(b, ". Allocations are in whole pence and add up to the variance exactly.</p>\n");
    gap_chart(b, p, ya);

    int any_left = 0;
    for (int t = 0; t < N; t++)
        any_left |= p->unallocated[t] != 0;
    for (html_years w = html_years_start(p->base_year, N, 1); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "The variance and how it is shared (\xC2\xA3; allocations to "
                                    "the penny)", "");
        html_year_row(b, &w, "Gap (cost less contributions)", p->gap, 1, ROW_PLAIN);
        html_year_row(b, &w, "less savings expected", p->savings_expected, 1, ROW_SUB);
        if (p->cascaded)
            html_year_row(b, &w, "plus cascaded from pools below", p->cascaded, 1, ROW_SUB);
        html_year_row(b, &w, "Variance to share", p->variance, 1, ROW_TOTAL);
        for (size_t i = 0; i < sc->n_partners; i++)
            html_year_row_pence(b, &w, html_partner_name(&sc->partners[i]), p->risk_share + i * n,
                                1, ROW_PLAIN);
        if (any_left)
            html_year_row_pence(b, &w, "Unallocated (above caps)", p->unallocated, 1, ROW_PLAIN);
        html_table_close(b);
    }

    svg_chart c = { .title = fmt(title, sizeof title, "Each partner's share of the variance, %s to %s",
                                 ya->ptr[0], ya->ptr[N - 1]),
                    .desc = "Bars of each partner's risk-share allocation by year: above zero a "
                            "share of an overspend the partner pays, below zero a share of an "
                            "underspend returned to it.",
                    .n_x = (size_t)N, .x_labels = ya->ptr };
    html_partner_bars(b, p->risk_share, sc->n_partners, N, scenario_partner, sc, &c,
                      "Risk-share allocations by partner and year; the table above gives them "
                      "to the penny.");
    savings_table(b, sc, p, N);
}

/* Roles ordered by their cost in the last year, largest first. */
typedef struct ranked {
    size_t line;
    double cost;
} ranked;

static int by_cost_desc(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->cost != b->cost)
        return a->cost < b->cost ? 1 : -1;
    return a->line < b->line ? -1 : a->line > b->line;
}

static void section_workforce(sbuf *b, const scenario *sc, const projection *p,
                              const years_axis *ya)
{
    int N = ya->n;
    size_t n = (size_t)p->years, nl = sc->n_lines;
    char title[160], label[256];
    double wte = 0, heads = 0;
    for (size_t l = 0; l < nl; l++)
        wte += sc->lines[l].wte, heads += sc->lines[l].headcount;
    sb_printf(b, "<p class=\"lead\">%zu role%s, ", nl, nl == 1 ? "" : "s");
    html_number(b, wte, 1);
    sb_puts(b, " whole-time equivalents (");
    html_number(b, heads, 0);
    if (sc->n_systems > 1)
        sb_printf(b, " people) in the establishment, on %zu pay systems. ", sc->n_systems);
    else
        sb_puts(b, " people) in the establishment, on Agenda for Change pay. ");
    sb_puts(b, "Pay is basic pay and employer on-costs for the staff in post; agency is the cover "
               "bought for vacancies.</p>\n");

    /* Pay and agency by role, the largest roles by name and the rest as one. */
    ranked *order = calloc(nl, sizeof *order);
    size_t shown = nl <= CHART_SERIES_MAX + 1 ? nl : CHART_SERIES_MAX;
    double *v = calloc((shown + 1) * n, sizeof *v);
    svg_series *s = calloc(shown + 1, sizeof *s);
    char (*names)[96] = calloc(shown + 1, sizeof *names);
    if (!order || !v || !s || !names) {
        free(order), free(v), free(s), free(names);
        b->oom = 1;
        return;
    }
    for (size_t l = 0; l < nl; l++)
        order[l] = (ranked){ l, p->line_pay[l * n + n - 1] + p->line_agency[l * n + n - 1] };
    qsort(order, nl, sizeof *order, by_cost_desc);
    for (size_t r = 0; r < nl; r++) {
        size_t l = order[r].line, k = r < shown ? r : shown;
        for (int t = 0; t < N; t++)
            v[k * n + (size_t)t] += p->line_pay[l * n + (size_t)t] + p->line_agency[l * n + (size_t)t];
        if (r < shown)
            snprintf(names[k], sizeof names[k], "%s", sc->lines[l].role);
    }
    size_t ns = shown + (nl > shown ? 1 : 0);
    if (nl > shown)
        snprintf(names[shown], sizeof names[shown], "Other roles");
    for (size_t k = 0; k < ns; k++)
        s[k] = (svg_series){ .name = names[k], .kind = SVG_BAR, .v = v + k * n, .colour = (int)k };
    svg_chart c = { .title = fmt(title, sizeof title, "Pay and agency by role, %s to %s",
                                 ya->ptr[0], ya->ptr[N - 1]),
                    .desc = "Stacked bars of each role's pay and agency cost by year, the "
                            "largest roles first.",
                    .n_x = (size_t)N, .x_labels = ya->ptr, .unit = SVG_MONEY, .stacked = 1 };
    html_figure_open(b);
    svg_chart_xy(b, &c, s, ns);
    html_figure_close(b, "Pay and agency by role (cash).");
    free(order), free(v), free(s), free(names);

    for (html_years w = html_years_start(p->base_year, N, 1); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Pay and agency by role (\xC2\xA3, cash)", "Role");
        int had_agency = 0;
        for (size_t l = 0; l < nl; l++) {
            const workforce_line *wl = &sc->lines[l];
            snprintf(label, sizeof label, "%s (band %s)", wl->role, sc->bands[wl->band].name);
            int agency = 0;
            for (int t = 0; t < N; t++)
                agency |= p->line_agency[l * n + (size_t)t] != 0;
            /* A role with agency cover keeps its two rows together. */
            if (agency || (l > 0 && had_agency))
                html_table_group(b, agency);
            had_agency = agency;
            html_year_row(b, &w, label, p->line_pay + l * n, 1, ROW_PLAIN);
            if (agency)
                html_year_row(b, &w, "agency", p->line_agency + l * n, 1, ROW_SUB);
        }
        html_table_group(b, 1);
        html_year_row(b, &w, "Pay", p->pay, 1, ROW_TOTAL);
        html_year_row(b, &w, "Agency", p->agency, 1, ROW_TOTAL);
        html_table_close(b);
    }

    /* MODEL.md §14: the pay bill by employer, by pay system and by team. */
    if (report_shows_employers(sc, p)) {
        for (html_years w = html_years_start(p->base_year, N, 1); w.t0 < N; html_years_next(&w)) {
            html_year_table_open(b, &w, "Pay bill by employer and by pay system: pay and agency "
                                        "(\xC2\xA3, cash)", "Employer / pay system");
            for (size_t k = 0; k < p->n_employer_keys; k++)
                html_year_row(b, &w, report_employer_label(sc, p->employer_key[k]),
                              p->by_employer + k * n, 1, ROW_PLAIN);
            html_table_group(b, 1);
            for (size_t k = 0; k < p->n_system_keys; k++) {
                snprintf(label, sizeof label, "Pay system %s", sc->systems[p->system_key[k]].name);
                html_year_row(b, &w, label, p->by_system + k * n, 1, ROW_PLAIN);
            }
            html_table_close(b);
        }
        for (html_years w = html_years_start(p->base_year, N, 1); w.t0 < N; html_years_next(&w)) {
            html_year_table_open(b, &w, "Workforce by team: pay and agency (\xC2\xA3, cash)", "Team");
            for (size_t k = 0; k < p->n_team_keys; k++) {
                const char *team = sc->lines[p->team_line[k]].team;
                html_table_group(b, k > 0);
                for (size_t l = 0; l < nl; l++) {
                    const char *lt = sc->lines[l].team;
                    if (!(lt == team || (lt && team && strcmp(lt, team) == 0)))
                        continue;
                    double *row = calloc(n, sizeof *row);
                    if (!row) {
                        b->oom = 1;
                        return;
                    }
                    for (size_t t = 0; t < n; t++)
                        row[t] = p->line_pay[l * n + t] + p->line_agency[l * n + t];
                    snprintf(label, sizeof label, "%s (band %s)", sc->lines[l].role,
                             sc->bands[sc->lines[l].band].name);
                    html_year_row(b, &w, label, row, 1, ROW_SUB);
                    free(row);
                }
                snprintf(label, sizeof label, "%s: subtotal", report_team_label(sc, p, k));
                html_year_row(b, &w, label, p->by_team + k * n, 1, ROW_TOTAL);
            }
            html_table_close(b);
        }
    }

    for (html_years w = html_years_start(p->base_year, N, 0); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Mean basic pay per whole-time equivalent (\xC2\xA3 a year), "
                                    "after awards and progression", "Role");
        for (size_t l = 0; l < nl; l++) {
            const workforce_line *wl = &sc->lines[l];
            snprintf(label, sizeof label, "%s (band %s)", wl->role, sc->bands[wl->band].name);
            html_year_row(b, &w, label, p->line_mean_basic + l * n, 1, ROW_PLAIN);
        }
        html_table_close(b);
    }
}

/* What the required WTE includes, in this scenario's own figures, so a
 * reader knows what the gap is measured against. */
static void demand_words(sbuf *b, const scenario *sc)
{
    const demand_spec *dm = &sc->demand;
    int non_contact = 0, weighted = 0;
    for (int t = 0; t < sc->years; t++) {
        non_contact |= dm->non_contact[t] != 0;
        for (size_t k = 0; k < dm->n_drivers; k++)
            weighted |= dm->drivers[k].need_weight[t] != 1;
    }
    sb_puts(b, "<p class=\"lead\">Required whole-time equivalents (WTE) are what the service needs "
               "for its demand: the contact time of the activities, at their stated times and "
               "coverage, over the productive hours of a WTE");
    if (non_contact) {
        sb_puts(b, " less the share of those hours spent away from contacts (travel, records, "
                   "supervision, safeguarding, training): ");
        html_series_words(b, dm->non_contact, 0, sc->years, sc->base_year, 0);
    } else {
        sb_puts(b, ", with no share set aside for work away from contacts (travel, records, "
                   "supervision, safeguarding, training)");
    }
    if (dm->n_caseloads > 0) {
        sb_puts(b, "; plus the caseloads staff hold (");
        for (size_t c = 0; c < dm->n_caseloads; c++) {
            const caseload *cl = &dm->caseloads[c];
            sb_puts(b, c ? "; " : "");
            sb_html(b, cl->name);
            sb_puts(b, ": ");
            html_series_words(b, cl->per_wte, 0, sc->years, sc->base_year, 2);
            sb_puts(b, " ");
            sb_html(b, dm->drivers[cl->driver].name);
            sb_puts(b, " per WTE, band ");
            sb_html(b, cl->band);
        }
        sb_puts(b, ")");
    } else {
        sb_puts(b, "; no caseloads are counted");
    }
    if (weighted) {
        sb_puts(b, ". Demand is weighted for need (");
        for (size_t k = 0, n = 0; k < dm->n_drivers; k++) {
            const driver *dr = &dm->drivers[k];
            int w = 0;
            for (int t = 0; t < sc->years; t++)
                w |= dr->need_weight[t] != 1;
            if (!w)
                continue;
            sb_puts(b, n++ ? "; " : "");
            sb_html(b, dr->name);
            sb_puts(b, " \xC3\x97 ");
            html_series_words(b, dr->need_weight, 0, sc->years, sc->base_year, 2);
        }
        sb_puts(b, ")");
    } else {
        sb_puts(b, ". Demand is not weighted for need (deprivation)");
    }
    sb_puts(b, ". Staffed is the establishment less the vacancies agency does not cover. A "
               "positive gap is a shortfall of staff against need. The gap cost prices the gap "
               "at the band's pay with on-costs per in-post WTE: what closing a shortfall with "
               "substantive staff would cost that year (negative: the pay of staff beyond the "
               "need). Demand is reported here; it does not change the cost.</p>\n");
}

static void section_demand(sbuf *b, const scenario *sc, const demand_result *d,
                           const years_axis *ya)
{
    int N = ya->n;
    size_t nb = d->n_bands;
    char title[160], label[64];
    demand_words(b, sc);

    double *first = calloc(nb, sizeof *first), *last = calloc(nb, sizeof *last);
    double *staffed = calloc(nb, sizeof *staffed);
    const char **bands = calloc(nb, sizeof *bands);
    char (*band_labels)[16] = calloc(nb, sizeof *band_labels);
    if (!first || !last || !staffed || !bands || !band_labels) {
        free(first), free(last), free(staffed), free(bands), free(band_labels);
        b->oom = 1;
        return;
    }
    for (size_t k = 0; k < nb; k++) {
        first[k] = d->required[k];
        last[k] = d->required[(size_t)(N - 1) * nb + k];
        staffed[k] = d->staffed[(size_t)(N - 1) * nb + k];
        snprintf(band_labels[k], sizeof band_labels[k], "Band %s", d->bands[k]);
        bands[k] = band_labels[k];
    }
    char n_first[48], n_last[48];
    svg_series s[] = {
        { .name = fmt(n_first, sizeof n_first, "Required %s", ya->ptr[0]), .kind = SVG_BAR,
          .v = first, .colour = 4 },
        { .name = fmt(n_last, sizeof n_last, "Required %s", ya->ptr[N - 1]), .kind = SVG_BAR,
          .v = last, .colour = 0 },
        { .name = "Staffed", .kind = SVG_BAR, .v = staffed, .colour = 2 },
    };
    svg_chart c = { .title = fmt(title, sizeof title, "Demand against capacity by band, %s and %s",
                                 ya->ptr[0], ya->ptr[N - 1]),
                    .desc = "Bars of the whole-time equivalents each band's activities require in "
                            "the first and the last year, beside the staffed whole-time "
                            "equivalents.",
                    .n_x = nb, .x_labels = bands, .unit = SVG_NUMBER, .axis_label = "WTE" };
    html_figure_open(b);
    svg_chart_xy(b, &c, N > 1 ? s : s + 1, N > 1 ? 3 : 2);
    html_figure_close(b, "Required and staffed whole-time equivalents by band.");

    for (html_years w = html_years_start(sc->base_year, N, 0); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Demand against capacity (whole-time equivalents)", "Band");
        for (size_t k = 0; k < nb; k++) {
            if (k > 0)
                html_table_group(b, 1);
            snprintf(label, sizeof label, "Band %s required", d->bands[k]);
            html_year_row_number(b, &w, label, d->required + k, nb, 1, ROW_PLAIN);
            html_year_row_number(b, &w, "contact hours a year", d->contact_hours + k, nb, 0,
                                 ROW_SUB);
            html_year_row_number(b, &w, "of which caseloads", d->caseload_wte + k, nb, 1, ROW_SUB);
            html_year_row_number(b, &w, "staffed", d->staffed + k, nb, 1, ROW_SUB);
            html_year_row_number(b, &w, "gap (+ shortfall)", d->gap + k, nb, 1, ROW_SUB);
            html_year_row(b, &w, "pay per in-post WTE", d->unit_cost + k, nb, ROW_SUB);
            html_year_row(b, &w, "gap cost (+ to close the shortfall)", d->gap_cost + k, nb,
                          ROW_SUB);
        }
        html_table_close(b);
    }
    free(first), free(last), free(staffed), free(bands), free(band_labels);
}

/* ---- the document ---- */

#define MAX_SECTIONS 12

typedef struct contents {
    size_t n;
    const char *id[MAX_SECTIONS];
    const char *title[MAX_SECTIONS];
    size_t start[MAX_SECTIONS], end[MAX_SECTIONS]; /* the section's bytes in the document */
} contents;

/* Wraps a section body in <section> with its heading and a contents entry;
 * an empty body leaves the section out. */
static void add_section(sbuf *doc, contents *toc, const char *id, const char *title, sbuf *body)
{
    if (body->oom)
        doc->oom = 1;
    if (body->len > 0 && !body->oom && toc->n < MAX_SECTIONS) {
        toc->id[toc->n] = id;
        toc->title[toc->n] = title;
        toc->start[toc->n] = doc->len;
        sb_printf(doc, "<section class=\"section\" id=\"%s\" aria-labelledby=\"%s-h\">\n"
                  "<h2 id=\"%s-h\">%s</h2>\n", id, id, id, title);
        sb_putn(doc, body->s, body->len);
        sb_puts(doc, "</section>\n");
        toc->end[toc->n] = doc->len;
        toc->n++;
    }
    sb_free(body);
}

/* The sections other modules write (modules.h). */
enum { PART_PORTFOLIO, PART_MONITORING, PART_APPRAISAL, PART_SIMULATION };

static void module_section(sbuf *doc, contents *toc, const s75_result *res, int which)
{
    const scenario *sc = res->sc;
    sbuf part;
    sb_init(&part);
    switch (which) {
    case PART_PORTFOLIO:
        if (res->portfolio) {
            portfolio_html(&part, sc, res->portfolio);
            add_section(doc, toc, "portfolio", "The portfolio of pools", &part);
        }
        break;
    case PART_MONITORING:
        if (res->monitoring) {
            monitoring_html(&part, sc, res->monitoring);
            add_section(doc, toc, "monitoring", "In-year monitoring", &part);
        }
        break;
    case PART_APPRAISAL:
        if (res->appraisal) {
            appraisal_html(&part, sc, res->appraisal);
            add_section(doc, toc, "appraisal", "Options appraisal", &part);
        }
        break;
    case PART_SIMULATION:
        if (res->simulation) {
            simulation_html(&part, sc, res->simulation);
            add_section(doc, toc, "simulation", "Uncertainty", &part);
        }
        break;
    }
    sb_free(&part);
}

void html_document_open(sbuf *b, const char *title)
{
    sb_puts(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "style-src 'unsafe-inline'\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    sb_printf(b, "<meta name=\"generator\" content=\"libs75 %s\">\n<title>", S75_VERSION);
    sb_html(b, title);
    sb_puts(b, "</title>\n<style>\n");
    sb_puts(b, stylesheet);
    sb_puts(b, "</style>\n</head>\n<body>\n");
}

/* The section ids --sections chooses from, in the paper's default order
 * (the command's own section leads). */
const char *const html_section_ids[] = { "summary", "portfolio", "monitoring", "appraisal",
                                         "simulation", "cost", "spend", "risk-share",
                                         "workforce", "demand", "appendix", NULL };

/* 1 when the comma-separated list names id. */
static int listed(const char *list, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = list; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t k = strcspn(p, ", ");
        if (k == n && strncmp(p, id, n) == 0)
            return 1;
        p += k;
    }
    return 0;
}

/* The paper's opening from the scenario's paper: block: the decision sought
 * and the recommendation, as a board paper opens. */
static void paper_opening(sbuf *b, const paper_spec *p)
{
    if (!p->decision && !p->recommendation)
        return;
    sb_puts(b, "<section class=\"summary\" id=\"decision\" aria-labelledby=\"decision-h\">\n"
               "<h2 id=\"decision-h\">Decision sought</h2>\n");
    if (p->decision) {
        sb_puts(b, "<p class=\"lead\">");
        sb_html(b, p->decision);
        sb_puts(b, "</p>\n");
    }
    if (p->recommendation) {
        sb_puts(b, "<h3>Recommendation</h3>\n<p>");
        sb_html(b, p->recommendation);
        sb_puts(b, "</p>\n");
    }
    sb_puts(b, "</section>\n");
}

void html_page_open(sbuf *b, const char *title, const char *kicker, const char *meta)
{
    html_document_open(b, title);
    sb_puts(b, "<header class=\"masthead\">\n<p class=\"kicker\">");
    sb_html(b, kicker);
    sb_puts(b, "</p>\n<h1>");
    sb_html(b, title);
    sb_puts(b, "</h1>\n<p class=\"meta\">");
    sb_html(b, meta);
    sb_printf(b, " \xC2\xB7 libs75 %s \xC2\xB7 prepared ", S75_VERSION);
    html_date(b, html_report_time());
    sb_puts(b, "</p>\n</header>\n<main>\n");
}

void html_page_close(sbuf *b)
{
    sb_printf(b, "</main>\n<footer>Prepared with libs75 %s.</footer>\n</body>\n</html>\n",
              S75_VERSION);
}

void report_html(sbuf *b, const s75_result *res)
{
    report_html_sections(b, res, NULL);
}

void report_html_sections(sbuf *b, const s75_result *res, const char *sections)
{
    const scenario *sc = res->sc;
    const projection *p = res->has_projection ? &res->proj : NULL;
    years_axis *ya = calloc(1, sizeof *ya);
    if (!ya) {
        b->oom = 1;
        return;
    }
    years_axis_init(ya, sc->base_year, sc->years);
    char a[8], z[8];
    /* Read once: the masthead and the appendix must not straddle midnight. */
    time_t when = html_report_time();

    sbuf main_part, part;
    sb_init(&main_part);
    contents toc = { 0 };
    /* The paper leads with what its command was run for: `s75 monitor`
     * with the monitoring, `appraise` with the appraisal, `simulate` with
     * the uncertainty; `run` with the projection. */
    int lead = res->mode == S75_MODE_MONITOR    ? PART_MONITORING
               : res->mode == S75_MODE_APPRAISE ? PART_APPRAISAL
               : res->mode == S75_MODE_SIMULATE ? PART_SIMULATION
                                                : -1;
    if (lead >= 0)
        module_section(&main_part, &toc, res, lead);
    module_section(&main_part, &toc, res, PART_PORTFOLIO);
    if (p && ya->n > 0) {
        sb_init(&part);
        section_cost(&part, sc, p, ya);
        add_section(&main_part, &toc, "cost", "Cost against contributions", &part);
        sb_init(&part);
        section_spend(&part, p, ya);
        add_section(&main_part, &toc, "spend", "Where the money goes", &part);
        sb_init(&part);
        section_risk(&part, sc, p, ya);
        add_section(&main_part, &toc, "risk-share", "Savings and risk share", &part);
        if (sc->n_lines > 0) {
            sb_init(&part);
            section_workforce(&part, sc, p, ya);
            add_section(&main_part, &toc, "workforce", "Workforce", &part);
        }
    }
    if (res->has_demand && res->demand.n_bands > 0 && ya->n > 0) {
        sb_init(&part);
        section_demand(&part, sc, &res->demand, ya);
        add_section(&main_part, &toc, "demand", "Demand against capacity", &part);
    }
    for (int k = PART_MONITORING; k <= PART_SIMULATION; k++)
        if (k != lead)
            module_section(&main_part, &toc, res, k);
    sb_init(&part);
    html_appendix(&part, res, when);
    add_section(&main_part, &toc, "appendix", "Appendix: assumptions and inputs", &part);

    sbuf title;
    sb_init(&title);
    sb_printf(&title, "%s: Section 75 pooled budget", sc->name ? sc->name : "");
    html_document_open(b, title.s ? title.s : "");
    b->oom |= title.oom;
    sb_free(&title);
    const paper_spec *paper = &sc->paper;
    sb_puts(b, "<header class=\"masthead\">\n"
               "<p class=\"kicker\">Section 75 pooled budget \xC2\xB7 paper to the partnership "
               "board</p>\n<h1>");
    sb_html(b, paper->title ? paper->title : sc->name ? sc->name : "");
    if (paper->title && sc->name) {
        sb_puts(b, "</h1>\n<p class=\"meta\">");
        sb_html(b, sc->name);
    }
    sb_printf(b, "</h1>\n<p class=\"meta\">Financial years %s to %s \xC2\xB7 scenario <code>",
              fy_label(sc->base_year, a), fy_label(sc->base_year + sc->years - 1, z));
    sb_html(b, html_base_name(sc->file));
    sb_printf(b, "</code> \xC2\xB7 libs75 %s \xC2\xB7 prepared ", S75_VERSION);
    html_date(b, when);
    sb_puts(b, "</p>\n");
    if (paper->author || paper->date) {
        sb_puts(b, "<p class=\"meta\">");
        if (paper->author) {
            sb_puts(b, "By ");
            sb_html(b, paper->author);
        }
        if (paper->date) {
            sb_puts(b, paper->author ? " \xC2\xB7 " : "");
            sb_html(b, paper->date);
        }
        sb_puts(b, "</p>\n");
    }
    sb_puts(b, "</header>\n");
    paper_opening(b, paper);

    int with_summary = !sections || listed(sections, "summary");
    sbuf summary;
    sb_init(&summary);
    sbuf *top = b;
    b = &summary; /* written, then placed where --sections puts it */
    sb_puts(b, "<section class=\"summary\" aria-labelledby=\"summary-h\">\n"
               "<h2 id=\"summary-h\">Summary</h2>\n");
    sbuf items;
    sb_init(&items);
    if (p && ya->n > 0)
        summary_projection(b, sc, p);
    else
        sb_puts(b, "<ul>\n");
    if (res->portfolio)
        portfolio_html_summary(&items, sc, res->portfolio);
    if (res->monitoring)
        monitoring_html_summary(&items, sc, res->monitoring);
    if (res->appraisal)
        appraisal_html_summary(&items, sc, res->appraisal);
    if (res->simulation)
        simulation_html_summary(&items, sc, res->simulation);
    if (items.oom)
        b->oom = 1;
    if (items.len)
        sb_putn(b, items.s, items.len);
    sb_free(&items);
    sb_puts(b, "</ul>\n</section>\n");
    b = top;
    b->oom |= summary.oom;
    if (with_summary && summary.len)
        sb_putn(b, summary.s, summary.len);
    sb_free(&summary);

    /* The sections in the order asked for (those this result has), else all
     * in the default order. */
    size_t order[MAX_SECTIONS], n_order = 0;
    if (sections) {
        for (const char *q = sections; *q;) {
            while (*q == ' ' || *q == ',')
                q++;
            size_t k = strcspn(q, ", ");
            for (size_t i = 0; k && i < toc.n && n_order < MAX_SECTIONS; i++)
                if (strlen(toc.id[i]) == k && strncmp(toc.id[i], q, k) == 0)
                    order[n_order++] = i;
            q += k;
        }
    } else {
        for (size_t i = 0; i < toc.n; i++)
            order[n_order++] = i;
    }
    sb_puts(b, "<nav class=\"contents\" aria-label=\"Contents\"><h2>Contents</h2><ol>\n");
    for (size_t k = 0; k < n_order; k++)
        sb_printf(b, "<li><a href=\"#%s\">%s</a></li>\n", toc.id[order[k]], toc.title[order[k]]);
    sb_puts(b, "</ol></nav>\n<main>\n");
    if (main_part.oom)
        b->oom = 1;
    for (size_t k = 0; k < n_order && !main_part.oom; k++)
        sb_putn(b, main_part.s + toc.start[order[k]], toc.end[order[k]] - toc.start[order[k]]);
    sb_free(&main_part);
    sb_printf(b, "</main>\n<footer>Prepared with libs75 %s from <code>", S75_VERSION);
    sb_html(b, html_base_name(sc->file));
    sb_puts(b, "</code> (digest of the inputs <code>");
    sb_html(b, sc->digest);
    sb_puts(b, "</code>). Figures are in cash unless a table says otherwise; the appendix lists "
               "every input.</footer>\n</body>\n</html>\n");
    free(ya);
}

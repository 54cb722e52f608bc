/* The options appraisal in the HTML board paper (report_html.h says how a
 * section is written). The same figures as the JSON, each chart beside its
 * table; computes nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "appraise.h"
#include "sections.h"
#include "reader.h"
#include "report_html.h"
#include "svg.h"

/* Charts show the first options only (a bar chart of hundreds is unreadable);
 * the tables beside them hold every option. */
#define LIMIT_CHART_OPTIONS 30

static const char *opt_name(const scenario *sc, size_t o)
{
    return sc->appraisal.options[o].name;
}

static void table_open(sbuf *b, const char *caption)
{
    sb_puts(b, "<div class=\"table-wrap\"><table class=\"years\"><caption>");
    sb_html(b, caption);
    sb_puts(b, "</caption>\n<thead><tr>");
}

/* A header cell; the first is the label column. */
static void th(sbuf *b, const char *text)
{
    sb_puts(b, "<th scope=\"col\">");
    sb_html(b, text);
    sb_puts(b, "</th>");
}

static void head_done(sbuf *b)
{
    sb_puts(b, "</tr></thead>\n<tbody>\n");
}

static void row_label(sbuf *b, const char *label)
{
    sb_puts(b, "<tr><th scope=\"row\">");
    sb_html(b, label);
    sb_puts(b, "</th>");
}

static void td_number(sbuf *b, double v, int decimals)
{
    sb_puts(b, "<td>");
    if (isnan(v))
        sb_puts(b, "-");
    else
        html_number(b, v, decimals);
    sb_puts(b, "</td>");
}

static void td_rate(sbuf *b, double v, int decimals)
{
    sb_puts(b, "<td>");
    if (isnan(v))
        sb_puts(b, "-");
    else
        html_rate_cell(b, v, decimals);
    sb_puts(b, "</td>");
}

static void td_text(sbuf *b, const char *s)
{
    sb_puts(b, "<td>");
    sb_html(b, s ? s : "-");
    sb_puts(b, "</td>");
}

static void weight_text(sbuf *b, double x)
{
    if (x == floor(x))
        html_number(b, x, 0);
    else if (fabs(x) >= 1)
        html_number(b, x, 1);
    else
        sb_printf(b, "%.3g", x);
}

static size_t best_npsv(const appraisal_result *a)
{
    for (size_t o = 0; o < a->n_options; o++)
        if (a->options[o].rank_npsv == 1)
            return o;
    return 0;
}

void appraisal_html_summary(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    size_t p = a->preferred, q = best_npsv(a);
    const option_result *r = &a->options[q];
    sb_puts(b, "<li>Options appraisal: <strong>");
    sb_html(b, opt_name(sc, p));
    sb_printf(b, "</strong> scores highest (%.2f of 10)", a->options[p].score);
    sb_puts(b, p == q ? ", and has the highest net present social value, " : "; ");
    if (p != q) {
        sb_html(b, opt_name(sc, q));
        sb_puts(b, " has the highest net present social value, ");
    }
    html_money(b, r->npsv);
    if (!isnan(r->bcr)) {
        sb_puts(b, " (benefit-cost ratio ");
        html_number(b, bcr_shown(r->bcr, 2), bcr_decimals(r->bcr, 2));
        sb_printf(b, ", %s value for money)", vfm_label(r->vfm));
    }
    sb_puts(b, ".</li>\n");
    if (a->has_smaa) {
        sb_puts(b, "<li>Over all weightings of the criteria (SMAA), ");
        sb_html(b, opt_name(sc, p));
        sb_puts(b, " ranks first in ");
        html_rate(b, a->acceptability[p * a->n_options], 1);
        sb_puts(b, " of them.</li>\n");
    }
}

/* Ids stand for the options and criteria in the wide tables; this key
 * gives each its name (and each criterion its weight) once. */
static void html_key(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    table_open(b, "The options");
    th(b, "Id");
    th(b, "Option");
    head_done(b);
    for (size_t o = 0; o < a->n_options; o++) {
        row_label(b, ap->options[o].id);
        td_text(b, ap->options[o].name);
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
    table_open(b, "The criteria and their weights");
    th(b, "Id");
    th(b, "Criterion");
    th(b, "Weight");
    th(b, "Share");
    head_done(b);
    for (size_t j = 0; j < a->n_criteria; j++) {
        row_label(b, ap->criteria[j].id);
        td_text(b, ap->criteria[j].name);
        sb_puts(b, "<td>");
        weight_text(b, ap->criteria[j].weight);
        sb_puts(b, "</td>");
        td_rate(b, a->weights[j], 1);
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
}

static void html_scores(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    table_open(b, "Scores (0 to 10) and the weighted score");
    th(b, "Option");
    for (size_t j = 0; j < a->n_criteria; j++)
        th(b, ap->criteria[j].id);
    th(b, "Weighted score");
    th(b, "Rank");
    head_done(b);
    for (size_t o = 0; o < a->n_options; o++) {
        row_label(b, ap->options[o].id);
        for (size_t j = 0; j < a->n_criteria; j++) {
            double v = ap->options[o].scores[j];
            td_number(b, v, v == floor(v) ? 0 : 1);
        }
        td_number(b, a->options[o].score, 2);
        td_number(b, a->options[o].rank, 0);
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
}

static void html_values(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    size_t n = a->n_options;
    char cap[96], y[8];
    const char *labels[LIMIT_CHART_OPTIONS];
    double costs[LIMIT_CHART_OPTIONS], benefits[LIMIT_CHART_OPTIONS], npsv[LIMIT_CHART_OPTIONS];
    size_t shown = n < LIMIT_CHART_OPTIONS ? n : LIMIT_CHART_OPTIONS;
    for (size_t o = 0; o < shown; o++) {
        labels[o] = sc->appraisal.options[o].id;
        costs[o] = a->options[o].pv_costs + a->options[o].pv_risk;
        benefits[o] = a->options[o].pv_benefits;
        npsv[o] = a->options[o].npsv;
    }
    svg_series s[] = {
        { .name = "PV costs and risk", .kind = SVG_BAR, .v = costs, .colour = 1 },
        { .name = "PV benefits", .kind = SVG_BAR, .v = benefits, .colour = 0 },
        { .name = "NPSV", .kind = SVG_BAR, .v = npsv, .colour = 5 },
    };
    svg_chart c = { .title = "Present value of each option",
                    .desc = "Bars of each option's present costs (with optimism bias and risk), "
                            "present benefits and net present social value.",
                    .n_x = shown, .x_labels = labels, .unit = SVG_MONEY };
    html_figure_open(b);
    svg_chart_xy(b, &c, s, 3);
    html_figure_close(b, "Present costs, benefits and NPSV by option (ids as in the tables).");

    snprintf(cap, sizeof cap, "Present values, %s prices, discounted", fy_label(sc->base_year, y));
    table_open(b, cap);
    const char *heads[] = { "Option", "Optimism bias", "PV costs", "PV benefits", "PV risk",
                            "NPSV", "Rank by NPSV" };
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        th(b, heads[i]);
    head_done(b);
    for (size_t o = 0; o < n; o++) {
        const option_result *r = &a->options[o];
        row_label(b, sc->appraisal.options[o].id);
        td_rate(b, r->ob_rate, 2);
        html_td_money(b, r->pv_costs);
        html_td_money(b, r->pv_benefits);
        html_td_money(b, r->pv_risk);
        html_td_money(b, r->npsv);
        td_number(b, r->rank_npsv, 0);
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
    sb_puts(b, "<p class=\"note\">PV costs include the optimism-bias uplift; PV risk is "
               "probability times impact; NPSV = PV benefits - PV costs - PV risk.</p>\n");
    table_open(b, "Value for money");
    const char *heads2[] = { "Option", "BCR", "Value for money", "Cost per point",
                             "Equivalent annual", "Switching: costs", "Switching: benefits" };
    for (size_t i = 0; i < sizeof heads2 / sizeof heads2[0]; i++)
        th(b, heads2[i]);
    head_done(b);
    for (size_t o = 0; o < n; o++) {
        const option_result *r = &a->options[o];
        row_label(b, sc->appraisal.options[o].id);
        td_number(b, bcr_shown(r->bcr, 2), bcr_decimals(r->bcr, 2));
        td_text(b, vfm_label(r->vfm));
        html_td_money(b, r->cost_per_point);
        html_td_money(b, r->equivalent_annual);
        td_rate(b, r->switch_costs, 1);
        td_rate(b, r->switch_benefits, 1);
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
    sb_puts(b, "<p class=\"note\">BCR = PV benefits / (PV costs + PV risk); value for money: "
               "poor below 1, low from 1, medium from 1.5, high from 2, very high from 4. "
               "Equivalent annual: the NPSV as an even yearly amount over the option's years. "
               "Switching: the change in PV costs, or in PV benefits, that brings NPSV to "
               "zero.</p>\n");
}

static void html_switching(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    sb_puts(b, "<h3>Switching values</h3>\n<p>Each criterion's weight moved alone, the others "
               "held:</p>\n<ul>\n");
    for (size_t j = 0; j < a->n_criteria; j++) {
        const switch_point *lo = &a->lower[j], *up = &a->upper[j];
        sb_puts(b, "<li>");
        sb_html(b, opt_name(sc, a->preferred));
        sb_puts(b, lo->present || up->present ? " stays preferred unless the weight on "
                                              : " stays preferred whatever the weight on ");
        sb_html(b, ap->criteria[j].name);
        sb_puts(b, " (now ");
        weight_text(b, ap->criteria[j].weight);
        sb_puts(b, ")");
        if (lo->present) {
            sb_puts(b, " falls below ");
            weight_text(b, lo->weight);
            sb_puts(b, " (then ");
            sb_html(b, opt_name(sc, lo->option));
            sb_puts(b, " takes over)");
        }
        if (lo->present && up->present)
            sb_puts(b, " or");
        if (up->present) {
            sb_puts(b, " rises above ");
            weight_text(b, up->weight);
            sb_puts(b, " (then ");
            sb_html(b, opt_name(sc, up->option));
            sb_puts(b, " takes over)");
        }
        sb_puts(b, ".</li>\n");
    }
    sb_puts(b, "</ul>\n");
}

static void html_smaa(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    size_t n = a->n_options, K = a->n_criteria;
    sb_printf(b, "<h3>Robustness to the weights (SMAA)</h3>\n<p>The weights drawn at random, "
                 "uniformly over every weighting, %ld times (seed %lu): how often each option "
                 "takes each rank, and the average weights under which it comes first.</p>\n",
              a->smaa_draws, a->smaa_seed);
    size_t shown = n < LIMIT_CHART_OPTIONS ? n : LIMIT_CHART_OPTIONS;
    size_t ranks = shown < SVG_PALETTE_SIZE ? shown : SVG_PALETTE_SIZE;
    const char *labels[LIMIT_CHART_OPTIONS];
    double share[SVG_PALETTE_SIZE][LIMIT_CHART_OPTIONS];
    char names[SVG_PALETTE_SIZE][32];
    svg_series s[SVG_PALETTE_SIZE];
    for (size_t r = 0; r < ranks; r++) {
        snprintf(names[r], sizeof names[r], "Rank %zu", r + 1);
        for (size_t o = 0; o < shown; o++)
            share[r][o] = a->acceptability[o * n + r];
        s[r] = (svg_series){ .name = names[r], .kind = SVG_BAR, .v = share[r], .colour = (int)r };
    }
    for (size_t o = 0; o < shown; o++)
        labels[o] = ap->options[o].id;
    svg_chart c = { .title = "Rank acceptability",
                    .desc = "Stacked bars: for each option, the share of weight draws in which "
                            "it ranks first, second and so on.",
                    .n_x = shown, .x_labels = labels, .unit = SVG_PERCENT, .stacked = 1 };
    html_figure_open(b);
    svg_chart_xy(b, &c, s, ranks);
    html_figure_close(b, "Share of weight draws at each rank (ids as in the tables).");

    table_open(b, "Rank acceptability: share of draws at each rank");
    th(b, "Option");
    for (size_t r = 0; r < n; r++) {
        char h[32];
        snprintf(h, sizeof h, "Rank %zu", r + 1);
        th(b, h);
    }
    head_done(b);
    for (size_t o = 0; o < n; o++) {
        row_label(b, ap->options[o].id);
        for (size_t r = 0; r < n; r++)
            td_rate(b, a->acceptability[o * n + r], 1);
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);

    table_open(b, "Central weights: the mean weights where the option ranks first");
    th(b, "Option");
    for (size_t j = 0; j < K; j++)
        th(b, ap->criteria[j].id);
    head_done(b);
    for (size_t o = 0; o < n; o++) {
        const double *cw = a->central_weights + o * K;
        row_label(b, ap->options[o].id);
        if (isnan(cw[0]))
            sb_printf(b, "<td colspan=\"%zu\">never ranks first</td>", K);
        else
            for (size_t j = 0; j < K; j++)
                td_rate(b, cw[j], 1);
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
}

static void html_sweep(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    size_t n = a->n_options;
    char heads[OB_SWEEP_POINTS][16];
    const char *x[OB_SWEEP_POINTS];
    for (int k = 0; k < OB_SWEEP_POINTS; k++) {
        snprintf(heads[k], sizeof heads[k], "%.0f%%", a->sweep_mitigation[k] * 100);
        x[k] = heads[k];
    }
    sb_puts(b, "<h3>Optimism bias and its mitigation</h3>\n<p>Each option's NPSV with the "
               "mitigation of its optimism bias set, for every option at once, to each level.");
    int changes = 0;
    for (int k = 1; k < OB_SWEEP_POINTS; k++)
        if (a->sweep_preferred[k] != a->sweep_preferred[k - 1]) {
            sb_puts(b, " The option with the highest NPSV changes from ");
            sb_html(b, opt_name(sc, a->sweep_preferred[k - 1]));
            sb_puts(b, " to ");
            sb_html(b, opt_name(sc, a->sweep_preferred[k]));
            sb_printf(b, " between %s and %s mitigation.", heads[k - 1], heads[k]);
            changes++;
        }
    if (!changes) {
        sb_puts(b, " ");
        sb_html(b, opt_name(sc, a->sweep_preferred[0]));
        sb_puts(b, " has the highest NPSV at every level.");
    }
    sb_puts(b, "</p>\n");
    size_t shown = n < SVG_PALETTE_SIZE ? n : SVG_PALETTE_SIZE;
    double v[SVG_PALETTE_SIZE][OB_SWEEP_POINTS];
    svg_series s[SVG_PALETTE_SIZE];
    for (size_t o = 0; o < shown; o++) {
        for (int k = 0; k < OB_SWEEP_POINTS; k++)
            v[o][k] = a->sweep_npsv[(size_t)k * n + o];
        s[o] = (svg_series){ .name = sc->appraisal.options[o].id, .kind = SVG_LINE, .v = v[o],
                             .colour = (int)o };
    }
    svg_chart c = { .title = "NPSV against optimism-bias mitigation",
                    .desc = "One line per option: its NPSV as the optimism bias on its costs "
                            "is mitigated from 0% to 100%.",
                    .n_x = OB_SWEEP_POINTS, .x_labels = x, .unit = SVG_MONEY };
    html_figure_open(b);
    svg_chart_xy(b, &c, s, shown);
    html_figure_close(b, "NPSV by mitigation of optimism bias.");

    table_open(b, "NPSV by mitigation of optimism bias");
    th(b, "Option");
    for (int k = 0; k < OB_SWEEP_POINTS; k++)
        th(b, heads[k]);
    head_done(b);
    for (size_t o = 0; o < n; o++) {
        row_label(b, sc->appraisal.options[o].id);
        for (int k = 0; k < OB_SWEEP_POINTS; k++)
            html_td_money(b, a->sweep_npsv[(size_t)k * n + o]);
        sb_puts(b, "</tr>\n");
    }
    sb_puts(b, "<tr class=\"total\"><th scope=\"row\">Highest NPSV</th>");
    for (int k = 0; k < OB_SWEEP_POINTS; k++)
        td_text(b, sc->appraisal.options[a->sweep_preferred[k]].id);
    sb_puts(b, "</tr>\n");
    html_table_close(b);
}

void appraisal_html(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    char y[8];
    sb_puts(b, "<p class=\"lead\">");
    sb_html(b, opt_name(sc, a->preferred));
    sb_printf(b, " has the highest weighted score, %.2f of 10.</p>\n", a->options[a->preferred].score);
    sb_printf(b, "<p class=\"note\">Money in %s prices%s, discounted at ", fy_label(sc->base_year, y),
              ap->deflator_present ? " (cash deflated by the GDP deflator)" : " (as entered)");
    html_rate(b, ap->rate, 2);
    sb_puts(b, ap->declining ? " a year for 30 years, then on the Green Book's declining schedule."
                             : " a year.");
    sb_puts(b, "</p>\n");
    html_key(b, sc, a);
    html_scores(b, sc, a);
    html_values(b, sc, a);
    html_switching(b, sc, a);
    if (a->has_smaa)
        html_smaa(b, sc, a);
    if (a->has_sweep)
        html_sweep(b, sc, a);
}

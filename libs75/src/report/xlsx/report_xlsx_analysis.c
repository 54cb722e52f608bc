/* Workbook sheets of the analyses: Appraisal (MODEL.md §8) and Simulation (MODEL.md §9 with
 * the tornado and break-even), each with its charts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise.h"
#include "reader.h"
#include "report_xlsx.h"
#include "simulate_result.h"

/* ---- Appraisal ---- */

static void switch_cells(xl *x, lxw_worksheet *ws, int row, int col, const scenario *sc,
                         const switch_point *p)
{
    if (!p->present) {
        xl_str(x, ws, row, col, "none", NULL);
        return;
    }
    xl_num(x, ws, row, col, p->weight, x->score);
    xl_str(x, ws, row, col + 1, sc->appraisal.options[p->option].id, NULL);
}

void xlsx_appraisal(xl *x, const s75_result *res)
{
    const appraisal_result *a = res->appraisal;
    if (!a)
        return;
    const scenario *sc = res->sc;
    const appraisal_spec *ap = &sc->appraisal;
    lxw_worksheet *ws = xl_sheet(x, "Appraisal", "Options appraisal: Green Book economic case "
                                 "(GBP, base-year prices, present values)");
    if (!ws)
        return;
    static const char *const head[] = {
        "Option", "Name", "Score", "Rank", "PV costs", "PV benefits", "PV risk", "NPSV", "BCR",
        "Value for money", "Cost per point", "Equivalent annual", "Switch costs",
        "Switch benefits", "Rank by NPSV", "Optimism bias"
    };
    int row = 1;
    xl_header(x, ws, row++, head, 16, 1);
    xl_set_column(x, ws, 0, 0, 22);
    xl_set_column(x, ws, 1, 1, 40);
    xl_set_column(x, ws, 2, 15, 15);
    int first = row;
    for (size_t o = 0; o < a->n_options; o++) {
        const option_result *r = &a->options[o];
        xl_str(x, ws, row, 0, ap->options[o].id, NULL);
        xl_str(x, ws, row, 1, ap->options[o].name ? ap->options[o].name : ap->options[o].id,
               NULL);
        xl_num(x, ws, row, 2, r->score, x->score);
        xl_num(x, ws, row, 3, r->rank, x->whole);
        const double money[] = { r->pv_costs, r->pv_benefits, r->pv_risk, r->npsv };
        for (int j = 0; j < 4; j++)
            xl_num(x, ws, row, 4 + j, money[j], x->money);
        xl_num(x, ws, row, 8, bcr_shown(r->bcr, 3), xl_decimals(x, bcr_decimals(r->bcr, 3)));
        xl_str(x, ws, row, 9, r->vfm == VFM_NONE ? "" : vfm_label(r->vfm), NULL);
        xl_num(x, ws, row, 10, r->cost_per_point, x->money);
        xl_num(x, ws, row, 11, r->equivalent_annual, x->money);
        xl_num(x, ws, row, 12, r->switch_costs, x->pct);
        xl_num(x, ws, row, 13, r->switch_benefits, x->pct);
        xl_num(x, ws, row, 14, r->rank_npsv, x->whole);
        xl_num(x, ws, row, 15, r->ob_rate, x->pct);
        row++;
    }
    int last = row - 1;

    row += 1;
    static const char *const shead[] = { "Switching values", "Weight (as given)",
                                         "Lower: weight", "Lower: option takes over",
                                         "Upper: weight", "Upper: option takes over" };
    xl_header(x, ws, row++, shead, 6, 0);
    for (size_t j = 0; j < a->n_criteria; j++) {
        xl_str(x, ws, row, 0, ap->criteria[j].id, NULL);
        xl_num(x, ws, row, 1, ap->criteria[j].weight, x->score);
        switch_cells(x, ws, row, 2, sc, &a->lower[j]);
        switch_cells(x, ws, row, 4, sc, &a->upper[j]);
        row++;
    }

    if (a->has_smaa) {
        row += 1;
        char title[96];
        snprintf(title, sizeof title, "SMAA rank acceptability (%ld draws, seed %lu)",
                 a->smaa_draws, a->smaa_seed);
        xl_str(x, ws, row++, 0, title, x->bold);
        xl_str(x, ws, row, 0, "Option", x->head_left);
        for (size_t k = 0; k < a->n_options && k < 200; k++) {
            char h[24];
            snprintf(h, sizeof h, "Rank %zu", k + 1);
            xl_str(x, ws, row, 1 + (int)k, h, x->head);
        }
        row++;
        for (size_t o = 0; o < a->n_options; o++) {
            xl_str(x, ws, row, 0, ap->options[o].id, NULL);
            for (size_t k = 0; k < a->n_options && k < 200; k++)
                xl_num(x, ws, row, 1 + (int)k, a->acceptability[o * a->n_options + k], x->pct);
            row++;
        }
        row++;
        xl_str(x, ws, row, 0, "Central weights", x->head_left);
        for (size_t j = 0; j < a->n_criteria && j < 200; j++)
            xl_str(x, ws, row, 1 + (int)j, ap->criteria[j].id, x->head);
        row++;
        for (size_t o = 0; o < a->n_options; o++) {
            xl_str(x, ws, row, 0, ap->options[o].id, NULL);
            for (size_t j = 0; j < a->n_criteria && j < 200; j++)
                xl_num(x, ws, row, 1 + (int)j, a->central_weights[o * a->n_criteria + j],
                       x->pct);
            row++;
        }
    }
    if (a->has_sweep) {
        row += 1;
        xl_str(x, ws, row++, 0, "Optimism-bias sweep: NPSV by mitigation", x->bold);
        xl_str(x, ws, row, 0, "Mitigation", x->head_left);
        for (size_t o = 0; o < a->n_options && o < 200; o++)
            xl_str(x, ws, row, 1 + (int)o, ap->options[o].id, x->head);
        int pcol = 1 + (int)(a->n_options < 200 ? a->n_options : 200);
        xl_str(x, ws, row++, pcol, "Preferred", x->head);
        for (int k = 0; k < OB_SWEEP_POINTS; k++) {
            xl_num(x, ws, row, 0, a->sweep_mitigation[k], x->pct);
            for (size_t o = 0; o < a->n_options && o < 200; o++)
                xl_num(x, ws, row, 1 + (int)o, a->sweep_npsv[(size_t)k * a->n_options + o],
                       x->money);
            xl_str(x, ws, row++, pcol, ap->options[a->sweep_preferred[k]].id, NULL);
        }
    }

    if (a->n_options > 0) {
        row += 2;
        lxw_chart *ch = xl_chart(x, LXW_CHART_BAR, "Net present social value by option", "GBP",
                                 "£#,##0;(£#,##0)");
        if (ch) {
            lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
            if (!s) {
                xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
                return;
            }
            chart_series_set_categories(s, "Appraisal", (lxw_row_t)first, 0, (lxw_row_t)last, 0);
            chart_series_set_values(s, "Appraisal", (lxw_row_t)first, 7, (lxw_row_t)last, 7);
            chart_series_set_name(s, "NPSV");
            /* Options read top to bottom in file order. */
            chart_axis_set_reverse(ch->y_axis);
            chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
            xl_place(x, ws, row, 0, ch);
        }
    }
}

/* ---- Simulation ---- */

/* Five rows (mean, sd, p5, p50, p95) of one simulated series; returns the
 * row of p5 (p50 and p95 follow it). */
static int stats_rows(xl *x, lxw_worksheet *ws, int *row, const char *what,
                      const simulation_result *s, size_t series, double *v, lxw_format *f)
{
    static const char *const names[] = { "mean", "sd", "p5", "p50 (median)", "p95" };
    int p5_row = *row + 2;
    for (int k = 0; k < 5; k++) {
        for (int t = 0; t < s->years; t++) {
            const sim_stats *st = sim_series_at(s, series, t);
            const double q[] = { st->mean, st->sd, st->p5, st->p50, st->p95 };
            v[t] = q[k];
        }
        char label[200];
        snprintf(label, sizeof label, "%.150s: %s", what, names[k]);
        xl_row(x, ws, (*row)++, label, v, s->years, 0, f);
    }
    return p5_row;
}

static void tornado_label(char *buf, size_t cap, const scenario *sc, const tornado_bar *t)
{
    static const char *const what[] = { "Pay award", "Non-pay inflation", "Contribution uplift" };
    if (t->kind == TORNADO_SCHEME)
        snprintf(buf, cap, "%.150s (not / in full)",
                 sc->schemes[t->scheme].name ? sc->schemes[t->scheme].name : t->input);
    else
        snprintf(buf, cap, "%s %+.2f / %+.2f pts", what[t->kind], t->low * 100, t->high * 100);
}

static void tornado_table(xl *x, lxw_worksheet *ws, int *row, const scenario *sc,
                          const simulation_result *s)
{
    xl_str(x, ws, (*row)++, 0, "Tornado: total variance over the horizon, one input moved at a "
           "time", x->bold);
    xl_str(x, ws, *row, 0, "Deterministic total variance", NULL);
    int base_row = *row;
    xl_num(x, ws, (*row)++, 1, s->total_variance, x->money);
    static const char *const head[] = { "Input (low / high)", "Low", "High", "Variance low",
                                        "Variance high", "Swing", "Change with low",
                                        "Change with high" };
    xl_header(x, ws, (*row)++, head, 8, 0);
    int first = *row;
    char base_cell[16];
    lxw_rowcol_to_cell_abs(base_cell, (lxw_row_t)base_row, 1, 1, 1);
    for (size_t i = 0; i < s->n_tornado; i++) {
        const tornado_bar *t = &s->tornado[i];
        char label[200];
        tornado_label(label, sizeof label, sc, t);
        int r = *row;
        xl_str(x, ws, r, 0, label, NULL);
        lxw_format *rf = t->kind == TORNADO_SCHEME ? x->pct : x->rate;
        xl_num(x, ws, r, 1, t->low, rf);
        xl_num(x, ws, r, 2, t->high, rf);
        xl_num(x, ws, r, 3, t->variance_low, x->money);
        xl_num(x, ws, r, 4, t->variance_high, x->money);
        xl_num(x, ws, r, 5, t->swing, x->money);
        /* The bars start at the deterministic variance: live formulas, with
         * the values Excel would compute cached for readers that do not. */
        for (int c = 0; c < 2; c++) {
            char cell[16], formula[64];
            lxw_rowcol_to_cell(cell, (lxw_row_t)r, (lxw_col_t)(3 + c));
            snprintf(formula, sizeof formula, "=%s-%s", cell, base_cell);
            double v = (c ? t->variance_high : t->variance_low) - s->total_variance;
            if (isfinite(v))
                xl_check(x, worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)(6 + c),
                                                        formula, x->money, v));
        }
        (*row)++;
    }
    if (s->n_tornado == 0) {
        xl_str(x, ws, (*row)++, 0, "(no uncertain input: every sd is 0 and every scheme is "
               "certain)", NULL);
        return;
    }
    int last = *row - 1;
    *row += 1;
    lxw_chart *ch = xl_chart(x, LXW_CHART_BAR, "Tornado: change in the total variance", "GBP",
                             "£#,##0;(£#,##0)");
    if (!ch)
        return;
    for (int c = 0; c < 2; c++) {
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        if (!se) {
            xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        chart_series_set_categories(se, "Simulation", (lxw_row_t)first, 0, (lxw_row_t)last, 0);
        chart_series_set_values(se, "Simulation", (lxw_row_t)first, (lxw_col_t)(6 + c),
                                (lxw_row_t)last, (lxw_col_t)(6 + c));
        chart_series_set_name_range(se, "Simulation", (lxw_row_t)(first - 1), (lxw_col_t)(6 + c));
    }
    /* Both bars of an input on one line, the widest swing at the top. */
    chart_set_series_overlap(ch, 100);
    chart_axis_set_reverse(ch->y_axis);
    xl_place(x, ws, *row, 0, ch);
    *row += 22;
}

void xlsx_simulation(xl *x, const s75_result *res)
{
    const simulation_result *s = res->simulation;
    if (!s)
        return;
    const scenario *sc = res->sc;
    char title[160];
    snprintf(title, sizeof title, "Monte Carlo: %ld draws, seed %lu (GBP, cash)", s->draws,
             s->seed);
    lxw_worksheet *ws = xl_sheet(x, "Simulation", title);
    if (!ws)
        return;
    double *v = malloc((size_t)(s->years > 0 ? s->years : 1) * sizeof *v);
    if (!v) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    int N = s->years, row = 1;
    xl_year_header(x, ws, row++, "Line and statistic", s->base_year, N, 0);
    stats_rows(x, ws, &row, "Cost", s, SIM_COST, v, x->money);
    stats_rows(x, ws, &row, "Gap", s, SIM_GAP, v, x->money);
    int var_p5 = stats_rows(x, ws, &row, "Variance", s, SIM_VARIANCE, v, x->money);
    xl_row(x, ws, row++, "Probability of overspend", s->p_overspend, N, 0, x->pct);
    for (size_t i = 0; i < s->n_partners; i++) {
        char what[200];
        snprintf(what, sizeof what, "Risk share %.150s", sim_partner_name(sc, s, i));
        stats_rows(x, ws, &row, what, s, SIM_PARTNERS + i, v, x->pence);
    }
    /* MODEL.md §10: each pool's own chance of an overspend, pools in file order */
    for (size_t i = 0; i < s->n_pools; i++) {
        const pool *p = &sc->pools[i];
        char what[200];
        snprintf(what, sizeof what, "Probability of overspend, pool %.150s",
                 p->name && *p->name ? p->name : p->id);
        xl_row(x, ws, row++, what, s->pool_p_overspend + i * (size_t)N, N, 0, x->pct);
    }
    free(v);

    row += 1;
    lxw_chart *vband = xl_chart(x, LXW_CHART_LINE, "Variance: the p5 to p95 band by year", "GBP",
                               "£#,##0;(£#,##0)");
    static const uint8_t dash[] = { LXW_CHART_LINE_DASH_DASH, LXW_CHART_LINE_DASH_SOLID,
                                    LXW_CHART_LINE_DASH_DASH };
    for (int k = 0; k < 3 && vband; k++) {
        lxw_chart_series *se = xl_series(x, vband, "Simulation", 1, var_p5 + k, N);
        if (se) {
            lxw_chart_line line = { 0 };
            line.dash_type = dash[k];
            line.width = k == 1 ? 2.25f : 1.5f;
            line.color = k == 1 ? 0x1F4E79 : 0x7F9DB9;
            chart_series_set_line(se, &line);
        }
    }
    xl_place(x, ws, row, 0, vband);
    row += 22;

    if (s->is_portfolio) {
        xl_str(x, ws, row, 0, "The tornado and break-even rates of a single pool are not "
               "computed for a portfolio.", NULL);
        return;
    }
    tornado_table(x, ws, &row, sc, s);

    row += 1;
    xl_str(x, ws, row++, 0, "Break-even: the rate at which the total variance over the horizon "
           "is zero", x->bold);
    const break_even *be[] = { &s->pay_award, &s->inflation };
    static const char *const what[] = { "Pay award, the same every year after the base year",
                                        "Non-pay inflation, the same every year" };
    for (int k = 0; k < 2; k++) {
        xl_str(x, ws, row, 0, what[k], NULL);
        if (be[k]->found)
            xl_num(x, ws, row, 1, be[k]->rate, x->rate);
        else
            xl_str(x, ws, row, 1, "no root in -50% to +50%", NULL);
        row++;
    }
}

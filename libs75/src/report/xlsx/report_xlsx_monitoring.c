/* The Monitoring sheet (MODEL.md §11): the categories to date and at the
 * forecast outturn, the year-end position and each partner's share, and the
 * year month by month, cumulative, with a native line chart of budget,
 * actual and the forecast line. The months cover the same categories as the
 * HTML report's chart (monitor_html.c): those with actuals. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "monitor.h"
#include "reader.h"
#include "report_xlsx.h"


static const char *const month_name[MONTHS] = { "April", "May", "June", "July", "August",
                                                "September", "October", "November", "December",
                                                "January", "February", "March" };

/* "Pay, Agency and Non-pay" into buf. */
static void covered_words(char *buf, size_t cap, const monitor_months *v)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < v->n_cats && used < cap; k++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%s",
                                 k == 0 ? "" : k + 1 == v->n_cats ? " and " : ", ",
                                 monitor_category_label[v->cats[k]]);
}

/* The month-by-month table from `row` and its chart below. */
static void months_block(xl *x, lxw_worksheet *ws, int row, const scenario *sc,
                        const struct monitoring_result *m)
{
    const monitor_months *v = &m->months;
    if (v->n_cats == 0)
        return;
    int with_forecast = v->last < MONTHS;
    char covered[96], note[400], year[8];
    covered_words(covered, sizeof covered, v);
    xl_str(x, ws, row++, 0, "Month by month, cumulative (GBP, cash)", x->bold);
    static const char *const head[] = { "Month", "Budget (cumulative, by profile)",
                                        "Actual (cumulative)",
                                        "Forecast to the year-end outturn" };
    int head_row = row;
    xl_header(x, ws, row++, head, with_forecast ? 4 : 3, 0);
    int first = row;
    for (int i = 0; i < MONTHS; i++) {
        char label[32];
        snprintf(label, sizeof label, "%s %d", month_name[i], m->year + (i > 8 ? 1 : 0));
        xl_str(x, ws, row, 0, label, NULL);
        xl_num(x, ws, row, 1, v->cum_budget[i], x->money);
        xl_num(x, ws, row, 2, v->cum_actual[i], x->money);
        if (with_forecast)
            xl_num(x, ws, row, 3, v->forecast_line[i], x->money);
        row++;
    }
    int last = row - 1;
    snprintf(note, sizeof note, "The months and the chart cover the categories with actuals "
             "(%s)%s.%s", covered,
             v->n_cats < N_CATEGORIES ? "; the others are forecast at their budget" : "",
             with_forecast ? " The forecast line runs straight from the spend to date to the "
                             "forecast outturn in March; the months between only join the two."
                           : "");
    xl_str(x, ws, row++, 0, note, NULL);

    row++;
    char title[160];
    snprintf(title, sizeof title, "Cumulative budget against actual, %s%s%s",
             fy_label(m->year, year), v->n_cats < N_CATEGORIES ? ": " : "",
             v->n_cats < N_CATEGORIES ? covered : "");
    lxw_chart *ch = xl_chart(x, LXW_CHART_LINE, title, "GBP", "£#,##0;(£#,##0)");
    if (!ch)
        return;
    xl_axis_from_zero(ch);
    for (int s = 0; s < (with_forecast ? 3 : 2); s++) {
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        if (!se) {
            xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        chart_series_set_categories(se, "Monitoring", (lxw_row_t)first, 0, (lxw_row_t)last, 0);
        chart_series_set_values(se, "Monitoring", (lxw_row_t)first, (lxw_col_t)(1 + s),
                                (lxw_row_t)last, (lxw_col_t)(1 + s));
        chart_series_set_name_range(se, "Monitoring", (lxw_row_t)head_row, (lxw_col_t)(1 + s));
        lxw_chart_line line = { 0 };
        line.width = s == 1 ? 2.25f : 1.5f;
        line.color = s == 0 ? 0x7F9DB9 : s == 1 ? 0x1F4E79 : 0xC55A11;
        line.dash_type = s == 2 ? LXW_CHART_LINE_DASH_DASH : LXW_CHART_LINE_DASH_SOLID;
        chart_series_set_line(se, &line);
    }
    xl_place(x, ws, row, 0, ch);
}

void xlsx_monitoring(xl *x, const s75_result *res)
{
    const struct monitoring_result *m = res->monitoring;
    if (!m)
        return;
    char year[8], title[128];
    snprintf(title, sizeof title, "In-year monitoring of %s: forecast outturn by %s (GBP)",
             fy_label(m->year, year), monitor_method_label[m->method]);
    lxw_worksheet *ws = xl_sheet(x, "Monitoring", title);
    if (!ws)
        return;
    static const char *const head[] = { "Category", "Months of actuals", "Budget",
                                        "Budget to date", "Actual to date", "Variance to date",
                                        "Forecast outturn", "Forecast variance" };
    int row = 1;
    xl_header(x, ws, row++, head, 8, 1);
    xl_set_column(x, ws, 1, 7, 16);
    for (int c = 0; c < N_CATEGORIES; c++) {
        const monitor_category *k = &m->cat[c];
        xl_str(x, ws, row, 0, monitor_category_label[c], NULL);
        xl_num(x, ws, row, 1, k->months, x->whole);
        const double v[] = { k->budget, k->budget_to_date, k->actual_to_date,
                             k->actual_to_date - k->budget_to_date, k->forecast,
                             k->forecast - k->budget };
        /* the variances are formulas: to date D - E, forecast G - C */
        for (int j = 0; j < 6; j++)
            if (j == 3)
                xl_formula(x, ws, row, 2 + j, "=E{r}-D{r}", v[j], x->money);
            else if (j == 5)
                xl_formula(x, ws, row, 2 + j, "=G{r}-C{r}", v[j], x->money);
            else
                xl_num(x, ws, row, 2 + j, v[j], x->money);
        row++;
    }
    row++;
    static const char *const key_labels[] = { "Forecast cost", "Contributions",
                                              "Forecast variance (+ over / - under)",
                                              "Plan variance (the projection's)" };
    const double key[] = { m->forecast_cost, m->contributions_total, m->forecast_variance,
                           m->plan_variance };
    for (int j = 0; j < 4; j++) {
        xl_str(x, ws, row, 0, key_labels[j], j == 2 ? x->bold : NULL);
        xl_num(x, ws, row++, 2, key[j], j == 2 ? x->money_bold : x->money);
    }
    row++;
    xl_str(x, ws, row++, 0, "Risk share of the forecast variance", x->bold);
    for (size_t i = 0; i < m->n_partners; i++) {
        xl_str(x, ws, row, 0, xl_partner_name(res, i), NULL);
        xl_num(x, ws, row++, 2, (double)m->risk_share[i] / 100.0, x->pence);
    }
    xl_str(x, ws, row, 0, "Unallocated (caps)", NULL);
    xl_num(x, ws, row++, 2, (double)m->unallocated / 100.0, x->pence);
    if (m->n_quarters > 0) {
        row++;
        static const char *const qhead[] = { "Quarter", "", "Budget", "Actual" };
        xl_header(x, ws, row++, qhead, 4, 0);
        for (int q = 0; q < m->n_quarters; q++) {
            static const char *const names[] = { "Q1", "Q2", "Q3", "Q4" };
            const char *name = names[q & 3];
            xl_str(x, ws, row, 0, name, NULL);
            xl_num(x, ws, row, 2, m->quarters[q].budget, x->money);
            xl_num(x, ws, row++, 3, m->quarters[q].actual, x->money);
        }
    }
    row++;
    months_block(x, ws, row, res->sc, m);
}

/* Workbook sheets of the deterministic run: Workforce, Savings, Demand,
 * Pools (a portfolio) and Monitoring. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor.h"
#include "portfolio.h"
#include "reader.h"
#include "report_xlsx.h"

static double *scratch(xl *x, size_t n)
{
    double *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return v;
}

/* ---- Workforce ---- */

void xlsx_workforce(xl *x, const s75_result *res)
{
    const scenario *sc = res->sc;
    if (!res->has_projection || sc->n_lines == 0)
        return;
    const projection *p = &res->proj;
    lxw_worksheet *ws = xl_sheet(x, "Workforce", "Workforce: cost of each line (GBP, cash)");
    if (!ws)
        return;
    int N = p->years, row = 1;
    size_t n = (size_t)N;
    xl_year_header(x, ws, row++, "Line", p->base_year, N, 1);
    static const char *const titles[] = { "Pay (basic pay and on-costs)",
                                          "Agency (vacant WTE covered, with the premium)",
                                          "Mean basic pay per WTE" };
    const double *cols[] = { p->line_pay, p->line_agency, p->line_mean_basic };
    const double *totals[] = { p->pay, p->agency, NULL };
    for (int c = 0; c < 3; c++) {
        xl_str(x, ws, row++, 0, titles[c], x->bold);
        for (size_t l = 0; l < sc->n_lines && row < XL_MAX_ROWS; l++) {
            char label[200];
            snprintf(label, sizeof label, "  %.160s (band %s)", sc->lines[l].role,
                     sc->bands[sc->lines[l].band].name);
            xl_row(x, ws, row++, label, cols[c] + l * n, N, totals[c] != NULL, x->money);
        }
        if (totals[c])
            xl_row(x, ws, row++, "All lines", totals[c], N, 1, x->money_bold);
        row++;
    }
}

/* ---- Savings ---- */

void xlsx_savings(xl *x, const s75_result *res)
{
    const scenario *sc = res->sc;
    if (!res->has_projection || sc->n_schemes == 0)
        return;
    const projection *p = &res->proj;
    lxw_worksheet *ws = xl_sheet(x, "Savings", "Savings schemes (GBP, cash)");
    if (!ws)
        return;
    int N = p->years, row = 1;
    xl_year_header(x, ws, row++, "Line", p->base_year, N, 1);
    xl_row(x, ws, row++, "Savings planned", p->savings_planned, N, 1, x->money);
    xl_row(x, ws, row++, "Savings expected (x confidence)", p->savings_expected, N, 1,
           x->money_bold);
    row += 2;
    static const char *const head[] = { "Scheme", "Full-year value", "First year", "Phasing",
                                        "Confidence", "Recurrent" };
    xl_header(x, ws, row++, head, 6, 0);
    for (size_t i = 0; i < sc->n_schemes && row < XL_MAX_ROWS; i++) {
        const saving_scheme *s = &sc->schemes[i];
        char year[8];
        xl_str(x, ws, row, 0, s->name, NULL);
        xl_num(x, ws, row, 1, s->value, x->money);
        xl_str(x, ws, row, 2, fy_label(s->start, year), NULL);
        char phasing[256] = "";
        size_t used = 0;
        for (size_t k = 0; k < s->n_phasing && used + 16 < sizeof phasing; k++)
            used += (size_t)snprintf(phasing + used, sizeof phasing - used, "%s%g%%",
                                     k ? ", " : "", s->phasing[k] * 100);
        xl_str(x, ws, row, 3, phasing, NULL);
        xl_num(x, ws, row, 4, s->confidence, x->pct);
        xl_str(x, ws, row, 5, s->recurrent ? "yes" : "no", NULL);
        row++;
    }
    xl_check(x, worksheet_set_column(ws, 3, 3, 24, NULL));
}

/* ---- Demand ---- */

void xlsx_demand(xl *x, const s75_result *res)
{
    if (!res->has_demand)
        return;
    const demand_result *d = &res->demand;
    lxw_worksheet *ws = xl_sheet(x, "Demand", "Demand and capacity by band (WTE)");
    if (!ws)
        return;
    int N = d->years, row = 1;
    xl_year_header(x, ws, row++, "Band and measure", res->sc->base_year, N, 0);
    double *v = scratch(x, (size_t)N);
    if (!v)
        return;
    for (size_t b = 0; b < d->n_bands; b++) {
        static const char *const what[] = { "required WTE", "staffed WTE",
                                            "capacity gap WTE (required - staffed)" };
        for (int m = 0; m < 3; m++) {
            for (int t = 0; t < N; t++) {
                size_t k = (size_t)t * d->n_bands + b;
                v[t] = m == 0 ? d->required[k] : m == 1 ? d->staffed[k]
                                                        : d->required[k] - d->staffed[k];
            }
            char label[96];
            snprintf(label, sizeof label, "Band %s: %s", d->bands[b], what[m]);
            xl_row(x, ws, row++, label, v, N, 0, x->wte);
        }
        row++;
    }
    free(v);
}

/* ---- Pools (a portfolio) ---- */

void xlsx_pools(xl *x, const s75_result *res)
{
    const struct portfolio_result *pf = res->portfolio;
    if (!pf)
        return;
    const scenario *sc = res->sc;
    lxw_worksheet *ws = xl_sheet(x, "Pools", "Pools of the portfolio (GBP, cash)");
    if (!ws)
        return;
    int N = pf->years, row = 1;
    size_t n = (size_t)N;
    xl_year_header(x, ws, row++, "Pool and line", pf->base_year, N, 1);
    for (size_t i = 0; i < pf->n_pools && row < XL_MAX_ROWS; i++) {
        const pool *pl = &sc->pools[i];
        const projection *p = &pf->proj[i];
        char label[320];
        snprintf(label, sizeof label, "%.60s: %.120s (%s%s%.60s)", pl->id, pl->name,
                 tier_label(pl->tier), pl->parent >= 0 ? ", under " : "",
                 pl->parent >= 0 ? sc->pools[pl->parent].id : "");
        xl_str(x, ws, row++, 0, label, x->bold);
        xl_row(x, ws, row++, "  Cost", p->cost, N, 1, x->money);
        if (p->delegated)
            xl_row(x, ws, row++, "  Delegated to pools below", p->delegated, N, 1, x->money);
        xl_row(x, ws, row++, "  Contributions", p->contributions_total, N, 1, x->money);
        xl_row(x, ws, row++, "  Gap (cost - contributions)", p->gap, N, 1, x->money);
        if (p->cascaded)
            xl_row(x, ws, row++, "  Cascaded from pools below", p->cascaded, N, 1, x->money);
        xl_row(x, ws, row++, "  Variance", p->variance, N, 1, x->money);
        if (!isnan(pl->population))
            xl_row(x, ws, row++, "  Cost per head", pf->cost_per_head + i * n, N, 0, x->pence);
        row++;
    }
    xl_str(x, ws, row++, 0, "By tier", x->bold);
    for (int tier = 0; tier < N_TIERS; tier++) {
        char label[64];
        snprintf(label, sizeof label, "  %s: cost", tier_label(tier));
        xl_row(x, ws, row++, label, pf->tier_cost + (size_t)tier * n, N, 1, x->money);
        snprintf(label, sizeof label, "  %s: gap", tier_label(tier));
        xl_row(x, ws, row++, label, pf->tier_gap + (size_t)tier * n, N, 1, x->money);
    }
}

/* ---- Monitoring ---- */

void xlsx_monitoring(xl *x, const s75_result *res)
{
    const struct monitoring_result *m = res->monitoring;
    if (!m)
        return;
    char year[8], title[128];
    snprintf(title, sizeof title, "In-year monitoring of %s: forecast outturn by %s (GBP)",
             fy_label(m->year, year), monitor_method_key[m->method]);
    lxw_worksheet *ws = xl_sheet(x, "Monitoring", title);
    if (!ws)
        return;
    static const char *const head[] = { "Category", "Months of actuals", "Budget",
                                        "Budget to date", "Actual to date", "Variance to date",
                                        "Forecast outturn", "Forecast variance" };
    int row = 1;
    xl_header(x, ws, row++, head, 8, 1);
    xl_check(x, worksheet_set_column(ws, 1, 7, 16, NULL));
    for (int c = 0; c < N_CATEGORIES; c++) {
        const monitor_category *k = &m->cat[c];
        xl_str(x, ws, row, 0, monitor_category_label[c], NULL);
        xl_num(x, ws, row, 1, k->months, x->whole);
        const double v[] = { k->budget, k->budget_to_date, k->actual_to_date,
                             k->actual_to_date - k->budget_to_date, k->forecast,
                             k->forecast - k->budget };
        for (int j = 0; j < 6; j++)
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
}

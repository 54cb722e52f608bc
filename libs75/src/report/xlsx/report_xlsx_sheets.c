/* Workbook sheets of the deterministic run: Workforce, Savings and Demand
 * (a portfolio's sheets are in report_xlsx_portfolio.c, Monitoring in
 * report_xlsx_monitoring.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project.h"
#include "reader.h"
#include "report.h"
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
            char label[224];
            snprintf(label, sizeof label, "  %.160s (band %.31s)", sc->lines[l].role,
                     sc->bands[sc->lines[l].band].name);
            xl_row(x, ws, row++, label, cols[c] + l * n, N, totals[c] != NULL, x->money);
        }
        if (totals[c]) {
            char tmpl[64];
            snprintf(tmpl, sizeof tmpl, "=SUM({c}%d:{c}%d)", row - (int)sc->n_lines + 1, row);
            xl_row_formula(x, ws, row++, "All lines", tmpl, totals[c], N, 1, x->money_bold);
        }
        row++;
    }
    /* MODEL.md §14: pay and agency by employer, by pay system and by team. */
    if (!report_shows_employers(sc, p))
        return;
    xl_str(x, ws, row++, 0, "Pay bill by employer (pay and agency)", x->bold);
    for (size_t k = 0; k < p->n_employer_keys && row < XL_MAX_ROWS; k++)
        xl_row(x, ws, row++, report_employer_label(sc, p->employer_key[k]), p->by_employer + k * n,
               N, 1, x->money);
    row++;
    xl_str(x, ws, row++, 0, "Pay bill by pay system (pay and agency)", x->bold);
    for (size_t k = 0; k < p->n_system_keys && row < XL_MAX_ROWS; k++)
        xl_row(x, ws, row++, sc->systems[p->system_key[k]].name, p->by_system + k * n, N, 1,
               x->money);
    row++;
    xl_str(x, ws, row++, 0, "Workforce by team: subtotals (pay and agency)", x->bold);
    for (size_t k = 0; k < p->n_team_keys && row < XL_MAX_ROWS; k++)
        xl_row(x, ws, row++, report_team_label(sc, p, k), p->by_team + k * n, N, 1, x->money);
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
    size_t n = (size_t)N, k = sc->n_schemes;
    /* Rows 2 and 3 (the Summary refers to them) add up the schemes' rows by
     * year below: planned as values (the full-year value phased in), each
     * expected a formula of its planned row and the scheme's confidence in
     * the table, so an edited confidence moves the expected savings and the
     * variance on the Summary (MODEL.md §4). */
    int table = 6, planned = table + 1 + (int)k + 2, expected = planned + (int)k + 2;
    if (expected + (int)k >= XL_MAX_ROWS) {
        xl_str(x, ws, row, 0, "(too many schemes for one sheet)", NULL);
        return;
    }
    char tmpl[96];
    xl_year_header(x, ws, row++, "Line", p->base_year, N, 1);
    snprintf(tmpl, sizeof tmpl, "=SUM({c}%d:{c}%d)", planned + 1, planned + (int)k);
    xl_row_formula(x, ws, row++, "Savings planned", tmpl, p->savings_planned, N, 1, x->money);
    snprintf(tmpl, sizeof tmpl, "=SUM({c}%d:{c}%d)", expected + 1, expected + (int)k);
    xl_row_formula(x, ws, row++, "Savings expected (x confidence)", tmpl, p->savings_expected,
                   N, 1, x->money_bold);
    row = table - 1;
    static const char *const head[] = { "Scheme", "Full-year value", "First year", "Phasing",
                                        "Confidence", "Recurrent" };
    xl_header(x, ws, row++, head, 6, 0);
    for (size_t i = 0; i < k; i++) {
        const saving_scheme *s = &sc->schemes[i];
        char year[8];
        xl_str(x, ws, row, 0, s->name, NULL);
        xl_num(x, ws, row, 1, s->value, x->money);
        xl_str(x, ws, row, 2, fy_label(s->start, year), NULL);
        char phasing[256] = "";
        size_t used = 0;
        for (size_t q = 0; q < s->n_phasing && used + 16 < sizeof phasing; q++)
            used += (size_t)snprintf(phasing + used, sizeof phasing - used, "%s%g%%",
                                     q ? ", " : "", s->phasing[q] * 100);
        xl_str(x, ws, row, 3, phasing, NULL);
        xl_num(x, ws, row, 4, s->confidence, x->pct);
        xl_str(x, ws, row, 5, s->recurrent ? "yes" : "no", NULL);
        row++;
    }
    xl_set_column(x, ws, 3, 3, 24);
    double *v = scratch(x, 2 * n);
    if (!v)
        return;
    double *u = v + (n ? n : 1);
    xl_str(x, ws, planned - 1, 0, "Planned by year", x->bold);
    xl_str(x, ws, expected - 1, 0, "Expected by year (planned x confidence)", x->bold);
    for (size_t i = 0; i < k; i++) {
        const saving_scheme *s = &sc->schemes[i];
        for (int t = 0; t < N; t++) {
            v[t] = s->value * scheme_phase(s, p->base_year + t - s->start);
            u[t] = v[t] * s->confidence;
        }
        xl_row(x, ws, planned + (int)i, s->name, v, N, 1, x->money);
        snprintf(tmpl, sizeof tmpl, "={c}%d*$E$%d", planned + (int)i + 1, table + (int)i + 1);
        xl_row_formula(x, ws, expected + (int)i, s->name, tmpl, u, N, 1, x->money);
    }
    free(v);
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
    /* Required = contact hours / (productive hours x (1 - non-contact share))
     * + caseload WTE; gap cost = gap x pay with on-costs per in-post WTE. */
    static const char *const what[] = { "contact hours a year", "caseload WTE (part of required)",
                                        "required WTE", "staffed WTE",
                                        "capacity gap WTE (required - staffed)",
                                        "pay with on-costs per in-post WTE (GBP)",
                                        "gap cost (GBP, gap x pay per in-post WTE)" };
    for (size_t b = 0; b < d->n_bands; b++) {
        const double *col[] = { d->contact_hours, d->caseload_wte, d->required, d->staffed,
                                d->gap, d->unit_cost, d->gap_cost };
        lxw_format *fmt[] = { x->whole, x->wte, x->wte, x->wte, x->wte, x->money, x->money };
        for (int m = 0; m < 7; m++) {
            for (int t = 0; t < N; t++)
                v[t] = col[m][(size_t)t * d->n_bands + b];
            char label[96];
            snprintf(label, sizeof label, "Band %s: %s", d->bands[b], what[m]);
            xl_row(x, ws, row++, label, v, N, 0, fmt[m]);
        }
        row++;
    }
    free(v);
}

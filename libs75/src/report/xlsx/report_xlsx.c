/* The Excel workbook: the Summary and Risk share sheets, and writing the
 * file (report_xlsx.h); cells, formats and charts are in xlsx_cells.c. */
#include "report_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "diag.h"
#include "portfolio.h"
#include "reader.h"
#include "s75/version.h"
#include "statement_report.h"

/* ---- the year-by-year figures of a result ---- */

/* The consolidated figures of a portfolio or the projection of a single
 * scenario, in one shape for the Summary and Risk share sheets. */
typedef struct figures {
    int base_year, years;
    const projection *p;                   /* NULL for a portfolio */
    const struct portfolio_result *pf;
    size_t n_partners;
    const double *cost, *contributions_total, *gap, *savings_expected, *variance;
    const double *contributions;           /* [partner * years + t] */
    const int64_t *risk_share, *unallocated;
} figures;

static int figures_of(const s75_result *res, figures *f)
{
    memset(f, 0, sizeof *f);
    if (res->portfolio) {
        const struct portfolio_result *p = res->portfolio;
        f->pf = p;
        f->base_year = p->base_year, f->years = p->years, f->n_partners = p->n_partners;
        f->cost = p->cost, f->contributions_total = p->contributions_total, f->gap = p->gap;
        f->savings_expected = p->savings_expected, f->variance = p->variance;
        f->contributions = p->contributions;
        f->risk_share = p->risk_share, f->unallocated = p->unallocated;
        return 0;
    }
    if (!res->has_projection)
        return -1;
    const projection *p = &res->proj;
    f->p = p;
    f->base_year = p->base_year, f->years = p->years, f->n_partners = p->n_partners;
    f->cost = p->cost, f->contributions_total = p->contributions_total, f->gap = p->gap;
    f->savings_expected = p->savings_expected, f->variance = p->variance;
    f->contributions = p->contributions;
    f->risk_share = p->risk_share, f->unallocated = p->unallocated;
    return 0;
}

/* ---- Summary ---- */

/* Each partner's risk share and the unallocated remainder by year, in
 * pounds and pence; 0 when out of memory. */
static int risk_share_rows(xl *x, lxw_worksheet *ws, int *row, const s75_result *res,
                           const figures *f)
{
    size_t n = (size_t)f->years;
    double *v = calloc(n ? n : 1, sizeof *v);
    if (!v) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return 0;
    }
    for (size_t i = 0; i < f->n_partners; i++) {
        char label[200];
        for (size_t t = 0; t < n; t++)
            v[t] = (double)f->risk_share[i * n + t] / 100.0;
        snprintf(label, sizeof label, "Risk share: %.180s", xl_partner_name(res, i));
        xl_row(x, ws, (*row)++, label, v, f->years, 1, x->pence);
    }
    for (size_t t = 0; t < n; t++)
        v[t] = (double)f->unallocated[t] / 100.0;
    xl_row(x, ws, (*row)++, "Unallocated (caps)", v, f->years, 1, x->pence);
    free(v);
    return 1;
}

void xlsx_summary(xl *x, const s75_result *res)
{
    figures f;
    if (figures_of(res, &f) < 0)
        return;
    char title[256];
    snprintf(title, sizeof title, "%.180s: %s (GBP, cash)", res->sc->name,
             f.pf ? "consolidated position of the portfolio" : "projection");
    /* A portfolio's summary is its consolidated position (§11). */
    const char *sheet = f.pf ? "Consolidated" : "Summary";
    lxw_worksheet *ws = xl_sheet(x, sheet, title);
    if (!ws)
        return;
    int N = f.years, row = 1;
    xl_year_header(x, ws, row++, "Line", f.base_year, N, 1);
    /* Derived rows are formulas over the rows they derive from (MODEL.md §3, §4),
     * so an edited input moves cost, gap and variance; inputs and the
     * portfolio's consolidated cost stay values. */
    int cost_row, contrib_row, gap_row, saved_row, var_row;
    char tmpl[256];
    if (f.p) {
        int first = row;
        xl_row(x, ws, row++, "Pay (basic and on-costs)", f.p->pay, N, 1, x->money);
        xl_row(x, ws, row++, "Agency", f.p->agency, N, 1, x->money);
        xl_row(x, ws, row++, "Non-pay", f.p->non_pay, N, 1, x->money);
        if (f.p->delegated)
            xl_row(x, ws, row++, "Delegated to pools below", f.p->delegated, N, 1, x->money);
        snprintf(tmpl, sizeof tmpl, "=SUM({c}%d:{c}%d)", first + 1, row);
        cost_row = row;
        xl_row_formula(x, ws, row++, "Cost", tmpl, f.cost, N, 1, x->money_bold);
    } else {
        cost_row = row;
        xl_row(x, ws, row++, "Cost", f.cost, N, 1, x->money_bold);
    }
    int first_partner = row;
    for (size_t i = 0; i < f.n_partners; i++) {
        char label[200];
        snprintf(label, sizeof label, "Contribution: %.180s", xl_partner_name(res, i));
        xl_row(x, ws, row++, label, f.contributions + i * (size_t)N, N, 1, x->money);
    }
    contrib_row = row;
    if (f.n_partners > 0) {
        snprintf(tmpl, sizeof tmpl, "=SUM({c}%d:{c}%d)", first_partner + 1, row);
        xl_row_formula(x, ws, row++, "Contributions", tmpl, f.contributions_total, N, 1,
                       x->money_bold);
    } else {
        xl_row(x, ws, row++, "Contributions", f.contributions_total, N, 1, x->money_bold);
    }
    gap_row = row;
    snprintf(tmpl, sizeof tmpl, "={c}%d-{c}%d", cost_row + 1, contrib_row + 1);
    xl_row_formula(x, ws, row++, "Gap (cost - contributions)", tmpl, f.gap, N, 1, x->money);
    /* A single scenario's savings add up on the Savings sheet, scheme by
     * scheme; rows 2 and 3 there are planned and expected. */
    int on_savings_sheet = f.p && res->sc->n_schemes > 0;
    if (f.p) {
        if (on_savings_sheet)
            xl_row_formula(x, ws, row++, "Savings planned", "=Savings!{c}3",
                           f.p->savings_planned, N, 1, x->money);
        else
            xl_row(x, ws, row++, "Savings planned", f.p->savings_planned, N, 1, x->money);
    }
    saved_row = row;
    if (on_savings_sheet)
        xl_row_formula(x, ws, row++, "Savings expected (x confidence)", "=Savings!{c}4",
                       f.savings_expected, N, 1, x->money);
    else
        xl_row(x, ws, row++, "Savings expected (x confidence)", f.savings_expected, N, 1,
               x->money);
    int cascaded_row = -1;
    if (f.p && f.p->cascaded) {
        cascaded_row = row;
        xl_row(x, ws, row++, "Cascaded from pools below", f.p->cascaded, N, 1, x->money);
    }
    var_row = row;
    if (cascaded_row >= 0)
        snprintf(tmpl, sizeof tmpl, "={c}%d-{c}%d+{c}%d", gap_row + 1, saved_row + 1,
                 cascaded_row + 1);
    else
        snprintf(tmpl, sizeof tmpl, "={c}%d-{c}%d", gap_row + 1, saved_row + 1);
    xl_row_formula(x, ws, row++, "Variance (+ over / - under)", tmpl, f.variance, N, 1,
                   x->money_bold);
    if (f.pf && !risk_share_rows(x, ws, &row, res, &f))
        return;

    row += 2;
    lxw_chart *c1 = xl_chart(x, LXW_CHART_COLUMN, "Cost and contributions by year", "GBP",
                             "£#,##0;(£#,##0)");
    xl_series(x, c1, sheet, 1, cost_row, N);
    xl_series(x, c1, sheet, 1, contrib_row, N);
    xl_axis_from_zero(c1);
    xl_place(x, ws, row, 0, c1);
    lxw_chart *c2 = xl_chart(x, LXW_CHART_COLUMN, "Gap, savings and variance by year", "GBP",
                             "£#,##0;(£#,##0)");
    xl_series(x, c2, sheet, 1, gap_row, N);
    xl_series(x, c2, sheet, 1, saved_row, N);
    xl_series(x, c2, sheet, 1, var_row, N);
    xl_place(x, ws, row, 3, c2);
}

/* ---- Risk share ---- */

void xlsx_risk_share(xl *x, const s75_result *res)
{
    figures f;
    if (figures_of(res, &f) < 0)
        return;
    lxw_worksheet *ws = xl_sheet(x, "Risk share", "Risk share of the variance by partner (GBP; "
                                 "negative: a share of an underspend)");
    if (!ws)
        return;
    int N = f.years, row = 1;
    size_t n = (size_t)N;
    xl_year_header(x, ws, row++, "Partner", f.base_year, N, 1);
    xl_row(x, ws, row++, "Variance to share", f.variance, N, 1, x->money_bold);
    double *v = calloc(n ? n : 1, sizeof *v);
    if (!v) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    int first_partner = row;
    for (size_t i = 0; i < f.n_partners; i++) {
        for (size_t t = 0; t < n; t++)
            v[t] = (double)f.risk_share[i * n + t] / 100.0;
        xl_row(x, ws, row++, xl_partner_name(res, i), v, N, 1, x->pence);
    }
    for (size_t t = 0; t < n; t++)
        v[t] = (double)f.unallocated[t] / 100.0;
    xl_row(x, ws, row++, "Unallocated (caps)", v, N, 1, x->pence);
    free(v);

    row += 2;
    lxw_chart *ch = xl_chart(x, LXW_CHART_COLUMN, "Each partner's risk share by year", "GBP",
                             "£#,##0;(£#,##0)");
    for (size_t i = 0; i < f.n_partners && i < 255; i++)
        xl_series(x, ch, "Risk share", 1, first_partner + (int)i, N);
    if (f.n_partners > 0)
        xl_place(x, ws, row, 0, ch);
}

/* ---- the workbook ---- */

/* A row of per-year values and their total (which, for a p95 or a
 * chance, is not a sum: so a plain number, not =SUM()). */
static void statement_row(xl *x, lxw_worksheet *ws, int row, const char *label,
                          const double *v, int n, lxw_format *f)
{
    xl_row(x, ws, row, label, v, n, 0, f);
    xl_num(x, ws, row, n + 1, v[n], f);
}

/* The partner's statement, the workbook's first sheet. */
static void statement_sheet(xl *x, const s75_result *res, const statement *st)
{
    char title[300];
    snprintf(title, sizeof title, "Statement for %.120s (%.60s)", st->name, st->id);
    lxw_worksheet *ws = xl_sheet(x, "Statement", title);
    if (!ws)
        return;
    int N = st->years, row = 1;
    double *v = malloc((size_t)(N + 1) * sizeof *v);
    if (!v) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    xl_year_header(x, ws, row++, "GBP, cash", st->base_year, N, 1);
    statement_row(x, ws, row++, "What it puts in", st->contribution, N, x->money);
    if (st->pay_bill)
        statement_row(x, ws, row++, "Pay bill it employs (pay + agency)", st->pay_bill, N,
                      x->money);
    statement_row(x, ws, row++, "Its part of the contributions", st->contribution_share, N,
                  x->pct);
    statement_row(x, ws, row++, "Pool variance (+ over / - under)", st->variance, N, x->money);
    for (int t = 0; t <= N; t++)
        v[t] = (double)st->risk_share[t] / 100.0;
    statement_row(x, ws, row++, "Its share of the variance", v, N, x->pence);
    if (st->has_simulation) {
        statement_row(x, ws, row++, "Its share at p95", st->p95, N, x->money);
        statement_row(x, ws, row++, "Chance it pays anything", st->p_pays, N, x->pct);
    }
    row++;
    if (st->n_drivers) {
        xl_str(x, ws, row++, 0, "Inputs that move its share most (its total, low and high end)",
               x->bold);
        for (size_t k = 0; k < st->n_drivers; k++, row++) {
            xl_str(x, ws, row, 0, st->drivers[k].input, x->text);
            xl_num(x, ws, row, 1, st->drivers[k].share_low, x->money);
            xl_num(x, ws, row, 2, st->drivers[k].share_high, x->money);
        }
        row++;
    }
    xl_str(x, ws, row, 0, "The pay bill it employs is not shown: the scenario does not say "
           "which partner employs each workforce line.", x->text);
    (void)res;
    free(v);
}

typedef struct workbook {
    const s75_result *res;
    const statement *st;            /* NULL: no statement sheet */
} workbook;

static int fill_workbook(const char *tmp, void *ctx, s75_error *err)
{
    const workbook *wk = ctx;
    const s75_result *res = wk->res;
    xl x;
    int rc = xl_start(&x, tmp, res->sc->name, err);
    if (rc)
        return rc;
    if (wk->st)
        statement_sheet(&x, res, wk->st);
    xlsx_summary(&x, res);
    xlsx_workforce(&x, res);
    xlsx_savings(&x, res);
    xlsx_risk_share(&x, res);
    xlsx_demand(&x, res);
    xlsx_tiers(&x, res);
    xlsx_pools(&x, res);
    xlsx_monitoring(&x, res);
    xlsx_appraisal(&x, res);
    xlsx_simulation(&x, res);
    xlsx_assumptions(&x, res);
    return xl_finish(&x, err);
}

int report_xlsx_write_file(const s75_result *res, const char *path, s75_error *err)
{
    if (!res)
        return error_set(err, S75_EUSAGE, no_mark, "", "result is NULL");
    workbook wk = { res, NULL };
    return atomic_write(path, fill_workbook, &wk, err);
}

int report_xlsx_write_statement(const s75_result *res, const statement *st, const char *path,
                                s75_error *err)
{
    workbook wk = { res, st };
    return atomic_write(path, fill_workbook, &wk, err);
}

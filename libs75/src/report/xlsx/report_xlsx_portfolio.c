/* A portfolio's own sheets (MODEL.md §10): one per tier that has pools, each
 * pool of the tier by year with a tier total, and Pools, every pool with
 * its gross cost and parent. The consolidated figures are the Consolidated
 * sheet (report_xlsx.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "portfolio.h"
#include "report_xlsx.h"

/* ---- a sheet per tier ---- */

static const char *const tier_sheet[N_TIERS] = { "System", "Places", "Neighbourhoods" };

enum measure {
    M_OWN_COST, M_DELEGATED, M_CONTRIBUTIONS, M_GAP, M_CASCADED, M_VARIANCE, M_PER_HEAD, N_MEASURES
};

static const char *const measure_title[N_MEASURES] = {
    "Cost net of delegated (cost - delegated)", "Delegated to pools below",
    "Contributions", "Gap (cost - contributions)", "Cascaded from pools below",
    "Variance (+ over / - under)", "Cost per head (cost net of delegated / population)"
};

/* Pool i's figure for a measure in year t; a pool with nothing delegated or
 * cascaded holds no array for it. */
static double measure_of(const struct portfolio_result *pf, size_t i, int m, int t)
{
    const projection *p = &pf->proj[i];
    double delegated = p->delegated ? p->delegated[t] : 0;
    switch (m) {
    case M_OWN_COST: return p->cost[t] - delegated;
    case M_DELEGATED: return delegated;
    case M_CONTRIBUTIONS: return p->contributions_total[t];
    case M_GAP: return p->gap[t];
    case M_CASCADED: return p->cascaded ? p->cascaded[t] : 0;
    case M_VARIANCE: return p->variance[t];
    default: return pf->cost_per_head[i * (size_t)pf->years + (size_t)t];
    }
}

/* The tier total of a money measure: each year a live =SUM down the pools'
 * rows first..last with the sum cached, and the row's =SUM across. */
static void total_row(xl *x, lxw_worksheet *ws, int row, const char *label, int first, int last,
                      const double *sum, int years)
{
    xl_row(x, ws, row, label, sum, years, 1, x->money_bold);
    for (int t = 0; t < years && last >= first; t++) {
        if (!isfinite(sum[t]))
            continue;
        char a[16], b[16], formula[48];
        lxw_rowcol_to_cell(a, (lxw_row_t)first, (lxw_col_t)(t + 1));
        lxw_rowcol_to_cell(b, (lxw_row_t)last, (lxw_col_t)(t + 1));
        snprintf(formula, sizeof formula, "=SUM(%s:%s)", a, b);
        xl_check(x, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)(t + 1), formula,
                                                x->money_bold, sum[t]));
    }
}

static void tier_sheet_write(xl *x, const s75_result *res, int tier)
{
    const struct portfolio_result *pf = res->portfolio;
    const scenario *sc = res->sc;
    size_t in_tier = 0;
    double population = 0;
    for (size_t i = 0; i < pf->n_pools; i++)
        if (sc->pools[i].tier == tier) {
            in_tier++;
            population += sc->pools[i].population; /* NAN when any pool has none */
        }
    if (in_tier == 0)
        return;
    char title[160];
    snprintf(title, sizeof title, "%s: each pool of the tier by year (GBP, cash)",
             tier_sheet[tier]);
    lxw_worksheet *ws = xl_sheet(x, tier_sheet[tier], title);
    if (!ws)
        return;
    int N = pf->years, row = 1;
    size_t n = (size_t)N;
    double *v = malloc(2 * (n ? n : 1) * sizeof *v);
    if (!v) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    double *sum = v + (n ? n : 1);
    char total_label[64];
    snprintf(total_label, sizeof total_label, "  All %s", tier == 0 ? "system pools"
             : tier == 1 ? "places" : "neighbourhoods");
    xl_year_header(x, ws, row++, "Measure and pool", pf->base_year, N, 1);
    for (int m = 0; m < N_MEASURES && row < XL_MAX_ROWS; m++) {
        int per_head = m == M_PER_HEAD;
        xl_str(x, ws, row++, 0, measure_title[m], x->bold);
        int first = row;
        for (int t = 0; t < N; t++)
            sum[t] = 0;
        for (size_t i = 0; i < pf->n_pools && row < XL_MAX_ROWS; i++) {
            const pool *pl = &sc->pools[i];
            if (pl->tier != tier)
                continue;
            for (int t = 0; t < N; t++) {
                v[t] = measure_of(pf, i, m, t);
                sum[t] += per_head ? 0 : v[t];
            }
            char label[320];
            snprintf(label, sizeof label, "  %.150s (%.150s)",
                     pl->name && *pl->name ? pl->name : pl->id, pl->id);
            xl_row(x, ws, row++, label, v, N, !per_head, per_head ? x->pence : x->money);
        }
        if (!per_head) {
            total_row(x, ws, row, total_label, first, row - 1, sum, N);
            row++;
        } else {
            /* Per-head figures do not add: the tier's is its cost net of
             * delegated over its population, when every pool has one. */
            for (int t = 0; t < N; t++)
                v[t] = pf->tier_cost[(size_t)tier * n + (size_t)t] / population;
            xl_row(x, ws, row++, total_label, v, N, 0, x->pence);
        }
        row++;
    }
    free(v);
}

void xlsx_tiers(xl *x, const s75_result *res)
{
    if (!res->portfolio)
        return;
    for (int tier = 0; tier < N_TIERS; tier++)
        tier_sheet_write(x, res, tier);
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


/* The portfolio (MODEL.md §10) in JSON, text and CSV. Renders; never computes
 * beyond the totals a reader checks by eye. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sections.h"
#include "portfolio.h"
#include "reader.h"
#include "report.h"
#include "textwidth.h"

/* Allocations are whole pence held in a double; print them as such. */
static int64_t as_pence(double pounds)
{
    return (int64_t)llround(pounds * 100.0);
}

/* ---- JSON ---- */

static void json_pool(jw *w, const scenario *pf, const struct portfolio_result *r, size_t i)
{
    const pool *pl = &pf->pools[i];
    const projection *p = &r->proj[i];
    size_t N = (size_t)r->years;
    jw_object(w, NULL);
    jw_string(w, "id", pl->id);
    jw_string(w, "name", pl->name);
    jw_string(w, "tier", tier_label(pl->tier));
    jw_string(w, "parent", pl->parent >= 0 ? pf->pools[pl->parent].id : NULL);
    jw_number_or_null(w, "population", pl->population, !isnan(pl->population));
    jw_array(w, "projection");
    for (int t = 0; t < r->years; t++) {
        jw_object(w, NULL);
        json_projection_year(w, pl->scenario, p, t);
        jw_number(w, "delegated", p->delegated[t]);
        jw_pence(w, "cascaded", as_pence(p->cascaded[t]));
        double cph = r->cost_per_head[i * N + (size_t)t];
        jw_number_or_null(w, "cost_per_head", cph, !isnan(cph));
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_end_object(w);
}

void portfolio_json(jw *w, const scenario *sc, const struct portfolio_result *r)
{
    size_t N = (size_t)r->years;
    char label[8];
    jw_object(w, "portfolio");
    jw_array(w, "pools");
    for (size_t i = 0; i < r->n_pools; i++)
        json_pool(w, sc, r, i);
    jw_end_array(w);
    jw_array(w, "consolidated");
    for (size_t t = 0; t < N; t++) {
        jw_object(w, NULL);
        jw_string(w, "year", fy_label(r->base_year + (int)t, label));
        jw_number(w, "cost", r->cost[t]);
        jw_object(w, "contributions");
        for (size_t k = 0; k < r->n_partners; k++)
            jw_number(w, r->partner_ids[k], r->contributions[k * N + t]);
        jw_end_object(w);
        jw_number(w, "contributions_total", r->contributions_total[t]);
        jw_number(w, "gap", r->gap[t]);
        jw_number(w, "savings_expected", r->savings_expected[t]);
        jw_number(w, "variance", r->variance[t]);
        jw_object(w, "risk_share");
        for (size_t k = 0; k < r->n_partners; k++)
            jw_pence(w, r->partner_ids[k], r->risk_share[k * N + t]);
        jw_end_object(w);
        jw_pence(w, "unallocated", r->unallocated[t]);
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_array(w, "by_tier");
    for (size_t t = 0; t < N; t++)
        for (int tier = 0; tier < N_TIERS; tier++) {
            jw_object(w, NULL);
            jw_string(w, "tier", tier_label(tier));
            jw_string(w, "year", fy_label(r->base_year + (int)t, label));
            jw_number(w, "cost", r->tier_cost[(size_t)tier * N + t]);
            jw_number(w, "gap", r->tier_gap[(size_t)tier * N + t]);
            jw_end_object(w);
        }
    jw_end_array(w);
    jw_end_object(w);
}

/* ---- text ---- */

static const char *const tier_titles[N_TIERS] = { "System", "Place", "Neighbourhood" };

static void consolidated_text(sbuf *b, const struct portfolio_result *r)
{
    int N = r->years;
    size_t n = (size_t)N;
    text_heading(b, "Consolidated position (GBP, cash)", r->base_year, N, 1);
    text_row(b, "Cost (funding between pools out)", r->cost, N, 1);
    sb_putc(b, '\n');
    for (size_t k = 0; k < r->n_partners; k++)
        text_row_named(b, "  ", r->partner_names[k], "", r->contributions + k * n, N, 1);
    text_row(b, "Contributions", r->contributions_total, N, 1);
    text_rule(b, N, 1);
    text_row(b, "Gap (cost - contributions)", r->gap, N, 1);
    text_row(b, "Savings expected (x confidence)", r->savings_expected, N, 1);
    text_row(b, "Variance (+ over / - under)", r->variance, N, 1);
}

static void partners_text(sbuf *b, const struct portfolio_result *r)
{
    int N = r->years;
    size_t n = (size_t)N;
    text_heading(b, "Each partner across all pools (GBP)", r->base_year, N, 1);
    for (size_t k = 0; k < r->n_partners; k++) {
        sb_printf(b, "%s (%s)\n", r->partner_names[k], r->partner_ids[k]);
        text_row(b, "  contributes", r->contributions + k * n, N, 1);
        text_row_pence(b, "  bears of the variance", r->risk_share + k * n, 1, N, 1);
    }
    text_row_pence(b, "Unallocated (caps)", r->unallocated, 1, N, 1);
    text_rule(b, N, 1);
    text_row(b, "Consolidated variance", r->variance, N, 1);
}

static void tiers_text(sbuf *b, const struct portfolio_result *r)
{
    int N = r->years;
    size_t n = (size_t)N;
    text_heading(b, "By tier (GBP, net cost)", r->base_year, N, 1);
    for (int tier = 0; tier < N_TIERS; tier++) {
        char label[64];
        snprintf(label, sizeof label, "%s cost", tier_titles[tier]);
        text_row(b, label, r->tier_cost + (size_t)tier * n, N, 1);
        snprintf(label, sizeof label, "%s gap", tier_titles[tier]);
        text_row(b, label, r->tier_gap + (size_t)tier * n, N, 1);
    }
}

/* The first column: a name too long wraps at a word, one column kept before
 * the next. */
static void fit(sbuf *b, const char *s, int width)
{
    sb_label_cell(b, s, width - 1);
    sb_putc(b, ' ');
}

/* A later column: an id too long is cut on a character and marked with ~. */
static void clip(sbuf *b, const char *s, int width)
{
    if (tw_width(s) < width) {
        sb_pad_right(b, s, width);
        return;
    }
    for (int used = sb_clip(b, s, width - 2); used < width - 2; used++)
        sb_putc(b, ' ');
    sb_puts(b, "~ ");
}

static void money_cell(sbuf *b, double v, int width)
{
    sbuf tmp;
    sb_init(&tmp);
    sb_money(&tmp, v);
    int len = tmp.s ? (int)tmp.len : 0;
    for (; len < width; len++)
        sb_putc(b, ' ');
    if (tmp.s)
        sb_puts(b, tmp.s);
    sb_free(&tmp);
}

static void per_head_cell(sbuf *b, double v, int width)
{
    if (isnan(v))
        sb_printf(b, "%*s", width, "-");
    else
        sb_printf(b, "%*.2f", width, v);
}

/* One line per pool: enough for a director to see where the money and the
 * variance sit; the years are in the CSV and JSON. */
static void pools_text(sbuf *b, const scenario *pf, const struct portfolio_result *r)
{
    size_t N = (size_t)r->years;
    char first[8], last[8];
    fy_label(r->base_year, first);
    fy_label(r->base_year + r->years - 1, last);
    for (int tier = 0; tier < N_TIERS; tier++) {
        size_t count = 0;
        for (size_t i = 0; i < r->n_pools; i++)
            count += pf->pools[i].tier == tier;
        if (count == 0)
            continue;
        char title[64];
        snprintf(title, sizeof title, "%s pools (%zu)", tier_titles[tier], count);
        sb_putc(b, '\n');
        fit(b, title, 34);
        sb_printf(b, "%-16s%12s%14s%14s%12s%12s\n", "Parent", "Population", "Net cost",
                  "Variance", "Cost/head", "Cost/head");
        fit(b, "", 34);
        sb_printf(b, "%-16s%12s%14s%14s%12s%12s\n", "", "", "all years", "all years", first,
                  last);
        for (int c = 0; c < 34 + 16 + 12 + 14 + 14 + 12 + 12; c++)
            sb_putc(b, '-');
        sb_putc(b, '\n');
        for (size_t i = 0; i < r->n_pools; i++) {
            const pool *pl = &pf->pools[i];
            if (pl->tier != tier)
                continue;
            const projection *p = &r->proj[i];
            double net = 0, variance = 0;
            for (size_t t = 0; t < N; t++) {
                net += p->cost[t] - p->delegated[t];
                variance += p->variance[t];
            }
            fit(b, pl->name, 34);
            clip(b, pl->parent >= 0 ? pf->pools[pl->parent].id : "-", 16);
            if (isnan(pl->population))
                sb_printf(b, "%12s", "-");
            else
                money_cell(b, pl->population, 12);
            money_cell(b, net, 14);
            money_cell(b, variance, 14);
            per_head_cell(b, r->cost_per_head[i * N], 12);
            per_head_cell(b, r->cost_per_head[i * N + N - 1], 12);
            sb_putc(b, '\n');
        }
    }
    sb_puts(b, "\nNet cost leaves out the funding a pool passes down to the pools below it. A "
               "pool's variance\nincludes the risk share those pools pass up to it, so pool "
               "variances do not add up to the\nconsolidated variance. Cost per head is a year's "
               "net cost over the pool's population.\n");
}

void portfolio_text(sbuf *b, const scenario *sc, const struct portfolio_result *r)
{
    size_t per_tier[N_TIERS] = { 0 };
    for (size_t i = 0; i < r->n_pools; i++)
        per_tier[sc->pools[i].tier]++;
    sb_printf(b, "\nPortfolio of %zu pools: %zu system, %zu place, %zu neighbourhood.\n",
              r->n_pools, per_tier[TIER_SYSTEM], per_tier[TIER_PLACE],
              per_tier[TIER_NEIGHBOURHOOD]);
    sb_puts(b, "Pools run from the neighbourhoods up; each pool's over- or underspend is shared "
               "under its own\nagreement, and a share put on the pool above is shared again "
               "there. Money passed between\npools is taken out of the consolidated figures.\n");
    consolidated_text(b, r);
    partners_text(b, r);
    tiers_text(b, r);
    pools_text(b, sc, r);
}

/* ---- CSV ---- */

static void pool_csv(sbuf *b, const scenario *pf, const struct portfolio_result *r, size_t i)
{
    const pool *pl = &pf->pools[i];
    const scenario *sub = pl->scenario;
    const projection *p = &r->proj[i];
    size_t N = (size_t)r->years;
    char section[96], item[96];
    snprintf(section, sizeof section, "pool:%s", pl->id);
    for (size_t t = 0; t < N; t++) {
        int y = r->base_year + (int)t;
        csv_value(b, section, "pay", y, p->pay[t]);
        csv_value(b, section, "agency", y, p->agency[t]);
        csv_value(b, section, "non_pay", y, p->non_pay[t]);
        csv_value(b, section, "delegated", y, p->delegated[t]);
        csv_value(b, section, "cost", y, p->cost[t]);
        for (size_t q = 0; q < sub->n_partners; q++) {
            snprintf(item, sizeof item, "contribution:%s", sub->partners[q].id);
            csv_value(b, section, item, y, p->contributions[q * N + t]);
        }
        csv_value(b, section, "contributions_total", y, p->contributions_total[t]);
        csv_value(b, section, "gap", y, p->gap[t]);
        csv_value(b, section, "savings_planned", y, p->savings_planned[t]);
        csv_value(b, section, "savings_expected", y, p->savings_expected[t]);
        csv_value(b, section, "cascaded", y, p->cascaded[t]);
        csv_value(b, section, "variance", y, p->variance[t]);
        for (size_t q = 0; q < sub->n_partners; q++) {
            snprintf(item, sizeof item, "risk_share:%s", sub->partners[q].id);
            csv_value(b, section, item, y, (double)p->risk_share[q * N + t] / 100.0);
        }
        csv_value(b, section, "unallocated", y, (double)p->unallocated[t] / 100.0);
        double cph = r->cost_per_head[i * N + t];
        if (!isnan(cph))
            csv_value(b, section, "cost_per_head", y, cph);
    }
}

void portfolio_csv(sbuf *b, const scenario *sc, const struct portfolio_result *r)
{
    size_t N = (size_t)r->years;
    char item[96];
    for (size_t t = 0; t < N; t++) {
        int y = r->base_year + (int)t;
        csv_value(b, "consolidated", "cost", y, r->cost[t]);
        for (size_t k = 0; k < r->n_partners; k++) {
            snprintf(item, sizeof item, "contribution:%s", r->partner_ids[k]);
            csv_value(b, "consolidated", item, y, r->contributions[k * N + t]);
        }
        csv_value(b, "consolidated", "contributions_total", y, r->contributions_total[t]);
        csv_value(b, "consolidated", "gap", y, r->gap[t]);
        csv_value(b, "consolidated", "savings_expected", y, r->savings_expected[t]);
        csv_value(b, "consolidated", "variance", y, r->variance[t]);
        for (size_t k = 0; k < r->n_partners; k++) {
            snprintf(item, sizeof item, "risk_share:%s", r->partner_ids[k]);
            csv_value(b, "consolidated", item, y, (double)r->risk_share[k * N + t] / 100.0);
        }
        csv_value(b, "consolidated", "unallocated", y, (double)r->unallocated[t] / 100.0);
        for (int tier = 0; tier < N_TIERS; tier++) {
            snprintf(item, sizeof item, "%s:cost", tier_label(tier));
            csv_value(b, "by_tier", item, y, r->tier_cost[(size_t)tier * N + t]);
            snprintf(item, sizeof item, "%s:gap", tier_label(tier));
            csv_value(b, "by_tier", item, y, r->tier_gap[(size_t)tier * N + t]);
        }
    }
    for (size_t i = 0; i < r->n_pools; i++)
        pool_csv(b, sc, r, i);
}

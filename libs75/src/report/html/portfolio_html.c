/* A portfolio of pools (MODEL.md §10) in the HTML board paper: the system's
 * consolidated position with each partner's whole exposure, the tiers, and
 * a line per pool (report_html.h says how a section is written). Every
 * figure in a table is the JSON's, from the same double; allocations from
 * the same whole pence. Sums shown beyond the JSON's are totals over years
 * or pools of figures the tables also show. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sections.h"
#include "portfolio.h"
#include "reader.h"
#include "report_html.h"
#include "svg.h"

/* Partners drawn by name in a chart before the rest are grouped. */

static const char *const tier_title[N_TIERS] = { "System", "Place", "Neighbourhood" };

static double sum(const double *v, int n)
{
    double s = 0;
    for (int t = 0; t < n; t++)
        s += v[t];
    return s;
}

static const char *partner_label(const struct portfolio_result *r, size_t k)
{
    const char *name = r->partner_names[k];
    return name && *name ? name : r->partner_ids[k];
}

static const char *pool_label(const pool *pl)
{
    return pl->name && *pl->name ? pl->name : pl->id;
}

static size_t pools_in_tier(const scenario *pf, int tier)
{
    size_t n = 0;
    for (size_t i = 0; i < pf->n_pools; i++)
        n += pf->pools[i].tier == tier;
    return n;
}

/* Pounds and pence from a double (a cost per head): "£34.08". */
static void per_head(sbuf *b, double v)
{
    if (!isfinite(v)) {
        sb_puts(b, "-");
        return;
    }
    char digits[64];
    snprintf(digits, sizeof digits, "%.2f", fabs(v));
    if (v < 0 && strspn(digits, "0.") != strlen(digits))
        sb_putc(b, '-');
    sb_puts(b, "\xC2\xA3");
    html_number(b, fabs(v), 2);
}

static void td_money_num(sbuf *b, double v)
{
    sb_puts(b, "<td class=\"num\">");
    html_money(b, v);
    sb_puts(b, "</td>");
}

/* A heading row over a tier's pools in a table of years. */
static void tier_row(sbuf *b, const html_years *w, int tier, size_t count)
{
    int cols = 1 + (w->t1 - w->t0) + html_years_total(w);
    sb_printf(b, "<tr class=\"total\"><th scope=\"rowgroup\" colspan=\"%d\">%s pools (%zu)</th>"
                 "</tr>\n", cols, tier_title[tier], count);
}

/* ---- summary ---- */

void portfolio_html_summary(sbuf *b, const scenario *sc, const struct portfolio_result *r)
{
    int N = r->years;
    size_t n = (size_t)N;
    char a[8], z[8];
    double cost = sum(r->cost, N), contrib = sum(r->contributions_total, N);
    double gap = sum(r->gap, N), variance = sum(r->variance, N);
    sb_printf(b, "<li>A portfolio of %zu pools (%zu system, %zu place, %zu neighbourhood). Over "
                 "the %d year%s from %s to %s they cost ", r->n_pools,
              pools_in_tier(sc, TIER_SYSTEM), pools_in_tier(sc, TIER_PLACE),
              pools_in_tier(sc, TIER_NEIGHBOURHOOD), N, N == 1 ? "" : "s",
              fy_label(r->base_year, a), fy_label(r->base_year + N - 1, z));
    html_money(b, cost);
    sb_puts(b, ", net of the funding passed between them, against partner contributions of ");
    html_money(b, contrib);
    sb_printf(b, ": a %s of <strong>", gap >= 0 ? "gap" : "surplus");
    html_money(b, fabs(gap));
    sb_printf(b, "</strong> before savings and a net %s of <strong>",
              variance > 0 ? "overspend" : "underspend");
    html_money(b, fabs(variance));
    sb_puts(b, "</strong> after the savings expected.</li>\n");

    /* The largest gap by tier over the period: where the pressure sits. */
    int worst = 0;
    double worst_gap = -INFINITY;
    for (int tier = 0; tier < N_TIERS; tier++) {
        double g = sum(r->tier_gap + (size_t)tier * n, N);
        if (pools_in_tier(sc, tier) > 0 && g > worst_gap)
            worst = tier, worst_gap = g;
    }
    int peak = r->gap_peak;
    if (r->gap[peak] > 0) {
        sb_printf(b, "<li>The consolidated gap peaks in %s at ", fy_label(r->base_year + peak, a));
        html_money(b, r->gap[peak]);
        if (worst_gap > 0) {
            sb_printf(b, "; over the period the %s pools carry the largest gap, ",
                      tier_label(worst));
            html_money(b, worst_gap);
        }
        sb_puts(b, ".</li>\n");
    } else {
        sb_puts(b, "<li>Contributions cover the consolidated cost in every year.</li>\n");
    }

    /* Each partner's net share over the period, from the same pence. */
    if (r->n_partners == 0)
        return;
    sb_puts(b, "<li>Over the period, net of underspends returned, each partner's share of the "
               "variance across every pool it funds: ");
    for (size_t k = 0; k < r->n_partners; k++) {
        int64_t share = 0;
        for (int t = 0; t < N; t++)
            share += r->risk_share[k * n + (size_t)t];
        sb_puts(b, k == 0 ? "" : k + 1 == r->n_partners ? " and " : ", ");
        sb_html(b, partner_label(r, k));
        sb_puts(b, share > 0 ? " pays " : share < 0 ? " gets back " : " neither pays nor gets back");
        if (share != 0)
            html_pence(b, share < 0 ? -share : share);
    }
    int64_t left = 0;
    for (int t = 0; t < N; t++)
        left += r->unallocated[t];
    if (left != 0) {
        sb_puts(b, "; ");
        html_pence(b, left < 0 ? -left : left);
        sb_puts(b, " is left unallocated above the partners' caps");
    }
    sb_puts(b, ".</li>\n");
}

/* ---- the consolidated position ---- */

static void consolidated_chart(sbuf *b, const struct portfolio_result *r, const char *const *years)
{
    int N = r->years;
    char title[160];
    snprintf(title, sizeof title, "Consolidated cost against contributions, %s to %s", years[0],
             years[N - 1]);
    svg_series s[] = {
        { .name = "Cost (funding between pools out)", .kind = SVG_BAR, .v = r->cost, .colour = 0 },
        { .name = "Contributions", .kind = SVG_LINE, .v = r->contributions_total, .colour = 1 },
    };
    svg_chart c = { .title = title,
                    .desc = "Bars of the consolidated cost for each year, with the partners' "
                            "contributions as a line.",
                    .n_x = (size_t)N, .x_labels = years, .unit = SVG_MONEY };
    html_figure_open(b);
    svg_chart_xy(b, &c, s, 2);
    html_figure_close(b, "Consolidated cost (cash, money passed between pools taken out) against "
                         "the partners' contributions; where a bar rises above the line, cost "
                         "outruns the pooled funds.");
}

static void consolidated_table(sbuf *b, const struct portfolio_result *r)
{
    int N = r->years;
    size_t n = (size_t)N;
    int any_left = 0;
    for (int t = 0; t < N; t++)
        any_left |= r->unallocated[t] != 0;
    for (html_years w = html_years_start(r->base_year, N, 1); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Consolidated position (\xC2\xA3, cash; risk share to the "
                                    "penny)", "");
        html_year_row(b, &w, "Cost (funding between pools out)", r->cost, 1, ROW_TOTAL);
        for (size_t k = 0; k < r->n_partners; k++)
            html_year_row(b, &w, partner_label(r, k), r->contributions + k * n, 1, ROW_SUB);
        html_year_row(b, &w, "Contributions", r->contributions_total, 1, ROW_TOTAL);
        html_year_row(b, &w, "Gap (cost less contributions)", r->gap, 1, ROW_TOTAL);
        html_year_row(b, &w, "less savings expected", r->savings_expected, 1, ROW_SUB);
        html_year_row(b, &w, "Variance (+ overspend, - underspend)", r->variance, 1, ROW_TOTAL);
        html_table_group(b, 1);
        sb_printf(b, "<tr><th scope=\"rowgroup\" colspan=\"%d\">The variance as each partner "
                     "bears it across the pools</th></tr>\n",
                  1 + (w.t1 - w.t0) + html_years_total(&w));
        for (size_t k = 0; k < r->n_partners; k++)
            html_year_row_pence(b, &w, partner_label(r, k), r->risk_share + k * n, 1, ROW_SUB);
        if (any_left)
            html_year_row_pence(b, &w, "Unallocated (above caps)", r->unallocated, 1, ROW_SUB);
        html_table_close(b);
    }
    sb_puts(b, "<p class=\"note\">A partner's contribution is its funding of every pool it pays "
               "into; what it bears is the sum of its allocations under each pool's agreement, "
               "in whole pence. Those allocations add up to the variance to within a penny per "
               "pool.</p>\n");
}

static const char *portfolio_partner(const void *ctx, size_t k)
{
    return partner_label(ctx, k);
}

static void partners_chart(sbuf *b, const struct portfolio_result *r, const char *const *years)
{
    int N = r->years;
    char title[160];
    snprintf(title, sizeof title, "What each partner bears across the pools, %s to %s", years[0],
             years[N - 1]);
    svg_chart c = { .title = title,
                    .desc = "Bars of each partner's risk-share allocations summed over every pool "
                            "it funds, by year: above zero a share of overspends it pays, below "
                            "zero a share of underspends returned to it.",
                    .n_x = (size_t)N, .x_labels = years };
    html_partner_bars(b, r->risk_share, r->n_partners, N, portfolio_partner, r, &c,
                      "Each partner's risk share over all the pools it funds; the table above "
                      "gives it to the penny.");
}

/* ---- tiers ---- */

static void tiers(sbuf *b, const scenario *sc, const struct portfolio_result *r,
                  const char *const *years)
{
    int N = r->years;
    size_t n = (size_t)N;
    char title[160];
    sb_puts(b, "<h3>By tier</h3>\n<p>A tier's cost is the cost of its pools less what they pass "
               "down to the pools below, so the tiers add up to the consolidated cost; a tier's "
               "gap is the sum of its pools' gaps.</p>\n");
    svg_series s[N_TIERS];
    size_t ns = 0;
    static const int colour[N_TIERS] = { 6, 0, 2 };
    for (int tier = 0; tier < N_TIERS; tier++)
        if (pools_in_tier(sc, tier) > 0)
            s[ns++] = (svg_series){ .name = tier_title[tier], .kind = SVG_BAR,
                                    .v = r->tier_cost + (size_t)tier * n,
                                    .colour = colour[tier] };
    snprintf(title, sizeof title, "Net cost by tier, %s to %s", years[0], years[N - 1]);
    svg_chart c = { .title = title,
                    .desc = "Stacked bars of each tier's net cost by year; each bar's height is "
                            "the consolidated cost.",
                    .n_x = (size_t)N, .x_labels = years, .unit = SVG_MONEY, .stacked = 1,
                    .height = 280 };
    html_figure_open(b);
    svg_chart_xy(b, &c, s, ns);
    html_figure_close(b, "Net cost by tier (cash).");

    for (html_years w = html_years_start(r->base_year, N, 1); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Cost and gap by tier (\xC2\xA3, cash)", "Tier");
        for (int tier = 0; tier < N_TIERS; tier++) {
            char label[64];
            snprintf(label, sizeof label, "%s cost", tier_title[tier]);
            if (tier > 0)
                html_table_group(b, 1);
            html_year_row(b, &w, label, r->tier_cost + (size_t)tier * n, 1, ROW_PLAIN);
            html_year_row(b, &w, "gap", r->tier_gap + (size_t)tier * n, 1, ROW_SUB);
        }
        html_table_group(b, 1);
        html_year_row(b, &w, "All tiers: cost", r->cost, 1, ROW_TOTAL);
        html_year_row(b, &w, "All tiers: gap", r->gap, 1, ROW_TOTAL);
        html_table_close(b);
    }
}

/* ---- pools ---- */

static void pools_summary(sbuf *b, const scenario *pf, const struct portfolio_result *r,
                          const char *const *years)
{
    int N = r->years;
    size_t n = (size_t)N;
    sb_puts(b, "<h3>The pools</h3>\n<p>Net cost leaves out the funding a pool passes down to "
               "the pools below it. A pool's variance includes the risk share those pools pass "
               "up to it, so pool variances do not add up to the consolidated variance. Cost "
               "per head is a year's net cost over the pool's population.</p>\n");
    sb_printf(b, "<div class=\"table-wrap\"><table class=\"inputs\"><caption>The pools, %s to "
                 "%s (\xC2\xA3, cash)</caption>\n<thead><tr><th scope=\"col\">Pool</th>"
                 "<th scope=\"col\">Parent pool</th><th scope=\"col\" class=\"num\">Population"
                 "</th><th scope=\"col\" class=\"num\">Net cost,<br>all years</th>"
                 "<th scope=\"col\" class=\"num\">Variance,<br>all years</th>"
                 "<th scope=\"col\" class=\"num\">Per head,<br>%s</th>"
                 "<th scope=\"col\" class=\"num\">Per head,<br>%s</th></tr></thead>\n",
              years[0], years[N - 1], years[0], years[N - 1]);
    for (int tier = 0; tier < N_TIERS; tier++) {
        size_t count = pools_in_tier(pf, tier);
        if (count == 0)
            continue;
        sb_printf(b, "<tbody class=\"group\">\n<tr class=\"total\"><th scope=\"rowgroup\" "
                     "colspan=\"7\">%s pools (%zu)</th></tr>\n", tier_title[tier], count);
        for (size_t i = 0; i < r->n_pools; i++) {
            const pool *pl = &pf->pools[i];
            if (pl->tier != tier)
                continue;
            const projection *p = &r->proj[i];
            double net = 0;
            for (int t = 0; t < N; t++)
                net += p->cost[t] - p->delegated[t];
            sb_puts(b, "<tr><th scope=\"row\">");
            sb_html(b, pool_label(pl));
            sb_puts(b, "</th><td>");
            sb_html(b, pl->parent >= 0 ? pool_label(&pf->pools[pl->parent]) : "-");
            sb_puts(b, "</td><td class=\"num\">");
            if (isnan(pl->population))
                sb_puts(b, "-");
            else
                html_number(b, pl->population, pl->population == floor(pl->population) ? 0 : 1);
            sb_puts(b, "</td>");
            td_money_num(b, net);
            td_money_num(b, sum(p->variance, N));
            sb_puts(b, "<td class=\"num\">");
            per_head(b, r->cost_per_head[i * n]);
            sb_puts(b, "</td><td class=\"num\">");
            per_head(b, r->cost_per_head[i * n + n - 1]);
            sb_puts(b, "</td></tr>\n");
        }
        sb_puts(b, "</tbody>\n");
    }
    sb_puts(b, "</table></div>\n");
}

/* Cost per head in the last year, a bar per pool with a population. */
static void per_head_chart(sbuf *b, const scenario *pf, const struct portfolio_result *r,
                           const char *const *years)
{
    size_t n = (size_t)r->years, shown = 0;
    svg_hbar *bars = calloc(r->n_pools ? r->n_pools : 1, sizeof *bars);
    char (*labels)[96] = calloc(r->n_pools ? r->n_pools : 1, sizeof *labels);
    if (!bars || !labels) {
        free(bars), free(labels);
        b->oom = 1;
        return;
    }
    for (int tier = 0; tier < N_TIERS; tier++)
        for (size_t i = 0; i < r->n_pools; i++) {
            const pool *pl = &pf->pools[i];
            double v = r->cost_per_head[i * n + n - 1];
            if (pl->tier != tier || isnan(v))
                continue;
            snprintf(labels[shown], sizeof labels[shown], "%s", pool_label(pl));
            bars[shown] = (svg_hbar){ labels[shown], 0.0, v };
            shown++;
        }
    if (shown > 0) {
        char title[128], legend[64];
        snprintf(title, sizeof title, "Cost per head by pool, %s", years[r->years - 1]);
        snprintf(legend, sizeof legend, "Net cost per head, %s", years[r->years - 1]);
        svg_chart c = { .title = title,
                        .desc = "Horizontal bars of each pool's net cost per head of population "
                                "in the last year, the system first, then the places, then the "
                                "neighbourhoods.",
                        .unit = SVG_MONEY };
        html_figure_open(b);
        svg_tornado(b, &c, bars, shown, 0.0, NULL, legend);
        html_figure_close(b, "Net cost per head of population by pool in the last year; the "
                             "table below gives every year.");
    }
    free(bars), free(labels);
}

static void pools_by_year(sbuf *b, const scenario *pf, const struct portfolio_result *r)
{
    int N = r->years;
    size_t n = (size_t)N;
    int any_population = 0;
    for (size_t i = 0; i < r->n_pools; i++)
        any_population |= !isnan(pf->pools[i].population);
    for (html_years w = html_years_start(r->base_year, N, 0); any_population && w.t0 < N;
         html_years_next(&w)) {
        html_year_table_open(b, &w, "Net cost per head by pool (\xC2\xA3)", "Pool");
        for (int tier = 0; tier < N_TIERS; tier++) {
            size_t count = pools_in_tier(pf, tier);
            if (count == 0)
                continue;
            html_table_group(b, 0);
            tier_row(b, &w, tier, count);
            for (size_t i = 0; i < r->n_pools; i++) {
                const pool *pl = &pf->pools[i];
                if (pl->tier != tier)
                    continue;
                html_row_open(b, pool_label(pl), ROW_SUB);
                for (int t = w.t0; t < w.t1; t++) {
                    sb_puts(b, "<td>");
                    per_head(b, r->cost_per_head[i * n + (size_t)t]);
                    sb_puts(b, "</td>");
                }
                sb_puts(b, "</tr>\n");
            }
        }
        html_table_close(b);
    }
    for (html_years w = html_years_start(r->base_year, N, 1); w.t0 < N; html_years_next(&w)) {
        html_year_table_open(b, &w, "Variance by pool (\xC2\xA3, cash; + overspend, - underspend, "
                                    "after the risk share cascaded from the pools below)", "Pool");
        for (int tier = 0; tier < N_TIERS; tier++) {
            size_t count = pools_in_tier(pf, tier);
            if (count == 0)
                continue;
            html_table_group(b, 0);
            tier_row(b, &w, tier, count);
            for (size_t i = 0; i < r->n_pools; i++) {
                const pool *pl = &pf->pools[i];
                if (pl->tier == tier)
                    html_year_row(b, &w, pool_label(pl), r->proj[i].variance, 1, ROW_SUB);
            }
        }
        html_table_close(b);
    }
}

/* Each pool's figures come from its own scenario file: name it and its
 * SHA-256, so a board can trace every pool to the file that was run. */
static void pool_files(sbuf *b, const scenario *pf)
{
    sb_puts(b, "<div class=\"table-wrap\"><table class=\"inputs\"><caption>The pools' scenario "
               "files</caption>\n<thead><tr><th scope=\"col\">Pool</th>"
               "<th scope=\"col\">File</th><th scope=\"col\">SHA-256 of the file</th></tr>"
               "</thead>\n<tbody>\n");
    for (size_t i = 0; i < pf->n_pools; i++) {
        const pool *pl = &pf->pools[i];
        sb_puts(b, "<tr><th scope=\"row\">");
        sb_html(b, pool_label(pl));
        sb_puts(b, "</th><td><code>");
        sb_html(b, pl->scenario ? html_base_name(pl->scenario->file) : "");
        sb_puts(b, "</code></td><td><code>");
        sb_html(b, pl->scenario ? pl->scenario->sha256 : "");
        sb_puts(b, "</code></td></tr>\n");
    }
    html_table_close(b);
}

void portfolio_html(sbuf *b, const scenario *sc, const struct portfolio_result *r)
{
    int N = r->years;
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
        years[t] = fy_label(r->base_year + t, labels[t]);

    sb_printf(b, "<p class=\"lead\">%zu pools at three tiers: %zu system, %zu place and %zu "
                 "neighbourhood. Pools run from the neighbourhoods up: each pool's over- or "
                 "underspend is shared under its own agreement, and a share put on the pool "
                 "above is shared again there. Money passed between pools is taken out of the "
                 "consolidated figures, so each partner's figures below are its whole exposure "
                 "across the pools it funds.</p>\n", r->n_pools, pools_in_tier(sc, TIER_SYSTEM),
              pools_in_tier(sc, TIER_PLACE), pools_in_tier(sc, TIER_NEIGHBOURHOOD));
    double cost = sum(r->cost, N), contrib = sum(r->contributions_total, N);
    double gap = sum(r->gap, N), variance = sum(r->variance, N);
    sb_puts(b, "<div class=\"key\">");
    const struct { const char *label; double v; const char *cls; } key[] = {
        { "Net cost over the period", cost, NULL },
        { "Contributions", contrib, NULL },
        { gap >= 0 ? "Gap before savings" : "Surplus before savings", fabs(gap),
          gap > 0 ? "bad" : "good" },
        { variance > 0 ? "Net overspend after expected savings"
                       : "Net underspend after expected savings",
          fabs(variance), variance > 0 ? "bad" : "good" },
    };
    for (size_t k = 0; k < sizeof key / sizeof key[0]; k++) {
        sb_printf(b, "<div%s%s%s><span class=\"label\">", key[k].cls ? " class=\"" : "",
                  key[k].cls ? key[k].cls : "", key[k].cls ? "\"" : "");
        sb_html(b, key[k].label);
        sb_puts(b, "</span><span class=\"value\">");
        html_money(b, key[k].v);
        sb_puts(b, "</span></div>");
    }
    sb_puts(b, "</div>\n");

    consolidated_chart(b, r, years);
    consolidated_table(b, r);
    partners_chart(b, r, years);
    tiers(b, sc, r, years);
    pools_summary(b, sc, r, years);
    per_head_chart(b, sc, r, years);
    pools_by_year(b, sc, r);
    pool_files(b, sc);
    free(labels), free(years);
}

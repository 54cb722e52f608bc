/* MODEL.md §11 in the report formats: the `monitoring` JSON object, tidy CSV
 * rows, and the text a pooled fund manager sends the partners. Nothing here
 * computes beyond the differences the report shows. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sections.h"
#include "monitor.h"
#include "reader.h"
#include "report.h"
#include "textwidth.h"

static const char *const month_name[12] = { "April", "May", "June", "July", "August",
                                            "September", "October", "November", "December",
                                            "January", "February", "March" };
static const char *const quarter_span[4] = { "April to June", "July to September",
                                             "October to December", "January to March" };

/* ---- JSON ---- */

void monitoring_json(jw *w, const scenario *sc, const struct monitoring_result *m)
{
    char label[8];
    jw_object(w, "monitoring");
    jw_string(w, "year", fy_label(m->year, label));
    jw_string(w, "method", monitor_method_key[m->method]);
    /* Only categories with actuals: the others are forecast at budget and
     * enter forecast_cost without a line of their own. */
    jw_array(w, "categories");
    for (int c = 0; c < N_CATEGORIES; c++) {
        const monitor_category *k = &m->cat[c];
        if (k->months == 0)
            continue;
        jw_object(w, NULL);
        jw_string(w, "category", monitor_category_key[c]);
        jw_int(w, "months", k->months);
        jw_number(w, "budget", k->budget);
        jw_number(w, "budget_to_date", k->budget_to_date);
        jw_number(w, "actual_to_date", k->actual_to_date);
        jw_number(w, "variance_to_date", k->actual_to_date - k->budget_to_date);
        jw_number(w, "forecast", k->forecast);
        jw_number(w, "forecast_variance", k->forecast - k->budget);
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_number(w, "forecast_cost", m->forecast_cost);
    jw_number(w, "contributions_total", m->contributions_total);
    jw_number(w, "forecast_variance", m->forecast_variance);
    jw_number(w, "plan_variance", m->plan_variance);
    jw_object(w, "risk_share");
    for (size_t i = 0; i < m->n_partners; i++)
        jw_pence(w, sc->partners[i].id, m->risk_share[i]);
    jw_end_object(w);
    jw_pence(w, "unallocated", m->unallocated);
    jw_array(w, "quarters");
    for (int q = 0; q < m->n_quarters; q++) {
        char name[16];
        snprintf(name, sizeof name, "Q%d", q + 1);
        jw_object(w, NULL);
        jw_string(w, "quarter", name);
        jw_number(w, "budget", m->quarters[q].budget);
        jw_number(w, "actual", m->quarters[q].actual);
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_end_object(w);
}

/* ---- CSV: section,item,year,value ---- */

void monitoring_csv(sbuf *b, const scenario *sc, const struct monitoring_result *m)
{
    int y = m->year;
    char row[64];
    for (int c = 0; c < N_CATEGORIES; c++) {
        const monitor_category *k = &m->cat[c];
        if (k->months == 0)
            continue;
        const char *key = monitor_category_key[c];
        const struct { const char *name; double v; } cols[] = {
            { "months", (double)k->months },
            { "budget", k->budget },
            { "budget_to_date", k->budget_to_date },
            { "actual_to_date", k->actual_to_date },
            { "variance_to_date", k->actual_to_date - k->budget_to_date },
            { "forecast", k->forecast },
            { "forecast_variance", k->forecast - k->budget },
        };
        for (size_t j = 0; j < sizeof cols / sizeof cols[0]; j++) {
            snprintf(row, sizeof row, "%s %s", key, cols[j].name);
            csv_value(b, "monitoring", row, y, cols[j].v);
        }
    }
    csv_value(b, "monitoring", "forecast_cost", y, m->forecast_cost);
    csv_value(b, "monitoring", "contributions_total", y, m->contributions_total);
    csv_value(b, "monitoring", "forecast_variance", y, m->forecast_variance);
    csv_value(b, "monitoring", "plan_variance", y, m->plan_variance);
    for (size_t i = 0; i < m->n_partners; i++)
        csv_value(b, "monitoring_risk_share", sc->partners[i].id, y,
                  (double)m->risk_share[i] / 100.0);
    csv_value(b, "monitoring_risk_share", "unallocated", y, (double)m->unallocated / 100.0);
    for (int q = 0; q < m->n_quarters; q++) {
        snprintf(row, sizeof row, "Q%d budget", q + 1);
        csv_value(b, "monitoring_quarter", row, y, m->quarters[q].budget);
        snprintf(row, sizeof row, "Q%d actual", q + 1);
        csv_value(b, "monitoring_quarter", row, y, m->quarters[q].actual);
    }
}

/* ---- text ---- */

#define MON_LABEL 22
#define MON_COL 13
#define MON_MONTHS 7

/* "1,234,567" (or with pence "1,234,567.89") right-aligned in width. */
static void money_cell(sbuf *b, double v, int width)
{
    sbuf tmp;
    sb_init(&tmp);
    sb_money(&tmp, v);
    sb_printf(b, "%*s", width, tmp.s ? tmp.s : "?");
    sb_free(&tmp);
}

static void pence_cell(sbuf *b, int64_t pence, int width)
{
    int64_t a = pence < 0 ? -pence : pence;
    sbuf tmp;
    sb_init(&tmp);
    sb_money(&tmp, (double)(a / 100));
    char s[48];
    snprintf(s, sizeof s, "%s%s.%02lld", pence < 0 ? "-" : "", tmp.s ? tmp.s : "?",
             (long long)(a % 100));
    sb_free(&tmp);
    sb_printf(b, "%*s", width, s);
}

static void rule(sbuf *b, int width)
{
    for (int i = 0; i < width; i++)
        sb_putc(b, '-');
    sb_putc(b, '\n');
}

static void label_cell(sbuf *b, const char *s, int width)
{
    sb_label_cell(b, s, width);
}

static void shares_words(sbuf *b, const scenario *sc, const double *shares)
{
    const char *sep = "";
    for (size_t i = 0; i < sc->n_partners; i++)
        if (shares[i] != 0) {
            sb_printf(b, "%s%s %.4g%%", sep, sc->partners[i].id, shares[i] * 100);
            sep = ", ";
        }
}

/* The agreement's rule in a line, so a partner can check its share. */
static void rule_words(sbuf *b, const scenario *sc, const rs_rule *r)
{
    switch (r->kind) {
    case RS_PROPORTIONAL:
        sb_puts(b, "in proportion to contributions");
        break;
    case RS_FIXED:
        sb_puts(b, "by fixed shares: ");
        shares_words(b, sc, r->shares);
        break;
    case RS_TIERED:
        sb_puts(b, "in tiers: ");
        for (size_t k = 0; k < r->n_tiers; k++) {
            const rs_tier *t = &r->tiers[k];
            if (k > 0)
                sb_puts(b, "; ");
            if (k + 1 < r->n_tiers) {
                sb_puts(b, "up to ");
                sb_money(b, t->up_to);
            } else {
                sb_puts(b, k > 0 ? "above that" : "all");
            }
            sb_puts(b, " ");
            if (t->shares)
                shares_words(b, sc, t->shares);
            else
                sb_puts(b, "in proportion to contributions");
        }
        break;
    }
    if (r->caps) {
        sb_puts(b, "; capped: ");
        const char *sep = "";
        for (size_t i = 0; i < sc->n_partners; i++)
            if (r->caps[i] < INFINITY) {
                sb_printf(b, "%s%s at ", sep, sc->partners[i].id);
                sb_money(b, r->caps[i]);
                sep = ", ";
            }
    }
}

static void heading(sbuf *b, const struct monitoring_result *m)
{
    char label[8];
    int lo = 12, hi = 0;
    for (int c = 0; c < N_CATEGORIES; c++) {
        int n = m->cat[c].months;
        if (n > 0 && n < lo)
            lo = n;
        if (n > hi)
            hi = n;
    }
    sb_printf(b, "\nIn-year monitoring, %s\n", fy_label(m->year, label));
    if (hi == 0) {
        sb_puts(b, "No actuals yet.\n");
    } else if (lo == hi) {
        int cal = m->year + (hi > 9 ? 1 : 0);
        sb_printf(b, "Position at month %d: actuals to the end of %s %d.\n", hi,
                  month_name[hi - 1], cal);
    } else {
        sb_puts(b, "Actuals to month");
        const char *sep = " ";
        for (int c = 0; c < N_CATEGORIES; c++)
            if (m->cat[c].months > 0) {
                sb_printf(b, "%s%d (%s, %s)", sep, m->cat[c].months, monitor_category_key[c],
                          month_name[m->cat[c].months - 1]);
                sep = ", ";
            }
        sb_puts(b, ".\n");
    }
    switch (m->method) {
    case MONITOR_RUN_RATE:
        sb_printf(b, "Forecast by run rate: each remaining month at the mean of the last %d "
                  "months of actuals%s.\n", m->run_rate_months,
                  lo < m->run_rate_months ? " (all of them where there are fewer)" : "");
        break;
    case MONITOR_PROFILE:
        sb_puts(b, "Forecast by profile: actuals to date, then the rest of the year at "
                "budget.\n");
        break;
    case MONITOR_TREND:
        sb_puts(b, "Forecast by trend: actuals to date, then the least-squares line through "
                "the months so far.\n");
        break;
    }
}

static void categories_text(sbuf *b, const struct monitoring_result *m)
{
    int width = MON_LABEL + MON_MONTHS + 6 * MON_COL;
    sb_puts(b, "\nBudget against actual (GBP)\n");
    sb_printf(b, "%-*s%*s%*s%*s%*s%*s%*s%*s\n", MON_LABEL, "", MON_MONTHS, "", MON_COL,
              "Annual", MON_COL, "Budget", MON_COL, "Actual", MON_COL, "Variance", MON_COL,
              "Forecast", MON_COL, "Forecast");
    sb_printf(b, "%-*s%*s%*s%*s%*s%*s%*s%*s\n", MON_LABEL, "Category", MON_MONTHS, "Months",
              MON_COL, "budget", MON_COL, "to date", MON_COL, "to date", MON_COL, "to date",
              MON_COL, "outturn", MON_COL, "variance");
    rule(b, width);
    double budget = 0, btd = 0, atd = 0;
    int without = 0;
    for (int c = 0; c < N_CATEGORIES; c++) {
        const monitor_category *k = &m->cat[c];
        label_cell(b, monitor_category_label[c], MON_LABEL);
        budget += k->budget;
        if (k->months > 0) {
            sb_printf(b, "%*d", MON_MONTHS, k->months);
            money_cell(b, k->budget, MON_COL);
            money_cell(b, k->budget_to_date, MON_COL);
            money_cell(b, k->actual_to_date, MON_COL);
            money_cell(b, k->actual_to_date - k->budget_to_date, MON_COL);
            btd += k->budget_to_date;
            atd += k->actual_to_date;
        } else {
            without = 1;
            sb_printf(b, "%*s", MON_MONTHS, "-");
            money_cell(b, k->budget, MON_COL);
            sb_printf(b, "%*s%*s%*s", MON_COL, "-", MON_COL, "-", MON_COL, "-");
        }
        money_cell(b, k->forecast, MON_COL);
        money_cell(b, k->forecast - k->budget, MON_COL);
        sb_putc(b, '\n');
    }
    rule(b, width);
    label_cell(b, "Total", MON_LABEL);
    sb_printf(b, "%*s", MON_MONTHS, "");
    money_cell(b, budget, MON_COL);
    money_cell(b, btd, MON_COL);
    money_cell(b, atd, MON_COL);
    money_cell(b, atd - btd, MON_COL);
    money_cell(b, m->forecast_cost, MON_COL);
    money_cell(b, m->forecast_cost - budget, MON_COL);
    sb_putc(b, '\n');
    sb_puts(b, "Variances: + spending above budget, - below.");
    if (without)
        sb_puts(b, " A category without actuals is forecast at budget.");
    sb_putc(b, '\n');
}

static void position_text(sbuf *b, const struct monitoring_result *m)
{
    const int L = 58;
    sb_puts(b, "\nYear-end position (GBP)\n");
    rule(b, L + MON_COL + 2);
    label_cell(b, "Forecast outturn", L);
    money_cell(b, m->forecast_cost, MON_COL + 2);
    sb_putc(b, '\n');
    label_cell(b, "Partners' contributions", L);
    money_cell(b, m->contributions_total, MON_COL + 2);
    sb_putc(b, '\n');
    label_cell(b, "Forecast variance (+ overspend / - underspend)", L);
    money_cell(b, m->forecast_variance, MON_COL + 2);
    sb_putc(b, '\n');
    label_cell(b, "Plan variance (the budget, after expected savings)", L);
    money_cell(b, m->plan_variance, MON_COL + 2);
    sb_putc(b, '\n');
    label_cell(b, "Forecast against plan (+ worse / - better)", L);
    money_cell(b, m->forecast_variance - m->plan_variance, MON_COL + 2);
    sb_putc(b, '\n');
}

static void shares_text(sbuf *b, const scenario *sc, const struct monitoring_result *m)
{
    int over = m->forecast_variance > 0;
    int L = 30;
    for (size_t i = 0; i < m->n_partners; i++) {
        int n = (int)strlen(sc->partners[i].name);
        if (n > L)
            L = n < 64 ? n : 64;
    }
    L += 2;
    const rs_rule *r = over ? &sc->risk_share.overspend : &sc->risk_share.underspend;
    sb_printf(b, "\nIf the forecast holds: each partner's share of the %s (GBP)\n",
              over ? "overspend" : "underspend");
    sb_printf(b, "The agreement shares an %s ", over ? "overspend" : "underspend");
    rule_words(b, sc, r);
    sb_puts(b, ".\n");
    label_cell(b, "Partner", L);
    sb_printf(b, "%*s%*s\n", MON_COL + 2, "Contribution", MON_COL + 4, "Share");
    rule(b, L + 2 * MON_COL + 6);
    int64_t total = m->unallocated;
    for (size_t i = 0; i < m->n_partners; i++) {
        label_cell(b, sc->partners[i].name, L);
        money_cell(b, m->contributions[i], MON_COL + 2);
        pence_cell(b, m->risk_share[i], MON_COL + 4);
        sb_putc(b, '\n');
        total += m->risk_share[i];
    }
    if (m->unallocated != 0 || r->caps) {
        label_cell(b, "Unallocated (above the caps)", L);
        sb_printf(b, "%*s", MON_COL + 2, "");
        pence_cell(b, m->unallocated, MON_COL + 4);
        sb_putc(b, '\n');
    }
    rule(b, L + 2 * MON_COL + 6);
    label_cell(b, "Total: the forecast variance", L);
    money_cell(b, m->contributions_total, MON_COL + 2);
    pence_cell(b, total, MON_COL + 4);
    sb_putc(b, '\n');
}

static void quarters_text(sbuf *b, const struct monitoring_result *m)
{
    const int L = 30;
    sb_puts(b, "\nCompleted quarters (GBP; categories with actuals)\n");
    if (m->n_quarters == 0) {
        sb_puts(b, "No quarter is complete yet in every category with actuals.\n");
        return;
    }
    label_cell(b, "Quarter", L);
    sb_printf(b, "%*s%*s%*s\n", MON_COL, "Budget", MON_COL, "Actual", MON_COL, "Variance");
    rule(b, L + 3 * MON_COL);
    for (int q = 0; q < m->n_quarters; q++) {
        char name[40];
        snprintf(name, sizeof name, "Q%d (%s)", q + 1, quarter_span[q]);
        label_cell(b, name, L);
        money_cell(b, m->quarters[q].budget, MON_COL);
        money_cell(b, m->quarters[q].actual, MON_COL);
        money_cell(b, m->quarters[q].actual - m->quarters[q].budget, MON_COL);
        sb_putc(b, '\n');
    }
}

void monitoring_text(sbuf *b, const scenario *sc, const struct monitoring_result *m)
{
    heading(b, m);
    categories_text(b, m);
    position_text(b, m);
    shares_text(b, sc, m);
    quarters_text(b, m);
}

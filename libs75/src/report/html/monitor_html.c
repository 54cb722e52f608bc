/* In-year monitoring (MODEL.md §11) in the HTML board paper, as the pooled fund
 * manager's paper to the partners: budget against actual to date, the
 * forecast outturn, the year-end position and what each partner would bear
 * if the forecast holds (report_html.h says how a section is written).
 * Every figure in a table is the JSON's, from the same double; the shares
 * from the same whole pence. It computes nothing the model has not: the
 * month-by-month rows are the scenario's actuals and each category's budget
 * spread by its profile, as monitor.c spreads it for the quarters. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sections.h"
#include "monitor.h"
#include "reader.h"
#include "report_html.h"
#include "svg.h"


static const char *const month_name[MONTHS] = { "April", "May", "June", "July", "August",
                                                "September", "October", "November", "December",
                                                "January", "February", "March" };
static const char *const month_short[MONTHS] = { "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                 "Oct", "Nov", "Dec", "Jan", "Feb", "Mar" };
static const char *const category_words[N_CATEGORIES] = { "pay", "agency", "non-pay" };
static const char *const quarter_span[4] = { "April to June", "July to September",
                                             "October to December", "January to March" };

/* ---- cells ---- */

/* cls: "years", or "years narrow" for a short table of a few figures. */
static void table_open_as(sbuf *b, const char *cls, const char *caption, const char *const *heads,
                          size_t n)
{
    sb_printf(b, "<div class=\"table-wrap\"><table class=\"%s\"><caption>", cls);
    sb_html(b, caption);
    sb_puts(b, "</caption>\n<thead><tr>");
    for (size_t i = 0; i < n; i++) {
        sb_puts(b, "<th scope=\"col\">");
        sb_html(b, heads[i]);
        sb_puts(b, "</th>");
    }
    sb_puts(b, "</tr></thead>\n<tbody>\n");
}

static void table_open(sbuf *b, const char *caption, const char *const *heads, size_t n)
{
    table_open_as(b, "years", caption, heads, n);
}

static void td_pence(sbuf *b, int64_t pence)
{
    sb_puts(b, "<td>");
    html_pence(b, pence);
    sb_puts(b, "</td>");
}

static void td_dash(sbuf *b)
{
    sb_puts(b, "<td>-</td>");
}

/* ---- words ---- */

/* Months of actuals: the same in every category that has any (m), or they
 * differ (lo < hi); 0 when there are none. */
static void months_range(const struct monitoring_result *m, int *lo, int *hi)
{
    *lo = MONTHS, *hi = 0;
    for (int c = 0; c < N_CATEGORIES; c++) {
        int k = m->cat[c].months;
        if (k > 0 && k < *lo)
            *lo = k;
        if (k > *hi)
            *hi = k;
    }
    if (*hi == 0)
        *lo = 0;
}

/* Where the year stands, after "The position for 2025/26 ": "at month 6
 * (actuals to the end of September 2025)", or with the months of each
 * category when they differ. */
static void position_words(sbuf *b, const struct monitoring_result *m)
{
    int lo, hi;
    months_range(m, &lo, &hi);
    if (hi == 0) {
        sb_puts(b, "with no actuals yet");
        return;
    }
    if (lo == hi) {
        sb_printf(b, "at month %d (actuals to the end of %s %d)", hi, month_name[hi - 1],
                  m->year + (hi > 9 ? 1 : 0));
        return;
    }
    sb_puts(b, "with actuals to the end of ");
    int shown = 0, with = 0;
    for (int c = 0; c < N_CATEGORIES; c++)
        with += m->cat[c].months > 0;
    for (int c = 0; c < N_CATEGORIES; c++) {
        int k = m->cat[c].months;
        if (k == 0)
            continue;
        sb_puts(b, shown == 0 ? "" : shown + 1 == with ? " and " : ", ");
        sb_printf(b, "%s %d (%s)", month_name[k - 1], m->year + (k > 9 ? 1 : 0),
                  category_words[c]);
        shown++;
    }
}

static void method_words(sbuf *b, const struct monitoring_result *m)
{
    int lo, hi;
    months_range(m, &lo, &hi);
    switch (m->method) {
    case MONITOR_PROFILE:
        sb_puts(b, "The forecast outturn is the actuals to date and the rest of the year at "
                   "budget, by each category's monthly profile.");
        break;
    case MONITOR_TREND:
        sb_puts(b, "The forecast outturn is the actuals to date and, for each remaining month, "
                   "the least-squares straight line through the months so far.");
        break;
    default:
        sb_printf(b, "The forecast outturn is the actuals to date and each remaining month at "
                     "the run rate: the mean of the last %d months of actuals%s.",
                  m->run_rate_months,
                  lo > 0 && lo < m->run_rate_months ? " (all of them where there are fewer)" : "");
        break;
    }
    for (int c = 0; c < N_CATEGORIES; c++)
        if (m->cat[c].months == 0) {
            sb_puts(b, " A category without actuals is forecast at its budget.");
            break;
        }
}

static const char *direction(double v, const char *over, const char *under)
{
    return v > 0 ? over : under;
}

/* ---- summary ---- */

void monitoring_html_summary(sbuf *b, const scenario *sc, const struct monitoring_result *m)
{
    char y[8];
    double fv = m->forecast_variance, against_plan = fv - m->plan_variance;
    sb_printf(b, "<li>In-year monitoring of %s ", fy_label(m->year, y));
    position_words(b, m);
    sb_puts(b, ": the forecast outturn is <strong>");
    html_money(b, m->forecast_cost);
    sb_puts(b, "</strong> against contributions of ");
    html_money(b, m->contributions_total);
    if (fv == 0) {
        sb_puts(b, ", a break-even position");
    } else {
        sb_printf(b, ", a forecast %s of <strong>", direction(fv, "overspend", "underspend"));
        html_money(b, fabs(fv));
        sb_puts(b, "</strong>");
    }
    if (against_plan != 0) {
        sb_puts(b, " (");
        html_money(b, fabs(against_plan));
        sb_printf(b, " %s than the plan)", direction(against_plan, "worse", "better"));
    }
    sb_puts(b, ".");
    if (fv != 0 && m->n_partners > 0) {
        sb_puts(b, fv > 0 ? " If it holds, the overspend falls to "
                          : " If it holds, the underspend goes back to ");
        for (size_t i = 0; i < m->n_partners; i++) {
            int64_t share = m->risk_share[i];
            sb_puts(b, i == 0 ? "" : i + 1 == m->n_partners ? " and " : ", ");
            sb_html(b, html_partner_name(&sc->partners[i]));
            sb_puts(b, " (");
            html_pence(b, share < 0 ? -share : share);
            sb_puts(b, ")");
        }
        if (m->unallocated != 0) {
            sb_puts(b, ", with ");
            html_pence(b, m->unallocated < 0 ? -m->unallocated : m->unallocated);
            sb_puts(b, " unallocated above the caps");
        }
        sb_puts(b, ".");
    }
    sb_puts(b, "</li>\n");
}

/* ---- the section ---- */

static void key_figures(sbuf *b, const struct monitoring_result *m)
{
    double fv = m->forecast_variance, against = fv - m->plan_variance;
    sb_puts(b, "<div class=\"key\">");
    html_key_figure(b, "Forecast outturn", m->forecast_cost, NULL);
    html_key_figure(b, "Contributions", m->contributions_total, NULL);
    html_key_figure(b, fv > 0 ? "Forecast overspend" : "Forecast underspend", fabs(fv),
                    fv > 0 ? "bad" : "good");
    html_key_figure(b, against > 0 ? "Worse than the plan by" : "Better than the plan by",
                    fabs(against), against > 0 ? "bad" : "good");
    sb_puts(b, "</div>\n");
}

static void categories_table(sbuf *b, const struct monitoring_result *m)
{
    static const char *const heads[] = { "Category", "Months", "Annual budget",
                                         "Budget to date", "Actual to date",
                                         "Variance to date", "Forecast outturn",
                                         "Forecast variance" };
    char caption[96], y[8];
    snprintf(caption, sizeof caption, "Budget against actual, %s (\xC2\xA3, cash)",
             fy_label(m->year, y));
    table_open(b, caption, heads, sizeof heads / sizeof heads[0]);
    double budget = 0, btd = 0, atd = 0;
    int without = 0;
    for (int c = 0; c < N_CATEGORIES; c++) {
        const monitor_category *k = &m->cat[c];
        html_row_open(b, monitor_category_label[c], ROW_PLAIN);
        budget += k->budget;
        if (k->months > 0) {
            sb_printf(b, "<td>%d</td>", k->months);
            html_td_money(b, k->budget);
            html_td_money(b, k->budget_to_date);
            html_td_money(b, k->actual_to_date);
            html_td_money(b, k->actual_to_date - k->budget_to_date);
            btd += k->budget_to_date;
            atd += k->actual_to_date;
        } else {
            without = 1;
            td_dash(b);
            html_td_money(b, k->budget);
            td_dash(b), td_dash(b), td_dash(b);
        }
        html_td_money(b, k->forecast);
        html_td_money(b, k->forecast - k->budget);
        sb_puts(b, "</tr>\n");
    }
    html_row_open(b, "Total", ROW_TOTAL);
    sb_puts(b, "<td></td>");
    html_td_money(b, budget);
    html_td_money(b, btd);
    html_td_money(b, atd);
    html_td_money(b, atd - btd);
    html_td_money(b, m->forecast_cost);
    html_td_money(b, m->forecast_cost - budget);
    sb_puts(b, "</tr>\n");
    html_table_close(b);
    sb_puts(b, "<p class=\"note\">The annual budget is the projection's figure for the year; "
               "the budget to date is that budget spread over the months by the category's "
               "profile. Variances: + spending above budget, - below.");
    if (without)
        sb_puts(b, " A category without actuals is forecast at its budget.");
    sb_puts(b, "</p>\n");
}

static void position_table(sbuf *b, const struct monitoring_result *m)
{
    static const char *const heads[] = { "", "\xC2\xA3" };
    char y[8];
    sb_printf(b, "<h3>The year-end position</h3>\n<p>The forecast variance is the forecast "
                 "outturn less the partners' contributions for %s. Actuals already carry whatever "
                 "savings have been delivered, so expected savings are not taken off again. The "
                 "plan's variance is the projection's for the year, after the savings expected.</p>\n",
              fy_label(m->year, y));
    table_open_as(b, "years narrow",
                  "Forecast against contributions and the plan (\xC2\xA3, cash)", heads, 2);
    html_row_open(b, "Forecast outturn", ROW_PLAIN);
    html_td_money(b, m->forecast_cost);
    sb_puts(b, "</tr>\n");
    html_row_open(b, "Partners' contributions", ROW_PLAIN);
    html_td_money(b, m->contributions_total);
    sb_puts(b, "</tr>\n");
    html_row_open(b, "Forecast variance (+ overspend, - underspend)", ROW_TOTAL);
    html_td_money(b, m->forecast_variance);
    sb_puts(b, "</tr>\n");
    html_row_open(b, "The plan's variance (after expected savings)", ROW_PLAIN);
    html_td_money(b, m->plan_variance);
    sb_puts(b, "</tr>\n");
    html_row_open(b, "Forecast against the plan (+ worse, - better)", ROW_TOTAL);
    html_td_money(b, m->forecast_variance - m->plan_variance);
    sb_puts(b, "</tr>\n");
    html_table_close(b);
}

static void shares_table(sbuf *b, const scenario *sc, const struct monitoring_result *m)
{
    double fv = m->forecast_variance;
    const rs_rule *r = fv > 0 ? &sc->risk_share.overspend : &sc->risk_share.underspend;
    const char *what = fv > 0 ? "overspend" : "underspend";
    sb_printf(b, "<h3>Each partner's share if the forecast holds</h3>\n<p>The agreement shares "
                 "an %s ", what);
    html_rule_words(b, sc, r);
    sb_puts(b, ". The shares are in whole pence and add up to the forecast variance exactly");
    sb_puts(b, fv < 0 ? "; an underspend goes back to the partners, so its shares are negative."
                      : ".");
    sb_puts(b, "</p>\n");
    static const char *const heads[] = { "Partner", "Contribution", "Share of contributions",
                                         "Share of the forecast variance" };
    table_open(b, "Forecast variance shared under the agreement (\xC2\xA3; shares to the penny)",
               heads, 4);
    int64_t total = m->unallocated;
    for (size_t i = 0; i < m->n_partners; i++) {
        html_row_open(b, html_partner_name(&sc->partners[i]), ROW_PLAIN);
        html_td_money(b, m->contributions[i]);
        sb_puts(b, "<td>");
        html_rate_cell(b, m->contributions_total != 0 ? m->contributions[i] / m->contributions_total
                                                 : NAN, 1);
        sb_puts(b, "</td>");
        td_pence(b, m->risk_share[i]);
        sb_puts(b, "</tr>\n");
        total += m->risk_share[i];
    }
    if (m->unallocated != 0 || r->caps) {
        html_row_open(b, "Unallocated (above the caps)", ROW_PLAIN);
        sb_puts(b, "<td></td><td></td>");
        td_pence(b, m->unallocated);
        sb_puts(b, "</tr>\n");
    }
    html_row_open(b, "Total", ROW_TOTAL);
    html_td_money(b, m->contributions_total);
    sb_puts(b, "<td></td>");
    td_pence(b, total);
    sb_puts(b, "</tr>\n");
    html_table_close(b);
}

static void quarters_table(sbuf *b, const struct monitoring_result *m)
{
    sb_puts(b, "<h3>Completed quarters</h3>\n");
    if (m->n_quarters == 0) {
        sb_puts(b, "<p>No quarter is complete yet in every category with actuals.</p>\n");
        return;
    }
    static const char *const heads[] = { "Quarter", "Budget", "Actual", "Variance" };
    table_open_as(b, "years narrow", "Budget against actual by quarter (\xC2\xA3, cash; the categories with "
                  "actuals)", heads, 4);
    for (int q = 0; q < m->n_quarters; q++) {
        char name[40];
        snprintf(name, sizeof name, "Q%d (%s)", q + 1, quarter_span[q]);
        html_row_open(b, name, ROW_PLAIN);
        html_td_money(b, m->quarters[q].budget);
        html_td_money(b, m->quarters[q].actual);
        html_td_money(b, m->quarters[q].actual - m->quarters[q].budget);
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
}

/* "pay and agency": the categories a chart covers when not all have actuals. */
static void covered_words(sbuf *b, const monitor_months *v)
{
    for (int k = 0; k < v->n_cats; k++) {
        sb_puts(b, k == 0 ? "" : k + 1 == v->n_cats ? " and " : ", ");
        sb_puts(b, category_words[v->cats[k]]);
    }
}

static void months_chart(sbuf *b, const monitor_months *v, const struct monitoring_result *m)
{
    char y[8];
    int partial = v->n_cats < N_CATEGORIES;
    sbuf title, d, cap;
    sb_init(&title), sb_init(&d), sb_init(&cap);
    sb_printf(&title, "Cumulative budget against actual, %s", fy_label(m->year, y));
    if (partial) {
        sb_puts(&title, ": ");
        covered_words(&title, v);
    }
    sb_puts(&d, "Bars of the cumulative budget by month and a line of the cumulative actual spend");
    if (v->last < MONTHS) {
        sb_printf(&d, ", to %s, and the forecast from there to the year-end outturn of ",
                  month_name[v->last - 1]);
        html_money(&d, v->outturn);
        sb_puts(&d, " against a budget of ");
        html_money(&d, v->cum_budget[MONTHS - 1]);
    }
    sb_puts(&d, ".");
    sb_puts(&cap, "Cumulative budget (bars) and actual spend (line) by month");
    if (partial) {
        sb_puts(&cap, " of the categories with actuals (");
        covered_words(&cap, v);
        sb_puts(&cap, "; the others are forecast at budget)");
    }
    sb_puts(&cap, v->last < MONTHS ? "; the forecast line runs straight from the spend to date to "
                                     "the forecast outturn in March (the months between only join "
                                     "the two)."
                                   : ".");
    svg_series s[] = {
        { .name = "Budget (cumulative, by profile)", .kind = SVG_BAR, .v = v->cum_budget,
          .colour = 4 },
        { .name = "Actual (cumulative)", .kind = SVG_LINE, .v = v->cum_actual, .colour = 0 },
        { .name = "Forecast to the year-end outturn", .kind = SVG_LINE, .v = v->forecast_line,
          .colour = 5, .dashed = 1 },
    };
    if (title.oom || d.oom || cap.oom) {
        b->oom = 1;
    } else {
        svg_chart c = { .title = title.s, .desc = d.s, .n_x = MONTHS, .x_labels = month_short,
                        .unit = SVG_MONEY };
        html_figure_open(b);
        svg_chart_xy(b, &c, s, v->last < MONTHS ? 3 : 2);
        html_figure_close(b, cap.s);
    }
    sb_free(&title), sb_free(&d), sb_free(&cap);
}

/* Months down the side: a monitoring statement reads month by month. */
static void months_table(sbuf *b, const scenario *sc, const monitor_months *v,
                         const struct monitoring_result *m)
{
    const monitoring_spec *ms = &sc->monitoring;
    char y[8];
    sb_printf(b, "<div class=\"table-wrap\"><table class=\"years\"><caption>Budget and actual "
                 "by month, %s (\xC2\xA3, cash)</caption>\n<thead><tr><th scope=\"col\" "
                 "rowspan=\"2\">Month</th>", fy_label(m->year, y));
    for (int k = 0; k < v->n_cats; k++) {
        sb_puts(b, "<th scope=\"colgroup\" colspan=\"2\" class=\"group\">");
        sb_html(b, monitor_category_label[v->cats[k]]);
        sb_puts(b, "</th>");
    }
    sb_puts(b, "<th scope=\"colgroup\" colspan=\"3\" class=\"group\">Cumulative</th></tr>\n<tr>");
    for (int k = 0; k < v->n_cats; k++)
        sb_puts(b, "<th scope=\"col\">Budget</th><th scope=\"col\">Actual</th>");
    sb_puts(b, "<th scope=\"col\">Budget</th><th scope=\"col\">Actual</th>"
               "<th scope=\"col\">Variance</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < MONTHS; i++) {
        char label[32];
        snprintf(label, sizeof label, "%s %d", month_name[i], m->year + (i > 8 ? 1 : 0));
        html_row_open(b, label, ROW_PLAIN);
        for (int k = 0; k < v->n_cats; k++) {
            int c = v->cats[k];
            html_td_money(b, v->budget[k][i]);
            if (i < m->cat[c].months)
                html_td_money(b, ms->actuals[c][i]);
            else
                sb_puts(b, "<td></td>");
        }
        html_td_money(b, v->cum_budget[i]);
        if (i < v->last) {
            html_td_money(b, v->cum_actual[i]);
            html_td_money(b, v->cum_actual[i] - v->cum_budget[i]);
        } else {
            sb_puts(b, "<td></td><td></td>");
        }
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
}

void monitoring_html(sbuf *b, const scenario *sc, const struct monitoring_result *m)
{
    char y[8];
    double fv = m->forecast_variance;
    sb_printf(b, "<p class=\"lead\">The position for %s ", fy_label(m->year, y));
    position_words(b, m);
    sb_puts(b, ". The forecast outturn is ");
    html_money(b, m->forecast_cost);
    sb_puts(b, " against the partners' contributions of ");
    html_money(b, m->contributions_total);
    if (fv == 0)
        sb_puts(b, ": the pool is forecast to break even");
    else {
        sb_printf(b, ": a forecast %s of ", direction(fv, "overspend", "underspend"));
        html_money(b, fabs(fv));
    }
    sb_puts(b, ", where the plan expected ");
    if (m->plan_variance == 0)
        sb_puts(b, "to break even");
    else {
        sb_printf(b, "an %s of ", direction(m->plan_variance, "overspend", "underspend"));
        html_money(b, fabs(m->plan_variance));
    }
    sb_puts(b, ".</p>\n<p>");
    method_words(b, m);
    sb_puts(b, "</p>\n");
    key_figures(b, m);

    const monitor_months *v = &m->months;
    if (v->n_cats > 0)
        months_chart(b, v, m);
    categories_table(b, m);
    position_table(b, m);
    shares_table(b, sc, m);
    quarters_table(b, m);
    if (v->n_cats > 0) {
        sb_puts(b, "<h3>Month by month</h3>\n");
        months_table(b, sc, v, m);
        int missing = 0;
        for (int c = 0; c < N_CATEGORIES; c++)
            missing |= m->cat[c].months == 0;
        if (missing)
            sb_puts(b, "<p class=\"note\">The chart and the months cover the categories with "
                       "actuals; the others are forecast at their budget.</p>\n");
    }
}

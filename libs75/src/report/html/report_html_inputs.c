/* The board paper's appendix: every input of the scenario in words and
 * tables, where the figures came from (file, SHA-256, library version) and
 * the date the paper was prepared.
 *
 * The date is the paper's one non-deterministic byte: a board paper must
 * carry one, and it is not in the scenario. It comes from SOURCE_DATE_EPOCH
 * (seconds since 1970, UTC) when that is set, so a paper rebuilt from the
 * same scenario can be byte-identical (the reproducible-builds convention);
 * otherwise from the clock. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reader.h"
#include "overrides.h"
#include "report_html.h"
#include "s75/version.h"

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"
};

/* The one input that is not in the scenario (see the top of this file). */
time_t html_report_time(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e) {
        char *end;
        errno = 0;
        long long v = strtoll(e, &end, 10);
        if (!*end && !errno && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

void html_date(sbuf *b, time_t when)
{
    struct tm tm;
    if (!gmtime_r(&when, &tm)) {
        sb_puts(b, "an unknown date");
        return;
    }
    sb_printf(b, "<time datetime=\"%04d-%02d-%02d\">%d&nbsp;%s&nbsp;%d</time>", tm.tm_year + 1900,
              tm.tm_mon + 1, tm.tm_mday, tm.tm_mday, month_names[tm.tm_mon], tm.tm_year + 1900);
}

const char *html_base_name(const char *path)
{
    if (!path)
        return "";
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static const char *mode_name(int mode)
{
    switch (mode) {
    case S75_MODE_APPRAISE: return "s75 appraise";
    case S75_MODE_SIMULATE: return "s75 simulate";
    case S75_MODE_MONITOR: return "s75 monitor";
    default: return "s75 run";
    }
}

static void cell_text(sbuf *b, const char *s)
{
    sb_puts(b, "<td>");
    sb_html(b, s ? s : "");
    sb_puts(b, "</td>");
}

static void cell_rate(sbuf *b, double v)
{
    sb_puts(b, "<td class=\"num\">");
    html_rate(b, v, 4);
    sb_puts(b, "</td>");
}

static void cell_number(sbuf *b, double v, int decimals)
{
    sb_puts(b, "<td class=\"num\">");
    html_number(b, v, decimals);
    sb_puts(b, "</td>");
}

static void cell_money(sbuf *b, double v)
{
    sb_puts(b, "<td class=\"num\">");
    html_money(b, v);
    sb_puts(b, "</td>");
}

/* align: one letter a column, 'l' for text, 'r' for numbers. */
static void inputs_table_open(sbuf *b, const char *caption, const char *const *cols,
                              const char *align)
{
    sb_puts(b, "<div class=\"table-wrap\"><table class=\"inputs\"><caption>");
    sb_html(b, caption);
    sb_puts(b, "</caption>\n<thead><tr>");
    for (const char *const *c = cols; *c; c++) {
        size_t i = (size_t)(c - cols);
        sb_puts(b, i < strlen(align) && align[i] == 'r' ? "<th scope=\"col\" class=\"num\">"
                                                         : "<th scope=\"col\">");
        sb_html(b, *c);
        sb_puts(b, "</th>");
    }
    sb_puts(b, "</tr></thead>\n<tbody>\n");
}

/* The files the run read, each with its hash, and the digest over them, the
 * variant and the overrides (MODEL.md §12). */
static void appendix_inputs(sbuf *b, const scenario *sc)
{
    static const char *const cols[] = { "File", "SHA-256", NULL };
    inputs_table_open(b, "The files read, in order (paths relative to the scenario file)",
                      cols, "ll");
    for (size_t i = 0; i < sc->n_inputs; i++) {
        sb_puts(b, "<tr><td><code>");
        sb_html(b, sc->inputs[i].path);
        sb_puts(b, "</code></td><td><code>");
        sb_html(b, sc->inputs[i].sha256);
        sb_puts(b, "</code></td></tr>\n");
    }
    html_table_close(b);
}

static void appendix_run(sbuf *b, const s75_result *res, time_t when)
{
    const scenario *sc = res->sc;
    const scenario_provenance *p = sc->provenance;
    char a[8], z[8];
    sb_puts(b, "<h3>The run</h3>\n<dl class=\"facts\">\n<dt>Scenario</dt><dd>");
    sb_html(b, sc->name ? sc->name : "");
    sb_puts(b, "</dd>\n<dt>File</dt><dd><code>");
    sb_html(b, html_base_name(sc->file));
    sb_puts(b, "</code></dd>\n<dt>SHA-256 of the file</dt><dd><code>");
    sb_html(b, sc->sha256);
    sb_puts(b, "</code></dd>\n<dt>Variant</dt><dd>");
    if (p && p->variant) {
        sb_puts(b, "<code>");
        sb_html(b, p->variant);
        sb_puts(b, "</code>");
    } else {
        sb_puts(b, "base (the file as written)");
    }
    sb_puts(b, "</dd>\n");
    for (size_t i = 0; p && i < p->n_overrides; i++) {
        sb_puts(b, "<dt>Override</dt><dd><code>--set ");
        sb_html(b, p->overrides[i]);
        sb_puts(b, "</code></dd>\n");
    }
    sb_puts(b, "<dt>Digest of the inputs</dt><dd><code>");
    sb_html(b, sc->digest);
    sb_printf(b, "</code></dd>\n<dt>Model years</dt><dd>%s to %s (%d financial year%s, April to "
              "March)</dd>\n", fy_label(sc->base_year, a), fy_label(sc->base_year + sc->years - 1, z),
              sc->years, sc->years == 1 ? "" : "s");
    sb_printf(b, "<dt>Produced by</dt><dd><code>%s</code> with libs75 %s</dd>\n",
              mode_name(res->mode), S75_VERSION);
    sb_puts(b, "<dt>Prepared on</dt><dd>");
    html_date(b, when);
    sb_puts(b, "</dd>\n</dl>\n<p class=\"note\">Everything in this paper follows from the files "
               "listed below, the variant and the overrides, which the digest covers together: "
               "the same digest run by the same library version gives the same figures. The "
               "date is the one exception: it records when the paper was prepared and is taken "
               "from the <code>SOURCE_DATE_EPOCH</code> environment variable when set (so a "
               "paper can be rebuilt byte for byte), otherwise from the clock.</p>\n");
    appendix_inputs(b, sc);
}

static void appendix_pay_system(sbuf *b, const scenario *sc, size_t s)
{
    const pay_system *ps = &sc->systems[s];
    int N = sc->years, one = sc->n_systems == 1 && strcmp(ps->name, "pay") == 0;
    char a[8], label[8];
    if (one) {
        sb_printf(b, "<p>Agenda for Change pay points as published for %s",
                  fy_label(ps->scale_year, a));
    } else {
        sb_puts(b, "<h4>Pay system ");
        sb_html(b, ps->name);
        sb_printf(b, "</h4>\n<p>Pay points as published for %s", fy_label(ps->scale_year, a));
    }
    if (ps->scale_year < sc->base_year)
        sb_puts(b, ", brought up to the base year by the awards below");
    sb_puts(b, ". Each award raises every pay point of the band by its per cent (or by the flat "
               "minimum, if more), rounded to whole pounds.</p>\n");
    static const char *const cols[] = { "Year", "Award", "Band overrides", "Flat minimum",
                                        "Employer NI", "NI threshold (a head)", "Pension",
                                        "Apprenticeship levy", NULL };
    inputs_table_open(b, "Pay awards and on-costs by year", cols, "lrlrrrrr");
    if (ps->scale_year + 1 > sc->base_year) {
        /* The scale is the base year's own: no award that year, but its
         * on-costs, first, so the rows run in year order. */
        sb_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">-</td><td></td>"
                  "<td class=\"num\">-</td>", fy_label(sc->base_year, label));
        cell_rate(b, ps->ni_rate[0]);
        cell_money(b, ps->ni_threshold[0]);
        cell_rate(b, ps->pension[0]);
        cell_rate(b, ps->levy[0]);
        sb_puts(b, "</tr>\n");
    }
    for (int y = ps->scale_year + 1; y < sc->base_year + N; y++) {
        size_t k = (size_t)(y - sc->scale_year - 1);
        const award *aw = k < sc->n_awards ? &ps->awards[k] : NULL;
        int t = y - sc->base_year;
        sb_printf(b, "<tr><th scope=\"row\">%s</th>", fy_label(y, label));
        if (aw) {
            cell_rate(b, aw->percent);
            sb_puts(b, "<td>");
            int any = 0;
            for (size_t bi = 0; bi < sc->n_bands && aw->band_percent; bi++) {
                if (isnan(aw->band_percent[bi]))
                    continue;
                sb_printf(b, "%sband ", any++ ? ", " : "");
                sb_html(b, sc->bands[bi].name);
                sb_puts(b, " ");
                html_rate(b, aw->band_percent[bi], 4);
            }
            sb_puts(b, "</td>");
            cell_money(b, aw->flat_minimum);
        } else {
            sb_puts(b, "<td class=\"num\">-</td><td></td><td class=\"num\">-</td>");
        }
        if (t >= 0) {
            cell_rate(b, ps->ni_rate[t]);
            cell_money(b, ps->ni_threshold[t]);
            cell_rate(b, ps->pension[t]);
            cell_rate(b, ps->levy[t]);
        } else {
            sb_puts(b, "<td colspan=\"4\" class=\"note\">before the base year: brings the "
                       "published scale up to date</td>");
        }
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
}

static void appendix_pay(sbuf *b, const scenario *sc)
{
    sb_puts(b, "<h3>Pay and on-costs</h3>\n");
    for (size_t s = 0; s < sc->n_systems; s++)
        appendix_pay_system(b, sc, s);
}

static void appendix_workforce(sbuf *b, const scenario *sc)
{
    static const char *const cols[] = { "Role", "Band", "WTE", "Headcount", "Vacancy",
                                        "Agency fill", "Agency premium", "Turnover",
                                        "Share on each pay point", NULL };
    inputs_table_open(b, "Workforce", cols, "llrrrrrrl");
    for (size_t l = 0; l < sc->n_lines; l++) {
        const workforce_line *w = &sc->lines[l];
        const band *bd = &sc->bands[w->band];
        sb_puts(b, "<tr><th scope=\"row\">");
        sb_html(b, w->role);
        sb_puts(b, "</th>");
        cell_text(b, bd->name);
        cell_number(b, w->wte, 2);
        cell_number(b, w->headcount, 2);
        cell_rate(b, w->vacancy);
        cell_rate(b, w->agency_fill);
        cell_rate(b, w->agency_premium);
        cell_rate(b, w->turnover);
        sb_puts(b, "<td>");
        for (size_t i = 0; i < bd->n_points; i++) {
            sb_puts(b, i ? ", " : "");
            html_rate(b, w->shares[i], 2);
            sb_puts(b, " on ");
            html_money(b, bd->points[i]);
        }
        sb_puts(b, "</td></tr>\n");
    }
    html_table_close(b);
}

static void appendix_non_pay(sbuf *b, const scenario *sc)
{
    static const char *const cols[] = { "Non-pay line", "Base-year amount", "Inflation", NULL };
    inputs_table_open(b, "Non-pay", cols, "lrl");
    for (size_t k = 0; k < sc->n_non_pay; k++) {
        const non_pay_line *np = &sc->non_pay[k];
        sb_puts(b, "<tr><th scope=\"row\">");
        sb_html(b, np->name);
        sb_puts(b, "</th>");
        cell_money(b, np->amount);
        sb_puts(b, "<td>");
        if (sc->years > 1)
            html_series_words(b, np->inflation, 1, sc->years, sc->base_year, 0);
        else
            sb_puts(b, "-");
        sb_puts(b, "</td></tr>\n");
    }
    html_table_close(b);
}

static void appendix_partners(sbuf *b, const scenario *sc)
{
    static const char *const cols[] = { "Id", "Partner", "Contribution", NULL };
    inputs_table_open(b, "Partners", cols, "lll");
    for (size_t i = 0; i < sc->n_partners; i++) {
        const partner *p = &sc->partners[i];
        sb_puts(b, "<tr><td><code>");
        sb_html(b, p->id);
        sb_puts(b, "</code></td>");
        cell_text(b, html_partner_name(p));
        sb_puts(b, "<td>");
        if (p->explicit_amounts) {
            sb_puts(b, "set year by year (see the contributions in the first table)");
        } else {
            html_money(b, p->amount);
            sb_puts(b, " in the base year");
            if (sc->years > 1) {
                sb_puts(b, ", uplift ");
                html_series_words(b, p->uplift, 1, sc->years, sc->base_year, 0);
                sb_puts(b, " a year");
            }
        }
        sb_puts(b, "</td></tr>\n");
    }
    html_table_close(b);
}

static void appendix_savings(sbuf *b, const scenario *sc)
{
    char label[8];
    static const char *const cols[] = { "Scheme", "Full-year value", "First year", "Phasing",
                                        "Confidence", "Recurrent", NULL };
    inputs_table_open(b, "Savings schemes", cols, "lrllrl");
    for (size_t k = 0; k < sc->n_schemes; k++) {
        const saving_scheme *s = &sc->schemes[k];
        sb_puts(b, "<tr><th scope=\"row\">");
        sb_html(b, s->name);
        sb_puts(b, "</th>");
        cell_money(b, s->value);
        cell_text(b, fy_label(s->start, label));
        sb_puts(b, "<td>");
        for (size_t i = 0; i < s->n_phasing; i++) {
            sb_puts(b, i ? ", " : "");
            html_rate(b, s->phasing[i], 2);
        }
        sb_puts(b, "</td>");
        cell_rate(b, s->confidence);
        cell_text(b, s->recurrent ? "yes" : "no");
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
}

static void appendix_demand(sbuf *b, const scenario *sc)
{
    const demand_spec *d = &sc->demand;
    sb_puts(b, "<p>Productive hours per whole-time equivalent a year: ");
    html_series_words(b, d->productive_hours, 0, sc->years, sc->base_year, 2);
    sb_puts(b, ".</p>\n");
    static const char *const dcols[] = { "Driver", "Base-year volume", "Growth", NULL };
    inputs_table_open(b, "Demand drivers", dcols, "lrl");
    for (size_t k = 0; k < d->n_drivers; k++) {
        const driver *dr = &d->drivers[k];
        sb_puts(b, "<tr><th scope=\"row\">");
        sb_html(b, dr->name);
        sb_puts(b, "</th>");
        cell_number(b, dr->base, dr->base == floor(dr->base) ? 0 : 2);
        sb_puts(b, "<td>");
        if (sc->years > 1)
            html_series_words(b, dr->growth, 1, sc->years, sc->base_year, 0);
        else
            sb_puts(b, "-");
        sb_puts(b, "</td></tr>\n");
    }
    html_table_close(b);
    static const char *const acols[] = { "Activity", "Driver", "Per unit", "Coverage", "Minutes",
                                         "Band", NULL };
    inputs_table_open(b, "Activities", acols, "llrrrl");
    for (size_t k = 0; k < d->n_activities; k++) {
        const activity *ac = &d->activities[k];
        sb_puts(b, "<tr><th scope=\"row\">");
        sb_html(b, ac->name);
        sb_puts(b, "</th>");
        cell_text(b, ac->driver < d->n_drivers ? d->drivers[ac->driver].name : "");
        cell_number(b, ac->per_unit, ac->per_unit == floor(ac->per_unit) ? 0 : 2);
        cell_rate(b, ac->coverage);
        cell_number(b, ac->minutes, ac->minutes == floor(ac->minutes) ? 0 : 1);
        cell_text(b, ac->band);
        sb_puts(b, "</tr>\n");
    }
    html_table_close(b);
}

static void optimism_words(sbuf *b, const optimism_bias *ob)
{
    if (!ob->given) {
        sb_puts(b, "none");
        return;
    }
    if (ob->category >= 0) {
        html_rate(b, ob->rate, 2);
        sb_puts(b, " upper bound");
        if (ob->mitigation != 0) {
            sb_puts(b, ", mitigated by ");
            html_rate(b, ob->mitigation, 2);
        }
        sb_puts(b, ": ");
        html_rate(b, ob->rate * (1 - ob->mitigation), 2);
    } else {
        html_rate(b, ob->rate, 2);
    }
}

static void appendix_appraisal(sbuf *b, const scenario *sc)
{
    const appraisal_spec *ap = &sc->appraisal;
    sb_puts(b, "<p>Discount rate ");
    html_rate(b, ap->rate, 3);
    sb_puts(b, ap->declining ? ", declining after year 30 on the Green Book schedule"
                             : ", constant");
    sb_puts(b, "; optimism bias on costs ");
    optimism_words(b, &ap->ob);
    sb_printf(b, "%s; %zu options.</p>\n",
              ap->deflator_present ? "; cash converted to base-year prices by the GDP deflator"
                                   : "; costs and benefits taken as base-year prices",
              ap->n_options);
    double total = 0;
    for (size_t j = 0; j < ap->n_criteria; j++)
        total += ap->criteria[j].weight;
    static const char *const cols[] = { "Criterion", "Weight", "Share of the weights", NULL };
    inputs_table_open(b, "Appraisal criteria", cols, "lrr");
    for (size_t j = 0; j < ap->n_criteria; j++) {
        const criterion *cr = &ap->criteria[j];
        sb_puts(b, "<tr><th scope=\"row\">");
        sb_html(b, cr->name && *cr->name ? cr->name : cr->id);
        sb_puts(b, "</th>");
        cell_number(b, cr->weight, cr->weight == floor(cr->weight) ? 0 : 2);
        sb_puts(b, "<td class=\"num\">");
        if (total > 0)
            html_rate(b, cr->weight / total, 1);
        sb_puts(b, "</td></tr>\n");
    }
    html_table_close(b);
}

static void appendix_uncertainty(sbuf *b, const scenario *sc)
{
    const uncertainty_spec *u = &sc->uncertainty;
    sb_printf(b, "<p>%ld draws from seed %lu. Standard deviations added each year: pay award ",
              u->draws, u->seed);
    html_rate(b, u->award_sd, 3);
    sb_puts(b, ", non-pay inflation ");
    html_rate(b, u->inflation_sd, 3);
    sb_puts(b, ", contribution uplift ");
    html_rate(b, u->uplift_sd, 3);
    sb_puts(b, u->savings_mode == SAVINGS_BERNOULLI
                   ? ". Each savings scheme delivers in full or not at all, with its confidence as "
                     "the chance.</p>\n"
                   : ". Savings are taken at their expected value in every draw.</p>\n");
}

static void appendix_monitoring(sbuf *b, const scenario *sc)
{
    static const char *const methods[] = { "run rate", "profile", "trend" };
    static const char *const cats[] = { "pay", "agency", "non-pay" };
    const monitoring_spec *m = &sc->monitoring;
    char label[8];
    sb_printf(b, "<p>Monitoring of %s by the %s method", fy_label(m->year, label),
              m->method >= 0 && m->method < 3 ? methods[m->method] : "run rate");
    if (m->method == MONITOR_RUN_RATE)
        sb_printf(b, " (the mean of the last %d months)", m->run_rate_months);
    sb_puts(b, "; months of actuals: ");
    for (int c = 0; c < N_CATEGORIES; c++)
        sb_printf(b, "%s%s %zu", c ? ", " : "", cats[c], m->n_actuals[c]);
    sb_puts(b, ".</p>\n");
}

void html_appendix(sbuf *b, const s75_result *res, time_t when)
{
    const scenario *sc = res->sc;
    appendix_run(b, res, when);
    if (sc->is_portfolio)
        return;
    if (sc->n_lines > 0 || sc->n_awards > 0)
        appendix_pay(b, sc);
    sb_puts(b, "<h3>Service inputs</h3>\n");
    if (sc->n_lines > 0)
        appendix_workforce(b, sc);
    if (sc->n_non_pay > 0)
        appendix_non_pay(b, sc);
    appendix_partners(b, sc);
    sb_puts(b, "<h3>Savings and risk share</h3>\n");
    if (sc->n_schemes > 0)
        appendix_savings(b, sc);
    else
        sb_puts(b, "<p>No savings schemes.</p>\n");
    sb_puts(b, "<p>Overspend shared ");
    html_rule_words(b, sc, &sc->risk_share.overspend);
    sb_puts(b, ".<br>Underspend shared ");
    html_rule_words(b, sc, &sc->risk_share.underspend);
    sb_puts(b, ".</p>\n");
    if (sc->demand.present) {
        sb_puts(b, "<h3>Demand</h3>\n");
        appendix_demand(b, sc);
    }
    if (sc->appraisal.present) {
        sb_puts(b, "<h3>Options appraisal</h3>\n");
        appendix_appraisal(b, sc);
    }
    if (sc->uncertainty.present) {
        sb_puts(b, "<h3>Uncertainty</h3>\n");
        appendix_uncertainty(b, sc);
    }
    if (sc->monitoring.present) {
        sb_puts(b, "<h3>In-year monitoring</h3>\n");
        appendix_monitoring(b, sc);
    }
}

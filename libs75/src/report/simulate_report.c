/* The simulation in the three report forms: the `simulation` object of the
 * JSON document (docs/GUIDE.md, with `tornado` and `break_even` added; for a
 * portfolio, §11's `pools` instead of those two), the text tables and the
 * tidy CSV rows. The report layer only reads. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sections.h"
#include "portfolio.h"
#include "reader.h"
#include "report.h"
#include "textwidth.h"
#include "simulate_result.h"

static const char *const series_keys[] = { "cost", "gap", "variance" };

const char *sim_partner_id(const scenario *sc, const simulation_result *s, size_t i)
{
    if (s->is_portfolio)
        return i < s->n_partners ? s->partner_ids[i] : "?";
    return i < sc->n_partners ? sc->partners[i].id : "?";
}

const char *sim_partner_name(const scenario *sc, const simulation_result *s, size_t i)
{
    const char *name = s->is_portfolio ? (i < s->n_partners ? s->partner_names[i] : NULL)
                                       : (i < sc->n_partners ? sc->partners[i].name : NULL);
    return name && *name ? name : sim_partner_id(sc, s, i);
}

/* A portfolio's pool i's chance of an overspend in year t. */
static double pool_p(const simulation_result *s, size_t i, int t)
{
    return s->pool_p_overspend[i * (size_t)s->years + (size_t)t];
}

static void json_stats(jw *w, const char *key, const sim_stats *st)
{
    jw_object(w, key);
    jw_number(w, "mean", st->mean);
    jw_number(w, "sd", st->sd);
    jw_number(w, "p5", st->p5);
    jw_number(w, "p50", st->p50);
    jw_number(w, "p95", st->p95);
    jw_end_object(w);
}

void simulation_json(jw *w, const scenario *sc, const simulation_result *s)
{
    char label[8];
    jw_object(w, "simulation");
    jw_int(w, "draws", s->draws);
    jw_int(w, "seed", (long long)s->seed);
    jw_array(w, "years");
    for (int t = 0; t < s->years; t++) {
        jw_object(w, NULL);
        jw_string(w, "year", fy_label(s->base_year + t, label));
        for (size_t k = 0; k < 3; k++)
            json_stats(w, series_keys[k], sim_series_at(s, k, t));
        jw_object(w, "risk_share");
        for (size_t i = 0; i < s->n_partners; i++)
            json_stats(w, sim_partner_id(sc, s, i), sim_series_at(s, SIM_PARTNERS + i, t));
        jw_end_object(w);
        jw_number(w, "p_overspend", s->p_overspend[t]);
        jw_end_object(w);
    }
    jw_end_array(w);
    if (s->is_portfolio) {
        /* MODEL.md §10: no tornado or break-even for a portfolio (simulate_portfolio.c) */
        jw_array(w, "pools");
        for (size_t i = 0; i < s->n_pools; i++) {
            jw_object(w, NULL);
            jw_string(w, "id", sc->pools[i].id);
            jw_array(w, "p_overspend");
            for (int t = 0; t < s->years; t++)
                jw_number(w, NULL, pool_p(s, i, t));
            jw_end_array(w);
            jw_end_object(w);
        }
        jw_end_array(w);
        jw_end_object(w);
        return;
    }
    jw_array(w, "tornado");
    for (size_t i = 0; i < s->n_tornado; i++) {
        const tornado_bar *b = &s->tornado[i];
        jw_object(w, NULL);
        jw_string(w, "input", b->input);
        jw_number(w, "low", b->low);
        jw_number(w, "high", b->high);
        jw_number(w, "variance_low", b->variance_low);
        jw_number(w, "variance_high", b->variance_high);
        jw_number(w, "swing", b->swing);
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_object(w, "break_even");
    jw_number_or_null(w, "pay_award", s->pay_award.rate, s->pay_award.found);
    jw_number_or_null(w, "inflation", s->inflation.rate, s->inflation.found);
    jw_end_object(w);
    jw_end_object(w);
}

/* ---- text ---- */

static void stats_rows(sbuf *b, const char *title, const simulation_result *s, size_t series)
{
    static const char *const names[] = { "  mean", "  sd", "  p5", "  p50 (median)", "  p95" };
    double v[5][128];
    int N = s->years < 128 ? s->years : 128;
    for (int t = 0; t < N; t++) {
        const sim_stats *st = sim_series_at(s, series, t);
        v[0][t] = st->mean, v[1][t] = st->sd, v[2][t] = st->p5, v[3][t] = st->p50;
        v[4][t] = st->p95;
    }
    sb_printf(b, "%s\n", title);
    for (int r = 0; r < 5; r++)
        text_row(b, names[r], v[r], N, 0);
}

static void percent_cell(sbuf *b, double rate)
{
    if (isfinite(rate))
        sb_printf(b, "%+.2f%%", rate * 100);
    else
        sb_puts(b, "-");
}

static void tornado_text(sbuf *b, const scenario *sc, const simulation_result *s)
{
    sb_puts(b, "\nTornado: total variance over the horizon, one input moved at a time (GBP)\n");
    sb_printf(b, "Deterministic total variance: ");
    sb_money(b, s->total_variance);
    sb_putc(b, '\n');
    if (s->n_tornado == 0) {
        sb_puts(b, "  (no uncertain input: every sd is 0 and every scheme is certain)\n");
        return;
    }
    sb_printf(b, "%-5s%-44s%16s%16s%16s\n", "Rank", "Input", "Variance low",
              "Variance high", "Swing");
    for (size_t i = 0; i < s->n_tornado; i++) {
        const tornado_bar *t = &s->tornado[i];
        char label[64];
        switch (t->kind) {
        case TORNADO_AWARD:
        case TORNADO_INFLATION:
        case TORNADO_UPLIFT: {
            static const char *const what[] = { "Pay award", "Non-pay inflation",
                                                "Contribution uplift" };
            snprintf(label, sizeof label, "%s +/-%.2f pts", what[t->kind], t->high * 100);
            break;
        }
        default:
            snprintf(label, sizeof label, "Saving: ");
        }
        sbuf name;
        sb_init(&name);
        const char *scheme = "";
        if (t->kind == TORNADO_SCHEME)
            scheme = sc->schemes[t->scheme].name ? sc->schemes[t->scheme].name : "scheme";
        sb_printf(&name, "%s%s", label, scheme);
        sb_printf(b, "%-5zu", i + 1);
        /* a long scheme name wraps under the input column, never cut */
        if (tw_width(name.s ? name.s : "") > 43)
            sb_label_cell_at(b, name.s, 43, 5), sb_putc(b, ' ');
        else
            sb_pad_right(b, name.s ? name.s : "", 44);
        b->oom |= name.oom;
        sb_free(&name);
        const double cols[] = { t->variance_low, t->variance_high, t->swing };
        for (int c = 0; c < 3; c++) {
            sbuf cell;
            sb_init(&cell);
            sb_money(&cell, cols[c]);
            sb_printf(b, "%16s", cell.s ? cell.s : "");
            sb_free(&cell);
        }
        sb_putc(b, '\n');
    }
    sb_puts(b, "(low / high: every year's rate 1 sd lower / higher; a saving not delivered /\n"
               " delivered in full; every other input at its deterministic value)\n");
}

static void break_even_line(sbuf *b, const char *what, const break_even *be)
{
    sb_printf(b, "  %-58s", what);
    if (be->found) {
        percent_cell(b, be->rate);
        sb_putc(b, '\n');
    } else {
        sb_printf(b, "no root in [%+.0f%%, %+.0f%%] (total variance ", BREAK_EVEN_LOW * 100,
                  BREAK_EVEN_HIGH * 100);
        sb_money(b, be->variance_low);
        sb_puts(b, " at the low end, ");
        sb_money(b, be->variance_high);
        sb_puts(b, " at the high end)\n");
    }
}

/* MODEL.md §10: each pool's chance of an overspend (its own variance, with what its
 * children's agreements put on it), grouped by tier as the portfolio
 * report groups them. */
static void pools_text(sbuf *b, const scenario *pf, const simulation_result *s)
{
    static const char *const titles[] = { "System pools", "Place pools", "Neighbourhood pools" };
    int N = s->years < 128 ? s->years : 128;
    text_heading(b, "Probability of overspend by pool", s->base_year, N, 0);
    for (int tier = 0; tier < N_TIERS; tier++) {
        int any = 0;
        for (size_t i = 0; i < s->n_pools; i++) {
            const pool *p = &pf->pools[i];
            if (p->tier != tier)
                continue;
            if (!any++)
                sb_printf(b, "%s\n", titles[tier]);
            /* a name too long for the label column wraps at a word */
            sbuf name;
            sb_init(&name);
            sb_printf(&name, "  %s", p->name && *p->name ? p->name : p->id);
            sb_label_cell(b, name.s ? name.s : "", TEXT_LABEL_WIDTH - 1);
            sb_putc(b, ' ');
            b->oom |= name.oom;
            sb_free(&name);
            for (int t = 0; t < N; t++)
                sb_printf(b, "%*.1f%%", TEXT_COLUMN_WIDTH - 1, pool_p(s, i, t) * 100);
            sb_putc(b, '\n');
        }
    }
    sb_puts(b, "(the share of draws in which the pool's own variance, with the shares its\n"
               " children's agreements put on it, is above zero; the tornado and break-even of\n"
               " a single pool are not computed for a portfolio)\n");
}

void simulation_text(sbuf *b, const scenario *sc, const simulation_result *s)
{
    int N = s->years < 128 ? s->years : 128;
    char head[96];
    snprintf(head, sizeof head, "Monte Carlo: %ld draws, seed %lu (GBP)", s->draws, s->seed);
    text_heading(b, head, s->base_year, N, 0);
    stats_rows(b, "Cost", s, SIM_COST);
    stats_rows(b, "Gap (cost - contributions)", s, SIM_GAP);
    stats_rows(b, "Variance (+ over / - under)", s, SIM_VARIANCE);
    text_rule(b, N, 0);
    sb_printf(b, "%-*s", TEXT_LABEL_WIDTH, "Probability of overspend");
    for (int t = 0; t < N; t++)
        sb_printf(b, "%*.1f%%", TEXT_COLUMN_WIDTH - 1, s->p_overspend[t] * 100);
    sb_putc(b, '\n');

    text_heading(b, "Risk share: p95 exposure (GBP)", s->base_year, N, 0);
    for (size_t i = 0; i < s->n_partners; i++) {
        double v[128];
        for (int t = 0; t < N; t++)
            v[t] = sim_series_at(s, SIM_PARTNERS + i, t)->p95;
        text_row_named(b, "", sim_partner_name(sc, s, i), "", v, N, 0);
    }
    sb_puts(b, "(the 95th percentile of each partner's share of the variance: the amount it\n"
               " reaches or exceeds in only 1 draw in 20; negative: a share of an underspend)\n");

    if (s->is_portfolio) {
        pools_text(b, sc, s);
        return;
    }
    tornado_text(b, sc, s);

    char from[8];
    sb_puts(b, "\nBreak-even: the rate at which the total variance over the horizon is zero\n");
    char what[96];
    snprintf(what, sizeof what, "Pay award, the same every year from %s:",
             fy_label(s->base_year + 1, from));
    break_even_line(b, what, &s->pay_award);
    break_even_line(b, "Non-pay inflation, the same every year:", &s->inflation);
}

/* ---- CSV ---- */

static void csv_blank(sbuf *b, const char *section, const char *item)
{
    sb_csv_field(b, section);
    sb_putc(b, ',');
    sb_csv_field(b, item);
    sb_puts(b, ",,\n");
}

static void csv_stats(sbuf *b, const char *prefix, const sim_stats *st, int year)
{
    static const char *const names[] = { "mean", "sd", "p5", "p50", "p95" };
    const double v[] = { st->mean, st->sd, st->p5, st->p50, st->p95 };
    for (int k = 0; k < 5; k++) {
        char item[160];
        snprintf(item, sizeof item, "%s.%s", prefix, names[k]);
        csv_value(b, "simulation", item, year, v[k]);
    }
}

void simulation_csv(sbuf *b, const scenario *sc, const simulation_result *s)
{
    for (int t = 0; t < s->years; t++) {
        int y = s->base_year + t;
        for (size_t k = 0; k < 3; k++)
            csv_stats(b, series_keys[k], sim_series_at(s, k, t), y);
        for (size_t i = 0; i < s->n_partners; i++) {
            char prefix[128];
            snprintf(prefix, sizeof prefix, "risk_share.%.100s", sim_partner_id(sc, s, i));
            csv_stats(b, prefix, sim_series_at(s, SIM_PARTNERS + i, t), y);
        }
        csv_value(b, "simulation", "p_overspend", y, s->p_overspend[t]);
        for (size_t i = 0; i < s->n_pools; i++) {
            char item[160];
            snprintf(item, sizeof item, "pools.%.100s.p_overspend", sc->pools[i].id);
            csv_value(b, "simulation", item, y, pool_p(s, i, t));
        }
    }
    if (s->is_portfolio)
        return; /* no tornado or break-even for a portfolio */
    for (size_t i = 0; i < s->n_tornado; i++) {
        const tornado_bar *t = &s->tornado[i];
        static const char *const names[] = { "low", "high", "variance_low", "variance_high",
                                             "swing" };
        const double v[] = { t->low, t->high, t->variance_low, t->variance_high, t->swing };
        for (int k = 0; k < 5; k++) {
            char item[200];
            snprintf(item, sizeof item, "%.150s.%s", t->input, names[k]);
            csv_value(b, "tornado", item, 0, v[k]);
        }
    }
    const break_even *be[] = { &s->pay_award, &s->inflation };
    const char *names[] = { "pay_award", "inflation" };
    for (int k = 0; k < 2; k++) {
        if (be[k]->found)
            csv_value(b, "break_even", names[k], 0, be[k]->rate);
        else
            csv_blank(b, "break_even", names[k]);
    }
}

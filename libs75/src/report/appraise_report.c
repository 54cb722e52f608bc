/* The options appraisal in JSON (docs/GUIDE.md), text and CSV. Renders what
 * appraise.c computed; computes nothing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "appraise.h"
#include "greenbook.h"
#include "sections.h"
#include "reader.h"
#include "report.h"
#include "textwidth.h"

/* ---- JSON ---- */

static void json_switch_point(jw *w, const char *key, const scenario *sc, const switch_point *p)
{
    if (!p->present) {
        jw_null(w, key);
        return;
    }
    jw_object(w, key);
    jw_number(w, "weight", p->weight);
    jw_string(w, "option", sc->appraisal.options[p->option].id);
    jw_end_object(w);
}

static void json_smaa(jw *w, const scenario *sc, const appraisal_result *a)
{
    size_t n = a->n_options, K = a->n_criteria;
    jw_object(w, "smaa");
    jw_int(w, "draws", a->smaa_draws);
    jw_int(w, "seed", (long long)a->smaa_seed);
    jw_array(w, "options");
    for (size_t o = 0; o < n; o++) {
        jw_object(w, NULL);
        jw_string(w, "id", sc->appraisal.options[o].id);
        jw_array(w, "acceptability");
        for (size_t r = 0; r < n; r++)
            jw_number(w, NULL, a->acceptability[o * n + r]);
        jw_end_array(w);
        const double *cw = a->central_weights + o * K;
        if (isnan(cw[0])) {
            jw_null(w, "central_weights");
        } else {
            jw_object(w, "central_weights");
            for (size_t j = 0; j < K; j++)
                jw_number(w, sc->appraisal.criteria[j].id, cw[j]);
            jw_end_object(w);
        }
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_end_object(w);
}

static void json_sweep(jw *w, const scenario *sc, const appraisal_result *a)
{
    size_t n = a->n_options;
    jw_array(w, "ob_sweep");
    for (int k = 0; k < OB_SWEEP_POINTS; k++) {
        jw_object(w, NULL);
        jw_number(w, "mitigation", a->sweep_mitigation[k]);
        jw_object(w, "npsv");
        for (size_t o = 0; o < n; o++)
            jw_number(w, sc->appraisal.options[o].id, a->sweep_npsv[(size_t)k * n + o]);
        jw_end_object(w);
        jw_string(w, "preferred", sc->appraisal.options[a->sweep_preferred[k]].id);
        jw_end_object(w);
    }
    jw_end_array(w);
}

void appraisal_json(jw *w, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    jw_object(w, "appraisal");
    jw_array(w, "options");
    for (size_t o = 0; o < a->n_options; o++) {
        const option_result *r = &a->options[o];
        jw_object(w, NULL);
        jw_string(w, "id", ap->options[o].id);
        jw_number(w, "score", r->score);
        jw_int(w, "rank", r->rank);
        jw_number(w, "pv_costs", r->pv_costs);
        jw_number(w, "pv_benefits", r->pv_benefits);
        jw_number(w, "npsv", r->npsv);
        jw_number(w, "bcr", r->bcr);                       /* NAN: null */
        jw_number(w, "cost_per_point", r->cost_per_point);
        jw_number(w, "pv_risk", r->pv_risk);
        jw_number(w, "equivalent_annual", r->equivalent_annual);
        jw_number(w, "switch_costs", r->switch_costs);
        jw_number(w, "switch_benefits", r->switch_benefits);
        jw_int(w, "rank_npsv", r->rank_npsv);
        jw_string(w, "vfm", vfm_name(r->vfm));
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_array(w, "switching");
    for (size_t j = 0; j < a->n_criteria; j++) {
        jw_object(w, NULL);
        jw_string(w, "criterion", ap->criteria[j].id);
        jw_number(w, "weight", ap->criteria[j].weight);
        json_switch_point(w, "lower", sc, &a->lower[j]);
        json_switch_point(w, "upper", sc, &a->upper[j]);
        jw_end_object(w);
    }
    jw_end_array(w);
    if (a->has_smaa)
        json_smaa(w, sc, a);
    if (a->has_sweep)
        json_sweep(w, sc, a);
    jw_end_object(w);
}

/* ---- text ---- */

/* Tables name options by id (short, and what the JSON and CSV use); the
 * heading lists each id with its name. Sentences use the name when it is
 * short enough to read in a line. */
#define NUM_WIDTH 13
#define SHORT_NAME 40

static int id_width(const appraisal_spec *ap)
{
    size_t w = 8;
    for (size_t o = 0; o < ap->n_options; o++)
        if (strlen(ap->options[o].id) > w)
            w = strlen(ap->options[o].id);
    return (int)w + 2;
}

static const char *option_words(const appraisal_spec *ap, size_t o)
{
    const option *op = &ap->options[o];
    return strlen(op->name) <= SHORT_NAME ? op->name : op->id;
}

/* s cut or padded to exactly width columns. */
static void cell_text(sbuf *b, const char *s, int width, int right)
{
    int n = tw_width(s);
    if (n > width - 1) {
        /* Truncated on a character, and still a space from the neighbouring
         * column. */
        if (right) {
            sb_putc(b, ' ');
            for (int used = sb_clip(b, s, width - 2); used < width - 2; used++)
                sb_putc(b, ' ');
            sb_putc(b, '~');
        } else {
            for (int used = sb_clip(b, s, width - 2); used < width - 2; used++)
                sb_putc(b, ' ');
            sb_puts(b, "~ ");
        }
        return;
    }
    if (right)
        sb_pad_left(b, s, width);
    else
        sb_pad_right(b, s, width);
}

static void cell_money(sbuf *b, double v)
{
    sbuf t;
    sb_init(&t);
    if (isnan(v))
        sb_puts(&t, "-");
    else
        sb_money(&t, v);
    cell_text(b, t.s ? t.s : "", NUM_WIDTH, 1);
    sb_free(&t);
}

static void cell_fmt(sbuf *b, const char *fmt, double v, int width)
{
    char buf[64];
    if (isnan(v))
        snprintf(buf, sizeof buf, "-");
    else
        snprintf(buf, sizeof buf, fmt, v);
    cell_text(b, buf, width, 1);
}

static void rule(sbuf *b, int width)
{
    for (int i = 0; i < width; i++)
        sb_putc(b, '-');
    sb_putc(b, '\n');
}

/* A weight as people write it: 31.2, 131, 0.25. */
static const char *weight_words(double x, char *buf, size_t cap)
{
    if (x == floor(x) && fabs(x) < 1e15)
        snprintf(buf, cap, "%.0f", x);
    else if (fabs(x) >= 1)
        snprintf(buf, cap, "%.1f", x);
    else
        snprintf(buf, cap, "%.3g", x);
    return buf;
}

static void text_setting(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    char y[8], w[32];
    sb_puts(b, "\nOptions appraisal\n");
    if (ap->deflator_present)
        sb_printf(b, "  Prices: real, in %s prices (cash deflated by the GDP deflator series).\n",
                  fy_label(sc->base_year, y));
    else
        sb_printf(b, "  Prices: as entered, taken to be %s prices (no deflator given).\n",
                  fy_label(sc->base_year, y));
    const char *schedule = ap->rate == GB_STANDARD_RATE ? " (Green Book standard)"
                         : ap->rate == GB_HEALTH_RATE ? " (Green Book health)" : "";
    sb_printf(b, "  Discounting%s: %.4g%% a year", schedule, ap->rate * 100);
    if (ap->declining)
        sb_printf(b, " for years 1-30, then %.3g%%, %.3g%%, %.3g%%, %.3g%% and %.3g%% from years "
                  "31, 76, 126, 201 and 301.\n", gb_rate_for_year(ap->rate, 1, 31) * 100,
                  gb_rate_for_year(ap->rate, 1, 76) * 100, gb_rate_for_year(ap->rate, 1, 126) * 100,
                  gb_rate_for_year(ap->rate, 1, 201) * 100, gb_rate_for_year(ap->rate, 1, 301) * 100);
    else
        sb_puts(b, " in every year.\n");
    sb_puts(b, "  Options:\n");
    for (size_t o = 0; o < a->n_options; o++)
        sb_printf(b, "    %-*s%s\n", id_width(ap), ap->options[o].id, ap->options[o].name);
    sb_puts(b, "  Criteria (weight as given, and normalised):\n");
    for (size_t j = 0; j < a->n_criteria; j++)
        sb_printf(b, "    %-*s%s: %s (%.1f%%)\n", id_width(ap), ap->criteria[j].id,
                  ap->criteria[j].name, weight_words(ap->criteria[j].weight, w, sizeof w),
                  a->weights[j] * 100);
}

static void text_scores(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    int iw = id_width(ap);
    sb_puts(b, "\nScores (0-10) and weighted score\n");
    cell_text(b, "Option", iw, 0);
    for (size_t j = 0; j < a->n_criteria; j++)
        cell_text(b, ap->criteria[j].id, 11, 1);
    sb_printf(b, "%9s%6s\n", "Score", "Rank");
    rule(b, iw + 11 * (int)a->n_criteria + 9 + 6);
    for (size_t o = 0; o < a->n_options; o++) {
        cell_text(b, ap->options[o].id, iw, 0);
        for (size_t j = 0; j < a->n_criteria; j++)
            cell_fmt(b, "%.4g", ap->options[o].scores[j], 11);
        sb_printf(b, "%9.3f%6d\n", a->options[o].score, a->options[o].rank);
    }
}

static void text_values(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    int iw = id_width(ap);
    char y[8];
    sb_printf(b, "\nPresent values (GBP, %s prices, discounted)\n", fy_label(sc->base_year, y));
    cell_text(b, "Option", iw, 0);
    sb_printf(b, "%8s%*s%*s%*s%*s%6s\n", "OB", NUM_WIDTH, "PV costs", NUM_WIDTH, "PV benefits",
              NUM_WIDTH, "PV risk", NUM_WIDTH, "NPSV", "Rank");
    rule(b, iw + 8 + 4 * NUM_WIDTH + 6);
    for (size_t o = 0; o < a->n_options; o++) {
        const option_result *r = &a->options[o];
        cell_text(b, ap->options[o].id, iw, 0);
        sb_printf(b, "%7.1f%%", r->ob_rate * 100);
        cell_money(b, r->pv_costs);
        cell_money(b, r->pv_benefits);
        cell_money(b, r->pv_risk);
        cell_money(b, r->npsv);
        sb_printf(b, "%6d\n", r->rank_npsv);
    }
    sb_puts(b, "  OB: the optimism-bias uplift in PV costs. PV risk: probability x impact.\n"
               "  NPSV = PV benefits - PV costs - PV risk; Rank: by NPSV.\n");
    sb_puts(b, "\nValue for money\n");
    cell_text(b, "Option", iw, 0);
    sb_printf(b, "%7s%11s%*s%*s%11s%11s\n", "BCR", "VfM", NUM_WIDTH, "Cost/point", NUM_WIDTH + 2,
              "Equiv. annual", "Sw. costs", "Sw. ben.");
    rule(b, iw + 7 + 11 + 2 * NUM_WIDTH + 2 + 22);
    for (size_t o = 0; o < a->n_options; o++) {
        const option_result *r = &a->options[o];
        const char *vfm = vfm_label(r->vfm);
        cell_text(b, ap->options[o].id, iw, 0);
        char bcr_fmt[8];
        snprintf(bcr_fmt, sizeof bcr_fmt, "%%.%df", bcr_decimals(r->bcr, 2));
        cell_fmt(b, bcr_fmt, bcr_shown(r->bcr, 2), 7);
        cell_text(b, vfm ? vfm : "-", 11, 1);
        cell_money(b, r->cost_per_point);
        sb_puts(b, "  ");
        cell_money(b, r->equivalent_annual);
        cell_fmt(b, "%+.1f%%", r->switch_costs * 100, 11);
        cell_fmt(b, "%+.1f%%", r->switch_benefits * 100, 11);
        sb_putc(b, '\n');
    }
    sb_puts(b, "  BCR = PV benefits / (PV costs + PV risk); VfM: poor < 1 <= low < 1.5 <= medium\n"
               "  < 2 <= high < 4 <= very high. Cost/point: PV costs per point of score.\n"
               "  Equiv. annual: NPSV spread evenly over the option's years. Sw. costs and\n"
               "  Sw. ben.: the change in PV costs, or in PV benefits, that brings NPSV to 0.\n");
}

static void text_switching(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    const char *pref = option_words(ap, a->preferred);
    char w0[32], w1[32], w2[32];
    sb_puts(b, "\nSwitching values (each weight moved alone, the others held)\n");
    for (size_t j = 0; j < a->n_criteria; j++) {
        const criterion *c = &ap->criteria[j];
        const switch_point *lo = &a->lower[j], *up = &a->upper[j];
        weight_words(c->weight, w0, sizeof w0);
        if (!lo->present && !up->present) {
            sb_printf(b, "  %s stays preferred whatever the weight on %s (now %s).\n", pref,
                      c->name, w0);
            continue;
        }
        sb_printf(b, "  %s stays preferred unless the weight on %s (now %s)", pref, c->name, w0);
        if (lo->present)
            sb_printf(b, " falls below %s (then %s takes over)",
                      weight_words(lo->weight, w1, sizeof w1), option_words(ap, lo->option));
        if (lo->present && up->present)
            sb_puts(b, " or");
        if (up->present)
            sb_printf(b, " rises above %s (then %s takes over)",
                      weight_words(up->weight, w2, sizeof w2), option_words(ap, up->option));
        sb_puts(b, ".\n");
    }
}

static void text_smaa(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    size_t n = a->n_options, K = a->n_criteria;
    size_t shown = n < 10 ? n : 10;
    int iw = id_width(ap);
    sb_printf(b, "\nSMAA: rank acceptability, %% of %ld draws of the weights (seed %lu)\n",
              a->smaa_draws, a->smaa_seed);
    cell_text(b, "Option", iw, 0);
    for (size_t r = 0; r < shown; r++) {
        char h[16];
        snprintf(h, sizeof h, "Rank %zu", r + 1);
        cell_text(b, h, 9, 1);
    }
    sb_putc(b, '\n');
    rule(b, iw + 9 * (int)shown);
    for (size_t o = 0; o < n; o++) {
        cell_text(b, ap->options[o].id, iw, 0);
        for (size_t r = 0; r < shown; r++)
            cell_fmt(b, "%.1f", a->acceptability[o * n + r] * 100, 9);
        sb_putc(b, '\n');
    }
    if (shown < n)
        sb_printf(b, "  (ranks after %zu are in the JSON and CSV)\n", shown);
    sb_puts(b, "\nSMAA: central weights, % (the mean weights in the draws where the option is first)\n");
    cell_text(b, "Option", iw, 0);
    for (size_t j = 0; j < K; j++)
        cell_text(b, ap->criteria[j].id, 11, 1);
    sb_putc(b, '\n');
    rule(b, iw + 11 * (int)K);
    for (size_t o = 0; o < n; o++) {
        const double *cw = a->central_weights + o * K;
        cell_text(b, ap->options[o].id, iw, 0);
        if (isnan(cw[0]))
            sb_puts(b, "  never first");
        else
            for (size_t j = 0; j < K; j++)
                cell_fmt(b, "%.1f", cw[j] * 100, 11);
        sb_putc(b, '\n');
    }
}

static void text_sweep(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    size_t n = a->n_options;
    int iw = id_width(ap);
    sb_puts(b, "\nOptimism-bias sweep: NPSV with every option's mitigation set to\n");
    cell_text(b, "Option", iw, 0);
    for (int k = 0; k < OB_SWEEP_POINTS; k++) {
        char h[16];
        snprintf(h, sizeof h, "%.0f%%", a->sweep_mitigation[k] * 100);
        cell_text(b, h, NUM_WIDTH, 1);
    }
    sb_putc(b, '\n');
    rule(b, iw + NUM_WIDTH * OB_SWEEP_POINTS);
    for (size_t o = 0; o < n; o++) {
        cell_text(b, ap->options[o].id, iw, 0);
        for (int k = 0; k < OB_SWEEP_POINTS; k++)
            cell_money(b, a->sweep_npsv[(size_t)k * n + o]);
        sb_putc(b, '\n');
    }
    rule(b, iw + NUM_WIDTH * OB_SWEEP_POINTS);
    cell_text(b, "Preferred", iw, 0);
    for (int k = 0; k < OB_SWEEP_POINTS; k++)
        cell_text(b, ap->options[a->sweep_preferred[k]].id, NUM_WIDTH, 1);
    sb_putc(b, '\n');
    int changes = 0;
    for (int k = 1; k < OB_SWEEP_POINTS; k++)
        if (a->sweep_preferred[k] != a->sweep_preferred[k - 1]) {
            sb_printf(b, "  The preferred option changes from %s to %s between %.0f%% and %.0f%% "
                      "mitigation.\n", option_words(ap, a->sweep_preferred[k - 1]),
                      option_words(ap, a->sweep_preferred[k]), a->sweep_mitigation[k - 1] * 100,
                      a->sweep_mitigation[k] * 100);
            changes++;
        }
    if (!changes)
        sb_printf(b, "  %s has the highest NPSV at every level of mitigation.\n",
                  option_words(ap, a->sweep_preferred[0]));
}

void appraisal_text(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    text_setting(b, sc, a);
    text_scores(b, sc, a);
    text_values(b, sc, a);
    text_switching(b, sc, a);
    if (a->has_smaa)
        text_smaa(b, sc, a);
    if (a->has_sweep)
        text_sweep(b, sc, a);
}

/* ---- CSV ----
 * section,item,year,value like the rest of the document: every value a
 * number (the year column is empty: nothing here is per year). A null is a
 * row left out. Where the contract gives text (a VfM category, the option
 * that takes over), the text goes in the item beside the number it came
 * from: "o1: high" with the BCR, "c2 to o3" with the switching weight. */

static void csv_line(sbuf *b, const char *section, const char *item, double v)
{
    if (isnan(v))
        return;
    sb_csv_field(b, section);
    sb_putc(b, ',');
    sb_csv_field(b, item);
    sb_printf(b, ",,%.17g\n", v);
}

void appraisal_csv(sbuf *b, const scenario *sc, const appraisal_result *a)
{
    const appraisal_spec *ap = &sc->appraisal;
    size_t n = a->n_options, K = a->n_criteria;
    char item[200];
    for (size_t o = 0; o < n; o++) {
        const option_result *r = &a->options[o];
        const char *id = ap->options[o].id;
        csv_line(b, "appraisal_score", id, r->score);
        csv_line(b, "appraisal_rank", id, r->rank);
        csv_line(b, "appraisal_pv_costs", id, r->pv_costs);
        csv_line(b, "appraisal_pv_benefits", id, r->pv_benefits);
        csv_line(b, "appraisal_pv_risk", id, r->pv_risk);
        csv_line(b, "appraisal_npsv", id, r->npsv);
        csv_line(b, "appraisal_bcr", id, r->bcr);
        csv_line(b, "appraisal_cost_per_point", id, r->cost_per_point);
        csv_line(b, "appraisal_equivalent_annual", id, r->equivalent_annual);
        csv_line(b, "appraisal_switch_costs", id, r->switch_costs);
        csv_line(b, "appraisal_switch_benefits", id, r->switch_benefits);
        csv_line(b, "appraisal_rank_npsv", id, r->rank_npsv);
        if (vfm_name(r->vfm)) {
            snprintf(item, sizeof item, "%s: %s", id, vfm_name(r->vfm));
            csv_line(b, "appraisal_vfm", item, r->bcr);
        }
    }
    for (size_t j = 0; j < K; j++) {
        const char *cid = ap->criteria[j].id;
        csv_line(b, "switching_weight", cid, ap->criteria[j].weight);
        const switch_point *p[2] = { &a->lower[j], &a->upper[j] };
        const char *names[2] = { "switching_lower", "switching_upper" };
        for (int s = 0; s < 2; s++)
            if (p[s]->present) {
                snprintf(item, sizeof item, "%s to %s", cid, ap->options[p[s]->option].id);
                csv_line(b, names[s], item, p[s]->weight);
            }
    }
    if (a->has_smaa)
        for (size_t o = 0; o < n; o++) {
            for (size_t r = 0; r < n; r++) {
                snprintf(item, sizeof item, "%s rank %zu", ap->options[o].id, r + 1);
                csv_line(b, "smaa_acceptability", item, a->acceptability[o * n + r]);
            }
            for (size_t j = 0; j < K; j++) {
                snprintf(item, sizeof item, "%s %s", ap->options[o].id, ap->criteria[j].id);
                csv_line(b, "smaa_central_weight", item, a->central_weights[o * K + j]);
            }
        }
    if (a->has_sweep)
        for (int k = 0; k < OB_SWEEP_POINTS; k++) {
            double m = a->sweep_mitigation[k] * 100;
            for (size_t o = 0; o < n; o++) {
                snprintf(item, sizeof item, "%s at %.0f%%", ap->options[o].id, m);
                csv_line(b, "ob_sweep_npsv", item, a->sweep_npsv[(size_t)k * n + o]);
            }
            size_t p = a->sweep_preferred[k];
            snprintf(item, sizeof item, "at %.0f%%: %s", m, ap->options[p].id);
            csv_line(b, "ob_sweep_preferred", item, a->sweep_npsv[(size_t)k * n + p]);
        }
}

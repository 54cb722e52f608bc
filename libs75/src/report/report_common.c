/* Helpers the text, CSV and JSON writers share with the per-module section
 * writers (*_report.c), kept below both so that neither calls the other. */
#include "report_common.h"

#include <stdio.h>
#include <string.h>

#include "fy.h"
#include "textwidth.h"

/* ---- text tables ---- */

static void cell(sbuf *b, double v)
{
    sbuf tmp;
    sb_init(&tmp);
    sb_money(&tmp, v);
    int n = tmp.s ? (int)tmp.len : 0;
    /* At least one space, so a figure wider than its column (a system's
     * billions) never runs into its neighbour. */
    sb_putc(b, ' ');
    for (int i = n + 1; i < TEXT_COLUMN_WIDTH; i++)
        sb_putc(b, ' ');
    if (tmp.s)
        sb_puts(b, tmp.s);
    sb_free(&tmp);
}

void text_heading(sbuf *b, const char *title, int base_year, int years, int with_total)
{
    char label[8];
    sb_putc(b, '\n');
    sb_label_cell(b, title, TEXT_LABEL_WIDTH);
    for (int t = 0; t < years; t++)
        sb_printf(b, "%*s", TEXT_COLUMN_WIDTH, fy_label(base_year + t, label));
    if (with_total)
        sb_printf(b, "%*s", TEXT_COLUMN_WIDTH, "Total");
    sb_putc(b, '\n');
    text_rule(b, years, with_total);
}

void text_rule(sbuf *b, int years, int with_total)
{
    int width = TEXT_LABEL_WIDTH + TEXT_COLUMN_WIDTH * (years + (with_total ? 1 : 0));
    for (int i = 0; i < width; i++)
        sb_putc(b, '-');
    sb_putc(b, '\n');
}

void text_row(sbuf *b, const char *label, const double *v, int years, int with_total)
{
    sb_label_cell(b, label, TEXT_LABEL_WIDTH);
    double total = 0;
    for (int t = 0; t < years; t++) {
        cell(b, v[t]);
        total += v[t];
    }
    if (with_total)
        cell(b, total);
    sb_putc(b, '\n');
}

void text_row_named(sbuf *b, const char *prefix, const char *name, const char *suffix,
                    const double *v, int years, int with_total)
{
    sbuf label;
    sb_init(&label);
    sb_printf(&label, "%s%s%s", prefix, name ? name : "", suffix);
    text_row(b, label.s ? label.s : "", v, years, with_total);
    if (label.oom)
        b->oom = 1;
    sb_free(&label);
}

void text_row_pence(sbuf *b, const char *label, const int64_t *pence, size_t stride, int years,
                    int with_total)
{
    double v[128];
    int n = years < 128 ? years : 128;
    for (int t = 0; t < n; t++)
        v[t] = (double)pence[(size_t)t * stride] / 100.0;
    text_row(b, label, v, n, with_total);
}

/* ---- CSV ---- */

void csv_value(sbuf *b, const char *section, const char *row, int year, double v)
{
    char label[8];
    sb_csv_field(b, section);
    sb_putc(b, ',');
    sb_csv_field(b, row);
    sb_putc(b, ',');
    if (year > 0)
        sb_puts(b, fy_label(year, label));
    sb_putc(b, ',');
    sb_g17(b, v);
    sb_putc(b, '\n');
}

/* ---- JSON ---- */

void json_projection_year(jw *w, const scenario *sc, const projection *p, int t)
{
    size_t N = (size_t)p->years;
    char label[8];
    jw_string(w, "year", fy_label(p->base_year + t, label));
    jw_number(w, "pay", p->pay[t]);
    jw_number(w, "agency", p->agency[t]);
    jw_number(w, "non_pay", p->non_pay[t]);
    jw_number(w, "cost", p->cost[t]);
    jw_object(w, "contributions");
    for (size_t i = 0; i < sc->n_partners; i++)
        jw_number(w, sc->partners[i].id, p->contributions[i * N + (size_t)t]);
    jw_end_object(w);
    jw_number(w, "contributions_total", p->contributions_total[t]);
    jw_number(w, "gap", p->gap[t]);
    jw_number(w, "savings_planned", p->savings_planned[t]);
    jw_number(w, "savings_expected", p->savings_expected[t]);
    jw_number(w, "variance", p->variance[t]);
    jw_object(w, "risk_share");
    for (size_t i = 0; i < sc->n_partners; i++)
        jw_pence(w, sc->partners[i].id, p->risk_share[i * N + (size_t)t]);
    jw_end_object(w);
    jw_pence(w, "unallocated", p->unallocated[t]);
}

void json_inputs(jw *w, const scenario *sc)
{
    jw_string(w, "digest", sc->digest);
    jw_array(w, "inputs");
    for (size_t i = 0; i < sc->n_inputs; i++) {
        jw_object(w, NULL);
        jw_string(w, "path", sc->inputs[i].path);
        jw_string(w, "sha256", sc->inputs[i].sha256);
        jw_end_object(w);
    }
    jw_end_array(w);
}

int report_shows_employers(const scenario *sc, const projection *p)
{
    if (!p->by_employer || sc->n_lines == 0)
        return 0;
    if (sc->n_systems > 1)
        return 1;
    for (size_t l = 0; l < sc->n_lines; l++)
        if (sc->lines[l].employer >= 0 || sc->lines[l].team)
            return 1;
    return 0;
}

const char *report_employer_label(const scenario *sc, int p)
{
    return p >= 0 ? sc->partners[p].name : "No employer named";
}

const char *report_team_label(const scenario *sc, const projection *p, size_t key)
{
    const char *team = sc->lines[p->team_line[key]].team;
    return team ? team : "No team";
}

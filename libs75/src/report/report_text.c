/* The text report: tables a finance reader expects, years as columns,
 * thousands separators, totals that add up. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sections.h"
#include "overrides.h"
#include "reader.h"
#include "report.h"
#include "s75/version.h"
#include "textwidth.h"

static void projection_text(sbuf *b, const scenario *sc, const projection *p)
{
    int N = p->years;
    size_t n = (size_t)N;
    text_heading(b, "Projection (GBP, cash)", p->base_year, N, 1);
    text_row(b, "Pay (basic and on-costs)", p->pay, N, 1);
    text_row(b, "Agency", p->agency, N, 1);
    text_row(b, "Non-pay", p->non_pay, N, 1);
    if (p->delegated)
        text_row(b, "Delegated to pools below", p->delegated, N, 1);
    text_rule(b, N, 1);
    text_row(b, "Cost", p->cost, N, 1);
    sb_putc(b, '\n');
    for (size_t i = 0; i < sc->n_partners; i++)
        text_row_named(b, "  ", sc->partners[i].name, "", p->contributions + i * n, N, 1);
    text_row(b, "Contributions", p->contributions_total, N, 1);
    text_rule(b, N, 1);
    text_row(b, "Gap (cost - contributions)", p->gap, N, 1);
    text_row(b, "Savings planned", p->savings_planned, N, 1);
    text_row(b, "Savings expected (x confidence)", p->savings_expected, N, 1);
    if (p->cascaded)
        text_row(b, "Cascaded from pools below", p->cascaded, N, 1);
    text_row(b, "Variance (+ over / - under)", p->variance, N, 1);
}

static void savings_text(sbuf *b, const scenario *sc, const projection *p)
{
    int N = p->years;
    if (sc->n_schemes == 0)
        return;
    double *v = calloc((size_t)N, sizeof *v), *u = calloc((size_t)N, sizeof *u);
    if (!v || !u) {
        free(v), free(u);
        return;
    }
    text_heading(b, "Savings schemes (planned; expected)", p->base_year, N, 1);
    for (size_t k = 0; k < sc->n_schemes; k++) {
        const saving_scheme *s = &sc->schemes[k];
        for (int t = 0; t < N; t++) {
            v[t] = s->value * scheme_phase(s, p->base_year + t - s->start);
            u[t] = v[t] * s->confidence;
        }
        text_row_named(b, "", s->name, "", v, N, 1);
        char label[64];
        snprintf(label, sizeof label, "  expected at %.0f%%", s->confidence * 100);
        text_row(b, label, u, N, 1);
    }
    text_rule(b, N, 1);
    text_row(b, "Total planned", p->savings_planned, N, 1);
    text_row(b, "Total expected", p->savings_expected, N, 1);
    for (int t = 0; t < N; t++)
        v[t] = p->variance[t] > 0 ? p->variance[t] : 0;
    text_row(b, "Unidentified gap (overspend left)", v, N, 1);
    free(v), free(u);
}

static void risk_share_text(sbuf *b, const scenario *sc, const projection *p)
{
    int N = p->years;
    size_t n = (size_t)N;
    text_heading(b, "Risk share of the variance (GBP)", p->base_year, N, 1);
    for (size_t i = 0; i < sc->n_partners; i++)
        text_row_pence(b, sc->partners[i].name, p->risk_share + i * n, 1, N, 1);
    text_row_pence(b, "Unallocated (caps)", p->unallocated, 1, N, 1);
    text_rule(b, N, 1);
    text_row(b, "Variance", p->variance, N, 1);
}

static void workforce_text(sbuf *b, const scenario *sc, const projection *p)
{
    int N = p->years;
    size_t n = (size_t)N;
    if (sc->n_lines == 0)
        return;
    text_heading(b, "Workforce: pay and agency (GBP)", p->base_year, N, 1);
    double *v = calloc(n, sizeof *v);
    if (!v)
        return;
    for (size_t l = 0; l < sc->n_lines; l++) {
        char band_label[64];
        snprintf(band_label, sizeof band_label, " (band %s)", sc->bands[sc->lines[l].band].name);
        for (size_t t = 0; t < n; t++)
            v[t] = p->line_pay[l * n + t] + p->line_agency[l * n + t];
        text_row_named(b, "", sc->lines[l].role, band_label, v, N, 1);
    }
    for (size_t t = 0; t < n; t++)
        v[t] = p->pay[t] + p->agency[t];
    text_rule(b, N, 1);
    text_row(b, "Pay and agency", v, N, 1);
    free(v);
}

/* A whole number with thousands separators, right-aligned in 14 ("-" for null). */
static void cell14(sbuf *b, double v)
{
    sbuf tmp;
    sb_init(&tmp);
    sb_money(&tmp, v);
    sb_printf(b, "%14s", tmp.s ? tmp.s : "");
    sb_free(&tmp);
}

/* Required is contact hours over the contact share of productive hours plus
 * the caseload WTE; the gap is priced at the band's pay per in-post WTE. */
static void demand_text(sbuf *b, const demand_result *d, int base_year)
{
    char label[8];
    sb_puts(b, "\nDemand and capacity (WTE; contact hours a year; gap cost in GBP)\n");
    sb_printf(b, "%-10s%-10s%14s%14s%14s%14s%14s%14s\n", "Year", "Band", "Required", "Staffed",
              "Gap", "Contact hours", "Caseload", "Gap cost");
    for (int t = 0; t < d->years; t++)
        for (size_t k = 0; k < d->n_bands; k++) {
            size_t i = (size_t)t * d->n_bands + k;
            sb_printf(b, "%-10s%-10s%14.2f%14.2f%14.2f", fy_label(base_year + t, label),
                      d->bands[k], d->required[i], d->staffed[i], d->gap[i]);
            cell14(b, d->contact_hours[i]);
            sb_printf(b, "%14.2f", d->caseload_wte[i]);
            cell14(b, d->gap_cost[i]);
            sb_putc(b, '\n');
        }
}

void report_text(sbuf *b, const s75_result *res)
{
    const scenario *sc = res->sc;
    char a[8], c[8];
    sb_printf(b, "%s\n", sc->name);
    sb_printf(b, "Scenario %s (sha256 %.12s), %s to %s. libs75 %s\n", sc->file, sc->sha256,
              fy_label(sc->base_year, a), fy_label(sc->base_year + sc->years - 1, c), S75_VERSION);
    provenance_text(b, sc->provenance); /* the variant and --set overrides, if any */
    /* `s75 monitor` is the in-year report to the partners (SPEC §12): the
     * plan's multi-year tables would bury it. */
    if (res->mode == S75_MODE_MONITOR && res->monitoring) {
        monitoring_text(b, sc, res->monitoring);
        return;
    }
    if (res->portfolio)
        portfolio_text(b, sc, res->portfolio);
    if (res->has_projection) {
        projection_text(b, sc, &res->proj);
        savings_text(b, sc, &res->proj);
        risk_share_text(b, sc, &res->proj);
        workforce_text(b, sc, &res->proj);
    }
    if (res->has_demand)
        demand_text(b, &res->demand, sc->base_year);
    if (res->appraisal)
        appraisal_text(b, sc, res->appraisal);
    if (res->monitoring)
        monitoring_text(b, sc, res->monitoring);
    if (res->simulation)
        simulation_text(b, sc, res->simulation);
}

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

static void workforce_line_row(sbuf *b, const scenario *sc, const projection *p, size_t l,
                               double *v)
{
    size_t n = (size_t)p->years;
    /* The band is what tells two lines of one role apart: it stays visible
     * however long the role (text_row_named wraps the role at a word). */
    char band_label[64];
    snprintf(band_label, sizeof band_label, " (band %s)", sc->bands[sc->lines[l].band].name);
    for (size_t t = 0; t < n; t++)
        v[t] = p->line_pay[l * n + t] + p->line_agency[l * n + t];
    text_row_named(b, "", sc->lines[l].role, band_label, v, p->years, 1);
}

/* MODEL.md §14: the pay bill by employer and by pay system. */
static void pay_by_text(sbuf *b, const scenario *sc, const projection *p)
{
    int N = p->years;
    size_t n = (size_t)N;
    text_heading(b, "Pay bill by employer (GBP)", p->base_year, N, 1);
    for (size_t k = 0; k < p->n_employer_keys; k++)
        text_row(b, report_employer_label(sc, p->employer_key[k]), p->by_employer + k * n, N, 1);
    text_heading(b, "Pay bill by pay system (GBP)", p->base_year, N, 1);
    for (size_t k = 0; k < p->n_system_keys; k++)
        text_row(b, sc->systems[p->system_key[k]].name, p->by_system + k * n, N, 1);
}

static void workforce_text(sbuf *b, const scenario *sc, const projection *p)
{
    int N = p->years;
    size_t n = (size_t)N;
    if (sc->n_lines == 0)
        return;
    int by_team = report_shows_employers(sc, p);
    if (by_team)
        pay_by_text(b, sc, p);
    text_heading(b, by_team ? "Workforce by team: pay and agency (GBP)"
                            : "Workforce: pay and agency (GBP)", p->base_year, N, 1);
    double *v = calloc(n, sizeof *v);
    if (!v)
        return;
    if (!by_team) {
        for (size_t l = 0; l < sc->n_lines; l++)
            workforce_line_row(b, sc, p, l, v);
    } else {
        for (size_t k = 0; k < p->n_team_keys; k++) {
            const char *team = sc->lines[p->team_line[k]].team;
            sb_printf(b, "%s\n", report_team_label(sc, p, k));
            for (size_t l = 0; l < sc->n_lines; l++) {
                const char *lt = sc->lines[l].team;
                if (lt == team || (lt && team && strcmp(lt, team) == 0))
                    workforce_line_row(b, sc, p, l, v);
            }
            text_row(b, "  Team subtotal", p->by_team + k * n, N, 1);
        }
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
static void demand_text(sbuf *b, const scenario *sc, const demand_result *d, int base_year)
{
    char label[8];
    /* with several pay systems a band is named with its system */
    int systems = sc->n_systems > 1, wide = systems ? 24 : 10;
    sb_puts(b, "\nDemand and capacity (WTE; contact hours a year; gap cost in GBP)\n");
    sb_printf(b, "%-10s%-*s%14s%14s%14s%14s%14s%14s\n", "Year", wide,
              systems ? "Pay system / band" : "Band", "Required", "Staffed", "Gap",
              "Contact hours", "Caseload", "Gap cost");
    for (int t = 0; t < d->years; t++)
        for (size_t k = 0; k < d->n_bands; k++) {
            size_t i = (size_t)t * d->n_bands + k;
            char name[96];
            if (systems)
                snprintf(name, sizeof name, "%.40s %.31s", sc->systems[d->systems[k]].name,
                         d->bands[k]);
            else
                snprintf(name, sizeof name, "%s", d->bands[k]);
            sb_printf(b, "%-10s%-*s%14.2f%14.2f%14.2f", fy_label(base_year + t, label), wide,
                      name, d->required[i], d->staffed[i], d->gap[i]);
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
    sb_printf(b, "Digest %s of the variant, overrides and %zu file%s read:\n", sc->digest,
              sc->n_inputs, sc->n_inputs == 1 ? "" : "s");
    for (size_t i = 0; i < sc->n_inputs; i++)
        sb_printf(b, "  %s  %s\n", sc->inputs[i].sha256, sc->inputs[i].path);
    /* `s75 monitor` is the in-year report to the partners (MODEL.md §11): the
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
        demand_text(b, sc, &res->demand, sc->base_year);
    if (res->appraisal)
        appraisal_text(b, sc, res->appraisal);
    if (res->monitoring)
        monitoring_text(b, sc, res->monitoring);
    if (res->simulation)
        simulation_text(b, sc, res->simulation);
}

/* CSV: one tidy table, `section,item,year,value`, that any spreadsheet
 * pivots. Money at full precision; allocations in pounds and pence. */
#include <math.h>
#include <stdio.h>

#include "sections.h"
#include "reader.h"
#include "report.h"

static void projection_csv(sbuf *b, const scenario *sc, const projection *p)
{
    size_t n = (size_t)p->years;
    for (int t = 0; t < p->years; t++) {
        int y = p->base_year + t;
        csv_value(b, "projection", "pay", y, p->pay[t]);
        csv_value(b, "projection", "agency", y, p->agency[t]);
        csv_value(b, "projection", "non_pay", y, p->non_pay[t]);
        csv_value(b, "projection", "cost", y, p->cost[t]);
        for (size_t i = 0; i < sc->n_partners; i++)
            csv_value(b, "contributions", sc->partners[i].id, y, p->contributions[i * n + (size_t)t]);
        csv_value(b, "projection", "contributions_total", y, p->contributions_total[t]);
        csv_value(b, "projection", "gap", y, p->gap[t]);
        csv_value(b, "projection", "savings_planned", y, p->savings_planned[t]);
        csv_value(b, "projection", "savings_expected", y, p->savings_expected[t]);
        csv_value(b, "projection", "variance", y, p->variance[t]);
        for (size_t i = 0; i < sc->n_partners; i++)
            csv_value(b, "risk_share", sc->partners[i].id, y,
                      (double)p->risk_share[i * n + (size_t)t] / 100.0);
        csv_value(b, "risk_share", "unallocated", y, (double)p->unallocated[t] / 100.0);
    }
    for (size_t l = 0; l < sc->n_lines; l++) {
        char row[224];
        snprintf(row, sizeof row, "%.160s (band %s)", sc->lines[l].role, sc->bands[sc->lines[l].band].name);
        for (int t = 0; t < p->years; t++) {
            csv_value(b, "workforce_pay", row, p->base_year + t, p->line_pay[l * n + (size_t)t]);
            csv_value(b, "workforce_agency", row, p->base_year + t, p->line_agency[l * n + (size_t)t]);
        }
    }
    if (!report_shows_employers(sc, p))
        return;
    /* MODEL.md §14: pay + agency by employer (partner id, or none), by pay
     * system and by team. */
    for (int t = 0; t < p->years; t++) {
        int y = p->base_year + t;
        for (size_t k = 0; k < p->n_employer_keys; k++)
            csv_value(b, "pay_by_employer",
                      p->employer_key[k] >= 0 ? sc->partners[p->employer_key[k]].id : "none", y,
                      p->by_employer[k * n + (size_t)t]);
        for (size_t k = 0; k < p->n_system_keys; k++)
            csv_value(b, "pay_by_system", sc->systems[p->system_key[k]].name, y,
                      p->by_system[k * n + (size_t)t]);
        for (size_t k = 0; k < p->n_team_keys; k++)
            csv_value(b, "pay_by_team", report_team_label(sc, p, k), y, p->by_team[k * n + (size_t)t]);
    }
}

/* A null (gap cost with no in-post WTE to price it) is a row left out. */
static void demand_csv(sbuf *b, const scenario *sc, const demand_result *d, int base_year)
{
    static const char *const what[] = { "required_wte", "staffed_wte", "capacity_gap_wte",
                                        "contact_hours", "caseload_wte", "gap_cost" };
    for (int t = 0; t < d->years; t++)
        for (size_t k = 0; k < d->n_bands; k++) {
            size_t i = (size_t)t * d->n_bands + k;
            const double v[] = { d->required[i], d->staffed[i], d->gap[i], d->contact_hours[i],
                                 d->caseload_wte[i], d->gap_cost[i] };
            /* with several pay systems a band is named with its system */
            char label[112];
            if (sc->n_systems > 1)
                snprintf(label, sizeof label, "%.64s %.31s", sc->systems[d->systems[k]].name,
                         d->bands[k]);
            else
                snprintf(label, sizeof label, "%s", d->bands[k]);
            for (size_t m = 0; m < sizeof v / sizeof *v; m++) {
                if (isnan(v[m]))
                    continue;
                char row[160];
                snprintf(row, sizeof row, "band %s %s", label, what[m]);
                csv_value(b, "demand", row, base_year + t, v[m]);
            }
        }
}

void report_csv(sbuf *b, const s75_result *res)
{
    const scenario *sc = res->sc;
    sb_puts(b, "section,item,year,value\n");
    if (res->portfolio)
        portfolio_csv(b, sc, res->portfolio);
    if (res->has_projection)
        projection_csv(b, sc, &res->proj);
    if (res->has_demand)
        demand_csv(b, sc, &res->demand, sc->base_year);
    if (res->appraisal)
        appraisal_csv(b, sc, res->appraisal);
    if (res->monitoring)
        monitoring_csv(b, sc, res->monitoring);
    if (res->simulation)
        simulation_csv(b, sc, res->simulation);
}

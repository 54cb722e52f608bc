/* The validated scenario's own functions (model.h): lookups by id and name,
 * and freeing, which every layer above the loader needs. */
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "load.h"
#include "overrides.h"

int partner_index(const scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->n_partners; i++)
        if (sc->partners[i].id && strcmp(sc->partners[i].id, id) == 0)
            return (int)i;
    return -1;
}

int band_index(const scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_bands; i++)
        if (strcmp(sc->bands[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *const *partner_ids(const scenario *sc)
{
    return sc->partner_id_list;
}

static void free_band(band *b)
{
    free(b->points);
    free(b->progression);
}

static void free_option(option *o)
{
    free(o->id);
    free(o->name);
    free(o->scores);
    free(o->costs);
    free(o->benefits);
    for (size_t i = 0; i < o->n_risks; i++)
        free(o->risks[i].name);
    free(o->risks);
}

void scenario_free(scenario *sc)
{
    if (!sc)
        return;
    if (atomic_fetch_sub(&sc->refs, 1) > 1)
        return;
    free(sc->name);
    free(sc->file);
    free(sc->paper.title);
    free(sc->paper.author);
    free(sc->paper.date);
    free(sc->paper.recommendation);
    free(sc->paper.decision);
    for (size_t i = 0; i < sc->n_bands; i++)
        free_band(&sc->bands[i]);
    free(sc->bands);
    for (size_t s = 0; s < sc->n_systems; s++) {
        pay_system *ps = &sc->systems[s];
        free(ps->name);
        for (size_t k = 0; ps->awards && k < sc->n_awards; k++)
            free(ps->awards[k].band_percent);
        free(ps->awards);
        free(ps->ni_rate);
        free(ps->ni_threshold);
        free(ps->pension);
        free(ps->levy);
    }
    free(sc->systems);
    for (size_t i = 0; i < sc->n_lines; i++) {
        free(sc->lines[i].role);
        free(sc->lines[i].team);
        free(sc->lines[i].shares);
    }
    free(sc->lines);
    for (size_t i = 0; i < sc->n_non_pay; i++) {
        free(sc->non_pay[i].name);
        free(sc->non_pay[i].inflation);
        free(sc->non_pay[i].amounts);
    }
    free(sc->non_pay);
    for (size_t i = 0; i < sc->n_partners; i++) {
        free(sc->partners[i].id);
        free(sc->partners[i].name);
        free(sc->partners[i].uplift);
        free(sc->partners[i].amounts);
    }
    free(sc->partners);
    free(sc->partner_id_list);
    for (size_t i = 0; i < sc->n_schemes; i++) {
        free(sc->schemes[i].name);
        free(sc->schemes[i].phasing);
    }
    free(sc->schemes);
    rs_rule_free(&sc->risk_share.overspend);
    rs_rule_free(&sc->risk_share.underspend);
    free(sc->demand.productive_hours);
    free(sc->demand.non_contact);
    for (size_t i = 0; i < sc->demand.n_drivers; i++) {
        free(sc->demand.drivers[i].name);
        free(sc->demand.drivers[i].growth);
        free(sc->demand.drivers[i].need_weight);
    }
    free(sc->demand.drivers);
    for (size_t i = 0; i < sc->demand.n_activities; i++)
        free(sc->demand.activities[i].name);
    free(sc->demand.activities);
    for (size_t i = 0; i < sc->demand.n_caseloads; i++) {
        free(sc->demand.caseloads[i].name);
        free(sc->demand.caseloads[i].per_wte);
    }
    free(sc->demand.caseloads);
    for (size_t i = 0; i < sc->appraisal.n_criteria; i++) {
        free(sc->appraisal.criteria[i].id);
        free(sc->appraisal.criteria[i].name);
    }
    free(sc->appraisal.criteria);
    for (size_t i = 0; i < sc->appraisal.n_options; i++)
        free_option(&sc->appraisal.options[i]);
    free(sc->appraisal.options);
    free(sc->appraisal.deflator);
    for (size_t i = 0; i < sc->n_pools; i++) {
        free(sc->pools[i].id);
        free(sc->pools[i].name);
        scenario_free(sc->pools[i].scenario);
    }
    free(sc->pools);
    for (size_t i = 0; i < sc->n_tables; i++) {
        free(sc->tables[i].file);
        free(sc->tables[i].section);
        free(sc->tables[i].text);
    }
    free(sc->tables);
    provenance_free(sc->provenance);
    inputs_free(sc);
    free(sc->read);
    free(sc);
}

void rs_rule_free(rs_rule *r)
{
    if (!r)
        return;
    free(r->shares);
    for (size_t i = 0; i < r->n_tiers; i++)
        free(r->tiers[i].shares);
    free(r->tiers);
    free(r->caps);
    memset(r, 0, sizeof *r);
}

/* Loading savings (§6), risk share (§6), demand (§7), uncertainty (§9) and
 * in-year monitoring (§12). */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "load.h"
#include "table.h"

/* ---- savings ---- */

void load_savings(reader *r, const ynode *n, scenario *sc)
{
    static const char *const keys[] = { "schemes", NULL };
    static const char *const scheme_keys[] = { "name", "value", "start", "phasing", "confidence",
                                               "recurrent", NULL };
    static const char *const scheme_req[] = { "name", "value", "start", NULL };
    size_t old = rd_push_key(r, "savings");
    if (rd_check_map(r, n, keys, keys) < 0) {
        rd_pop(r, old);
        return;
    }
    const ynode *list = ymap_get(n, "schemes");
    size_t o1 = rd_push_key(r, "schemes");
    if (rd_expect(r, list, Y_SEQ) == 0 && list->n > LIMIT_LINES) {
        rd_error_code(r, S75_ELIMIT, list, "more than %d savings schemes", LIMIT_LINES);
    } else if (list->kind == Y_SEQ && list->n > 0 &&
               (sc->schemes = rd_calloc(r, list, list->n, sizeof *sc->schemes))) {
        sc->n_schemes = list->n;
        int last = sc->base_year + sc->years - 1;
        char a[8], b[8], c[8];
        for (size_t i = 0; i < list->n; i++) {
            size_t o2 = rd_push_index(r, i);
            const ynode *it = list->kids[i];
            saving_scheme *s = &sc->schemes[i];
            s->confidence = 1.0;
            s->recurrent = 1;
            if (rd_check_map(r, it, scheme_keys, scheme_req) == 0 || it->kind == Y_MAP) {
                const char *name;
                if (rd_child_string(r, it, "name", &name) == 0)
                    s->name = rd_strdup(r, name);
                rd_child_number_in(r, it, "value", &s->value, 0, 1e13);
                const ynode *st = ymap_get(it, "start");
                if (st) {
                    size_t o3 = rd_push_key(r, "start");
                    if (rd_year(r, st, &s->start) == 0 &&
                        (s->start < sc->base_year || s->start > last))
                        rd_error(r, st, "start %s is outside the model (%s to %s)",
                                 fy_label(s->start, a), fy_label(sc->base_year, b),
                                 fy_label(last, c));
                    rd_pop(r, o3);
                }
                rd_child_rate(r, it, "confidence", &s->confidence, 0, 1);
                rd_child_bool(r, it, "recurrent", &s->recurrent);
                const ynode *ph = ymap_get(it, "phasing");
                size_t o3 = rd_push_key(r, "phasing");
                if (!ph) {
                    s->phasing = malloc(sizeof(double));
                    if (s->phasing) {
                        s->phasing[0] = 1.0;
                        s->n_phasing = 1;
                    }
                } else if (rd_expect(r, ph, Y_SEQ) == 0) {
                    if (ph->n == 0 || ph->n > (size_t)LIMIT_YEARS)
                        rd_error(r, ph, "phasing needs 1 to %d entries", LIMIT_YEARS);
                    else if ((s->phasing = rd_calloc(r, ph, ph->n, sizeof(double)))) {
                        s->n_phasing = ph->n;
                        for (size_t k = 0; k < ph->n; k++) {
                            size_t o4 = rd_push_index(r, k);
                            rd_rate(r, ph->kids[k], &s->phasing[k], 0, 1);
                            rd_pop(r, o4);
                        }
                    }
                }
                rd_pop(r, o3);
            }
            rd_pop(r, o2);
        }
    }
    rd_pop(r, o1);
    rd_pop(r, old);
}

/* ---- risk share ---- */

static double *load_shares(reader *r, const ynode *n, const scenario *sc)
{
    if (rd_expect(r, n, Y_MAP) < 0)
        return NULL;
    double *shares = rd_calloc(r, n, sc->n_partners, sizeof(double));
    if (!shares)
        return NULL;
    int ok = 1;
    double sum = 0;
    const char *const *ids = partner_ids(sc);
    for (size_t i = 0; i < n->n; i++) {
        const ynode *k = ymap_key(n, i);
        const char *id = k->kind == Y_SCALAR ? k->text : "?";
        size_t old = rd_push_key(r, id);
        int pi = k->kind == Y_SCALAR ? partner_index(sc, id) : -1;
        if (pi < 0) {
            const char *near = ids ? rd_nearest(r, id, ids) : NULL;
            rd_error(r, k, "no partner with id '%s'%s%s%s", id, near ? " (did you mean '" : "",
                     near ? near : "", near ? "'?)" : "");
            ok = 0;
        } else if (rd_rate(r, ymap_value(n, i), &shares[pi], 0, 1) < 0) {
            ok = 0;
        } else {
            sum += shares[pi];
        }
        rd_pop(r, old);
    }
    if (ok && fabs(sum - 1.0) > 0.0001 + 1e-12) {
        rd_error(r, n, "shares must sum to 100%%, got %.6g%%", sum * 100);
        ok = 0;
    }
    if (!ok) {
        free(shares);
        return NULL;
    }
    return shares;
}

static int parse_rule_kind(reader *r, const ynode *n, int *kind)
{
    static const char *const kinds[] = { "proportional", "fixed", "tiered", NULL };
    const char *s;
    if (rd_string(r, n, &s) < 0)
        return -1;
    for (int i = 0; kinds[i]; i++)
        if (strcmp(s, kinds[i]) == 0) {
            *kind = i;
            return 0;
        }
    const char *near = rd_nearest(r, s, kinds);
    rd_error(r, n, "unknown rule '%s'%s%s%s; the rules are proportional, fixed and tiered", s,
             near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    return -1;
}

static void load_tiers(reader *r, const ynode *n, const scenario *sc, rs_rule *rule)
{
    static const char *const keys[] = { "up_to", "shares", "rule", NULL };
    if (rd_expect(r, n, Y_SEQ) < 0)
        return;
    if (n->n == 0 || n->n > 100) {
        rd_error(r, n, "a tiered rule needs 1 to 100 tiers");
        return;
    }
    rule->tiers = rd_calloc(r, n, n->n, sizeof *rule->tiers);
    if (!rule->tiers)
        return;
    rule->n_tiers = n->n;
    double prev = 0;
    for (size_t i = 0; i < n->n; i++) {
        size_t old = rd_push_index(r, i);
        const ynode *t = n->kids[i];
        rs_tier *tier = &rule->tiers[i];
        tier->up_to = INFINITY;
        if (rd_check_map(r, t, keys, NULL) == 0 || t->kind == Y_MAP) {
            const ynode *up = ymap_get(t, "up_to");
            int last = i + 1 == n->n;
            if (up && last) {
                size_t o2 = rd_push_key(r, "up_to");
                rd_error(r, up, "the last tier is unbounded: a tiered rule needs a final tier "
                         "without up_to");
                rd_pop(r, o2);
            } else if (!up && !last) {
                rd_error(r, t, "only the last tier may be unbounded; this one needs up_to");
            } else if (up) {
                size_t o2 = rd_push_key(r, "up_to");
                double v;
                if (rd_number_in(r, up, &v, 0, 1e13) == 0) {
                    if (v <= prev)
                        rd_error(r, up, "tiers must be in order: up_to %.10g is not above the "
                                 "previous tier's %.10g", v, prev);
                    tier->up_to = v;
                    prev = v;
                }
                rd_pop(r, o2);
            }
            const ynode *sh = ymap_get(t, "shares"), *ru = ymap_get(t, "rule");
            if (sh && ru) {
                rd_error(r, t, "give a tier shares or rule: proportional, not both");
            } else if (sh) {
                size_t o2 = rd_push_key(r, "shares");
                tier->shares = load_shares(r, sh, sc);
                rd_pop(r, o2);
            } else if (ru) {
                size_t o2 = rd_push_key(r, "rule");
                int kind;
                if (parse_rule_kind(r, ru, &kind) == 0 && kind != RS_PROPORTIONAL)
                    rd_error(r, ru, "a tier's rule can only be proportional (or give shares)");
                rd_pop(r, o2);
            } else {
                rd_error(r, t, "a tier needs shares, or rule: proportional");
            }
        }
        rd_pop(r, old);
    }
}

static void load_caps(reader *r, const ynode *n, const scenario *sc, rs_rule *rule)
{
    if (rd_expect(r, n, Y_MAP) < 0)
        return;
    rule->caps = rd_calloc(r, n, sc->n_partners, sizeof(double));
    if (!rule->caps)
        return;
    for (size_t i = 0; i < sc->n_partners; i++)
        rule->caps[i] = INFINITY;
    for (size_t i = 0; i < n->n; i++) {
        const ynode *k = ymap_key(n, i);
        const char *id = k->kind == Y_SCALAR ? k->text : "?";
        size_t old = rd_push_key(r, id);
        int pi = partner_index(sc, id);
        if (pi < 0)
            rd_error(r, k, "no partner with id '%s'", id);
        else
            rd_number_in(r, ymap_value(n, i), &rule->caps[pi], 0, 1e13);
        rd_pop(r, old);
    }
}

static void load_rule(reader *r, const ynode *n, const scenario *sc, rs_rule *rule)
{
    static const char *const keys[] = { "rule", "shares", "tiers", "caps", NULL };
    rule->kind = RS_PROPORTIONAL;
    rule->n = sc->n_partners;
    if (rd_check_map(r, n, keys, NULL) < 0 && n->kind != Y_MAP)
        return;
    const ynode *k = ymap_get(n, "rule");
    if (k) {
        size_t old = rd_push_key(r, "rule");
        parse_rule_kind(r, k, &rule->kind);
        rd_pop(r, old);
    }
    const ynode *sh = ymap_get(n, "shares"), *ti = ymap_get(n, "tiers"), *ca = ymap_get(n, "caps");
    if (rule->kind == RS_FIXED) {
        if (!sh)
            rd_error(r, n, "a fixed rule needs shares: {partner: per cent}");
        else {
            size_t old = rd_push_key(r, "shares");
            rule->shares = load_shares(r, sh, sc);
            rd_pop(r, old);
        }
    } else if (sh) {
        size_t old = rd_push_key(r, "shares");
        rd_error(r, sh, "shares belong to rule: fixed (or to a tier)");
        rd_pop(r, old);
    }
    if (rule->kind == RS_TIERED) {
        if (!ti)
            rd_error(r, n, "a tiered rule needs tiers, the last one unbounded");
        else {
            size_t old = rd_push_key(r, "tiers");
            load_tiers(r, ti, sc, rule);
            rd_pop(r, old);
        }
    } else if (ti) {
        size_t old = rd_push_key(r, "tiers");
        rd_error(r, ti, "tiers belong to rule: tiered");
        rd_pop(r, old);
    }
    if (ca) {
        size_t old = rd_push_key(r, "caps");
        load_caps(r, ca, sc, rule);
        rd_pop(r, old);
    }
}

void load_risk_share(reader *r, const ynode *n, scenario *sc)
{
    static const char *const keys[] = { "overspend", "underspend", NULL };
    sc->risk_share.overspend.n = sc->n_partners;
    sc->risk_share.underspend.n = sc->n_partners;
    if (!n)
        return;
    size_t old = rd_push_key(r, "risk_share");
    if (rd_check_map(r, n, keys, NULL) == 0 || n->kind == Y_MAP) {
        const ynode *o = ymap_get(n, "overspend"), *u = ymap_get(n, "underspend");
        if (o) {
            size_t o2 = rd_push_key(r, "overspend");
            load_rule(r, o, sc, &sc->risk_share.overspend);
            rd_pop(r, o2);
        }
        if (u) {
            size_t o2 = rd_push_key(r, "underspend");
            load_rule(r, u, sc, &sc->risk_share.underspend);
            rd_pop(r, o2);
        }
    }
    rd_pop(r, old);
}

/* ---- demand ---- */

/* The driver an activity or caseload names, as an index (0 after an error,
 * which is recorded). names: the drivers' names for suggestions, or NULL. */
static size_t demand_driver(reader *r, const ynode *it, const demand_spec *dm,
                            const char *const *names)
{
    const char *s;
    if (rd_child_string(r, it, "driver", &s) != 0)
        return 0;
    size_t j = 0;
    while (j < dm->n_drivers && (!dm->drivers[j].name || strcmp(dm->drivers[j].name, s) != 0))
        j++;
    if (j < dm->n_drivers)
        return j;
    size_t o = rd_push_key(r, "driver");
    const char *near = names ? rd_nearest(r, s, names) : NULL;
    rd_error(r, ymap_get(it, "driver"), "no demand driver named '%s'%s%s%s", s,
             near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    rd_pop(r, o);
    return 0;
}

/* The pay system an activity or caseload names for its band: it must name
 * one when there are several (MODEL.md §14). -1 when it names none that
 * exists, or none where it must. */
static int demand_pay_system(reader *r, const ynode *it, const scenario *sc)
{
    const char *s;
    int rc = rd_child_string(r, it, "pay_system", &s);
    if (rc == 1) {
        if (sc->n_systems > 1) {
            rd_error(r, it, "with several pay systems an activity or caseload must name its "
                     "pay_system");
            return -1;
        }
        return 0;
    }
    if (rc < 0)
        return -1;
    int i = system_index(sc, s);
    if (i < 0) {
        size_t o = rd_push_key(r, "pay_system");
        rd_error(r, ymap_get(it, "pay_system"), "no pay system named '%s'", s);
        rd_pop(r, o);
    }
    return i;
}

/* The band an activity or caseload names, into out (left empty on error),
 * with its pay system into *system. */
static void demand_band(reader *r, const ynode *it, const scenario *sc, char out[BAND_NAME_MAX],
                        size_t *system)
{
    const char *s;
    int sys = demand_pay_system(r, it, sc);
    *system = sys >= 0 ? (size_t)sys : 0;
    if (rd_child_string(r, it, "band", &s) != 0)
        return;
    size_t o = rd_push_key(r, "band");
    if (strlen(s) == 0 || strlen(s) >= BAND_NAME_MAX)
        rd_error(r, ymap_get(it, "band"), "a band name is short text such as \"6\"");
    else if (sys >= 0 && sc->n_bands > 0 && band_in_system(sc, (size_t)sys, s) < 0)
        rd_error(r, ymap_get(it, "band"), "band '%s' is not in the %s", s,
                 sc->n_systems > 1 ? "scale of its pay system" : "pay scale");
    else
        memcpy(out, s, strlen(s) + 1);
    rd_pop(r, o);
}

static void load_drivers(reader *r, const ynode *dr, scenario *sc)
{
    static const char *const driver_keys[] = { "base", "growth", "need_weight", NULL };
    static const char *const driver_req[] = { "base", NULL };
    demand_spec *dm = &sc->demand;
    int first = sc->base_year, last = sc->base_year + sc->years - 1;
    if (rd_expect(r, dr, Y_MAP) != 0 || dr->n == 0 ||
        !(dm->drivers = rd_calloc(r, dr, dr->n, sizeof *dm->drivers)))
        return;
    dm->n_drivers = dr->n;
    for (size_t i = 0; i < dr->n; i++) {
        const ynode *k = ymap_key(dr, i), *v = ymap_value(dr, i);
        driver *d = &dm->drivers[i];
        const char *name = k->kind == Y_SCALAR ? k->text : "?";
        size_t o2 = rd_push_key(r, name);
        d->name = rd_strdup(r, name);
        d->growth = rd_calloc(r, v, (size_t)sc->years, sizeof(double));
        d->need_weight = rd_calloc(r, v, (size_t)sc->years, sizeof(double));
        for (int t = 0; d->need_weight && t < sc->years; t++)
            d->need_weight[t] = 1;
        if (rd_check_map(r, v, driver_keys, driver_req) == 0 || v->kind == Y_MAP) {
            rd_child_number_in(r, v, "base", &d->base, 0, 1e12);
            const ynode *g = ymap_get(v, "growth");
            if (g && d->growth && sc->years > 1) {
                size_t o3 = rd_push_key(r, "growth");
                rd_series(r, g, SERIES_RATE, -1, 1, first + 1, last, d->growth + 1);
                rd_pop(r, o3);
            }
            const ynode *w = ymap_get(v, "need_weight");
            if (w && d->need_weight) {
                size_t o3 = rd_push_key(r, "need_weight");
                rd_series(r, w, SERIES_NUMBER | SERIES_ABOVE_LO, 0, 1e13, first, last,
                          d->need_weight);
                rd_pop(r, o3);
            }
        }
        rd_pop(r, o2);
    }
}

static void load_activities(reader *r, const ynode *ac, scenario *sc, const char *const *names)
{
    static const char *const act_keys[] = { "name", "driver", "per_unit", "coverage", "minutes",
                                            "band", "pay_system", NULL };
    static const char *const act_req[] = { "name", "driver", "minutes", "band", NULL };
    demand_spec *dm = &sc->demand;
    if (rd_expect(r, ac, Y_SEQ) == 0 && ac->n > LIMIT_LINES) {
        rd_error_code(r, S75_ELIMIT, ac, "more than %d activities", LIMIT_LINES);
        return;
    }
    if (ac->kind != Y_SEQ || ac->n == 0 ||
        !(dm->activities = rd_calloc(r, ac, ac->n, sizeof *dm->activities)))
        return;
    dm->n_activities = ac->n;
    for (size_t i = 0; i < ac->n; i++) {
        size_t o2 = rd_push_index(r, i);
        const ynode *it = ac->kids[i];
        activity *a = &dm->activities[i];
        a->per_unit = 1;
        a->coverage = 1;
        if (rd_check_map(r, it, act_keys, act_req) == 0 || it->kind == Y_MAP) {
            const char *s;
            if (rd_child_string(r, it, "name", &s) == 0)
                a->name = rd_strdup(r, s);
            a->driver = demand_driver(r, it, dm, names);
            rd_child_number_in(r, it, "per_unit", &a->per_unit, 0, 1e6);
            rd_child_rate(r, it, "coverage", &a->coverage, 0, 1);
            rd_child_number_in(r, it, "minutes", &a->minutes, 0, 1e6);
            demand_band(r, it, sc, a->band, &a->system);
        }
        rd_pop(r, o2);
    }
}

static void load_caseloads(reader *r, const ynode *cl, scenario *sc, const char *const *names)
{
    static const char *const cl_keys[] = { "name", "driver", "per_wte", "band", "pay_system", NULL };
    static const char *const cl_req[] = { "name", "driver", "per_wte", "band", NULL };
    demand_spec *dm = &sc->demand;
    int first = sc->base_year, last = sc->base_year + sc->years - 1;
    if (rd_expect(r, cl, Y_SEQ) == 0 && cl->n > LIMIT_LINES) {
        rd_error_code(r, S75_ELIMIT, cl, "more than %d caseloads", LIMIT_LINES);
        return;
    }
    if (cl->kind != Y_SEQ || cl->n == 0 ||
        !(dm->caseloads = rd_calloc(r, cl, cl->n, sizeof *dm->caseloads)))
        return;
    dm->n_caseloads = cl->n;
    for (size_t i = 0; i < cl->n; i++) {
        size_t o2 = rd_push_index(r, i);
        const ynode *it = cl->kids[i];
        caseload *c = &dm->caseloads[i];
        c->per_wte = rd_calloc(r, it, (size_t)sc->years, sizeof(double));
        if (rd_check_map(r, it, cl_keys, cl_req) == 0 || it->kind == Y_MAP) {
            const char *s;
            if (rd_child_string(r, it, "name", &s) == 0)
                c->name = rd_strdup(r, s);
            c->driver = demand_driver(r, it, dm, names);
            const ynode *pw = ymap_get(it, "per_wte");
            if (pw && c->per_wte) {
                size_t o3 = rd_push_key(r, "per_wte");
                rd_series(r, pw, SERIES_NUMBER | SERIES_ABOVE_LO, 0, 1e13, first, last,
                          c->per_wte);
                rd_pop(r, o3);
            }
            demand_band(r, it, sc, c->band, &c->system);
        }
        rd_pop(r, o2);
    }
}

void load_demand(reader *r, const ynode *n, scenario *sc)
{
    static const char *const keys[] = { "productive_hours", "non_contact", "drivers",
                                        "activities", "caseloads", NULL };
    static const char *const req[] = { "productive_hours", "drivers", "activities", NULL };
    demand_spec *dm = &sc->demand;
    int first = sc->base_year, last = sc->base_year + sc->years - 1;
    size_t old = rd_push_key(r, "demand");
    if (rd_check_map(r, n, keys, req) < 0 && n->kind != Y_MAP) {
        rd_pop(r, old);
        return;
    }
    dm->present = 1;
    dm->productive_hours = rd_calloc(r, n, (size_t)sc->years, sizeof(double));
    dm->non_contact = rd_calloc(r, n, (size_t)sc->years, sizeof(double));
    const ynode *ph = ymap_get(n, "productive_hours");
    if (ph && dm->productive_hours) {
        size_t o = rd_push_key(r, "productive_hours");
        rd_series(r, ph, SERIES_NUMBER, 1, 8784, first, last, dm->productive_hours);
        rd_pop(r, o);
    }
    const ynode *nc = ymap_get(n, "non_contact");
    if (nc && dm->non_contact) {
        size_t o = rd_push_key(r, "non_contact");
        rd_series(r, nc, SERIES_RATE | SERIES_BELOW_HI, 0, 1, first, last, dm->non_contact);
        rd_pop(r, o);
    }
    const ynode *dr = ymap_get(n, "drivers");
    if (dr) {
        size_t o = rd_push_key(r, "drivers");
        load_drivers(r, dr, sc);
        rd_pop(r, o);
    }
    const char **names = calloc(dm->n_drivers + 1, sizeof *names);
    for (size_t i = 0; names && i < dm->n_drivers; i++)
        names[i] = dm->drivers[i].name ? dm->drivers[i].name : "";
    const ynode *ac = ymap_get(n, "activities");
    if (ac) {
        size_t o = rd_push_key(r, "activities");
        load_activities(r, ac, sc, names);
        rd_pop(r, o);
    }
    const ynode *cl = ymap_get(n, "caseloads");
    if (cl) {
        size_t o = rd_push_key(r, "caseloads");
        load_caseloads(r, cl, sc, names);
        rd_pop(r, o);
    }
    free(names);
    rd_pop(r, old);
}

/* ---- uncertainty ---- */

void load_uncertainty(reader *r, const ynode *n, scenario *sc)
{
    static const char *const keys[] = { "draws", "seed", "pay_award_sd", "inflation_sd",
                                        "uplift_sd", "savings", NULL };
    uncertainty_spec *u = &sc->uncertainty;
    size_t old = rd_push_key(r, "uncertainty");
    u->draws = 10000;
    u->seed = 1;
    u->savings_mode = SAVINGS_BERNOULLI;
    if (rd_check_map(r, n, keys, NULL) == 0 || n->kind == Y_MAP) {
        u->present = 1;
        long v;
        /* Caps: LIMIT_DRAWS draws, and LIMIT_SIM_VALUES values kept for the
         * percentiles (draws x years x (cost, gap, variance and one per
         * partner)), both S75_ELIMIT. An sd is 0 to 100%; noise that would
         * take a rate below -100% is clamped there (simulate_noise.h). */
        if (rd_child_int(r, n, "draws", &v, 1, LONG_MAX) == 0) {
            const ynode *dn = ymap_get(n, "draws");
            size_t o = rd_push_key(r, "draws");
            double values = (double)v * sc->years * (3.0 + (double)sc->n_partners);
            double work = (double)v * (double)sc->n_pools * sc->years;
            if (v > LIMIT_DRAWS)
                rd_error_code(r, S75_ELIMIT, dn, "at most %ld draws (LIMIT_DRAWS), got %ld",
                              LIMIT_DRAWS, v);
            else if (sc->is_portfolio && work > LIMIT_PORTFOLIO_WORK)
                rd_error_code(r, S75_ELIMIT, dn, "%ld draws x %zu pools x %d years is %.0f pool-"
                              "years to simulate; at most %.0f (LIMIT_PORTFOLIO_WORK): use at "
                              "most %.0f draws", v, sc->n_pools, sc->years, work,
                              LIMIT_PORTFOLIO_WORK,
                              floor(LIMIT_PORTFOLIO_WORK / ((double)sc->n_pools * sc->years)));
            else if (!sc->is_portfolio && values > (double)LIMIT_SIM_VALUES)
                rd_error_code(r, S75_ELIMIT, dn, "%ld draws x %d years x %zu series would keep "
                              "%.0f values; at most %ld (LIMIT_SIM_VALUES): use fewer draws", v,
                              sc->years, 3 + sc->n_partners, values, (long)LIMIT_SIM_VALUES);
            else
                u->draws = v;
            rd_pop(r, o);
        }
        if (rd_child_int(r, n, "seed", &v, 0, 4294967295L) == 0)
            u->seed = (unsigned long)v;
        rd_child_rate(r, n, "pay_award_sd", &u->award_sd, 0, 1);
        rd_child_rate(r, n, "inflation_sd", &u->inflation_sd, 0, 1);
        rd_child_rate(r, n, "uplift_sd", &u->uplift_sd, 0, 1);
        const char *mode;
        if (rd_child_string(r, n, "savings", &mode) == 0) {
            static const char *const modes[] = { "bernoulli", "expected", NULL };
            if (strcmp(mode, "bernoulli") == 0)
                u->savings_mode = SAVINGS_BERNOULLI;
            else if (strcmp(mode, "expected") == 0)
                u->savings_mode = SAVINGS_EXPECTED;
            else {
                size_t o = rd_push_key(r, "savings");
                const char *near = rd_nearest(r, mode, modes);
                rd_error(r, ymap_get(n, "savings"), "unknown savings mode '%s'%s%s%s; use "
                         "bernoulli or expected", mode, near ? " (did you mean '" : "",
                         near ? near : "", near ? "'?)" : "");
                rd_pop(r, o);
            }
        }
    }
    rd_pop(r, old);
}

/* ---- monitoring ---- */

/* A list of monthly figures from April; what names them in the message. */
static int monthly_list(reader *r, const ynode *v, const char *what)
{
    if (v->kind == Y_SEQ)
        return 0;
    rd_error(r, v, "expected a list of %s from April, e.g. [810000, 805000], got %s", what,
             ykind_name(v->kind));
    return -1;
}

static void load_actuals(reader *r, const ynode *act, monitoring_spec *m)
{
    const ynode *seen[N_CATEGORIES] = { NULL };
    if (rd_expect(r, act, Y_MAP) < 0)
        return;
    if (act->n == 0)
        rd_error(r, act, "actuals need at least one category (pay, agency, non_pay)");
    for (size_t i = 0; i < act->n; i++) {
        const ynode *k = ymap_key(act, i), *v = ymap_value(act, i);
        size_t o = rd_push_key(r, k->kind == Y_SCALAR ? k->text : "?");
        int cat = monitoring_category(r, k, seen);
        if (cat >= 0 && monthly_list(r, v, "monthly actuals") == 0) {
            if (v->n == 0 || v->n > 12) {
                rd_error(r, v, "needs 1 to 12 monthly actuals from April, got %zu", v->n);
            } else if (m->method == MONITOR_TREND && v->n < 2) {
                rd_error(r, v, "the trend method needs at least two months of actuals, got 1");
            } else {
                m->n_actuals[cat] = v->n;
                for (size_t j = 0; j < v->n; j++) {
                    size_t o2 = rd_push_index(r, j);
                    /* A month may be negative: a credit or a reversed accrual. */
                    rd_number_in(r, v->kids[j], &m->actuals[cat][j], -1e13, 1e13);
                    rd_pop(r, o2);
                }
            }
        }
        rd_pop(r, o);
    }
}

static void load_profiles(reader *r, const ynode *pr, monitoring_spec *m)
{
    const ynode *seen[N_CATEGORIES] = { NULL };
    if (rd_expect(r, pr, Y_MAP) < 0)
        return;
    for (size_t i = 0; i < pr->n; i++) {
        const ynode *k = ymap_key(pr, i), *v = ymap_value(pr, i);
        size_t o = rd_push_key(r, k->kind == Y_SCALAR ? k->text : "?");
        int cat = monitoring_category(r, k, seen);
        if (cat >= 0 && monthly_list(r, v, "12 monthly shares") == 0) {
            if (v->n != 12) {
                rd_error(r, v, "a profile needs 12 monthly shares, got %zu", v->n);
            } else {
                double share[12], sum = 0;
                int ok = 1;
                for (size_t j = 0; j < 12; j++) {
                    size_t o2 = rd_push_index(r, j);
                    if (rd_rate(r, v->kids[j], &share[j], 0, 1) < 0)
                        ok = 0;
                    else
                        sum += share[j];
                    rd_pop(r, o2);
                }
                if (ok && fabs(sum - 1) > 1e-6) {
                    rd_error(r, v, "a profile's shares must sum to 100%%, got %.6g%%", sum * 100);
                } else if (ok) {
                    /* Within the tolerance, scaled to sum to exactly 1, so that
                     * the profile forecast at month 12 is the actuals and the
                     * quarters' budgets add up to the annual budget. */
                    for (size_t j = 0; j < 12; j++)
                        m->profile[cat][j] = share[j] / sum;
                }
            }
        }
        rd_pop(r, o);
    }
}

void load_monitoring(reader *r, const ynode *n, scenario *sc, table_src *ts)
{
    static const char *const keys[] = { "year", "method", "run_rate_months", "actuals",
                                        "actuals_from", "profile", "profile_from", NULL };
    static const char *const req[] = { "year", NULL };
    static const char *const methods[] = { "run_rate", "profile", "trend", NULL };
    monitoring_spec *m = &sc->monitoring;
    size_t old = rd_push_key(r, "monitoring");
    m->run_rate_months = 3;
    m->method = MONITOR_RUN_RATE;
    for (int c = 0; c < N_CATEGORIES; c++)
        for (int i = 0; i < 12; i++)
            m->profile[c][i] = 1.0 / 12.0;
    if (rd_check_map(r, n, keys, req) < 0 && n->kind != Y_MAP) {
        rd_pop(r, old);
        return;
    }
    m->present = 1;
    const ynode *y = ymap_get(n, "year");
    char a[8], b[8], c8[8];
    if (y) {
        size_t o = rd_push_key(r, "year");
        int last = sc->base_year + sc->years - 1;
        if (rd_year(r, y, &m->year) == 0 && (m->year < sc->base_year || m->year > last))
            rd_error(r, y, "year %s is outside the model (%s to %s)", fy_label(m->year, a),
                     fy_label(sc->base_year, b), fy_label(last, c8));
        rd_pop(r, o);
    }
    const char *meth;
    if (rd_child_string(r, n, "method", &meth) == 0) {
        int k = -1;
        for (int i = 0; methods[i]; i++)
            if (strcmp(meth, methods[i]) == 0)
                k = i;
        if (k < 0) {
            size_t o = rd_push_key(r, "method");
            const char *near = rd_nearest(r, meth, methods);
            rd_error(r, ymap_get(n, "method"), "unknown method '%s'%s%s%s; use run_rate, profile "
                     "or trend", meth, near ? " (did you mean '" : "", near ? near : "",
                     near ? "'?)" : "");
            rd_pop(r, o);
        } else {
            m->method = k;
        }
    }
    long months;
    if (rd_child_int(r, n, "run_rate_months", &months, 1, 12) == 0)
        m->run_rate_months = (int)months;
    /* Actuals written in the file, or summed from a ledger export: the
     * built mapping is read exactly like a written one. */
    const ynode *act = ymap_get(n, "actuals"), *act_csv = ymap_get(n, "actuals_from");
    if (act && act_csv)
        rd_error(r, n, "give actuals or actuals_from, not both");
    else if (!act && !act_csv)
        rd_error(r, n, "missing required key 'actuals' (or 'actuals_from', a ledger export)");
    else if (act_csv && m->year > 0) {
        size_t o = rd_push_key(r, "actuals_from");
        act = ledger_actuals(r, ts, act_csv, m->year);
        if (act)
            load_actuals(r, act, m);
        rd_pop(r, o);
        act = NULL;
    }
    if (act) {
        size_t o = rd_push_key(r, "actuals");
        load_actuals(r, act, m);
        rd_pop(r, o);
    }
    const ynode *pr = ymap_get(n, "profile"), *pr_csv = ymap_get(n, "profile_from");
    if (pr && pr_csv) {
        rd_error(r, n, "give profile or profile_from, not both");
    } else if (pr_csv) {
        size_t o = rd_push_key(r, "profile_from");
        pr = ledger_profile(r, ts, pr_csv);
        if (pr)
            load_profiles(r, pr, m);
        rd_pop(r, o);
        pr = NULL;
    }
    if (pr) {
        size_t o = rd_push_key(r, "profile");
        load_profiles(r, pr, m);
        rd_pop(r, o);
    }
    rd_pop(r, old);
}

/* Loading the options appraisal (MODEL.md §8). */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "greenbook_figures.h"
#include "input_limits.h"
#include "load.h"

static void load_ob(reader *r, const ynode *n, optimism_bias *ob)
{
    static const char *const keys[] = { "category", "mitigation", NULL };
    static const char *const req[] = { "category", NULL };
    ob->given = 1;
    ob->category = -1;
    if (n->kind == Y_SCALAR) {
        rd_rate(r, n, &ob->rate, 0, 10);
        return;
    }
    if (n->kind == Y_MAP && ymap_get(n, "rate")) {
        size_t o = rd_push_key(r, "rate");
        rd_error(r, ymap_get(n, "rate"), "give optimism bias as a rate or as {category, mitigation}, "
                 "not both");
        rd_pop(r, o);
        return;
    }
    if (rd_check_map(r, n, keys, req) < 0 && n->kind != Y_MAP)
        return;
    const char *cat;
    if (rd_child_string(r, n, "category", &cat) == 0) {
        for (int i = 0; gb_ob_categories[i].name; i++)
            if (strcmp(cat, gb_ob_categories[i].name) == 0) {
                ob->category = i;
                ob->rate = gb_ob_categories[i].upper;
            }
        if (ob->category < 0) {
            size_t o = rd_push_key(r, "category");
            const char *near = rd_nearest(r, cat, gb_ob_category_names);
            rd_error(r, ymap_get(n, "category"), "unknown optimism-bias category '%s'%s%s%s", cat,
                     near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            rd_pop(r, o);
        }
    }
    rd_child_rate(r, n, "mitigation", &ob->mitigation, 0, 1);
}

static int find_id(char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] && strcmp(ids[i], id) == 0)
            return (int)i;
    return -1;
}

static void load_cashflows(reader *r, const ynode *n, const scenario *sc, cashflow **out,
                           size_t *count, int *max_year)
{
    if (rd_expect(r, n, Y_MAP) < 0)
        return;
    if (n->n == 0)
        return;
    cashflow *cf = rd_calloc(r, n, n->n, sizeof *cf);
    if (!cf)
        return;
    char a[8], b[8];
    size_t m = 0;
    for (size_t i = 0; i < n->n; i++) {
        const ynode *k = ymap_key(n, i);
        int y;
        if (rd_year(r, k, &y) < 0)
            continue;
        size_t o = rd_push_key(r, fy_label(y, a));
        if (y < sc->base_year) {
            rd_error(r, k, "year %s is before the base year %s", a, fy_label(sc->base_year, b));
        } else if (y > sc->base_year + LIMIT_CASHFLOW_YEAR_SPAN) {
            rd_error_code(r, S75_ELIMIT, k, "year %s is more than %d years after the base year", a,
                          LIMIT_CASHFLOW_YEAR_SPAN);
        } else {
            int dup = 0;
            for (size_t j = 0; j < m; j++)
                dup |= cf[j].year == y;
            if (dup)
                rd_error(r, k, "year %s given twice", a);
            else if (rd_number_in(r, ymap_value(n, i), &cf[m].amount, 0, 1e13) == 0) {
                cf[m].year = y;
                if (y > *max_year)
                    *max_year = y;
                m++;
            }
        }
        rd_pop(r, o);
    }
    *out = cf;
    *count = m;
}

static void load_risks(reader *r, const ynode *n, const scenario *sc, option *op, int *max_year)
{
    static const char *const keys[] = { "name", "probability", "impact", "year", NULL };
    static const char *const req[] = { "name", "probability", "impact", "year", NULL };
    if (rd_expect(r, n, Y_SEQ) < 0 || n->n == 0)
        return;
    op->risks = rd_calloc(r, n, n->n, sizeof *op->risks);
    if (!op->risks)
        return;
    op->n_risks = n->n;
    char a[8], b[8];
    for (size_t i = 0; i < n->n; i++) {
        size_t o = rd_push_index(r, i);
        const ynode *it = n->kids[i];
        risk_item *rk = &op->risks[i];
        rk->year = sc->base_year;
        if (rd_check_map(r, it, keys, req) == 0 || it->kind == Y_MAP) {
            const char *s;
            if (rd_child_string(r, it, "name", &s) == 0)
                rk->name = rd_strdup(r, s);
            rd_child_rate(r, it, "probability", &rk->probability, 0, 1);
            rd_child_number_in(r, it, "impact", &rk->impact, 0, 1e13);
            const ynode *y = ymap_get(it, "year");
            if (y) {
                size_t o2 = rd_push_key(r, "year");
                if (rd_year(r, y, &rk->year) == 0) {
                    if (rk->year < sc->base_year)
                        rd_error(r, y, "year %s is before the base year %s", fy_label(rk->year, a),
                                 fy_label(sc->base_year, b));
                    else if (rk->year > sc->base_year + LIMIT_CASHFLOW_YEAR_SPAN)
                        rd_error_code(r, S75_ELIMIT, y, "year is more than %d years after the "
                                      "base year", LIMIT_CASHFLOW_YEAR_SPAN);
                    else if (rk->year > *max_year)
                        *max_year = rk->year;
                }
                rd_pop(r, o2);
            }
        }
        rd_pop(r, o);
    }
}

static void load_option(reader *r, const ynode *it, scenario *sc, option *op, int *max_year)
{
    static const char *const keys[] = { "id", "name", "scores", "costs", "benefits",
                                        "optimism_bias", "risks", NULL };
    static const char *const req[] = { "id", "scores", NULL };
    appraisal_spec *ap = &sc->appraisal;
    if (rd_check_map(r, it, keys, req) < 0 && it->kind != Y_MAP)
        return;
    const char *s;
    op->scores = rd_calloc(r, it, ap->n_criteria, sizeof(double));
    const ynode *sc_n = ymap_get(it, "scores");
    if (sc_n && op->scores) {
        size_t o = rd_push_key(r, "scores");
        if (rd_expect(r, sc_n, Y_MAP) == 0) {
            unsigned char *seen = calloc(ap->n_criteria + 1, 1);
            for (size_t i = 0; seen && i < sc_n->n; i++) {
                const ynode *k = ymap_key(sc_n, i);
                const char *cid = k->kind == Y_SCALAR ? k->text : "?";
                size_t o2 = rd_push_key(r, cid);
                int ci = -1;
                for (size_t j = 0; j < ap->n_criteria; j++)
                    if (ap->criteria[j].id && strcmp(ap->criteria[j].id, cid) == 0)
                        ci = (int)j;
                if (ci < 0)
                    rd_error(r, k, "no criterion with id '%s'", cid);
                else if (rd_number_in(r, ymap_value(sc_n, i), &op->scores[ci], 0, 10) == 0)
                    seen[ci] = 1;
                rd_pop(r, o2);
            }
            for (size_t j = 0; seen && j < ap->n_criteria; j++)
                if (!seen[j] && ap->criteria[j].id && !ymap_get(sc_n, ap->criteria[j].id))
                    rd_error(r, sc_n, "no score for criterion '%s' (every criterion needs a score "
                             "from 0 to 10)", ap->criteria[j].id);
            free(seen);
        }
        rd_pop(r, o);
    }
    if (rd_child_string(r, it, "name", &s) == 0)
        op->name = rd_strdup(r, s);
    const ynode *c = ymap_get(it, "costs");
    if (c) {
        size_t o = rd_push_key(r, "costs");
        load_cashflows(r, c, sc, &op->costs, &op->n_costs, max_year);
        rd_pop(r, o);
    }
    c = ymap_get(it, "benefits");
    if (c) {
        size_t o = rd_push_key(r, "benefits");
        load_cashflows(r, c, sc, &op->benefits, &op->n_benefits, max_year);
        rd_pop(r, o);
    }
    c = ymap_get(it, "optimism_bias");
    if (c) {
        size_t o = rd_push_key(r, "optimism_bias");
        load_ob(r, c, &op->ob);
        rd_pop(r, o);
    }
    c = ymap_get(it, "risks");
    if (c) {
        size_t o = rd_push_key(r, "risks");
        load_risks(r, c, sc, op, max_year);
        rd_pop(r, o);
    }
}

static void load_discount(reader *r, const ynode *n, appraisal_spec *ap)
{
    static const char *const keys[] = { "rate", "declining", "schedule", NULL };
    static const char *const schedules[] = { "standard", "health", NULL };
    if (rd_check_map(r, n, keys, NULL) < 0 && n->kind != Y_MAP)
        return;
    const char *s;
    if (rd_child_string(r, n, "schedule", &s) == 0) {
        if (strcmp(s, "standard") == 0)
            ap->rate = GB_STANDARD_RATE;
        else if (strcmp(s, "health") == 0)
            ap->rate = GB_HEALTH_RATE;
        else {
            size_t o = rd_push_key(r, "schedule");
            const char *near = rd_nearest(r, s, schedules);
            rd_error(r, ymap_get(n, "schedule"), "unknown discount schedule '%s'%s%s%s; use standard "
                     "or health", s, near ? " (did you mean '" : "", near ? near : "",
                     near ? "'?)" : "");
            rd_pop(r, o);
        }
    }
    const ynode *rate = ymap_get(n, "rate");
    if (rate) {
        size_t o = rd_push_key(r, "rate");
        double v;
        if (rd_rate(r, rate, &v, -1, 1) == 0) {
            if (v <= -1)
                rd_error(r, rate, "a discount rate must be above -100%%");
            else
                ap->rate = v;
        }
        rd_pop(r, o);
    }
    rd_child_bool(r, n, "declining", &ap->declining);
}

/* SMAA's cost grows with draws x options x criteria; the two caps keep one
 * run under a minute, and say so rather than run for hours. */
static void load_smaa(reader *r, const ynode *sm, appraisal_spec *ap)
{
    static const char *const smaa_keys[] = { "draws", "seed", NULL };
    ap->smaa_draws = 10000;
    ap->smaa_seed = 1;
    if (rd_check_map(r, sm, smaa_keys, NULL) < 0 && sm->kind != Y_MAP)
        return;
    ap->smaa_present = 1;
    const ynode *dn = ymap_get(sm, "draws");
    if (dn) {
        size_t o = rd_push_key(r, "draws");
        long v;
        if (rd_int(r, dn, &v, LONG_MIN, LONG_MAX) == 0) {
            double work = (double)v * (double)ap->n_options * (double)ap->n_criteria;
            if (v < 1)
                rd_error(r, dn, "SMAA needs at least 1 draw, got %ld", v);
            else if (v > LIMIT_DRAWS)
                rd_error_code(r, S75_ELIMIT, dn, "%ld draws is over the cap of %ld; 1,000,000 "
                              "draws already give every acceptability to within 0.0015 (three "
                              "standard errors)", v,
                              (long)LIMIT_DRAWS);
            else if (work > LIMIT_SMAA_WORK)
                rd_error_code(r, S75_ELIMIT, dn, "%ld draws of %zu options on %zu criteria is over "
                              "the cap of %.0e draws x options x criteria; use at most %.0f draws",
                              v, ap->n_options, ap->n_criteria, LIMIT_SMAA_WORK,
                              floor(LIMIT_SMAA_WORK / ((double)ap->n_options *
                                                       (double)ap->n_criteria)));
            else
                ap->smaa_draws = v;
        }
        rd_pop(r, o);
    }
    long v;
    if (rd_child_int(r, sm, "seed", &v, 0, 4294967295L) == 0)
        ap->smaa_seed = (unsigned long)v;
}

/* One deflator rate: a growth above -100% (G must stay positive). */
static int deflator_rate(reader *r, const ynode *n)
{
    double v;
    if (rd_rate(r, n, &v, -1, 1) < 0)
        return -1;
    if (v <= -1) {
        rd_error(r, n, "a deflator must be above -100%% (prices cannot fall to nothing)");
        return -1;
    }
    return 0;
}

/* MODEL.md §8: the deflator resolved per FY from base_year+1 to max_year, the last
 * year any cash flow or risk of any option needs. Every value is checked
 * even when none is needed. */
static void load_deflator(reader *r, const ynode *df, scenario *sc, int max_year)
{
    appraisal_spec *ap = &sc->appraisal;
    int ok = 1, last_key = max_year;
    char a[8];
    if (df->kind == Y_MAP) {
        if (df->n == 0) {
            rd_error(r, df, "a series needs a value, or a mapping of years to values");
            return;
        }
        for (size_t i = 0; i < df->n; i++) {
            int y;
            if (rd_year(r, ymap_key(df, i), &y) < 0) {
                ok = 0;
                continue;
            }
            size_t o = rd_push_key(r, fy_label(y, a));
            if (deflator_rate(r, ymap_value(df, i)) < 0)
                ok = 0;
            rd_pop(r, o);
            /* Keys past the last cash flow are harmless: the appraisal's
             * horizon is set by its cash flows, not by the model years. */
            if (y > last_key)
                last_key = y;
        }
    } else if (deflator_rate(r, df) < 0) {
        ok = 0;
    }
    size_t span = (size_t)(max_year - sc->base_year + 1);
    ap->deflator = rd_calloc(r, df, span, sizeof(double));
    if (!ok || !ap->deflator)
        return;
    ap->deflator_present = 1;
    if (max_year == sc->base_year)
        return;
    double *tmp = rd_calloc(r, df, (size_t)(last_key - sc->base_year), sizeof(double));
    if (tmp && rd_series(r, df, SERIES_RATE, -1, 1, sc->base_year + 1, last_key, tmp) == 0)
        memcpy(ap->deflator + 1, tmp, (span - 1) * sizeof(double));
    free(tmp);
}

void load_appraisal(reader *r, const ynode *n, scenario *sc)
{
    static const char *const keys[] = { "discount", "optimism_bias", "criteria", "options",
                                        "smaa", "deflator", NULL };
    static const char *const req[] = { "criteria", "options", NULL };
    static const char *const crit_keys[] = { "id", "name", "weight", NULL };
    static const char *const crit_req[] = { "id", "weight", NULL };
    appraisal_spec *ap = &sc->appraisal;
    size_t old = rd_push_key(r, "appraisal");
    ap->rate = GB_STANDARD_RATE;
    ap->declining = 1;
    if (rd_check_map(r, n, keys, req) < 0 && n->kind != Y_MAP) {
        rd_pop(r, old);
        return;
    }
    ap->present = 1;
    const ynode *c;
    if ((c = ymap_get(n, "discount"))) {
        size_t o = rd_push_key(r, "discount");
        load_discount(r, c, ap);
        rd_pop(r, o);
    }
    if ((c = ymap_get(n, "optimism_bias"))) {
        size_t o = rd_push_key(r, "optimism_bias");
        load_ob(r, c, &ap->ob);
        rd_pop(r, o);
    }
    const ynode *cr = ymap_get(n, "criteria");
    if (cr) {
        size_t o = rd_push_key(r, "criteria");
        if (rd_expect(r, cr, Y_SEQ) == 0) {
            if (cr->n == 0)
                rd_error(r, cr, "at least one criterion is needed");
            else if (cr->n > LIMIT_CRITERIA)
                rd_error_code(r, S75_ELIMIT, cr, "more than %d criteria", LIMIT_CRITERIA);
            else if ((ap->criteria = rd_calloc(r, cr, cr->n, sizeof *ap->criteria))) {
                ap->n_criteria = cr->n;
                double total = 0;
                int weights_ok = 1;
                char **ids = calloc(cr->n, sizeof *ids);
                for (size_t i = 0; i < cr->n; i++) {
                    size_t o2 = rd_push_index(r, i);
                    const ynode *it = cr->kids[i];
                    criterion *k = &ap->criteria[i];
                    if (rd_check_map(r, it, crit_keys, crit_req) == 0 || it->kind == Y_MAP) {
                        const char *s;
                        const ynode *idn = ymap_get(it, "id");
                        if (idn) {
                            size_t o3 = rd_push_key(r, "id");
                            if (rd_id(r, idn, &s) == 0) {
                                if (ids && find_id(ids, i, s) >= 0)
                                    rd_error(r, idn, "duplicate criterion id '%s'", s);
                                else {
                                    k->id = rd_strdup(r, s);
                                    if (ids)
                                        ids[i] = k->id;
                                }
                            }
                            rd_pop(r, o3);
                        }
                        if (rd_child_string(r, it, "name", &s) == 0)
                            k->name = rd_strdup(r, s);
                        int wrc = rd_child_number_in(r, it, "weight", &k->weight, 0, 1e9);
                        if (wrc == 0)
                            total += k->weight;
                        else
                            weights_ok = 0;
                    }
                    if (!k->name && k->id)
                        k->name = rd_strdup(r, k->id);
                    rd_pop(r, o2);
                }
                free(ids);
                if (total <= 0 && weights_ok)
                    rd_error(r, cr, "the criteria's weights are all zero");
            }
        }
        rd_pop(r, o);
    }
    int max_year = sc->base_year;
    const ynode *op = ymap_get(n, "options");
    if (op) {
        size_t o = rd_push_key(r, "options");
        if (rd_expect(r, op, Y_SEQ) == 0) {
            if (op->n == 0)
                rd_error(r, op, "at least one option is needed");
            else if (op->n > LIMIT_OPTIONS)
                rd_error_code(r, S75_ELIMIT, op, "more than %d options", LIMIT_OPTIONS);
            else if ((ap->options = rd_calloc(r, op, op->n, sizeof *ap->options))) {
                ap->n_options = op->n;
                for (size_t i = 0; i < op->n; i++) {
                    size_t o2 = rd_push_index(r, i);
                    option *x = &ap->options[i];
                    const ynode *it = op->kids[i];
                    const ynode *idn = it->kind == Y_MAP ? ymap_get(it, "id") : NULL;
                    if (idn) {
                        size_t o3 = rd_push_key(r, "id");
                        const char *s;
                        if (rd_id(r, idn, &s) == 0) {
                            int dup = 0;
                            for (size_t j = 0; j < i; j++)
                                dup |= ap->options[j].id && strcmp(ap->options[j].id, s) == 0;
                            if (dup)
                                rd_error(r, idn, "duplicate option id '%s'", s);
                            else
                                x->id = rd_strdup(r, s);
                        }
                        rd_pop(r, o3);
                    }
                    load_option(r, it, sc, x, &max_year);
                    if (!x->name && x->id)
                        x->name = rd_strdup(r, x->id);
                    rd_pop(r, o2);
                }
            }
        }
        rd_pop(r, o);
    }
    const ynode *sm = ymap_get(n, "smaa");
    if (sm) {
        size_t o = rd_push_key(r, "smaa");
        load_smaa(r, sm, ap);
        rd_pop(r, o);
    }
    ap->deflator_first = sc->base_year;
    ap->deflator_last = max_year;
    const ynode *df = ymap_get(n, "deflator");
    if (df) {
        size_t o = rd_push_key(r, "deflator");
        load_deflator(r, df, sc, max_year);
        rd_pop(r, o);
    }
    rd_pop(r, old);
}

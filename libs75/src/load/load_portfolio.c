/* Loading a portfolio of pools (MODEL.md §10): the pools list, each pool's own
 * scenario file, and the rules that tie them together. */
#include "load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "inputs.h"
#include "load_ctx.h"
#include "overrides.h"

static const char *const tier_names[] = { "system", "place", "neighbourhood", NULL };

/* Where each pool's fields sit in the portfolio file, for messages after the
 * first pass. */
typedef struct pool_nodes {
    const ynode *item, *id, *parent, *scenario;
    const char *parent_id;   /* borrowed from the YAML tree */
    int tier_bad;            /* the tier was given but refused */
    int parent_bad;          /* the parent was given but refused */
} pool_nodes;

/* Path of `rel` taken relative to the directory of `base`. */
static int pool_index(const scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->n_pools; i++)
        if (sc->pools[i].id && strcmp(sc->pools[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* Pool ids sorted, for the partner checks: every partner of every pool is
 * looked up, which a scan of 5,000 pools would make quadratic. */
typedef struct pool_id {
    const char *id;
    int index;
} pool_id;

static int cmp_pool_id(const void *a, const void *b)
{
    return strcmp(((const pool_id *)a)->id, ((const pool_id *)b)->id);
}

static pool_id *sorted_ids(const scenario *sc)
{
    pool_id *ids = malloc((sc->n_pools ? sc->n_pools : 1) * sizeof *ids);
    if (!ids)
        return NULL;
    for (size_t i = 0; i < sc->n_pools; i++) {
        ids[i].id = sc->pools[i].id ? sc->pools[i].id : "";
        ids[i].index = (int)i;
    }
    qsort(ids, sc->n_pools, sizeof *ids, cmp_pool_id);
    return ids;
}

static int sorted_index(const pool_id *ids, size_t n, const char *id)
{
    pool_id key = { id, 0 };
    const pool_id *hit = bsearch(&key, ids, n, sizeof *ids, cmp_pool_id);
    return hit && *id ? hit->index : -1;
}

/* Returns -1 when a tier was given and refused. */
static int read_tier(reader *r, const ynode *item, pool *p)
{
    const char *t;
    p->tier = TIER_PLACE;
    int rc = rd_child_string(r, item, "tier", &t);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    for (int k = 0; tier_names[k]; k++)
        if (strcmp(t, tier_names[k]) == 0) {
            p->tier = k;
            return 0;
        }
    size_t old = rd_push_key(r, "tier");
    const char *near = nearest_word(t, tier_names);
    if (near)
        rd_error(r, ymap_get(item, "tier"), "unknown tier '%.40s' (did you mean '%s'?)", t, near);
    else
        rd_error(r, ymap_get(item, "tier"), "unknown tier '%.40s'; a tier is system, place or "
                 "neighbourhood", t);
    rd_pop(r, old);
    return -1;
}

/* A copy of s owned by the pool; out of memory is an error like any other. */
static char *own(reader *r, const ynode *at, const char *s)
{
    char *c = xstrdup(s);
    if (!c)
        rd_error_code(r, S75_ENOMEM, at, "out of memory");
    return c;
}

/* First pass over one item: everything that needs no other pool. */
static void read_pool(reader *r, scenario *sc, size_t i, pool_nodes *all)
{
    pool_nodes *pn = &all[i];
    static const char *const keys[] = { "id", "name", "tier", "parent", "scenario", "population",
                                        NULL };
    static const char *const req[] = { "id", "scenario", NULL };
    const ynode *item = pn->item;
    pool *p = &sc->pools[i];
    if (rd_check_map(r, item, keys, req) < 0 && item->kind != Y_MAP)
        return;
    const char *s;
    if ((pn->id = ymap_get(item, "id"))) {
        size_t old = rd_push_key(r, "id");
        if (rd_id(r, pn->id, &s) == 0) {
            int j = pool_index(sc, s);
            if (j >= 0)
                rd_error(r, pn->id, "duplicate pool id '%s' (also pools[%d], line %d)", s, j,
                         all[j].id->at.line);
            else
                p->id = own(r, pn->id, s);
        }
        rd_pop(r, old);
    }
    if (rd_child_string(r, item, "name", &s) == 0)
        p->name = own(r, ymap_get(item, "name"), s);
    pn->tier_bad = read_tier(r, item, p) < 0;
    if ((pn->parent = ymap_get(item, "parent"))) {
        size_t old = rd_push_key(r, "parent");
        if (rd_id(r, pn->parent, &s) == 0)
            pn->parent_id = s;
        rd_pop(r, old);
    }
    p->population = NAN;
    const ynode *pop = ymap_get(item, "population");
    if (pop) {
        size_t old = rd_push_key(r, "population");
        double v;
        if (rd_number(r, pop, &v) == 0) {
            if (!(v > 0))
                rd_error(r, pop, "a population must be > 0, got %.10g", v);
            else if (v > 1e10)
                rd_error(r, pop, "a population must be at most 1e10, got %.10g", v);
            else
                p->population = v;
        }
        rd_pop(r, old);
    }
    if ((pn->scenario = ymap_get(item, "scenario"))) {
        size_t old = rd_push_key(r, "scenario");
        if (rd_string(r, pn->scenario, &s) < 0)
            pn->scenario = NULL;
        rd_pop(r, old);
    }
}

/* A parent is a pool of a strictly higher tier. Tiers only rise along a
 * chain of parents, so the chain ends within three steps: a cycle cannot
 * form once this holds (the only candidate, a pool its own parent, is
 * refused here too). */
static void resolve_parent(reader *r, scenario *sc, size_t i, pool_nodes *all)
{
    pool_nodes *pn = &all[i];
    pool *p = &sc->pools[i];
    p->parent = -1;
    if (!pn->parent_id) {
        pn->parent_bad = pn->parent != NULL;
        return;
    }
    pn->parent_bad = 1;
    size_t old = rd_push_key(r, "parent");
    int j = pool_index(sc, pn->parent_id);
    if (p->id && strcmp(pn->parent_id, p->id) == 0) {
        rd_error(r, pn->parent, "pool '%s' cannot be its own parent", p->id);
    } else if (j < 0) {
        const char **ids = calloc(sc->n_pools + 1, sizeof *ids);
        const char *near = NULL;
        if (ids && diag_suggesting(r->d)) {
            for (size_t k = 0; k < sc->n_pools; k++)
                ids[k] = sc->pools[k].id ? sc->pools[k].id : "";
            near = nearest_word(pn->parent_id, ids);
        }
        if (near)
            rd_error(r, pn->parent, "parent '%s' is not a pool of this portfolio (did you mean "
                     "'%s'?)", pn->parent_id, near);
        else
            rd_error(r, pn->parent, "parent '%s' is not a pool of this portfolio", pn->parent_id);
        free(ids);
    } else if (pn->tier_bad || all[j].tier_bad) {
        /* The tier is already reported; comparing a default would only mislead. */
    } else if (sc->pools[j].tier >= p->tier) {
        rd_error(r, pn->parent, "parent '%s' is a %s pool; the parent of a %s pool must be of a "
                 "higher tier (system above place above neighbourhood)", pn->parent_id,
                 tier_names[sc->pools[j].tier], tier_names[p->tier]);
    } else {
        p->parent = j;
        pn->parent_bad = 0;
    }
    rd_pop(r, old);
}

/* The pool file's `partners[k].id` node, for a message that points at the
 * line to change; NULL when the tree does not have it. */
static const ynode *partner_id_node(const ynode *root, size_t k)
{
    const ynode *ps = root && root->kind == Y_MAP ? ymap_get(root, "partners") : NULL;
    if (!ps || ps->kind != Y_SEQ || k >= ps->n || ps->kids[k]->kind != Y_MAP)
        return NULL;
    return ymap_get(ps->kids[k], "id");
}

/* Only the pool's own parent may appear among its partners (delegated
 * funding); any other pool named there would be money moving sideways or
 * downwards, which MODEL.md §10 has no rule for. */
static void check_partners(reader *r, const scenario *pf, size_t i, const load_file *f,
                           const pool_nodes *pn, const pool_id *ids)
{
    const pool *p = &pf->pools[i];
    const scenario *sub = p->scenario;
    for (size_t k = 0; k < sub->n_partners; k++) {
        const char *id = sub->partners[k].id;
        int j = id ? sorted_index(ids, pf->n_pools, id) : -1;
        if (j < 0 || j == p->parent)
            continue;
        char why[160];
        if (p->parent < 0)
            snprintf(why, sizeof why, "pool '%s' has no parent", p->id);
        else
            snprintf(why, sizeof why, "the parent of pool '%s' is '%s'", p->id,
                     pf->pools[p->parent].id);
        const ynode *at = partner_id_node(f->doc.root, k);
        if (at) {
            /* A message in the pool's own file, where the fix goes. */
            char path[64];
            snprintf(path, sizeof path, "partners[%zu].id", k);
            diag_add(r->d, S75_EINVAL, at->at, path, "partner '%s' is a pool of the portfolio "
                     "%s but not this pool's parent (%s); only the parent pool may fund a pool",
                     id, pf->file, why);
        } else {
            rd_error(r, pn->scenario, "partners[%zu].id '%s' of this pool's scenario names "
                     "pool '%s', which is not its parent (%s)", k, id, id, why);
        }
    }
}

/* Loads the scenario of pool i. Each pool file is read, parsed and loaded
 * once however many pools name it (they share the scenario). A portfolio
 * named as a pool is refused on its parsed tree, whatever its encoding,
 * before it is loaded: loading it would load its pools in turn. A file
 * without `s75:` is not a scenario and nothing of it is quoted. */
static void load_pool_scenario(reader *r, scenario *pf, size_t i, const pool_nodes *pn,
                               load_ctx *ctx, const pool_id *ids)
{
    pool *p = &pf->pools[i];
    const ynode *at = pn->scenario;
    size_t old = rd_push_key(r, "scenario");
    char *path = path_beside(pf->file, at->text);
    if (!path) {
        rd_error_code(r, S75_ENOMEM, at, "out of memory");
        goto done;
    }
    int again;
    load_file *f = load_ctx_file(ctx, path, r->d, at->at, r->path, &again);
    if (!f)
        goto done;
    if (!f->pool_done) {
        f->pool_done = 1;
        const ynode *root = f->doc.root;
        if (!root || root->kind != Y_MAP || !ymap_get(root, "s75")) {
            rd_error(r, at, "'%s' is not a scenario file (a mapping with s75: 1); nothing of it "
                     "is shown", path);
            goto done;
        }
        if (ymap_get(root, "pools")) {
            rd_error(r, at, "'%s' is itself a portfolio; a pool's scenario is a single pooled "
                     "budget", path);
            goto done;
        }
        f->sc = load_scenario_doc(ctx, path, &f->doc, f->text, f->len, NULL, r->d);
    }
    if (!f->sc)
        goto done;
    atomic_fetch_add(&f->sc->refs, 1);
    p->scenario = f->sc;
    if (inputs_merge(pf, p->scenario) < 0)
        rd_error_code(r, S75_ENOMEM, at, "out of memory");
    const scenario *sub = p->scenario;
    char a[8], b[8];
    if (sub->base_year != pf->base_year)
        rd_error(r, at, "pool '%s': its scenario has base_year %s, the portfolio %s",
                 p->id ? p->id : "?", fy_label(sub->base_year, a), fy_label(pf->base_year, b));
    if (sub->years != pf->years)
        rd_error(r, at, "pool '%s': its scenario has years %d, the portfolio %d",
                 p->id ? p->id : "?", sub->years, pf->years);
    /* With its id or parent refused, every partner naming a pool would be a
     * second, misleading error about the same line. */
    if (!pn->parent_bad && p->id)
        check_partners(r, pf, i, f, pn, ids);
done:
    free(path);
    rd_pop(r, old);
}

void load_pools(reader *r, const ynode *root, scenario *sc, load_ctx *ctx)
{
    const ynode *n = ymap_get(root, "pools");
    size_t old = rd_push_key(r, "pools");
    if (rd_expect(r, n, Y_SEQ) < 0)
        goto out;
    if (n->n == 0) {
        rd_error(r, n, "a portfolio needs at least one pool");
        goto out;
    }
    if (n->n > LIMIT_POOLS) {
        rd_error_code(r, S75_ELIMIT, n, "more than %d pools", LIMIT_POOLS);
        goto out;
    }
    pool_nodes *pn = rd_calloc(r, n, n->n, sizeof *pn);
    sc->pools = rd_calloc(r, n, n->n, sizeof *sc->pools);
    if (!pn || !sc->pools) {
        free(pn);
        goto out;
    }
    sc->n_pools = n->n;
    for (size_t i = 0; i < n->n; i++) {
        size_t o2 = rd_push_index(r, i);
        pn[i].item = n->kids[i];
        sc->pools[i].parent = -1;
        sc->pools[i].population = NAN;
        read_pool(r, sc, i, pn);
        pool *p = &sc->pools[i];
        if (!p->name && p->id)
            p->name = own(r, pn[i].item, p->id);
        rd_pop(r, o2);
    }
    for (size_t i = 0; i < n->n; i++) {
        size_t o2 = rd_push_index(r, i);
        resolve_parent(r, sc, i, pn);
        rd_pop(r, o2);
    }
    /* Pool files load after every id and parent is known: their partner
     * checks need them. */
    pool_id *ids = sorted_ids(sc);
    if (!ids)
        rd_error_code(r, S75_ENOMEM, n, "out of memory");
    for (size_t i = 0; ids && i < n->n; i++) {
        size_t o2 = rd_push_index(r, i);
        if (pn[i].scenario)
            load_pool_scenario(r, sc, i, &pn[i], ctx, ids);
        rd_pop(r, o2);
    }
    free(ids);
    free(pn);
out:
    rd_pop(r, old);
}

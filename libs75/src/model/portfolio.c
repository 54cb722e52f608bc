/* MODEL.md §10: a portfolio of pools. Pools run deepest tier first, each through
 * MODEL.md §2-§5 with the funding it passes down (delegated) and the risk share its
 * children put on it (cascaded); then the position is consolidated with the
 * transfers between pools taken out. */
#include "portfolio.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "stages.h"

static const char *const tier_labels[N_TIERS] = { "system", "place", "neighbourhood" };

const char *tier_label(int tier)
{
    return tier >= 0 && tier < N_TIERS ? tier_labels[tier] : "?";
}

static int pool_of(const scenario *pf, const char *id)
{
    for (size_t i = 0; i < pf->n_pools; i++)
        if (strcmp(pf->pools[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* qsort has no context argument in C11: sort indexes of pools by id through
 * an array of (id, index) pairs instead. */
typedef struct keyed {
    const char *key;
    size_t index;
    const char *name;
} keyed;

/* By key, then by index: ties resolve the same way whatever qsort does. */
static int by_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Distinct ids of a sorted list, in place; returns how many remain. */
static size_t unique_keys(keyed *k, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (m == 0 || strcmp(k[m - 1].key, k[i].key) != 0)
            k[m++] = k[i];
    return m;
}

static size_t find_key(const char *const *ids, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(ids[mid], id);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return n;
}

/* The order of evaluation and summation, and where each pool partner goes. */
static int plan(struct portfolio_result *res)
{
    const scenario *pf = res->pf;
    size_t np = pf->n_pools, slots = 0;
    for (size_t i = 0; i < np; i++)
        slots += pf->pools[i].scenario->n_partners;
    keyed *k = malloc((np > slots ? np : slots) * sizeof *k + 1);
    res->order = malloc(np * sizeof *res->order);
    res->by_id = malloc(np * sizeof *res->by_id);
    res->child_start = calloc(np + 1, sizeof *res->child_start);
    res->children = malloc(np * sizeof *res->children);
    res->parent_partner = malloc(np * sizeof *res->parent_partner);
    res->partner_base = malloc(np * sizeof *res->partner_base);
    res->scheme_offset = malloc(np * sizeof *res->scheme_offset);
    res->partner_slot = malloc((slots ? slots : 1) * sizeof *res->partner_slot);
    res->uplift_slot = malloc((slots ? slots : 1) * sizeof *res->uplift_slot);
    res->partner_ids = malloc((slots ? slots : 1) * sizeof *res->partner_ids);
    res->partner_names = malloc((slots ? slots : 1) * sizeof *res->partner_names);
    res->uplift_ids = malloc((slots ? slots : 1) * sizeof *res->uplift_ids);
    if (!k || !res->order || !res->by_id || !res->child_start || !res->children ||
        !res->parent_partner || !res->partner_base || !res->scheme_offset ||
        !res->partner_slot || !res->uplift_slot || !res->partner_ids || !res->partner_names ||
        !res->uplift_ids) {
        free(k);
        return -2;
    }

    size_t m = 0;
    for (int tier = N_TIERS - 1; tier >= 0; tier--)
        for (size_t i = 0; i < np; i++)
            if (pf->pools[i].tier == tier)
                res->order[m++] = i;

    for (size_t i = 0; i < np; i++)
        k[i] = (keyed){ pf->pools[i].id, i, NULL };
    qsort(k, np, sizeof *k, by_key);
    for (size_t i = 0; i < np; i++)
        res->by_id[i] = k[i].index;

    /* Children, grouped by parent; walking pools by id keeps each group in
     * id order. */
    for (size_t i = 0; i < np; i++)
        if (pf->pools[i].parent >= 0)
            res->child_start[pf->pools[i].parent + 1]++;
    for (size_t i = 0; i < np; i++)
        res->child_start[i + 1] += res->child_start[i];
    size_t *fill = calloc(np ? np : 1, sizeof *fill);
    if (!fill) {
        free(k);
        return -2;
    }
    for (size_t j = 0; j < np; j++) {
        size_t i = res->by_id[j];
        int p = pf->pools[i].parent;
        if (p >= 0)
            res->children[res->child_start[p] + fill[p]++] = i;
    }
    free(fill);

    /* Partner ids: every one (for uplift noise) and those that are not
     * pools (the bodies that consolidate). */
    /* A body's name is taken from the pool first by id, so the file's order
     * of pools does not change it either. */
    size_t n_all = 0, n_ext = 0, schemes = 0;
    for (size_t j = 0; j < np; j++) {
        const scenario *sub = pf->pools[res->by_id[j]].scenario;
        for (size_t q = 0; q < sub->n_partners; q++, n_all++)
            k[n_all] = (keyed){ sub->partners[q].id, n_all, sub->partners[q].name };
    }
    for (size_t i = 0; i < np; i++) {
        res->scheme_offset[i] = schemes;
        schemes += pf->pools[i].scenario->n_schemes;
    }
    res->n_schemes_total = schemes;
    qsort(k, n_all, sizeof *k, by_key);
    n_all = unique_keys(k, n_all);
    for (size_t u = 0; u < n_all; u++) {
        res->uplift_ids[u] = k[u].key;
        if (pool_of(pf, k[u].key) < 0) {
            res->partner_ids[n_ext] = k[u].key;
            res->partner_names[n_ext++] = k[u].name;
        }
    }
    res->n_uplift_ids = n_all;
    res->n_partners = n_ext;
    free(k);

    size_t base = 0;
    for (size_t i = 0; i < np; i++) {
        const pool *p = &pf->pools[i];
        const scenario *sub = p->scenario;
        res->partner_base[i] = base;
        res->parent_partner[i] = -1;
        for (size_t q = 0; q < sub->n_partners; q++) {
            const char *id = sub->partners[q].id;
            size_t e = find_key(res->partner_ids, n_ext, id);
            res->partner_slot[base + q] = e < n_ext ? (int)e : -1;
            res->uplift_slot[base + q] = find_key(res->uplift_ids, n_all, id);
            if (p->parent >= 0 && strcmp(id, pf->pools[p->parent].id) == 0)
                res->parent_partner[i] = (int)q;
        }
        base += sub->n_partners;
    }

    /* Award noise is per FY from the earliest scale year of any pool. */
    int first = pf->base_year, last = pf->base_year + pf->years - 1;
    for (size_t i = 0; i < np; i++)
        if (pf->pools[i].scenario->scale_year + 1 < first)
            first = pf->pools[i].scenario->scale_year + 1;
    res->award_first = first;
    res->n_award_years = last >= first ? (size_t)(last - first + 1) : 0;
    return 0;
}

static int alloc_figures(struct portfolio_result *res)
{
    const scenario *pf = res->pf;
    size_t N = (size_t)pf->years, np = pf->n_pools, ne = res->n_partners ? res->n_partners : 1;
    size_t max_partners = 1;
    res->proj = calloc(np, sizeof *res->proj);
    if (!res->proj)
        return -2;
    for (size_t i = 0; i < np; i++) {
        const scenario *sub = pf->pools[i].scenario;
        projection *p = &res->proj[i];
        if (projection_alloc(p, pf->base_year, pf->years, sub->n_partners, sub->n_lines) < 0)
            return -2;
        if (!(p->delegated = calloc(N, sizeof(double))) ||
            !(p->cascaded = calloc(N, sizeof(double))))
            return -2;
        if (sub->n_partners > max_partners)
            max_partners = sub->n_partners;
    }
    double **per_year[] = { &res->cost, &res->contributions_total, &res->gap,
                            &res->savings_expected, &res->variance };
    for (size_t i = 0; i < sizeof per_year / sizeof per_year[0]; i++)
        if (!(*per_year[i] = calloc(N, sizeof(double))))
            return -2;
    if (!(res->contributions = calloc(ne * N, sizeof(double))) ||
        !(res->risk_share = calloc(ne * N, sizeof(int64_t))) ||
        !(res->unallocated = calloc(N, sizeof(int64_t))) ||
        !(res->tier_cost = calloc(N_TIERS * N, sizeof(double))) ||
        !(res->tier_gap = calloc(N_TIERS * N, sizeof(double))) ||
        !(res->cost_per_head = calloc(np * N, sizeof(double))) ||
        !(res->uplift_scratch = calloc(max_partners * N, sizeof(double))))
        return -2;
    return 0;
}

int portfolio_result_new(struct portfolio_result **out, const scenario *pf)
{
    *out = NULL;
    struct portfolio_result *res = calloc(1, sizeof *res);
    if (!res)
        return -2;
    res->pf = pf;
    res->base_year = pf->base_year;
    res->years = pf->years;
    res->n_pools = pf->n_pools;
    res->failed_pool = -1;
    if (plan(res) < 0 || alloc_figures(res) < 0) {
        portfolio_free(res);
        return -2;
    }
    *out = res;
    return 0;
}

void portfolio_free(struct portfolio_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; res->proj && i < res->n_pools; i++)
        projection_release(&res->proj[i]);
    free(res->proj);
    free(res->order), free(res->by_id), free(res->child_start), free(res->children);
    free(res->parent_partner), free(res->partner_base), free(res->partner_slot);
    free(res->uplift_slot), free(res->partner_ids), free(res->partner_names);
    free(res->uplift_ids), free(res->scheme_offset), free(res->uplift_scratch);
    free(res->cost_per_head), free(res->cost), free(res->contributions_total), free(res->gap);
    free(res->savings_expected), free(res->variance), free(res->contributions);
    free(res->risk_share), free(res->unallocated), free(res->tier_cost), free(res->tier_gap);
    free(res);
}

/* What pool i's children pass up: the funding they record from it
 * (delegated) and the risk share their agreements put on it (cascaded,
 * summed in whole pence as allocated). */
static void gather_children(struct portfolio_result *res, size_t i)
{
    size_t N = (size_t)res->years;
    projection *p = &res->proj[i];
    for (size_t t = 0; t < N; t++) {
        double delegated = 0;
        int64_t pence = 0;
        for (size_t c = res->child_start[i]; c < res->child_start[i + 1]; c++) {
            size_t child = res->children[c];
            int q = res->parent_partner[child];
            if (q < 0)
                continue;
            delegated += res->proj[child].contributions[(size_t)q * N + t];
            pence += res->proj[child].risk_share[(size_t)q * N + t];
        }
        p->delegated[t] = delegated;
        p->cascaded[t] = (double)pence / 100.0;
    }
}

/* One pool's perturbation out of the portfolio's shared noise. */
static perturbation pool_noise(struct portfolio_result *res, size_t i, const portfolio_noise *nz)
{
    const scenario *sub = res->pf->pools[i].scenario;
    size_t N = (size_t)res->years;
    perturbation pt = { NULL, nz->inflation, NULL, NULL };
    if (nz->award && sub->n_awards > 0)
        pt.award_noise = nz->award + (sub->scale_year + 1 - res->award_first);
    if (nz->uplift) {
        for (size_t q = 0; q < sub->n_partners; q++)
            memcpy(res->uplift_scratch + q * N,
                   nz->uplift + res->uplift_slot[res->partner_base[i] + q] * N,
                   N * sizeof(double));
        pt.uplift_noise = res->uplift_scratch;
    }
    if (nz->delivered)
        pt.delivered = nz->delivered + res->scheme_offset[i];
    return pt;
}

static int run_pool(struct portfolio_result *res, size_t i, const portfolio_noise *nz)
{
    const scenario *sub = res->pf->pools[i].scenario;
    projection *p = &res->proj[i];
    perturbation pt = { NULL, NULL, NULL, NULL };
    if (nz)
        pt = pool_noise(res, i, nz);
    gather_children(res, i);
    /* A pool without staff has no pay table to build (and pay and agency
     * stay at the zeros they were allocated with). */
    if (sub->n_lines > 0) {
        pay_table table;
        if (pay_table_build(&table, sub, nz ? pt.award_noise : NULL) < 0)
            return -2;
        project_workforce(sub, &table, p);
        pay_table_release(&table);
    }
    if (project_finance(sub, nz ? &pt : NULL, p) < 0) {
        res->failed_pool = (int)i;
        return -1;
    }
    return 0;
}

/* Transfers between pools are taken out: a parent's delegated cost is its
 * children's income, and an allocation to a pool is already inside that
 * pool's variance. */
static void consolidate(struct portfolio_result *res)
{
    const scenario *pf = res->pf;
    size_t N = (size_t)res->years, ne = res->n_partners;
    memset(res->cost, 0, N * sizeof(double));
    memset(res->contributions_total, 0, N * sizeof(double));
    memset(res->savings_expected, 0, N * sizeof(double));
    memset(res->contributions, 0, (ne ? ne : 1) * N * sizeof(double));
    memset(res->risk_share, 0, (ne ? ne : 1) * N * sizeof(int64_t));
    memset(res->unallocated, 0, N * sizeof(int64_t));
    memset(res->tier_cost, 0, N_TIERS * N * sizeof(double));
    memset(res->tier_gap, 0, N_TIERS * N * sizeof(double));
    for (size_t j = 0; j < res->n_pools; j++) {
        size_t i = res->by_id[j];
        const pool *pl = &pf->pools[i];
        const projection *p = &res->proj[i];
        const int *slot = res->partner_slot + res->partner_base[i];
        for (size_t t = 0; t < N; t++) {
            double own = p->cost[t] - p->delegated[t];
            res->cost[t] += own;
            res->savings_expected[t] += p->savings_expected[t];
            res->unallocated[t] += p->unallocated[t];
            res->tier_cost[(size_t)pl->tier * N + t] += own;
            res->tier_gap[(size_t)pl->tier * N + t] += p->gap[t];
            res->cost_per_head[i * N + t] = isnan(pl->population) ? NAN : own / pl->population;
            for (size_t q = 0; q < pl->scenario->n_partners; q++) {
                if (slot[q] < 0)
                    continue;
                size_t e = (size_t)slot[q];
                res->contributions[e * N + t] += p->contributions[q * N + t];
                res->contributions_total[t] += p->contributions[q * N + t];
                res->risk_share[e * N + t] += p->risk_share[q * N + t];
            }
        }
    }
    for (size_t t = 0; t < N; t++) {
        res->gap[t] = res->cost[t] - res->contributions_total[t];
        res->variance[t] = res->gap[t] - res->savings_expected[t];
    }
    res->gap_peak = peak_index(res->gap, res->years);
}

int portfolio_evaluate(struct portfolio_result *res, const portfolio_noise *noise)
{
    res->failed_pool = -1;
    for (size_t k = 0; k < res->n_pools; k++) {
        int rc = run_pool(res, res->order[k], noise);
        if (rc < 0)
            return rc;
    }
    consolidate(res);
    return 0;
}

int portfolio_compute(const scenario *sc, struct portfolio_result **out, s75_error *err)
{
    *out = NULL;
    struct portfolio_result *res;
    if (portfolio_result_new(&res, sc) < 0)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    int rc = portfolio_evaluate(res, NULL);
    if (rc == -2) {
        portfolio_free(res);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    if (rc < 0) {
        const pool *p = &sc->pools[res->failed_pool];
        mark at = { p->scenario->file, 0, 0 };
        portfolio_free(res);
        return error_set(err, S75_ENUMERIC, at, "", "pool '%s': the projection overflowed: a "
                         "variance is not a finite amount of money", p->id);
    }
    *out = res;
    return S75_OK;
}

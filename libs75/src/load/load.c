/* Loading a scenario file: the top level, includes, AfC scales, pay,
 * workforce, non-pay and partners. Other sections are in load_*.c. */
#include "load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input_limits.h"
#include "inputs.h"
#include "load_ctx.h"
#include "overrides.h"
#include "sha256.h"
#include "table.h"

typedef struct loader {
    reader r;
    diag *d;
    scenario *sc;
    load_ctx *ctx;
    const char *file;                /* the scenario's own file, as named */
    const load_file *included[LIMIT_INCLUDES]; /* each include once, however often named */
    size_t n_included;
    const char *stack[LIMIT_INCLUDES + 2]; /* real paths of the include chain, for cycles */
    size_t depth;
    scale_ref scales[LIMIT_SCALES];
    size_t n_scales;
    table_src tables;
    /* partner ids as written, read ahead so lines can name an employer */
    const char *partner_ids[LIMIT_PARTNERS + 1];
    size_t n_partner_ids;
} loader;

static const char *const scenario_keys[] = {
    "s75", "name", "base_year", "years", "include", "scales", "pay", "pay_systems", "workforce",
    "workforce_from",
    "non_pay",
    "partners", "savings", "risk_share", "demand", "appraisal", "uncertainty", "monitoring",
    "pools", "variants", "paper", NULL
};

/* ---- scales and includes ---- */

static void collect_scales(loader *L, const ynode *n)
{
    reader *r = &L->r;
    if (rd_expect(r, n, Y_MAP) < 0)
        return;
    for (size_t i = 0; i < n->n; i++) {
        const ynode *k = ymap_key(n, i);
        if (k->kind != Y_SCALAR) {
            rd_error(r, k, "a scale name must be text");
            continue;
        }
        for (size_t j = 0; j < L->n_scales; j++)
            if (strcmp(L->scales[j].name, k->text) == 0) {
                size_t old = rd_push_key(r, k->text);
                rd_error(r, k, "scale '%s' is defined twice (also at %s:%d)", k->text,
                         L->scales[j].node->at.file, L->scales[j].node->at.line);
                rd_pop(r, old);
            }
        if (L->n_scales == LIMIT_SCALES) {
            rd_error_code(r, S75_ELIMIT, k, "more than %d pay scales", LIMIT_SCALES);
            return;
        }
        L->scales[L->n_scales].name = k->text;
        L->scales[L->n_scales].node = ymap_value(n, i);
        L->n_scales++;
    }
}

static void load_include_file(loader *L, const char *path, const ynode *at);

static void include_one(loader *L, const ynode *item, const char *from_file)
{
    const char *rel;
    if (rd_string(&L->r, item, &rel) < 0)
        return;
    char *p = path_beside(from_file, rel);
    if (p)
        load_include_file(L, p, item);
    else
        rd_error_code(&L->r, S75_ENOMEM, item, "out of memory");
    free(p);
}

static void load_includes(loader *L, const ynode *list, const char *from_file)
{
    reader *r = &L->r;
    size_t old = rd_push_key(r, "include");
    if (list->kind == Y_SCALAR) {
        /* A single path is as good as a list of one. */
        include_one(L, list, from_file);
    } else if (rd_expect(r, list, Y_SEQ) == 0) {
        for (size_t i = 0; i < list->n; i++) {
            size_t o2 = rd_push_index(r, i);
            include_one(L, list->kids[i], from_file);
            rd_pop(r, o2);
        }
    }
    rd_pop(r, old);
}

/* An include is read once per scenario however often it is named (a file
 * two others include is one file), and once per load for its bytes and
 * tree. Its content is quoted back only when it is an include file: a file
 * that holds neither scales: nor include: may be anything the user can
 * read, and its text is not ours to print. */
static void load_include_file(loader *L, const char *path, const ynode *at)
{
    reader *r = &L->r;
    char *real = realpath(path, NULL);
    if (real) {
        for (size_t i = 0; i < L->depth; i++)
            if (strcmp(L->stack[i], real) == 0) {
                rd_error(r, at, "'%s' includes itself (an include cycle)", path);
                free(real);
                return;
            }
        for (size_t i = 0; i < L->n_included; i++)
            if (strcmp(L->included[i]->real, real) == 0) {
                free(real);
                return;
            }
        free(real);
    }
    if (L->n_included >= LIMIT_INCLUDES) {
        rd_error_code(r, S75_ELIMIT, at, "more than %d include files", LIMIT_INCLUDES);
        return;
    }
    int again;
    load_file *f = load_ctx_file(L->ctx, path, L->d, at->at, r->path, &again);
    if (!f)
        return;
    L->included[L->n_included++] = f;
    if (input_record(L->sc, path, f->text, f->len) < 0)
        rd_error_code(r, S75_ENOMEM, at, "out of memory");
    const ynode *root = f->doc.root;
    /* A new file: field paths restart from its top. */
    reader saved = *r;
    rd_pop(r, 0);
    static const char *const include_keys[] = { "scales", "include", NULL };
    mark top = { f->doc.file, 1, 1 };
    if (!root) {
        diag_add(L->d, S75_EINVAL, top, "", "empty file: an include holds `scales:`");
    } else if (root->kind != Y_MAP || (!ymap_get(root, "scales") && !ymap_get(root, "include"))) {
        diag_add(L->d, S75_EINVAL, top, "", "not an include file: an include is a mapping with "
                 "scales: (or include:); nothing of this file is shown");
    } else if (rd_check_map(r, root, include_keys, NULL) == 0 || root->kind == Y_MAP) {
        L->stack[L->depth++] = f->real;
        const ynode *inc = ymap_get(root, "include");
        if (inc)
            load_includes(L, inc, f->doc.file);
        const ynode *sc = ymap_get(root, "scales");
        if (sc) {
            size_t old = rd_push_key(r, "scales");
            collect_scales(L, sc);
            rd_pop(r, old);
        }
        L->depth--;
    }
    r->plen = saved.plen;
    memcpy(r->path, saved.path, sizeof r->path);
}

/* ---- workforce ---- */

/* `start` and `end` (MODEL.md §14): model years, start <= end, as t. */
static void load_run_years(reader *r, const scenario *sc, const ynode *n, int *first_t,
                           int *last_t)
{
    int last = sc->base_year + sc->years - 1, ys[2] = { sc->base_year, last };
    const char *keys[2] = { "start", "end" };
    int given[2] = { 0, 0 };
    char a[8], b[8], c[8];
    for (int i = 0; i < 2; i++) {
        const ynode *v = ymap_get(n, keys[i]);
        if (!v)
            continue;
        size_t o = rd_push_key(r, keys[i]);
        int y;
        if (rd_year(r, v, &y) == 0) {
            if (y < sc->base_year || y > last)
                rd_error(r, v, "%s is outside the model (%s to %s)", fy_label(y, a),
                         fy_label(sc->base_year, b), fy_label(last, c));
            else {
                ys[i] = y;
                given[i] = 1;
            }
        }
        rd_pop(r, o);
    }
    if (given[0] && given[1] && ys[0] > ys[1]) {
        size_t o = rd_push_key(r, "end");
        rd_error(r, ymap_get(n, "end"), "end %s is before start %s", fy_label(ys[1], a),
                 fy_label(ys[0], b));
        rd_pop(r, o);
    }
    *first_t = ys[0] - sc->base_year;
    *last_t = ys[1] - sc->base_year;
}

/* `employer`: a partner's id (partners are read ahead as written). */
static int load_employer(loader *L, const ynode *n)
{
    reader *r = &L->r;
    const char *id;
    if (rd_child_string(r, n, "employer", &id) != 0)
        return -1;
    for (size_t i = 0; i < L->n_partner_ids; i++)
        if (strcmp(L->partner_ids[i], id) == 0)
            return (int)i;
    size_t o = rd_push_key(r, "employer");
    const char *near = nearest_word(id, L->partner_ids);
    rd_error(r, ymap_get(n, "employer"), "employer '%s' is not a partner%s%s%s", id,
             near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    rd_pop(r, o);
    return -1;
}

static void load_line(loader *L, const ynode *n, workforce_line *w)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    static const char *const req[] = { "role", "band", "wte", NULL };
    w->employer = -1;
    w->last_t = sc->years - 1;
    if (rd_check_map(r, n, workforce_line_keys(), req) < 0 && n->kind != Y_MAP)
        return;
    const char *role = NULL, *bname = NULL, *team = NULL;
    if (rd_child_string(r, n, "role", &role) == 0)
        w->role = rd_strdup(r, role);
    if (rd_child_string(r, n, "team", &team) == 0)
        w->team = rd_strdup(r, team);
    w->employer = load_employer(L, n);
    load_run_years(r, sc, n, &w->first_t, &w->last_t);
    /* MODEL.md §14: a line names its pay system unless there is only one. */
    int sys = sc->n_systems > 0 ? 0 : -1;
    const char *sname = NULL;
    if (rd_child_string(r, n, "pay_system", &sname) == 0) {
        sys = system_index(sc, sname);
        if (sys < 0) {
            const char *names[17] = { NULL };
            for (size_t i = 0; i < sc->n_systems && i < 16; i++)
                names[i] = sc->systems[i].name ? sc->systems[i].name : "";
            const char *near = nearest_word(sname, names);
            size_t old = rd_push_key(r, "pay_system");
            rd_error(r, ymap_get(n, "pay_system"), "no pay system named '%s'%s%s%s", sname,
                     near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            rd_pop(r, old);
        }
    } else if (!ymap_get(n, "pay_system") && sc->n_systems > 1) {
        rd_error(r, n, "with several pay systems a line must name its pay_system");
        sys = -1;
    } else if (ymap_get(n, "pay_system")) {
        sys = -1;
    }
    int bi = -1;
    if (rd_child_string(r, n, "band", &bname) == 0) {
        size_t old = rd_push_key(r, "band");
        if (sys >= 0) {
            bi = band_in_system(sc, (size_t)sys, bname);
            if (bi < 0 && (sc->n_systems > 1 || strcmp(sc->systems[sys].name, "pay") != 0))
                rd_error(r, ymap_get(n, "band"), "band '%s' is not in the scale of pay system '%s'",
                         bname, sc->systems[sys].name);
            else if (bi < 0 && sc->n_bands > 0)
                rd_error(r, ymap_get(n, "band"), "band '%s' is not in the pay scale", bname);
            else if (bi < 0)
                rd_error(r, ymap_get(n, "band"), "band '%s' needs a pay scale (pay.scale)", bname);
        } else if (sc->n_systems == 0) {
            rd_error(r, ymap_get(n, "band"), "band '%s' needs a pay scale (pay.scale)", bname);
        }
        rd_pop(r, old);
    }
    w->band = bi >= 0 ? (size_t)bi : 0;
    rd_child_number_in(r, n, "wte", &w->wte, 0, 1e6);
    w->headcount = w->wte;
    rd_child_number_in(r, n, "headcount", &w->headcount, 0, 1e6);
    rd_child_rate(r, n, "turnover", &w->turnover, 0, 1);
    rd_child_rate(r, n, "vacancy", &w->vacancy, 0, 1);
    rd_child_rate(r, n, "agency_fill", &w->agency_fill, 0, 1);
    rd_child_rate(r, n, "agency_premium", &w->agency_premium, 0, 10);
    /* A band whose points were refused (or not allocated) is reported. */
    if (bi < 0 || sc->bands[bi].n_points == 0)
        return;
    const band *b = &sc->bands[bi];
    w->shares = rd_calloc(r, n, b->n_points, sizeof(double));
    if (!w->shares)
        return;
    const ynode *pts = ymap_get(n, "points");
    if (!pts) {
        /* Default: everyone on the top point. */
        w->shares[b->n_points - 1] = 1.0;
        return;
    }
    size_t old = rd_push_key(r, "points");
    if (rd_expect(r, pts, Y_SEQ) == 0) {
        if (pts->n != b->n_points) {
            rd_error(r, pts, "needs one share per pay point of band %s (%zu), got %zu", b->name,
                     b->n_points, pts->n);
        } else {
            double sum = 0;
            int ok = 1;
            for (size_t i = 0; i < pts->n; i++) {
                size_t o2 = rd_push_index(r, i);
                if (rd_rate(r, pts->kids[i], &w->shares[i], 0, 1) < 0)
                    ok = 0;
                sum += w->shares[i];
                rd_pop(r, o2);
            }
            if (ok && fabs(sum - 1.0) > 1e-6)
                rd_error(r, pts, "shares must sum to 1, got %.9g", sum);
        }
    }
    rd_pop(r, old);
}

/* Lines written in the file (n) and lines built from an establishment
 * table (from_csv, marked at its cells, with paths under workforce_from). */
static void load_workforce(loader *L, const ynode *n, const ynode *from_csv)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    size_t old = rd_push_key(r, "workforce");
    size_t n_yaml = 0, n_csv = from_csv ? from_csv->n : 0;
    if (n && rd_expect(r, n, Y_SEQ) == 0)
        n_yaml = n->n;
    if (n_yaml + n_csv > LIMIT_LINES) {
        rd_error_code(r, S75_ELIMIT, n ? n : from_csv, "more than %d workforce lines",
                      LIMIT_LINES);
    } else if (n_yaml + n_csv > 0 &&
               (sc->lines = rd_calloc(r, n ? n : from_csv, n_yaml + n_csv, sizeof *sc->lines))) {
        sc->n_lines = n_yaml + n_csv;
        for (size_t i = 0; i < n_yaml; i++) {
            size_t o2 = rd_push_index(r, i);
            load_line(L, n->kids[i], &sc->lines[i]);
            rd_pop(r, o2);
        }
        rd_pop(r, 0);
        rd_push_key(r, "workforce_from");
        rd_push_key(r, "columns");
        for (size_t i = 0; i < n_csv; i++)
            load_line(L, from_csv->kids[i], &sc->lines[n_yaml + i]);
    }
    rd_pop(r, old);
}

/* ---- non-pay ---- */

/* Cash by year, {year: amount}: years inside the model, each once; seen[t]
 * marks the years given. */
static void load_year_amounts(reader *r, const ynode *n, const scenario *sc, double *out,
                              unsigned char *seen)
{
    int first = sc->base_year, last = sc->base_year + sc->years - 1;
    if (rd_expect(r, n, Y_MAP) < 0)
        return;
    char a[8], b[8], c[8];
    for (size_t i = 0; i < n->n; i++) {
        int y;
        const ynode *k = ymap_key(n, i);
        if (rd_year(r, k, &y) < 0)
            continue;
        size_t o2 = rd_push_key(r, fy_label(y, a));
        if (y < first || y > last) {
            rd_error(r, k, "year %s is outside the model (%s to %s)", a, fy_label(first, b),
                     fy_label(last, c));
        } else if (seen[y - first]) {
            rd_error(r, k, "year %s given twice", a);
        } else {
            seen[y - first] = 1;
            rd_number_in(r, ymap_value(n, i), &out[y - first], 0, 1e13);
        }
        rd_pop(r, o2);
    }
}

static void load_non_pay_line(loader *L, const ynode *it, non_pay_line *np)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    static const char *const keys[] = { "name", "amount", "inflation", "amounts", "employer",
                                        "start", "end", NULL };
    static const char *const req[] = { "name", NULL };
    int first = sc->base_year, last = sc->base_year + sc->years - 1;
    size_t N = (size_t)sc->years;
    np->employer = -1;
    np->last_t = sc->years - 1;
    np->inflation = rd_calloc(r, it, N, sizeof(double));
    if (rd_check_map(r, it, keys, req) < 0 && it->kind != Y_MAP)
        return;
    const char *name;
    if (rd_child_string(r, it, "name", &name) == 0)
        np->name = rd_strdup(r, name);
    np->employer = load_employer(L, it);
    load_run_years(r, sc, it, &np->first_t, &np->last_t);
    const ynode *amount = ymap_get(it, "amount"), *amounts = ymap_get(it, "amounts");
    if (amount && amounts) {
        rd_error(r, it, "give either amount (with inflation) or amounts, not both");
        return;
    }
    if (!amount && !amounts) {
        rd_error(r, it, "missing required key 'amount' (or 'amounts')");
        return;
    }
    if (amount) {
        rd_child_number_in(r, it, "amount", &np->amount, 0, 1e13);
        if (np->inflation && sc->years > 1)
            load_series_child(r, it, "inflation", SERIES_RATE, -1, 1, first + 1, last,
                              np->inflation + 1, 0, 0);
        return;
    }
    /* MODEL.md §14: cash by year is not inflated; years not given are 0. */
    if (ymap_get(it, "inflation")) {
        size_t o = rd_push_key(r, "inflation");
        rd_error(r, ymap_get(it, "inflation"), "inflation applies to amount, not to explicit "
                 "amounts (give each year's cash)");
        rd_pop(r, o);
    }
    np->amounts = rd_calloc(r, it, N, sizeof(double));
    unsigned char *seen = rd_calloc(r, it, N, 1);
    size_t o = rd_push_key(r, "amounts");
    if (np->amounts && seen)
        load_year_amounts(r, amounts, sc, np->amounts, seen);
    rd_pop(r, o);
    free(seen);
}

static void load_non_pay(loader *L, const ynode *n)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    size_t old = rd_push_key(r, "non_pay");
    if (rd_expect(r, n, Y_SEQ) == 0) {
        if (n->n > LIMIT_LINES) {
            rd_error_code(r, S75_ELIMIT, n, "more than %d non-pay lines", LIMIT_LINES);
        } else if (n->n > 0 && (sc->non_pay = rd_calloc(r, n, n->n, sizeof *sc->non_pay))) {
            sc->n_non_pay = n->n;
            for (size_t i = 0; i < n->n; i++) {
                size_t o2 = rd_push_index(r, i);
                load_non_pay_line(L, n->kids[i], &sc->non_pay[i]);
                rd_pop(r, o2);
            }
        }
    }
    rd_pop(r, old);
}

/* ---- partners ---- */

static void load_contribution(reader *r, const ynode *n, scenario *sc, partner *p)
{
    static const char *const keys[] = { "amount", "uplift", "amounts", NULL };
    int first = sc->base_year, last = sc->base_year + sc->years - 1;
    size_t N = (size_t)sc->years;
    p->uplift = rd_calloc(r, n, N, sizeof(double));
    if (rd_check_map(r, n, keys, NULL) < 0 && n->kind != Y_MAP)
        return;
    const ynode *amount = ymap_get(n, "amount"), *amounts = ymap_get(n, "amounts");
    if (amount && amounts) {
        rd_error(r, n, "give either amount (with uplift) or amounts, not both");
        return;
    }
    if (!amount && !amounts) {
        rd_error(r, n, "missing required key 'amount' (or 'amounts')");
        return;
    }
    if (amount) {
        rd_child_number_in(r, n, "amount", &p->amount, 0, 1e13);
        if (p->uplift && N > 1)
            load_series_child(r, n, "uplift", SERIES_RATE, -1, 1, first + 1, last, p->uplift + 1,
                              0, 0);
        return;
    }
    if (ymap_get(n, "uplift")) {
        size_t old = rd_push_key(r, "uplift");
        rd_error(r, ymap_get(n, "uplift"), "uplift applies to amount, not to explicit amounts");
        rd_pop(r, old);
    }
    p->explicit_amounts = 1;
    p->amounts = rd_calloc(r, n, N, sizeof(double));
    unsigned char *seen = rd_calloc(r, n, N, 1);
    size_t old = rd_push_key(r, "amounts");
    if (p->amounts && seen && amounts->kind == Y_MAP) {
        char a[8];
        load_year_amounts(r, amounts, sc, p->amounts, seen);
        for (int y = first; y <= last; y++)
            if (!seen[y - first]) {
                rd_error(r, amounts, "no amount for %s: explicit amounts must cover every model year",
                         fy_label(y, a));
                break;
            }
    } else if (p->amounts && seen) {
        rd_expect(r, amounts, Y_MAP);
    }
    rd_pop(r, old);
    free(seen);
}

static void load_partners(loader *L, const ynode *n)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    static const char *const keys[] = { "id", "name", "contribution", NULL };
    static const char *const req[] = { "id", "contribution", NULL };
    size_t old = rd_push_key(r, "partners");
    if (rd_expect(r, n, Y_SEQ) == 0) {
        if (n->n == 0) {
            rd_error(r, n, "at least one partner is needed");
        } else if (n->n > LIMIT_PARTNERS) {
            rd_error_code(r, S75_ELIMIT, n, "more than %d partners", LIMIT_PARTNERS);
        } else if ((sc->partners = rd_calloc(r, n, n->n, sizeof *sc->partners))) {
            sc->n_partners = n->n;
            for (size_t i = 0; i < n->n; i++) {
                size_t o2 = rd_push_index(r, i);
                const ynode *it = n->kids[i];
                partner *p = &sc->partners[i];
                if (rd_check_map(r, it, keys, req) == 0 || it->kind == Y_MAP) {
                    const char *id, *name;
                    if (rd_child_string(r, it, "id", &id) == 0) {
                        size_t o3 = rd_push_key(r, "id");
                        if (rd_id(r, ymap_get(it, "id"), &id) == 0) {
                            if (partner_index(sc, id) >= 0)
                                rd_error(r, ymap_get(it, "id"), "duplicate partner id '%s'", id);
                            else
                                p->id = rd_strdup(r, id);
                        }
                        rd_pop(r, o3);
                    }
                    if (rd_child_string(r, it, "name", &name) == 0)
                        p->name = rd_strdup(r, name);
                    const ynode *c = ymap_get(it, "contribution");
                    if (c) {
                        size_t o3 = rd_push_key(r, "contribution");
                        load_contribution(r, c, sc, p);
                        rd_pop(r, o3);
                    }
                }
                if (!p->name && p->id)
                    p->name = rd_strdup(r, p->id);
                rd_pop(r, o2);
            }
            sc->partner_id_list = calloc(sc->n_partners + 1, sizeof *sc->partner_id_list);
            for (size_t i = 0; sc->partner_id_list && i < sc->n_partners; i++)
                sc->partner_id_list[i] = sc->partners[i].id ? sc->partners[i].id : "";
        }
    }
    rd_pop(r, old);
}

/* ---- top level ---- */

static void load_header(loader *L, const ynode *root)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    long v = 0;
    const ynode *s = ymap_get(root, "s75");
    if (s) {
        size_t old = rd_push_key(r, "s75");
        if (rd_int(r, s, &v, 0, 1000) == 0 && v != 1)
            rd_error(r, s, "this library reads schema version 1, got %ld", v);
        rd_pop(r, old);
    }
    const char *name;
    if (rd_child_string(r, root, "name", &name) == 0)
        sc->name = rd_strdup(r, name);
    if (rd_child_int(r, root, "base_year", &v, 1900, 2400) == 0)
        sc->base_year = (int)v;
    if (rd_child_int(r, root, "years", &v, 1, LIMIT_YEARS) == 0)
        sc->years = (int)v;
}

static void load_body(loader *L, const ynode *root)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    const ynode *n;
    if (ymap_get(root, "pools")) {
        static const char *const not_in_portfolio[] = { "partners", "pay", "pay_systems",
                                                        "workforce", "workforce_from", "non_pay",
                                                        "savings", "risk_share", "demand",
                                                        "appraisal", "include", "scales",
                                                        "monitoring", NULL };
        for (size_t i = 0; not_in_portfolio[i]; i++)
            if ((n = ymap_get(root, not_in_portfolio[i]))) {
                size_t old = rd_push_key(r, not_in_portfolio[i]);
                rd_error(r, n, "a portfolio (a file with pools:) may not hold '%s'; it belongs in "
                         "a pool's scenario", not_in_portfolio[i]);
                rd_pop(r, old);
            }
        sc->is_portfolio = 1;
        load_pools(r, root, sc, L->ctx);
        if ((n = ymap_get(root, "paper")))
            load_paper(r, n, sc);
        if ((n = ymap_get(root, "uncertainty")))
            load_uncertainty(r, n, sc);
        return;
    }
    if (!ymap_get(root, "partners"))
        rd_error(r, root, "missing required key 'partners'");
    if ((n = ymap_get(root, "include")))
        load_includes(L, n, L->file);
    if ((n = ymap_get(root, "scales"))) {
        size_t old = rd_push_key(r, "scales");
        collect_scales(L, n);
        rd_pop(r, old);
    }
    const ynode *wf = ymap_get(root, "workforce");
    const ynode *wff = ymap_get(root, "workforce_from");
    if (((wf && wf->kind == Y_SEQ && wf->n > 0) || wff) && !ymap_get(root, "pay") &&
        !ymap_get(root, "pay_systems"))
        rd_error(r, root, "missing required key 'pay' (or 'pay_systems'): workforce lines need a "
                 "pay scale");
    pay_input in = { L->scales, L->n_scales };
    load_pay_systems(r, sc, &in, ymap_get(root, "pay"), ymap_get(root, "pay_systems"));
    /* Lines may name an employer: the partners' ids as written. */
    const ynode *pl = ymap_get(root, "partners");
    for (size_t i = 0; pl && pl->kind == Y_SEQ && i < pl->n && i < LIMIT_PARTNERS; i++) {
        const ynode *id = pl->kids[i]->kind == Y_MAP ? ymap_get(pl->kids[i], "id") : NULL;
        if (id && id->kind == Y_SCALAR)
            L->partner_ids[L->n_partner_ids++] = id->text;
    }
    const ynode *csv_lines = wff ? establishment_lines(r, &L->tables, wff, sc) : NULL;
    if (wf || csv_lines)
        load_workforce(L, wf, csv_lines);
    if ((n = ymap_get(root, "non_pay")))
        load_non_pay(L, n);
    if ((n = ymap_get(root, "partners")))
        load_partners(L, n);
    if ((n = ymap_get(root, "savings")))
        load_savings(r, n, sc);
    load_risk_share(r, ymap_get(root, "risk_share"), sc);
    if ((n = ymap_get(root, "demand")))
        load_demand(r, n, sc);
    if ((n = ymap_get(root, "appraisal")))
        load_appraisal(r, n, sc);
    if ((n = ymap_get(root, "uncertainty")))
        load_uncertainty(r, n, sc);
    if ((n = ymap_get(root, "monitoring")))
        load_monitoring(r, n, sc, &L->tables);
    if ((n = ymap_get(root, "paper")))
        load_paper(r, n, sc);
}

/* Validates one scenario's tree (doc, already parsed, root restored on
 * return) with o applied: the loader proper. */
static scenario *load_tree(load_ctx *ctx, const char *file, ydoc *doc, const char *text,
                           size_t len, const load_opts *o, diag *d)
{
    loader *L = calloc(1, sizeof *L);
    scenario *sc = calloc(1, sizeof *sc);
    if (!L || !sc) {
        free(L), free(sc);
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
        return NULL;
    }
    size_t errors_before = d->total;
    int oom_before = d->oom;
    L->d = d;
    L->sc = sc;
    L->ctx = ctx;
    L->file = file;
    L->tables.scenario_file = file;
    L->tables.opts = o;
    L->tables.ctx = ctx;
    atomic_init(&sc->refs, 1);
    rd_init(&L->r, d);
    sc->file = xstrdup(file);
    if (!sc->file) {
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
        free(L);
        scenario_free(sc);
        return NULL;
    }
    sha256_hex(text, len, sc->sha256);
    const char *base = strrchr(file, '/');
    if (input_add(sc, base ? base + 1 : file, text, len) < 0)
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
    char *real = realpath(file, NULL);
    if (real)
        L->stack[L->depth++] = real;

    static const char *const required[] = { "s75", "name", "base_year", "years", NULL };
    override_work *ow = NULL;
    ynode *as_written = doc->root;
    /* Variants and --set overrides change the tree before it is read, so
     * they are validated exactly like the file (overrides.h); the nodes they
     * change are copies, and the root goes back when the load is over. */
    int applied = overrides_apply(doc, text, len, o, d, &ow, &sc->provenance);
    const ynode *root = doc->root;
    size_t errors_read = d->count;
    if (applied < 0) {
        /* reported: an override that names nothing leaves no tree to read */
    } else if (!root) {
        mark m = { doc->file, 1, 1 };
        diag_add(d, S75_EINVAL, m, "", "empty file: a scenario is a mapping with s75, name, "
                 "base_year, years and partners");
    } else if (root->kind != Y_MAP) {
        rd_error(&L->r, root, "a scenario must be a mapping of keys, got %s",
                 ykind_name(root->kind));
    } else {
        rd_check_map(&L->r, root, scenario_keys, required);
        load_header(L, root);
        L->r.base_year = sc->base_year;
        L->r.years = sc->years;
        /* Without a horizon nothing else can be checked meaningfully. */
        if (sc->years > 0 && sc->base_year > 0)
            load_body(L, root);
    }
    if (o && o->variant && strcmp(o->variant, "base") != 0)
        overrides_name_variant(d, errors_read, o->variant);
    doc->root = as_written;
    override_work_free(ow);
    /* The scenario keeps what each table held, for validate and the inputs. */
    if (table_summaries_write(&L->tables) < 0)
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
    sc->tables = L->tables.summaries;
    sc->n_tables = L->tables.n_summaries;
    for (size_t i = 0; i < sc->n_tables; i++)
        if (input_add_hashed(sc, sc->tables[i].file, sc->tables[i].sha256) < 0)
            diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
    L->tables.summaries = NULL;
    L->tables.n_summaries = 0;
    table_src_free(&L->tables);
    free(real);
    free(L);
    if (inputs_digest(sc) < 0)
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
    if (d->total > errors_before || d->oom != oom_before || !sc->file) {
        scenario_free(sc);
        return NULL;
    }
    return sc;
}

/* A plain load answers for the whole file, every variant included: each is
 * validated on the one parsed tree, within a budget of variants x nodes. */
static size_t check_variants_all(load_ctx *ctx, const char *file, ydoc *doc, const char *text,
                                 size_t len, const scenario_provenance *prov,
                                 const load_opts *base, diag *d)
{
    size_t before = d->total;
    if (!prov || prov->n_variants == 0)
        return 0;
    unsigned long long weight = doc->root ? doc->root->weight : 0;
    if ((unsigned long long)prov->n_variants * weight > LIMIT_VARIANT_WORK) {
        const ynode *vb = ymap_get(doc->root, "variants");
        diag_add(d, S75_ELIMIT, vb ? vb->at : no_mark, "variants", "checking %zu variants of a "
                 "file of %llu nodes would read %llu nodes; the limit is %llu: use fewer "
                 "variants, or keep them in separate files", prov->n_variants, weight,
                 (unsigned long long)prov->n_variants * weight, LIMIT_VARIANT_WORK);
        return 1;
    }
    for (size_t i = 0; i < prov->n_variants; i++) {
        /* The caller's in-memory tables stay: a variant reads the same data. */
        load_opts vo = { NULL, 0, prov->variants[i], base ? base->tables : NULL,
                         base ? base->n_tables : 0, 0 };
        scenario_free(load_tree(ctx, file, doc, text, len, &vo, d));
    }
    return d->total - before + (d->oom ? 1 : 0);
}

scenario *load_scenario_doc(load_ctx *ctx, const char *file, ydoc *doc, const char *text,
                            size_t len, const load_opts *o, diag *d)
{
    if (ctx->nesting >= LIMIT_LOAD_NESTING) {
        mark m = { doc->file, 1, 1 };
        diag_add(d, S75_ELIMIT, m, "", "scenario files nested more than %d deep (a portfolio's "
                 "pool is a single scenario)", LIMIT_LOAD_NESTING);
        return NULL;
    }
    ctx->nesting++;
    scenario *sc = load_tree(ctx, file, doc, text, len, o, d);
    if (sc && !load_opts_active(o) &&
        check_variants_all(ctx, file, doc, text, len, sc->provenance, o, d) > 0) {
        scenario_free(sc);
        sc = NULL;
    }
    ctx->nesting--;
    return sc;
}

/* The files a load read, by identity (scenario.read). */
static int remember_reads(scenario *sc, const load_ctx *ctx, const char *file)
{
    sc->read = calloc(ctx->n_files + 1, sizeof *sc->read);
    if (!sc->read)
        return -1;
    struct stat st;
    if (stat(file, &st) == 0) {
        sc->read[sc->n_read].dev = (unsigned long long)st.st_dev;
        sc->read[sc->n_read++].ino = (unsigned long long)st.st_ino;
    }
    for (size_t i = 0; i < ctx->n_files; i++)
        if (stat(ctx->files[i]->real, &st) == 0) {
            sc->read[sc->n_read].dev = (unsigned long long)st.st_dev;
            sc->read[sc->n_read++].ino = (unsigned long long)st.st_ino;
        }
    return 0;
}

scenario *load_scenario(const char *file, const char *text, size_t len, diag *d)
{
    return load_scenario_opts(file, text, len, NULL, d);
}

scenario *load_scenario_opts(const char *file, const char *text, size_t len, const load_opts *o,
                             diag *d)
{
    load_ctx ctx;
    if (load_ctx_init(&ctx, o && o->confine ? file : NULL, d) < 0)
        return NULL;
    ydoc doc;
    scenario *sc = NULL;
    if (ydoc_parse_budget(&doc, file, text, len, d, &ctx.budget) == S75_OK)
        sc = load_scenario_doc(&ctx, file, &doc, text, len, o, d);
    if (sc && remember_reads(sc, &ctx, file) < 0) {
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
        scenario_free(sc);
        sc = NULL;
    }
    ydoc_free(&doc);
    load_ctx_free(&ctx);
    return sc;
}

/* Loading a scenario file: the top level, includes, AfC scales, pay,
 * workforce, non-pay and partners. Other sections are in load_*.c. */
#include "load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "overrides.h"
#include "sha256.h"
#include "table.h"

typedef struct scale_ref {
    const char *name;
    const ynode *node;
} scale_ref;

typedef struct loader {
    reader r;
    diag *d;
    scenario *sc;
    ydoc docs[LIMIT_INCLUDES + 1];
    char *texts[LIMIT_INCLUDES + 1];
    size_t n_docs;
    char *stack[LIMIT_INCLUDES + 1]; /* include chain, for cycles */
    size_t depth;
    scale_ref scales[256];
    size_t n_scales;
    table_src tables;
} loader;

static const char *const scenario_keys[] = {
    "s75", "name", "base_year", "years", "include", "scales", "pay", "workforce", "workforce_from",
    "non_pay",
    "partners", "savings", "risk_share", "demand", "appraisal", "uncertainty", "monitoring",
    "pools", "variants", "paper", NULL
};

char *relative_to(const char *base, const char *rel)
{
    if (rel[0] == '/')
        return xstrdup(rel);
    const char *slash = strrchr(base, '/');
    size_t dl = slash ? (size_t)(slash - base) + 1 : 0;
    size_t rl = strlen(rel);
    char *p = malloc(dl + rl + 1);
    if (!p)
        return NULL;
    memcpy(p, base, dl);
    memcpy(p + dl, rel, rl + 1);
    return p;
}

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
        if (L->n_scales < sizeof L->scales / sizeof L->scales[0]) {
            L->scales[L->n_scales].name = k->text;
            L->scales[L->n_scales].node = ymap_value(n, i);
            L->n_scales++;
        }
    }
}

static void load_include_file(loader *L, const char *path, const ynode *at);

static void load_includes(loader *L, const ynode *list, const char *from_file)
{
    reader *r = &L->r;
    size_t old = rd_push_key(r, "include");
    if (list->kind == Y_SCALAR) {
        /* A single path is as good as a list of one. */
        char *p = relative_to(from_file, list->text);
        if (p)
            load_include_file(L, p, list);
        free(p);
    } else if (rd_expect(r, list, Y_SEQ) == 0) {
        for (size_t i = 0; i < list->n; i++) {
            size_t o2 = rd_push_index(r, i);
            const char *rel;
            if (rd_string(r, list->kids[i], &rel) == 0) {
                char *p = relative_to(from_file, rel);
                if (p)
                    load_include_file(L, p, list->kids[i]);
                free(p);
            }
            rd_pop(r, o2);
        }
    }
    rd_pop(r, old);
}

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
    }
    if (L->n_docs >= LIMIT_INCLUDES + 1) {
        rd_error_code(r, S75_ELIMIT, at, "more than %d include files", LIMIT_INCLUDES);
        free(real);
        return;
    }
    size_t len;
    char *text = read_file_limited(path, &len, L->d, at->at, r->path);
    if (!text) {
        free(real);
        return;
    }
    size_t k = L->n_docs++;
    L->texts[k] = text;
    diag *d = L->d;
    if (ydoc_parse(&L->docs[k], path, text, len, d) != S75_OK) {
        free(real);
        return;
    }
    const ynode *root = L->docs[k].root;
    /* A new file: field paths restart from its top. */
    reader saved = *r;
    rd_pop(r, 0);
    static const char *const include_keys[] = { "scales", "include", NULL };
    if (!root) {
        mark m = { L->docs[k].file, 1, 1 };
        diag_add(d, S75_EINVAL, m, "", "empty file: an include holds `scales:`");
    } else if (rd_check_map(r, root, include_keys, NULL) == 0 || root->kind == Y_MAP) {
        L->stack[L->depth++] = real ? real : xstrdup(path);
        const ynode *inc = ymap_get(root, "include");
        if (inc)
            load_includes(L, inc, L->docs[k].file);
        const ynode *sc = ymap_get(root, "scales");
        if (sc) {
            size_t old = rd_push_key(r, "scales");
            collect_scales(L, sc);
            rd_pop(r, old);
        }
        free(L->stack[--L->depth]);
        real = NULL;
    }
    free(real);
    r->plen = saved.plen;
    memcpy(r->path, saved.path, sizeof r->path);
}

static int parse_band_points(reader *r, const ynode *list, double **out, size_t *n)
{
    if (rd_expect(r, list, Y_SEQ) < 0)
        return -1;
    if (list->n == 0 || list->n > 64) {
        rd_error(r, list, "a band needs 1 to 64 pay points, got %zu", list->n);
        return -1;
    }
    double *p = rd_calloc(r, list, list->n, sizeof *p);
    if (!p)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < list->n; i++) {
        size_t old = rd_push_index(r, i);
        if (rd_number_in(r, list->kids[i], &p[i], 0, 1e7) < 0)
            rc = -1;
        rd_pop(r, old);
    }
    *out = p;
    *n = list->n;
    return rc;
}

static void load_scale(loader *L, const scale_ref *ref)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    static const char *const keys[] = { "year", "bands", NULL };
    static const char *const band_keys[] = { "points", "progression_years", NULL };
    const ynode *n = ref->node;
    if (rd_check_map(r, n, keys, keys) < 0)
        return;
    long year = 0;
    if (rd_child_int(r, n, "year", &year, 1900, 2500) == 0) {
        sc->scale_year = (int)year;
        if (year > sc->base_year) {
            size_t old = rd_push_key(r, "year");
            rd_error(r, ymap_get(n, "year"), "the scale's year %ld is after base_year %d", year,
                     sc->base_year);
            rd_pop(r, old);
        }
    } else {
        sc->scale_year = sc->base_year;
    }
    const ynode *bands = ymap_get(n, "bands");
    size_t old = rd_push_key(r, "bands");
    if (rd_expect(r, bands, Y_MAP) == 0) {
        sc->bands = rd_calloc(r, bands, bands->n, sizeof *sc->bands);
        for (size_t i = 0; sc->bands && i < bands->n; i++) {
            const ynode *k = ymap_key(bands, i);
            const ynode *v = ymap_value(bands, i);
            if (k->kind != Y_SCALAR || k->len == 0 || k->len >= BAND_NAME_MAX) {
                rd_error(r, k, "a band name is short text such as \"6\" or \"8a\"");
                continue;
            }
            size_t o2 = rd_push_key(r, k->text);
            band *b = &sc->bands[sc->n_bands];
            memcpy(b->name, k->text, k->len + 1);
            if (band_index(sc, k->text) >= 0) {
                rd_error(r, k, "band '%s' given twice", k->text);
            } else if (rd_check_map(r, v, band_keys, band_keys) == 0) {
                size_t o3 = rd_push_key(r, "points");
                int ok = parse_band_points(r, ymap_get(v, "points"), &b->points, &b->n_points) == 0;
                rd_pop(r, o3);
                o3 = rd_push_key(r, "progression_years");
                const ynode *pg = ymap_get(v, "progression_years");
                if (ok && rd_expect(r, pg, Y_SEQ) == 0) {
                    if (pg->n != b->n_points - 1) {
                        rd_error(r, pg, "needs one entry per pay point below the top (%zu), got %zu",
                                 b->n_points - 1, pg->n);
                    } else {
                        b->progression = rd_calloc(r, pg, pg->n, sizeof(double));
                        for (size_t j = 0; b->progression && j < pg->n; j++) {
                            size_t o4 = rd_push_index(r, j);
                            rd_number_in(r, pg->kids[j], &b->progression[j], 1, 100);
                            rd_pop(r, o4);
                        }
                    }
                }
                rd_pop(r, o3);
                sc->n_bands++;
            } else {
                free(b->points);
                b->points = NULL;
            }
            rd_pop(r, o2);
        }
    }
    rd_pop(r, old);
}

/* ---- pay ---- */

static void parse_award(reader *r, const ynode *n, const scenario *sc, award *a)
{
    static const char *const keys[] = { "percent", "bands", "flat_minimum", NULL };
    static const char *const req[] = { "percent", NULL };
    a->band_percent = rd_calloc(r, n, sc->n_bands, sizeof(double));
    for (size_t b = 0; a->band_percent && b < sc->n_bands; b++)
        a->band_percent[b] = NAN;
    if (n->kind == Y_SCALAR) {
        rd_rate(r, n, &a->percent, -1, 1);
        return;
    }
    if (rd_check_map(r, n, keys, req) < 0)
        return;
    rd_child_rate(r, n, "percent", &a->percent, -1, 1);
    rd_child_number_in(r, n, "flat_minimum", &a->flat_minimum, 0, 1e6);
    const ynode *bands = ymap_get(n, "bands");
    if (!bands)
        return;
    size_t old = rd_push_key(r, "bands");
    if (rd_expect(r, bands, Y_MAP) == 0) {
        for (size_t i = 0; i < bands->n; i++) {
            const ynode *k = ymap_key(bands, i);
            int bi = k->kind == Y_SCALAR ? band_index(sc, k->text) : -1;
            size_t o2 = rd_push_key(r, k->kind == Y_SCALAR ? k->text : "?");
            if (bi < 0) {
                rd_error(r, k, "band '%s' is not in the pay scale",
                         k->kind == Y_SCALAR ? k->text : "?");
            } else if (a->band_percent) {
                rd_rate(r, ymap_value(bands, i), &a->band_percent[bi], -1, 1);
            }
            rd_pop(r, o2);
        }
    }
    rd_pop(r, old);
}

/* Awards are a series of award values: one award (scalar or a mapping with
 * `percent`), or a mapping of years to awards read as a step function. */
static void load_awards(reader *r, const ynode *n, scenario *sc)
{
    int first = sc->scale_year + 1, last = sc->base_year + sc->years - 1;
    if (last < first)
        return;
    sc->n_awards = (size_t)(last - first + 1);
    sc->awards = rd_calloc(r, n, sc->n_awards, sizeof *sc->awards);
    if (!sc->awards) {
        sc->n_awards = 0;
        return;
    }
    for (size_t i = 0; i < sc->n_awards; i++)
        sc->awards[i].band_percent = NULL;
    if (!n) {
        for (size_t i = 0; i < sc->n_awards; i++) {
            sc->awards[i].band_percent = calloc(sc->n_bands ? sc->n_bands : 1, sizeof(double));
            for (size_t b = 0; sc->awards[i].band_percent && b < sc->n_bands; b++)
                sc->awards[i].band_percent[b] = NAN;
        }
        return;
    }
    if (n->kind == Y_SCALAR || (n->kind == Y_MAP && ymap_get(n, "percent"))) {
        award a = { 0 };
        parse_award(r, n, sc, &a);
        for (size_t i = 0; i < sc->n_awards; i++) {
            sc->awards[i] = a;
            sc->awards[i].band_percent = malloc((sc->n_bands ? sc->n_bands : 1) * sizeof(double));
            if (sc->awards[i].band_percent && a.band_percent)
                memcpy(sc->awards[i].band_percent, a.band_percent, sc->n_bands * sizeof(double));
        }
        free(a.band_percent);
        return;
    }
    if (rd_expect(r, n, Y_MAP) < 0)
        return;
    /* Parse every keyed award once, then resolve the step function. */
    award *given = rd_calloc(r, n, n->n, sizeof *given);
    int *years = rd_calloc(r, n, n->n, sizeof *years);
    int ok = given && years;
    char a[8], b[8];
    for (size_t i = 0; ok && i < n->n; i++) {
        years[i] = -1;
        int y;
        if (rd_year(r, ymap_key(n, i), &y) < 0)
            continue;
        size_t old = rd_push_key(r, fy_label(y, a));
        if (y > last)
            rd_error(r, ymap_key(n, i), "year %s is outside the model (up to %s)", a,
                     fy_label(last, b));
        else {
            years[i] = y;
            parse_award(r, ymap_value(n, i), sc, &given[i]);
        }
        rd_pop(r, old);
    }
    for (int y = first; ok && y <= last; y++) {
        int best = -1;
        for (size_t i = 0; i < n->n; i++)
            if (years[i] >= 0 && years[i] <= y && (best < 0 || years[i] > years[best]))
                best = (int)i;
        award *dst = &sc->awards[y - first];
        if (best < 0) {
            rd_error(r, n, "no award for %s (awards must cover every year from the scale's year "
                     "%s to the last model year)", fy_label(y, a), fy_label(sc->scale_year, b));
            break;
        }
        *dst = given[best];
        dst->band_percent = malloc((sc->n_bands ? sc->n_bands : 1) * sizeof(double));
        if (dst->band_percent && given[best].band_percent)
            memcpy(dst->band_percent, given[best].band_percent, sc->n_bands * sizeof(double));
    }
    for (size_t i = 0; given && i < n->n; i++)
        free(given[i].band_percent);
    free(given);
    free(years);
}

static void load_series_child(reader *r, const ynode *map, const char *key, int kind, double lo,
                              double hi, int first, int last, double *out, int required,
                              double dflt)
{
    const ynode *n = ymap_get(map, key);
    if (!n) {
        if (required)
            rd_error(r, map, "missing required key '%s'", key);
        for (int y = first; y <= last; y++)
            out[y - first] = dflt;
        return;
    }
    size_t old = rd_push_key(r, key);
    rd_series(r, n, kind, lo, hi, first, last, out);
    rd_pop(r, old);
}

static void load_pay(loader *L, const ynode *pay)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    static const char *const keys[] = { "scale", "awards", "oncosts", NULL };
    static const char *const req[] = { "scale", "oncosts", NULL };
    static const char *const oncost_keys[] = { "employer_ni", "pension", "apprenticeship_levy",
                                               NULL };
    static const char *const oncost_req[] = { "employer_ni", "pension", NULL };
    static const char *const ni_keys[] = { "rate", "threshold", NULL };
    size_t N = (size_t)sc->years;
    int first = sc->base_year, last = sc->base_year + sc->years - 1;
    sc->ni_rate = rd_calloc(r, pay, N, sizeof(double));
    sc->ni_threshold = rd_calloc(r, pay, N, sizeof(double));
    sc->pension = rd_calloc(r, pay, N, sizeof(double));
    sc->levy = rd_calloc(r, pay, N, sizeof(double));
    if (!pay) {
        sc->scale_year = sc->base_year;
        return;
    }
    size_t old = rd_push_key(r, "pay");
    if (rd_check_map(r, pay, keys, req) < 0 && pay->kind != Y_MAP) {
        rd_pop(r, old);
        return;
    }
    const char *scale_name = NULL;
    if (rd_child_string(r, pay, "scale", &scale_name) == 0) {
        const scale_ref *ref = NULL;
        for (size_t i = 0; i < L->n_scales; i++)
            if (strcmp(L->scales[i].name, scale_name) == 0)
                ref = &L->scales[i];
        size_t o2 = rd_push_key(r, "scale");
        if (!ref) {
            const char *names[257];
            for (size_t i = 0; i < L->n_scales; i++)
                names[i] = L->scales[i].name;
            names[L->n_scales] = NULL;
            const char *near = nearest_word(scale_name, names);
            rd_error(r, ymap_get(pay, "scale"), "no pay scale named '%s'%s%s%s", scale_name,
                     near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            sc->scale_year = sc->base_year;
        } else {
            /* The scale's own errors are reported at its place, under its path. */
            reader saved = *r;
            rd_pop(r, 0);
            rd_push_key(r, "scales");
            rd_push_key(r, ref->name);
            load_scale(L, ref);
            r->plen = saved.plen;
            memcpy(r->path, saved.path, sizeof r->path);
        }
        rd_pop(r, o2);
    } else {
        sc->scale_year = sc->base_year;
    }
    const ynode *aw = ymap_get(pay, "awards");
    size_t o2 = rd_push_key(r, "awards");
    load_awards(r, aw, sc);
    rd_pop(r, o2);

    const ynode *oc = ymap_get(pay, "oncosts");
    if (oc && sc->ni_rate && sc->ni_threshold && sc->pension && sc->levy) {
        o2 = rd_push_key(r, "oncosts");
        if (rd_check_map(r, oc, oncost_keys, oncost_req) == 0 || oc->kind == Y_MAP) {
            const ynode *ni = ymap_get(oc, "employer_ni");
            if (ni) {
                size_t o3 = rd_push_key(r, "employer_ni");
                if (rd_check_map(r, ni, ni_keys, ni_keys) == 0) {
                    load_series_child(r, ni, "rate", SERIES_RATE, 0, 1, first, last, sc->ni_rate, 1, 0);
                    load_series_child(r, ni, "threshold", SERIES_NUMBER, 0, 1e7, first, last,
                                      sc->ni_threshold, 1, 0);
                }
                rd_pop(r, o3);
            }
            load_series_child(r, oc, "pension", SERIES_RATE, 0, 1, first, last, sc->pension, 0, 0);
            load_series_child(r, oc, "apprenticeship_levy", SERIES_RATE, 0, 1, first, last,
                              sc->levy, 0, 0);
        }
        rd_pop(r, o2);
    }
    rd_pop(r, old);
}

/* ---- workforce ---- */

static const char *const line_keys[] = { "role", "band", "wte", "headcount", "points",
                                         "turnover", "vacancy", "agency_fill", "agency_premium",
                                         NULL };

int workforce_line_knows(const char *key)
{
    for (size_t i = 0; line_keys[i]; i++)
        if (strcmp(line_keys[i], key) == 0)
            return 1;
    return 0;
}

static void load_line(loader *L, const ynode *n, workforce_line *w)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    static const char *const req[] = { "role", "band", "wte", NULL };
    if (rd_check_map(r, n, line_keys, req) < 0 && n->kind != Y_MAP)
        return;
    const char *role = NULL, *bname = NULL;
    if (rd_child_string(r, n, "role", &role) == 0)
        w->role = xstrdup(role);
    int bi = -1;
    if (rd_child_string(r, n, "band", &bname) == 0) {
        bi = band_index(sc, bname);
        if (bi < 0 && sc->n_bands > 0) {
            size_t old = rd_push_key(r, "band");
            rd_error(r, ymap_get(n, "band"), "band '%s' is not in the pay scale", bname);
            rd_pop(r, old);
        } else if (bi < 0) {
            size_t old = rd_push_key(r, "band");
            rd_error(r, ymap_get(n, "band"), "band '%s' needs a pay scale (pay.scale)", bname);
            rd_pop(r, old);
        }
    }
    w->band = bi >= 0 ? (size_t)bi : 0;
    rd_child_number_in(r, n, "wte", &w->wte, 0, 1e6);
    w->headcount = w->wte;
    rd_child_number_in(r, n, "headcount", &w->headcount, 0, 1e6);
    rd_child_rate(r, n, "turnover", &w->turnover, 0, 1);
    rd_child_rate(r, n, "vacancy", &w->vacancy, 0, 1);
    rd_child_rate(r, n, "agency_fill", &w->agency_fill, 0, 1);
    rd_child_rate(r, n, "agency_premium", &w->agency_premium, 0, 10);
    if (bi < 0)
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

static void load_non_pay(loader *L, const ynode *n)
{
    reader *r = &L->r;
    scenario *sc = L->sc;
    static const char *const keys[] = { "name", "amount", "inflation", NULL };
    static const char *const req[] = { "name", "amount", NULL };
    int first = sc->base_year, last = sc->base_year + sc->years - 1;
    size_t old = rd_push_key(r, "non_pay");
    if (rd_expect(r, n, Y_SEQ) == 0) {
        if (n->n > LIMIT_LINES) {
            rd_error_code(r, S75_ELIMIT, n, "more than %d non-pay lines", LIMIT_LINES);
        } else if (n->n > 0 && (sc->non_pay = rd_calloc(r, n, n->n, sizeof *sc->non_pay))) {
            sc->n_non_pay = n->n;
            for (size_t i = 0; i < n->n; i++) {
                size_t o2 = rd_push_index(r, i);
                const ynode *it = n->kids[i];
                non_pay_line *np = &sc->non_pay[i];
                np->inflation = rd_calloc(r, it, (size_t)sc->years, sizeof(double));
                if (rd_check_map(r, it, keys, req) == 0 || it->kind == Y_MAP) {
                    const char *name;
                    if (rd_child_string(r, it, "name", &name) == 0)
                        np->name = xstrdup(name);
                    rd_child_number_in(r, it, "amount", &np->amount, 0, 1e13);
                    if (np->inflation && sc->years > 1)
                        load_series_child(r, it, "inflation", SERIES_RATE, -1, 1, first + 1, last,
                                          np->inflation + 1, 0, 0);
                }
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
    if (p->amounts && seen && rd_expect(r, amounts, Y_MAP) == 0) {
        char a[8], b[8], c[8];
        for (size_t i = 0; i < amounts->n; i++) {
            int y;
            const ynode *k = ymap_key(amounts, i);
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
                rd_number_in(r, ymap_value(amounts, i), &p->amounts[y - first], 0, 1e13);
            }
            rd_pop(r, o2);
        }
        for (int y = first; y <= last; y++)
            if (!seen[y - first]) {
                rd_error(r, amounts, "no amount for %s: explicit amounts must cover every model year",
                         fy_label(y, a));
                break;
            }
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
                                p->id = xstrdup(id);
                        }
                        rd_pop(r, o3);
                    }
                    if (rd_child_string(r, it, "name", &name) == 0)
                        p->name = xstrdup(name);
                    const ynode *c = ymap_get(it, "contribution");
                    if (c) {
                        size_t o3 = rd_push_key(r, "contribution");
                        load_contribution(r, c, sc, p);
                        rd_pop(r, o3);
                    }
                }
                if (!p->name && p->id)
                    p->name = xstrdup(p->id);
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
        sc->name = xstrdup(name);
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
        static const char *const not_in_portfolio[] = { "partners", "pay", "workforce",
                                                        "workforce_from", "non_pay", "savings",
                                                        "risk_share", "demand", "appraisal",
                                                        "include", "scales", "monitoring", NULL };
        for (size_t i = 0; not_in_portfolio[i]; i++)
            if ((n = ymap_get(root, not_in_portfolio[i]))) {
                size_t old = rd_push_key(r, not_in_portfolio[i]);
                rd_error(r, n, "a portfolio (a file with pools:) may not hold '%s'; it belongs in "
                         "a pool's scenario", not_in_portfolio[i]);
                rd_pop(r, old);
            }
        sc->is_portfolio = 1;
        load_pools(r, root, sc);
        if ((n = ymap_get(root, "paper")))
            load_paper(r, n, sc);
        if ((n = ymap_get(root, "uncertainty")))
            load_uncertainty(r, n, sc);
        return;
    }
    if (!ymap_get(root, "partners"))
        rd_error(r, root, "missing required key 'partners'");
    if ((n = ymap_get(root, "include")))
        load_includes(L, n, L->docs[0].file);
    if ((n = ymap_get(root, "scales"))) {
        size_t old = rd_push_key(r, "scales");
        collect_scales(L, n);
        rd_pop(r, old);
    }
    const ynode *wf = ymap_get(root, "workforce");
    const ynode *wff = ymap_get(root, "workforce_from");
    if (((wf && wf->kind == Y_SEQ && wf->n > 0) || wff) && !ymap_get(root, "pay"))
        rd_error(r, root, "missing required key 'pay': workforce lines need a pay scale");
    load_pay(L, ymap_get(root, "pay"));
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

/* After a plain load of a file with variants: loads the file once per
 * variant so that every variant is validated exactly like the file, with
 * its errors (named by variant) going to d. Returns the number of errors. */
static size_t variants_check_all(const char *file, const char *text, size_t len,
                                 const scenario_provenance *prov, const load_opts *base, diag *d)
{
    size_t before = d->count;
    for (size_t i = 0; prov && i < prov->n_variants; i++) {
        /* The caller's in-memory tables stay: a variant reads the same data. */
        load_opts vo = { NULL, 0, prov->variants[i], base ? base->tables : NULL,
                         base ? base->n_tables : 0 };
        scenario_free(load_scenario_opts(file, text, len, &vo, d));
    }
    return d->count - before + (d->oom ? 1 : 0);
}

scenario *load_scenario(const char *file, const char *text, size_t len, diag *d)
{
    return load_scenario_opts(file, text, len, NULL, d);
}

scenario *load_scenario_opts(const char *file, const char *text, size_t len, const load_opts *o,
                             diag *d)
{
    loader *L = calloc(1, sizeof *L);
    scenario *sc = calloc(1, sizeof *sc);
    if (!L || !sc) {
        free(L), free(sc);
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
        return NULL;
    }
    size_t errors_before = d->count;
    L->d = d;
    L->sc = sc;
    L->tables.scenario_file = file;
    L->tables.opts = o;
    atomic_init(&sc->refs, 1);
    rd_init(&L->r, d);
    sc->file = xstrdup(file);
    sha256_hex(text, len, sc->sha256);
    L->n_docs = 1;
    char *real = realpath(file, NULL);
    L->stack[L->depth++] = real ? real : xstrdup(file);

    static const char *const required[] = { "s75", "name", "base_year", "years", NULL };
    override_work *ow = NULL;
    if (ydoc_parse(&L->docs[0], file, text, len, d) == S75_OK) {
        /* Variants and --set overrides change the tree before it is read, so
         * they are validated exactly like the file (overrides.h). */
        int applied = overrides_apply(&L->docs[0], text, len, o, d, &ow, &sc->provenance);
        const ynode *root = L->docs[0].root;
        size_t errors_read = d->count;
        if (applied < 0) {
            /* reported: an override that names nothing leaves no tree to read */
        } else if (!root) {
            mark m = { L->docs[0].file, 1, 1 };
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
    }
    override_work_free(ow);
    /* The scenario keeps what each table held, for validate and the inputs. */
    if (table_summaries_write(&L->tables) < 0)
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
    sc->tables = L->tables.summaries;
    sc->n_tables = L->tables.n_summaries;
    L->tables.summaries = NULL;
    L->tables.n_summaries = 0;
    table_src_free(&L->tables);
    for (size_t i = 0; i < L->depth; i++)
        free(L->stack[i]);
    for (size_t i = 0; i < L->n_docs; i++) {
        ydoc_free(&L->docs[i]);
        free(L->texts[i]);
    }
    free(L);
    /* A plain load answers for the whole file, every variant included. */
    if (d->count > errors_before || d->oom || !sc->file ||
        (!load_opts_active(o) && variants_check_all(file, text, len, sc->provenance, o, d) > 0)) {
        scenario_free(sc);
        return NULL;
    }
    return sc;
}

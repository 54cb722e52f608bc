/* Loading pay: scales (banded, or grades on a spine of pay points), awards,
 * on-costs, and the pay systems that tie them together (MODEL.md §2, §14).
 * `pay:` is read as the one pay system named "pay". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

#define LIMIT_SYSTEMS 16
#define LIMIT_SPINE 200

int band_in_system(const scenario *sc, size_t s, const char *name)
{
    if (s >= sc->n_systems)
        return -1;
    const pay_system *ps = &sc->systems[s];
    for (size_t i = ps->first_band; i < ps->first_band + ps->n_bands; i++)
        if (strcmp(sc->bands[i].name, name) == 0)
            return (int)i;
    return -1;
}

int system_index(const scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_systems; i++)
        if (sc->systems[i].name && strcmp(sc->systems[i].name, name) == 0)
            return (int)i;
    return -1;
}

static const scale_ref *find_scale(const pay_input *in, const char *name)
{
    for (size_t i = 0; i < in->n_scales; i++)
        if (strcmp(in->scales[i].name, name) == 0)
            return &in->scales[i];
    return NULL;
}

static void no_such_scale(reader *r, const pay_input *in, const ynode *at, const char *name)
{
    const char *names[LIMIT_SCALES + 1];
    for (size_t i = 0; i < in->n_scales; i++)
        names[i] = in->scales[i].name;
    names[in->n_scales] = NULL;
    const char *near = nearest_word(name, names);
    rd_error(r, at, "no pay scale named '%s'%s%s%s", name, near ? " (did you mean '" : "",
             near ? near : "", near ? "'?)" : "");
}

/* A scale's errors are reported at its place, under its own path. */
typedef struct saved_path {
    size_t plen;
    char path[sizeof ((reader *)0)->path];
} saved_path;

static void path_enter_scale(reader *r, saved_path *sv, const char *name)
{
    sv->plen = r->plen;
    memcpy(sv->path, r->path, sizeof sv->path);
    rd_pop(r, 0);
    rd_push_key(r, "scales");
    rd_push_key(r, name);
}

static void path_leave(reader *r, const saved_path *sv)
{
    r->plen = sv->plen;
    memcpy(r->path, sv->path, sizeof r->path);
}

static int is_spine_scale(const ynode *n)
{
    const ynode *sp = n && n->kind == Y_MAP ? ymap_get(n, "spine") : NULL;
    return sp && sp->kind == Y_MAP;
}

/* A spine: `spine: {SCP: salary}` and its year. */
typedef struct spine {
    size_t n;
    long scp[LIMIT_SPINE];
    double salary[LIMIT_SPINE];
    long year;
} spine;

static int load_spine(reader *r, const ynode *n, spine *out)
{
    static const char *const keys[] = { "year", "spine", NULL };
    memset(out, 0, sizeof *out);
    int rc = 0;
    if (ymap_get(n, "bands")) {
        size_t o = rd_push_key(r, "bands");
        rd_error(r, ymap_get(n, "bands"), "a scale holding a spine of points has no bands; "
                 "grades on it go in a scale of their own with `spine: NAME`");
        rd_pop(r, o);
        rc = -1;
    }
    static const char *const allowed[] = { "year", "spine", "bands", NULL };
    if (rd_check_map(r, n, allowed, keys) < 0)
        return -1;
    if (rd_child_int(r, n, "year", &out->year, 1900, 2500) != 0)
        rc = -1;
    const ynode *sp = ymap_get(n, "spine");
    size_t o = rd_push_key(r, "spine");
    if (sp->n == 0 || sp->n > LIMIT_SPINE) {
        rd_error(r, sp, "a spine holds 1 to %d pay points, got %zu", LIMIT_SPINE, sp->n);
        rc = -1;
    }
    for (size_t i = 0; i < sp->n && i < LIMIT_SPINE; i++) {
        const ynode *k = ymap_key(sp, i);
        long scp;
        if (rd_int(r, k, &scp, 0, 999) < 0) {
            rc = -1;
            continue;
        }
        char key[24];
        snprintf(key, sizeof key, "%ld", scp);
        size_t o2 = rd_push_key(r, key);
        for (size_t j = 0; j < out->n; j++)
            if (out->scp[j] == scp) {
                rd_error(r, k, "SCP %ld given twice", scp);
                rc = -1;
            }
        double v;
        if (rd_number_in(r, ymap_value(sp, i), &v, 1, 1e7) == 0) {
            out->scp[out->n] = scp;
            out->salary[out->n++] = v;
        } else {
            rc = -1;
        }
        rd_pop(r, o2);
    }
    rd_pop(r, o);
    return rc;
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

/* A band's points by SCP: each in the spine, rising. */
static int parse_spine_points(reader *r, const ynode *list, const spine *sp, const char *spine_name,
                              double **out, size_t *n)
{
    if (rd_expect(r, list, Y_SEQ) < 0)
        return -1;
    if (list->n == 0 || list->n > 64) {
        rd_error(r, list, "a band needs 1 to 64 spine points, got %zu", list->n);
        return -1;
    }
    double *p = rd_calloc(r, list, list->n, sizeof *p);
    if (!p)
        return -1;
    int rc = 0;
    long prev = -1;
    for (size_t i = 0; i < list->n; i++) {
        size_t old = rd_push_index(r, i);
        long scp;
        if (rd_int(r, list->kids[i], &scp, 0, 999) == 0) {
            size_t j = 0;
            while (j < sp->n && sp->scp[j] != scp)
                j++;
            if (j == sp->n) {
                rd_error(r, list->kids[i], "SCP %ld is not in the spine '%s'", scp, spine_name);
                rc = -1;
            } else if (prev >= 0 && scp <= prev) {
                rd_error(r, list->kids[i], "spine points must rise: SCP %ld after SCP %ld", scp,
                         prev);
                rc = -1;
            } else {
                p[i] = sp->salary[j];
            }
            prev = scp > prev ? scp : prev;
        } else {
            rc = -1;
        }
        rd_pop(r, old);
    }
    *out = p;
    *n = list->n;
    return rc;
}

static void load_progression(reader *r, const ynode *v, band *b, int spine_band)
{
    size_t o3 = rd_push_key(r, "progression_years");
    const ynode *pg = ymap_get(v, "progression_years");
    b->progression = rd_calloc(r, v, b->n_points, sizeof(double));
    if (!pg) {
        /* Council grades: an increment a year to the top of the grade. */
        for (size_t j = 0; spine_band && b->progression && j + 1 < b->n_points; j++)
            b->progression[j] = 1;
    } else if (rd_expect(r, pg, Y_SEQ) == 0) {
        if (pg->n != b->n_points - 1) {
            rd_error(r, pg, "needs one entry per pay point below the top (%zu), got %zu",
                     b->n_points - 1, pg->n);
        } else {
            for (size_t j = 0; b->progression && j < pg->n; j++) {
                size_t o4 = rd_push_index(r, j);
                rd_number_in(r, pg->kids[j], &b->progression[j], 1, 100);
                rd_pop(r, o4);
            }
        }
    }
    rd_pop(r, o3);
}

/* Appends the scale's bands to sc->bands for system s. */
static void load_scale(reader *r, scenario *sc, const pay_input *in, const scale_ref *ref, size_t s)
{
    static const char *const keys[] = { "year", "bands", "spine", NULL };
    static const char *const req[] = { "year", "bands", NULL };
    static const char *const band_keys[] = { "points", "spine_points", "progression_years", NULL };
    pay_system *ps = &sc->systems[s];
    const ynode *n = ref->node;
    ps->first_band = sc->n_bands;
    if (is_spine_scale(n)) {
        rd_error(r, n, "scale '%s' is a spine of pay points; a pay system needs a scale of bands "
                 "(one with `spine: %s` and spine_points)", ref->name, ref->name);
        ps->scale_year = sc->base_year;
        return;
    }
    if (rd_check_map(r, n, keys, req) < 0 && (!n || n->kind != Y_MAP)) {
        ps->scale_year = sc->base_year;
        return;
    }
    long year = 0;
    if (rd_child_int(r, n, "year", &year, 1900, 2500) == 0) {
        ps->scale_year = (int)year;
        if (year > sc->base_year) {
            size_t old = rd_push_key(r, "year");
            rd_error(r, ymap_get(n, "year"), "the scale's year %ld is after base_year %d", year,
                     sc->base_year);
            rd_pop(r, old);
            ps->scale_year = sc->base_year;
        }
    } else {
        ps->scale_year = sc->base_year;
    }
    /* Grades on a spine: the spine's points, looked up by SCP. */
    spine *sp = NULL;
    const char *spine_name = NULL;
    int spine_ok = 1;
    const ynode *sn = ymap_get(n, "spine");
    if (sn) {
        size_t o = rd_push_key(r, "spine");
        const scale_ref *sref = NULL;
        if (rd_string(r, sn, &spine_name) < 0) {
            spine_ok = 0;
        } else if (!(sref = find_scale(in, spine_name))) {
            no_such_scale(r, in, sn, spine_name);
            spine_ok = 0;
        } else if (!is_spine_scale(sref->node)) {
            rd_error(r, sn, "scale '%s' is not a spine (a scale holding `spine: {SCP: salary}`)",
                     spine_name);
            spine_ok = 0;
        } else if (!(sp = malloc(sizeof *sp))) {
            rd_error_code(r, S75_ENOMEM, sn, "out of memory");
            spine_ok = 0;
        } else {
            saved_path sv;
            path_enter_scale(r, &sv, sref->name);
            spine_ok = load_spine(r, sref->node, sp) == 0;
            path_leave(r, &sv);
        }
        rd_pop(r, o);
        if (spine_ok && sp && year && sp->year != year) {
            char a[8], b[8];
            o = rd_push_key(r, "year");
            rd_error(r, ymap_get(n, "year"), "the scale's year %s must equal its spine's "
                     "('%s' is for %s)", fy_label((int)year, a), spine_name,
                     fy_label((int)sp->year, b));
            rd_pop(r, o);
        }
    }
    const ynode *bands = ymap_get(n, "bands");
    size_t old = rd_push_key(r, "bands");
    if (bands && rd_expect(r, bands, Y_MAP) == 0 && sc->n_bands + bands->n > LIMIT_BANDS) {
        rd_error_code(r, S75_ELIMIT, bands, "more than %d bands", LIMIT_BANDS);
    } else if (bands && bands->kind == Y_MAP) {
        band *grown = realloc(sc->bands, (sc->n_bands + bands->n + 1) * sizeof *grown);
        if (!grown) {
            rd_error_code(r, S75_ENOMEM, bands, "out of memory");
            bands = NULL;
        } else {
            sc->bands = grown;
        }
        for (size_t i = 0; bands && i < bands->n; i++) {
            const ynode *k = ymap_key(bands, i);
            const ynode *v = ymap_value(bands, i);
            if (k->kind != Y_SCALAR || k->len == 0 || k->len >= BAND_NAME_MAX) {
                rd_error(r, k, "a band name is short text such as \"6\", \"8a\" or \"Grade 5\"");
                continue;
            }
            size_t o2 = rd_push_key(r, k->text);
            band *b = &sc->bands[sc->n_bands];
            memset(b, 0, sizeof *b);
            memcpy(b->name, k->text, k->len + 1);
            b->system = s;
            ps->n_bands = sc->n_bands - ps->first_band;
            if (band_in_system(sc, s, k->text) >= 0) {
                rd_error(r, k, "band '%s' given twice", k->text);
            } else if (rd_check_map(r, v, band_keys, NULL) == 0) {
                const ynode *pts = ymap_get(v, "points"), *spts = ymap_get(v, "spine_points");
                int ok = 0;
                if (sn && pts) {
                    size_t o3 = rd_push_key(r, "points");
                    rd_error(r, pts, "a scale on a spine gives each band spine_points, not points "
                             "(a scale has either `spine` or bands of points)");
                    rd_pop(r, o3);
                } else if (!sn && spts) {
                    size_t o3 = rd_push_key(r, "spine_points");
                    rd_error(r, spts, "spine_points need the scale to name its spine (spine: NAME)");
                    rd_pop(r, o3);
                } else if (!pts && !spts) {
                    rd_error(r, v, "missing required key '%s'", sn ? "spine_points" : "points");
                } else if (pts) {
                    size_t o3 = rd_push_key(r, "points");
                    ok = parse_band_points(r, pts, &b->points, &b->n_points) == 0;
                    rd_pop(r, o3);
                    if (ok && !ymap_get(v, "progression_years")) {
                        rd_error(r, v, "missing required key 'progression_years'");
                        ok = 0;
                    }
                } else if (spine_ok && sp) {
                    size_t o3 = rd_push_key(r, "spine_points");
                    ok = parse_spine_points(r, spts, sp, spine_name, &b->points, &b->n_points) == 0;
                    rd_pop(r, o3);
                }
                if (ok)
                    load_progression(r, v, b, sn != NULL);
                if (!ok || !b->progression) {
                    /* Its error is reported: keep the band, on one point of
                     * 0, so that lines naming it raise no second error. */
                    free(b->points);
                    free(b->progression);
                    b->n_points = 1;
                    b->points = rd_calloc(r, v, 1, sizeof(double));
                    b->progression = rd_calloc(r, v, 1, sizeof(double));
                }
                sc->n_bands++;
            }
            ps->n_bands = sc->n_bands - ps->first_band;
            rd_pop(r, o2);
        }
    }
    rd_pop(r, old);
    free(sp);
}

/* ---- awards ---- */

static void band_not_in_scale(reader *r, const scenario *sc, size_t s, const ynode *at,
                              const char *name)
{
    if (sc->n_systems > 1 || strcmp(sc->systems[s].name, "pay") != 0)
        rd_error(r, at, "band '%s' is not in the scale of pay system '%s'", name,
                 sc->systems[s].name);
    else
        rd_error(r, at, "band '%s' is not in the pay scale", name);
}

static void parse_award(reader *r, const ynode *n, const scenario *sc, size_t s, award *a)
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
    a->has_flat = rd_child_number_in(r, n, "flat_minimum", &a->flat_minimum, 0, 1e6) != 1;
    const ynode *bands = ymap_get(n, "bands");
    if (!bands)
        return;
    size_t old = rd_push_key(r, "bands");
    if (rd_expect(r, bands, Y_MAP) == 0) {
        for (size_t i = 0; i < bands->n; i++) {
            const ynode *k = ymap_key(bands, i);
            const char *name = k->kind == Y_SCALAR ? k->text : "?";
            int bi = k->kind == Y_SCALAR ? band_in_system(sc, s, k->text) : -1;
            size_t o2 = rd_push_key(r, name);
            if (bi < 0)
                band_not_in_scale(r, sc, s, k, name);
            else if (a->band_percent)
                rd_rate(r, ymap_value(bands, i), &a->band_percent[bi], -1, 1);
            rd_pop(r, o2);
        }
    }
    rd_pop(r, old);
}

static int copy_award(reader *r, const ynode *n, const scenario *sc, award *dst, const award *src)
{
    *dst = *src;
    dst->band_percent = rd_calloc(r, n, sc->n_bands, sizeof(double));
    if (!dst->band_percent)
        return -1;
    if (src->band_percent && sc->n_bands)
        memcpy(dst->band_percent, src->band_percent, sc->n_bands * sizeof(double));
    return 0;
}

/* Awards are a series of award values: one award (scalar or a mapping with
 * `percent`), or a mapping of years to awards read as a step function. The
 * system's awards run on the scenario's award years; those at or before its
 * own scale's year are never read and stay 0. */
static void load_awards(reader *r, const ynode *n, scenario *sc, size_t s)
{
    pay_system *ps = &sc->systems[s];
    int first = ps->scale_year + 1, last = sc->base_year + sc->years - 1;
    ps->awards = rd_calloc(r, n, sc->n_awards, sizeof *ps->awards);
    if (!ps->awards)
        return;
    award none = { 0 };
    for (size_t i = 0; i < sc->n_awards; i++)
        if (copy_award(r, n, sc, &ps->awards[i], &none) < 0)
            return;
    if (last < first || !n)
        return;
    size_t off = (size_t)(first - sc->scale_year - 1);
    if (n->kind == Y_SCALAR || (n->kind == Y_MAP && ymap_get(n, "percent"))) {
        award a = { 0 };
        parse_award(r, n, sc, s, &a);
        for (int y = first; y <= last; y++) {
            free(ps->awards[off + (size_t)(y - first)].band_percent);
            copy_award(r, n, sc, &ps->awards[off + (size_t)(y - first)], &a);
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
            parse_award(r, ymap_value(n, i), sc, s, &given[i]);
        }
        rd_pop(r, old);
    }
    for (int y = first; ok && y <= last; y++) {
        int best = -1;
        for (size_t i = 0; i < n->n; i++)
            if (years[i] >= 0 && years[i] <= y && (best < 0 || years[i] > years[best]))
                best = (int)i;
        if (best < 0) {
            rd_error(r, n, "no award for %s (awards must cover every year from the scale's year "
                     "%s to the last model year)", fy_label(y, a), fy_label(ps->scale_year, b));
            break;
        }
        award *dst = &ps->awards[off + (size_t)(y - first)];
        free(dst->band_percent);
        copy_award(r, n, sc, dst, &given[best]);
    }
    for (size_t i = 0; given && i < n->n; i++)
        free(given[i].band_percent);
    free(given);
    free(years);
}

void load_series_child(reader *r, const ynode *map, const char *key, int kind, double lo,
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

static void load_oncosts(reader *r, const ynode *oc, scenario *sc, pay_system *ps)
{
    static const char *const oncost_keys[] = { "employer_ni", "pension", "apprenticeship_levy",
                                               NULL };
    static const char *const oncost_req[] = { "employer_ni", "pension", NULL };
    static const char *const ni_keys[] = { "rate", "threshold", NULL };
    int first = sc->base_year, last = sc->base_year + sc->years - 1;
    if (!oc || !ps->ni_rate || !ps->ni_threshold || !ps->pension || !ps->levy)
        return;
    size_t o2 = rd_push_key(r, "oncosts");
    if (rd_check_map(r, oc, oncost_keys, oncost_req) == 0 || oc->kind == Y_MAP) {
        const ynode *ni = ymap_get(oc, "employer_ni");
        if (ni) {
            size_t o3 = rd_push_key(r, "employer_ni");
            if (rd_check_map(r, ni, ni_keys, ni_keys) == 0) {
                load_series_child(r, ni, "rate", SERIES_RATE, 0, 1, first, last, ps->ni_rate, 1, 0);
                load_series_child(r, ni, "threshold", SERIES_NUMBER, 0, 1e7, first, last,
                                  ps->ni_threshold, 1, 0);
            }
            rd_pop(r, o3);
        }
        load_series_child(r, oc, "pension", SERIES_RATE, 0, 1, first, last, ps->pension, 0, 0);
        load_series_child(r, oc, "apprenticeship_levy", SERIES_RATE, 0, 1, first, last, ps->levy,
                          0, 0);
    }
    rd_pop(r, o2);
}

/* ---- pay systems ---- */

static const char *const system_keys[] = { "scale", "awards", "oncosts", NULL };
static const char *const system_req[] = { "scale", "oncosts", NULL };

/* First pass: the system's scale and bands. */
static void load_system_scale(reader *r, scenario *sc, const pay_input *in, const ynode *n,
                              size_t s)
{
    pay_system *ps = &sc->systems[s];
    size_t N = (size_t)sc->years;
    ps->scale_year = sc->base_year;
    ps->first_band = sc->n_bands;
    ps->ni_rate = rd_calloc(r, n, N, sizeof(double));
    ps->ni_threshold = rd_calloc(r, n, N, sizeof(double));
    ps->pension = rd_calloc(r, n, N, sizeof(double));
    ps->levy = rd_calloc(r, n, N, sizeof(double));
    if (rd_check_map(r, n, system_keys, system_req) < 0 && n->kind != Y_MAP)
        return;
    const char *scale_name = NULL;
    if (rd_child_string(r, n, "scale", &scale_name) != 0)
        return;
    const scale_ref *ref = find_scale(in, scale_name);
    size_t o2 = rd_push_key(r, "scale");
    if (!ref) {
        no_such_scale(r, in, ymap_get(n, "scale"), scale_name);
    } else {
        saved_path sv;
        path_enter_scale(r, &sv, ref->name);
        load_scale(r, sc, in, ref, s);
        path_leave(r, &sv);
    }
    rd_pop(r, o2);
}

/* Second pass, once every band is known: awards and on-costs. */
static void load_system_rates(reader *r, scenario *sc, const ynode *n, size_t s)
{
    if (n->kind != Y_MAP)
        return;
    size_t o2 = rd_push_key(r, "awards");
    load_awards(r, ymap_get(n, "awards"), sc, s);
    rd_pop(r, o2);
    load_oncosts(r, ymap_get(n, "oncosts"), sc, &sc->systems[s]);
}

void load_pay_systems(reader *r, scenario *sc, const pay_input *in, const ynode *pay,
                      const ynode *systems)
{
    sc->scale_year = sc->base_year;
    if (pay && systems) {
        size_t o = rd_push_key(r, "pay_systems");
        rd_error(r, systems, "give either pay (one pay system) or pay_systems, not both");
        rd_pop(r, o);
        pay = NULL;   /* the lines name pay_systems' systems: read those */
    }
    if (!pay && !systems)
        return;
    const ynode *nodes[LIMIT_SYSTEMS];
    const char *names[LIMIT_SYSTEMS];
    size_t n = 0;
    size_t old = rd_push_key(r, pay ? "pay" : "pay_systems");
    if (pay) {
        nodes[0] = pay;
        names[0] = "pay";
        n = 1;
    } else if (rd_expect(r, systems, Y_MAP) == 0) {
        if (systems->n == 0 || systems->n > LIMIT_SYSTEMS)
            rd_error(r, systems, "pay_systems holds 1 to %d pay systems, got %zu", LIMIT_SYSTEMS,
                     systems->n);
        for (size_t i = 0; i < systems->n && n < LIMIT_SYSTEMS; i++) {
            const ynode *k = ymap_key(systems, i);
            if (k->kind != Y_SCALAR || k->len == 0 || k->len > 64) {
                rd_error(r, k, "a pay system's name is 1 to 64 characters of text");
                continue;
            }
            int dup = 0;
            for (size_t j = 0; j < n; j++)
                dup |= strcmp(names[j], k->text) == 0;
            if (dup) {
                size_t o2 = rd_push_key(r, k->text);
                rd_error(r, k, "pay system '%s' is given twice", k->text);
                rd_pop(r, o2);
                continue;
            }
            nodes[n] = ymap_value(systems, i);
            names[n++] = k->text;
        }
    }
    if (n == 0 || !(sc->systems = rd_calloc(r, pay ? pay : systems, n, sizeof *sc->systems))) {
        rd_pop(r, old);
        return;
    }
    sc->n_systems = n;
    for (size_t s = 0; s < n; s++) {
        sc->systems[s].name = rd_strdup(r, names[s]);
        size_t o2 = pay ? r->plen : rd_push_key(r, names[s]);
        load_system_scale(r, sc, in, nodes[s], s);
        rd_pop(r, o2);
    }
    /* One axis of award years for every system, from the earliest scale's. */
    int last = sc->base_year + sc->years - 1;
    for (size_t s = 0; s < n; s++)
        if (sc->systems[s].scale_year < sc->scale_year)
            sc->scale_year = sc->systems[s].scale_year;
    sc->n_awards = last > sc->scale_year ? (size_t)(last - sc->scale_year) : 0;
    for (size_t s = 0; s < n; s++) {
        size_t o2 = pay ? r->plen : rd_push_key(r, names[s]);
        load_system_rates(r, sc, nodes[s], s);
        rd_pop(r, o2);
    }
    rd_pop(r, old);
}

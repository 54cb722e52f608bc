/* Workforce lines from a staff establishment export (MODEL.md §13.1): each
 * row a post or an assignment, grouped into lines the way an analyst sums
 * them, with the WTE on each pay point giving the line's point shares. The
 * lines are built as YAML-tree nodes marked at the CSV's cells, so the
 * ordinary workforce loader reads them like hand-written ones. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load.h"
#include "table.h"

static const char *const establishment_keys[] = { "file", "table", "columns", "sum", "defaults",
                                                  "bands", "teams", "roles", NULL };
static const char *const establishment_columns[] = { "role", "band", "wte", "headcount", "point",
                                                     "employer", "team", "pay_system", "start",
                                                     "end", NULL };
static const char *const establishment_required[] = { "role", "band", "wte", NULL };
static const char *const assumption_keys[] = { "turnover", "vacancy", "agency_fill",
                                               "agency_premium", NULL };

enum { K_ROLE, K_BAND, K_WTE, K_HEADCOUNT, K_POINT, K_PASS, N_KEYS = 10 };
enum { N_PASS = N_KEYS - K_PASS, N_ASSUME = 4, CELL_MAX = 256 };

typedef struct group {
    char *key;                 /* role, band and the passed-through cells, joined */
    uint64_t hash;
    size_t band;
    mark at[N_KEYS];           /* each mapped cell of the group's first row */
    char *text[N_KEYS];        /* role and passed-through texts */
    double wte, headcount;
    double *point_wte;         /* WTE on each point of the band */
    const ynode *assume[N_ASSUME];
} group;

typedef struct mapper {
    table_map tm;
    scenario *sc;
    int sum;
    group *groups;
    size_t n, cap;
    size_t *slots;             /* hash table of group indexes + 1; 0 empty */
    size_t n_slots;
    int oom;
} mapper;

/* "Band 6", "Agenda for Change Band 6", "AfC band 8a", "Grade 5", "06":
 * exports write the band with words around it; the scale names it "6". */
static int band_of(const scenario *sc, const char *cell)
{
    char s[64];
    lower_trim(cell, s, sizeof s);
    /* Not a key table: the words exports put around a band. */
    static const char words[][20] = { "agenda for change", "afc", "nhs", "band", "grade", "njc",
                                      "scp", "" };
    char *p = s;
    for (int again = 1; again;) {
        again = 0;
        while (*p == ' ' || *p == ':' || *p == '-' || *p == '_')
            p++;
        for (int i = 0; words[i][0]; i++) {
            size_t n = strlen(words[i]);
            if (strncmp(p, words[i], n) == 0) {
                p += n;
                again = 1;
            }
        }
    }
    while (p[0] == '0' && isdigit((unsigned char)p[1]))
        p++;
    if (!*p)
        return -1;
    for (size_t i = 0; i < sc->n_bands; i++)
        if (strcasecmp(sc->bands[i].name, p) == 0)
            return (int)i;
    return -1;
}

/* "2", "Point 2", "Step 2", "Pay point 2", "Entry", "Top": 1-based point of
 * a band of n points, or -1. */
static long point_of(const char *cell, size_t n)
{
    char s[64];
    lower_trim(cell, s, sizeof s);
    if (strcmp(s, "entry") == 0 || strcmp(s, "entry step") == 0 || strcmp(s, "bottom") == 0)
        return 1;
    if (strcmp(s, "top") == 0 || strcmp(s, "top step") == 0)
        return (long)n;
    char *p = s;
    static const char words[][12] = { "pay point", "point", "step", "pay step", "pp", "" };
    for (int i = 0; words[i][0]; i++)
        if (strncmp(p, words[i], strlen(words[i])) == 0) {
            p += strlen(words[i]);
            break;
        }
    while (*p == ' ')
        p++;
    if (!isdigit((unsigned char)*p))
        return -1;
    char *end;
    long v = strtol(p, &end, 10);
    if (*end == '.') /* "2.0" */
        for (end++; *end == '0'; end++) {
        }
    if (*end)
        return -1;
    if (v < 1 || (size_t)v > n)
        return 0;
    return v;
}

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int grow_slots(mapper *m)
{
    size_t ns = m->n_slots ? m->n_slots * 2 : 256;
    size_t *slots = calloc(ns, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t g = 0; g < m->n; g++) {
        size_t i = (size_t)m->groups[g].hash & (ns - 1);
        while (slots[i])
            i = (i + 1) & (ns - 1);
        slots[i] = g + 1;
    }
    free(m->slots);
    m->slots = slots;
    m->n_slots = ns;
    return 0;
}

/* The group of key (len bytes), made when new; NULL on no memory. */
static group *group_for(mapper *m, const char *key, size_t len, size_t bi, int *made)
{
    *made = 0;
    if ((m->n + 1) * 2 > m->n_slots && grow_slots(m) < 0)
        return NULL;
    uint64_t h = fnv1a(key, len);
    size_t i = (size_t)h & (m->n_slots - 1);
    for (; m->slots[i]; i = (i + 1) & (m->n_slots - 1)) {
        group *g = &m->groups[m->slots[i] - 1];
        if (g->hash == h && strcmp(g->key, key) == 0)
            return g;
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        group *gs = realloc(m->groups, cap * sizeof *gs);
        if (!gs)
            return NULL;
        m->groups = gs;
        m->cap = cap;
    }
    group *g = &m->groups[m->n];
    memset(g, 0, sizeof *g);
    g->key = malloc(len + 1);
    g->point_wte = calloc(m->sc->bands[bi].n_points, sizeof *g->point_wte);
    if (!g->key || !g->point_wte) {
        free(g->key);
        free(g->point_wte);
        return NULL;
    }
    memcpy(g->key, key, len + 1);
    g->hash = h;
    g->band = bi;
    m->slots[i] = ++m->n;
    *made = 1;
    return g;
}

static int on_row(void *ctx, size_t row, const csv_cell *cells, size_t n)
{
    mapper *m = ctx;
    table_map *tm = &m->tm;
    const csv_cell *c[N_KEYS];
    char text[N_KEYS][CELL_MAX];
    int ok = 1;
    for (int k = 0; k < N_KEYS; k++) {
        c[k] = table_cell(tm, k, cells);
        text[k][0] = '\0';
        if (c[k] && !cell_trimmed(c[k], text[k], CELL_MAX)) {
            cell_error(tm, k, c[k], "longer than %d characters", CELL_MAX - 1);
            ok = 0;
        }
    }
    if (!ok)
        return 0;
    if (!text[K_ROLE][0]) {
        cell_error(tm, K_ROLE, c[K_ROLE], "a row needs a role");
        ok = 0;
    }
    int bi = -1;
    if (!text[K_BAND][0]) {
        cell_error(tm, K_BAND, c[K_BAND], "a row needs a band");
        ok = 0;
    } else if ((bi = band_of(m->sc, text[K_BAND])) < 0) {
        char names[256] = "";
        for (size_t i = 0; i < m->sc->n_bands && strlen(names) < 200; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                     m->sc->bands[i].name);
        cell_error(tm, K_BAND, c[K_BAND], "no such band in the pay scale (its bands: %s)",
                   m->sc->n_bands ? names : "none: is pay.scale set?");
        ok = 0;
    }
    double wte = 0, head = -1;
    if (!text[K_WTE][0]) {
        cell_error(tm, K_WTE, c[K_WTE], "a row needs a WTE (0 for a post with no hours)");
        ok = 0;
    } else if (parse_export_number(text[K_WTE], &wte) < 0) {
        cell_error(tm, K_WTE, c[K_WTE], "expected a number such as 0.8 or 1,200.5");
        ok = 0;
    } else if (wte < 0 || wte > 1e6) {
        cell_error(tm, K_WTE, c[K_WTE], "a WTE must be between 0 and 1000000");
        ok = 0;
    }
    if (c[K_HEADCOUNT] && text[K_HEADCOUNT][0]) {
        if (parse_export_number(text[K_HEADCOUNT], &head) < 0) {
            cell_error(tm, K_HEADCOUNT, c[K_HEADCOUNT], "expected a number, or a blank cell");
            ok = 0;
        } else if (head < 0 || head > 1e6) {
            cell_error(tm, K_HEADCOUNT, c[K_HEADCOUNT], "a headcount must be between 0 and "
                       "1000000");
            ok = 0;
        }
    }
    long point = 0;
    if (c[K_POINT] && bi >= 0) {
        size_t np = m->sc->bands[bi].n_points;
        point = text[K_POINT][0] ? point_of(text[K_POINT], np) : -1;
        if (point == 0) {
            cell_error(tm, K_POINT, c[K_POINT], "band %s has %zu pay points", m->sc->bands[bi].name,
                       np);
            ok = 0;
        } else if (point < 0) {
            cell_error(tm, K_POINT, c[K_POINT], "expected a pay point of band %s: 1 to %zu, "
                       "'Point 2', 'Entry' or 'Top'", m->sc->bands[bi].name, np);
            ok = 0;
        }
    }
    if (!ok) {
        tm->bad_rows++;
        return 0;
    }
    /* The group: every mapped column but the amounts and the point. */
    char key[N_KEYS * CELL_MAX + 32];
    size_t kl = 0;
    if (!m->sum)
        kl += (size_t)snprintf(key, sizeof key, "#%zu", row);
    for (int k = 0; k < N_KEYS; k++) {
        if (k == K_WTE || k == K_HEADCOUNT || k == K_POINT)
            continue;
        const char *t = k == K_BAND ? m->sc->bands[bi].name : text[k];
        size_t tl = strlen(t);
        key[kl++] = '\x1f';
        memcpy(key + kl, t, tl);
        kl += tl;
    }
    key[kl] = '\0';
    int made;
    group *g = group_for(m, key, kl, (size_t)bi, &made);
    if (!g) {
        m->oom = 1;
        return 1;
    }
    if (made) {
        for (int k = 0; k < N_KEYS; k++) {
            if (!c[k])
                continue;
            g->at[k] = (mark){ tm->file, c[k]->line, c[k]->column };
            if ((k == K_ROLE || k >= K_PASS) && !(g->text[k] = xstrdup(text[k]))) {
                m->oom = 1;
                return 1;
            }
        }
    }
    /* A blank headcount is a row whose people work its WTE: the rule for a
     * line without a headcount (MODEL.md §13.1). */
    g->wte += wte;
    g->headcount += head >= 0 ? head : wte;
    g->point_wte[point > 0 ? (size_t)point - 1 : m->sc->bands[bi].n_points - 1] += wte;
    if (tm->summary)
        tm->summary->used++;
    return 0;
}

/* The assumption maps: each checked once here, so a bad rate is one error,
 * not one per line. */
static int check_assumptions(reader *r, const ynode *n)
{
    if (rd_check_map(r, n, assumption_keys, NULL) < 0)
        return -1;
    int ok = 0;
    for (int k = 0; assumption_keys[k]; k++) {
        double v;
        if (rd_child_rate(r, n, assumption_keys[k], &v, 0, k == 3 ? 10 : 1) < 0)
            ok = -1;
    }
    return ok;
}

/* A mapping of names (bands, teams, roles) to assumption maps. */
static int check_named(reader *r, const ynode *named, const scenario *sc, int bands)
{
    if (rd_expect(r, named, Y_MAP) < 0)
        return -1;
    int ok = 0;
    for (size_t i = 0; i < named->n; i++) {
        const ynode *k = ymap_key(named, i);
        size_t old = rd_push_key(r, k->kind == Y_SCALAR ? k->text : "?");
        if (k->kind != Y_SCALAR || (bands && band_of(sc, k->text) < 0)) {
            rd_error(r, k, "'%s' is not a band of the pay scale", k->kind == Y_SCALAR ? k->text : "?");
            ok = -1;
        } else if (check_assumptions(r, ymap_value(named, i)) < 0)
            ok = -1;
        rd_pop(r, old);
    }
    return ok;
}

static const ynode *named_for(const ynode *named, const char *name, const scenario *sc, int bands)
{
    if (!named || !name || named->kind != Y_MAP)
        return NULL;
    for (size_t i = 0; i < named->n; i++) {
        const ynode *k = ymap_key(named, i);
        if (k->kind != Y_SCALAR)
            continue;
        if (bands ? band_of(sc, k->text) == band_index(sc, name) : strcmp(k->text, name) == 0)
            return ymap_value(named, i);
    }
    return NULL;
}

/* A role or team named in the YAML that no row has is a typo, not a choice. */
static void check_used(reader *r, const ynode *named, const mapper *m, int k, const char *what)
{
    if (!named || named->kind != Y_MAP)
        return;
    for (size_t i = 0; i < named->n; i++) {
        const ynode *key = ymap_key(named, i);
        if (key->kind != Y_SCALAR)
            continue;
        int found = 0;
        for (size_t g = 0; g < m->n && !found; g++)
            found = m->groups[g].text[k] && strcmp(m->groups[g].text[k], key->text) == 0;
        if (!found) {
            size_t old = rd_push_key(r, key->text);
            rd_error(r, key, "no row of %s has the %s '%s'", m->tm.file, what, key->text);
            rd_pop(r, old);
        }
    }
}

static ynode *scalar(mapper *m, mark at, const char *text)
{
    return ynode_build_scalar(m->tm.doc, at, text, strlen(text));
}

static int add_pair(mapper *m, ynode *map, mark at, const char *key, ynode *value)
{
    return value ? (ynode_append(m->tm.doc, map, scalar(m, at, key)) < 0 ||
                    ynode_append(m->tm.doc, map, value) < 0 ? -1 : 0) : -1;
}

static ynode *number(mapper *m, mark at, double v)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.17g", v);
    return scalar(m, at, buf);
}

static int build_line(mapper *m, ynode *seq, const group *g, const ynode *node)
{
    const band *b = &m->sc->bands[g->band];
    ydoc *doc = m->tm.doc;
    ynode *line = ynode_build(doc, Y_MAP, g->at[K_ROLE]);
    if (!line || ynode_append(doc, seq, line) < 0)
        return -1;
    if (add_pair(m, line, g->at[K_ROLE], "role", scalar(m, g->at[K_ROLE], g->text[K_ROLE])) < 0 ||
        add_pair(m, line, g->at[K_BAND], "band", scalar(m, g->at[K_BAND], b->name)) < 0 ||
        add_pair(m, line, g->at[K_WTE], "wte", number(m, g->at[K_WTE], g->wte)) < 0 ||
        add_pair(m, line, g->at[K_WTE], "headcount", number(m, g->at[K_WTE], g->headcount)) < 0)
        return -1;
    if (m->tm.col[K_POINT] >= 0 && g->wte > 0) {
        ynode *pts = ynode_build(doc, Y_SEQ, g->at[K_POINT]);
        if (add_pair(m, line, g->at[K_POINT], "points", pts) < 0)
            return -1;
        for (size_t i = 0; i < b->n_points; i++)
            if (ynode_append(doc, pts, number(m, g->at[K_POINT], g->point_wte[i] / g->wte)) < 0)
                return -1;
    }
    for (int k = K_PASS; k < N_KEYS; k++)
        if (g->text[k] && workforce_line_knows(establishment_columns[k]) &&
            add_pair(m, line, g->at[k], establishment_columns[k], scalar(m, g->at[k], g->text[k])) < 0)
            return -1;
    /* Assumptions: the role's, else the team's, else the band's, else the defaults. */
    const ynode *from[4] = { named_for(ymap_get(node, "roles"), g->text[K_ROLE], m->sc, 0),
                             named_for(ymap_get(node, "teams"), g->text[K_PASS + 1], m->sc, 0),
                             named_for(ymap_get(node, "bands"), b->name, m->sc, 1),
                             ymap_get(node, "defaults") };
    for (int a = 0; assumption_keys[a]; a++)
        for (int f = 0; f < 4; f++) {
            const ynode *v = from[f] ? ymap_get(from[f], assumption_keys[a]) : NULL;
            if (v) {
                if (ynode_append(doc, line, scalar(m, v->at, assumption_keys[a])) < 0 ||
                    ynode_append(doc, line, (ynode *)v) < 0)
                    return -1;
                break;
            }
        }
    return 0;
}

const ynode *establishment_lines(reader *r, table_src *ts, const ynode *node, scenario *sc)
{
    size_t old = rd_push_key(r, "workforce_from");
    mapper m;
    memset(&m, 0, sizeof m);
    m.sc = sc;
    m.sum = 1;
    m.tm.r = r;
    m.tm.section = "workforce_from";
    m.tm.row_fn = on_row;
    m.tm.ctx = &m;
    ynode *seq = NULL;
    int ok = rd_check_map(r, node, establishment_keys, NULL) == 0;
    if (node->kind != Y_MAP) {
        rd_pop(r, old);
        return NULL;
    }
    rd_child_bool(r, node, "sum", &m.sum);
    const ynode *n;
    if ((n = ymap_get(node, "defaults"))) {
        size_t o = rd_push_key(r, "defaults");
        ok &= check_assumptions(r, n) == 0;
        rd_pop(r, o);
    }
    static const char *const named[] = { "bands", "teams", "roles", NULL };
    for (int i = 0; named[i]; i++)
        if ((n = ymap_get(node, named[i]))) {
            size_t o = rd_push_key(r, named[i]);
            ok &= check_named(r, n, sc, i == 0) == 0;
            rd_pop(r, o);
        }
    if (sc->n_bands == 0) {
        rd_error(r, node, "workforce lines need a pay scale (pay.scale)");
        ok = 0;
    }
    size_t before = r->d->count;
    if (ok && table_read(ts, &m.tm, node, establishment_columns, establishment_required) == 0) {
        size_t errors = r->d->count;
        if (ymap_get(node, "teams") && m.tm.col[K_PASS + 1] < 0) {
            size_t o = rd_push_key(r, "teams");
            rd_error(r, ymap_get(node, "teams"), "per-team assumptions need a team column "
                     "(columns.team)");
            rd_pop(r, o);
        }
        /* Only when every row was read: a role of rejected rows is no typo. */
        if (r->d->count == before && !m.oom) {
            size_t o = rd_push_key(r, "roles");
            check_used(r, ymap_get(node, "roles"), &m, K_ROLE, "role");
            rd_pop(r, o);
            o = rd_push_key(r, "teams");
            if (m.tm.col[K_PASS + 1] >= 0)
                check_used(r, ymap_get(node, "teams"), &m, K_PASS + 1, "team");
            rd_pop(r, o);
        }
        if (m.oom)
            rd_error_code(r, S75_ENOMEM, node, "out of memory");
        else if (m.n == 0 && r->d->count == errors && m.tm.bad_rows == 0)
            rd_error(r, node, "%s has no rows", m.tm.file);
        else if (r->d->count == errors) {
            seq = ynode_build(m.tm.doc, Y_SEQ, node->at);
            for (size_t g = 0; seq && g < m.n; g++)
                if (build_line(&m, seq, &m.groups[g], node) < 0) {
                    rd_error_code(r, S75_ENOMEM, node, "out of memory");
                    seq = NULL;
                }
            if (m.tm.summary)
                m.tm.summary->lines = m.n;
        }
    }
    for (size_t g = 0; g < m.n; g++) {
        free(m.groups[g].key);
        free(m.groups[g].point_wte);
        for (int k = 0; k < N_KEYS; k++)
            free(m.groups[g].text[k]);
    }
    free(m.groups);
    free(m.slots);
    rd_pop(r, old);
    return seq;
}

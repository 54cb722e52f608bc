/* Scenario variants and `--set` overrides on the YAML tree (overrides.h). */
#include "overrides.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "load.h"
#include "reader.h"
#include "s75/variants.h"

/* The year a single value becomes keyed by when a year is set on it: before
 * any year a scenario can need (the loader reads years from 1900), so the
 * old value still holds from the start and the new one from its year. */
#define SERIES_FROM_START "1900"

struct override_work {
    ydoc *values;            /* parsed --set values, one per override */
    size_t n_values;
    ynode **made;            /* nodes made here: copies on the path and new keys */
    size_t n_made, cap_made;
    char **labels;           /* "--set path=value", the file name of an override's marks */
    size_t n_labels;
};

/* A path cut into steps: keys, and [selectors] of list items. */
typedef struct path_step {
    const char *text;        /* NUL-terminated, inside path_steps.buf */
    int selector;            /* written as [text] */
    size_t end;              /* length of the path up to and including this step */
} path_step;

typedef struct path_steps {
    char *buf;
    size_t n;
    path_step step[LIMIT_DEPTH];
} path_steps;

/* Where an error about one override goes: the mark and field path it is
 * reported at, and how the override is named in the text. */
typedef struct ov_site {
    diag *d;
    mark at;
    const char *field;       /* "" for --set (the mark names it), "variants.<name>" */
    const char *quote;       /* "" or "'<path>': " */
    const char *path;        /* the whole path, for naming prefixes */
} ov_site;

static void site_error(const ov_site *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void site_error(const ov_site *s, const char *fmt, ...)
{
    char text[S75_ERROR_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    diag_add(s->d, S75_EINVAL, s->at, s->field, "%s%s", s->quote, text);
}

/* ---- years ---- */

/* A year key as the loader reads one (rd_year): 2026 or "2026/27". */
static int parse_year(const char *s, int *out)
{
    if (strlen(s) < 4 || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
        !isdigit((unsigned char)s[2]) || !isdigit((unsigned char)s[3]))
        return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (s[4] == '/') {
        if (!isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[6]) || s[7] != '\0' ||
            (s[5] - '0') * 10 + (s[6] - '0') != (y + 1) % 100)
            return -1;
    } else if (s[4] != '\0') {
        return -1;
    }
    if (y < 1900 || y > 2500)
        return -1;
    *out = y;
    return 0;
}

static int same_key(const char *key, const char *step)
{
    if (strcmp(key, step) == 0)
        return 1;
    int a, b;
    return parse_year(key, &a) == 0 && parse_year(step, &b) == 0 && a == b;
}

/* ---- paths ---- */

static void steps_free(path_steps *p)
{
    free(p->buf);
    p->buf = NULL;
}

/* Cuts `path` (len bytes) into steps. Returns 0, or -1 with why filled (-2
 * when memory ran out). */
static int path_parse(const char *path, size_t len, path_steps *p, char *why, size_t cap)
{
    memset(p, 0, sizeof *p);
    if (len == 0) {
        snprintf(why, cap, "the path is empty");
        return -1;
    }
    p->buf = malloc(len + 1);
    if (!p->buf) {
        snprintf(why, cap, "out of memory");
        return -2;
    }
    size_t i = 0, o = 0;
    while (i < len) {
        if (p->n == LIMIT_DEPTH) {
            snprintf(why, cap, "the path is deeper than %d steps", LIMIT_DEPTH);
            goto fail;
        }
        path_step *s = &p->step[p->n];
        s->text = p->buf + o;
        if (path[i] == '[') {
            size_t j = i + 1;
            while (j < len && path[j] != ']')
                j++;
            if (j == len) {
                snprintf(why, cap, "'[' without its ']'");
                goto fail;
            }
            if (j == i + 1) {
                snprintf(why, cap, "an empty [] names no item");
                goto fail;
            }
            memcpy(p->buf + o, path + i + 1, j - i - 1);
            o += j - i - 1;
            s->selector = 1;
            i = j + 1;
        } else {
            size_t j = i;
            while (j < len && path[j] != '.' && path[j] != '[' && path[j] != ']')
                j++;
            if (j == i || (j < len && path[j] == ']')) {
                snprintf(why, cap, j == i ? "an empty key (two dots, or a dot at an end)"
                                          : "']' without its '['");
                goto fail;
            }
            memcpy(p->buf + o, path + i, j - i);
            o += j - i;
            i = j;
        }
        p->buf[o++] = '\0';
        s->end = i;
        p->n++;
        if (i < len && path[i] == '.') {
            if (++i == len) {
                snprintf(why, cap, "an empty key (two dots, or a dot at an end)");
                goto fail;
            }
        } else if (i < len && path[i] != '[') {
            snprintf(why, cap, "expected '.' or '[' after ']'");
            goto fail;
        }
    }
    if (strcmp(p->step[0].text, "variants") == 0) {
        snprintf(why, cap, "variants cannot be overridden; choose one with --variant");
        goto fail;
    }
    return 0;
fail:
    steps_free(p);
    return -1;
}

/* ---- nodes ---- */

static int remember(override_work *w, ynode *n)
{
    if (w->n_made == w->cap_made) {
        size_t cap = w->cap_made ? w->cap_made * 2 : 16;
        ynode **m = realloc(w->made, cap * sizeof *m);
        if (!m)
            return -1;
        w->made = m;
        w->cap_made = cap;
    }
    w->made[w->n_made++] = n;
    return 0;
}

/* A copy of a mapping or list with its own array of children (and room for
 * `extra` more pairs), so a change on the path never reaches another place
 * that shares the node through an alias. A node this work already copied is
 * its own and changes in place: a variant of 20,000 entries on one list
 * copies the list once, not once an entry. */
static ynode *copy_node(override_work *w, const ynode *n, size_t extra)
{
    if (n->owner == w) {
        ynode *own = (ynode *)n;
        if (own->slots + 2 * extra > own->cap) {
            size_t cap = 2 * own->cap + 2 * extra;
            ynode **kids = realloc(own->kids, cap * sizeof *kids);
            if (!kids)
                return NULL;
            own->kids = kids;
            own->cap = cap;
        }
        return own;
    }
    ynode *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    *c = *n;
    c->owner = w;
    c->text = NULL;  /* a container's text is unused; the original owns it anyway */
    c->cap = n->slots + 2 * extra;
    c->kids = malloc((c->cap ? c->cap : 1) * sizeof *c->kids);
    if (!c->kids || remember(w, c) < 0) {
        free(c->kids);
        free(c);
        return NULL;
    }
    if (n->slots)
        memcpy(c->kids, n->kids, n->slots * sizeof *c->kids);
    return c;
}

/* A new scalar (a key the override adds), its text owned by the work. */
static ynode *new_scalar(override_work *w, const char *text, mark at)
{
    ynode *n = calloc(1, sizeof *n);
    char *t = xstrdup(text);
    if (!n || !t || remember(w, n) < 0) {
        free(n);
        free(t);
        return NULL;
    }
    n->kind = Y_SCALAR;
    n->owner = w;
    n->at = at;
    n->text = t;
    n->len = strlen(t);
    n->plain = 1;
    n->weight = 1;
    return n;
}

static void map_append(ynode *map, ynode *key, ynode *value)
{
    map->kids[map->slots++] = key;
    map->kids[map->slots++] = value;
    map->n = map->slots / 2;
}

static int map_is_years(const ynode *map)
{
    int y;
    for (size_t i = 0; i < map->n; i++) {
        const ynode *k = ymap_key(map, i);
        if (k->kind != Y_SCALAR || parse_year(k->text, &y) < 0)
            return 0;
    }
    return 1;
}

/* The nearest of the mapping's keys to word, or NULL. */
static const char *nearest_key(const ynode *map, const char *word)
{
    const char **keys = malloc((map->n + 1) * sizeof *keys);
    if (!keys)
        return NULL;
    size_t m = 0;
    for (size_t i = 0; i < map->n; i++)
        if (ymap_key(map, i)->kind == Y_SCALAR)
            keys[m++] = ymap_key(map, i)->text;
    keys[m] = NULL;
    const char *near = nearest_word(word, keys);
    free(keys);
    return near;
}

static long map_find(const ynode *map, const char *step)
{
    for (size_t i = 0; i < map->n; i++) {
        const ynode *k = ymap_key(map, i);
        if (k->kind == Y_SCALAR && same_key(k->text, step))
            return (long)i;
    }
    return -1;
}

static const char *item_field(const ynode *item, const char *key)
{
    const ynode *v = item->kind == Y_MAP ? ymap_get(item, key) : NULL;
    return v && v->kind == Y_SCALAR ? v->text : NULL;
}

/* The list item a selector names: an index, or the item whose id, name or
 * role (the first of these any item matches) is the selector. Returns the
 * index, or -1 with the error reported. */
static long seq_find(const ov_site *s, const ynode *seq, const char *sel, size_t prefix_len)
{
    const char *p = sel;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p == '\0') {
        /* Leading zeros name the same index; digits past what a list can
         * hold name none. */
        const char *digits = sel;
        while (digits[0] == '0' && digits[1] != '\0')
            digits++;
        unsigned long i = strlen(digits) < 10 ? strtoul(digits, NULL, 10) : (unsigned long)-1;
        if (i < seq->n)
            return (long)i;
        site_error(s, "%.*s has %zu item%s; [%.20s%s] is past the end", (int)prefix_len, s->path,
                   seq->n, seq->n == 1 ? "" : "s", sel, strlen(sel) > 20 ? "..." : "");
        return -1;
    }
    static const char *const fields[] = { "id", "name", "role" };
    for (size_t f = 0; f < 3; f++) {
        long found = -1;
        size_t count = 0;
        for (size_t i = 0; i < seq->n; i++) {
            const char *v = item_field(seq->kids[i], fields[f]);
            if (v && strcmp(v, sel) == 0) {
                if (found < 0)
                    found = (long)i;
                count++;
            }
        }
        if (count == 1)
            return found;
        if (count > 1) {
            site_error(s, "%zu items of %.*s have %s '%s'; name one by its index, e.g. [%ld]",
                       count, (int)prefix_len, s->path, fields[f], sel, found);
            return -1;
        }
    }
    const char **cands = diag_suggesting(s->d) ? malloc((3 * seq->n + 1) * sizeof *cands) : NULL;
    const char *near = NULL;
    if (cands) {
        size_t m = 0;
        for (size_t f = 0; f < 3; f++)
            for (size_t i = 0; i < seq->n; i++)
                if (item_field(seq->kids[i], fields[f]))
                    cands[m++] = item_field(seq->kids[i], fields[f]);
        cands[m] = NULL;
        near = nearest_word(sel, cands);
    }
    if (near)
        site_error(s, "no item of %.*s has the id, name or role '%s' (did you mean '%s'?)",
                   (int)prefix_len, s->path, sel, near);
    else
        site_error(s, "no item of %.*s has the id, name or role '%s'", (int)prefix_len, s->path,
                   sel);
    free(cands);
    return -1;
}

/* Sets the node that steps `from` onwards of the path name, below *slot, to
 * value. Returns 0 or -1 (error reported). */
static int apply_from(override_work *w, ynode **slot, const ov_site *s, const path_steps *p,
                      size_t from, ynode *value)
{
    for (size_t i = from; i < p->n; i++) {
        const path_step *st = &p->step[i];
        size_t before = i ? p->step[i - 1].end : 0;
        /* How the path so far reads in a message: "pay.awards", or "the file". */
        int bl = (int)before;
        const char *where = before ? s->path : "the top level";
        if (!before)
            bl = (int)strlen(where);
        ynode *cur = *slot;
        int last = i + 1 == p->n;
        int year;
        if (cur->kind == Y_SEQ && st->selector && strcmp(st->text, "*") == 0) {
            /* [*]: the rest of the path in every item (one value, shared
             * by the items as an alias would be). */
            if (cur->n == 0) {
                site_error(s, "%.*s has no items for [*]", bl, where);
                return -1;
            }
            ynode *c = copy_node(w, cur, 0);
            if (!c)
                goto oom;
            *slot = c;
            for (size_t k = 0; k < c->n; k++)
                if (apply_from(w, &c->kids[k], s, p, i + 1, value) < 0)
                    return -1;
            return 0;
        }
        if (cur->kind == Y_SEQ) {
            long k = seq_find(s, cur, st->text, before);
            if (k < 0)
                return -1;
            ynode *c = copy_node(w, cur, 0);
            if (!c)
                goto oom;
            *slot = c;
            slot = &c->kids[k];
            continue;
        }
        if (cur->kind == Y_MAP) {
            long k = map_find(cur, st->text);
            if (k >= 0) {
                ynode *c = copy_node(w, cur, 0);
                if (!c)
                    goto oom;
                *slot = c;
                slot = &c->kids[2 * k + 1];
                continue;
            }
            int is_year = parse_year(st->text, &year) == 0;
            if (!last || (is_year && cur->n > 0 && !map_is_years(cur))) {
                const char *near = is_year || !diag_suggesting(s->d) ? NULL
                                                                      : nearest_key(cur, st->text);
                site_error(s, "%.*s has no key '%s'%s%s%s", bl, where, st->text,
                           near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
                return -1;
            }
            /* The last step may add a key; the loader judges it as it would
             * judge the same key written in the file. */
            ynode *c = copy_node(w, cur, 1);
            ynode *key = c ? new_scalar(w, st->text, s->at) : NULL;
            if (!key)
                goto oom;
            map_append(c, key, NULL);
            *slot = c;
            slot = &c->kids[c->slots - 1];
            continue;
        }
        if (last && parse_year(st->text, &year) == 0) {
            /* A single value of a series becomes a map of years. */
            ynode *m = calloc(1, sizeof *m);
            if (!m || remember(w, m) < 0) {
                free(m);
                goto oom;
            }
            m->kind = Y_MAP;
            m->owner = w;
            m->at = s->at;
            m->weight = 1;
            m->cap = 4;
            m->kids = malloc(4 * sizeof *m->kids);
            ynode *k0 = m->kids ? new_scalar(w, SERIES_FROM_START, s->at) : NULL;
            ynode *k1 = k0 ? new_scalar(w, st->text, s->at) : NULL;
            if (!k1)
                goto oom;
            map_append(m, k0, cur);
            map_append(m, k1, NULL);
            *slot = m;
            slot = &m->kids[3];
            continue;
        }
        site_error(s, "%.*s is a single value (%.40s); it has no key '%s'", bl, where, cur->text,
                   st->text);
        return -1;
    }
    *slot = value;
    return 0;
oom:
    diag_add(s->d, S75_ENOMEM, s->at, s->field, "out of memory");
    return -1;
}

static int apply_path(override_work *w, ydoc *doc, const ov_site *s, const path_steps *p,
                      ynode *value)
{
    return apply_from(w, &doc->root, s, p, 0, value);
}

/* ---- the variants: block ---- */

static int check_variant_name(diag *d, const ynode *k)
{
    const char *s = k->kind == Y_SCALAR ? k->text : "";
    int ok = k->kind == Y_SCALAR && *s && strlen(s) <= 64 && strlen(s) == k->len;
    for (const char *p = s; ok && *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            ok = 0;
    if (!ok) {
        diag_add(d, S75_EINVAL, k->at, "variants", "a variant name is an id: 1-64 of a-z, 0-9, "
                 "_ and -, got '%.40s'", k->kind == Y_SCALAR ? s : ykind_name(k->kind));
        return -1;
    }
    if (strcmp(s, "base") == 0) {
        diag_add(d, S75_EINVAL, k->at, "variants", "'base' means the file as written; give the "
                 "variant another name");
        return -1;
    }
    return 0;
}

/* Checks the block's shape and records the variant names. */
static int check_variants(const ynode *vb, diag *d, scenario_provenance *prov)
{
    if (vb->kind != Y_MAP) {
        diag_add(d, S75_EINVAL, vb->at, "variants", "expected a mapping of variant names to "
                 "overrides (path: value), got %s", ykind_name(vb->kind));
        return -1;
    }
    if (vb->n > LIMIT_VARIANTS) {
        diag_add(d, S75_ELIMIT, vb->at, "variants", "more than %d variants", LIMIT_VARIANTS);
        return -1;
    }
    int rc = 0;
    prov->variants = calloc(vb->n ? vb->n : 1, sizeof *prov->variants);
    if (!prov->variants) {
        diag_add(d, S75_ENOMEM, vb->at, "variants", "out of memory");
        return -1;
    }
    for (size_t i = 0; i < vb->n; i++) {
        const ynode *k = ymap_key(vb, i), *v = ymap_value(vb, i);
        if (check_variant_name(d, k) < 0) {
            rc = -1;
            continue;
        }
        char field[96];
        snprintf(field, sizeof field, "variants.%s", k->text);
        /* A name given twice is a duplicate key, refused with the tree. */
        if (v->kind == Y_SCALAR && v->len == 0 && v->plain) {
            /* `name:` with nothing after it: a variant that changes nothing. */
        } else if (v->kind != Y_MAP) {
            diag_add(d, S75_EINVAL, v->at, field, "expected a mapping of overrides "
                     "(path: value), got %s", ykind_name(v->kind));
            rc = -1;
        } else if (v->n > LIMIT_OVERRIDES) {
            diag_add(d, S75_ELIMIT, v->at, field, "more than %d overrides in one variant",
                     LIMIT_OVERRIDES);
            rc = -1;
        } else {
            for (size_t e = 0; e < v->n; e++) {
                const ynode *pk = ymap_key(v, e);
                char why[160];
                path_steps ps;
                int prc;
                if (pk->kind != Y_SCALAR) {
                    diag_add(d, S75_EINVAL, pk->at, field, "an override's key is a path such as "
                             "pay.awards.2026, got %s", ykind_name(pk->kind));
                    rc = -1;
                } else if ((prc = path_parse(pk->text, pk->len, &ps, why, sizeof why)) < 0) {
                    diag_add(d, prc == -2 ? S75_ENOMEM : S75_EINVAL, pk->at, field, "'%.80s': %s",
                             pk->text, why);
                    rc = -1;
                } else {
                    steps_free(&ps);
                }
            }
        }
        prov->variants[prov->n_variants] = xstrdup(k->text);
        if (!prov->variants[prov->n_variants]) {
            diag_add(d, S75_ENOMEM, k->at, field, "out of memory");
            return -1;
        }
        prov->n_variants++;
    }
    return rc;
}

static int apply_variant(override_work *w, ydoc *doc, const ynode *vb, const char *name,
                         diag *d)
{
    const ynode *v = vb ? ymap_get(vb, name) : NULL;
    if (!v) {
        const char *near = NULL;
        if (vb && vb->kind == Y_MAP && diag_suggesting(d))
            near = nearest_key(vb, name);
        mark at = vb ? vb->at : (mark){ doc->file, 0, 0 };
        diag_add(d, S75_EINVAL, at, "variants", "no variant named '%s'%s%s%s", name,
                 !vb ? " (the file has no variants: block)" : near ? " (did you mean '" : "",
                 near ? near : "", near ? "'?)" : "");
        return -1;
    }
    if (v->kind != Y_MAP)
        return 0; /* an empty variant; its shape was checked with the block */
    char field[96];
    snprintf(field, sizeof field, "variants.%s", name);
    int rc = 0;
    for (size_t e = 0; e < v->n; e++) {
        const ynode *pk = ymap_key(v, e);
        char why[160], quote[128];
        path_steps ps;
        int prc = path_parse(pk->text, pk->len, &ps, why, sizeof why);
        if (prc == -2)
            diag_add(d, S75_ENOMEM, pk->at, field, "out of memory");
        if (prc < 0)
            return -1; /* else reported by check_variants */
        snprintf(quote, sizeof quote, "'%.100s': ", pk->text);
        ov_site s = { d, pk->at, field, quote, pk->text };
        if (apply_path(w, doc, &s, &ps, ymap_value(v, e)) < 0)
            rc = -1;
        steps_free(&ps);
    }
    return rc;
}

/* ---- --set overrides ---- */

/* The '=' that ends the path: the first one outside [ ]. */
static const char *path_end(const char *s)
{
    int depth = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '[')
            depth = 1;
        else if (*p == ']')
            depth = 0;
        else if (*p == '=' && !depth)
            return p;
    }
    return NULL;
}

/* Parses the value as YAML (so `[0.5, 0.5]` is a list and `4%` a per cent),
 * its nodes marked with the override instead of a line. */
static ynode *parse_value(override_work *w, const char *label, const char *text, diag *d)
{
    ydoc *doc = &w->values[w->n_values];
    diag quiet;
    diag_init(&quiet);
    int rc = ydoc_parse(doc, label, text, strlen(text), &quiet);
    w->n_values++;
    mark at = { label, 0, 0 };
    if (rc != S75_OK) {
        diag_add(d, rc, at, "", "the value: %s", quiet.count ? quiet.items[0].text : "out of memory");
        diag_clear(&quiet);
        return NULL;
    }
    diag_clear(&quiet);
    for (size_t i = 0; i < doc->n_all; i++) {
        doc->all[i]->at.file = doc->file;
        doc->all[i]->at.line = 0;
        doc->all[i]->at.column = 0;
    }
    if (doc->root)
        return doc->root;
    /* `path=` with nothing after it: an empty text, which the loader refuses
     * or reads as the field allows. */
    ynode *n = new_scalar(w, "", (mark){ doc->file, 0, 0 });
    if (!n)
        diag_add(d, S75_ENOMEM, at, "", "out of memory");
    return n;
}

static int apply_set(override_work *w, ydoc *doc, const char *ov, diag *d)
{
    size_t ll = strlen(ov) + 8;
    char *label = malloc(ll);
    if (!label) {
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
        return -1;
    }
    snprintf(label, ll, "--set %s", ov);
    w->labels[w->n_labels++] = label;
    mark at = { label, 0, 0 };
    const char *eq = path_end(ov);
    if (!eq) {
        diag_add(d, S75_EINVAL, at, "", "an override is path=value, e.g. pay.awards.2026=4%%");
        return -1;
    }
    char why[160];
    path_steps ps;
    int prc = path_parse(ov, (size_t)(eq - ov), &ps, why, sizeof why);
    if (prc < 0) {
        diag_add(d, prc == -2 ? S75_ENOMEM : S75_EINVAL, at, "", "%s", why);
        return -1;
    }
    ynode *value = parse_value(w, label, eq + 1, d);
    int rc = -1;
    if (value) {
        char *path = malloc((size_t)(eq - ov) + 1);
        if (path) {
            memcpy(path, ov, (size_t)(eq - ov));
            path[eq - ov] = '\0';
            ov_site s = { d, at, "", "", path };
            rc = apply_path(w, doc, &s, &ps, value);
            free(path);
        } else {
            diag_add(d, S75_ENOMEM, at, "", "out of memory");
        }
    }
    steps_free(&ps);
    return rc;
}

/* ---- the entry points ---- */

int load_opts_active(const load_opts *o)
{
    return o && (o->n_overrides > 0 || (o->variant && strcmp(o->variant, "base") != 0));
}

static int record_options(scenario_provenance *prov, const load_opts *o)
{
    if (!load_opts_active(o))
        return 0;
    if (o->variant && strcmp(o->variant, "base") != 0 && !(prov->variant = xstrdup(o->variant)))
        return -1;
    if (o->n_overrides) {
        prov->overrides = calloc(o->n_overrides, sizeof *prov->overrides);
        if (!prov->overrides)
            return -1;
        for (size_t i = 0; i < o->n_overrides; i++) {
            if (!(prov->overrides[i] = xstrdup(o->overrides[i] ? o->overrides[i] : "")))
                return -1;
            prov->n_overrides++;
        }
    }
    return 0;
}

int overrides_apply(ydoc *doc, const char *text, size_t len, const load_opts *o, diag *d,
                    override_work **work, scenario_provenance **prov_out)
{
    *work = NULL;
    *prov_out = NULL;
    scenario_provenance *prov = calloc(1, sizeof *prov);
    override_work *w = calloc(1, sizeof *w);
    size_t n_ov = o ? o->n_overrides : 0;
    if (w && n_ov) {
        w->values = calloc(n_ov, sizeof *w->values);
        w->labels = calloc(n_ov, sizeof *w->labels);
    }
    if (prov && text && (prov->text = malloc(len + 1))) {
        memcpy(prov->text, text, len);
        prov->text[len] = '\0';
        prov->len = len;
    }
    if (!prov || !w || (n_ov && (!w->values || !w->labels)) || (text && !prov->text) ||
        record_options(prov, o) < 0) {
        provenance_free(prov);
        override_work_free(w);
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
        return -1;
    }
    *work = w;
    *prov_out = prov;
    if (!doc->root || doc->root->kind != Y_MAP)
        return 0;
    /* A malformed variants: block is an error of the file but leaves the
     * rest of it worth reading; only applying a variant needs it sound. */
    int rc = 0;
    const ynode *vb = ymap_get(doc->root, "variants");
    int block_ok = !vb || check_variants(vb, d, prov) == 0;
    if (o && o->variant && strcmp(o->variant, "base") != 0 &&
        (!block_ok || apply_variant(w, doc, vb, o->variant, d) < 0))
        rc = -1;
    for (size_t i = 0; i < n_ov; i++) {
        if (!o->overrides[i]) {
            diag_add(d, S75_EUSAGE, no_mark, "", "override %zu is NULL", i);
            rc = -1;
        } else if (apply_set(w, doc, o->overrides[i], d) < 0) {
            rc = -1;
        }
    }
    return rc;
}

void override_work_free(override_work *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n_values; i++)
        ydoc_free(&w->values[i]);
    free(w->values);
    for (size_t i = 0; i < w->n_made; i++) {
        if (w->made[i]->kind == Y_SCALAR)
            free(w->made[i]->text);
        free(w->made[i]->kids);
        free(w->made[i]);
    }
    free(w->made);
    for (size_t i = 0; i < w->n_labels; i++)
        free(w->labels[i]);
    free(w->labels);
    free(w);
}

void provenance_free(scenario_provenance *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_variants; i++)
        free(p->variants[i]);
    free(p->variants);
    free(p->variant);
    for (size_t i = 0; i < p->n_overrides; i++)
        free(p->overrides[i]);
    free(p->overrides);
    free(p->text);
    free(p);
}

void provenance_text(sbuf *b, const scenario_provenance *p)
{
    if (!p || (!p->variant && p->n_overrides == 0))
        return;
    sb_printf(b, "Variant %s", p->variant ? p->variant : "base (the file as written)");
    for (size_t i = 0; i < p->n_overrides; i++)
        sb_printf(b, "; --set %s", p->overrides[i]);
    sb_putc(b, '\n');
}

void overrides_name_variant(diag *d, size_t from, const char *name)
{
    for (size_t i = from; i < d->count; i++) {
        s75_error *e = &d->items[i];
        char file[S75_ERROR_FILE_MAX], path[S75_ERROR_PATH_MAX], text[S75_ERROR_TEXT_MAX + 96];
        memcpy(file, e->file, sizeof file);
        memcpy(path, e->path, sizeof path);
        snprintf(text, sizeof text, "%s (variant '%.64s')", e->text, name);
        mark at = { file, e->line, e->column };
        error_set(e, e->code, at, path, "%s", text);
    }
}

/* ---- the public options ---- */

int load_opts_from_options(const s75_load_options *opts, load_opts *o, s75_error *err)
{
    memset(o, 0, sizeof *o);
    if (!opts)
        return S75_OK;
    /* Each version is a prefix of the next: never read past the caller's. */
    if (opts->version < 1 || opts->version > S75_LOAD_OPTIONS_VERSION)
        return error_set(err, S75_EUSAGE, no_mark, "", "load options of version %u; this "
                         "library knows versions 1 to %d", opts->version,
                         S75_LOAD_OPTIONS_VERSION);
    if (opts->override_count && !opts->overrides)
        return error_set(err, S75_EUSAGE, no_mark, "",
                         "override_count is %zu but overrides is NULL", opts->override_count);
    o->overrides = opts->overrides;
    o->n_overrides = opts->override_count;
    o->variant = opts->variant;
    if (opts->version >= 2) {
        if (opts->table_count && !opts->tables)
            return error_set(err, S75_EUSAGE, no_mark, "", "table_count is %zu but tables is NULL",
                             opts->table_count);
        for (size_t i = 0; i < opts->table_count; i++)
            if (!opts->tables[i].name || !opts->tables[i].text)
                return error_set(err, S75_EUSAGE, no_mark, "", "tables[%zu] needs a name and a "
                                 "text", i);
        o->tables = opts->tables;
        o->n_tables = opts->table_count;
    }
    o->confine = opts->version >= 3 && opts->confine_includes;
    return S75_OK;
}

/* ---- reading a value by its path ---- */

int overrides_current(const char *file, const char *text, size_t len, const load_opts *o,
                      const char *path, char *buf, size_t cap)
{
    diag quiet;
    diag_init(&quiet);
    ydoc doc;
    override_work *w = NULL;
    scenario_provenance *prov = NULL;
    path_steps ps;
    char why[160];
    int found = 0;
    if (path_parse(path, strlen(path), &ps, why, sizeof why) < 0)
        return 0;
    memset(&doc, 0, sizeof doc);
    if (ydoc_parse(&doc, file, text, len, &quiet) == S75_OK) {
        if (overrides_apply(&doc, NULL, 0, o, &quiet, &w, &prov) == 0 && doc.root) {
            ov_site s = { &quiet, no_mark, "", "", path };
            const ynode *cur = doc.root;
            for (size_t i = 0; cur && i < ps.n; i++) {
                const char *step = ps.step[i].text;
                if (cur->kind == Y_SEQ) {
                    long k = strcmp(step, "*") == 0 ? (cur->n ? 0 : -1)
                                                    : seq_find(&s, cur, step, 0);
                    cur = k >= 0 ? cur->kids[k] : NULL;
                } else if (cur->kind == Y_MAP) {
                    long k = map_find(cur, step);
                    cur = k >= 0 ? ymap_value(cur, (size_t)k) : NULL;
                } else {
                    cur = NULL;
                }
            }
            if (cur && cur->kind == Y_SCALAR && cur->text) {
                snprintf(buf, cap, "%s", cur->text);
                found = 1;
            }
        }
        override_work_free(w);
        provenance_free(prov);
    }
    ydoc_free(&doc);
    steps_free(&ps);
    diag_clear(&quiet);
    return found;
}

/* ---- the inputs, for provenance ---- */

static void list_add(input_list *l, const char *path, const char *value)
{
    if (l->oom)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (p)
            l->paths = p;
        char **v = p ? realloc(l->values, cap * sizeof *v) : NULL;
        if (!v) {
            l->oom = 1;
            return;
        }
        l->values = v;
        l->cap = cap;
    }
    char *a = xstrdup(path), *b = xstrdup(value);
    if (!a || !b) {
        free(a);
        free(b);
        l->oom = 1;
        return;
    }
    l->paths[l->n] = a;
    l->values[l->n] = b;
    l->n++;
}

static void flatten(input_list *l, const ynode *n, char *path, size_t plen, size_t cap, int top)
{
    if (n->kind == Y_SCALAR) {
        list_add(l, path, n->text);
        return;
    }
    if (n->n == 0) {
        list_add(l, path, n->kind == Y_MAP ? "{}" : "[]");
        return;
    }
    for (size_t i = 0; i < n->n && !l->oom; i++) {
        int w;
        const ynode *kid;
        if (n->kind == Y_SEQ) {
            w = snprintf(path + plen, cap - plen, "[%zu]", i);
            kid = n->kids[i];
        } else {
            const ynode *k = ymap_key(n, i);
            const char *key = k->kind == Y_SCALAR ? k->text : "?";
            if (top && strcmp(key, "variants") == 0)
                continue;
            w = snprintf(path + plen, cap - plen, "%s%s", plen ? "." : "", key);
            kid = ymap_value(n, i);
        }
        size_t nl = w > 0 && (size_t)w < cap - plen ? plen + (size_t)w : cap - 1;
        flatten(l, kid, path, nl, cap, 0);
        path[plen] = '\0';
    }
}

int provenance_inputs(const scenario_provenance *p, const char *file, input_list *out)
{
    memset(out, 0, sizeof *out);
    if (!p || !p->text)
        return 0;
    diag quiet;
    diag_init(&quiet);
    ydoc doc;
    override_work *w = NULL;
    scenario_provenance *again = NULL;
    load_opts o = { (const char *const *)p->overrides, p->n_overrides, p->variant, NULL, 0, 0 };
    if (ydoc_parse(&doc, file ? file : "", p->text, p->len, &quiet) == S75_OK &&
        overrides_apply(&doc, NULL, 0, &o, &quiet, &w, &again) == 0 && doc.root) {
        char path[1024] = "";
        flatten(out, doc.root, path, 0, sizeof path, 1);
    }
    override_work_free(w);
    provenance_free(again);
    ydoc_free(&doc);
    int oom = quiet.oom || out->oom;
    for (size_t i = 0; i < quiet.count; i++)
        if (quiet.items[i].code == S75_ENOMEM)
            oom = 1;
    diag_clear(&quiet);
    return oom ? -1 : 0;
}

void input_list_free(input_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->paths[i]);
        free(l->values[i]);
    }
    free(l->paths);
    free(l->values);
    memset(l, 0, sizeof *l);
}

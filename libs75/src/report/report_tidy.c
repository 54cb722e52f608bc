/* The tidy CSV: every value of the JSON document on a row of its own, under
 * a fixed set of columns a pivot table reads (docs/GUIDE.md, "The tidy CSV"):
 *
 *     section,item,partner,band,year,measure,value
 *
 * It is made from the JSON document itself, read back, so it holds every
 * figure the JSON holds for every command, and a section added to the JSON
 * appears here with no code of its own. The rules that place a value:
 * - section: the path of keys down to the innermost list of records
 *   ("projection", "appraisal.options", "simulation.years");
 * - item: the record's own name (its first key of id, role, name, category,
 *   quarter, criterion, input, mitigation, tier), or a comparison's run;
 * - partner: the key of a value inside a "contributions" or "risk_share"
 *   object, or a record's "partner";
 * - band, year: the record's own, or for a list of numbers as long as the
 *   plan, the year of each;
 * - measure: the path of keys from the record to the value ("pay",
 *   "cost.p95", "central_weights.outcomes"); a list that is not by year
 *   numbers its entries from 1.
 */
#include <stdio.h>
#include <string.h>

#include "jsontree.h"
#include "report.h"

typedef struct tidy {
    sbuf *out;
    const jt_node *years;   /* the plan's year labels */
    const jt_node *runs;    /* a comparison's runs, NULL otherwise */
    sbuf section, measure;
    const char *item, *partner, *band, *year;
} tidy;

static const char *const item_keys[] = { "id", "role", "name", "category", "quarter",
                                         "criterion", "input", "mitigation", "tier" };

static int is_partner_map(const char *key)
{
    return key && (!strcmp(key, "contributions") || !strcmp(key, "risk_share"));
}

static void field(sbuf *b, const char *s)
{
    if (s && *s)
        sb_csv_field(b, s);
}

static void emit(tidy *t, const jt_node *v)
{
    sbuf *b = t->out;
    field(b, t->section.s);
    sb_putc(b, ',');
    field(b, t->item);
    sb_putc(b, ',');
    field(b, t->partner);
    sb_putc(b, ',');
    field(b, t->band);
    sb_putc(b, ',');
    field(b, t->year);
    sb_putc(b, ',');
    field(b, t->measure.s);
    sb_putc(b, ',');
    if (v->type == JT_STRING)
        sb_csv_field(b, v->text);
    else if (v->type != JT_NULL)
        sb_puts(b, v->text);
    sb_putc(b, '\n');
}

/* Appends ".what" (or "what" to an empty path); returns the length to cut
 * back to. */
static size_t push(sbuf *path, const char *what)
{
    size_t len = path->len;
    if (len)
        sb_putc(path, '.');
    sb_puts(path, what);
    return len;
}

static void pop(sbuf *path, size_t len)
{
    path->len = len;
    if (path->s)
        path->s[len] = '\0';
}

static const char *nth_text(const jt_node *list, size_t i)
{
    const jt_node *c = list ? list->child : NULL;
    for (; c && i; i--)
        c = c->next;
    return c ? c->text : NULL;
}

static void walk(tidy *t, const jt_node *v, const char *key, int in_partner_map);

static void record(tidy *t, const jt_node *obj)
{
    const char *was_item = t->item, *was_partner = t->partner, *was_band = t->band,
               *was_year = t->year;
    const jt_node *id = NULL;
    for (size_t k = 0; k < sizeof item_keys / sizeof *item_keys && !id; k++) {
        id = jt_get(obj, item_keys[k]);
        if (id && id->type != JT_STRING && id->type != JT_NUMBER)
            id = NULL;
    }
    if (id)
        t->item = id->text;
    const jt_node *n;
    if ((n = jt_get(obj, "year")) && n->type == JT_STRING)
        t->year = n->text;
    if ((n = jt_get(obj, "band")) && n->type == JT_STRING)
        t->band = n->text;
    if ((n = jt_get(obj, "partner")) && n->type == JT_STRING)
        t->partner = n->text;
    /* a comparison's line is what is measured */
    const jt_node *line = jt_get(obj, "line");
    size_t m = line && line->type == JT_STRING ? push(&t->measure, line->text) : t->measure.len;
    for (const jt_node *c = obj->child; c; c = c->next) {
        if (c == id || !strcmp(c->key, "line") || !strcmp(c->key, "label") ||
            (c->type == JT_STRING && (!strcmp(c->key, "year") || !strcmp(c->key, "band"))) ||
            (c->type != JT_OBJECT && !strcmp(c->key, "partner")))
            continue;
        walk(t, c, c->key, 0);
    }
    pop(&t->measure, m);
    t->item = was_item, t->partner = was_partner, t->band = was_band, t->year = was_year;
}

static void list(tidy *t, const jt_node *arr, const char *key)
{
    const jt_node *first = arr->child;
    if (!first)
        return;
    if (first->type == JT_OBJECT) {
        /* a list of records: a section of its own, named by the path to it */
        size_t s = t->section.len;
        if (t->measure.len)
            push(&t->section, t->measure.s);
        push(&t->section, key);
        sbuf saved = t->measure;
        sb_init(&t->measure);
        for (const jt_node *c = arr->child; c; c = c->next)
            if (c->type == JT_OBJECT)
                record(t, c);
        t->section.oom |= t->measure.oom;
        sb_free(&t->measure);
        t->measure = saved;
        pop(&t->section, s);
        return;
    }
    int by_year = !t->year && t->years && arr->count == t->years->count &&
                  strcmp(key, "acceptability") != 0;
    int by_run = first->type == JT_ARRAY && t->runs && arr->count == t->runs->count;
    size_t i = 0;
    for (const jt_node *c = arr->child; c; c = c->next, i++) {
        const char *year = t->year, *item = t->item;
        size_t m = t->measure.len;
        if (by_run) {
            const jt_node *run = t->runs->child;
            for (size_t k = 0; k < i && run; k++)
                run = run->next;
            const jt_node *name = jt_get(run, "name");
            t->item = name ? name->text : NULL;
        } else if (by_year) {
            t->year = nth_text(t->years, i);
        } else {
            char index[24];
            snprintf(index, sizeof index, "%zu", i + 1);
            push(&t->measure, index);
        }
        if (c->type == JT_ARRAY)
            list(t, c, key);
        else
            walk(t, c, NULL, 0);
        pop(&t->measure, m);
        t->year = year, t->item = item;
    }
}

static void walk(tidy *t, const jt_node *v, const char *key, int in_partner_map)
{
    const char *was_partner = t->partner;
    size_t m = t->measure.len;
    if (key && in_partner_map)
        t->partner = key;
    else if (key && v->type != JT_ARRAY)
        push(&t->measure, key);
    switch (v->type) {
    case JT_OBJECT: {
        int map = is_partner_map(key) && !in_partner_map;
        for (const jt_node *c = v->child; c; c = c->next)
            walk(t, c, c->key, map);
        break;
    }
    case JT_ARRAY: {
        if (key && v->child && v->child->type != JT_OBJECT)
            push(&t->measure, key);
        list(t, v, key ? key : "");
        break;
    }
    default:
        emit(t, v);
    }
    pop(&t->measure, m);
    t->partner = was_partner;
}

void report_tidy(sbuf *out, const char *json, size_t len)
{
    jt_node *root = jt_parse(json, len);
    if (!root || root->type != JT_OBJECT) {
        jt_free(root);
        out->oom = 1; /* only memory can make the library's own JSON unreadable */
        return;
    }
    tidy t = { out, NULL, NULL, { 0 }, { 0 }, NULL, NULL, NULL, NULL };
    const jt_node *cmp = jt_get(root, "compare");
    t.years = jt_get(cmp ? cmp : root, "years");
    t.runs = cmp ? jt_get(cmp, "runs") : NULL;
    sb_puts(out, "section,item,partner,band,year,measure,value\n");
    for (const jt_node *c = root->child; c; c = c->next) {
        if (!strcmp(c->key, "s75") || !strcmp(c->key, "version") || !strcmp(c->key, "scenario") ||
            !strcmp(c->key, "years"))
            continue;
        if (c->type == JT_OBJECT) {
            size_t s = push(&t.section, c->key);
            for (const jt_node *k = c->child; k; k = k->next)
                if (!(cmp && c == cmp && !strcmp(k->key, "years")))
                    walk(&t, k, k->key, is_partner_map(c->key));
            pop(&t.section, s);
        } else if (c->type == JT_ARRAY) {
            list(&t, c, c->key);
        } else {
            walk(&t, c, c->key, 0);
        }
    }
    out->oom |= t.section.oom | t.measure.oom;
    sb_free(&t.section);
    sb_free(&t.measure);
    jt_free(root);
}

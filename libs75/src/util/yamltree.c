#include "yamltree.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "input_limits.h"

typedef struct anchor {
    char *name;
    ynode *node;
} anchor;

typedef struct builder {
    ydoc *doc;
    diag *d;
    ynode *stack[LIMIT_DEPTH + 1];
    char *stack_anchor[LIMIT_DEPTH + 1];
    int depth;
    anchor *anchors;
    size_t n_anchors, cap_anchors;
    size_t n_aliases;
    ybudget *bud;
    int code;         /* the first error's code, S75_OK if none */
} builder;

const char *ykind_name(ykind k)
{
    switch (k) {
    case Y_SCALAR: return "a scalar";
    case Y_SEQ: return "a list";
    case Y_MAP: return "a mapping";
    }
    return "?";
}

static mark mark_of(const builder *b, yaml_mark_t m)
{
    mark at = { b->doc->file, (int)m.line + 1, (int)m.column + 1 };
    return at;
}

/* Records an error of the document; the first one's code is the parse's
 * answer even when the list of messages is already full. */
static void bdiag(builder *b, int code, mark at, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void bdiag(builder *b, int code, mark at, const char *path, const char *fmt, ...)
{
    if (b->code == S75_OK)
        b->code = code;
    va_list ap;
    va_start(ap, fmt);
    diag_addv(b->d, code, at, path, fmt, ap);
    va_end(ap);
}

/* Nodes, their text and their children come from a few large blocks freed
 * together: a scenario has thousands of small scalars, and a malloc and a
 * free for each cost more than reading them. */
struct yblock {
    yblock *next;
    size_t used, cap;
    max_align_t data[];
};

enum { YBLOCK_BYTES = 64 * 1024 };

static void *doc_alloc(ydoc *doc, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) / align * align;
    yblock *bl = doc->blocks;
    if (!bl || bl->cap - bl->used < size) {
        size_t cap = size > YBLOCK_BYTES ? size : YBLOCK_BYTES;
        bl = malloc(sizeof *bl + cap);
        if (!bl)
            return NULL;
        bl->cap = cap;
        bl->used = 0;
        /* A block made for one large request goes behind the current one, so
         * the room left in that stays in use. */
        if (doc->blocks && cap > YBLOCK_BYTES) {
            bl->next = doc->blocks->next;
            doc->blocks->next = bl;
        } else {
            bl->next = doc->blocks;
            doc->blocks = bl;
        }
    }
    void *p = (char *)bl->data + bl->used;
    bl->used += size;
    return p;
}

ynode *ynode_build(ydoc *doc, ykind kind, mark at)
{
    if (doc->n_all == doc->cap_all) {
        size_t cap = doc->cap_all ? doc->cap_all * 2 : 64;
        ynode **all = realloc(doc->all, cap * sizeof *all);
        if (!all)
            return NULL;
        doc->all = all;
        doc->cap_all = cap;
    }
    ynode *n = doc_alloc(doc, sizeof *n);
    if (!n)
        return NULL;
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->at = at;
    n->weight = 1;
    doc->all[doc->n_all++] = n;
    return n;
}

static ynode *node_new(builder *b, ykind kind, yaml_mark_t m)
{
    return ynode_build(b->doc, kind, mark_of(b, m));
}

ynode *ynode_build_scalar(ydoc *doc, mark at, const char *text, size_t len)
{
    ynode *n = ynode_build(doc, Y_SCALAR, at);
    if (!n || !(n->text = doc_alloc(doc, len + 1)))
        return NULL;
    memcpy(n->text, text, len);
    n->text[len] = '\0';
    n->len = len;
    return n;
}

int ydoc_init_built(ydoc *doc, const char *file)
{
    memset(doc, 0, sizeof *doc);
    size_t flen = strlen(file);
    doc->file = malloc(flen + 1);
    if (!doc->file)
        return -1;
    memcpy(doc->file, file, flen + 1);
    return 0;
}

static int append_kid(ydoc *doc, ynode *parent, ynode *kid)
{
    if (parent->slots == parent->cap) {
        size_t cap = parent->cap ? parent->cap * 2 : 8;
        ynode **kids = doc_alloc(doc, cap * sizeof *kids);
        if (!kids)
            return -1;
        if (parent->slots)
            memcpy(kids, parent->kids, parent->slots * sizeof *kids);
        parent->kids = kids;
        parent->cap = cap;
    }
    parent->kids[parent->slots++] = kid;
    parent->n = parent->kind == Y_MAP ? parent->slots / 2 : parent->slots;
    return 0;
}

int ynode_append(ydoc *doc, ynode *parent, ynode *kid)
{
    if (!kid || append_kid(doc, parent, kid) < 0)
        return -1;
    parent->weight += kid->weight;
    return 0;
}

static int remember_anchor(builder *b, char *name, ynode *node)
{
    if (!name)
        return 0;
    /* A later anchor of the same name shadows the earlier one (YAML 1.1). */
    if (b->n_anchors == b->cap_anchors) {
        size_t cap = b->cap_anchors ? b->cap_anchors * 2 : 16;
        anchor *a = realloc(b->anchors, cap * sizeof *a);
        if (!a)
            return -1;
        b->anchors = a;
        b->cap_anchors = cap;
    }
    b->anchors[b->n_anchors].name = name;
    b->anchors[b->n_anchors].node = node;
    b->n_anchors++;
    return 0;
}

static ynode *find_anchor(const builder *b, const char *name)
{
    for (size_t i = b->n_anchors; i-- > 0;)
        if (strcmp(b->anchors[i].name, name) == 0)
            return b->anchors[i].node;
    return NULL;
}

static char *dup_cstr(const unsigned char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen((const char *)s);
    char *c = malloc(n + 1);
    if (c)
        memcpy(c, s, n + 1);
    return c;
}

/* Charges w nodes and `bytes` bytes to the load's budget. */
static int charge(builder *b, unsigned long long w, unsigned long long bytes, yaml_mark_t m)
{
    b->bud->nodes += w;
    b->bud->bytes += bytes;
    if (b->bud->nodes > LIMIT_NODES) {
        bdiag(b, S75_ELIMIT, mark_of(b, m), "",
                 "the scenario and the files it reads expand to more than %u nodes%s", LIMIT_NODES,
                 b->n_aliases ? " (aliases expanded)" : "");
        return -1;
    }
    if (b->bud->bytes > LIMIT_LOAD_BYTES) {
        bdiag(b, S75_ELIMIT, mark_of(b, m), "",
                 "the scenario and the files it reads come to more than %u bytes%s",
                 LIMIT_LOAD_BYTES, b->n_aliases ? " (text repeated by aliases included)" : "");
        return -1;
    }
    return 0;
}

/* Attaches a finished node to its parent (or makes it the root), adding its
 * expanded weight to every open ancestor. An alias (shared != 0) charges
 * its text again: a copy of it is what a reader may end up making. */
static int attach(builder *b, ynode *node, yaml_mark_t m, int shared)
{
    unsigned long long w = node->weight, by = node->bytes;
    for (int i = 0; i < b->depth; i++) {
        b->stack[i]->weight += w;
        b->stack[i]->bytes += by;
    }
    if (charge(b, w, shared ? by : 0, m) < 0)
        return -1;
    if (b->depth == 0) {
        b->doc->root = node;
        return 0;
    }
    if (append_kid(b->doc, b->stack[b->depth - 1], node) < 0) {
        bdiag(b, S75_ENOMEM, mark_of(b, m), "", "out of memory");
        return -1;
    }
    return 0;
}

/* Hash of a key's text, for the duplicate check. */
static size_t key_hash(const ynode *k)
{
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < k->len; i++)
        h = (h ^ (unsigned char)k->text[i]) * 1099511628211u;
    return h;
}

static int same_text(const ynode *a, const ynode *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* The field path of the node being built at stack depth b->depth, in the
 * loader's notation (keys joined by dots, list items by [index]): each open
 * ancestor names its pending child by its last key or its next index. */
static void open_path(const builder *b, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < b->depth && len + 1 < cap; i++) {
        const ynode *a = b->stack[i];
        int w;
        if (a->kind == Y_MAP && a->slots % 2 == 1) {
            const ynode *k = a->kids[a->slots - 1];
            w = snprintf(buf + len, cap - len, "%s%.*s", len ? "." : "",
                         k->kind == Y_SCALAR ? (int)(k->len < 64 ? k->len : 64) : 1,
                         k->kind == Y_SCALAR ? k->text : "?");
        } else {
            w = snprintf(buf + len, cap - len, "[%zu]", a->slots);
        }
        if (w < 0)
            break;
        len += (size_t)w;
        if (len >= cap)
            len = cap - 1;
    }
}

/* Every mapping refuses a key it already holds, naming both places: a
 * reader that took the first (or the last) would silently drop money.
 * Linear in the keys: an open-addressed table of their indexes. */
static int check_duplicates(builder *b, const ynode *map)
{
    if (map->n < 2)
        return 0;
    size_t cap = 4;
    while (cap < 2 * map->n)
        cap *= 2;
    size_t *slot = malloc(cap * sizeof *slot);
    if (!slot) {
        bdiag(b, S75_ENOMEM, map->at, "", "out of memory");
        return -1;
    }
    for (size_t i = 0; i < cap; i++)
        slot[i] = (size_t)-1;
    for (size_t i = 0; i < map->n; i++) {
        const ynode *k = ymap_key(map, i);
        if (k->kind != Y_SCALAR)
            continue;
        size_t h = key_hash(k) & (cap - 1);
        while (slot[h] != (size_t)-1 && !same_text(ymap_key(map, slot[h]), k))
            h = (h + 1) & (cap - 1);
        if (slot[h] == (size_t)-1) {
            slot[h] = i;
            continue;
        }
        const ynode *first = ymap_key(map, slot[h]);
        char path[S75_ERROR_PATH_MAX];
        open_path(b, path, sizeof path);
        size_t pl = strlen(path);
        snprintf(path + pl, sizeof path - pl, "%s%.*s", pl ? "." : "",
                 (int)(k->len < 64 ? k->len : 64), k->text);
        bdiag(b, S75_EINVAL, k->at, path, "duplicate key '%.40s%s' (first at line %d, "
                 "column %d): a mapping holds each key once", k->text, k->len > 40 ? "..." : "",
                 first->at.line, first->at.column);
    }
    free(slot);
    return 0;
}

static int oom(builder *b, yaml_mark_t m)
{
    bdiag(b, S75_ENOMEM, mark_of(b, m), "", "out of memory");
    return -1;
}

static int on_event(builder *b, yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (b->doc->root) {
            bdiag(b, S75_EINVAL, mark_of(b, ev->start_mark), "",
                     "more than one YAML document in the file; a scenario is one document");
            return -1;
        }
        return 0;
    case YAML_SCALAR_EVENT: {
        ynode *n = node_new(b, Y_SCALAR, ev->start_mark);
        if (!n)
            return oom(b, ev->start_mark);
        n->len = ev->data.scalar.length;
        n->text = doc_alloc(b->doc, n->len + 1);
        if (!n->text)
            return oom(b, ev->start_mark);
        memcpy(n->text, ev->data.scalar.value, n->len);
        n->text[n->len] = '\0';
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (ev->data.scalar.anchor) {
            char *name = dup_cstr(ev->data.scalar.anchor);
            if (!name || remember_anchor(b, name, n) < 0) {
                free(name);
                return oom(b, ev->start_mark);
            }
        }
        n->bytes = n->len;
        return attach(b, n, ev->start_mark, 0);
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        if (b->depth >= LIMIT_DEPTH) {
            bdiag(b, S75_ELIMIT, mark_of(b, ev->start_mark), "",
                     "nesting deeper than %d levels", LIMIT_DEPTH);
            return -1;
        }
        int is_map = ev->type == YAML_MAPPING_START_EVENT;
        ynode *n = node_new(b, is_map ? Y_MAP : Y_SEQ, ev->start_mark);
        if (!n)
            return oom(b, ev->start_mark);
        const unsigned char *a = is_map ? ev->data.mapping_start.anchor
                                        : ev->data.sequence_start.anchor;
        char *name = NULL;
        if (a && !(name = dup_cstr(a)))
            return oom(b, ev->start_mark);
        b->stack_anchor[b->depth] = name;
        b->stack[b->depth++] = n;
        return 0;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
        ynode *n = b->stack[--b->depth];
        char *name = b->stack_anchor[b->depth];
        b->stack_anchor[b->depth] = NULL;
        /* The anchor becomes usable only once complete, so no alias can make
         * a cycle. */
        if (name && remember_anchor(b, name, n) < 0) {
            free(name);
            return oom(b, ev->start_mark);
        }
        if (n->kind == Y_MAP && check_duplicates(b, n) < 0)
            return -1;
        /* Weight of n already counted into ancestors as kids were attached;
         * attach only adds n itself to them (its kids are inside already). */
        unsigned long long w = n->weight, by = n->bytes;
        n->weight = 1;
        n->bytes = 0;
        int rc = attach(b, n, ev->start_mark, 0);
        n->weight = w;
        n->bytes = by;
        return rc;
    }
    case YAML_ALIAS_EVENT: {
        if (++b->n_aliases > LIMIT_ALIASES) {
            bdiag(b, S75_ELIMIT, mark_of(b, ev->start_mark), "",
                     "more than %u aliases in one file", LIMIT_ALIASES);
            return -1;
        }
        ynode *target = find_anchor(b, (const char *)ev->data.alias.anchor);
        if (!target) {
            bdiag(b, S75_EINVAL, mark_of(b, ev->start_mark), "",
                     "alias *%.40s names no complete anchor before it", ev->data.alias.anchor);
            return -1;
        }
        return attach(b, target, ev->start_mark, 1);
    }
    default:
        return 0;
    }
}

int ydoc_parse(ydoc *doc, const char *file, const char *text, size_t len, diag *d)
{
    ybudget own = { 0, 0 };
    return ydoc_parse_budget(doc, file, text, len, d, &own);
}

int ydoc_parse_budget(ydoc *doc, const char *file, const char *text, size_t len, diag *d,
                      ybudget *budget)
{
    memset(doc, 0, sizeof *doc);
    size_t flen = strlen(file);
    doc->file = malloc(flen + 1);
    if (!doc->file) {
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
        return S75_ENOMEM;
    }
    memcpy(doc->file, file, flen + 1);

    builder b;
    memset(&b, 0, sizeof b);
    b.doc = doc;
    b.d = d;
    b.bud = budget;
    yaml_mark_t start = { 0, 0, 0 };
    if (charge(&b, 0, len, start) < 0)
        return b.code;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
        return S75_ENOMEM;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            mark at = { doc->file, (int)parser.problem_mark.line + 1,
                        (int)parser.problem_mark.column + 1 };
            if (parser.error == YAML_READER_ERROR) {
                /* Reader errors (a NUL, bad UTF-8) carry a byte offset, not a
                 * mark: count the lines up to it ourselves. */
                at.line = 1;
                at.column = 1;
                for (size_t i = 0; i < parser.problem_offset && i < len; i++) {
                    if (text[i] == '\n') {
                        at.line++;
                        at.column = 1;
                    } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
                        at.column++;
                    }
                }
            }
            if (parser.error == YAML_MEMORY_ERROR)
                bdiag(&b, S75_ENOMEM, at, "", "out of memory");
            else
                bdiag(&b, S75_EINVAL, at, "", "not valid YAML: %s%s%s",
                         parser.problem ? parser.problem : "syntax error",
                         parser.context ? " " : "", parser.context ? parser.context : "");
            break;
        }
        int done = ev.type == YAML_STREAM_END_EVENT;
        int rc = on_event(&b, &ev);
        yaml_event_delete(&ev);
        if (rc < 0 || done)
            break;
    }
    yaml_parser_delete(&parser);
    for (int i = 0; i < b.depth; i++)
        free(b.stack_anchor[i]);
    for (size_t i = 0; i < b.n_anchors; i++)
        free(b.anchors[i].name);
    free(b.anchors);
    if (b.code != S75_OK)
        return b.code;
    return d->oom ? S75_ENOMEM : S75_OK;
}

void ydoc_free(ydoc *doc)
{
    for (yblock *bl = doc->blocks, *next; bl; bl = next) {
        next = bl->next;
        free(bl);
    }
    free(doc->all);
    free(doc->file);
    memset(doc, 0, sizeof *doc);
}

ynode *ymap_get(const ynode *map, const char *key)
{
    if (!map || map->kind != Y_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++) {
        ynode *k = ymap_key(map, i);
        if (k->kind == Y_SCALAR && strcmp(k->text, key) == 0)
            return ymap_value(map, i);
    }
    return NULL;
}

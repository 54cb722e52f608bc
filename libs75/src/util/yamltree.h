/* A YAML document read into a small tree of nodes that keep their place in
 * the file, so every later error can name file:line:column.
 *
 * Aliases are resolved by sharing the anchored node (the tree is a DAG); the
 * nodes and the scalar bytes after expansion are counted against a budget
 * that one load shares across every file it reads, so an alias bomb or a
 * pile of large includes is an error, not an exponential walk or gigabytes
 * of copies. A mapping that holds the same key twice is an error with both
 * places, whatever the mapping: the tree never offers a reader two values
 * for one key. */
#ifndef S75_YAMLTREE_H
#define S75_YAMLTREE_H

#include <stddef.h>
#include "diag.h"

typedef enum ykind { Y_SCALAR, Y_SEQ, Y_MAP } ykind;

typedef struct ynode ynode;
struct ynode {
    ykind kind;
    mark at;          /* where the node starts */
    char *text;       /* scalar text, NUL-terminated */
    size_t len;
    int plain;        /* scalar written without quotes */
    ynode **kids;     /* Y_SEQ: items; Y_MAP: key, value, key, value, ... */
    size_t n;         /* Y_SEQ: items; Y_MAP: pairs */
    size_t slots, cap; /* pointers used and allocated in kids */
    unsigned long long weight; /* nodes below and including this one, aliases expanded */
    unsigned long long bytes;  /* scalar bytes below and including this one, expanded */
    const void *owner;         /* NULL: the document's; else whoever made the node (overrides) */
};

/* What one load may still read: nodes after alias expansion and bytes (file
 * text plus scalar text reached again through aliases). Shared by every
 * file of a load; limits from input_limits.h. */
typedef struct ybudget {
    unsigned long long nodes, bytes; /* used so far */
} ybudget;

typedef struct yblock yblock;

typedef struct ydoc {
    ynode *root;      /* NULL for an empty document */
    char *file;       /* the name used in marks */
    ynode **all;      /* every node */
    size_t n_all, cap_all;
    yblock *blocks;   /* where the nodes, their text and children live */
} ydoc;

/* Parses text (len bytes) into doc. Errors go to d with the file name.
 * Returns S75_OK or the first error code; doc is valid (maybe partial) and
 * must be released with ydoc_free either way. */
int ydoc_parse(ydoc *doc, const char *file, const char *text, size_t len, diag *d);
/* The same, charging the nodes and bytes to *budget (shared by a load). */
int ydoc_parse_budget(ydoc *doc, const char *file, const char *text, size_t len, diag *d,
                      ybudget *budget);
void ydoc_free(ydoc *doc);

/* Nodes that no YAML file holds (a CSV table mapped onto the tree, so the
 * ordinary loader reads it): ydoc_init_built starts an empty document named
 * file; the others make nodes that live in doc and are freed with it. A map
 * takes a key and then its value with ynode_append. All return NULL / -1 when
 * memory runs out. */
int ydoc_init_built(ydoc *doc, const char *file);
ynode *ynode_build(ydoc *doc, ykind kind, mark at);
ynode *ynode_build_scalar(ydoc *doc, mark at, const char *text, size_t len);
int ynode_append(ydoc *doc, ynode *parent, ynode *kid);

/* Map lookup (first pair with that key), NULL when absent. */
ynode *ymap_get(const ynode *map, const char *key);
static inline ynode *ymap_key(const ynode *map, size_t i) { return map->kids[2 * i]; }
static inline ynode *ymap_value(const ynode *map, size_t i) { return map->kids[2 * i + 1]; }

const char *ykind_name(ykind k);

#endif

/* Reading typed values out of the YAML tree, with the field path kept for
 * messages. Every getter reports its own error (at the node, with the path)
 * and returns -1; 0 on success. Callers carry on after an error so one pass
 * finds every problem. */
#ifndef S75_READER_H
#define S75_READER_H

#include <stddef.h>
#include "diag.h"
#include "fy.h"
#include "xstr.h"
#include "yamltree.h"

typedef struct reader {
    diag *d;
    char path[512];
    size_t plen;
    int base_year, years;    /* model horizon, once known */
} reader;

void rd_init(reader *r, diag *d);

/* Path building: each push returns the length to pop back to. */
size_t rd_push_key(reader *r, const char *key);
size_t rd_push_index(reader *r, size_t i);
void rd_pop(reader *r, size_t len);

/* An error at node n (or at `fallback` when n is NULL) under the current path. */
void rd_error(reader *r, const ynode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void rd_error_code(reader *r, int code, const ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Allowed keys of a mapping; unknown ones are errors with the nearest known
 * key suggested. required: keys that must be present (NULL-terminated).
 * Returns -1 if n is not a mapping. */
int rd_check_map(reader *r, const ynode *n, const char *const *allowed,
                 const char *const *required);

/* Expect a kind. */
int rd_expect(reader *r, const ynode *n, ykind kind);

/* Text (rd_string, so every name and id) refuses control characters: C0,
 * DEL and C1 (U+0080 to U+009F), which would reach a terminal raw or forge a
 * line of a report. */

/* Values. The child variants look a key up in a mapping, push it onto the
 * path, and leave *out untouched when the key is absent (returning 1). */
int rd_number(reader *r, const ynode *n, double *out);
int rd_number_in(reader *r, const ynode *n, double *out, double lo, double hi);
int rd_int(reader *r, const ynode *n, long *out, long lo, long hi);
int rd_string(reader *r, const ynode *n, const char **out);
int rd_bool(reader *r, const ynode *n, int *out);
/* A rate: a number in [-1, 1] or a per-cent string; then within [lo, hi]. */
int rd_rate(reader *r, const ynode *n, double *out, double lo, double hi);
/* A year key, 2026 or "2026/27", as the FY's first calendar year. */
int rd_year(reader *r, const ynode *n, int *out);
/* An id: [a-z0-9_-]+. */
int rd_id(reader *r, const ynode *n, const char **out);

int rd_child_number_in(reader *r, const ynode *map, const char *key, double *out, double lo,
                       double hi);
int rd_child_rate(reader *r, const ynode *map, const char *key, double *out, double lo,
                  double hi);
int rd_child_string(reader *r, const ynode *map, const char *key, const char **out);
int rd_child_bool(reader *r, const ynode *map, const char *key, int *out);
int rd_child_int(reader *r, const ynode *map, const char *key, long *out, long lo, long hi);

/* Series (MODEL.md §1): scalar or {year: value} step function, resolved into
 * out[y - first] for FY y in [first, last]. Keys after `last` are errors
 * (outside the model), and so is a needed year before the first key.
 * kind: 0 rate (bounds lo..hi), 1 number (bounds lo..hi), with SERIES_ABOVE_LO
 * and/or SERIES_BELOW_HI or'ed in to make a bound strict (need > 0, share < 1). */
enum { SERIES_RATE = 0, SERIES_NUMBER = 1, SERIES_ABOVE_LO = 2, SERIES_BELOW_HI = 4 };
int rd_series(reader *r, const ynode *n, int kind, double lo, double hi, int first, int last,
              double *out);

/* Nearest of candidates to word (edit distance), or NULL when none is close. */
const char *nearest_word(const char *word, const char *const *candidates);
/* The same while the load still gives suggestions (diag_suggesting), else
 * NULL: a file of thousands of unknown names costs no edit distances. */
const char *rd_nearest(const reader *r, const char *word, const char *const *candidates);

/* calloc that records ENOMEM at n on failure */
void *rd_calloc(reader *r, const ynode *n, size_t count, size_t size);
/* A copy the scenario keeps; out of memory is an error like any other (a
 * name that silently became NULL would print as "(null)" or crash). */
char *rd_strdup(reader *r, const char *s);

#endif

/* Collecting errors: the loader reports every problem it finds, not just the
 * first, so `s75 validate` can list them all. */
#ifndef S75_DIAG_H
#define S75_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include "s75/error.h"

struct s75_diagnostics {
    s75_error *items;
    size_t count, cap;
    int oom;          /* an allocation failed while recording */
    int first_code;   /* code of the first error, S75_OK if none */
    size_t total;     /* errors reported, kept or not */
};

/* Past this many messages the rest are counted, not kept. */
#define DIAG_MAX 1000
/* Did-you-mean suggestions cost an edit distance per candidate: only the
 * first messages get them, so a file of unknown names costs no more than
 * one of known names. */
#define DIAG_SUGGEST_MAX 100
static inline int diag_suggesting(const struct s75_diagnostics *d) { return d->total < DIAG_SUGGEST_MAX; }

typedef struct s75_diagnostics diag;

/* A place in a file: 1-based line and column; file borrowed. */
typedef struct mark {
    const char *file;
    int line, column;
} mark;

void diag_init(diag *d);
void diag_clear(diag *d);

/* Records an error at a place with a field path ("" for none). */
void diag_add(diag *d, int code, mark at, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_addv(diag *d, int code, mark at, const char *path, const char *fmt, va_list ap);

/* Fills an s75_error directly (no list). err may be NULL. Returns code. */
int error_set(s75_error *err, int code, mark at, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int error_setv(s75_error *err, int code, mark at, const char *path, const char *fmt, va_list ap);

/* Copies the first recorded error into err (if any). Returns its code. */
int diag_first(const diag *d, s75_error *err);

static inline int diag_failed(const diag *d) { return d->count > 0 || d->oom; }

extern const mark no_mark;

/* The offset of the first control character in s (len bytes): C0, DEL, or a
 * C1 control written in UTF-8 (U+0080 to U+009F); len when there is none. */
size_t text_control_at(const char *s, size_t len);

/* Copies src into dst (cap bytes, always terminated) with every control
 * character written as \xHH (a C1 one as \u0085), so a message shows what the
 * file holds without letting it move the cursor, set a terminal's title or
 * forge a line. Every message the library makes goes through it. */
void text_escape_controls(char *dst, size_t cap, const char *src);

#endif

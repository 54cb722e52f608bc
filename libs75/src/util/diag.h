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
};

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

#endif

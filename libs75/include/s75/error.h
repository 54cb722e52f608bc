/* Status codes and error reports.
 *
 * Every function that can fail returns an s75_status: S75_OK (0) or a
 * negative code (the s75_scenario_check_* functions return a count of
 * errors, or a negative code, as an int). When the caller passes a non-NULL s75_error, it is filled with
 * the code, a message and, for scenario input, the file, line, column and
 * field path of the offending value. The struct is plain data owned by the
 * caller; nothing in it needs freeing. */
#ifndef S75_ERROR_H
#define S75_ERROR_H

#include "export.h"
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum s75_status {
    S75_OK = 0,
    S75_EINVAL = -1,   /* invalid input: a scenario value, or a bad argument */
    S75_ENOMEM = -2,   /* an allocation failed */
    S75_EIO = -3,      /* a file could not be read or written */
    S75_ELIMIT = -4,   /* a safety limit (file size, nesting, aliases, ...) was hit */
    S75_ENUMERIC = -5, /* a computation has no answer (no root, overflow) */
    S75_EUSAGE = -6    /* the API was called wrongly (NULL handle, wrong kind) */
} s75_status;

#define S75_ERROR_TEXT_MAX 512
#define S75_ERROR_FILE_MAX 512
#define S75_ERROR_PATH_MAX 256

typedef struct s75_error {
    s75_status code;
    int line;                          /* 1-based; 0 when not about a place in a file */
    int column;                        /* 1-based; 0 when not about a place in a file */
    char file[S75_ERROR_FILE_MAX];     /* "" when not about a file */
    char path[S75_ERROR_PATH_MAX];     /* field path such as "workforce[2].wte", or "" */
    char text[S75_ERROR_TEXT_MAX];     /* the bare message, e.g. "must be >= 0, got -3" */
    /* "hv.yaml:14:9: workforce[2].wte: must be >= 0, got -3": the form to show people */
    char message[S75_ERROR_FILE_MAX + S75_ERROR_PATH_MAX + S75_ERROR_TEXT_MAX + 32];
} s75_error;

/* A list of errors, as collected when a whole file is checked. */
typedef struct s75_diagnostics s75_diagnostics;

/* Number of errors in the list (0 for NULL). */
S75_API size_t s75_diagnostics_count(const s75_diagnostics *diags);

/* The i-th error, borrowed: valid until the list is freed. NULL past the end. */
S75_API const s75_error *s75_diagnostics_get(const s75_diagnostics *diags, size_t i);

/* Frees the list. NULL is a no-op. */
S75_API void s75_diagnostics_free(s75_diagnostics *diags);

/* A short English description of a status code. Static storage. */
S75_API const char *s75_strerror(s75_status code);

/* Frees memory the library returned to the caller (rendered reports). */
S75_API void s75_free(void *ptr);

#ifdef __cplusplus
}
#endif
#endif

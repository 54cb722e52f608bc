/* Writing a report file all or nothing: the content goes to a temporary file
 * beside the target, renamed into place only when complete, so a failed
 * write never leaves a half-written report (nor a stray temporary file). */
#ifndef S75_ATOMIC_WRITE_H
#define S75_ATOMIC_WRITE_H

#include <stddef.h>

#include "s75/error.h"

/* Fills the file at tmp_path (which exists, empty). Returns S75_OK or a
 * status with err filled. */
typedef int (*atomic_fill_fn)(const char *tmp_path, void *ctx, s75_error *err);

/* Reserves a temporary name beside path, calls fill, and renames the result
 * onto path; on any failure the temporary file is removed. Returns S75_OK,
 * S75_EIO (err names path), S75_ENOMEM or fill's status. */
int atomic_write(const char *path, atomic_fill_fn fill, void *ctx, s75_error *err);

/* A fill that writes `len` bytes of text (ctx: an atomic_bytes). */
typedef struct atomic_bytes {
    const char *data;
    size_t len;
} atomic_bytes;
int atomic_fill_bytes(const char *tmp_path, void *ctx, s75_error *err);

#endif

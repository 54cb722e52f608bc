/* Writing a report file all or nothing, and only where the user meant.
 *
 * A regular file is replaced atomically, keeping its mode (and its owner
 * where the writer may give it): on Linux the content goes to an unnamed
 * O_TMPFILE file in the target's folder, linked in and renamed over the
 * target only when complete, so a failure or even kill -9 leaves neither a
 * half-written report nor a stray file (but for the instant between link
 * and rename). Where O_TMPFILE or /proc is missing, a named `.s75-XXXXXXXX`
 * file beside the target is used instead, which a crash can leave behind.
 *
 * A symbolic link is followed (its target is replaced; the link stays). A
 * device, FIFO or socket is written in place, as is `-` (standard output),
 * and so is a regular file with more than one hard link, which a rename
 * would split: such a file is overwritten, not replaced atomically. A folder
 * is refused. */
#ifndef S75_ATOMIC_WRITE_H
#define S75_ATOMIC_WRITE_H

#include <stddef.h>

#include "s75/error.h"

/* Fills the file at tmp_path (it exists; open it for writing with truncation,
 * e.g. fopen "wb"). Returns S75_OK or a status with err filled. */
typedef int (*atomic_fill_fn)(const char *tmp_path, void *ctx, s75_error *err);

/* Calls fill on a temporary file (or on the target itself, as above) and
 * puts the result in place. Returns S75_OK, S75_EIO (err names path),
 * S75_ENOMEM or fill's status. */
int atomic_write(const char *path, atomic_fill_fn fill, void *ctx, s75_error *err);

/* A fill that writes `len` bytes of text (ctx: an atomic_bytes). */
typedef struct atomic_bytes {
    const char *data;
    size_t len;
} atomic_bytes;
int atomic_fill_bytes(const char *tmp_path, void *ctx, s75_error *err);

#endif

/* All-or-nothing report files (atomic_write.h). */
#include "atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

int atomic_write(const char *path, atomic_fill_fn fill, void *ctx, s75_error *err)
{
    if (!path)
        return error_set(err, S75_EUSAGE, no_mark, "", "path is NULL");
    mark at = { path, 0, 0 };
    size_t cap = strlen(path) + 48;
    char *tmp = malloc(cap);
    if (!tmp)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    /* Beside the target, so rename() stays within one file system and is
     * atomic; 0666 lets the umask set permissions as for any file the user
     * saves; O_EXCL makes a name clash a retry, never a shared file. */
    int fd = -1;
    for (unsigned attempt = 0; attempt < 100 && fd < 0; attempt++) {
        snprintf(tmp, cap, "%s.tmp-%ld-%u", path, (long)getpid(),
                 attempt * 2654435761u ^ (unsigned)(uintptr_t)&fd);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        int rc = error_set(err, S75_EIO, at, "", "cannot write: %s", strerror(errno));
        free(tmp);
        return rc;
    }
    close(fd);
    int rc = fill(tmp, ctx, err);
    if (rc == S75_EIO && err && !err->file[0]) {
        /* Name the file the user asked for, not the temporary one. */
        char text[S75_ERROR_TEXT_MAX];
        memcpy(text, err->text, sizeof text);
        error_set(err, S75_EIO, at, "", "%s", text);
    }
    if (rc == S75_OK && rename(tmp, path) != 0)
        rc = error_set(err, S75_EIO, at, "", "cannot write: %s", strerror(errno));
    if (rc != S75_OK)
        unlink(tmp);
    free(tmp);
    return rc;
}

int atomic_fill_bytes(const char *tmp_path, void *ctx, s75_error *err)
{
    const atomic_bytes *b = ctx;
    FILE *f = fopen(tmp_path, "wb");
    int ok = f && fwrite(b->data, 1, b->len, f) == b->len;
    int saved = errno;
    if (f && fclose(f) != 0) {
        saved = errno;
        ok = 0;
    }
    if (!ok)
        return error_set(err, S75_EIO, no_mark, "", "cannot write: %s", strerror(saved));
    return S75_OK;
}

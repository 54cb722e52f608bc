/* Report files written all or nothing, and only where the user meant
 * (atomic_write.h). */
#define _GNU_SOURCE /* O_TMPFILE, linkat's AT_SYMLINK_FOLLOW */
#include "atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"

/* Names the file the user asked for, not the temporary one, in a fill's
 * error. */
static int name_target(int rc, const char *path, s75_error *err)
{
    if (rc == S75_EIO && err && !err->file[0]) {
        char text[S75_ERROR_TEXT_MAX];
        memcpy(text, err->text, sizeof text);
        mark at = { path, 0, 0 };
        error_set(err, S75_EIO, at, "", "%s", text);
    }
    return rc;
}

static int io_error(const char *path, s75_error *err)
{
    mark at = { path, 0, 0 };
    return error_set(err, S75_EIO, at, "", "cannot write: %s", strerror(errno));
}

/* The folder part of path ("." when none), malloc'd. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, path, n);
        d[n] = '\0';
    }
    return d;
}

/* A short name in `dir` for the moment between link and rename: short, so a
 * target name of NAME_MAX bytes still leaves room. */
static void temp_name(char *buf, size_t cap, const char *dir, unsigned attempt)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long v = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16) ^
                      (attempt * 2654435761u) ^ (unsigned long)(uintptr_t)buf;
    snprintf(buf, cap, "%s/.s75-%08lx", dir, v & 0xffffffffUL);
}

/* Gives the finished file the mode (and, where allowed, the owner) of the
 * file it replaces, or 0666 less the umask for a new one (what open()
 * would have given it). */
static void keep_mode(int fd, const struct stat *old)
{
    if (old) {
        if (fchown(fd, old->st_uid, old->st_gid) != 0) {
            /* Not the owner's to give: the file becomes the writer's, as an
             * editor's save would make it. */
        }
        fchmod(fd, old->st_mode & 07777);
    }
}

#ifdef O_TMPFILE
/* Linux: an unnamed file in the target's folder, filled through
 * /proc/self/fd and linked in only when complete, so a crash (even
 * kill -9) leaves nothing behind. Returns 1 when O_TMPFILE or /proc is not
 * available (the caller falls back), else a status. */
static int write_unnamed(const char *target, const char *dir, const struct stat *old,
                         atomic_fill_fn fill, void *ctx, s75_error *err)
{
    int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0)
        return errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL || errno == ENOENT
                   ? 1
                   : io_error(target, err);
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (access(proc, W_OK) != 0) {
        close(fd);
        return 1;
    }
    keep_mode(fd, old);
    int rc = name_target(fill(proc, ctx, err), target, err);
    if (rc == S75_OK && fsync(fd) != 0)
        rc = io_error(target, err);
    size_t cap = strlen(dir) + 32;
    char *tmp = malloc(cap);
    if (rc == S75_OK && !tmp)
        rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    int linked = 0;
    for (unsigned attempt = 0; rc == S75_OK && !linked && attempt < 100; attempt++) {
        temp_name(tmp, cap, dir, attempt);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0)
            linked = 1;
        else if (errno != EEXIST)
            rc = io_error(target, err);
    }
    if (rc == S75_OK && !linked)
        rc = io_error(target, err);
    if (rc == S75_OK && rename(tmp, target) != 0) {
        rc = io_error(target, err);
        unlink(tmp);
    }
    free(tmp);
    close(fd);
    return rc;
}
#endif

/* Elsewhere: a named temporary file beside the target, renamed into place.
 * A crash between its creation and the rename leaves a `.s75-*` file. */
static int write_named(const char *target, const char *dir, const struct stat *old,
                       atomic_fill_fn fill, void *ctx, s75_error *err)
{
    size_t cap = strlen(dir) + 32;
    char *tmp = malloc(cap);
    if (!tmp)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    int fd = -1;
    for (unsigned attempt = 0; attempt < 100 && fd < 0; attempt++) {
        temp_name(tmp, cap, dir, attempt);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        int rc = io_error(target, err);
        free(tmp);
        return rc;
    }
    keep_mode(fd, old);
    close(fd);
    int rc = name_target(fill(tmp, ctx, err), target, err);
    if (rc == S75_OK && rename(tmp, target) != 0)
        rc = io_error(target, err);
    if (rc != S75_OK)
        unlink(tmp);
    free(tmp);
    return rc;
}

int atomic_write(const char *path, atomic_fill_fn fill, void *ctx, s75_error *err)
{
    if (!path || !*path)
        return error_set(err, S75_EUSAGE, no_mark, "", "path is NULL or empty");
    /* `-` is standard output, written as it comes. */
    if (strcmp(path, "-") == 0)
        return name_target(fill("/dev/stdout", ctx, err), "-", err);
    /* A link is followed: the report replaces the file it points to and the
     * link stays a link. A dangling one is written through (creating its
     * target), as any program writing to it would. */
    char *real = realpath(path, NULL);
    const char *target = real ? real : path;
    struct stat st;
    int exists = stat(target, &st) == 0;
    int rc;
    if (!real && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        rc = name_target(fill(path, ctx, err), path, err);
    } else if (exists && S_ISDIR(st.st_mode)) {
        mark at = { path, 0, 0 };
        rc = error_set(err, S75_EIO, at, "", "cannot write: is a folder");
    } else if (exists && (!S_ISREG(st.st_mode) || st.st_nlink > 1)) {
        /* A device, a FIFO or a socket is written in place: replacing
         * /dev/null with a regular file is never what was meant. So is a
         * file with several hard links, which a rename would split (the
         * other names would keep the old report); such a file is not
         * replaced atomically. */
        rc = name_target(fill(target, ctx, err), path, err);
    } else {
        char *dir = folder_of(target);
        if (!dir) {
            rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        } else {
            rc = 1;
#ifdef O_TMPFILE
            rc = write_unnamed(target, dir, exists ? &st : NULL, fill, ctx, err);
#endif
            if (rc == 1)
                rc = write_named(target, dir, exists ? &st : NULL, fill, ctx, err);
            free(dir);
        }
    }
    free(real);
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

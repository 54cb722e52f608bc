/* Reading a whole input file within the size limit of input_limits.h. */
#include "read_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input_limits.h"

char *read_file_limited(const char *path, size_t *len, diag *d, mark from, const char *field)
{
    return read_file_max(path, len, d, from, field, LIMIT_FILE_BYTES);
}

char *read_file_max(const char *path, size_t *len, diag *d, mark from, const char *field,
                    size_t limit)
{
    mark at = { path, 0, 0 };
    /* O_NONBLOCK so that a FIFO named by a hostile include cannot block the
     * open; anything but a regular file is refused before a byte is read. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (from.file)
            diag_add(d, S75_EIO, from, field, "cannot open '%s': %s", path, strerror(errno));
        else
            diag_add(d, S75_EIO, at, "", "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (from.file)
            diag_add(d, S75_EIO, from, field, "'%s' is not a regular file", path);
        else
            diag_add(d, S75_EIO, at, "", "not a regular file");
        close(fd);
        return NULL;
    }
    if (st.st_size > (off_t)limit) {
        diag_add(d, S75_ELIMIT, at, "", "file is %lld bytes; the limit is %zu",
                 (long long)st.st_size, limit);
        close(fd);
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            diag_add(d, S75_EIO, at, "", "read error: %s", strerror(errno));
            free(buf);
            close(fd);
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > limit) {
            /* The file grew while we read it. */
            diag_add(d, S75_ELIMIT, at, "", "file is larger than the limit of %zu bytes",
                     limit);
            free(buf);
            close(fd);
            return NULL;
        }
        if (n == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
    }
    close(fd);
    if (!buf) {
        diag_add(d, S75_ENOMEM, at, "", "out of memory");
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

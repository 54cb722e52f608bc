/* Rendering results and writing them to files, atomically. */
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "report_xlsx.h"

int s75_result_render(char **out, size_t *len, const s75_result *res, s75_format fmt,
                      s75_error *err)
{
    if (!out)
        return error_set(err, S75_EUSAGE, no_mark, "", "out is NULL");
    *out = NULL;
    if (!res)
        return error_set(err, S75_EUSAGE, no_mark, "", "result is NULL");
    sbuf b;
    sb_init(&b);
    switch (fmt) {
    case S75_FORMAT_TEXT: report_text(&b, res); break;
    case S75_FORMAT_CSV: report_csv(&b, res); break;
    case S75_FORMAT_JSON: report_json(&b, res); break;
    case S75_FORMAT_HTML: report_html(&b, res); break;
    case S75_FORMAT_XLSX:
        return error_set(err, S75_EUSAGE, no_mark, "", "xlsx is written to a file: use "
                         "s75_result_write_file");
    default:
        return error_set(err, S75_EUSAGE, no_mark, "", "unknown format %d", (int)fmt);
    }
    *out = sb_take(&b, len);
    if (!*out)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    return S75_OK;
}

int s75_result_write_file(const s75_result *res, s75_format fmt, const char *path,
                          s75_error *err)
{
    if (!path)
        return error_set(err, S75_EUSAGE, no_mark, "", "path is NULL");
    if (fmt == S75_FORMAT_XLSX)
        return report_xlsx_write_file(res, path, err);
    char *text;
    size_t len;
    int rc = s75_result_render(&text, &len, res, fmt, err);
    if (rc)
        return rc;
    mark at = { path, 0, 0 };
    size_t pl = strlen(path);
    size_t cap = pl + 48;
    char *tmp = malloc(cap);
    if (!tmp) {
        free(text);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    /* The temporary file sits beside the target so rename() stays within
     * one file system and is atomic. open() with 0666 lets the umask set the
     * report's permissions, as for any file the user saves (mkstemp's 0600
     * would hide a board paper from colleagues on a shared drive); O_EXCL
     * makes a name clash a retry, never a shared file. */
    int fd = -1;
    for (unsigned attempt = 0; attempt < 100 && fd < 0; attempt++) {
        snprintf(tmp, cap, "%s.tmp-%ld-%u", path, (long)getpid(),
                 attempt * 2654435761u ^ (unsigned)(uintptr_t)&fd);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        rc = error_set(err, S75_EIO, at, "", "cannot write: %s", strerror(errno));
        free(tmp);
        free(text);
        return rc;
    }
    FILE *f = fdopen(fd, "wb");
    int ok = f && fwrite(text, 1, len, f) == len;
    if (f)
        ok = (fclose(f) == 0) && ok;
    else
        close(fd);
    if (!ok || rename(tmp, path) != 0) {
        rc = error_set(err, S75_EIO, at, "", "cannot write: %s", strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    free(text);
    return rc;
}

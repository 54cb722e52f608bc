/* Rendering results and writing them to files, atomically. */
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

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
    char *text;
    size_t len;
    int rc = s75_result_render(&text, &len, res, fmt, err);
    if (rc)
        return rc;
    mark at = { path, 0, 0 };
    size_t pl = strlen(path);
    char *tmp = malloc(pl + 16);
    if (!tmp) {
        free(text);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    /* The temporary file sits beside the target so rename() stays within
     * one file system and is atomic. */
    snprintf(tmp, pl + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
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

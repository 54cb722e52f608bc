/* Rendering results and writing them to files, atomically. */
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic_write.h"
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
    case S75_FORMAT_TIDY: {
        sbuf json;
        sb_init(&json);
        report_json(&json, res);
        if (json.oom)
            b.oom = 1;
        else
            report_tidy(&b, json.s, json.len);
        sb_free(&json);
        break;
    }
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
    atomic_bytes bytes = { text, len };
    rc = atomic_write(path, atomic_fill_bytes, &bytes, err);
    free(text);
    return rc;
}

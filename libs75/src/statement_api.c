/* The public entry points of s75/statement.h. */
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "diag.h"
#include "run.h"
#include "s75/statement.h"
#include "statement.h"
#include "statement_report.h"

static int compute(statement *st, const s75_result *res, const char *id, s75_error *err)
{
    memset(st, 0, sizeof *st);
    if (!res || !id)
        return error_set(err, S75_EUSAGE, no_mark, "", "result and partner id must not be NULL");
    return statement_compute(st, res->sc, res->has_projection ? &res->proj : NULL,
                             res->simulation, res->monitoring, id, err);
}

static int render(sbuf *b, const s75_result *res, const statement *st, s75_format fmt,
                  s75_error *err)
{
    switch (fmt) {
    case S75_FORMAT_TEXT: statement_text(b, res->sc, st); return S75_OK;
    case S75_FORMAT_JSON: statement_json(b, res->sc, st); return S75_OK;
    case S75_FORMAT_HTML: statement_html(b, res->sc, st); return S75_OK;
    default:
        return error_set(err, S75_EUSAGE, no_mark, "", "a statement is text, json, html or (to "
                         "a file) xlsx");
    }
}

s75_status s75_statement_render(char **out, size_t *len, const s75_result *res, const char *id,
                         s75_format fmt, s75_error *err)
{
    if (!out)
        return error_set(err, S75_EUSAGE, no_mark, "", "out is NULL");
    *out = NULL;
    statement st;
    int rc = compute(&st, res, id, err);
    sbuf b;
    sb_init(&b);
    if (rc == S75_OK)
        rc = render(&b, res, &st, fmt, err);
    statement_release(&st);
    if (rc != S75_OK) {
        sb_free(&b);
        return rc;
    }
    *out = sb_take(&b, len);
    return *out ? S75_OK : error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
}

s75_status s75_statement_write_file(const s75_result *res, const char *id, s75_format fmt,
                             const char *path, s75_error *err)
{
    if (!path)
        return error_set(err, S75_EUSAGE, no_mark, "", "path is NULL");
    if (fmt != S75_FORMAT_XLSX) {
        char *text;
        size_t len;
        int rc = s75_statement_render(&text, &len, res, id, fmt, err);
        if (rc)
            return rc;
        atomic_bytes bytes = { text, len };
        rc = atomic_write(path, atomic_fill_bytes, &bytes, err);
        free(text);
        return rc;
    }
    statement st;
    int rc = compute(&st, res, id, err);
    if (rc == S75_OK)
        rc = report_xlsx_write_statement(res, &st, path, err);
    statement_release(&st);
    return rc;
}

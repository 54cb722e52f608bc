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
#include "reader.h"
#include "report_xlsx.h"
#include "c_locale.h"

/* Checks opts: a known version, and sections (HTML only) each a known id,
 * none twice. */
s75_status s75_render_options_check(const s75_render_options *o, s75_format fmt, s75_error *err)
{
    if (!o)
        return S75_OK;
    if (o->version != S75_RENDER_OPTIONS_VERSION)
        return error_set(err, S75_EUSAGE, no_mark, "", "render options of version %u; this "
                         "library reads version %u", o->version, S75_RENDER_OPTIONS_VERSION);
    if (!o->sections)
        return S75_OK;
    if (fmt != S75_FORMAT_HTML)
        return error_set(err, S75_EUSAGE, no_mark, "", "sections choose the parts of the HTML "
                         "paper; this is another format");
    char word[64];
    size_t seen = 0;
    for (const char *p = o->sections; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t k = strcspn(p, ", ");
        if (!k)
            break;
        snprintf(word, sizeof word, "%.*s", (int)(k < 63 ? k : 63), p);
        size_t i = 0;
        while (html_section_ids[i] && strcmp(html_section_ids[i], word) != 0)
            i++;
        if (!html_section_ids[i] || k >= 63) {
            const char *near = nearest_word(word, html_section_ids);
            return error_set(err, S75_EUSAGE, no_mark, "", "sections: unknown section '%s'%s%s%s "
                             "(the sections are summary, portfolio, monitoring, appraisal, "
                             "simulation, cost, spend, risk-share, workforce, demand, appendix)",
                             word, near ? " (did you mean '" : "", near ? near : "",
                             near ? "'?)" : "");
        }
        if (seen & ((size_t)1 << i))
            return error_set(err, S75_EUSAGE, no_mark, "", "sections: '%s' is listed twice",
                             word);
        seen |= (size_t)1 << i;
        p += k;
    }
    if (!seen)
        return error_set(err, S75_EUSAGE, no_mark, "", "sections: no section named");
    return S75_OK;
}

static int result_render_in_c(char **out, size_t *len, const s75_result *res, s75_format fmt,
                              const s75_render_options *opts, s75_error *err)
{
    if (!out)
        return error_set(err, S75_EUSAGE, no_mark, "", "out is NULL");
    *out = NULL;
    if (!res)
        return error_set(err, S75_EUSAGE, no_mark, "", "result is NULL");
    int rc = s75_render_options_check(opts, fmt, err);
    if (rc)
        return rc;
    sbuf b;
    sb_init(&b);
    switch (fmt) {
    case S75_FORMAT_TEXT: report_text(&b, res); break;
    case S75_FORMAT_CSV: report_csv(&b, res); break;
    case S75_FORMAT_JSON: report_json(&b, res); break;
    case S75_FORMAT_HTML: report_html_sections(&b, res, opts ? opts->sections : NULL); break;
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

static int result_write_file_in_c(const s75_result *res, s75_format fmt, const char *path,
                                  const s75_render_options *opts, s75_error *err)
{
    if (!path)
        return error_set(err, S75_EUSAGE, no_mark, "", "path is NULL");
    if (fmt == S75_FORMAT_XLSX) {
        int rc = s75_render_options_check(opts, fmt, err);
        return rc ? rc : report_xlsx_write_file(res, path, err);
    }
    char *text;
    size_t len;
    int rc = result_render_in_c(&text, &len, res, fmt, opts, err);
    if (rc)
        return rc;
    atomic_bytes bytes = { text, len };
    rc = atomic_write(path, atomic_fill_bytes, &bytes, err);
    free(text);
    return rc;
}

/* The public calls read and write numbers in the C locale (c_locale.h). */
s75_status s75_result_render_opt(char **out, size_t *len, const s75_result *res, s75_format fmt,
                                 const s75_render_options *opts, s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = result_render_in_c(out, len, res, fmt, opts, err);
    c_locale_leave(&l);
    return rc;
}

s75_status s75_result_write_file_opt(const s75_result *res, s75_format fmt, const char *path,
                                     const s75_render_options *opts, s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = result_write_file_in_c(res, fmt, path, opts, err);
    c_locale_leave(&l);
    return rc;
}

s75_status s75_result_render(char **out, size_t *len, const s75_result *res, s75_format fmt,
                             s75_error *err)
{
    return s75_result_render_opt(out, len, res, fmt, NULL, err);
}

s75_status s75_result_write_file(const s75_result *res, s75_format fmt, const char *path,
                                 s75_error *err)
{
    return s75_result_write_file_opt(res, fmt, path, NULL, err);
}

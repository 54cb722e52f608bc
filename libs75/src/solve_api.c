/* The public entry points of s75/solve.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "diag.h"
#include "load.h"
#include "overrides.h"
#include "s75/solve.h"
#include "solve.h"
#include "solve_report.h"

struct s75_solve {
    solve_result r;
};

static const solve_result *R(const s75_solve *s)
{
    return (const solve_result *)(const void *)s;
}

static int check_options(const s75_solve_options *o, s75_error *err)
{
    if (o->version != S75_SOLVE_OPTIONS_VERSION)
        return error_set(err, S75_EUSAGE, no_mark, "", "solve options of version %u; this "
                         "library knows version %d", o->version, S75_SOLVE_OPTIONS_VERSION);
    return S75_OK;
}

static int solve_text_in(s75_solve **out, const char *file, const char *text, size_t len,
                         const s75_solve_options *o, s75_error *err)
{
    int rc = check_options(o, err);
    if (rc != S75_OK)
        return rc;
    trial_base base;
    memset(&base, 0, sizeof base);
    base.file = file, base.text = text, base.len = len;
    int lrc = load_opts_from_options(o->load, &base.opts, err);
    if (lrc != S75_OK)
        return lrc;
    solve_request rq = { o->vary, o->target, o->year, o->has_range, o->from, o->to, o->threads };
    solve_result *r;
    rc = solve_run(&base, &rq, &r, err);
    if (rc == S75_OK)
        *out = (s75_solve *)(void *)r;
    return rc;
}

s75_status s75_solve_file(s75_solve **out, const char *path, const s75_solve_options *o,
                   s75_error *err)
{
    if (!out || !path || !o) {
        if (out)
            *out = NULL;
        return error_set(err, S75_EUSAGE, no_mark, "", "out, path and options must not be NULL");
    }
    *out = NULL;
    int rc = check_options(o, err);
    if (rc != S75_OK)
        return rc;
    diag d;
    diag_init(&d);
    size_t len;
    char *text = read_file_limited(path, &len, &d, no_mark, "");
    if (!text) {
        rc = diag_first(&d, err);
        diag_clear(&d);
        return rc ? rc : error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    diag_clear(&d);
    rc = solve_text_in(out, path, text, len, o, err);
    free(text);
    return rc;
}

s75_status s75_solve_string(s75_solve **out, const char *text, size_t len, const char *name,
                     const s75_solve_options *o, s75_error *err)
{
    if (!out || !text || !o) {
        if (out)
            *out = NULL;
        return error_set(err, S75_EUSAGE, no_mark, "", "out, text and options must not be NULL");
    }
    *out = NULL;
    return solve_text_in(out, name ? name : "<string>", text, len, o, err);
}

void s75_solve_free(s75_solve *s)
{
    solve_result_free((solve_result *)(void *)s);
}

const char *s75_solve_path(const s75_solve *s)
{
    return s ? R(s)->path : NULL;
}

const char *s75_solve_target(const s75_solve *s)
{
    return s ? R(s)->target : NULL;
}

double s75_solve_value(const s75_solve *s)
{
    return s ? R(s)->value : NAN;
}

const char *s75_solve_set(const s75_solve *s)
{
    return s ? R(s)->set : NULL;
}

double s75_solve_goal(const s75_solve *s)
{
    return s ? R(s)->goal : NAN;
}

double s75_solve_achieved(const s75_solve *s)
{
    return s ? R(s)->achieved : NAN;
}

size_t s75_solve_evaluations(const s75_solve *s)
{
    return s ? R(s)->evaluations : 0;
}

int s75_solve_is_confidence(const s75_solve *s)
{
    return s ? R(s)->confidence : 0;
}

double s75_solve_standard_error(const s75_solve *s)
{
    return s && R(s)->confidence ? R(s)->standard_error : NAN;
}

int s75_solve_bracket(const s75_solve *s, double *fail, double *meet)
{
    if (!s || !R(s)->confidence)
        return S75_EUSAGE;
    if (fail)
        *fail = R(s)->bracket_fail;
    if (meet)
        *meet = R(s)->bracket_meet;
    return S75_OK;
}

s75_status s75_solve_render(char **out, size_t *len, const s75_solve *s, s75_format fmt,
                     s75_error *err)
{
    if (!out)
        return error_set(err, S75_EUSAGE, no_mark, "", "out is NULL");
    *out = NULL;
    if (!s)
        return error_set(err, S75_EUSAGE, no_mark, "", "solve is NULL");
    sbuf b;
    sb_init(&b);
    switch (fmt) {
    case S75_FORMAT_TEXT: solve_text(&b, R(s)); break;
    case S75_FORMAT_JSON: solve_json(&b, R(s)); break;
    case S75_FORMAT_HTML: solve_html(&b, R(s)); break;
    default:
        return error_set(err, S75_EUSAGE, no_mark, "", "a solve is written as text, json or "
                         "html");
    }
    *out = sb_take(&b, len);
    return *out ? S75_OK : error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
}

s75_status s75_solve_write_file(const s75_solve *s, s75_format fmt, const char *path, s75_error *err)
{
    if (!path)
        return error_set(err, S75_EUSAGE, no_mark, "", "path is NULL");
    char *text;
    size_t len;
    int rc = s75_solve_render(&text, &len, s, fmt, err);
    if (rc)
        return rc;
    atomic_bytes bytes = { text, len };
    rc = atomic_write(path, atomic_fill_bytes, &bytes, err);
    free(text);
    return rc;
}

/* The public entry points of s75/grid.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "diag.h"
#include "grid.h"
#include "grid_report.h"
#include "load.h"
#include "overrides.h"
#include "s75/grid.h"

struct s75_grid {
    grid_result g;
};

static const grid_result *G(const s75_grid *g)
{
    return (const grid_result *)(const void *)g;
}

static int check_options(const s75_grid_options *o, s75_error *err)
{
    if (o->version != S75_GRID_OPTIONS_VERSION)
        return error_set(err, S75_EUSAGE, no_mark, "", "grid options of version %u; this "
                         "library knows version %d", o->version, S75_GRID_OPTIONS_VERSION);
    return S75_OK;
}

static int grid_in(s75_grid **out, const char *file, const char *text, size_t len,
                   const s75_grid_options *o, s75_error *err)
{
    trial_base base;
    memset(&base, 0, sizeof base);
    base.file = file, base.text = text, base.len = len;
    int lrc = load_opts_from_options(o->load, &base.opts, err);
    if (lrc != S75_OK)
        return lrc;
    grid_request rq = { { o->x.path, o->x.from, o->x.to, o->x.steps },
                        { o->y.path, o->y.from, o->y.to, o->y.steps }, o->measure, o->threads };
    grid_result *g;
    int rc = grid_run(&base, &rq, &g, err);
    if (rc == S75_OK)
        *out = (s75_grid *)(void *)g;
    return rc;
}

s75_status s75_grid_file(s75_grid **out, const char *path, const s75_grid_options *o, s75_error *err)
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
    rc = grid_in(out, path, text, len, o, err);
    free(text);
    return rc;
}

s75_status s75_grid_string(s75_grid **out, const char *text, size_t len, const char *name,
                    const s75_grid_options *o, s75_error *err)
{
    if (!out || !text || !o) {
        if (out)
            *out = NULL;
        return error_set(err, S75_EUSAGE, no_mark, "", "out, text and options must not be NULL");
    }
    *out = NULL;
    int rc = check_options(o, err);
    return rc ? rc : grid_in(out, name ? name : "<string>", text, len, o, err);
}

void s75_grid_free(s75_grid *g)
{
    grid_result_free((grid_result *)(void *)g);
}

const char *s75_grid_measure(const s75_grid *g)
{
    return g ? G(g)->measure : NULL;
}

static const grid_axis *axis(const s75_grid *g, int which)
{
    return !g ? NULL : which == 0 ? &G(g)->x : which == 1 ? &G(g)->y : NULL;
}

const char *s75_grid_path(const s75_grid *g, int which)
{
    const grid_axis *a = axis(g, which);
    return a ? a->path : NULL;
}

size_t s75_grid_count(const s75_grid *g, int which)
{
    const grid_axis *a = axis(g, which);
    return a ? a->count : 0;
}

double s75_grid_value(const s75_grid *g, int which, size_t k)
{
    const grid_axis *a = axis(g, which);
    return a && k < a->count ? a->values[k] : NAN;
}

double s75_grid_cell(const s75_grid *g, size_t i, size_t j)
{
    if (!g || i >= G(g)->y.count || j >= G(g)->x.count)
        return NAN;
    return G(g)->cells[i * G(g)->x.count + j];
}

s75_status s75_grid_render(char **out, size_t *len, const s75_grid *g, s75_format fmt, s75_error *err)
{
    if (!out)
        return error_set(err, S75_EUSAGE, no_mark, "", "out is NULL");
    *out = NULL;
    if (!g)
        return error_set(err, S75_EUSAGE, no_mark, "", "grid is NULL");
    sbuf b;
    sb_init(&b);
    switch (fmt) {
    case S75_FORMAT_TEXT: grid_text(&b, G(g)); break;
    case S75_FORMAT_CSV: grid_csv(&b, G(g)); break;
    case S75_FORMAT_JSON: grid_json(&b, G(g)); break;
    case S75_FORMAT_HTML: grid_html(&b, G(g)); break;
    default:
        return error_set(err, S75_EUSAGE, no_mark, "", "xlsx is written to a file: use "
                         "s75_grid_write_file");
    }
    *out = sb_take(&b, len);
    return *out ? S75_OK : error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
}

s75_status s75_grid_write_file(const s75_grid *g, s75_format fmt, const char *path, s75_error *err)
{
    if (!path || !g)
        return error_set(err, S75_EUSAGE, no_mark, "", "grid and path must not be NULL");
    if (fmt == S75_FORMAT_XLSX)
        return grid_xlsx_write(G(g), path, err);
    char *text;
    size_t len;
    int rc = s75_grid_render(&text, &len, g, fmt, err);
    if (rc)
        return rc;
    atomic_bytes bytes = { text, len };
    rc = atomic_write(path, atomic_fill_bytes, &bytes, err);
    free(text);
    return rc;
}

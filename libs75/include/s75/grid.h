/* Two-way tables: one measure of the scenario over a grid of two inputs
 * (MODEL.md §15.3).
 *
 * Each input is any path `--set` accepts (s75/variants.h). Cell [i][j] is
 * the measure of the run with `--set X=x[j] --set Y=y[i]` (x first): the
 * very run those two --set values give. x[j] = from + (to - from) j / (steps
 * - 1) to 12 significant digits (so 0.01, not 0.009999999999999998), and
 * the ends are exactly from and to. The file is read once; cells
 * are shared among threads.
 *
 * Measures:
 *   variance              the total variance over the horizon (the default)
 *   variance:YEAR         that year's variance (2026 or 2026/27)
 *   gap, gap:YEAR         the gap, likewise
 *   share:ID, share:ID:YEAR   partner ID's risk-share allocation
 *   p_overspend, p_overspend:YEAR   the share of Monte Carlo draws whose
 *                         variance is above zero (needs uncertainty:)
 * Money in pounds; a probability from 0 to 1. */
#ifndef S75_GRID_H
#define S75_GRID_H

#include "export.h"
#include <stddef.h>
#include "error.h"
#include "result.h"
#include "variants.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct s75_grid s75_grid;

typedef struct s75_grid_axis {
    const char *path;               /* a --set path (borrowed) */
    double from, to;                /* from < to */
    size_t steps;                   /* values along the axis: 2 .. 101 */
} s75_grid_axis;

typedef struct s75_grid_options {
    unsigned version;               /* S75_GRID_OPTIONS_VERSION */
    s75_grid_axis x, y;
    const char *measure;            /* as above; NULL: "variance" */
    unsigned threads;               /* 0: all online cores */
    const s75_load_options *load;   /* the variant, overrides and tables loaded with; NULL: none */
} s75_grid_options;

#define S75_GRID_OPTIONS_VERSION 1
#define S75_GRID_OPTIONS_INIT { S75_GRID_OPTIONS_VERSION, { NULL, 0, 0, 0 }, \
                                { NULL, 0, 0, 0 }, NULL, 0, NULL }

/* Tabulates the scenario file at path. *out is owned by the caller (free
 * with s75_grid_free). Returns S75_OK; S75_EUSAGE (steps outside 2..101,
 * from >= to, an unknown measure, bad options); S75_EINVAL (a path or value
 * the loader refuses, an unknown partner with the nearest id suggested,
 * p_overspend without uncertainty:); S75_ELIMIT (more than 10,000 cells, or
 * more simulation than LIMIT_SIM_WORK: refused before any cell is run);
 * S75_EIO; S75_ENUMERIC; S75_ENOMEM. */
S75_API s75_status s75_grid_file(s75_grid **out, const char *path, const s75_grid_options *o,
                          s75_error *err);
S75_API s75_status s75_grid_string(s75_grid **out, const char *text, size_t len, const char *name,
                            const s75_grid_options *o, s75_error *err);
S75_API void s75_grid_free(s75_grid *g);

/* The measure's name as given ("variance", "share:dcc", ...); borrowed. */
S75_API const char *s75_grid_measure(const s75_grid *g);
/* axis 0 is x, 1 is y. */
S75_API const char *s75_grid_path(const s75_grid *g, int axis);
S75_API size_t s75_grid_count(const s75_grid *g, int axis);
S75_API double s75_grid_value(const s75_grid *g, int axis, size_t k);
/* The cell at y value i and x value j; NAN out of range. */
S75_API double s75_grid_cell(const s75_grid *g, size_t i, size_t j);

/* Text, CSV or JSON (free with s75_free):
 *   {"s75": 1, "version", "grid": {"scenario", "file", "measure",
 *     "x": {"path", "values": [...]}, "y": {"path", "values": [...]},
 *     "cells": [[cell(0,0), cell(0,1), ...], ...]}}      cells[i][j]: y[i], x[j]
 * CSV: a header row "y \ x" then the x values, and a row per y value. HTML:
 * a heat map. Returns S75_OK, S75_ENOMEM or S75_EUSAGE (xlsx, which is a
 * file only). */
S75_API s75_status s75_grid_render(char **out, size_t *len, const s75_grid *g, s75_format fmt,
                            s75_error *err);
/* Writes the table to path, atomically; xlsx: a sheet with the table and a
 * colour scale on the cells. */
S75_API s75_status s75_grid_write_file(const s75_grid *g, s75_format fmt, const char *path,
                                s75_error *err);

#ifdef __cplusplus
}
#endif
#endif

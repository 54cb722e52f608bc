/* Two-way tables (s75/grid.h, MODEL.md §15.3): plain data for the
 * accessors and writers. */
#ifndef S75_GRID_INTERNAL_H
#define S75_GRID_INTERNAL_H

#include <stddef.h>

#include "trial.h"

typedef struct grid_axis_request {
    const char *path;
    double from, to;
    size_t steps;
} grid_axis_request;

typedef struct grid_request {
    grid_axis_request x, y;
    const char *measure;           /* NULL: "variance" */
    unsigned threads;              /* 0: all online cores */
} grid_request;

typedef struct grid_axis {
    char *path;
    size_t count;
    double *values;
} grid_axis;

typedef struct grid_result {
    char *scenario_name, *file, *measure;
    int probability;               /* 1: cells are probabilities, else pounds */
    grid_axis x, y;
    double *cells;                 /* [i * x.count + j] */
} grid_result;

/* Parses a measure name (s75/grid.h). Returns S75_OK or S75_EUSAGE. */
int grid_parse_measure(const char *name, measure *m, s75_error *err);

/* Returns S75_OK with *out (free with grid_result_free) or an s75_status
 * with err filled, as s75_grid_file documents. */
int grid_run(const trial_base *base, const grid_request *rq, grid_result **out,
             s75_error *err);
void grid_result_free(grid_result *g);

#endif

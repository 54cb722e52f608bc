/* Two-way tables (grid.h, MODEL.md §15.3).
 *
 * The file is read once; each cell loads it again with its two overrides
 * (the loader applies them copy-on-write to the parsed tree, so the file's
 * own nodes are never changed) and measures the run. Cells are handed out
 * one at a time from a shared counter, so every thread keeps busy whatever
 * a cell costs; each cell is computed by one thread only and written to its
 * own slot, so the table does not depend on the number of threads. */
#include "grid.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input_limits.h"
#include "load.h"
#include "threads.h"

int grid_parse_measure(const char *name, measure *m, s75_error *err)
{
    memset(m, 0, sizeof *m);
    const char *usage = "variance, variance:YEAR, gap, gap:YEAR, share:ID, share:ID:YEAR, "
                        "p_overspend or p_overspend:YEAR";
    if (!name)
        name = "variance";
    const char *rest;
    if (!strncmp(name, "variance", 8)) {
        m->kind = MEASURE_VARIANCE, rest = name + 8;
    } else if (!strncmp(name, "gap", 3)) {
        m->kind = MEASURE_GAP, rest = name + 3;
    } else if (!strncmp(name, "p_overspend", 11)) {
        m->kind = MEASURE_P_OVERSPEND, rest = name + 11;
    } else if (!strncmp(name, "share:", 6)) {
        m->kind = MEASURE_SHARE;
        const char *id = name + 6, *colon = strchr(id, ':');
        size_t n = colon ? (size_t)(colon - id) : strlen(id);
        if (n == 0 || n >= sizeof m->partner)
            return error_set(err, S75_EUSAGE, no_mark, "", "measure '%s': share:ID names a "
                             "partner", name);
        memcpy(m->partner, id, n);
        m->partner[n] = '\0';
        rest = id + n;
    } else {
        return error_set(err, S75_EUSAGE, no_mark, "", "unknown measure '%s': use %s", name,
                         usage);
    }
    if (*rest == '\0')
        return S75_OK;
    /* ":YEAR", 2026 or 2026/27 */
    char *end;
    long y = *rest == ':' ? strtol(rest + 1, &end, 10) : 0;
    if (y && end == rest + 5 && *end == '/' && strlen(end) == 3 &&
        strtol(end + 1, NULL, 10) == (y + 1) % 100)
        end += 3;
    if (*rest != ':' || y < 1900 || y > 2500 || *end)
        return error_set(err, S75_EUSAGE, no_mark, "", "unknown measure '%s': use %s", name,
                         usage);
    m->year = (int)y;
    return S75_OK;
}

static int axis_check(const grid_axis_request *a, const char *name, s75_error *err)
{
    if (!a->path || !*a->path)
        return error_set(err, S75_EUSAGE, no_mark, "", "--%s: which input? give PATH=FROM:TO:"
                         "STEPS", name);
    if (a->steps < 2 || a->steps > LIMIT_GRID_STEPS)
        return error_set(err, S75_EUSAGE, no_mark, "", "--%s %s: steps must be from 2 to %d, "
                         "got %zu", name, a->path, LIMIT_GRID_STEPS, a->steps);
    if (!(isfinite(a->from) && isfinite(a->to) && a->from < a->to))
        return error_set(err, S75_EUSAGE, no_mark, "", "--%s %s: FROM must be below TO, got "
                         "%g:%g", name, a->path, a->from, a->to);
    return S75_OK;
}

static int axis_fill(grid_axis *ax, const grid_axis_request *a)
{
    ax->path = xstrdup(a->path);
    ax->count = a->steps;
    ax->values = malloc(a->steps * sizeof *ax->values);
    if (!ax->path || !ax->values)
        return -1;
    /* Each value read back from 12 significant digits, so a step that
     * should be 0.01 is the double 0.01 (as typed in a --set), not
     * 0.009999999999999998. */
    for (size_t k = 0; k < a->steps; k++) {
        double v = a->from + (a->to - a->from) * (double)k / (double)(a->steps - 1);
        char buf[40];
        snprintf(buf, sizeof buf, "%.12g", v);
        ax->values[k] = k == 0 ? a->from : k + 1 == a->steps ? a->to : strtod(buf, NULL);
    }
    return 0;
}

typedef struct grid_work {
    const trial_base *base;
    const measure *m;
    grid_result *g;
    unsigned sim_threads;
    atomic_size_t next;
    atomic_int failed;
    atomic_size_t slot;            /* hands each thread its error slot */
    s75_error *errors;             /* one per thread */
    size_t *error_cell;            /* the cell each slot's error is about */
} grid_work;

/* The measure of cell (i, j): --set X=x[j] --set Y=y[i]. */
static int cell(const grid_work *w, size_t i, size_t j, double *out, s75_error *err)
{
    const grid_result *g = w->g;
    char xn[40], yn[40];
    trial_number(xn, sizeof xn, g->x.values[j]);
    trial_number(yn, sizeof yn, g->y.values[i]);
    size_t lx = strlen(g->x.path) + strlen(xn) + 2, ly = strlen(g->y.path) + strlen(yn) + 2;
    char *ox = malloc(lx), *oy = malloc(ly);
    int rc = S75_ENOMEM;
    if (ox && oy) {
        snprintf(ox, lx, "%s=%s", g->x.path, xn);
        snprintf(oy, ly, "%s=%s", g->y.path, yn);
        const char *extra[2] = { ox, oy };
        scenario *sc = trial_load(w->base, extra, 2, err);
        rc = sc ? measure_eval(sc, w->m, w->sim_threads, out, NULL, err) : err->code;
        scenario_free(sc);
    } else {
        error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    free(ox), free(oy);
    return rc;
}

static void *worker(void *arg)
{
    grid_work *w = arg;
    size_t me = atomic_fetch_add(&w->slot, 1);
    size_t nx = w->g->x.count, n = nx * w->g->y.count;
    for (;;) {
        if (atomic_load(&w->failed))
            break;
        size_t c = atomic_fetch_add(&w->next, 1);
        if (c >= n)
            break;
        if (cell(w, c / nx, c % nx, &w->g->cells[c], &w->errors[me]) != S75_OK) {
            w->error_cell[me] = c;
            atomic_store(&w->failed, 1);
            break;
        }
    }
    return NULL;
}

static void main_part(void *arg)
{
    worker(arg);
}

static unsigned thread_count(unsigned requested, size_t cells)
{
    long n = requested ? (long)requested : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > 1024)
        n = 1024;
    return (size_t)n > cells ? (unsigned)cells : (unsigned)n;
}

int grid_run(const trial_base *base, const grid_request *rq, grid_result **out,
             s75_error *err)
{
    *out = NULL;
    s75_error local;
    if (!err)
        err = &local;
    measure m;
    int rc = grid_parse_measure(rq->measure, &m, err);
    if (rc == S75_OK)
        rc = axis_check(&rq->x, "x", err);
    if (rc == S75_OK)
        rc = axis_check(&rq->y, "y", err);
    if (rc != S75_OK)
        return rc;
    size_t cells = rq->x.steps * rq->y.steps;
    if (cells > LIMIT_GRID_CELLS)
        return error_set(err, S75_ELIMIT, no_mark, "", "%zu x %zu is %zu cells; the limit "
                         "(LIMIT_GRID_CELLS) is %d", rq->x.steps, rq->y.steps, cells,
                         LIMIT_GRID_CELLS);
    /* Both paths with their first values: a path or value the loader
     * refuses is reported before any cell is run. */
    grid_result *g = calloc(1, sizeof *g);
    if (!g)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    grid_work w = { base, &m, g, 1, 0, 0, 0, NULL, NULL };
    if (axis_fill(&g->x, &rq->x) < 0 || axis_fill(&g->y, &rq->y) < 0 ||
        !(g->cells = calloc(cells, sizeof *g->cells)) || !(g->measure = xstrdup(
            rq->measure ? rq->measure : "variance")) || !(g->file = xstrdup(base->file))) {
        grid_result_free(g);
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    g->probability = m.kind == MEASURE_P_OVERSPEND;
    scenario *sc = trial_load(base, NULL, 0, err);
    rc = sc ? measure_check(sc, &m, "--measure", err) : err->code;
    if (rc == S75_OK) {
        double work = measure_sim_values(sc, &m) * (double)cells;
        if (work > LIMIT_SIM_WORK) {
            mark at = { sc->file, 0, 0 };
            rc = error_set(err, S75_ELIMIT, at, "uncertainty.draws", "%zu cells x %ld draws x %d "
                           "years x %zu series is %.3g values; the limit (LIMIT_SIM_WORK) is "
                           "%.3g", cells, sc->uncertainty.draws, sc->years, 3 + sc->n_partners,
                           work, LIMIT_SIM_WORK);
        } else if (!(g->scenario_name = xstrdup(sc->name ? sc->name : ""))) {
            rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
        }
    }
    scenario_free(sc);
    if (rc == S75_OK)
        rc = cell(&w, 0, 0, &g->cells[0], err);
    unsigned n = thread_count(rq->threads, cells);
    if (rc == S75_OK) {
        w.errors = calloc(n, sizeof *w.errors);
        w.error_cell = calloc(n, sizeof *w.error_cell);
        if (!w.errors || !w.error_cell)
            rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    }
    if (rc == S75_OK) {
        atomic_init(&w.next, 1);
        sim_run_threads(worker, main_part, &w, n - 1);
        if (atomic_load(&w.failed)) {
            /* the error of the first cell that failed */
            size_t best = 0;
            for (size_t t = 1; t < n; t++)
                if (w.errors[t].code && (!w.errors[best].code ||
                                         w.error_cell[t] < w.error_cell[best]))
                    best = t;
            *err = w.errors[best];
            rc = err->code ? err->code : S75_ENOMEM;
        }
    }
    free(w.errors), free(w.error_cell);
    if (rc != S75_OK) {
        grid_result_free(g);
        return rc;
    }
    *out = g;
    return S75_OK;
}

void grid_result_free(grid_result *g)
{
    if (!g)
        return;
    free(g->scenario_name), free(g->file), free(g->measure);
    free(g->x.path), free(g->x.values), free(g->y.path), free(g->y.values);
    free(g->cells);
    free(g);
}

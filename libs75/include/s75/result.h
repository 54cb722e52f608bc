/* Running a scenario and rendering what it gives.
 *
 * s75_run() computes every section the scenario and the chosen mode call for
 * (docs/API.md: `run` is deterministic, `appraise` adds SMAA and the optimism-bias
 * sweep, `simulate` adds the Monte Carlo). The result is immutable and owned
 * by the caller; it keeps no pointer into the scenario, so either may be
 * freed first. */
#ifndef S75_RESULT_H
#define S75_RESULT_H

#include "export.h"
#include <stddef.h>
#include "error.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum s75_mode {
    S75_MODE_RUN = 0,
    S75_MODE_APPRAISE = 1,
    S75_MODE_SIMULATE = 2,
    S75_MODE_MONITOR = 3
} s75_mode;

/* Called now and then by long runs with the share done (0..1), always on
 * the thread that called s75_run() (the simulation's other threads never
 * call it), between chunks of work: a slow callback slows the run. It must
 * not call back into the library with the same result. */
typedef void (*s75_progress_fn)(double done, void *data);

typedef struct s75_run_options {
    unsigned version;          /* S75_RUN_OPTIONS_VERSION */
    s75_mode mode;
    unsigned threads;          /* simulation threads; 0 = all online cores */
    s75_progress_fn progress;  /* optional */
    void *progress_data;
} s75_run_options;

#define S75_RUN_OPTIONS_VERSION 1
#define S75_RUN_OPTIONS_INIT { S75_RUN_OPTIONS_VERSION, S75_MODE_RUN, 0, NULL, NULL }

typedef struct s75_result s75_result;

/* Runs the scenario. opts may be NULL (S75_RUN_OPTIONS_INIT).
 * Returns S75_OK, S75_EINVAL (e.g. simulate on a scenario with no
 * uncertainty block), S75_ENUMERIC, S75_ENOMEM or S75_EUSAGE. */
S75_API s75_status s75_run(s75_result **out, const s75_scenario *sc, const s75_run_options *opts,
                           s75_error *err);

/* Frees the result. NULL is a no-op. */
S75_API void s75_result_free(s75_result *res);

typedef enum s75_format {
    S75_FORMAT_TEXT = 0,
    S75_FORMAT_CSV = 1,
    S75_FORMAT_JSON = 2,
    S75_FORMAT_HTML = 3,
    S75_FORMAT_XLSX = 4,       /* an Excel workbook: s75_result_write_file only */
    S75_FORMAT_TIDY = 5        /* CSV, one value a row: section,item,partner,band,year,
                                  measure,value (every value of the JSON form) */
} s75_format;

/* Renders the result as a NUL-terminated document in *out (free with
 * s75_free); *len (optional) receives its length. The JSON form is the
 * document of `--format json`; the CLI and the bindings both print this. */
S75_API s75_status s75_result_render(char **out, size_t *len, const s75_result *res, s75_format fmt,
                                     s75_error *err);

/* What a rendering may choose. sections (HTML only): the board paper's
 * sections to print, in that order, as comma-separated ids of summary,
 * portfolio, monitoring, appraisal, simulation, cost, spend, risk-share,
 * workforce, demand, appendix (the summary, when listed, stays at the top;
 * a section the result does not hold is left out); NULL prints every
 * section in the default order. */
typedef struct s75_render_options {
    unsigned version;          /* S75_RENDER_OPTIONS_VERSION */
    const char *sections;
} s75_render_options;

#define S75_RENDER_OPTIONS_VERSION 1
#define S75_RENDER_OPTIONS_INIT { S75_RENDER_OPTIONS_VERSION, NULL }

/* s75_result_render and s75_result_write_file with options (NULL: the
 * defaults). S75_EUSAGE also for an unknown or repeated section id (the
 * message suggests the nearest) or sections with a format other than HTML. */
S75_API s75_status s75_result_render_opt(char **out, size_t *len, const s75_result *res,
                                  s75_format fmt, const s75_render_options *opts,
                                  s75_error *err);
S75_API s75_status s75_result_write_file_opt(const s75_result *res, s75_format fmt, const char *path,
                                      const s75_render_options *opts, s75_error *err);
/* The checks of those two, before a run: S75_OK or S75_EUSAGE, as above. */
S75_API s75_status s75_render_options_check(const s75_render_options *opts, s75_format fmt,
                                     s75_error *err);

/* Renders into the file at path, atomically: the document goes to a
 * temporary file beside it that is renamed into place, so a failed write
 * never leaves a half-written report. S75_FORMAT_XLSX writes an Excel
 * workbook (a sheet per block of the report with native charts, and an
 * Assumptions sheet tracing it to its inputs); it exists only as a file, so
 * s75_result_render refuses it with S75_EUSAGE. Returns S75_OK, S75_EIO,
 * S75_ENOMEM or S75_EUSAGE. */
S75_API s75_status s75_result_write_file(const s75_result *res, s75_format fmt, const char *path,
                                         s75_error *err);

#ifdef __cplusplus
}
#endif
#endif

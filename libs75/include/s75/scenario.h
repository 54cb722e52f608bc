/* Scenario files: load, validate, inspect.
 *
 * A scenario is immutable once loaded and may be shared by threads. The
 * caller owns the handle and frees it with s75_scenario_free(); strings
 * returned by the accessors are borrowed and live as long as the handle.
 * A file with `pools:` loads as a portfolio (MODEL.md §10) behind the same handle. */
#ifndef S75_SCENARIO_H
#define S75_SCENARIO_H

#include "export.h"
#include <stddef.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct s75_scenario s75_scenario;

/* Loads and validates the scenario file at path, with its includes.
 * On failure *out is NULL and err (if given) holds the first error.
 * Returns S75_OK, S75_EINVAL, S75_EIO, S75_ELIMIT or S75_ENOMEM. */
S75_API s75_status s75_scenario_load_file(s75_scenario **out, const char *path, s75_error *err);

/* Loads a scenario from memory. `name` is used in messages and is the
 * directory base for include: paths (NULL: "<string>", includes relative to
 * the working directory). */
S75_API s75_status s75_scenario_load_string(s75_scenario **out, const char *text, size_t len,
                                            const char *name, s75_error *err);

/* A CSV table held in memory, standing in for a table the scenario reads
 * (`workforce_from`, `monitoring.actuals_from`, `monitoring.profile_from`):
 * it replaces the table whose `table:` name (or, without one, whose file name
 * without directory and `.csv`) is `name`. text is CSV as the file would hold
 * (UTF-8, a header row first); messages name its place as name:line:column.
 * Both strings are borrowed for the call. */
typedef struct s75_table {
    const char *name;
    const char *text;
    size_t len;
} s75_table;

/* What a load may change in the file before it is validated: a variant of
 * its `variants:` block, then `path=value` overrides (variants.h says how a
 * path names a value), and CSV tables given in memory. */
typedef struct s75_load_options {
    unsigned version;                 /* S75_LOAD_OPTIONS_VERSION */
    const char *const *overrides;     /* "path=value" strings, applied in order (borrowed) */
    size_t override_count;
    const char *variant;              /* a variant of the file; NULL or "base": none */
    /* Version 2: */
    const s75_table *tables;          /* in-memory CSV tables (borrowed), or NULL */
    size_t table_count;
    /* Version 3: non-zero confines includes and pool files to the main file's
     * folder and below (real paths compared, so a link or `..` cannot leave
     * it); one outside is an error. For scenarios from people you would not
     * let read your files. */
    int confine_includes;
} s75_load_options;

/* Versions 1 (without tables) and 2 (without confine_includes) are still accepted. */
#define S75_LOAD_OPTIONS_VERSION 3
#define S75_LOAD_OPTIONS_INIT { S75_LOAD_OPTIONS_VERSION, NULL, 0, NULL, NULL, 0, 0 }

/* Loads the scenario file at path with the variant applied, then the
 * overrides. opts may be NULL (the same as s75_scenario_load_file). On
 * failure *out is NULL and err holds the first error. Returns S75_OK,
 * S75_EINVAL (also for an override that names nothing, or an unknown
 * variant), S75_EIO, S75_ELIMIT, S75_ENOMEM, or S75_EUSAGE (bad options). */
S75_API s75_status s75_scenario_load_file_opts(s75_scenario **out, const char *path,
                                               const s75_load_options *opts, s75_error *err);

/* The same for a scenario held in memory (name as in s75_scenario_load_string). */
S75_API s75_status s75_scenario_load_string_opts(s75_scenario **out, const char *text, size_t len,
                                                 const char *name, const s75_load_options *opts,
                                                 s75_error *err);

/* Checks the file with the options and collects every error, as
 * s75_scenario_check_file does. Returns the number of errors (>= 0) or a
 * negative status. */
S75_API int s75_scenario_check_file_opts(s75_diagnostics **out, const char *path,
                                         const s75_load_options *opts);

/* Checks the file at path and collects every error found, not just the
 * first. *out receives the list (possibly empty), owned by the caller.
 * Returns the number of errors (>= 0), or a negative status when even the
 * list could not be made (S75_ENOMEM, S75_EUSAGE). */
S75_API int s75_scenario_check_file(s75_diagnostics **out, const char *path);

/* The same for a scenario held in memory. */
S75_API int s75_scenario_check_string(s75_diagnostics **out, const char *text, size_t len,
                              const char *name);

/* Frees the scenario. NULL is a no-op. */
S75_API void s75_scenario_free(s75_scenario *sc);

S75_API const char *s75_scenario_name(const s75_scenario *sc);
S75_API int s75_scenario_base_year(const s75_scenario *sc);
S75_API size_t s75_scenario_year_count(const s75_scenario *sc);
/* Lower-case hex SHA-256 of the main file's bytes. */
S75_API const char *s75_scenario_sha256(const s75_scenario *sc);
/* Every file the scenario was read from, in the order read: the main
 * file first, then includes and (for a portfolio) each pool's file and its
 * includes. A path is relative to the main file's directory, as the files
 * spell it (the main file is its base name); the hash is lower-case hex
 * SHA-256 of the bytes read. Out of range: NULL. */
S75_API size_t s75_scenario_input_count(const s75_scenario *sc);
S75_API const char *s75_scenario_input_path(const s75_scenario *sc, size_t i);
S75_API const char *s75_scenario_input_sha256(const s75_scenario *sc, size_t i);
/* Lower-case hex SHA-256 over the inputs above (paths and hashes, in
 * order), the variant and every --set override (docs/MODEL.md §12): two
 * runs with the same digest and library version give the same figures. */
S75_API const char *s75_scenario_digest(const s75_scenario *sc);
/* 1 when the file is a portfolio of pools, 0 otherwise. */
S75_API int s75_scenario_is_portfolio(const s75_scenario *sc);
/* 1 when path (links followed) is a file the load read: the main file, an
 * include or a pool's file; 0 otherwise. A writer of reports asks before
 * writing, so that `-o` never overwrites the scenario. */
S75_API int s75_scenario_reads_file(const s75_scenario *sc, const char *path);

/* How many CSV tables the scenario read (`workforce_from`,
 * `monitoring.actuals_from`, `monitoring.profile_from`). */
S75_API size_t s75_scenario_table_count(const s75_scenario *sc);
/* One line on the i-th table: its name, what it fed, the rows read and used
 * and the rows ignored (other cost centres, years, accounts), e.g.
 * "data/ledger.csv (monitoring.actuals_from): 255 rows, 179 used; ignored: 40
 * other cost centres, 30 other years, 6 other accounts". NULL past the end.
 * Borrowed: lives as long as the scenario. */
S75_API const char *s75_scenario_table_summary(const s75_scenario *sc, size_t i);
/* Lower-case hex SHA-256 of the i-th table's bytes, or NULL past the end. */
S75_API const char *s75_scenario_table_sha256(const s75_scenario *sc, size_t i);

#ifdef __cplusplus
}
#endif
#endif

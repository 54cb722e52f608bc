/* Scenario variants: a named set of overrides from the file's `variants:`
 * block, and `path=value` overrides such as the CLI's `--set`.
 *
 * Both change the file's YAML tree before the loader validates it, so an
 * override is checked exactly like the file, and an error it causes names
 * it ("--set pay.awards.2026=abc: pay.awards.2026/27: expected a number ...").
 *
 * A path names a value of the main file: keys joined by dots, list items by
 * [index] or by the item's [id], [name] or [role] (the first of those keys
 * any item matches):
 *     pay.awards.2026              a year key; 2026 or 2026/27 matches either spelling
 *     partners[dcc].contribution.uplift
 *     workforce[0].wte
 *     non_pay[Travel and mileage].amount
 *     partners[*].contribution.uplift   [*]: the rest of the path in every item
 * Keys on the way must exist (an error names the first that does not, with
 * the nearest key suggested); the last may be new: a year is added to a map
 * of years, and any other key is judged by the loader like one written in
 * the file. A value is read as YAML: `4%`, `-2%`, `12`, `[0.5, 0.5]`,
 * `{percent: 3%, flat_minimum: 1400}`.
 *
 *     variants:
 *       optimistic: {pay.awards.2026: "2%"}
 *       pessimistic: {pay.awards.2026: "5%", partners[dcc].contribution.uplift: "-3%"}
 *
 * Variant names are ids; `base` is the file as written. A plain load (no
 * options) also loads every variant once, so a file whose variant is broken
 * is an invalid file. */
#ifndef S75_VARIANTS_H
#define S75_VARIANTS_H

#include "export.h"
#include <stddef.h>
#include "error.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

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

typedef struct s75_load_options {
    unsigned version;                 /* S75_LOAD_OPTIONS_VERSION */
    const char *const *overrides;     /* "path=value" strings, applied in order (borrowed) */
    size_t n_overrides;
    const char *variant;              /* a variant of the file; NULL or "base": none */
    /* Version 2: */
    const s75_table *tables;          /* in-memory CSV tables (borrowed), or NULL */
    size_t n_tables;
} s75_load_options;

/* Version 1 (without tables) is still accepted. */
#define S75_LOAD_OPTIONS_VERSION 2
#define S75_LOAD_OPTIONS_INIT { S75_LOAD_OPTIONS_VERSION, NULL, 0, NULL, NULL, 0 }

/* Loads the scenario file at path with the variant applied, then the
 * overrides. opts may be NULL (the same as s75_scenario_load_file). On
 * failure *out is NULL and err holds the first error. Returns S75_OK,
 * S75_EINVAL (also for an override that names nothing, or an unknown
 * variant), S75_EIO, S75_ELIMIT, S75_ENOMEM, or S75_EUSAGE (bad options). */
S75_API int s75_scenario_load_file_opts(s75_scenario **out, const char *path,
                                        const s75_load_options *opts, s75_error *err);

/* The same for a scenario held in memory (name as in s75_scenario_load_string). */
S75_API int s75_scenario_load_string_opts(s75_scenario **out, const char *text, size_t len,
                                          const char *name, const s75_load_options *opts,
                                          s75_error *err);

/* Checks the file with the options and collects every error, as
 * s75_scenario_check_file does. Returns the number of errors (>= 0) or a
 * negative status. */
S75_API int s75_scenario_check_file_opts(s75_diagnostics **out, const char *path,
                                         const s75_load_options *opts);

/* The i-th variant named in the file's variants: block (file order), or
 * NULL past the end. Borrowed: lives as long as the scenario. */
S75_API const char *s75_scenario_variants(const s75_scenario *sc, size_t i);

/* How many variants the file names. */
S75_API size_t s75_scenario_variant_count(const s75_scenario *sc);

/* The variant the scenario was loaded with, or NULL for the file as written. */
S75_API const char *s75_scenario_variant(const s75_scenario *sc);

/* The i-th override the scenario was loaded with ("path=value" as given),
 * or NULL past the end. */
S75_API const char *s75_scenario_override(const s75_scenario *sc, size_t i);

#ifdef __cplusplus
}
#endif
#endif

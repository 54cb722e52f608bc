/* Scenario variants: `--set path=value` overrides and the file's
 * `variants:` block, applied to the YAML tree between parsing and validation,
 * so an override is checked by exactly the code that checks the file.
 *
 * A path names a node of the main file's tree: keys joined by dots, list
 * items by [index] or by [id], [name] or [role] (the first of those keys
 * that any item matches), e.g. `partners[dcc].contribution.uplift`,
 * `non_pay[Travel and mileage].amount`, `pay.awards.2026`. A year key matches
 * either spelling (2026 or 2026/27). The last step may name a key the map
 * lacks: it is added, and the loader then judges it like any key of the file
 * (so a misspelt one is an unknown key with the nearest suggested). A year
 * step on a single value (a scalar series) turns it into a map of years whose
 * first key, 1900, carries the old value from the start. */
#ifndef S75_OVERRIDES_H
#define S75_OVERRIDES_H

#include <stddef.h>

#include "diag.h"
#include "sbuf.h"
#include "yamltree.h"

/* What the caller asks of a load. NULL or all-empty: the file as written. */
typedef struct load_opts {
    const char *const *overrides; /* "path=value" strings, applied in order after the variant */
    size_t n_overrides;
    const char *variant;          /* a name in the file's variants:, "base" or NULL */
    const struct s75_table *tables; /* CSV tables held in memory, by name (load/table.h) */
    size_t n_tables;
    int confine;                  /* includes and pool files must lie in the main file's folder */
} load_opts;

/* What a scenario remembers of how it was made, for accessors and reports. */
typedef struct scenario_provenance {
    size_t n_variants;
    char **variants;              /* names in the file's variants: block, in file order */
    char *variant;                /* the one applied, or NULL for the file as written */
    size_t n_overrides;
    char **overrides;             /* the --set strings applied, as given */
    char *text;                   /* the main file's bytes, for provenance_inputs() */
    size_t len;
} scenario_provenance;

typedef struct override_work override_work;

/* Checks the variants: block's shape (names are ids, each variant a mapping
 * of paths), applies the chosen variant and then each override to doc (its
 * root may be replaced; nodes the file shares through aliases are copied,
 * never changed in place). Errors go to d, each naming the override or the
 * variant entry. *work keeps the nodes made here alive until validation is
 * over (free it with override_work_free after the loader is done), *prov
 * receives the record above with a copy of text (the file's bytes; NULL:
 * none kept), to free with provenance_free. Returns 0, or -1
 * when an override could not be applied (the tree must not be validated). */
int overrides_apply(ydoc *doc, const char *text, size_t len, const load_opts *o, diag *d,
                    override_work **work, scenario_provenance **prov);
void override_work_free(override_work *w);
void provenance_free(scenario_provenance *p);

/* Every scalar of the main file's tree as the loader read it (after the
 * variant and the overrides; without the variants: block), in file order:
 * a path in the override syntax and its text as written. These are the
 * inputs of a run, for the workbook's Assumptions sheet (include files are
 * not listed: the model's own record of the pay scale is). */
typedef struct input_list {
    size_t n, cap;
    char **paths, **values;
    int oom;
} input_list;

/* Fills *out from the record (re-reading the kept text). Returns 0, or -1
 * when memory ran out. Free with input_list_free either way. */
int provenance_inputs(const scenario_provenance *p, const char *file, input_list *out);
void input_list_free(input_list *l);

/* For a report's heading: "Variant pessimistic; --set a=1\n", or nothing
 * for the file as written. */
void provenance_text(sbuf *b, const scenario_provenance *p);

/* Errors recorded since `from` are about the file with variant `name`
 * applied: says so at the end of each message. */
void overrides_name_variant(diag *d, size_t from, const char *name);

/* The text of the single value `path` names in the file as o leaves it
 * (for [*], the first item's), copied into buf. Returns 1, or 0 when the
 * path names nothing, or a mapping or list (quietly: a load with the path
 * set reports why). */
int overrides_current(const char *file, const char *text, size_t len, const load_opts *o,
                      const char *path, char *buf, size_t cap);

/* The caller's s75_load_options (NULL: none; versions 1 to 3) as load_opts,
 * pointing at the caller's arrays. Returns S75_OK or S75_EUSAGE. */
struct s75_load_options;
int load_opts_from_options(const struct s75_load_options *opts, load_opts *o, s75_error *err);

/* 1 when o asks for anything but the file as written (confining includes
 * changes what may be read, not what is read). */
int load_opts_active(const load_opts *o);

#endif

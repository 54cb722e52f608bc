/* Scenario loading: YAML file -> validated, immutable scenario (docs/MODEL.md). */
#ifndef S75_LOAD_H
#define S75_LOAD_H

#include <stddef.h>
#include "diag.h"
#include "input_limits.h"
#include "model.h"
#include "read_file.h"
#include "reader.h"

/* Loads a scenario (or portfolio) from text. file: the name for messages
 * and the base of relative include paths. Every error goes to d. Returns the
 * scenario, or NULL when any error was found. */
scenario *load_scenario(const char *file, const char *text, size_t len, diag *d);

/* The same with a variant and --set overrides applied first (overrides.h). */
struct load_opts;
scenario *load_scenario_opts(const char *file, const char *text, size_t len,
                             const struct load_opts *o, diag *d);

/* The same within a load already under way (a portfolio's pool): doc is the
 * file's tree, parsed within ctx's budget; it is left as it was. */
struct load_ctx;
scenario *load_scenario_doc(struct load_ctx *ctx, const char *file, ydoc *doc, const char *text,
                            size_t len, const struct load_opts *o, diag *d);

/* model.c: the scenario's reference count; frees on the last release. */
void scenario_free(scenario *sc);

struct table_src;

/* A named scale, as found in the file or its includes (not yet read). */
typedef struct scale_ref {
    const char *name;
    const ynode *node;
} scale_ref;

typedef struct pay_input {
    const scale_ref *scales;
    size_t n_scales;
} pay_input;

/* `pay:` (one system named "pay") or `pay_systems:` (load_pay.c): fills
 * sc->systems, sc->bands, sc->scale_year and sc->n_awards. */
void load_pay_systems(reader *r, scenario *sc, const pay_input *in, const ynode *pay,
                      const ynode *systems);
/* Index of the band named `name` in system s's scale, or -1. */
int band_in_system(const scenario *sc, size_t s, const char *name);
int system_index(const scenario *sc, const char *name);
/* The series under `key` of map into out[y - first] (rd_series); absent:
 * dflt, or an error when required. */
void load_series_child(reader *r, const ynode *map, const char *key, int kind, double lo,
                       double hi, int first, int last, double *out, int required, double dflt);

/* Section loaders, each reading one top-level key of the scenario mapping
 * into sc (files load_*.c). They run after the horizon and partners are
 * known. */
void load_savings(reader *r, const ynode *n, scenario *sc);
void load_risk_share(reader *r, const ynode *n, scenario *sc);
void load_demand(reader *r, const ynode *n, scenario *sc);
void load_appraisal(reader *r, const ynode *n, scenario *sc);
void load_uncertainty(reader *r, const ynode *n, scenario *sc);
void load_monitoring(reader *r, const ynode *n, scenario *sc, struct table_src *ts);
void load_pools(reader *r, const ynode *root, scenario *sc, struct load_ctx *ctx);
void load_paper(reader *r, const ynode *n, scenario *sc);


/* Workforce lines built from the table `workforce_from:` names
 * (load_establishment.c), as a list of line mappings for the workforce
 * loader; NULL when there are none or on errors (reported). */
const ynode *establishment_lines(reader *r, struct table_src *ts, const ynode *node,
                                 scenario *sc);
/* The monitoring category a key names (pay, agency, non_pay), or -1 after
 * an error; seen[] remembers the keys met so far (shared_keys.c). */
int monitoring_category(reader *r, const ynode *k, const ynode **seen);
/* 1 when a workforce line may hold key (so a column is passed through). */
int workforce_line_knows(const char *key);
/* The keys a workforce line may hold, NULL-terminated (shared_keys.c). */
const char *const *workforce_line_keys(void);

/* Lookups shared by the section loaders and the model (model.c). */
int partner_index(const scenario *sc, const char *id);
int band_index(const scenario *sc, const char *name);
const char *const *partner_ids(const scenario *sc); /* NULL-terminated, cached */

#endif

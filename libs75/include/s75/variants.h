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

/* Loading with a variant and overrides: s75_scenario_load_file_opts() and
 * the s75_load_options beside s75_scenario_load_file() in scenario.h. */

/* The i-th variant named in the file's variants: block (file order), or
 * NULL past the end. Borrowed: lives as long as the scenario. */
S75_API const char *s75_scenario_variant_name(const s75_scenario *sc, size_t i);

/* How many variants the file names. */
S75_API size_t s75_scenario_variant_count(const s75_scenario *sc);

/* The variant the scenario was loaded with, or NULL for the file as written. */
S75_API const char *s75_scenario_variant(const s75_scenario *sc);

/* The i-th override the scenario was loaded with ("path=value" as given),
 * or NULL past the end. */
S75_API const char *s75_scenario_override(const s75_scenario *sc, size_t i);
/* How many overrides the scenario was loaded with. */
S75_API size_t s75_scenario_override_count(const s75_scenario *sc);

#ifdef __cplusplus
}
#endif
#endif

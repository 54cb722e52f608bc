/* Comparing runs side by side: the base case against its variants, or one
 * scenario file against another.
 *
 * For every financial year any of the runs covers, the key lines of each
 * run (cost, contributions, gap, savings expected, variance, each partner's
 * risk share and the unallocated remainder) and each run's difference from
 * the first run (the reference). A run without a year or a partner has no
 * value there (null in JSON, blank in text, CSV and xlsx), and so has no
 * difference. A portfolio's figures are its consolidated ones.
 *
 * JSON form:
 *   {"s75": 1, "version": "0.1.0",
 *    "compare": {
 *      "base": "base",                                  the reference run
 *      "runs": [{"name", "scenario", "file", "sha256",
 *                "variant" (or null), "overrides": ["path=value", ...]}],
 *      "years": ["2025/26", ...],
 *      "lines": [{"line": "cost" | "contributions_total" | "gap" | "savings_expected" |
 *                         "variance" | "risk_share" | "unallocated",
 *                 "partner": id (risk_share) or null, "label": text for people,
 *                 "values": [[per year] per run],
 *                 "difference": [[per year] per run]}]}}   run k minus the reference
 * Risk-share and unallocated amounts are whole pence, as in a run's JSON;
 * their differences are exact. CSV: `line,partner,year,run,value,difference`. */
#ifndef S75_COMPARE_H
#define S75_COMPARE_H

#include "export.h"
#include <stddef.h>
#include "error.h"
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Renders the comparison of n >= 1 results (the first is the reference) as
 * text, CSV, tidy CSV, JSON or HTML (a paper: every input that differs from
 * the first run's, by its --set path, then the lines with partners named)
 * into *out (free with s75_free); *len (optional) gets its
 * length. names[i] labels run i (names may be NULL, or an entry NULL: "run
 * 1", "run 2", ...). The results are only read. Returns S75_OK, S75_ENOMEM,
 * or S75_EUSAGE (no results, a NULL result, a result with no projection, or
 * a format with no text form: xlsx is written by s75_compare_write_file). */
S75_API s75_status s75_compare(char **out, size_t *len, const s75_result *const *results,
                               const char *const *names, size_t n, s75_format fmt, s75_error *err);

/* Writes the comparison to the file at path, atomically (as
 * s75_result_write_file), in any of those or xlsx (a workbook with the
 * table, a chart of the variance by run, and the runs' provenance).
 * Returns S75_OK, S75_EIO, S75_ENOMEM or S75_EUSAGE. */
S75_API s75_status s75_compare_write_file(const s75_result *const *results,
                                          const char *const *names, size_t n, s75_format fmt,
                                          const char *path, s75_error *err);

#ifdef __cplusplus
}
#endif
#endif

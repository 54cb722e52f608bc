/* Goal seeking: the value of one input that meets a target (MODEL.md §15).
 *
 * The input is any path `--set` accepts (s75/variants.h), e.g.
 * partners[kcc].contribution.uplift, partners[dcc].contribution.amount,
 * savings.schemes[2].value, or partners[*].contribution.uplift for one
 * uplift shared by every partner. Each trial value is applied exactly as
 * `--set PATH=VALUE` would be, so the answer's `set` line reproduces it.
 *
 * Targets, as text (the CLI's --target):
 *   variance=AMOUNT        the total variance over the horizon (or, with a
 *                          year, that year's) equals AMOUNT (pounds)
 *   gap=AMOUNT             the same for the gap (cost less contributions)
 *   p_overspend<=P         the share of Monte Carlo draws whose variance (the
 *                          horizon's total, or the year's) is above zero is
 *                          at most P (0.2 or 20%); needs uncertainty:
 *   exposure:ID<=AMOUNT    partner ID's 95th-percentile allocation (its
 *                          horizon total, or the year's) is at most AMOUNT;
 *                          needs uncertainty:
 * Equality targets are solved with Brent's method; a confidence target is a
 * step function of the input (the same seed gives the same draws in every
 * trial, common random numbers), so its boundary is bisected and the answer
 * is the value nearest the boundary that meets it. Its Monte Carlo error is
 * reported: the binomial standard error of p at the answer, the last
 * bracket (one end fails, the other meets) and, for p_overspend, the band
 * of values whose estimate is within two standard errors of P.
 *
 *     s75_solve_options o = S75_SOLVE_OPTIONS_INIT;
 *     o.vary = "partners[kcc].contribution.uplift";
 *     o.target = "variance=0";
 *     s75_solve *s;
 *     if (s75_solve_file(&s, "kent.yaml", &o, &err) == S75_OK) {
 *         printf("--set %s\n", s75_solve_set(s));
 *         s75_solve_free(s);
 *     }
 */
#ifndef S75_SOLVE_H
#define S75_SOLVE_H

#include "export.h"
#include <stddef.h>
#include "error.h"
#include "result.h"
#include "variants.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct s75_solve s75_solve;

typedef struct s75_solve_options {
    unsigned version;               /* S75_SOLVE_OPTIONS_VERSION */
    const char *vary;               /* the input's path (borrowed) */
    const char *target;             /* the target, as above (borrowed) */
    int year;                       /* the FY the target is about (2026 for 2026/27); 0: the horizon */
    int has_range;                  /* 0: the default range: a rate's -50%..+50%,
                                       an amount's 0..10 times the file's */
    double from, to;                /* the range searched, from < to */
    unsigned threads;               /* simulation threads; 0: all online cores */
    const s75_load_options *load;   /* the variant, overrides and tables loaded with; NULL: none */
} s75_solve_options;

#define S75_SOLVE_OPTIONS_VERSION 1
#define S75_SOLVE_OPTIONS_INIT { S75_SOLVE_OPTIONS_VERSION, NULL, NULL, 0, 0, 0, 0, 0, NULL }

/* Solves on the scenario file at path. *out is owned by the caller (free
 * with s75_solve_free); NULL on failure. Returns S75_OK; S75_EUSAGE (a
 * malformed target, no path, from >= to, bad options); S75_EINVAL (a path
 * or a value the loader refuses, an unknown partner with the nearest id
 * suggested, a confidence target without uncertainty:, a year outside the
 * model); S75_ELIMIT (the search could need more simulation than
 * LIMIT_SIM_WORK: refused before any is run); S75_ENUMERIC (no value in the
 * range meets the target); S75_EIO; S75_ENOMEM. */
S75_API s75_status s75_solve_file(s75_solve **out, const char *path, const s75_solve_options *o,
                           s75_error *err);
/* The same for a scenario held in memory (name as in s75_scenario_load_string). */
S75_API s75_status s75_solve_string(s75_solve **out, const char *text, size_t len, const char *name,
                             const s75_solve_options *o, s75_error *err);
S75_API void s75_solve_free(s75_solve *s);

/* Strings are borrowed from the handle. */
S75_API const char *s75_solve_path(const s75_solve *s);
S75_API const char *s75_solve_target(const s75_solve *s);
/* The answer, exactly the number printed in the `set` line. */
S75_API double s75_solve_value(const s75_solve *s);
/* "PATH=VALUE": give it to --set to reproduce the answer. */
S75_API const char *s75_solve_set(const s75_solve *s);
/* The target's amount or probability. */
S75_API double s75_solve_goal(const s75_solve *s);
/* The measure re-run with the answer (pounds, or a probability). */
S75_API double s75_solve_achieved(const s75_solve *s);
/* Trials run (scenario loads and runs). */
S75_API size_t s75_solve_evaluations(const s75_solve *s);
/* 1 for a confidence target. */
S75_API int s75_solve_is_confidence(const s75_solve *s);
/* The binomial standard error of the probability at the answer (for
 * exposure: of the 5% of draws above the p95); NAN for an equality target. */
S75_API double s75_solve_standard_error(const s75_solve *s);
/* The last bracket of a confidence search: *fail the value nearest the
 * answer that does not meet the target, *meet the one that does. Returns
 * S75_OK, or S75_EUSAGE for an equality target. Either pointer may be NULL. */
S75_API int s75_solve_bracket(const s75_solve *s, double *fail, double *meet);

/* Renders the answer as text, JSON or HTML (free with s75_free):
 *   {"s75": 1, "version": "...", "solve": {"scenario", "file", "path", "target",
 *    "measure", "year" (or null), "range": [from, to], "current" (as written, or null),
 *    "value", "set": "PATH=VALUE", "goal", "achieved", "evaluations",
 *    "monte_carlo": null | {"draws", "seed", "standard_error",
 *        "bracket": {"fail", "meet", "measure_fail", "measure_meet"},
 *        "band": null | [low, high]}}}
 * Returns S75_OK, S75_ENOMEM or S75_EUSAGE (another format). */
S75_API s75_status s75_solve_render(char **out, size_t *len, const s75_solve *s, s75_format fmt,
                             s75_error *err);
/* Writes the rendering to path, atomically. */
S75_API s75_status s75_solve_write_file(const s75_solve *s, s75_format fmt, const char *path,
                                 s75_error *err);

#ifdef __cplusplus
}
#endif
#endif

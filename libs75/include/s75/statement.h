/* A partner's statement: one organisation's figures from a result, on one
 * page for its own board (MODEL.md §15.4).
 *
 * From the projection: what it puts in each year, its part of the pool's
 * contributions, the pool's variance and its share of it under the
 * risk-share rules. From a simulation (S75_MODE_SIMULATE): its share at the
 * 95th percentile and the chance it pays anything, each year and over the
 * agreement (its share summed over the years, draw by draw), and the two or
 * three inputs of the tornado that move its share most. From monitoring:
 * its share of the forecast variance. The figures are the run's, to the
 * penny: the same numbers its JSON prints.
 *
 * JSON form:
 *   {"s75": 1, "version", "statement": {"scenario", "partner", "name",
 *    "years": [...], "contribution": [...], "contribution_share": [...],
 *    "variance": [...], "risk_share": [...],
 *    "total": {"contribution", "contribution_share", "variance", "risk_share",
 *              "p95", "p_pays" (with a simulation)},
 *    "simulation": null | {"draws", "p95": [...], "p_pays": [...],
 *        "drivers": [{"input", "low", "high", "share_low", "share_high", "swing"}]},
 *    "monitoring": null | {"year", "forecast_variance", "risk_share"},
 *    "pay_bill": null}}
 * pay_bill is null: scenarios do not yet say which partner employs a
 * workforce line. */
#ifndef S75_STATEMENT_H
#define S75_STATEMENT_H

#include "export.h"
#include <stddef.h>
#include "error.h"
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Renders partner `id`'s statement of res as text, JSON or HTML (one A4
 * page) into *out (free with s75_free). The result is only read. Returns
 * S75_OK; S75_EINVAL for an id no partner has (the nearest suggested), or
 * a portfolio; S75_EUSAGE (NULL arguments, CSV or xlsx); S75_ENOMEM. */
S75_API s75_status s75_statement_render(char **out, size_t *len, const s75_result *res, const char *id,
                                 s75_format fmt, s75_error *err);
/* Writes it to path, atomically; xlsx: the run's workbook with the
 * statement as its first sheet. */
S75_API s75_status s75_statement_write_file(const s75_result *res, const char *id, s75_format fmt,
                                     const char *path, s75_error *err);

#ifdef __cplusplus
}
#endif
#endif

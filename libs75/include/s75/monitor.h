/* In-year monitoring (MODEL.md §11): the forecast outturn of the monitored year
 * and what each partner would bear at year end if the forecast holds.
 *
 * The monitoring is borrowed from its s75_result and lives as long as it.
 * Partner index i follows the scenario's `partners:` order, the same as
 * s75_projection_partner_id(). Out-of-range arguments or a NULL handle give
 * NAN (values) or 0 (counts and years).
 *
 *     const s75_monitoring *m = s75_result_monitoring(res);
 *     if (m)
 *         printf("forecast variance %.2f, first partner bears %.2f\n",
 *                s75_monitoring_forecast_variance(m), s75_monitoring_partner_share(m, 0));
 */
#ifndef S75_MONITOR_H
#define S75_MONITOR_H

#include "export.h"
#include <stddef.h>
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct s75_monitoring s75_monitoring;

/* The monitoring of a result whose scenario has a `monitoring:` block;
 * NULL otherwise. */
S75_API const s75_monitoring *s75_result_monitoring(const s75_result *res);

/* The monitored financial year: 2025 for FY 2025/26. */
S75_API int s75_monitoring_year(const s75_monitoring *m);

/* The forecast outturn: the sum over pay, agency and non-pay of each
 * category's forecast (its budget when it has no actuals). */
S75_API double s75_monitoring_forecast_cost(const s75_monitoring *m);

/* Forecast cost less the year's contributions: positive is an overspend. */
S75_API double s75_monitoring_forecast_variance(const s75_monitoring *m);

/* Number of partners sharing the forecast variance. */
S75_API size_t s75_monitoring_partner_count(const s75_monitoring *m);

/* Partner i's share of the forecast variance under the agreement's risk
 * share, in pounds (whole pence; negative for an underspend). */
S75_API double s75_monitoring_partner_share(const s75_monitoring *m, size_t i);

/* What caps left unplaced, in pounds (whole pence). The partner shares and
 * this add up to the forecast variance rounded to the penny. */
S75_API double s75_monitoring_unallocated(const s75_monitoring *m);

#ifdef __cplusplus
}
#endif
#endif

/* Reading the multi-year projection (MODEL.md §2-§5) out of a result.
 *
 * The projection is borrowed from its s75_result and lives as long as it.
 * Year index t runs 0 .. years-1 (t = 0 is the base year). Out-of-range
 * indexes give NAN (values) or NULL (strings). */
#ifndef S75_PROJECTION_H
#define S75_PROJECTION_H

#include "export.h"
#include <stddef.h>
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct s75_projection s75_projection;

typedef enum s75_line {
    S75_LINE_PAY = 0,
    S75_LINE_AGENCY,
    S75_LINE_NON_PAY,
    S75_LINE_COST,
    S75_LINE_CONTRIBUTIONS_TOTAL,
    S75_LINE_GAP,
    S75_LINE_SAVINGS_PLANNED,
    S75_LINE_SAVINGS_EXPECTED,
    S75_LINE_VARIANCE,
    S75_LINE_UNALLOCATED
} s75_line;

/* The projection of a single-pool result; NULL for a portfolio. */
S75_API const s75_projection *s75_result_projection(const s75_result *res);

S75_API size_t s75_projection_year_count(const s75_projection *p);
/* The financial year of index t: 2025 for FY 2025/26; 0 when out of range. */
S75_API int s75_projection_year(const s75_projection *p, int t);
S75_API double s75_projection_value(const s75_projection *p, s75_line line, int t);

S75_API size_t s75_projection_partner_count(const s75_projection *p);
S75_API const char *s75_projection_partner_id(const s75_projection *p, size_t i);
S75_API double s75_projection_contribution(const s75_projection *p, size_t i, int t);
/* The partner's risk-share allocation in year t, in pounds (whole pence). */
S75_API double s75_projection_risk_share(const s75_projection *p, size_t i, int t);

/* The pay bill (pay + agency) by employer and by pay system. Keys are the
 * employers and pay systems named by at least one workforce line, in order
 * of first line; an employer key is a partner id, or "none" for lines that
 * name no employer. With `pay:` there is one pay system, named "pay".
 * Strings are borrowed from the result and live as long as it; an index out
 * of range gives NULL (strings) or NAN (values). Summed over the keys, each
 * breakdown equals pay + agency in every year. */
S75_API size_t s75_projection_employer_count(const s75_projection *p);
S75_API const char *s75_projection_employer_id(const s75_projection *p, size_t i);
S75_API double s75_projection_pay_by_employer(const s75_projection *p, size_t i, int t);
S75_API size_t s75_projection_pay_system_count(const s75_projection *p);
S75_API const char *s75_projection_pay_system_name(const s75_projection *p, size_t i);
S75_API double s75_projection_pay_by_system(const s75_projection *p, size_t i, int t);

#ifdef __cplusplus
}
#endif
#endif

/* The report layer: renders a result; it never computes. */
#ifndef S75_REPORT_H
#define S75_REPORT_H

#include "run.h"
#include "report_common.h"
#include "sbuf.h"

void report_json(sbuf *b, const s75_result *res);
void report_text(sbuf *b, const s75_result *res);
void report_csv(sbuf *b, const s75_result *res);
void report_html(sbuf *b, const s75_result *res);

/* Does the pool have more than one employer's view to show (several pay
 * systems, or a line naming an employer or a team)? The pay bill by employer
 * and by system and the grouping by team appear in text and CSV only then,
 * so a one-system file reads as it always has (MODEL.md §13). */
int report_shows_employers(const scenario *sc, const projection *p);
/* Labels of the breakdown keys: an employer (a partner's name, or "No
 * employer named"), a team ("No team" for lines with none). */
const char *report_employer_label(const scenario *sc, int p);
const char *report_team_label(const scenario *sc, const projection *p, size_t key);

#endif

/* Writers of goal seeking and two-way tables (s75/solve.h, s75/grid.h). */
#ifndef S75_SOLVE_REPORT_H
#define S75_SOLVE_REPORT_H

#include "sbuf.h"
#include "solve.h"

void solve_text(sbuf *b, const solve_result *r);
void solve_json(sbuf *b, const solve_result *r);
void solve_html(sbuf *b, const solve_result *r);

#endif

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
/* The tidy CSV (report_tidy.c) of a JSON document the library wrote. */
void report_tidy(sbuf *out, const char *json, size_t len);

#endif

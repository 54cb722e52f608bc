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
/* The board paper with only the sections listed (comma-separated ids of
 * html_section_ids, in the order given; NULL: all in the default order). */
void report_html_sections(sbuf *b, const s75_result *res, const char *sections);
extern const char *const html_section_ids[];
/* The tidy CSV (report_tidy.c) of a JSON document the library wrote. */
void report_tidy(sbuf *out, const char *json, size_t len);

#endif

/* The report layer: renders a result; it never computes. */
#ifndef S75_REPORT_H
#define S75_REPORT_H

#include "run.h"
#include "sbuf.h"

void report_json(sbuf *b, const s75_result *res);
void report_text(sbuf *b, const s75_result *res);
void report_csv(sbuf *b, const s75_result *res);
void report_html(sbuf *b, const s75_result *res);

/* Shared by the section writers. */
void json_projection_year(jw *w, const scenario *sc, const projection *p, int t);

/* Text tables: a label column then one column per year (and an optional total). */
#define TEXT_LABEL_WIDTH 40
#define TEXT_COLUMN_WIDTH 13
void text_heading(sbuf *b, const char *title, int base_year, int years, int with_total);
void text_row(sbuf *b, const char *label, const double *v, int years, int with_total);
void text_row_pence(sbuf *b, const char *label, const int64_t *pence, size_t stride, int years,
                    int with_total);
void text_rule(sbuf *b, int years, int with_total);
/* CSV: section,row,<label>,year,value lines. */
void csv_value(sbuf *b, const char *section, const char *row, int year, double v);

#endif

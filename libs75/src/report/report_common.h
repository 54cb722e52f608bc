/* What the text, CSV and JSON writers share with the section writers of each
 * module (report_common.c). */
#ifndef S75_REPORT_COMMON_H
#define S75_REPORT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "project.h"
#include "model.h"
#include "sbuf.h"

/* One year of a projection as a JSON object. */
void json_projection_year(jw *w, const scenario *sc, const projection *p, int t);

/* Text tables: a label column then one column per year (and an optional total). */
#define TEXT_LABEL_WIDTH 40
#define TEXT_COLUMN_WIDTH 13
void text_heading(sbuf *b, const char *title, int base_year, int years, int with_total);
void text_row(sbuf *b, const char *label, const double *v, int years, int with_total);
/* A row labelled prefix + name + suffix, however long the name: a label wider
 * than the column wraps at words (sb_label_cell), so no name is ever cut. */
void text_row_named(sbuf *b, const char *prefix, const char *name, const char *suffix,
                    const double *v, int years, int with_total);
void text_row_pence(sbuf *b, const char *label, const int64_t *pence, size_t stride, int years,
                    int with_total);
void text_rule(sbuf *b, int years, int with_total);
/* CSV: section,row,<label>,year,value lines. */
void csv_value(sbuf *b, const char *section, const char *row, int year, double v);

#endif

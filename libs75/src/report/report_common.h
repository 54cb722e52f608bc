/* What the text, CSV and JSON writers share with the section writers of each
 * module (report_common.c). */
#ifndef S75_REPORT_COMMON_H
#define S75_REPORT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "project.h"
#include "model.h"
#include "sbuf.h"

/* The scenario's digest and its input files with their hashes ("digest",
 * "inputs": [{path, sha256}]). */
void json_inputs(jw *w, const scenario *sc);
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

/* Does the pool have more than one employer's view to show (several pay
 * systems, or a line naming an employer or a team)? The pay bill by employer
 * and by system and the grouping by team appear in text and CSV only then,
 * so a one-system file reads as it always has (MODEL.md §14). */
int report_shows_employers(const scenario *sc, const projection *p);
/* Labels of the breakdown keys: an employer (a partner's name, or "No
 * employer named"), a team ("No team" for lines with none). */
const char *report_employer_label(const scenario *sc, int p);
const char *report_team_label(const scenario *sc, const projection *p, size_t key);


#endif

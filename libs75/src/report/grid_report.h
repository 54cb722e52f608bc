/* Writers of two-way tables (s75/grid.h). */
#ifndef S75_GRID_REPORT_H
#define S75_GRID_REPORT_H

#include "grid.h"
#include "sbuf.h"
#include "s75/error.h"

void grid_text(sbuf *b, const grid_result *g);
void grid_csv(sbuf *b, const grid_result *g);
void grid_json(sbuf *b, const grid_result *g);
void grid_html(sbuf *b, const grid_result *g);
/* xlsx/grid_xlsx.c: the workbook, atomically. */
int grid_xlsx_write(const grid_result *g, const char *path, s75_error *err);

#endif

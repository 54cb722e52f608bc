/* Writers of a partner's statement (s75/statement.h). */
#ifndef S75_STATEMENT_REPORT_H
#define S75_STATEMENT_REPORT_H

#include "run.h"
#include "sbuf.h"
#include "statement.h"

void statement_text(sbuf *b, const scenario *sc, const statement *st);
void statement_json(sbuf *b, const scenario *sc, const statement *st);
void statement_html(sbuf *b, const scenario *sc, const statement *st);
/* xlsx/report_xlsx.c: the run's workbook with the statement as its first
 * sheet, atomically. */
int report_xlsx_write_statement(const s75_result *res, const statement *st, const char *path,
                                s75_error *err);

#endif

/* Reading a CSV export (RFC 4180: quoted fields, embedded commas, quotes and
 * newlines, CRLF) into rows of cells that keep their line and column, so a
 * later error can name file:line:column like a YAML one.
 *
 * The bytes must be UTF-8 (a leading UTF-8 byte-order mark is skipped); an
 * invalid byte is an error naming it and its place. The parsing itself is
 * Debian's libcsv in strict mode; this file adds the places, the checks of
 * the row widths and the limits. Nothing is evaluated: a cell written
 * `=SUM(A1:A3)` is the text "=SUM(A1:A3)". */
#ifndef S75_CSV_READ_H
#define S75_CSV_READ_H

#include <stddef.h>
#include "diag.h"

typedef struct csv_cell {
    const char *text; /* NUL-terminated, borrowed for the callback's duration */
    size_t len;
    int line, column; /* 1-based; column counts characters, not bytes */
} csv_cell;

typedef struct csv_limits {
    size_t max_bytes, max_rows, max_columns;
} csv_limits;

/* The limits of input_limits.h. */
csv_limits csv_default_limits(void);

/* Called once per row: row 0 is the header, then 1, 2, ... Rows whose width
 * differs from the header's are reported (to d) and skipped. Returns 0 to go
 * on, nonzero to stop reading. */
typedef int (*csv_row_fn)(void *ctx, size_t row, const csv_cell *cells, size_t n);

/* Reads text (len bytes) named `file` in marks; file must outlive d's use of
 * the marks (diag copies them). Every problem of the file itself goes to d;
 * reading stops at the first syntax error (an unterminated quote swallows the
 * rest of the file, so nothing after it can be trusted). Returns S75_OK or
 * the code of the first error recorded here. */
int csv_read(const char *file, const char *text, size_t len, const csv_limits *lim,
             csv_row_fn fn, void *ctx, diag *d);

/* Returns the offset of the first byte that is not part of valid UTF-8 in
 * text, or len when all of it is valid. */
size_t utf8_invalid_at(const char *text, size_t len);

#endif

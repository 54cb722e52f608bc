/* Text laid out in fixed-width columns: UTF-8 decoded without the locale,
 * widths as a terminal shows them (East Asian wide characters take two
 * columns, combining marks none), labels wrapped at a word and never split
 * inside a character. */
#ifndef S75_TEXTWIDTH_H
#define S75_TEXTWIDTH_H

#include <stddef.h>

#include "sbuf.h"

/* Columns one code point takes: 0 (combining, zero-width, control), 1 or 2. */
int tw_codepoint_width(unsigned long cp);
/* Decodes the character at s (which must not be at its NUL), sets *width to its
 * columns, returns its length in bytes (>= 1). A byte that does not start a valid
 * UTF-8 sequence is one character of width 1, so nothing is ever dropped. */
size_t tw_next(const char *s, int *width);
/* Columns the whole string takes. */
int tw_width(const char *s);
/* s then spaces up to `width` columns (nothing added when s is wider). */
void sb_pad_right(sbuf *b, const char *s, int width);
/* Spaces then s, s ending at column `width`. */
void sb_pad_left(sbuf *b, const char *s, int width);
/* The first line of s wrapped to `width` columns: returns its length in bytes
 * (ending at a space where one lets the line fit, else at a character
 * boundary) and sets *next to where the following line starts (spaces at the
 * break skipped). A line always holds at least one character. */
size_t tw_wrap(const char *s, int width, const char **next);
/* The longest start of s that fits in `width` columns, ending on a character
 * boundary; returns the columns it takes. */
int sb_clip(sbuf *b, const char *s, int width);
/* A label in a column of `width` columns: a label that fits is padded; a
 * longer one is wrapped at words, its lines but the last on lines of their
 * own (continuations indented by the label's own indent plus two), the last
 * padded so the figures that follow line up. Nothing is cut. A caller that
 * wants a gap before the next column leaves it itself. */
void sb_label_cell(sbuf *b, const char *label, int width);
/* The same for a column that starts at `column` on the line: continuation
 * lines start there too. */
void sb_label_cell_at(sbuf *b, const char *label, int width, int column);

#endif

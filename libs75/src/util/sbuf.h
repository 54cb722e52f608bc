/* A growing text buffer; an allocation failure is remembered, not fatal, and
 * checked once at the end. */
#ifndef S75_SBUF_H
#define S75_SBUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct sbuf {
    char *s;
    size_t len, cap;
    int oom;
} sbuf;

void sb_init(sbuf *b);
void sb_free(sbuf *b);
void sb_putn(sbuf *b, const char *s, size_t n);
void sb_puts(sbuf *b, const char *s);
void sb_putc(sbuf *b, char c);
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the text over (NUL-terminated); the buffer is left empty. NULL on OOM. */
char *sb_take(sbuf *b, size_t *len);

/* Exactly printf's "%lld". */
void sb_int(sbuf *b, long long v);
/* Exactly printf's "%.17g" (glibc, default rounding), without printf where it
 * can: JSON and CSV reports write thousands of these. */
void sb_g17(sbuf *b, double v);
/* Money for people: "1,234,567" (rounded to pounds), negatives as "-1,234". */
void sb_money(sbuf *b, double v);
/* Whole pence as pounds with two decimals: "-445128.12". */
void sb_pence(sbuf *b, int64_t pence);

/* JSON writer over an sbuf, pretty-printed with one space of indent. */
typedef struct jw {
    sbuf *b;
    int depth;
    unsigned char has_items[64];
} jw;

void jw_init(jw *w, sbuf *b);
void jw_object(jw *w, const char *key);  /* key NULL inside arrays / at top */
void jw_end_object(jw *w);
void jw_array(jw *w, const char *key);
void jw_end_array(jw *w);
void jw_number(jw *w, const char *key, double v);  /* non-finite: null */
void jw_int(jw *w, const char *key, long long v);
void jw_pence(jw *w, const char *key, int64_t pence);
void jw_string(jw *w, const char *key, const char *s); /* NULL: null */
void jw_null(jw *w, const char *key);
void jw_bool(jw *w, const char *key, int v);
/* A number, or null when `present` is 0. */
void jw_number_or_null(jw *w, const char *key, double v, int present);

/* Text escaped for JSON, CSV, HTML. */
void sb_json_string(sbuf *b, const char *s);
/* A CSV field (RFC 4180 quoting); a text a spreadsheet would take for a
 * formula (=, @, tab, CR, or +/- not starting a number) is quoted with a
 * leading ' so it stays text (OWASP's advice on CSV injection). */
void sb_csv_field(sbuf *b, const char *s);
void sb_html(sbuf *b, const char *s);

#endif

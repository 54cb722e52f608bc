#include "csv_read.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"

csv_limits csv_default_limits(void)
{
    csv_limits l = { LIMIT_CSV_BYTES, LIMIT_CSV_ROWS, LIMIT_CSV_COLUMNS };
    return l;
}

/* Length of the valid UTF-8 sequence at s (Unicode 15, table 3-7: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
    unsigned c = s[0];
    if (c < 0x80)
        return c ? 1 : 0; /* a NUL would end every string made from the cell */
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (left < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

size_t utf8_invalid_at(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (s[i] >= 0x01 && s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_seq(s + i, len - i);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

/* A place in the text found by walking forward from the last one: fields
 * come in file order, so the walk is linear in the file. */
typedef struct cursor {
    size_t off;
    int line, column;
} cursor;

static void advance(cursor *c, const char *text, size_t to)
{
    for (; c->off < to; c->off++) {
        unsigned char b = (unsigned char)text[c->off];
        if (b == '\n') {
            c->line++;
            c->column = 1;
        } else if ((b & 0xC0) != 0x80) {
            c->column++;
        }
    }
}

typedef struct state {
    const char *file, *text;
    size_t len;
    const csv_limits *lim;
    csv_row_fn fn;
    void *ctx;
    diag *d;
    cursor cur;
    size_t chunk_last;  /* offset of the byte that ends the chunk being parsed */
    size_t field_start; /* where the field being read began */
    size_t row, width;
    char **header;      /* the header's names, for messages about missing fields */
    csv_cell *cells;
    size_t n, cap;
    char *buf;          /* the row's cell texts, each NUL-terminated */
    size_t used, bcap;
    size_t *offs;       /* each cell's offset into buf, fixed up once the row is whole */
    int stop, failed;
} state;

static mark mark_at(state *s, size_t off)
{
    advance(&s->cur, s->text, off);
    mark m = { s->file, s->cur.line, s->cur.column };
    return m;
}

static void oom(state *s)
{
    diag_add(s->d, S75_ENOMEM, no_mark, "", "out of memory");
    s->failed = 1;
    s->stop = 1;
}

static void on_field(void *field, size_t len, void *data)
{
    state *s = data;
    if (s->stop)
        return;
    /* libcsv skips line ends between records and blanks before a field;
     * the field's place is its first character. */
    size_t at = s->field_start;
    while (at < s->chunk_last &&
           (s->text[at] == '\r' || s->text[at] == '\n' || s->text[at] == ' ' || s->text[at] == '\t'))
        at++;
    s->field_start = s->chunk_last + 1;
    if (s->n >= s->lim->max_columns) {
        if (s->n == s->lim->max_columns) {
            diag_add(s->d, S75_ELIMIT, mark_at(s, at), "",
                     "more than %zu fields in a row (the limit)", s->lim->max_columns);
            s->failed = 1;
            s->stop = 1;
        }
        s->n++;
        return;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        csv_cell *c = realloc(s->cells, cap * sizeof *c);
        if (!c) {
            oom(s);
            return;
        }
        s->cells = c;
        size_t *o = realloc(s->offs, cap * sizeof *o);
        if (!o) {
            oom(s);
            return;
        }
        s->offs = o;
        s->cap = cap;
    }
    if (s->bcap - s->used < len + 1) {
        size_t cap = s->bcap ? s->bcap : 256;
        while (cap - s->used < len + 1)
            cap *= 2;
        char *b = realloc(s->buf, cap);
        if (!b) {
            oom(s);
            return;
        }
        s->buf = b;
        s->bcap = cap;
    }
    if (len && field)
        memcpy(s->buf + s->used, field, len);
    s->buf[s->used + len] = '\0';
    mark m = mark_at(s, at);
    csv_cell *c = &s->cells[s->n];
    c->len = len;
    c->line = m.line;
    c->column = m.column;
    s->offs[s->n++] = s->used;
    s->used += len + 1;
}

static int keep_header(state *s, size_t n)
{
    s->header = calloc(n ? n : 1, sizeof *s->header);
    if (!s->header)
        return -1;
    s->width = n;
    for (size_t i = 0; i < n; i++) {
        s->header[i] = malloc(s->cells[i].len + 1);
        if (!s->header[i])
            return -1;
        memcpy(s->header[i], s->cells[i].text, s->cells[i].len + 1);
    }
    return 0;
}

static void on_row(int term, void *data)
{
    state *s = data;
    (void)term;
    size_t n = s->n, row = s->row++;
    size_t end = s->chunk_last;
    s->n = 0;
    s->used = 0;
    s->field_start = s->chunk_last + 1;
    if (s->stop)
        return;
    for (size_t i = 0; i < n; i++)
        s->cells[i].text = s->buf + s->offs[i];
    if (row == 0) {
        if (keep_header(s, n) < 0) {
            oom(s);
            return;
        }
    } else if (row > s->lim->max_rows) {
        diag_add(s->d, S75_ELIMIT, mark_at(s, end), "",
                 "more than %zu rows after the header (the limit)", s->lim->max_rows);
        s->failed = 1;
        s->stop = 1;
        return;
    } else if (n > s->width) {
        mark m = { s->file, s->cells[s->width].line, s->cells[s->width].column };
        diag_add(s->d, S75_EINVAL, m, "", "this row has %zu fields and the header %zu "
                 "(a comma in a value that is not quoted?)", n, s->width);
        s->failed = 1;
        return;
    } else if (n < s->width) {
        /* At the end of the row: where the missing fields should be. */
        diag_add(s->d, S75_EINVAL, mark_at(s, end), "", "this row has %zu fields and the header "
                 "%zu: no value for the column '%s'%s", n, s->width, s->header[n],
                 n + 1 < s->width ? " and those after it" : "");
        s->failed = 1;
        return;
    }
    if (s->fn(s->ctx, row, s->cells, n))
        s->stop = 1;
}

/* Bytes after which libcsv may call back: a field or a record ends only at
 * one of them. Feeding it chunks that end there tells us the exact offset of
 * every field's end, which libcsv itself does not report. */
static int ends_chunk(unsigned char b)
{
    return b == ',' || b == '\n' || b == '\r';
}

static void report_encoding(state *s, size_t base)
{
    const unsigned char *t = (const unsigned char *)s->text;
    size_t off = base;
    int last_line = 0;
    while (off < s->len) {
        size_t bad = off + utf8_invalid_at(s->text + off, s->len - off);
        if (bad >= s->len)
            break;
        mark m = mark_at(s, bad);
        /* One message per line: a line of Windows-1252 text has many. */
        if (m.line != last_line) {
            unsigned b = t[bad];
            if (b == 0)
                diag_add(s->d, S75_EINVAL, m, "", "a NUL byte: this is not a text file");
            else if (b == 0xA3)
                diag_add(s->d, S75_EINVAL, m, "", "byte 0xA3 is not UTF-8: it is a pound sign "
                         "in Windows-1252; save the export as 'CSV UTF-8'");
            else if (bad == 0 && s->len >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) ||
                                               (t[0] == 0xFE && t[1] == 0xFF)))
                diag_add(s->d, S75_EINVAL, m, "", "the file is UTF-16; save the export as "
                         "'CSV UTF-8'");
            else
                diag_add(s->d, S75_EINVAL, m, "", "byte 0x%02X is not UTF-8 (a Windows-1252 or "
                         "Latin-1 export?); save the export as 'CSV UTF-8'", b);
            last_line = m.line;
        }
        s->failed = 1;
        off = bad + 1;
    }
}

int csv_read(const char *file, const char *text, size_t len, const csv_limits *lim,
             csv_row_fn fn, void *ctx, diag *d)
{
    csv_limits dl = csv_default_limits();
    state s;
    memset(&s, 0, sizeof s);
    s.file = file;
    s.text = text;
    s.len = len;
    s.lim = lim ? lim : &dl;
    s.fn = fn;
    s.ctx = ctx;
    s.d = d;
    s.cur.line = 1;
    s.cur.column = 1;
    size_t errors_before = d->count;
    if (len > s.lim->max_bytes) {
        mark m = { file, 0, 0 };
        diag_add(d, S75_ELIMIT, m, "", "the file is %zu bytes; the limit for a table is %zu",
                 len, s.lim->max_bytes);
        return S75_ELIMIT;
    }
    size_t off = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        off = 3;
        s.cur.off = 3; /* the mark does not count the byte-order mark */
    }
    report_encoding(&s, off);
    if (s.failed)
        return d->count > errors_before ? d->items[errors_before].code : S75_EINVAL;
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        diag_add(d, S75_ENOMEM, no_mark, "", "out of memory");
        return S75_ENOMEM;
    }
    s.field_start = off;
    int syntax = 0;
    while (off < len && !s.stop) {
        size_t e = off;
        while (e < len && !ends_chunk((unsigned char)text[e]))
            e++;
        size_t end = e < len ? e + 1 : len;
        s.chunk_last = end - 1;
        size_t got = csv_parse(&p, text + off, end - off, on_field, on_row, &s);
        if (got != end - off) {
            if (csv_error(&p) == CSV_EPARSE)
                diag_add(d, S75_EINVAL, mark_at(&s, off + got), "", "a quote inside a field "
                         "that is not quoted, or text after a closing quote: quote the whole "
                         "field and double each quote inside it (\"\")");
            else
                diag_add(d, S75_ENOMEM, mark_at(&s, off + got), "", "out of memory");
            syntax = 1;
            break;
        }
        off = end;
    }
    if (!syntax && !s.stop) {
        s.chunk_last = len;
        size_t opened = s.field_start;
        while (opened < len && text[opened] != '"')
            opened++;
        if (csv_fini(&p, on_field, on_row, &s) != 0)
            diag_add(d, S75_EINVAL, mark_at(&s, opened < len ? opened : s.field_start), "",
                     "unterminated quote: the field that opens here runs to the end of the file");
    }
    csv_free(&p);
    for (size_t i = 0; s.header && i < s.width; i++)
        free(s.header[i]);
    free(s.header);
    free(s.cells);
    free(s.offs);
    free(s.buf);
    if (d->count > errors_before)
        return d->items[errors_before].code;
    return d->oom ? S75_ENOMEM : S75_OK;
}

#include "sbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_init(sbuf *b)
{
    memset(b, 0, sizeof *b);
}

void sb_free(sbuf *b)
{
    free(b->s);
    sb_init(b);
}

static int reserve(sbuf *b, size_t more)
{
    if (b->oom)
        return -1;
    if (b->len + more + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->oom = 1;
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

void sb_putn(sbuf *b, const char *s, size_t n)
{
    if (reserve(b, n) < 0)
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sb_puts(sbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

void sb_putc(sbuf *b, char c)
{
    sb_putn(b, &c, 1);
}

void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        sb_putn(b, small, (size_t)n);
        return;
    }
    if (reserve(b, (size_t)n) < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *sb_take(sbuf *b, size_t *len)
{
    if (b->oom) {
        sb_free(b);
        return NULL;
    }
    if (!b->s)
        sb_putn(b, "", 0);
    char *s = b->s;
    if (len)
        *len = b->len;
    sb_init(b);
    return s;
}

void sb_money(sbuf *b, double v)
{
    if (!isfinite(v)) {
        sb_puts(b, "-");
        return;
    }
    double r = floor(fabs(v) + 0.5);
    char digits[32];
    snprintf(digits, sizeof digits, "%.0f", r);
    if (v < 0 && r > 0)
        sb_putc(b, '-');
    size_t n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        sb_putc(b, digits[i]);
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            sb_putc(b, ',');
    }
}

void sb_pence(sbuf *b, int64_t pence)
{
    int64_t a = pence < 0 ? -pence : pence;
    sb_printf(b, "%s%lld.%02lld", pence < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
}

void jw_init(jw *w, sbuf *b)
{
    memset(w, 0, sizeof *w);
    w->b = b;
}

static void indent(jw *w)
{
    sb_putc(w->b, '\n');
    for (int i = 0; i < w->depth; i++)
        sb_putc(w->b, ' ');
}

static void item(jw *w, const char *key)
{
    if (w->depth > 0) {
        if (w->has_items[w->depth])
            sb_putc(w->b, ',');
        w->has_items[w->depth] = 1;
        indent(w);
    }
    if (key) {
        sb_json_string(w->b, key);
        sb_puts(w->b, ": ");
    }
}

void jw_object(jw *w, const char *key)
{
    item(w, key);
    sb_putc(w->b, '{');
    if (w->depth < 63)
        w->depth++;
    w->has_items[w->depth] = 0;
}

void jw_array(jw *w, const char *key)
{
    item(w, key);
    sb_putc(w->b, '[');
    if (w->depth < 63)
        w->depth++;
    w->has_items[w->depth] = 0;
}

static void close_with(jw *w, char c)
{
    int had = w->has_items[w->depth];
    w->depth--;
    if (had)
        indent(w);
    sb_putc(w->b, c);
    if (w->depth == 0)
        sb_putc(w->b, '\n');
}

void jw_end_object(jw *w)
{
    close_with(w, '}');
}

void jw_end_array(jw *w)
{
    close_with(w, ']');
}

void jw_number(jw *w, const char *key, double v)
{
    item(w, key);
    if (!isfinite(v))
        sb_puts(w->b, "null");
    else if (v == floor(v) && fabs(v) < 1e15)
        sb_printf(w->b, "%.1f", v);
    else
        sb_printf(w->b, "%.17g", v);
}

void jw_number_or_null(jw *w, const char *key, double v, int present)
{
    if (present)
        jw_number(w, key, v);
    else
        jw_null(w, key);
}

void jw_int(jw *w, const char *key, long long v)
{
    item(w, key);
    sb_printf(w->b, "%lld", v);
}

void jw_pence(jw *w, const char *key, int64_t pence)
{
    item(w, key);
    sb_pence(w->b, pence);
}

void jw_string(jw *w, const char *key, const char *s)
{
    item(w, key);
    if (!s)
        sb_puts(w->b, "null");
    else
        sb_json_string(w->b, s);
}

void jw_null(jw *w, const char *key)
{
    item(w, key);
    sb_puts(w->b, "null");
}

void jw_bool(jw *w, const char *key, int v)
{
    item(w, key);
    sb_puts(w->b, v ? "true" : "false");
}

void sb_json_string(sbuf *b, const char *s)
{
    sb_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': sb_puts(b, "\\\""); break;
        case '\\': sb_puts(b, "\\\\"); break;
        case '\n': sb_puts(b, "\\n"); break;
        case '\r': sb_puts(b, "\\r"); break;
        case '\t': sb_puts(b, "\\t"); break;
        default:
            if (*p < 0x20)
                sb_printf(b, "\\u%04x", *p);
            else
                sb_putc(b, (char)*p);
        }
    }
    sb_putc(b, '"');
}

void sb_csv_field(sbuf *b, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        sb_puts(b, s);
        return;
    }
    sb_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            sb_putc(b, '"');
        sb_putc(b, *p);
    }
    sb_putc(b, '"');
}

void sb_html(sbuf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '<': sb_puts(b, "&lt;"); break;
        case '>': sb_puts(b, "&gt;"); break;
        case '&': sb_puts(b, "&amp;"); break;
        case '"': sb_puts(b, "&quot;"); break;
        case '\'': sb_puts(b, "&#39;"); break;
        default: sb_putc(b, *p);
        }
    }
}

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
    /* The writers put most of their text a character at a time. */
    if (!b->oom && b->len + 2 <= b->cap) {
        b->s[b->len++] = c;
        b->s[b->len] = '\0';
        return;
    }
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

/* The digits of v, ending just before `end`; returns where they start. */
static char *u64_digits(char *end, uint64_t v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

/* |v| without overflow: INT64_MIN has no positive counterpart in int64_t. */
static uint64_t magnitude(int64_t v)
{
    return v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
}

static void put_u64(sbuf *b, int negative, uint64_t v)
{
    char digits[24];
    char *end = digits + sizeof digits;
    char *s = u64_digits(end, v);
    if (negative)
        *--s = '-';
    sb_putn(b, s, (size_t)(end - s));
}

void sb_int(sbuf *b, long long v)
{
    put_u64(b, v < 0, magnitude(v));
}

void sb_money(sbuf *b, double v)
{
    if (!isfinite(v)) {
        sb_puts(b, "-");
        return;
    }
    double r = floor(fabs(v) + 0.5);
    char digits[32];
    char *end = digits + sizeof digits;
    const char *d;
    /* A whole number below 2^63 converts exactly, and "%.0f" of a whole
     * number is its digits; printf keeps the pounds beyond that. */
    if (r < 9e18) {
        d = u64_digits(end, (uint64_t)r);
    } else {
        snprintf(digits, sizeof digits, "%.0f", r);
        d = digits;
        end = digits + strlen(digits);
    }
    char out[64];
    size_t o = 0;
    if (v < 0 && r > 0)
        out[o++] = '-';
    size_t n = (size_t)(end - d);
    for (size_t i = 0; i < n; i++) {
        out[o++] = d[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            out[o++] = ',';
    }
    sb_putn(b, out, o);
}

void sb_pence(sbuf *b, int64_t pence)
{
    uint64_t a = magnitude(pence);
    char digits[32];
    char *end = digits + sizeof digits;
    *--end = (char)('0' + a % 10);
    *--end = (char)('0' + a / 10 % 10);
    *--end = '.';
    char *s = u64_digits(end, a / 100);
    if (pence < 0)
        *--s = '-';
    sb_putn(b, s, (size_t)(digits + sizeof digits - s));
}

/* "%.1f" of a whole number below 2^53 in magnitude: its digits and ".0".
 * The sign comes from the sign bit, so -0.0 stays "-0.0" as printf has it. */
static void put_whole_1f(sbuf *b, double v)
{
    char digits[32];
    char *end = digits + sizeof digits;
    *--end = '0';
    *--end = '.';
    char *s = u64_digits(end, (uint64_t)fabs(v));
    if (signbit(v))
        *--s = '-';
    sb_putn(b, s, (size_t)(digits + sizeof digits - s));
}

/* "%.17g" by exact integer arithmetic, so that it is printf's text and not an
 * approximation of it. A double is m * 2^e; when e >= -60 and the value is
 * below 1e17, the integer part and the binary fraction f / 2^k each fit in 64
 * bits, and each further decimal digit of the fraction is the top of f * 10.
 * The 17 significant digits are then rounded half to even on the exact
 * remainder, as glibc does in the default rounding mode (the library never
 * changes it, nor LC_NUMERIC). Anything else is left to printf: below 1e-4
 * and from 1e17 in magnitude, where %g writes an exponent; fractions finer
 * than 2^-60 (so below about 0.008 with all 53 bits used); zero, subnormals,
 * infinities and NaN. */
enum { G17_DIGITS = 17 };

typedef struct g17_parts {
    uint64_t ip, f;  /* integer part; fraction f / 2^k */
    int k;
    int negative;
} g17_parts;

static int g17_split(g17_parts *p, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int biased = (int)(bits >> 52 & 0x7ff);
    if (biased == 0 || biased == 0x7ff)
        return 0;
    uint64_t m = (bits & ((UINT64_C(1) << 52) - 1)) | UINT64_C(1) << 52;
    int e = biased - 1075;
    while (!(m & 1)) {
        m >>= 1;
        e++;
    }
    p->negative = (int)(bits >> 63);
    if (e >= 0) {
        if (e > 10)  /* m < 2^53, so e <= 10 keeps m << e below 2^63 */
            return 0;
        p->ip = m << e;
        p->f = 0;
        p->k = 0;
        return 1;
    }
    if (e < -60)  /* f * 10 must not overflow */
        return 0;
    p->k = -e;
    p->ip = m >> p->k;
    p->f = m & ((UINT64_C(1) << p->k) - 1);
    return 1;
}

static char frac_digit(g17_parts *p)
{
    p->f *= 10;
    char d = (char)('0' + (p->f >> p->k));
    p->f &= (UINT64_C(1) << p->k) - 1;
    return d;
}

static void fill_fraction(char d[G17_DIGITS], int n, g17_parts *p)
{
    for (; n < G17_DIGITS; n++)
        d[n] = p->f ? frac_digit(p) : '0';
}

/* Whether what is left of the fraction, f / 2^k of a unit of the last digit,
 * rounds that digit up: above a half, or exactly a half on an odd digit. */
static int fraction_rounds_up(const g17_parts *p, char last)
{
    if (p->f == 0)
        return 0;
    uint64_t half = UINT64_C(1) << (p->k - 1);
    return p->f > half || (p->f == half && ((last - '0') & 1));
}

static void round_up(char d[G17_DIGITS], int *exp10)
{
    int i = G17_DIGITS - 1;
    while (i >= 0 && d[i] == '9')
        d[i--] = '0';
    if (i >= 0) {
        d[i]++;
        return;
    }
    d[0] = '1';  /* 99..9 became 100..0 */
    (*exp10)++;
}

/* The first 17 significant digits, rounded, and the decimal exponent of the
 * first; returns 0 for an exponent below -4 or above 16. */
static int g17_digits(char d[G17_DIGITS], int *exp10, g17_parts *p)
{
    if (p->ip) {
        char tmp[24];
        char *end = tmp + sizeof tmp;
        const char *s = u64_digits(end, p->ip);
        int ni = (int)(end - s);
        if (ni > G17_DIGITS)  /* from 1e17 %g writes an exponent */
            return 0;
        memcpy(d, s, (size_t)ni);
        *exp10 = ni - 1;
        fill_fraction(d, ni, p);
    } else {
        char first;
        for (*exp10 = -1; (first = frac_digit(p)) == '0'; (*exp10)--)
            if (*exp10 <= -4)
                return 0;
        d[0] = first;
        fill_fraction(d, 1, p);
    }
    if (fraction_rounds_up(p, d[G17_DIGITS - 1]))
        round_up(d, exp10);
    return 1;
}

/* Writes the text into out (at least 32 bytes); returns its length, 0 when
 * printf must do it. */
static size_t g17_exact(char *out, double v)
{
    g17_parts p;
    char d[G17_DIGITS];
    int x;
    if (!g17_split(&p, v) || !g17_digits(d, &x, &p) || x >= G17_DIGITS)
        return 0;
    size_t n = G17_DIGITS;  /* %g drops trailing zeros of the fraction */
    size_t whole = x >= 0 ? (size_t)x + 1 : 0;
    while (n > whole && d[n - 1] == '0')
        n--;
    size_t o = 0;
    if (p.negative)
        out[o++] = '-';
    if (whole) {
        memcpy(out + o, d, whole);
        o += whole;
    } else {
        out[o++] = '0';
    }
    if (n > whole) {
        out[o++] = '.';
        for (int i = -1; i > x; i--)  /* 0.000ddd: up to three zeros */
            out[o++] = '0';
        memcpy(out + o, d + whole, n - whole);
        o += n - whole;
    }
    return o;
}

void sb_g17(sbuf *b, double v)
{
    char out[32];
    size_t n = g17_exact(out, v);
    if (n)
        sb_putn(b, out, n);
    else
        sb_printf(b, "%.17g", v);
}

void jw_init(jw *w, sbuf *b)
{
    memset(w, 0, sizeof *w);
    w->b = b;
}

static void indent(jw *w)
{
    static const char line[] = "\n                                                                ";
    _Static_assert(sizeof line >= 64 + 1, "one space per level of depth, which stops at 63");
    sb_putn(w->b, line, (size_t)w->depth + 1);
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
        put_whole_1f(w->b, v);
    else
        sb_g17(w->b, v);
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
    sb_int(w->b, v);
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

static int json_plain(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\';
}

void sb_json_string(sbuf *b, const char *s)
{
    sb_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        /* Runs that need no escape go in at once. */
        const unsigned char *run = p;
        while (json_plain(*p))
            p++;
        sb_putn(b, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        switch (*p) {
        case '"': sb_puts(b, "\\\""); break;
        case '\\': sb_puts(b, "\\\\"); break;
        case '\n': sb_puts(b, "\\n"); break;
        case '\r': sb_puts(b, "\\r"); break;
        case '\t': sb_puts(b, "\\t"); break;
        default: sb_printf(b, "\\u%04x", *p);
        }
    }
    sb_putc(b, '"');
}

/* A cell a spreadsheet would read as a formula: one that starts with =, @,
 * a tab or CR, or with + or - when it is not a number (OWASP, CSV
 * injection). A lone "-" (our "none") is no formula. */
static int csv_formula_like(const char *s)
{
    if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
        return 1;
    if ((s[0] == '+' || s[0] == '-') && s[1] != '\0') {
        char *end;
        strtod(s, &end);
        return end == s || *end != '\0';
    }
    return 0;
}

void sb_csv_field(sbuf *b, const char *s)
{
    int formula = csv_formula_like(s);
    if (!formula && !strpbrk(s, ",\"\n\r")) {
        sb_puts(b, s);
        return;
    }
    sb_putc(b, '"');
    if (formula)
        sb_putc(b, '\'');
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

#include "reader.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void rd_init(reader *r, diag *d)
{
    memset(r, 0, sizeof *r);
    r->d = d;
}

/* Appends what fits of s, as snprintf into the rest of the path would. */
static void path_append(reader *r, const char *s, size_t n)
{
    size_t room = sizeof r->path - r->plen - 1;
    if (n > room)
        n = room;
    memcpy(r->path + r->plen, s, n);
    r->plen += n;
    r->path[r->plen] = '\0';
}

size_t rd_push_key(reader *r, const char *key)
{
    size_t old = r->plen;
    if (r->plen)
        path_append(r, ".", 1);
    path_append(r, key, strlen(key));
    return old;
}

size_t rd_push_index(reader *r, size_t i)
{
    char buf[32];
    char *p = buf + sizeof buf;
    *--p = ']';
    do {
        *--p = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    *--p = '[';
    size_t old = r->plen;
    path_append(r, p, (size_t)(buf + sizeof buf - p));
    return old;
}

void rd_pop(reader *r, size_t len)
{
    r->plen = len;
    r->path[len] = '\0';
}

static void rd_verror(reader *r, int code, const ynode *n, const char *fmt, va_list ap)
{
    diag_addv(r->d, code, n ? n->at : no_mark, r->path, fmt, ap);
}

void rd_error(reader *r, const ynode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rd_verror(r, S75_EINVAL, n, fmt, ap);
    va_end(ap);
}

void rd_error_code(reader *r, int code, const ynode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rd_verror(r, code, n, fmt, ap);
    va_end(ap);
}

void *rd_calloc(reader *r, const ynode *n, size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size);
    if (!p)
        rd_error_code(r, S75_ENOMEM, n, "out of memory");
    return p;
}

char *rd_strdup(reader *r, const char *s)
{
    char *c = xstrdup(s);
    if (!c)
        rd_error_code(r, S75_ENOMEM, NULL, "out of memory");
    return c;
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t sub = prev + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}

const char *nearest_word(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    size_t best_d = 99;
    for (size_t i = 0; candidates[i]; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    size_t len = strlen(word);
    /* Close enough to be a typo: at most a third of the word wrong. */
    if (best && best_d <= (len < 6 ? 2 : len / 3 + 1))
        return best;
    return NULL;
}

const char *rd_nearest(const reader *r, const char *word, const char *const *candidates)
{
    return diag_suggesting(r->d) ? nearest_word(word, candidates) : NULL;
}

int rd_expect(reader *r, const ynode *n, ykind kind)
{
    if (n->kind != kind) {
        rd_error(r, n, "expected %s, got %s", ykind_name(kind), ykind_name(n->kind));
        return -1;
    }
    return 0;
}

int rd_check_map(reader *r, const ynode *n, const char *const *allowed,
                 const char *const *required)
{
    if (rd_expect(r, n, Y_MAP) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n->n; i++) {
        ynode *k = ymap_key(n, i);
        if (k->kind != Y_SCALAR) {
            rd_error(r, k, "a key must be a plain word, got %s", ykind_name(k->kind));
            rc = -1;
            continue;
        }
        int known = 0;
        for (size_t j = 0; allowed[j]; j++)
            if (strcmp(k->text, allowed[j]) == 0)
                known = 1;
        if (!known) {
            /* A key is quoted short: a long one is no typo, and the file may
             * not be one the user meant to show. */
            size_t old = rd_push_key(r, k->len <= 40 ? k->text : "?");
            const char *near = rd_nearest(r, k->text, allowed);
            const char *more = k->len > 40 ? "..." : "";
            if (near)
                rd_error(r, k, "unknown key '%.40s%s' (did you mean '%s'?)", k->text, more, near);
            else
                rd_error(r, k, "unknown key '%.40s%s'", k->text, more);
            rd_pop(r, old);
            rc = -1;
            continue;
        }
        /* A key given twice was refused with the tree (yamltree.h). */
    }
    for (size_t j = 0; required && required[j]; j++) {
        if (!ymap_get(n, required[j])) {
            rd_error(r, n, "missing required key '%s'", required[j]);
            rc = -1;
        }
    }
    return rc;
}

/* Parses a decimal number, with underscores between digits allowed. Rejects
 * NaN and infinities: no money or rate in a scenario can be either. */
static int parse_decimal(const char *s, double *out)
{
    char buf[128];
    size_t j = 0;
    if (!*s)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p == '_') {
            if (p == s || !isdigit((unsigned char)p[-1]) || !isdigit((unsigned char)p[1]))
                return -1;
            continue;
        }
        if (!(isdigit((unsigned char)*p) || *p == '.' || *p == '-' || *p == '+' || *p == 'e' ||
              *p == 'E'))
            return -1;
        if (j + 1 >= sizeof buf)
            return -1;
        buf[j++] = *p;
    }
    buf[j] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (*end || end == buf || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int is_nonfinite_word(const char *s)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (*p == '.')
        p++;
    return strcasecmp(p, "nan") == 0 || strcasecmp(p, "inf") == 0 ||
           strcasecmp(p, "infinity") == 0;
}

int rd_number(reader *r, const ynode *n, double *out)
{
    if (n->kind != Y_SCALAR) {
        rd_error(r, n, "expected a number, got %s", ykind_name(n->kind));
        return -1;
    }
    if (is_nonfinite_word(n->text)) {
        rd_error(r, n, "must be a finite number, got %.40s", n->text);
        return -1;
    }
    if (parse_decimal(n->text, out) < 0) {
        rd_error(r, n, "expected a number, got '%.40s'", n->text);
        return -1;
    }
    return 0;
}

static void fmt_num(char *buf, size_t cap, double v)
{
    snprintf(buf, cap, "%.10g", v);
}

/* open: SERIES_ABOVE_LO and/or SERIES_BELOW_HI make that bound strict. */
static int check_bounds_open(reader *r, const ynode *n, double v, double lo, double hi,
                             int percent, int open)
{
    int lo_ok = (open & SERIES_ABOVE_LO) ? v > lo : v >= lo;
    int hi_ok = (open & SERIES_BELOW_HI) ? v < hi : v <= hi;
    if (lo_ok && hi_ok)
        return 0;
    char a[32], b[32], c[32];
    double m = percent ? 100.0 : 1.0;
    const char *u = percent ? "%" : "";
    const char *ge = (open & SERIES_ABOVE_LO) ? ">" : ">=", *le = (open & SERIES_BELOW_HI) ? "<" : "<=";
    fmt_num(a, sizeof a, lo * m);
    fmt_num(b, sizeof b, hi * m);
    fmt_num(c, sizeof c, v * m);
    if (!lo_ok && (isinf(hi) || hi >= 1e9))
        rd_error(r, n, "must be %s %s%s, got %s%s", ge, a, u, c, u);
    else if (!hi_ok && (isinf(lo) || lo <= -1e9))
        rd_error(r, n, "must be %s %s%s, got %s%s", le, b, u, c, u);
    else if (open)
        rd_error(r, n, "must be %s %s%s and %s %s%s, got %s%s", ge, a, u, le, b, u, c, u);
    else
        rd_error(r, n, "must be between %s%s and %s%s, got %s%s", a, u, b, u, c, u);
    return -1;
}

static int check_bounds(reader *r, const ynode *n, double v, double lo, double hi, int percent)
{
    return check_bounds_open(r, n, v, lo, hi, percent, 0);
}

int rd_number_in(reader *r, const ynode *n, double *out, double lo, double hi)
{
    double v;
    if (rd_number(r, n, &v) < 0)
        return -1;
    if (check_bounds(r, n, v, lo, hi, 0) < 0)
        return -1;
    *out = v;
    return 0;
}

int rd_int(reader *r, const ynode *n, long *out, long lo, long hi)
{
    double v;
    if (rd_number(r, n, &v) < 0)
        return -1;
    if (v != floor(v)) {
        rd_error(r, n, "expected a whole number, got %.40s", n->text);
        return -1;
    }
    /* (double)LONG_MAX rounds up to 2^63, which no long holds: compare
     * against bounds a double represents exactly, then against lo and hi
     * as longs, so the conversion below is always defined. */
    if (!(v >= -0x1p63 && v < 0x1p63)) {
        rd_error(r, n, "must be between %ld and %ld, got %.40s", lo, hi, n->text);
        return -1;
    }
    long w = (long)v;
    if (w < lo || w > hi) {
        if (hi == LONG_MAX)
            rd_error(r, n, "must be >= %ld, got %ld", lo, w);
        else
            rd_error(r, n, "must be between %ld and %ld, got %ld", lo, hi, w);
        return -1;
    }
    *out = w;
    return 0;
}

int rd_string(reader *r, const ynode *n, const char **out)
{
    if (n->kind != Y_SCALAR) {
        rd_error(r, n, "expected text, got %s", ykind_name(n->kind));
        return -1;
    }
    if (strlen(n->text) != n->len) {
        rd_error(r, n, "text must not hold a NUL character");
        return -1;
    }
    if (n->len == 0) {
        rd_error(r, n, "must not be empty");
        return -1;
    }
    size_t bad = text_control_at(n->text, n->len);
    if (bad < n->len) {
        rd_error(r, n, "text must not hold control characters (one at byte %zu)", bad + 1);
        return -1;
    }
    *out = n->text;
    return 0;
}

int rd_bool(reader *r, const ynode *n, int *out)
{
    if (n->kind == Y_SCALAR && n->plain) {
        if (!strcmp(n->text, "true") || !strcmp(n->text, "True") || !strcmp(n->text, "yes")) {
            *out = 1;
            return 0;
        }
        if (!strcmp(n->text, "false") || !strcmp(n->text, "False") || !strcmp(n->text, "no")) {
            *out = 0;
            return 0;
        }
    }
    rd_error(r, n, "expected true or false, got %.40s", n->kind == Y_SCALAR ? n->text : ykind_name(n->kind));
    return -1;
}

int rd_rate(reader *r, const ynode *n, double *out, double lo, double hi)
{
    if (n->kind != Y_SCALAR) {
        rd_error(r, n, "expected a rate (0.035 or \"3.5%%\"), got %s", ykind_name(n->kind));
        return -1;
    }
    double v;
    int percent = n->len > 0 && n->text[n->len - 1] == '%';
    if (percent) {
        char buf[64];
        if (n->len >= sizeof buf) {
            rd_error(r, n, "expected a rate, got '%.40s'", n->text);
            return -1;
        }
        memcpy(buf, n->text, n->len - 1);
        buf[n->len - 1] = '\0';
        size_t e = strlen(buf);
        while (e > 0 && buf[e - 1] == ' ')
            buf[--e] = '\0';
        if (is_nonfinite_word(buf) || parse_decimal(buf, &v) < 0) {
            rd_error(r, n, "expected a per cent such as \"3.5%%\", got '%.40s'", n->text);
            return -1;
        }
        v /= 100.0;
    } else {
        if (rd_number(r, n, &v) < 0)
            return -1;
        if (fabs(v) > 1) {
            rd_error(r, n, "a bare rate must be a fraction between -1 and 1, got %.40s; "
                     "write %g%% as \"%g%%\" or %g", n->text, v, v, v / 100.0);
            return -1;
        }
    }
    if (check_bounds(r, n, v, lo, hi, 1) < 0)
        return -1;
    *out = v;
    return 0;
}

int rd_year(reader *r, const ynode *n, int *out)
{
    if (n->kind != Y_SCALAR) {
        rd_error(r, n, "expected a year such as 2026 or \"2026/27\", got %s", ykind_name(n->kind));
        return -1;
    }
    const char *s = n->text;
    int ok = strlen(s) >= 4 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
             isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]);
    int y = ok ? atoi(s) : 0;
    if (ok && s[4] == '\0') {
        /* 2026 */
    } else if (ok && s[4] == '/' && isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6]) &&
               s[7] == '\0') {
        int yy = (s[5] - '0') * 10 + (s[6] - '0');
        if (yy != (y + 1) % 100) {
            rd_error(r, n, "'%.20s' is not a financial year: %d/%02d follows %d", s, y, (y + 1) % 100, y);
            return -1;
        }
    } else {
        ok = 0;
    }
    if (!ok || y < 1900 || y > 2500) {
        rd_error(r, n, "expected a year such as 2026 or \"2026/27\", got '%.20s'", s);
        return -1;
    }
    *out = y;
    return 0;
}

int rd_id(reader *r, const ynode *n, const char **out)
{
    const char *s;
    if (rd_string(r, n, &s) < 0)
        return -1;
    int ok = *s != '\0' && strlen(s) <= 64;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            ok = 0;
    if (!ok) {
        rd_error(r, n, "an id is 1-64 of a-z, 0-9, _ and -, got '%.40s'", s);
        return -1;
    }
    *out = s;
    return 0;
}

#define CHILD(getter, ...)                                                                         \
    ynode *n = ymap_get(map, key);                                                                 \
    if (!n)                                                                                        \
        return 1;                                                                                  \
    size_t old = rd_push_key(r, key);                                                              \
    int rc = getter(r, n, __VA_ARGS__);                                                            \
    rd_pop(r, old);                                                                                \
    return rc

int rd_child_number_in(reader *r, const ynode *map, const char *key, double *out, double lo,
                       double hi)
{
    CHILD(rd_number_in, out, lo, hi);
}

int rd_child_rate(reader *r, const ynode *map, const char *key, double *out, double lo, double hi)
{
    CHILD(rd_rate, out, lo, hi);
}

int rd_child_string(reader *r, const ynode *map, const char *key, const char **out)
{
    CHILD(rd_string, out);
}

int rd_child_bool(reader *r, const ynode *map, const char *key, int *out)
{
    CHILD(rd_bool, out);
}

int rd_child_int(reader *r, const ynode *map, const char *key, long *out, long lo, long hi)
{
    CHILD(rd_int, out, lo, hi);
}

static int read_value(reader *r, const ynode *n, int kind, double lo, double hi, double *out)
{
    int open = kind & (SERIES_ABOVE_LO | SERIES_BELOW_HI);
    if (!open)
        return (kind & 1) == SERIES_RATE ? rd_rate(r, n, out, lo, hi)
                                         : rd_number_in(r, n, out, lo, hi);
    /* Read within the closed bounds' type rules first (a bare rate above 1 is
     * still refused as such), then hold the strict bound. */
    double v;
    int rc = (kind & 1) == SERIES_RATE ? rd_rate(r, n, &v, -INFINITY, INFINITY)
                                      : rd_number(r, n, &v);
    if (rc < 0 || check_bounds_open(r, n, v, lo, hi, (kind & 1) == SERIES_RATE, open) < 0)
        return -1;
    *out = v;
    return 0;
}

int rd_series(reader *r, const ynode *n, int kind, double lo, double hi, int first, int last,
              double *out)
{
    if (first > last)
        return 0;
    if (n->kind != Y_MAP) {
        double v;
        if (read_value(r, n, kind, lo, hi, &v) < 0)
            return -1;
        for (int y = first; y <= last; y++)
            out[y - first] = v;
        return 0;
    }
    if (n->n == 0) {
        rd_error(r, n, "a series needs a value, or a mapping of years to values");
        return -1;
    }
    int rc = 0;
    /* years[] and vals[] in file order; resolved below as a step function */
    int *years = malloc(n->n * sizeof *years);
    double *vals = malloc(n->n * sizeof *vals);
    if (!years || !vals) {
        free(years), free(vals);
        rd_error_code(r, S75_ENOMEM, n, "out of memory");
        return -1;
    }
    size_t m = 0;
    char a[8], b[8];
    for (size_t i = 0; i < n->n; i++) {
        ynode *k = ymap_key(n, i);
        int y;
        if (rd_year(r, k, &y) < 0) {
            rc = -1;
            continue;
        }
        size_t old = rd_push_key(r, fy_label(y, a));
        if (y > last) {
            rd_error(r, k, "year %s is outside the model (up to %s)", a, fy_label(last, b));
            rc = -1;
        } else {
            for (size_t j = 0; j < m; j++)
                if (years[j] == y) {
                    rd_error(r, k, "year %s given twice", a);
                    rc = -1;
                }
            if (read_value(r, ymap_value(n, i), kind, lo, hi, &vals[m]) < 0)
                rc = -1;
            else
                years[m++] = y;
        }
        rd_pop(r, old);
    }
    if (rc == 0) {
        for (int y = first; y <= last; y++) {
            int best = -1;
            for (size_t j = 0; j < m; j++)
                if (years[j] <= y && (best < 0 || years[j] > years[best]))
                    best = (int)j;
            if (best < 0) {
                int min = years[0];
                for (size_t j = 1; j < m; j++)
                    if (years[j] < min)
                        min = years[j];
                rd_error(r, n, "no value for %s (the first year given is %s)", fy_label(y, a),
                         fy_label(min, b));
                rc = -1;
                break;
            }
            out[y - first] = vals[best];
        }
    }
    free(years);
    free(vals);
    return rc;
}

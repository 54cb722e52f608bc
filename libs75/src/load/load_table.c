/* CSV tables as inputs: finding the table, mapping its columns by header
 * name, reading cells as numbers the way exports write them. */
#include "table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inputs.h"
#include "load_ctx.h"
#include "load.h"
#include "overrides.h"
#include "s75/variants.h"
#include "sha256.h"

void table_src_free(table_src *ts)
{
    for (size_t i = 0; i < ts->n_docs; i++)
        ydoc_free(&ts->docs[i]);
    ts->n_docs = 0;
    for (size_t i = 0; i < ts->n_summaries; i++) {
        free(ts->summaries[i].file);
        free(ts->summaries[i].section);
        free(ts->summaries[i].text);
    }
    free(ts->summaries);
    ts->summaries = NULL;
    ts->n_summaries = 0;
}

void lower_trim(const char *s, char *buf, size_t cap)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = 0;
    for (; *s && n + 1 < cap; s++)
        buf[n++] = (char)tolower((unsigned char)*s);
    while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
        n--;
    buf[n] = '\0';
}

const char *cell_trimmed(const csv_cell *c, char *buf, size_t cap)
{
    const char *s = c->text, *e = c->text + c->len;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    if ((size_t)(e - s) >= cap)
        return NULL;
    memcpy(buf, s, (size_t)(e - s));
    buf[e - s] = '\0';
    return buf;
}

/* Digits with optional commas between groups of three, then an optional
 * fraction: the shape of "1,234.56". Copies the digits (and point) to out. */
static int export_digits(const char *s, char *out, size_t cap)
{
    size_t n = 0, group = 0;
    int seen_comma = 0, digits = 0;
    for (; *s && *s != '.'; s++) {
        if (*s == ',') {
            if (!digits || (seen_comma && group != 3) || (!seen_comma && group > 3))
                return -1;
            seen_comma = 1;
            group = 0;
            continue;
        }
        if (!isdigit((unsigned char)*s) || n + 1 >= cap)
            return -1;
        out[n++] = *s;
        group++;
        digits++;
    }
    if (!digits || (seen_comma && group != 3))
        return -1;
    if (*s == '.') {
        out[n++] = *s++;
        if (!isdigit((unsigned char)*s))
            return -1;
        for (; *s; s++) {
            if (!isdigit((unsigned char)*s) || n + 1 >= cap)
                return -1;
            out[n++] = *s;
        }
    }
    out[n] = '\0';
    return 0;
}

/* Sign, pound sign and brackets around the digits; *neg set. */
static int export_unwrap(const char *s, char *out, size_t cap, int *neg)
{
    char buf[128];
    size_t n = strlen(s);
    *neg = 0;
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n + 1);
    char *p = buf;
    if (p[0] == '(' && p[n - 1] == ')') {
        /* Accounting exports write a credit as (1,200.00). */
        p[n - 1] = '\0';
        p++;
        *neg = 1;
    }
    if (*p == '-' || *p == '+') {
        if (*p == '-')
            *neg = !*neg;
        p++;
    }
    if (strncmp(p, "\xC2\xA3", 2) == 0) /* £ */
        p += 2;
    if (*p == '-' && !*neg) { /* £-5 */
        *neg = 1;
        p++;
    }
    return export_digits(p, out, cap);
}

int parse_export_number(const char *s, double *out)
{
    char digits[128];
    int neg;
    if (export_unwrap(s, digits, sizeof digits, &neg) < 0)
        return -1;
    errno = 0;
    char *end;
    double v = strtod(digits, &end);
    if (*end || errno == ERANGE || !isfinite(v))
        return -1;
    *out = neg ? -v : v;
    return 0;
}

int parse_export_pence(const char *s, int64_t *out)
{
    char digits[128];
    int neg;
    if (export_unwrap(s, digits, sizeof digits, &neg) < 0)
        return -1;
    int64_t v = 0;
    const char *p = digits;
    for (; *p && *p != '.'; p++) {
        if (v > (INT64_MAX - 9) / 1000)
            return -1;
        v = v * 10 + (*p - '0');
    }
    int64_t pence = 0;
    if (*p == '.') {
        p++;
        for (int i = 0; i < 2; i++)
            pence = pence * 10 + (*p ? *p++ - '0' : 0);
        for (; *p; p++)
            if (*p != '0')
                return -1;
    }
    v = v * 100 + pence;
    *out = neg ? -v : v;
    return 0;
}

int table_key(const table_map *tm, const char *key)
{
    for (int i = 0; tm->keys[i]; i++)
        if (strcmp(tm->keys[i], key) == 0)
            return tm->col[i] >= 0 ? i : -1;
    return -1;
}

const csv_cell *table_cell(const table_map *tm, int key, const csv_cell *cells)
{
    return key >= 0 && tm->col[key] >= 0 ? &cells[tm->col[key]] : NULL;
}

void cell_error(table_map *tm, int key, const csv_cell *c, const char *fmt, ...)
{
    char path[256], text[512];
    snprintf(path, sizeof path, "%s.columns.%s", tm->section, tm->keys[key]);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    mark at = { tm->file, c->line, c->column };
    diag_add(tm->r->d, S75_EINVAL, at, path, "'%s' is '%.60s': %s", tm->header[key], c->text,
             text);
}

/* The header row: every mapped name must name exactly one column. */
static int map_header(table_map *tm, const csv_cell *cells, size_t n)
{
    const char **names = calloc(n + 1, sizeof *names);
    char (*low)[128] = calloc(n ? n : 1, sizeof *low);
    int ok = names && low;
    for (size_t j = 0; ok && j < n; j++) {
        names[j] = cells[j].text;
        lower_trim(cells[j].text, low[j], sizeof low[j]);
    }
    for (int k = 0; ok && tm->keys[k]; k++) {
        if (!tm->names[k])
            continue;
        char want[128];
        lower_trim(tm->names[k]->text, want, sizeof want);
        long found = -1;
        for (size_t j = 0; j < n; j++) {
            if (strcmp(low[j], want) != 0)
                continue;
            if (found >= 0) {
                char path[256];
                snprintf(path, sizeof path, "%s.columns.%s", tm->section, tm->keys[k]);
                mark at = { tm->file, cells[j].line, cells[j].column };
                diag_add(tm->r->d, S75_EINVAL, at, path, "two columns are named '%s' (columns "
                         "%ld and %zu): the mapping cannot tell them apart",
                         tm->names[k]->text, found + 1, j + 1);
                ok = 0;
            }
            found = (long)j;
        }
        if (found < 0) {
            char path[256];
            snprintf(path, sizeof path, "%s.columns.%s", tm->section, tm->keys[k]);
            const char *near = nearest_word(tm->names[k]->text, names);
            mark at = { tm->file, n ? cells[0].line : 1, 1 };
            diag_add(tm->r->d, S75_EINVAL, at, path, "the header has no column '%s'%s%s%s",
                     tm->names[k]->text, near ? " (did you mean '" : "", near ? near : "",
                     near ? "'?)" : "");
            ok = 0;
        }
        tm->col[k] = found;
        tm->header[k] = found >= 0 ? tm->names[k]->text : "";
    }
    free(names);
    free(low);
    return ok ? 0 : -1;
}

static int on_table_row(void *ctx, size_t row, const csv_cell *cells, size_t n)
{
    table_map *tm = ctx;
    if (row == 0) {
        tm->header_ok = map_header(tm, cells, n) == 0;
        return !tm->header_ok;
    }
    tm->rows++;
    return tm->row_fn(tm->ctx, row, cells, n);
}

static const s75_table *memory_table(const table_src *ts, const char *name)
{
    const load_opts *o = ts->opts;
    for (size_t i = 0; o && name && i < o->n_tables; i++)
        if (strcmp(o->tables[i].name, name) == 0)
            return &o->tables[i];
    return NULL;
}

/* The name a file answers to among in-memory tables: its base name without .csv. */
static void stem_of(const char *path, char *buf, size_t cap)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && strcasecmp(base + n - 4, ".csv") == 0)
        n -= 4;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, base, n);
    buf[n] = '\0';
}

static table_summary *add_summary(table_src *ts, const char *file, const char *section,
                                  const char *text, size_t len)
{
    table_summary *s = realloc(ts->summaries, (ts->n_summaries + 1) * sizeof *s);
    if (!s)
        return NULL;
    ts->summaries = s;
    s = &s[ts->n_summaries];
    memset(s, 0, sizeof *s);
    s->file = xstrdup(file);
    s->section = xstrdup(section);
    if (!s->file || !s->section) {
        free(s->file);
        free(s->section);
        return NULL;
    }
    sha256_hex(text, len, s->sha256);
    ts->n_summaries++;
    return s;
}

int table_read(table_src *ts, table_map *tm, const ynode *node, const char *const *keys,
               const char *const *required)
{
    reader *r = tm->r;
    tm->keys = keys;
    for (int k = 0; k < TABLE_MAX_COLUMNS; k++) {
        tm->names[k] = NULL;
        tm->col[k] = -1;
        tm->header[k] = "";
    }
    const ynode *cols = ymap_get(node, "columns");
    int ok = 1;
    if (!cols) {
        rd_error(r, node, "missing required key 'columns'");
        ok = 0;
    } else {
        size_t old = rd_push_key(r, "columns");
        if (rd_check_map(r, cols, keys, required) < 0)
            ok = 0;
        for (int k = 0; keys[k] && cols->kind == Y_MAP; k++) {
            const ynode *v = ymap_get(cols, keys[k]);
            if (!v)
                continue;
            size_t o2 = rd_push_key(r, keys[k]);
            const char *name;
            if (rd_string(r, v, &name) < 0)
                ok = 0;
            else if (!*name) {
                rd_error(r, v, "a column's header name may not be empty");
                ok = 0;
            } else
                tm->names[k] = v;
            rd_pop(r, o2);
        }
        for (int k = 0; required[k]; k++)
            if (!ymap_get(cols, required[k]))
                ok = 0;
        rd_pop(r, old);
    }
    const char *file = NULL, *name = NULL;
    const ynode *fnode = ymap_get(node, "file"), *tnode = ymap_get(node, "table");
    if (fnode) {
        size_t old = rd_push_key(r, "file");
        if (rd_string(r, fnode, &file) < 0)
            ok = 0;
        rd_pop(r, old);
    }
    if (tnode) {
        size_t old = rd_push_key(r, "table");
        if (rd_id(r, tnode, &name) < 0)
            ok = 0;
        rd_pop(r, old);
    }
    char stem[128];
    if (!name && file) {
        stem_of(file, stem, sizeof stem);
        name = stem;
    }
    const s75_table *mem = memory_table(ts, name);
    if (!mem && !file) {
        if (tnode)
            rd_error(r, tnode, "no table '%s' was passed to the loader, and no file: is given",
                     name ? name : "");
        else if (ok)
            rd_error(r, node, "missing required key 'file' (or 'table', for a table passed in "
                     "memory)");
        return -1;
    }
    if (!ok)
        return -1;
    if (ts->n_docs >= LIMIT_TABLES) {
        rd_error_code(r, S75_ELIMIT, node, "more than %d CSV tables", LIMIT_TABLES);
        return -1;
    }
    /* Every table a scenario reads is read here, so the list of its inputs
     * is kept in one place. */
    char *path = mem ? xstrdup(mem->name) : path_beside(ts->scenario_file, file);
    if (!path) {
        rd_error_code(r, S75_ENOMEM, node, "out of memory");
        return -1;
    }
    char *owned = NULL;
    const char *text;
    size_t len;
    if (mem) {
        text = mem->text;
        len = mem->len;
    } else {
        size_t old = rd_push_key(r, "file");
        if (load_ctx_confined(ts->ctx, path, r->d, fnode->at, r->path) == 0) {
            owned = read_file_max(path, &len, r->d, fnode->at, r->path, LIMIT_CSV_BYTES);
            if (owned && load_ctx_charge(ts->ctx, len, r->d, fnode->at, r->path) < 0) {
                free(owned);
                owned = NULL;
            }
        }
        rd_pop(r, old);
        text = owned;
    }
    if (!text || ydoc_init_built(&ts->docs[ts->n_docs], path) < 0) {
        if (text)
            rd_error_code(r, S75_ENOMEM, node, "out of memory");
        free(owned);
        free(path);
        return -1;
    }
    free(path);
    tm->doc = &ts->docs[ts->n_docs++];
    tm->file = tm->doc->file;
    tm->summary = add_summary(ts, tm->file, r->path, text, len);
    if (!tm->summary) {
        rd_error_code(r, S75_ENOMEM, node, "out of memory");
        free(owned);
        return -1;
    }
    tm->header_ok = 0;
    tm->rows = 0;
    csv_limits lim = csv_default_limits();
    size_t errors_before = r->d->count;
    csv_read(tm->file, text, len, &lim, on_table_row, tm, r->d);
    tm->summary->rows = tm->rows;
    free(owned);
    if (!tm->header_ok && r->d->count == errors_before) {
        mark at = { tm->file, 1, 1 };
        diag_add(r->d, S75_EINVAL, at, r->path, "the table is empty: a header row is needed");
    }
    return tm->header_ok ? 0 : -1;
}

int table_summaries_write(table_src *ts)
{
    for (size_t i = 0; i < ts->n_summaries; i++) {
        table_summary *t = &ts->summaries[i];
        char buf[1024];
        int n = snprintf(buf, sizeof buf, "%s (%s): %zu rows", t->file, t->section, t->rows);
        if (t->lines)
            n += snprintf(buf + n, sizeof buf - (size_t)n, " into %zu workforce lines", t->lines);
        else
            n += snprintf(buf + n, sizeof buf - (size_t)n, ", %zu used", t->used);
        size_t ignored[] = { t->other_cost_centre, t->other_year, t->other_account,
                             t->after_month };
        static const char what[][20] = { "other cost centres", "other years", "other accounts",
                                         "after the months" };
        const char *sep = "; ignored: ";
        for (int k = 0; k < 4; k++)
            if (ignored[k] && n > 0 && (size_t)n < sizeof buf) {
                n += snprintf(buf + n, sizeof buf - (size_t)n, "%s%zu %s", sep, ignored[k],
                              what[k]);
                sep = ", ";
            }
        if (!(t->text = xstrdup(buf)))
            return -1;
    }
    return 0;
}

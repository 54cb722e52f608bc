#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const mark no_mark = { NULL, 0, 0 };


void diag_init(diag *d)
{
    memset(d, 0, sizeof *d);
}

void diag_clear(diag *d)
{
    free(d->items);
    diag_init(d);
}

static void copy_str(char *dst, size_t cap, const char *src)
{
    if (!src)
        src = "";
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

size_t text_control_at(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return i;
        if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0x9f)
            return i;
    }
    return len;
}

void text_escape_controls(char *dst, size_t cap, const char *src)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    for (size_t i = 0; src[i] && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)src[i];
        int c1 = c == 0xc2 && (unsigned char)src[i + 1] >= 0x80 && (unsigned char)src[i + 1] <= 0x9f;
        if (c >= 0x20 && c != 0x7f && !c1) {
            dst[o++] = (char)c;
            continue;
        }
        const char *form = c1 ? "\\u00" : "\\x";
        size_t need = strlen(form) + 2;
        if (o + need + 1 > cap)
            break;
        unsigned char v = c1 ? (unsigned char)src[++i] : c;
        memcpy(dst + o, form, need - 2);
        o += need - 2;
        dst[o++] = hex[v >> 4];
        dst[o++] = hex[v & 15];
    }
    dst[o] = '\0';
}

/* In place: src and dst are the same buffer of cap bytes. */
static void escape_in_place(char *s, size_t cap)
{
    if (text_control_at(s, strlen(s)) == strlen(s))
        return;
    char *copy = malloc(cap);
    if (!copy) {
        /* No room to escape: blank the controls instead. */
        for (char *p = s; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                *p = '?';
        return;
    }
    memcpy(copy, s, cap);
    text_escape_controls(s, cap, copy);
    free(copy);
}

int error_setv(s75_error *err, int code, mark at, const char *path, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    memset(err, 0, sizeof *err);
    err->code = code;
    err->line = at.line;
    err->column = at.column;
    copy_str(err->file, sizeof err->file, at.file);
    copy_str(err->path, sizeof err->path, path);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    escape_in_place(err->file, sizeof err->file);
    escape_in_place(err->path, sizeof err->path);
    escape_in_place(err->text, sizeof err->text);

    char where[S75_ERROR_FILE_MAX + 32] = "";
    if (err->file[0] && err->line > 0)
        snprintf(where, sizeof where, "%s:%d:%d: ", err->file, err->line, err->column);
    else if (err->file[0])
        snprintf(where, sizeof where, "%s: ", err->file);
    snprintf(err->message, sizeof err->message, "%s%s%s%s", where, err->path,
             err->path[0] ? ": " : "", err->text);
    return code;
}

int error_set(s75_error *err, int code, mark at, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_setv(err, code, at, path, fmt, ap);
    va_end(ap);
    return code;
}

void diag_addv(diag *d, int code, mark at, const char *path, const char *fmt, va_list ap)
{
    if (d->first_code == S75_OK)
        d->first_code = code;
    d->total++;
    if (d->count >= DIAG_MAX)
        return;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        s75_error *items = realloc(d->items, cap * sizeof *items);
        if (!items) {
            d->oom = 1;
            return;
        }
        d->items = items;
        d->cap = cap;
    }
    error_setv(&d->items[d->count++], code, at, path, fmt, ap);
}

void diag_add(diag *d, int code, mark at, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(d, code, at, path, fmt, ap);
    va_end(ap);
}

int diag_first(const diag *d, s75_error *err)
{
    if (d->count > 0) {
        if (err)
            *err = d->items[0];
        return d->items[0].code;
    }
    if (d->oom)
        return error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    return S75_OK;
}

size_t s75_diagnostics_count(const s75_diagnostics *diags)
{
    return diags ? diags->count : 0;
}

const s75_error *s75_diagnostics_get(const s75_diagnostics *diags, size_t i)
{
    if (!diags || i >= diags->count)
        return NULL;
    return &diags->items[i];
}

void s75_diagnostics_free(s75_diagnostics *diags)
{
    if (!diags)
        return;
    free(diags->items);
    free(diags);
}

const char *s75_strerror(s75_status code)
{
    switch (code) {
    case S75_OK: return "success";
    case S75_EINVAL: return "invalid input";
    case S75_ENOMEM: return "out of memory";
    case S75_EIO: return "input/output error";
    case S75_ELIMIT: return "a safety limit was exceeded";
    case S75_ENUMERIC: return "no numerical answer";
    case S75_EUSAGE: return "invalid use of the API";
    default: return "unknown error";
    }
}

void s75_free(void *ptr)
{
    free(ptr);
}

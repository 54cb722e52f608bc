/* The state one load shares across its files (load_ctx.h). */
#include "load_ctx.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "load.h"
#include "read_file.h"

int load_ctx_init(load_ctx *c, const char *confine_to, diag *d)
{
    memset(c, 0, sizeof *c);
    if (!confine_to)
        return 0;
    /* The folder of the main file, as a real path: a link or `..` cannot
     * take an include outside it unnoticed. */
    const char *slash = strrchr(confine_to, '/');
    char *dir = slash ? malloc((size_t)(slash - confine_to) + 2) : xstrdup(".");
    if (dir && slash) {
        size_t n = (size_t)(slash - confine_to);
        memcpy(dir, confine_to, n ? n : 1);
        dir[n ? n : 1] = '\0';
    }
    c->folder = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    if (!c->folder) {
        mark at = { confine_to, 0, 0 };
        diag_add(d, S75_EIO, at, "", "cannot find the scenario's folder to confine includes to");
        return -1;
    }
    return 0;
}

void load_ctx_free(load_ctx *c)
{
    for (size_t i = 0; i < c->n_files; i++) {
        load_file *f = c->files[i];
        if (f->parsed)
            ydoc_free(&f->doc);
        scenario_free(f->sc);
        free(f->text);
        free(f->real);
        free(f);
    }
    free(c->files);
    free(c->table);
    free(c->folder);
    memset(c, 0, sizeof *c);
}

static size_t str_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The slot of real in the table: its index there, or the empty slot where
 * it would go. */
static size_t *find_slot(const load_ctx *c, const char *real)
{
    size_t h = str_hash(real) & (c->table_cap - 1);
    while (c->table[h] != (size_t)-1 && strcmp(c->files[c->table[h]]->real, real) != 0)
        h = (h + 1) & (c->table_cap - 1);
    return &c->table[h];
}

static int grow(load_ctx *c)
{
    if (c->n_files == c->cap_files) {
        size_t cap = c->cap_files ? 2 * c->cap_files : 16;
        load_file **f = realloc(c->files, cap * sizeof *f);
        if (!f)
            return -1;
        c->files = f;
        c->cap_files = cap;
    }
    if (2 * (c->n_files + 1) > c->table_cap) {
        size_t cap = c->table_cap ? 2 * c->table_cap : 32;
        size_t *t = malloc(cap * sizeof *t);
        if (!t)
            return -1;
        free(c->table);
        c->table = t;
        c->table_cap = cap;
        for (size_t i = 0; i < cap; i++)
            t[i] = (size_t)-1;
        for (size_t i = 0; i < c->n_files; i++)
            *find_slot(c, c->files[i]->real) = i;
    }
    return 0;
}

/* Inside the confining folder: the folder itself or below it. */
static int inside(const char *folder, const char *real)
{
    size_t n = strlen(folder);
    if (n == 1 && folder[0] == '/')
        return 1;
    return strncmp(real, folder, n) == 0 && real[n] == '/';
}

int load_ctx_confined(load_ctx *c, const char *path, diag *d, mark from, const char *field)
{
    if (!c->folder)
        return 0;
    char *real = realpath(path, NULL);
    if (!real)
        return 0; /* the reader says why it cannot be read */
    int ok = inside(c->folder, real);
    free(real);
    if (!ok) {
        diag_add(d, S75_EINVAL, from, field, "'%s' is outside the scenario's folder, and "
                 "includes are confined to it", path);
        return -1;
    }
    return 0;
}

int load_ctx_charge(load_ctx *c, size_t len, diag *d, mark from, const char *field)
{
    c->budget.bytes += len;
    if (c->budget.bytes > LIMIT_LOAD_BYTES) {
        diag_add(d, S75_ELIMIT, from, field, "the scenario and the files it reads come to more "
                 "than %u bytes", LIMIT_LOAD_BYTES);
        return -1;
    }
    return 0;
}

load_file *load_ctx_file(load_ctx *c, const char *path, diag *d, mark from, const char *field,
                         int *again)
{
    *again = 0;
    char *real = realpath(path, NULL);
    if (!real) {
        /* Let the reader say why (missing, unreadable, ...). */
        size_t len;
        free(read_file_limited(path, &len, d, from, field));
        return NULL;
    }
    if (c->folder && !inside(c->folder, real)) {
        diag_add(d, S75_EINVAL, from, field, "'%s' is outside the scenario's folder, and "
                 "includes are confined to it", path);
        free(real);
        return NULL;
    }
    if (c->table_cap) {
        size_t *slot = find_slot(c, real);
        if (*slot != (size_t)-1) {
            free(real);
            *again = 1;
            load_file *f = c->files[*slot];
            return f->parsed > 0 ? f : NULL;
        }
    }
    if (c->n_files >= LIMIT_LOAD_FILES) {
        diag_add(d, S75_ELIMIT, from, field, "a load may read at most %d files", LIMIT_LOAD_FILES);
        free(real);
        return NULL;
    }
    load_file *f = calloc(1, sizeof *f);
    if (!f || grow(c) < 0) {
        free(f);
        free(real);
        diag_add(d, S75_ENOMEM, from, field, "out of memory");
        return NULL;
    }
    f->real = real;
    c->files[c->n_files] = f;
    *find_slot(c, real) = c->n_files++;
    f->parsed = -1;
    f->text = read_file_limited(path, &f->len, d, from, field);
    if (f->text && ydoc_parse_budget(&f->doc, path, f->text, f->len, d, &c->budget) == S75_OK)
        f->parsed = 1;
    else if (f->text)
        f->parsed = -2; /* a tree to free, but refused */
    if (f->parsed == -2) {
        ydoc_free(&f->doc);
        f->parsed = -1;
    }
    return f->parsed > 0 ? f : NULL;
}

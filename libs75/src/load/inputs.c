/* The files a scenario was read from, hashed, and the run's digest (inputs.h). */
#include "inputs.h"

#include <stdlib.h>
#include <string.h>

#include "read_file.h"
#include "overrides.h"
#include "reader.h"
#include "sbuf.h"
#include "sha256.h"

char *path_beside(const char *base, const char *rel)
{
    if (rel[0] == '/')
        return xstrdup(rel);
    const char *slash = strrchr(base, '/');
    size_t dl = slash ? (size_t)(slash - base) + 1 : 0, rl = strlen(rel);
    char *p = malloc(dl + rl + 1);
    if (!p)
        return NULL;
    memcpy(p, base, dl);
    memcpy(p + dl, rel, rl + 1);
    return p;
}

/* `path` (openable: the main file's directory + a relative path) as the main
 * file's own files name it: without that directory. The main file itself
 * is its base name, so a digest does not depend on where the command ran. */
static const char *relative_to_main(const char *main_file, const char *path)
{
    const char *slash = main_file ? strrchr(main_file, '/') : NULL;
    size_t dl = slash ? (size_t)(slash - main_file) + 1 : 0;
    if (dl && strncmp(path, main_file, dl) == 0)
        return path + dl;
    return path;
}

int input_add(scenario *sc, const char *path, const void *bytes, size_t len)
{
    for (size_t i = 0; i < sc->n_inputs; i++)
        if (strcmp(sc->inputs[i].path, path) == 0)
            return 0;
    if (sc->n_inputs == sc->cap_inputs) {
        size_t cap = sc->cap_inputs ? 2 * sc->cap_inputs : 4;
        input_file *grown = realloc(sc->inputs, cap * sizeof *grown);
        if (!grown)
            return -1;
        sc->inputs = grown;
        sc->cap_inputs = cap;
    }
    input_file *f = &sc->inputs[sc->n_inputs];
    if (!(f->path = xstrdup(path)))
        return -1;
    sha256_hex(bytes, len, f->sha256);
    sc->n_inputs++;
    return 0;
}

int input_record(scenario *sc, const char *path, const void *bytes, size_t len)
{
    return input_add(sc, relative_to_main(sc->file, path), bytes, len);
}

int input_add_hashed(scenario *sc, const char *path, const char *sha256)
{
    const char *rel = relative_to_main(sc->file, path);
    for (size_t k = 0; k < sc->n_inputs; k++)
        if (strcmp(sc->inputs[k].path, rel) == 0)
            return 0;
    if (input_add(sc, rel, "", 0) < 0)
        return -1;
    /* The hash is the reader's own record of the bytes it read. */
    memcpy(sc->inputs[sc->n_inputs - 1].sha256, sha256, 65);
    return 0;
}

int inputs_merge(scenario *sc, const scenario *sub)
{
    for (size_t i = 0; i < sub->n_inputs; i++) {
        char *opened = path_beside(sub->file, sub->inputs[i].path);
        if (!opened)
            return -1;
        int rc = input_add_hashed(sc, opened, sub->inputs[i].sha256);
        free(opened);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* A field of the digested text: its length in decimal, a colon, its bytes,
 * so that no choice of names can make two different runs hash alike. */
static void field(sbuf *b, const char *tag, const char *s)
{
    sb_puts(b, tag);
    sb_putc(b, ' ');
    sb_int(b, (long long)strlen(s));
    sb_putc(b, ':');
    sb_puts(b, s);
    sb_putc(b, '\n');
}

int inputs_digest(scenario *sc)
{
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "s75-digest 1\n");
    for (size_t i = 0; i < sc->n_inputs; i++) {
        field(&b, "input", sc->inputs[i].path);
        field(&b, "sha256", sc->inputs[i].sha256);
    }
    const scenario_provenance *p = sc->provenance;
    if (p && p->variant)
        field(&b, "variant", p->variant);
    for (size_t i = 0; p && i < p->n_overrides; i++)
        field(&b, "set", p->overrides[i]);
    int rc = b.oom ? -1 : 0;
    if (!rc)
        sha256_hex(b.s ? b.s : "", b.len, sc->digest);
    sb_free(&b);
    return rc;
}

void inputs_free(scenario *sc)
{
    for (size_t i = 0; i < sc->n_inputs; i++)
        free(sc->inputs[i].path);
    free(sc->inputs);
}

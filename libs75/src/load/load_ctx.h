/* What one load shares across every file it reads (the main file, its
 * includes, a portfolio's pool files and theirs): one budget of nodes and
 * bytes, each distinct file read and parsed once, the nesting of scenario
 * loads, and the folder includes may be confined to. Time and memory stay
 * linear in the bytes read however often a file is named. */
#ifndef S75_LOAD_CTX_H
#define S75_LOAD_CTX_H

#include <stddef.h>

#include "diag.h"
#include "yamltree.h"

struct s75_scenario;

/* One distinct file of the load, keyed by its real path. */
typedef struct load_file {
    char *real;             /* realpath(3) of the file */
    char *text;             /* its bytes, NUL-terminated */
    size_t len;
    ydoc doc;               /* parsed on first use; errors reported then, once */
    int parsed;             /* 0 not yet, 1 parsed, -1 refused */
    struct s75_scenario *sc; /* a pool file's scenario once loaded (one reference), or NULL */
    int pool_done;          /* a pool file: loaded (or refused) already */
} load_file;

typedef struct load_ctx {
    ybudget budget;
    int nesting;            /* scenario loads open, the outermost counting 1 */
    char *folder;           /* when includes are confined: the main file's folder, real */
    load_file **files;
    size_t n_files, cap_files;
    size_t *table;          /* open-addressed indexes of files by real path */
    size_t table_cap;
} load_ctx;

/* confine_to: the main file's name when includes and pool files must lie in
 * its folder (or below), else NULL. Returns 0, or -1 (error in d). */
int load_ctx_init(load_ctx *c, const char *confine_to, diag *d);
void load_ctx_free(load_ctx *c);

/* A data file read outside the YAML tree (a CSV table): -1 (error in d) when
 * includes are confined and path lies outside the folder, else 0. */
int load_ctx_confined(load_ctx *c, const char *path, diag *d, mark from, const char *field);

/* Charges len bytes read outside the YAML tree to the load's budget: -1
 * (error in d) past LIMIT_LOAD_BYTES, else 0. */
int load_ctx_charge(load_ctx *c, size_t len, diag *d, mark from, const char *field);

/* The file at path, read and parsed once per load (its parse errors are
 * reported the first time only). Errors go to d at `from` under `field`.
 * Returns NULL when the file cannot be read or is refused; *again is 1
 * when the load had already read it. */
load_file *load_ctx_file(load_ctx *c, const char *path, diag *d, mark from, const char *field,
                         int *again);

#endif

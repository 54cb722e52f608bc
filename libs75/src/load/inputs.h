/* The files a scenario was made from, each with its SHA-256, and one digest
 * over them, the variant and the --set overrides (docs/MODEL.md §12): two
 * runs with the same digest and library version give the same figures.
 *
 * Every file the loader reads (load_ctx.c reads each once) is recorded here,
 * and so is a CSV table (load_table.c hashes it as it reads): each is then
 * listed and digested with no other change. */
#ifndef S75_INPUTS_H
#define S75_INPUTS_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* base's directory joined to rel ("a/b.yaml" + "c.yaml" -> "a/c.yaml"); an
 * absolute rel is copied. malloc'd, NULL when memory ran out. */
char *path_beside(const char *base, const char *rel);

/* Records a file's bytes under `path` (relative to the main file, as the
 * files that name it spell it). A path already recorded is not repeated.
 * Returns 0, or -1 when memory ran out. */
int input_add(scenario *sc, const char *path, const void *bytes, size_t len);

/* Records a file the loader read from `path` (a path the process can open:
 * the main file's directory joined to what the file says) under its name
 * relative to sc->file. Returns 0, or -1 when memory ran out. */
int input_record(scenario *sc, const char *path, const void *bytes, size_t len);

/* Records a file already read and hashed elsewhere (a CSV table, whose
 * reader keeps its own SHA-256) under `path`, made relative to the main
 * file. Returns 0, or -1 when memory ran out. */
int input_add_hashed(scenario *sc, const char *path, const char *sha256);

/* Appends the inputs of `sub` (a pool's scenario, loaded from the file
 * sub->file) to sc, their paths made relative to sc->file. Returns 0 or -1
 * when memory ran out. */
int inputs_merge(scenario *sc, const scenario *sub);

/* Computes sc->digest from the inputs, variant and overrides (the layout is
 * in docs/MODEL.md §12). Returns 0, or -1 when memory ran out. */
int inputs_digest(scenario *sc);

void inputs_free(scenario *sc);

#endif

/* The JSON Schema of the files the loader reads.
 *
 * Editors (VS Code's YAML extension, JetBrains IDEs, Neovim with
 * yaml-language-server) use it to offer completion, hover help and validation
 * as an analyst types a scenario; see docs/EDITORS.md. `s75 schema` prints it,
 * and it is installed as share/libs75/s75.schema.json. */
#ifndef S75_SCHEMA_H
#define S75_SCHEMA_H

#include "export.h"
#ifdef __cplusplus
extern "C" {
#endif

/* The JSON Schema (draft 2020-12) of scenario, portfolio and include
 * (`scales:`) files, as YAML loads them into JSON: UTF-8 text ending in a
 * newline, NUL-terminated. It describes every key with a description an editor
 * can show. A file the schema rejects is one the loader rejects; the loader
 * also refuses what a schema cannot say (shares summing to 100%, a band absent
 * from the scale, gaps in a series).
 *
 * The text is static storage owned by the library: never free or modify it.
 * It is the same for every call and safe to read from any thread. Never NULL. */
S75_API const char *s75_schema(void);

#ifdef __cplusplus
}
#endif
#endif

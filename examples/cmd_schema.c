/* `s75 schema`: prints the JSON Schema of scenario files (docs/GUIDE.md).
 *
 * Save it and point an editor at it for completion, hover help and
 * validation as you type (docs/EDITORS.md):
 *     s75 schema > s75.schema.json */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: s75 schema\n"
    "\n"
    "Prints the JSON Schema (draft 2020-12) of scenario, portfolio and include files\n"
    "to standard output. Editors use it for completion, hover help and validation as\n"
    "you type (see docs/EDITORS.md), e.g.:\n"
    "    s75 schema > s75.schema.json\n"
    "It is also installed as share/libs75/s75.schema.json.\n";

/* argv[0] is "schema"; no arguments but --help are taken. */
int cmd_schema(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
    }
    if (argc > 1) {
        fprintf(stderr, "s75 schema: unexpected argument '%s'\n%s", argv[1], usage);
        return EXIT_USAGE;
    }

    const char *text = s75_schema();
    size_t len = strlen(text);
    errno = 0;
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        /* Not the input's fault, but not a success either: 1, as for a failed -o OUT. */
        fprintf(stderr, "s75 schema: cannot write to standard output: %s\n",
                errno ? strerror(errno) : "write error");
        return EXIT_INVALID;
    }
    return EXIT_OK;
}

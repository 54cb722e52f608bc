/* s75: run Section 75 pooled-budget scenarios. Each subcommand lives in its
 * own file and holds no model logic: that is the library's. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: s75 COMMAND [ARGS]\n"
    "\n"
    "  run FILE        the multi-year projection (--format text|csv|tidy|json|html, -o OUT)\n"
    "  validate FILE   list every error in a scenario file\n"
    "  appraise FILE   the options appraisal with SMAA and the optimism-bias sweep\n"
    "  simulate FILE   Monte Carlo, tornado and break-even (--threads N)\n"
    "  monitor FILE    in-year monitoring and forecast outturn\n"
    "  compare FILE... runs side by side: a file's variants, or several files\n"
    "  solve FILE      the value of one input that meets a target (--vary, --target)\n"
    "  grid FILE       a two-way table of a measure over two inputs (--x, --y)\n"
    "  schema          the JSON Schema of scenario files, for editors\n"
    "\n"
    "  Commands that load a scenario take --set PATH=VALUE (repeatable) and\n"
    "  --variant NAME; run, appraise, simulate and monitor also write --format xlsx -o OUT.\n"
    "  -o OUT picks the format from its extension (.txt .csv .json .html .xlsx).\n"
    "  --help, --version\n"
    "Exit status: 0 success, 1 invalid input, 2 usage error.\n";

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } commands[] = {
        { "run", cmd_run }, { "validate", cmd_validate }, { "appraise", cmd_appraise },
        { "simulate", cmd_simulate }, { "monitor", cmd_monitor }, { "schema", cmd_schema },
        { "compare", cmd_compare }, { "solve", cmd_solve },
        { "grid", cmd_grid },
    };
    if (argc < 2) {
        fprintf(stderr, "%s", usage);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        printf("%s", usage);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("s75 %s\n", s75_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "s75: unknown command '%s'\n%s", argv[1], usage);
    return EXIT_USAGE;
}

#include "cli.h"

#include <stdio.h>
#include <string.h>

int cmd_validate(int argc, char **argv)
{
    const char *usage = "usage: s75 validate [--confine-includes] FILE\n"
                        "  Lists every error in the scenario, one a line; exit 1 if any.\n"
                        "  --confine-includes: includes and pool files must be in FILE's folder.\n";
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        printf("%s", usage);
        return EXIT_OK;
    }
    s75_load_options opts = S75_LOAD_OPTIONS_INIT;
    int first = 1;
    if (argc == 3 && !strcmp(argv[1], "--confine-includes")) {
        opts.confine_includes = 1;
        first = 2;
    }
    if (argc != first + 1 || argv[first][0] == '-') {
        fprintf(stderr, "%s", usage);
        return EXIT_USAGE;
    }
    const char *file = argv[first];
    s75_diagnostics *diags = NULL;
    int n = s75_scenario_check_file_opts(&diags, file, &opts);
    if (n < 0) {
        fprintf(stderr, "s75: %s\n", s75_strerror(n));
        return EXIT_INVALID;
    }
    for (size_t i = 0; i < s75_diagnostics_count(diags); i++)
        cli_print_error(s75_diagnostics_get(diags, i));
    s75_diagnostics_free(diags);
    if (n == 0) {
        printf("%s: valid\n", file);
        /* What each CSV table gave, so rows left out by the mapping show. */
        s75_scenario *sc = NULL;
        if (s75_scenario_load_file(&sc, file, NULL) == S75_OK)
            for (size_t i = 0; i < s75_scenario_table_count(sc); i++)
                printf("  %s\n", s75_scenario_table_summary(sc, i));
        s75_scenario_free(sc);
    }
    return n == 0 ? EXIT_OK : EXIT_INVALID;
}

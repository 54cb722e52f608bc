#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: s75 solve FILE --vary PATH --target TARGET [--year YEAR] [--range FROM:TO]\n"
    "                      [--threads N] [--format text|json|html] [-o OUT]\n"
    "                      [--variant NAME] [--set PATH=VALUE]...\n"
    "  The value of one input (any --set path; partners[*].KEY for every partner)\n"
    "  that meets TARGET: variance=AMOUNT, gap=AMOUNT (the horizon's total, or\n"
    "  YEAR's), p_overspend<=P or exposure:ID<=AMOUNT (with uncertainty:).\n"
    "  Prints the answer, what it achieves and the --set line that reproduces it.\n";

int cmd_solve(int argc, char **argv)
{
    const char *file = NULL, *out_path = NULL;
    s75_format fmt = S75_FORMAT_TEXT;
    s75_solve_options o = S75_SOLVE_OPTIONS_INIT;
    cli_load_args la;
    cli_load_args_init(&la);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int taken = cli_load_arg(&la, argc, argv, &i);
        if (taken < 0)
            return EXIT_USAGE;
        if (taken)
            continue;
        int has_value = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("%s", usage);
            return EXIT_OK;
        } else if (!strcmp(a, "--vary") && has_value) {
            o.vary = argv[++i];
        } else if (!strcmp(a, "--target") && has_value) {
            o.target = argv[++i];
        } else if (!strcmp(a, "--year") && has_value) {
            if (cli_parse_year(argv[++i], &o.year) < 0) {
                fprintf(stderr, "s75: --year takes a financial year such as 2026 or 2026/27, "
                        "got '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--range") && has_value) {
            const char *r = argv[++i], *colon = strchr(r, ':');
            char from[64];
            if (!colon || (size_t)(colon - r) >= sizeof from) {
                fprintf(stderr, "s75: --range is FROM:TO, e.g. -5%%:5%%, got '%s'\n", r);
                return EXIT_USAGE;
            }
            memcpy(from, r, (size_t)(colon - r));
            from[colon - r] = '\0';
            if (cli_parse_number(from, &o.from) < 0 || cli_parse_number(colon + 1, &o.to) < 0) {
                fprintf(stderr, "s75: --range is FROM:TO with two numbers, got '%s'\n", r);
                return EXIT_USAGE;
            }
            if (o.from >= o.to) {
                fprintf(stderr, "s75: --range %s: FROM must be below TO\n", r);
                return EXIT_USAGE;
            }
            o.has_range = 1;
        } else if (!strcmp(a, "--threads") && has_value) {
            if (cli_parse_threads(argv[++i], &o.threads) < 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "--format") && has_value) {
            if (cli_parse_format(argv[++i], &fmt) < 0 || fmt == S75_FORMAT_CSV ||
                fmt == S75_FORMAT_XLSX) {
                fprintf(stderr, "s75: solve writes text, json or html, not '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && has_value) {
            out_path = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "s75: unknown or incomplete option '%s'\n%s", a, usage);
            return EXIT_USAGE;
        } else if (!file) {
            file = a;
        } else {
            fprintf(stderr, "s75: one scenario file at a time, got '%s' too\n%s", a, usage);
            return EXIT_USAGE;
        }
    }
    if (!file || !o.vary || !o.target) {
        fprintf(stderr, "s75: solve needs FILE, --vary PATH and --target TARGET\n%s", usage);
        return EXIT_USAGE;
    }
    if (fmt == S75_FORMAT_HTML && !out_path) {
        fprintf(stderr, "s75: --format html writes a file: give -o FILE\n");
        return EXIT_USAGE;
    }
    o.load = &la.opts;
    s75_error err;
    s75_solve *s;
    int rc = s75_solve_file(&s, file, &o, &err);
    if (rc != S75_OK) {
        cli_print_error(&err);
        return cli_exit_code(rc);
    }
    if (out_path) {
        rc = s75_solve_write_file(s, fmt, out_path, &err);
    } else {
        char *text;
        size_t len;
        rc = s75_solve_render(&text, &len, s, fmt, &err);
        if (rc == S75_OK) {
            if (cli_write(text, len) < 0) {
                rc = S75_EIO;
                err.message[0] = '\0';
            }
            s75_free(text);
        }
    }
    s75_solve_free(s);
    if (rc != S75_OK && err.message[0])
        cli_print_error(&err);
    return cli_exit_code(rc);
}

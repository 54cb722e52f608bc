#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: s75 grid FILE --x PATH=FROM:TO:STEPS --y PATH=FROM:TO:STEPS [--measure M]\n"
    "                     [--threads N] [--format text|csv|json|html|xlsx] [-o OUT]\n"
    "                     [--variant NAME] [--set PATH=VALUE]...\n"
    "  A two-way table: M (variance, variance:YEAR, gap[:YEAR], share:ID[:YEAR],\n"
    "  p_overspend[:YEAR]) of the run with both --set values, for STEPS values of\n"
    "  each input from FROM to TO (2 to 101 steps, 10,000 cells at most).\n";

/* PATH=FROM:TO:STEPS, the '=' being the last one (a path's [selector] may
 * hold one). */
static int parse_axis(const char *opt, const char *s, s75_grid_axis *a)
{
    const char *eq = strrchr(s, '=');
    char from[64], to[64], steps[32];
    const char *c1 = eq ? strchr(eq + 1, ':') : NULL, *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!eq || eq == s || !c1 || !c2 || (size_t)(c1 - eq - 1) >= sizeof from ||
        (size_t)(c2 - c1 - 1) >= sizeof to || strlen(c2 + 1) >= sizeof steps) {
        fprintf(stderr, "s75: %s is PATH=FROM:TO:STEPS, e.g. "
                "partners[dcc].contribution.uplift=-2%%:4%%:7, got '%s'\n", opt, s);
        return -1;
    }
    memcpy(from, eq + 1, (size_t)(c1 - eq - 1));
    from[c1 - eq - 1] = '\0';
    memcpy(to, c1 + 1, (size_t)(c2 - c1 - 1));
    to[c2 - c1 - 1] = '\0';
    strcpy(steps, c2 + 1);
    char *end;
    errno = 0;
    long n = strtol(steps, &end, 10);
    if (cli_parse_number(from, &a->from) < 0 || cli_parse_number(to, &a->to) < 0 || *end ||
        !*steps || errno) {
        fprintf(stderr, "s75: %s %s: FROM and TO are numbers and STEPS a whole number\n", opt,
                s);
        return -1;
    }
    if (n < 2 || n > 101) {
        fprintf(stderr, "s75: %s %s: STEPS must be from 2 to 101\n", opt, s);
        return -1;
    }
    if (a->from >= a->to) {
        fprintf(stderr, "s75: %s %s: FROM must be below TO\n", opt, s);
        return -1;
    }
    a->steps = (size_t)n;
    size_t len = (size_t)(eq - s);
    char *path = malloc(len + 1);
    if (!path) {
        fprintf(stderr, "s75: out of memory\n");
        return -1;
    }
    memcpy(path, s, len);
    path[len] = '\0';
    a->path = path;
    return 0;
}

static int grid_main(int argc, char **argv, s75_grid_options *o)
{
    const char *file = NULL, *out_path = NULL;
    s75_format fmt = S75_FORMAT_TEXT;
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
        } else if ((!strcmp(a, "--x") || !strcmp(a, "--y")) && has_value) {
            s75_grid_axis *ax = a[2] == 'x' ? &o->x : &o->y;
            if (ax->path) {
                fprintf(stderr, "s75: %s given twice\n", a);
                return EXIT_USAGE;
            }
            if (parse_axis(a, argv[++i], ax) < 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "--measure") && has_value) {
            o->measure = argv[++i];
        } else if (!strcmp(a, "--threads") && has_value) {
            if (cli_parse_threads(argv[++i], &o->threads) < 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "--format") && has_value) {
            if (cli_parse_format(argv[++i], &fmt) < 0) {
                fprintf(stderr, "s75: unknown format '%s' (text, csv, json, html, xlsx)\n",
                        argv[i]);
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
    if (!file || !o->x.path || !o->y.path) {
        fprintf(stderr, "s75: grid needs FILE, --x and --y\n%s", usage);
        return EXIT_USAGE;
    }
    if ((fmt == S75_FORMAT_HTML || fmt == S75_FORMAT_XLSX) && !out_path) {
        fprintf(stderr, "s75: --format %s writes a file: give -o FILE\n",
                fmt == S75_FORMAT_HTML ? "html" : "xlsx");
        return EXIT_USAGE;
    }
    o->load = &la.opts;
    s75_error err;
    s75_grid *g;
    int rc = s75_grid_file(&g, file, o, &err);
    if (rc != S75_OK) {
        cli_print_error(&err);
        return cli_exit_code(rc);
    }
    if (out_path) {
        rc = s75_grid_write_file(g, fmt, out_path, &err);
    } else {
        char *text;
        size_t len;
        rc = s75_grid_render(&text, &len, g, fmt, &err);
        if (rc == S75_OK) {
            if (cli_write(text, len) < 0) {
                rc = S75_EIO;
                err.message[0] = '\0';
            }
            s75_free(text);
        }
    }
    s75_grid_free(g);
    if (rc != S75_OK && err.message[0])
        cli_print_error(&err);
    return cli_exit_code(rc);
}

int cmd_grid(int argc, char **argv)
{
    s75_grid_options o = S75_GRID_OPTIONS_INIT;
    int rc = grid_main(argc, argv, &o);
    free((char *)o.x.path);
    free((char *)o.y.path);
    return rc;
}

/* s75 compare: the key lines of several runs side by side, with the
 * differences against the first. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: s75 compare FILE [--variants a,b,...] [--set PATH=VALUE]... [--format F] [-o OUT]\n"
    "       s75 compare FILE1 FILE2 [FILE...] [--set PATH=VALUE]... [--format F] [-o OUT]\n"
    "  Per year, cost, contributions, gap, savings expected, variance and each partner's\n"
    "  risk share of every run, and each run's difference from the first.\n"
    "  One file: its base (the file as written) and every variant in its variants: block,\n"
    "  or those named by --variants (`base` names the file as written).\n"
    "  Several files: each file as written. --set applies to every run.\n"
    "  --format text|csv|tidy|json|html|xlsx (xlsx needs -o).\n";

typedef struct run_spec {
    const char *file;
    const char *variant; /* NULL: the file as written */
    char name[256];
} run_spec;

/* The name of a file's run: its base name without .yaml/.yml. */
static void file_label(char *buf, size_t cap, const char *path)
{
    const char *slash = strrchr(path, '/');
    snprintf(buf, cap, "%s", slash ? slash + 1 : path);
    size_t n = strlen(buf);
    if (n > 5 && !strcmp(buf + n - 5, ".yaml"))
        buf[n - 5] = '\0';
    else if (n > 4 && !strcmp(buf + n - 4, ".yml"))
        buf[n - 4] = '\0';
}

/* One run per name of the comma-separated list. */
static int split_variants(const char *list, const char *file, run_spec **runs, size_t *n)
{
    size_t count = 1;
    for (const char *p = list; *p; p++)
        count += *p == ',';
    run_spec *r = calloc(count, sizeof *r);
    if (!r)
        return -1;
    size_t k = 0;
    const char *p = list;
    while (k < count) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 0 || len >= sizeof r[k].name) {
            fprintf(stderr, "s75: --variants takes names separated by commas, got '%s'\n", list);
            free(r);
            return -2;
        }
        memcpy(r[k].name, p, len);
        r[k].name[len] = '\0';
        r[k].file = file;
        r[k].variant = NULL;
        k++;
        p = end ? end + 1 : p + len;
    }
    *runs = r;
    *n = count;
    return 0;
}

int cmd_compare(int argc, char **argv)
{
    const char *out_path = NULL, *variants = NULL, *fmt_word = NULL;
    s75_format fmt = S75_FORMAT_TEXT;
    cli_load_args la;
    cli_load_args_init(&la);
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t n_files = 0;
    if (!files) {
        fprintf(stderr, "s75: out of memory\n");
        return EXIT_INVALID;
    }
    int rc = EXIT_OK;
    for (int i = 1; i < argc && rc == EXIT_OK; i++) {
        const char *a = argv[i];
        int taken = cli_load_arg(&la, argc, argv, &i);
        if (taken < 0) {
            rc = EXIT_USAGE;
        } else if (taken) {
            if (la.opts.variant) {
                fprintf(stderr, "s75: compare takes --variants a,b,... (a run per variant)\n");
                rc = EXIT_USAGE;
            }
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("%s", usage);
            free(files);
            return EXIT_OK;
        } else if (!strcmp(a, "--variants") && i + 1 < argc) {
            variants = argv[++i];
        } else if (!strncmp(a, "--variants=", 11)) {
            variants = a + 11;
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            fmt_word = argv[++i];
        } else if (!strncmp(a, "--format=", 9)) {
            fmt_word = a + 9;
        } else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) {
            out_path = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "s75: unknown or incomplete option '%s'\n%s", a, usage);
            rc = EXIT_USAGE;
        } else {
            files[n_files++] = a;
        }
    }
    if (rc == EXIT_OK && cli_output_format(out_path, fmt_word, &fmt) < 0)
        rc = EXIT_USAGE;
    if (rc == EXIT_OK && n_files == 0) {
        fprintf(stderr, "s75: which scenario file?\n%s", usage);
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK && n_files > 1 && variants) {
        fprintf(stderr, "s75: --variants compares the variants of one file; with several files "
                "each runs as written\n");
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK && fmt == S75_FORMAT_XLSX && !out_path) {
        fprintf(stderr, "s75: --format xlsx writes a file: give -o FILE\n");
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK) {
        free(files);
        return rc;
    }

    /* The runs to make. */
    run_spec *runs = NULL;
    size_t n_runs = 0;
    s75_error err;
    if (n_files == 1 && variants) {
        int s = split_variants(variants, files[0], &runs, &n_runs);
        if (s < 0) {
            free(files);
            if (s == -1)
                fprintf(stderr, "s75: out of memory\n");
            return s == -1 ? EXIT_INVALID : EXIT_USAGE;
        }
    } else if (n_files == 1) {
        /* The base and every variant the file names. */
        s75_scenario *sc;
        if (s75_scenario_load_file_opts(&sc, files[0], &la.opts, &err) != S75_OK) {
            cli_print_error(&err);
            free(files);
            return EXIT_INVALID;
        }
        size_t nv = s75_scenario_variant_count(sc);
        if (nv == 0) {
            fprintf(stderr, "s75: %s has no variants: block; name its variants in the file, or "
                    "compare it with a second file\n", files[0]);
            s75_scenario_free(sc);
            free(files);
            return EXIT_USAGE;
        }
        runs = calloc(nv + 1, sizeof *runs);
        for (size_t i = 0; runs && i <= nv; i++) {
            runs[i].file = files[0];
            snprintf(runs[i].name, sizeof runs[i].name, "%s",
                     i ? s75_scenario_variant_name(sc, i - 1) : "base");
        }
        n_runs = nv + 1;
        s75_scenario_free(sc);
    } else {
        runs = calloc(n_files, sizeof *runs);
        for (size_t i = 0; runs && i < n_files; i++) {
            runs[i].file = files[i];
            file_label(runs[i].name, sizeof runs[i].name, files[i]);
            for (size_t j = 0; j < i; j++)
                if (!strcmp(runs[j].name, runs[i].name))
                    snprintf(runs[i].name, sizeof runs[i].name, "%s", files[i]);
        }
        n_runs = n_files;
    }
    free(files);
    if (!runs) {
        fprintf(stderr, "s75: out of memory\n");
        return EXIT_INVALID;
    }
    for (size_t i = 0; n_files == 1 && i < n_runs; i++)
        runs[i].variant = strcmp(runs[i].name, "base") ? runs[i].name : NULL;

    s75_result **results = calloc(n_runs, sizeof *results);
    const char **names = calloc(n_runs, sizeof *names);
    if (!results || !names) {
        fprintf(stderr, "s75: out of memory\n");
        rc = EXIT_INVALID;
    }
    for (size_t i = 0; rc == EXIT_OK && i < n_runs; i++) {
        s75_load_options o = la.opts;
        o.variant = runs[i].variant;
        s75_scenario *sc;
        names[i] = runs[i].name;
        if (s75_scenario_load_file_opts(&sc, runs[i].file, &o, &err) != S75_OK) {
            cli_print_error(&err);
            rc = EXIT_INVALID;
            break;
        }
        if (cli_output_is_input(out_path, sc)) {
            s75_scenario_free(sc);
            rc = EXIT_INVALID;
            break;
        }
        s75_run_options ro = S75_RUN_OPTIONS_INIT;
        int r = s75_run(&results[i], sc, &ro, &err);
        s75_scenario_free(sc);
        if (r != S75_OK) {
            cli_print_error(&err);
            rc = r == S75_EUSAGE ? EXIT_USAGE : EXIT_INVALID;
        }
    }
    if (rc == EXIT_OK) {
        const s75_result *const *rs = (const s75_result *const *)results;
        int r;
        if (out_path) {
            r = s75_compare_write_file(rs, names, n_runs, fmt, out_path, &err);
        } else {
            char *text;
            size_t len;
            r = s75_compare(&text, &len, rs, names, n_runs, fmt, &err);
            if (r == S75_OK) {
                if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
                    fprintf(stderr, "s75: cannot write the comparison: %s\n", strerror(errno));
                    r = S75_EIO;
                    err.message[0] = '\0';
                }
                s75_free(text);
            }
        }
        if (r != S75_OK) {
            if (err.message[0])
                cli_print_error(&err);
            rc = EXIT_INVALID;
        }
    }
    for (size_t i = 0; results && i < n_runs; i++)
        s75_result_free(results[i]);
    free(results);
    free(names);
    free(runs);
    return rc;
}

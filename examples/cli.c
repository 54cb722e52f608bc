#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

int cli_output_is_input(const char *out_path, const s75_scenario *sc)
{
    if (!out_path || !strcmp(out_path, "-") || !s75_scenario_reads_file(sc, out_path))
        return 0;
    fprintf(stderr, "%s: the report would overwrite a file the scenario reads; choose another "
            "name for -o\n", out_path);
    return 1;
}

void cli_print_error(const s75_error *err)
{
    fprintf(stderr, "%s\n", err->message[0] ? err->message : s75_strerror(err->code));
}

int cli_parse_format(const char *s, s75_format *out)
{
    static const struct { const char *name; s75_format fmt; } formats[] = {
        { "text", S75_FORMAT_TEXT }, { "csv", S75_FORMAT_CSV },
        { "json", S75_FORMAT_JSON }, { "html", S75_FORMAT_HTML },
        { "xlsx", S75_FORMAT_XLSX }, { "tidy", S75_FORMAT_TIDY },
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(s, formats[i].name) == 0) {
            *out = formats[i].fmt;
            return 0;
        }
    return -1;
}

int cli_output_format(const char *out_path, const char *given, s75_format *out)
{
    static const struct { const char *ext; s75_format fmt; const char *name; } by_ext[] = {
        { ".txt", S75_FORMAT_TEXT, "text" }, { ".csv", S75_FORMAT_CSV, "csv" },
        { ".json", S75_FORMAT_JSON, "json" }, { ".html", S75_FORMAT_HTML, "html" },
        { ".xlsx", S75_FORMAT_XLSX, "xlsx" },
    };
    s75_format fmt = S75_FORMAT_TEXT;
    if (given && cli_parse_format(given, &fmt) < 0) {
        fprintf(stderr, "s75: unknown format '%s' (text, csv, tidy, json, html, xlsx)\n", given);
        return -1;
    }
    const char *dot = out_path ? strrchr(out_path, '.') : NULL;
    const char *slash = out_path ? strrchr(out_path, '/') : NULL;
    if (dot && (!slash || dot > slash)) {
        for (size_t i = 0; i < sizeof by_ext / sizeof by_ext[0]; i++) {
            if (strcasecmp(dot, by_ext[i].ext) != 0)
                continue;
            if (given && fmt != by_ext[i].fmt) {
                fprintf(stderr, "s75: -o %s is %s by its extension but --format says %s; drop "
                        "one or make them agree\n", out_path, by_ext[i].name, given);
                return -1;
            }
            fmt = by_ext[i].fmt;
            break;
        }
    }
    *out = fmt;
    return 0;
}

/* A progress bar on a terminal, shown only once a run has taken a second. */
typedef struct progress_state {
    struct timespec start;
    int shown;
} progress_state;

static void on_progress(double done, void *data)
{
    progress_state *ps = data;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = (double)(now.tv_sec - ps->start.tv_sec) +
                     (double)(now.tv_nsec - ps->start.tv_nsec) / 1e9;
    if (elapsed < 1.0 && !ps->shown)
        return;
    ps->shown = 1;
    int width = 40, filled = (int)(done * width);
    fprintf(stderr, "\r[");
    for (int i = 0; i < width; i++)
        fputc(i < filled ? '#' : ' ', stderr);
    fprintf(stderr, "] %3.0f%%", done * 100);
    if (done >= 1.0)
        fputc('\n', stderr);
    fflush(stderr);
}

void cli_load_args_init(cli_load_args *la)
{
    s75_load_options init = S75_LOAD_OPTIONS_INIT;
    memset(la, 0, sizeof *la);
    la->opts = init;
    la->opts.overrides = la->overrides;
}

int cli_load_arg(cli_load_args *la, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *value = NULL;
    int is_set = 0;
    if (!strcmp(a, "--confine-includes")) {
        la->opts.confine_includes = 1;
        return 1;
    }
    if ((!strcmp(a, "--set") || !strcmp(a, "--variant")) && *i + 1 < argc) {
        is_set = a[2] == 's';
        value = argv[++*i];
    } else if (!strncmp(a, "--set=", 6)) {
        is_set = 1;
        value = a + 6;
    } else if (!strncmp(a, "--variant=", 10)) {
        value = a + 10;
    } else {
        return 0;
    }
    if (!is_set) {
        if (la->opts.variant) {
            fprintf(stderr, "s75: one --variant at a time (compare runs several)\n");
            return -1;
        }
        la->opts.variant = value;
        return 1;
    }
    if (la->opts.override_count == CLI_MAX_OVERRIDES) {
        fprintf(stderr, "s75: more than %d --set options\n", CLI_MAX_OVERRIDES);
        return -1;
    }
    la->overrides[la->opts.override_count++] = value;
    return 1;
}

int cli_run_mode(int argc, char **argv, s75_mode mode, const char *usage)
{
    const char *file = NULL, *out_path = NULL, *fmt_word = NULL, *partner = NULL;
    s75_render_options ro = S75_RENDER_OPTIONS_INIT;
    s75_format fmt = S75_FORMAT_TEXT;
    long threads = 0;
    cli_load_args la;
    cli_load_args_init(&la);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int taken = cli_load_arg(&la, argc, argv, &i);
        if (taken < 0)
            return EXIT_USAGE;
        if (taken)
            continue;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("%s", usage);
            return EXIT_OK;
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            fmt_word = argv[++i];
        } else if (!strncmp(a, "--format=", 9)) {
            fmt_word = a + 9;
        } else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) {
            out_path = argv[++i];
        } else if (!strcmp(a, "--sections") && i + 1 < argc) {
            ro.sections = argv[++i];
        } else if (!strncmp(a, "--sections=", 11)) {
            ro.sections = a + 11;
        } else if (!strcmp(a, "--partner") && i + 1 < argc && mode != S75_MODE_APPRAISE) {
            partner = argv[++i];
        } else if (!strcmp(a, "--threads") && i + 1 < argc && mode == S75_MODE_SIMULATE) {
            char *end;
            errno = 0;
            threads = strtol(argv[++i], &end, 10);
            if (*end || errno || threads < 1 || threads > 1024) {
                fprintf(stderr, "s75: --threads takes a whole number from 1 to 1024, got '%s'\n",
                        argv[i]);
                return EXIT_USAGE;
            }
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
    if (cli_output_format(out_path, fmt_word, &fmt) < 0)
        return EXIT_USAGE;
    if (!file) {
        fprintf(stderr, "s75: which scenario file?\n%s", usage);
        return EXIT_USAGE;
    }
    if ((fmt == S75_FORMAT_HTML || fmt == S75_FORMAT_XLSX) && !out_path) {
        fprintf(stderr, "s75: --format %s writes a file: give -o FILE\n",
                fmt == S75_FORMAT_HTML ? "html" : "xlsx");
        return EXIT_USAGE;
    }
    if (out_path && !strcmp(out_path, "-") && fmt != S75_FORMAT_XLSX)
        out_path = NULL; /* standard output, as without -o */
    s75_error err;
    if (s75_render_options_check(&ro, fmt, &err) != S75_OK) {
        cli_print_error(&err);
        return EXIT_USAGE;
    }
    s75_scenario *sc;
    if (s75_scenario_load_file_opts(&sc, file, &la.opts, &err) != S75_OK) {
        cli_print_error(&err);
        return EXIT_INVALID;
    }
    if (cli_output_is_input(out_path, sc)) {
        s75_scenario_free(sc);
        return EXIT_INVALID;
    }
    s75_run_options opts = S75_RUN_OPTIONS_INIT;
    opts.mode = mode;
    opts.threads = (unsigned)threads;
    progress_state ps = { { 0, 0 }, 0 };
    if (mode == S75_MODE_SIMULATE && isatty(STDERR_FILENO)) {
        clock_gettime(CLOCK_MONOTONIC, &ps.start);
        opts.progress = on_progress;
        opts.progress_data = &ps;
    }
    s75_result *res;
    int rc = s75_run(&res, sc, &opts, &err);
    s75_scenario_free(sc);
    if (rc != S75_OK) {
        cli_print_error(&err);
        return rc == S75_EUSAGE ? EXIT_USAGE : EXIT_INVALID;
    }
    if (partner && fmt == S75_FORMAT_CSV) {
        fprintf(stderr, "s75: --partner writes text, json, html or xlsx\n");
        s75_result_free(res);
        return EXIT_USAGE;
    }
    if (out_path) {
        rc = partner ? s75_statement_write_file(res, partner, fmt, out_path, &err)
                     : s75_result_write_file_opt(res, fmt, out_path, &ro, &err);
    } else {
        char *text;
        size_t len;
        rc = partner ? s75_statement_render(&text, &len, res, partner, fmt, &err)
                     : s75_result_render_opt(&text, &len, res, fmt, &ro, &err);
        if (rc == S75_OK) {
            if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
                fprintf(stderr, "s75: cannot write the report: %s\n", strerror(errno));
                rc = S75_EIO;
                err.message[0] = '\0';
            }
            s75_free(text);
        }
    }
    s75_result_free(res);
    if (rc != S75_OK) {
        if (err.message[0])
            cli_print_error(&err);
        return rc == S75_EUSAGE ? EXIT_USAGE : EXIT_INVALID;
    }
    return EXIT_OK;
}

int cli_parse_number(const char *s, double *out)
{
    char clean[64];
    size_t n = 0;
    for (const char *p = s; *p; p++)
        if (*p != '_' && *p != ',') {
            if (n + 1 >= sizeof clean)
                return -1;
            clean[n++] = *p;
        }
    clean[n] = '\0';
    int percent = n > 0 && clean[n - 1] == '%';
    if (percent)
        clean[--n] = '\0';
    char *end;
    errno = 0;
    double v = strtod(clean, &end);
    if (n == 0 || *end || errno || v != v || v - v != 0)
        return -1;
    *out = percent ? v / 100 : v;
    return 0;
}

int cli_parse_year(const char *s, int *out)
{
    char *end;
    long y = strtol(s, &end, 10);
    if (end == s + 4 && *end == '/' && strlen(end) == 3 && (y + 1) % 100 == strtol(end + 1, NULL, 10))
        end += 3;
    if (*end || y < 1900 || y > 2500)
        return -1;
    *out = (int)y;
    return 0;
}

int cli_parse_threads(const char *s, unsigned *out)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (*end || errno || n < 1 || n > 1024) {
        fprintf(stderr, "s75: --threads takes a whole number from 1 to 1024, got '%s'\n", s);
        return -1;
    }
    *out = (unsigned)n;
    return 0;
}

int cli_write(const char *text, size_t len)
{
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "s75: cannot write the report: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

int cli_exit_code(int rc)
{
    return rc == S75_OK ? EXIT_OK : rc == S75_EUSAGE ? EXIT_USAGE : EXIT_INVALID;
}

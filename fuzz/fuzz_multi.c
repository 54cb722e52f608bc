/* libFuzzer harness: the input is a small folder of files and the options a
 * command line would give. Lines "#--- NAME" start a new file (NAME: up to
 * 32 of a-z, 0-9, '.', '_', '-'); the text before the first is main.yaml.
 * In main.yaml, "#set PATH=VALUE" lines are --set overrides and a
 * "#variant NAME" line a variant. The files go to a private temporary
 * folder, so includes and pools resolve among them (and includes are
 * confined to it). The scenario is loaded, checked, run in every mode
 * (simulate and SMAA only with few draws, to stay fast) and rendered in
 * every format, xlsx included. Crashes, leaks, sanitizer reports and
 * timeouts are failures. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <s75/s75.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_FILES = 8, MAX_SETS = 16 };

static char folder[64];
static char written[MAX_FILES][48];
static size_t n_written;

static int name_ok(const char *s, size_t n)
{
    if (n == 0 || n > 32 || s[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
              s[i] == '_' || s[i] == '-'))
            return 0;
    return 1;
}

static void put_file(const char *name, const char *text, size_t len)
{
    if (n_written == MAX_FILES)
        return;
    char path[128];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fwrite(text, 1, len, f);
    fclose(f);
    snprintf(written[n_written++], sizeof written[0], "%s", name);
}

static void clear_files(void)
{
    char path[128];
    for (size_t i = 0; i < n_written; i++) {
        snprintf(path, sizeof path, "%s/%s", folder, written[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/out.xlsx", folder);
    unlink(path);
    n_written = 0;
}

static void run_and_render(const s75_scenario *sc, s75_mode mode)
{
    s75_run_options opts = S75_RUN_OPTIONS_INIT;
    opts.mode = mode;
    opts.threads = 1;
    s75_result *res = NULL;
    if (s75_run(&res, sc, &opts, NULL) != S75_OK)
        return;
    for (int f = S75_FORMAT_TEXT; f <= S75_FORMAT_HTML; f++) {
        char *out = NULL;
        s75_result_render(&out, NULL, res, (s75_format)f, NULL);
        s75_free(out);
    }
    char path[128];
    snprintf(path, sizeof path, "%s/out.xlsx", folder);
    s75_result_write_file(res, S75_FORMAT_XLSX, path, NULL);
    s75_result_free(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!folder[0]) {
        snprintf(folder, sizeof folder, "/tmp/s75-fuzz-XXXXXX");
        if (!mkdtemp(folder))
            abort();
    }
    clear_files();
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    /* Cut into files at "#--- NAME" lines; collect #set and #variant. */
    const char *sets[MAX_SETS];
    size_t n_sets = 0;
    const char *variant = NULL;
    const char *name = "main.yaml";
    char current[40] = "main.yaml";
    size_t start = 0;
    for (size_t i = 0; i <= size; i++) {
        int at_line = i == 0 || text[i - 1] == '\n' || text[i - 1] == '\0';
        if (i < size && at_line && strncmp(text + i, "#--- ", 5) == 0) {
            put_file(name, text + start, i - start);
            size_t e = i + 5;
            while (e < size && text[e] != '\n')
                e++;
            if (name_ok(text + i + 5, e - i - 5)) {
                snprintf(current, sizeof current, "%.*s", (int)(e - i - 5), text + i + 5);
                name = current;
            } else {
                name = "junk.yaml";
            }
            start = e < size ? e + 1 : size;
            i = start - 1;
            continue;
        }
        if (i < size && at_line && !strcmp(name, "main.yaml") &&
            (strncmp(text + i, "#set ", 5) == 0 || strncmp(text + i, "#variant ", 9) == 0)) {
            /* A directive is a comment line: the YAML loses nothing. */
            if (text[i + 1] == 's' && n_sets < MAX_SETS)
                sets[n_sets++] = text + i + 5;
            else if (text[i + 1] == 'v')
                variant = text + i + 9;
        }
    }
    if (start < size || n_written == 0)
        put_file(name, text + start, size - start);

    /* The directives again, now as NUL-terminated strings of their own. */
    char *copies[MAX_SETS + 1] = { 0 };
    for (size_t k = 0; k < n_sets; k++) {
        size_t n = strcspn(sets[k], "\n");
        copies[k] = strndup(sets[k], n);
        sets[k] = copies[k] ? copies[k] : "";
    }
    if (variant) {
        copies[MAX_SETS] = strndup(variant, strcspn(variant, "\n"));
        variant = copies[MAX_SETS];
    }

    char main_path[128];
    snprintf(main_path, sizeof main_path, "%s/main.yaml", folder);
    s75_load_options o = S75_LOAD_OPTIONS_INIT;
    o.overrides = sets;
    o.override_count = n_sets;
    o.variant = variant;
    o.confine_includes = 1;
    s75_diagnostics *d = NULL;
    s75_scenario_check_file_opts(&d, main_path, &o);
    s75_diagnostics_free(d);
    s75_scenario *sc = NULL;
    if (s75_scenario_load_file_opts(&sc, main_path, &o, NULL) == S75_OK) {
        run_and_render(sc, S75_MODE_RUN);
        if (sc->appraisal.smaa_draws <= 2000)
            run_and_render(sc, S75_MODE_APPRAISE);
        if (sc->uncertainty.draws <= 200)
            run_and_render(sc, S75_MODE_SIMULATE);
        run_and_render(sc, S75_MODE_MONITOR);
        s75_scenario_free(sc);
    }
    for (size_t k = 0; k <= MAX_SETS; k++)
        free(copies[k]);
    free(text);
    return 0;
}

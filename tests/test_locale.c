/* The library reads and writes numbers the same whatever locale the host
 * program set: a host that calls setlocale(LC_ALL, "de_DE.UTF-8") (a comma
 * decimal point, as desktop programs and Python users do) gets the figures
 * and bytes of the C locale, and SVG coordinates such as x="94.6".
 *
 * The German locale is generated with localedef into a temporary directory
 * (LOCPATH) when the system lacks it, so no root step is needed; the test is
 * skipped, saying why, only when localedef itself is missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "s75/s75.h"
#include "testutil.h"

#define COMMA_LOCALE "de_DE.UTF-8"

static char locale_dir[64];

/* Sets the comma-decimal locale, generating it first if need be. Returns 1
 * when it is in effect. */
static int comma_locale(void)
{
    if (setlocale(LC_ALL, COMMA_LOCALE))
        return 1;
    if (system("command -v localedef >/dev/null 2>&1") != 0)
        return 0;
    snprintf(locale_dir, sizeof locale_dir, "/tmp/s75-locale-XXXXXX");
    if (!mkdtemp(locale_dir))
        return 0;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/%s >/dev/null 2>&1", locale_dir,
             COMMA_LOCALE);
    /* localedef warns (exit 1) on some systems yet writes the locale. */
    (void)system(cmd);
    setenv("LOCPATH", locale_dir, 1);
    return setlocale(LC_ALL, COMMA_LOCALE) != NULL;
}

static void remove_locale_dir(void)
{
    if (!locale_dir[0])
        return;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", locale_dir);
    (void)system(cmd);
}

/* One run's reports, rendered in whatever locale is current. */
typedef struct reports {
    char *json, *html, *text, *csv, *sim_json, *error;
    size_t json_len, html_len, text_len, csv_len, sim_len;
} reports;

static char *render(const s75_result *res, s75_format fmt, size_t *len)
{
    char *out = NULL;
    s75_error err;
    assert_int_equal(s75_result_render(&out, len, res, fmt, &err), S75_OK);
    return out;
}

static void make_reports(reports *r)
{
    char path[4096];
    source_path(path, sizeof path, "configs/derbyshire-0-19.yaml");
    s75_scenario *sc;
    s75_error err;
    assert_int_equal(s75_scenario_load_file(&sc, path, &err), S75_OK);
    s75_result *res;
    assert_int_equal(s75_run(&res, sc, NULL, &err), S75_OK);
    r->json = render(res, S75_FORMAT_JSON, &r->json_len);
    r->html = render(res, S75_FORMAT_HTML, &r->html_len);
    r->text = render(res, S75_FORMAT_TEXT, &r->text_len);
    r->csv = render(res, S75_FORMAT_CSV, &r->csv_len);
    s75_result_free(res);
    s75_scenario_free(sc);

    /* The simulation on two threads: the workers must read and write as the
     * caller's thread does. */
    const char *sets[] = { "uncertainty.draws=400" };
    s75_load_options lo = S75_LOAD_OPTIONS_INIT;
    lo.overrides = sets;
    lo.override_count = 1;
    assert_int_equal(s75_scenario_load_file_opts(&sc, path, &lo, &err), S75_OK);
    s75_run_options ro = S75_RUN_OPTIONS_INIT;
    ro.mode = S75_MODE_SIMULATE;
    ro.threads = 2;
    assert_int_equal(s75_run(&res, sc, &ro, &err), S75_OK);
    r->sim_json = render(res, S75_FORMAT_JSON, &r->sim_len);
    s75_result_free(res);
    s75_scenario_free(sc);

    /* A message that quotes numbers. */
    const char *bad = "s75: 1\nname: x\nbase_year: 2025\nyears: 2\n"
                      "partners: [{id: a, contribution: {amount: 1000.5, uplift: 2.5}}]\n";
    assert_int_not_equal(s75_scenario_load_string(&sc, bad, strlen(bad), "bad.yaml", &err),
                         S75_OK);
    r->error = strdup(err.message);
    assert_non_null(r->error);
}

static void free_reports(reports *r)
{
    s75_free(r->json);
    s75_free(r->html);
    s75_free(r->text);
    s75_free(r->csv);
    s75_free(r->sim_json);
    free(r->error);
}

/* The value of every attribute `name="..."` in the SVG of an HTML paper
 * must be written with a decimal point. Returns how many were seen. */
static size_t check_attribute(const char *html, const char *name)
{
    char pat[16];
    snprintf(pat, sizeof pat, " %s=\"", name);
    size_t seen = 0;
    for (const char *p = strstr(html, pat); p; p = strstr(p + 1, pat)) {
        const char *v = p + strlen(pat), *end = strchr(v, '"');
        assert_non_null(end);
        for (const char *c = v; c < end; c++)
            if (*c == ',') {
                print_error("%s=\"%.*s\": a comma in a number\n", name, (int)(end - v), v);
                fail();
            }
        seen++;
    }
    return seen;
}

static void same_bytes_in_a_comma_locale(void **state)
{
    (void)state;
    /* The paper's date comes from here, so two renderings can be compared. */
    setenv("SOURCE_DATE_EPOCH", "1774828800", 1);
    reports c, de;
    setlocale(LC_ALL, "C");
    make_reports(&c);
    if (!comma_locale()) {
        print_message("skipped: no %s locale and no localedef to make one (Debian package "
                      "'locales')\n", COMMA_LOCALE);
        free_reports(&c);
        skip();
    }
    /* The locale really is in effect for the host: printf writes a comma. */
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 94.6);
    assert_string_equal(probe, "94,6");
    assert_string_equal(localeconv()->decimal_point, ",");

    make_reports(&de);
    /* ... and the host's locale is the same after each call. */
    snprintf(probe, sizeof probe, "%.1f", 94.6);
    assert_string_equal(probe, "94,6");

    assert_int_equal(de.json_len, c.json_len);
    assert_memory_equal(de.json, c.json, c.json_len);
    assert_int_equal(de.html_len, c.html_len);
    assert_memory_equal(de.html, c.html, c.html_len);
    assert_int_equal(de.text_len, c.text_len);
    assert_memory_equal(de.text, c.text, c.text_len);
    assert_int_equal(de.csv_len, c.csv_len);
    assert_memory_equal(de.csv, c.csv, c.csv_len);
    assert_int_equal(de.sim_len, c.sim_len);
    assert_memory_equal(de.sim_json, c.sim_json, c.sim_len);
    assert_string_equal(de.error, c.error);
    /* The per cent strings of the file were read: 23.78% employer pension. */
    assert_non_null(strstr(de.json, "\"cost\": "));
    /* Coordinates with a decimal point, and there are some to check. */
    assert_true(check_attribute(de.html, "x") > 10);
    assert_true(check_attribute(de.html, "y") > 10);
    check_attribute(de.html, "width");
    check_attribute(de.html, "height");
    check_attribute(de.html, "x1");
    check_attribute(de.html, "y1");
    check_attribute(de.html, "x2");
    check_attribute(de.html, "y2");
    assert_true(strstr(de.html, ".") != NULL);
    free_reports(&c);
    free_reports(&de);
    setlocale(LC_ALL, "C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bytes_in_a_comma_locale),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    remove_locale_dir();
    return failed;
}

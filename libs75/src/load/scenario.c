/* The scenario handle: public loading entry points and freeing. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "inputs.h"
#include "load.h"
#include "overrides.h"
#include "s75/scenario.h"
#include "c_locale.h"

static int load_common(s75_scenario **out, const char *file, const char *text, size_t len,
                       s75_error *err)
{
    diag d;
    diag_init(&d);
    scenario *sc = load_scenario(file, text, len, &d);
    int rc = S75_OK;
    if (!sc)
        rc = diag_first(&d, err);
    if (!sc && rc == S75_OK)
        rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    diag_clear(&d);
    *out = sc;
    return rc;
}

static int scenario_load_file_in_c(s75_scenario **out, const char *path, s75_error *err)
{
    if (!out || !path) {
        if (out)
            *out = NULL;
        return error_set(err, S75_EUSAGE, no_mark, "", "out and path must not be NULL");
    }
    *out = NULL;
    diag d;
    diag_init(&d);
    size_t len;
    char *text = read_file_limited(path, &len, &d, no_mark, "");
    if (!text) {
        int rc = diag_first(&d, err);
        diag_clear(&d);
        return rc;
    }
    diag_clear(&d);
    int rc = load_common(out, path, text, len, err);
    free(text);
    return rc;
}

static int scenario_load_string_in_c(s75_scenario **out, const char *text, size_t len,
                                     const char *name, s75_error *err)
{
    if (!out || !text) {
        if (out)
            *out = NULL;
        return error_set(err, S75_EUSAGE, no_mark, "", "out and text must not be NULL");
    }
    *out = NULL;
    return load_common(out, name ? name : "<string>", text, len, err);
}

static int check_common(s75_diagnostics **out, const char *file, const char *text, size_t len,
                        diag *d)
{
    scenario *sc = load_scenario(file, text, len, d);
    scenario_free(sc);
    *out = d;
    return (int)d->count + (d->oom && d->count == 0);
}

static int scenario_check_file_in_c(s75_diagnostics **out, const char *path)
{
    if (!out || !path)
        return S75_EUSAGE;
    diag *d = calloc(1, sizeof *d);
    if (!d)
        return S75_ENOMEM;
    size_t len;
    char *text = read_file_limited(path, &len, d, no_mark, "");
    if (!text) {
        *out = d;
        return (int)d->count;
    }
    int n = check_common(out, path, text, len, d);
    free(text);
    return n;
}

static int scenario_check_string_in_c(s75_diagnostics **out, const char *text, size_t len,
                                      const char *name)
{
    if (!out || !text)
        return S75_EUSAGE;
    diag *d = calloc(1, sizeof *d);
    if (!d)
        return S75_ENOMEM;
    return check_common(out, name ? name : "<string>", text, len, d);
}

void s75_scenario_free(s75_scenario *sc)
{
    scenario_free(sc);
}

const char *s75_scenario_name(const s75_scenario *sc)
{
    return sc ? sc->name : NULL;
}

int s75_scenario_base_year(const s75_scenario *sc)
{
    return sc ? sc->base_year : 0;
}

size_t s75_scenario_year_count(const s75_scenario *sc)
{
    return sc ? (size_t)sc->years : 0;
}

const char *s75_scenario_sha256(const s75_scenario *sc)
{
    return sc ? sc->sha256 : NULL;
}

int s75_scenario_is_portfolio(const s75_scenario *sc)
{
    return sc ? sc->is_portfolio : 0;
}

size_t s75_scenario_table_count(const s75_scenario *sc)
{
    return sc ? sc->n_tables : 0;
}

const char *s75_scenario_table_summary(const s75_scenario *sc, size_t i)
{
    return sc && i < sc->n_tables ? sc->tables[i].text : NULL;
}

const char *s75_scenario_table_sha256(const s75_scenario *sc, size_t i)
{
    return sc && i < sc->n_tables ? sc->tables[i].sha256 : NULL;
}

size_t s75_scenario_input_count(const s75_scenario *sc)
{
    return sc ? sc->n_inputs : 0;
}

const char *s75_scenario_input_path(const s75_scenario *sc, size_t i)
{
    return sc && i < sc->n_inputs ? sc->inputs[i].path : NULL;
}

const char *s75_scenario_input_sha256(const s75_scenario *sc, size_t i)
{
    return sc && i < sc->n_inputs ? sc->inputs[i].sha256 : NULL;
}

const char *s75_scenario_digest(const s75_scenario *sc)
{
    return sc ? sc->digest : NULL;
}

/* The public calls read and write numbers in the C locale (c_locale.h). */
s75_status s75_scenario_load_file(s75_scenario **out, const char *path, s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = scenario_load_file_in_c(out, path, err);
    c_locale_leave(&l);
    return rc;
}

s75_status s75_scenario_load_string(s75_scenario **out, const char *text, size_t len,
                                    const char *name, s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = scenario_load_string_in_c(out, text, len, name, err);
    c_locale_leave(&l);
    return rc;
}

int s75_scenario_check_file(s75_diagnostics **out, const char *path)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = scenario_check_file_in_c(out, path);
    c_locale_leave(&l);
    return rc;
}

int s75_scenario_check_string(s75_diagnostics **out, const char *text, size_t len,
                              const char *name)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = scenario_check_string_in_c(out, text, len, name);
    c_locale_leave(&l);
    return rc;
}

int s75_scenario_reads_file(const s75_scenario *sc, const char *path)
{
    struct stat st;
    if (!sc || !path || stat(path, &st) != 0)
        return 0;
    for (size_t i = 0; i < sc->n_read; i++)
        if (sc->read[i].dev == (unsigned long long)st.st_dev &&
            sc->read[i].ino == (unsigned long long)st.st_ino)
            return 1;
    return 0;
}

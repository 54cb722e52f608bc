/* The public variants API (s75/variants.h): loading with a variant and
 * overrides, and what a loaded scenario remembers of them. */
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "overrides.h"
#include "s75/variants.h"
#include "c_locale.h"

static int load_with(s75_scenario **out, const char *file, const char *text, size_t len,
                     const load_opts *o, s75_error *err)
{
    diag d;
    diag_init(&d);
    scenario *sc = load_scenario_opts(file, text, len, o, &d);
    int rc = S75_OK;
    if (!sc)
        rc = diag_first(&d, err);
    if (!sc && rc == S75_OK)
        rc = error_set(err, S75_ENOMEM, no_mark, "", "out of memory");
    diag_clear(&d);
    *out = sc;
    return rc;
}

static int scenario_load_file_opts_in_c(s75_scenario **out, const char *path,
                                        const s75_load_options *opts, s75_error *err)
{
    if (!out || !path) {
        if (out)
            *out = NULL;
        return error_set(err, S75_EUSAGE, no_mark, "", "out and path must not be NULL");
    }
    *out = NULL;
    load_opts o;
    int rc = load_opts_from_options(opts, &o, err);
    if (rc)
        return rc;
    diag d;
    diag_init(&d);
    size_t len;
    char *text = read_file_limited(path, &len, &d, no_mark, "");
    if (!text) {
        rc = diag_first(&d, err);
        diag_clear(&d);
        return rc;
    }
    diag_clear(&d);
    rc = load_with(out, path, text, len, &o, err);
    free(text);
    return rc;
}

static int scenario_load_string_opts_in_c(s75_scenario **out, const char *text, size_t len,
                                          const char *name, const s75_load_options *opts,
                                          s75_error *err)
{
    if (!out || !text) {
        if (out)
            *out = NULL;
        return error_set(err, S75_EUSAGE, no_mark, "", "out and text must not be NULL");
    }
    *out = NULL;
    load_opts o;
    int rc = load_opts_from_options(opts, &o, err);
    if (rc)
        return rc;
    return load_with(out, name ? name : "<string>", text, len, &o, err);
}

static int scenario_check_file_opts_in_c(s75_diagnostics **out, const char *path,
                                         const s75_load_options *opts)
{
    if (!out || !path)
        return S75_EUSAGE;
    *out = NULL;
    load_opts o;
    int rc = load_opts_from_options(opts, &o, NULL);
    if (rc)
        return rc;
    diag *d = calloc(1, sizeof *d);
    if (!d)
        return S75_ENOMEM;
    size_t len;
    char *text = read_file_limited(path, &len, d, no_mark, "");
    if (text) {
        scenario_free(load_scenario_opts(path, text, len, &o, d));
        free(text);
    }
    *out = d;
    return (int)d->count + (d->oom && d->count == 0);
}

static const scenario_provenance *prov_of(const s75_scenario *sc)
{
    return sc ? sc->provenance : NULL;
}

const char *s75_scenario_variant_name(const s75_scenario *sc, size_t i)
{
    const scenario_provenance *p = prov_of(sc);
    return p && i < p->n_variants ? p->variants[i] : NULL;
}

size_t s75_scenario_variant_count(const s75_scenario *sc)
{
    const scenario_provenance *p = prov_of(sc);
    return p ? p->n_variants : 0;
}

const char *s75_scenario_variant(const s75_scenario *sc)
{
    const scenario_provenance *p = prov_of(sc);
    return p ? p->variant : NULL;
}

const char *s75_scenario_override(const s75_scenario *sc, size_t i)
{
    const scenario_provenance *p = prov_of(sc);
    return p && i < p->n_overrides ? p->overrides[i] : NULL;
}

size_t s75_scenario_override_count(const s75_scenario *sc)
{
    const scenario_provenance *p = prov_of(sc);
    return p ? p->n_overrides : 0;
}

/* The public calls read and write numbers in the C locale (c_locale.h). */
s75_status s75_scenario_load_file_opts(s75_scenario **out, const char *path,
                                       const s75_load_options *opts, s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = scenario_load_file_opts_in_c(out, path, opts, err);
    c_locale_leave(&l);
    return rc;
}

s75_status s75_scenario_load_string_opts(s75_scenario **out, const char *text, size_t len,
                                         const char *name, const s75_load_options *opts,
                                         s75_error *err)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = scenario_load_string_opts_in_c(out, text, len, name, opts, err);
    c_locale_leave(&l);
    return rc;
}

int s75_scenario_check_file_opts(s75_diagnostics **out, const char *path,
                                 const s75_load_options *opts)
{
    c_locale l;
    c_locale_enter(&l);
    int rc = scenario_check_file_opts_in_c(out, path, opts);
    c_locale_leave(&l);
    return rc;
}

/* The Assumptions sheet: where the workbook came from (file, sha256,
 * library version, variant, overrides) and every input the run used, so a
 * workbook found months later can be traced to its inputs and rerun. */
#include <stdio.h>
#include <string.h>

#include "overrides.h"
#include "reader.h"
#include "report_xlsx.h"
#include "s75/version.h"

static int pair(xl *x, lxw_worksheet *ws, int row, const char *label, const char *value)
{
    xl_str(x, ws, row, 0, label, x->bold);
    xl_str(x, ws, row, 1, value, NULL);
    return row + 1;
}

int xlsx_provenance(xl *x, lxw_worksheet *ws, int row, const scenario *sc)
{
    const scenario_provenance *p = sc->provenance;
    char buf[32];
    row = pair(x, ws, row, "Scenario", sc->name);
    row = pair(x, ws, row, "Scenario file", sc->file);
    row = pair(x, ws, row, "SHA-256 of the file", sc->sha256);
    row = pair(x, ws, row, "libs75 version", S75_VERSION);
    row = pair(x, ws, row, "Variant", p && p->variant ? p->variant : "base (the file as written)");
    for (size_t i = 0; p && i < p->n_overrides; i++) {
        char line[1024];
        snprintf(line, sizeof line, "--set %.1000s", p->overrides[i]);
        row = pair(x, ws, row, "Override", line);
    }
    row = pair(x, ws, row, "Digest of the inputs", sc->digest);
    for (size_t i = 0; i < sc->n_inputs; i++) {
        xl_str(x, ws, row, 0, i == 0 ? "Files read (path, SHA-256)" : "", x->bold);
        xl_str(x, ws, row, 1, sc->inputs[i].path, NULL);
        xl_str(x, ws, row, 2, sc->inputs[i].sha256, NULL);
        row++;
    }
    row = pair(x, ws, row, "Base year", fy_label(sc->base_year, buf));
    snprintf(buf, sizeof buf, "%d", sc->years);
    row = pair(x, ws, row, "Years", buf);
    return row;
}

/* The inputs of one scenario file, as path and value, from `row`. */
static int inputs_rows(xl *x, lxw_worksheet *ws, int row, const scenario *sc)
{
    input_list in;
    if (provenance_inputs(sc->provenance, sc->file, &in) < 0)
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    const char *slash = strrchr(sc->file, '/');
    for (size_t i = 0; i < in.n; i++) {
        if (row >= XL_MAX_ROWS - 1) {
            xl_str(x, ws, row++, 0, "(more inputs than a sheet holds: see the file)", NULL);
            break;
        }
        xl_str(x, ws, row, 0, slash ? slash + 1 : sc->file, NULL);
        xl_str(x, ws, row, 1, in.paths[i], NULL);
        xl_str(x, ws, row, 2, in.values[i], x->text);
        row++;
    }
    input_list_free(&in);
    return row;
}

/* The pay scale as the model holds it (it may come from an include file,
 * whose inputs the list above does not show). */
static int scale_rows(xl *x, lxw_worksheet *ws, int row, const scenario *sc)
{
    if (sc->n_bands == 0)
        return row;
    char year[8], title[96];
    snprintf(title, sizeof title, "Pay scale in use (pay points of %s, before awards)",
             fy_label(sc->scale_year, year));
    xl_str(x, ws, row++, 0, title, x->bold);
    static const char *const head[] = { "Band", "Pay point", "Annual pay",
                                        "Years on the point before the next" };
    xl_header(x, ws, row++, head, 4, 0);
    for (size_t b = 0; b < sc->n_bands; b++)
        for (size_t k = 0; k < sc->bands[b].n_points && row < XL_MAX_ROWS; k++) {
            xl_str(x, ws, row, 0, sc->bands[b].name, x->text);
            xl_num(x, ws, row, 1, (double)k, x->whole);
            xl_num(x, ws, row, 2, sc->bands[b].points[k], x->money);
            if (k + 1 < sc->bands[b].n_points && sc->bands[b].progression)
                xl_num(x, ws, row, 3, sc->bands[b].progression[k], x->whole);
            row++;
        }
    return row + 1;
}

void xlsx_assumptions(xl *x, const s75_result *res)
{
    const scenario *sc = res->sc;
    lxw_worksheet *ws = xl_sheet(x, "Assumptions", "Assumptions: where this workbook came from "
                                 "and every input of the run");
    if (!ws)
        return;
    worksheet_freeze_panes(ws, 1, 0);
    xl_set_column(x, ws, 0, 0, 34);
    xl_set_column(x, ws, 1, 1, 56);
    xl_set_column(x, ws, 2, 2, 40);
    static const char *const modes[] = { "run", "appraise", "simulate", "monitor" };
    int row = 2;
    row = pair(x, ws, row, "Command", res->mode >= 0 && res->mode < 4 ? modes[res->mode] : "?");
    row = xlsx_provenance(x, ws, row, sc);
    for (size_t i = 0; i < sc->n_pools; i++) {
        const scenario *ps = sc->pools[i].scenario;
        char label[96], value[1024];
        snprintf(label, sizeof label, "Pool %.60s", sc->pools[i].id);
        snprintf(value, sizeof value, "%.900s (sha256 %s)", ps->file, ps->sha256);
        row = pair(x, ws, row, label, value);
    }
    row += 1;
    row = scale_rows(x, ws, row, sc);
    xl_str(x, ws, row++, 0, "Inputs as read (the path is what --set takes)", x->bold);
    static const char *const head[] = { "File", "Path", "Value as written" };
    xl_header(x, ws, row++, head, 3, 0);
    row = inputs_rows(x, ws, row, sc);
    for (size_t i = 0; i < sc->n_pools; i++)
        row = inputs_rows(x, ws, row, sc->pools[i].scenario);
}

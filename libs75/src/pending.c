/* Stages not built yet. Each reports itself as missing rather than
 * pretending; the file shrinks as the stages land in their own files. */
#include "diag.h"
#include "modules.h"
#include "report.h"

int appraisal_compute(const scenario *sc, int full, struct appraisal_result **out, s75_error *err)
{
    (void)sc, (void)full;
    *out = NULL;
    (void)err; return S75_OK;
}
void appraisal_free(struct appraisal_result *a) { (void)a; }
void appraisal_json(jw *w, const scenario *sc, const struct appraisal_result *a) { (void)w, (void)sc, (void)a; }
void appraisal_text(sbuf *b, const scenario *sc, const struct appraisal_result *a) { (void)b, (void)sc, (void)a; }
void appraisal_csv(sbuf *b, const scenario *sc, const struct appraisal_result *a) { (void)b, (void)sc, (void)a; }

int simulation_compute(const scenario *sc, unsigned threads, s75_progress_fn progress,
                       void *progress_data, struct simulation_result **out, s75_error *err)
{
    (void)sc, (void)threads, (void)progress, (void)progress_data;
    *out = NULL;
    return error_set(err, S75_EINVAL, no_mark, "uncertainty", "simulation is not built yet");
}
void simulation_free(struct simulation_result *s) { (void)s; }
void simulation_json(jw *w, const scenario *sc, const struct simulation_result *s) { (void)w, (void)sc, (void)s; }
void simulation_text(sbuf *b, const scenario *sc, const struct simulation_result *s) { (void)b, (void)sc, (void)s; }
void simulation_csv(sbuf *b, const scenario *sc, const struct simulation_result *s) { (void)b, (void)sc, (void)s; }

int portfolio_compute(const scenario *sc, struct portfolio_result **out, s75_error *err)
{
    (void)sc;
    *out = NULL;
    return error_set(err, S75_EINVAL, no_mark, "pools", "portfolios are not built yet");
}
void portfolio_free(struct portfolio_result *p) { (void)p; }
void portfolio_json(jw *w, const scenario *sc, const struct portfolio_result *p) { (void)w, (void)sc, (void)p; }
void portfolio_text(sbuf *b, const scenario *sc, const struct portfolio_result *p) { (void)b, (void)sc, (void)p; }
void portfolio_csv(sbuf *b, const scenario *sc, const struct portfolio_result *p) { (void)b, (void)sc, (void)p; }

void report_html(sbuf *b, const s75_result *res)
{
    (void)res;
    sb_puts(b, "<!doctype html><title>libs75</title><p>The HTML report is not built yet.</p>\n");
}

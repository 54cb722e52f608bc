/* The stages a run may call on, each in its own file, and their report
 * writers. Each compute function fills *out (owned by the result) and
 * returns S75_OK or an s75_status with err filled. */
#ifndef S75_MODULES_H
#define S75_MODULES_H

#include "model.h"
#include "project.h"
#include "s75/error.h"
#include "s75/result.h"
#include "sbuf.h"

struct appraisal_result;
struct simulation_result;
struct monitoring_result;
struct portfolio_result;

/* appraise.c: §8 and §8.1; full (1) adds SMAA and the optimism-bias sweep. */
int appraisal_compute(const scenario *sc, int full, struct appraisal_result **out, s75_error *err);
void appraisal_free(struct appraisal_result *a);
void appraisal_json(jw *w, const scenario *sc, const struct appraisal_result *a);
void appraisal_text(sbuf *b, const scenario *sc, const struct appraisal_result *a);
void appraisal_csv(sbuf *b, const scenario *sc, const struct appraisal_result *a);

/* simulate.c: §9 (and §11 for portfolios). */
int simulation_compute(const scenario *sc, unsigned threads, s75_progress_fn progress,
                       void *progress_data, struct simulation_result **out, s75_error *err);
void simulation_free(struct simulation_result *s);
void simulation_json(jw *w, const scenario *sc, const struct simulation_result *s);
void simulation_text(sbuf *b, const scenario *sc, const struct simulation_result *s);
void simulation_csv(sbuf *b, const scenario *sc, const struct simulation_result *s);

/* monitor.c: §12, from the projection of the monitored year. */
int monitoring_compute(const scenario *sc, const projection *p, struct monitoring_result **out,
                       s75_error *err);
void monitoring_free(struct monitoring_result *m);
void monitoring_json(jw *w, const scenario *sc, const struct monitoring_result *m);
void monitoring_text(sbuf *b, const scenario *sc, const struct monitoring_result *m);
void monitoring_csv(sbuf *b, const scenario *sc, const struct monitoring_result *m);

/* portfolio.c: §11. */
int portfolio_compute(const scenario *sc, struct portfolio_result **out, s75_error *err);
void portfolio_free(struct portfolio_result *p);
void portfolio_json(jw *w, const scenario *sc, const struct portfolio_result *p);
void portfolio_text(sbuf *b, const scenario *sc, const struct portfolio_result *p);
void portfolio_csv(sbuf *b, const scenario *sc, const struct portfolio_result *p);

/* The HTML board paper (report_html.c). Each *_html writes the body of its
 * section (report_html wraps it in <section> with the heading; writing
 * nothing leaves the section out); each *_html_summary writes <li> items for
 * the summary box (e.g. the preferred option). Charts with svg.h, tables and
 * money with report_html.h, which says how. Each module's are in its own
 * file: appraise_html.c, simulate_html.c, monitor_html.c, portfolio_html.c. */
void appraisal_html(sbuf *b, const scenario *sc, const struct appraisal_result *a);
void appraisal_html_summary(sbuf *b, const scenario *sc, const struct appraisal_result *a);
void simulation_html(sbuf *b, const scenario *sc, const struct simulation_result *s);
void simulation_html_summary(sbuf *b, const scenario *sc, const struct simulation_result *s);
void monitoring_html(sbuf *b, const scenario *sc, const struct monitoring_result *m);
void monitoring_html_summary(sbuf *b, const scenario *sc, const struct monitoring_result *m);
void portfolio_html(sbuf *b, const scenario *sc, const struct portfolio_result *p);
void portfolio_html_summary(sbuf *b, const scenario *sc, const struct portfolio_result *p);

#endif

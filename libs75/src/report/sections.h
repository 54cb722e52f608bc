/* The section writers of each stage (stages.h): JSON, text and CSV in
 * *_report.c, HTML in the html folder's *_html.c. They render a stage's result; they
 * never compute. */
#ifndef S75_SECTIONS_H
#define S75_SECTIONS_H

#include "model.h"
#include "sbuf.h"

struct appraisal_result;
struct simulation_result;
struct monitoring_result;
struct portfolio_result;

/* JSON, text and CSV: appraise_report.c, simulate_report.c, monitor_report.c,
 * portfolio_report.c. */
void appraisal_json(jw *w, const scenario *sc, const struct appraisal_result *a);
void appraisal_text(sbuf *b, const scenario *sc, const struct appraisal_result *a);
void appraisal_csv(sbuf *b, const scenario *sc, const struct appraisal_result *a);
void simulation_json(jw *w, const scenario *sc, const struct simulation_result *s);
void simulation_text(sbuf *b, const scenario *sc, const struct simulation_result *s);
void simulation_csv(sbuf *b, const scenario *sc, const struct simulation_result *s);
void monitoring_json(jw *w, const scenario *sc, const struct monitoring_result *m);
void monitoring_text(sbuf *b, const scenario *sc, const struct monitoring_result *m);
void monitoring_csv(sbuf *b, const scenario *sc, const struct monitoring_result *m);
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

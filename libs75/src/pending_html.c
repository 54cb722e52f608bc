/* TEMPORARY: the HTML sections of stages whose owners have not written them
 * yet. Each writes nothing, so report_html leaves the section out. When a
 * module writes its own (in its own file, with svg.h and report_html.h),
 * delete its two functions here; when none is left, delete this file and its
 * line in libs75/meson.build. */
#include "modules.h"

void simulation_html(sbuf *b, const scenario *sc, const struct simulation_result *s)
{
    (void)b, (void)sc, (void)s;
}

void simulation_html_summary(sbuf *b, const scenario *sc, const struct simulation_result *s)
{
    (void)b, (void)sc, (void)s;
}

void monitoring_html(sbuf *b, const scenario *sc, const struct monitoring_result *m)
{
    (void)b, (void)sc, (void)m;
}

void monitoring_html_summary(sbuf *b, const scenario *sc, const struct monitoring_result *m)
{
    (void)b, (void)sc, (void)m;
}

void portfolio_html(sbuf *b, const scenario *sc, const struct portfolio_result *p)
{
    (void)b, (void)sc, (void)p;
}

void portfolio_html_summary(sbuf *b, const scenario *sc, const struct portfolio_result *p)
{
    (void)b, (void)sc, (void)p;
}

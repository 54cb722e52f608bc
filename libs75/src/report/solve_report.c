/* The answer of a solve as text, JSON and an HTML page (s75/solve.h). */
#include "solve_report.h"

#include <math.h>
#include <stdio.h>

#include "reader.h"
#include "report_html.h"
#include "s75/version.h"

/* The measure for people: "£1,234" or "19.95%". */
static void figure(sbuf *b, const solve_result *r, double v)
{
    if (r->inequality && r->measure[0] == 'p')
        sb_printf(b, "%.3f%%", 100 * v);
    else
        sb_money(b, v);
}

static const char *what(const solve_result *r)
{
    switch (r->measure[0]) {
    case 'v': return "variance";
    case 'g': return "gap";
    case 'p': return "chance of an overspend";
    default: return "95th-percentile share";
    }
}

static void scope(sbuf *b, const solve_result *r)
{
    char fy[8];
    if (r->year)
        sb_printf(b, "in %s", fy_label(r->year, fy));
    else
        sb_puts(b, "over the horizon");
}

void solve_text(sbuf *b, const solve_result *r)
{
    sb_printf(b, "Solve: %s\n", r->scenario_name);
    sb_printf(b, "  vary      %s (%s in the file)\n", r->path, r->current ? r->current : "not set");
    sb_printf(b, "  target    %s ", r->target);
    scope(b, r);
    sb_printf(b, "\n  range     %.10g to %.10g%s\n", r->from, r->to,
              r->range_given ? "" : " (default)");
    sb_printf(b, "\n  answer    %s\n  achieves  %s ", r->value_text, what(r));
    figure(b, r, r->achieved);
    sb_puts(b, " ");
    scope(b, r);
    sb_printf(b, " (re-run with the answer)\n  --set     %s\n", r->set);
    sb_printf(b, "  trials    %zu\n", r->evaluations);
    if (r->confidence) {
        sb_printf(b, "\nMonte Carlo error (%ld draws, seed %lu, the same draws in every trial):\n",
                  r->draws, r->seed);
        if (r->measure[0] == 'p')
            sb_printf(b, "  p at the answer is %.4f, standard error %.4f (binomial)\n",
                      r->achieved, r->standard_error);
        else
            sb_printf(b, "  5%% of draws exceed the p95; standard error of that share %.4f\n",
                      r->standard_error);
        sb_printf(b, "  bracket   %.10g (", r->bracket_fail);
        figure(b, r, r->measure_fail);
        sb_printf(b, ", fails) to %.10g (", r->bracket_meet);
        figure(b, r, r->measure_meet);
        sb_puts(b, ", meets)\n");
        if (r->has_band)
            sb_printf(b, "  values from %.6g to %.6g give a p within 2 standard errors of the "
                      "target:\n  more draws are needed to tell them apart\n", r->band_low,
                      r->band_high);
    }
}

void solve_json(sbuf *b, const solve_result *r)
{
    jw w;
    char fy[8];
    jw_init(&w, b);
    jw_object(&w, NULL);
    jw_int(&w, "s75", 1);
    jw_string(&w, "version", S75_VERSION);
    jw_object(&w, "solve");
    jw_string(&w, "scenario", r->scenario_name);
    jw_string(&w, "file", r->file);
    jw_string(&w, "path", r->path);
    jw_string(&w, "target", r->target);
    jw_string(&w, "measure", r->measure);
    if (r->year)
        jw_string(&w, "year", fy_label(r->year, fy));
    else
        jw_null(&w, "year");
    jw_array(&w, "range");
    jw_number(&w, NULL, r->from);
    jw_number(&w, NULL, r->to);
    jw_end_array(&w);
    jw_string(&w, "current", r->current);
    jw_number(&w, "value", r->value);
    jw_string(&w, "set", r->set);
    jw_number(&w, "goal", r->goal);
    jw_number(&w, "achieved", r->achieved);
    jw_int(&w, "evaluations", (long long)r->evaluations);
    if (r->confidence) {
        jw_object(&w, "monte_carlo");
        jw_int(&w, "draws", r->draws);
        jw_int(&w, "seed", (long long)r->seed);
        jw_number(&w, "standard_error", r->standard_error);
        jw_object(&w, "bracket");
        jw_number(&w, "fail", r->bracket_fail);
        jw_number(&w, "meet", r->bracket_meet);
        jw_number(&w, "measure_fail", r->measure_fail);
        jw_number(&w, "measure_meet", r->measure_meet);
        jw_end_object(&w);
        if (r->has_band) {
            jw_array(&w, "band");
            jw_number(&w, NULL, r->band_low);
            jw_number(&w, NULL, r->band_high);
            jw_end_array(&w);
        } else {
            jw_null(&w, "band");
        }
        jw_end_object(&w);
    } else {
        jw_null(&w, "monte_carlo");
    }
    jw_end_object(&w);
    jw_end_object(&w);
    sb_putc(b, '\n');
}

void solve_html(sbuf *b, const solve_result *r)
{
    sbuf meta;
    sb_init(&meta);
    sb_printf(&meta, "Scenario %s \xC2\xB7 target %s ", r->file, r->target);
    scope(&meta, r);
    html_page_open(b, r->scenario_name, "Section 75 pooled budget \xC2\xB7 what meets the target",
                   meta.s ? meta.s : "");
    sb_free(&meta);
    sb_puts(b, "<section class=\"summary\"><h2>Answer</h2>\n<div class=\"key\"><div><span "
               "class=\"label\">");
    sb_html(b, r->path);
    sb_puts(b, "</span><span class=\"value\">");
    sb_html(b, r->value_text);
    sb_puts(b, "</span></div><div><span class=\"label\">Target</span><span class=\"value\">");
    sb_html(b, r->target);
    sb_puts(b, "</span></div><div><span class=\"label\">Achieves</span><span class=\"value\">");
    figure(b, r, r->achieved);
    sb_puts(b, "</span></div></div>\n<p>To reproduce it: <code>--set ");
    sb_html(b, r->set);
    sb_puts(b, "</code></p>\n</section>\n<table>\n<tbody>\n");
    sb_puts(b, "<tr><th scope=\"row\">Input</th><td><code>");
    sb_html(b, r->path);
    sb_puts(b, "</code> (");
    sb_html(b, r->current ? r->current : "not set");
    sb_puts(b, " in the file)</td></tr>\n");
    sb_printf(b, "<tr><th scope=\"row\">Range searched</th><td>%.10g to %.10g%s</td></tr>\n",
              r->from, r->to, r->range_given ? "" : " (default)");
    sb_printf(b, "<tr><th scope=\"row\">Trials</th><td>%zu</td></tr>\n", r->evaluations);
    if (r->confidence) {
        sb_printf(b, "<tr><th scope=\"row\">Draws, seed</th><td>%ld, %lu (the same draws in "
                  "every trial)</td></tr>\n", r->draws, r->seed);
        sb_printf(b, "<tr><th scope=\"row\">Standard error</th><td>%.4f</td></tr>\n",
                  r->standard_error);
        sb_printf(b, "<tr><th scope=\"row\">Last bracket</th><td>%.10g (fails) to %.10g "
                  "(meets)</td></tr>\n", r->bracket_fail, r->bracket_meet);
        if (r->has_band)
            sb_printf(b, "<tr><th scope=\"row\">Within 2 standard errors</th><td>%.6g to "
                      "%.6g</td></tr>\n", r->band_low, r->band_high);
    }
    sb_puts(b, "</tbody>\n</table>\n");
    if (r->confidence)
        sb_puts(b, "<p class=\"note\">Every trial re-costs the same draws (the scenario's "
                   "seed), so the estimate moves only when a draw crosses the line. Values "
                   "within two standard errors of the target cannot be told apart at this "
                   "number of draws.</p>\n");
    html_page_close(b);
}

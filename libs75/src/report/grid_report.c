/* A two-way table as text, CSV, JSON and an HTML heat map (s75/grid.h). */
#include "grid_report.h"

#include <math.h>
#include <stdio.h>

#include "report_html.h"
#include "s75/version.h"

static double at(const grid_result *g, size_t i, size_t j)
{
    return g->cells[i * g->x.count + j];
}

static void value(sbuf *b, const grid_result *g, double v)
{
    if (g->probability)
        sb_printf(b, "%.4f", v);
    else
        sb_money(b, v);
}

void grid_text(sbuf *b, const grid_result *g)
{
    sb_printf(b, "Grid: %s\n  measure  %s (%s)\n  rows     y = %s\n  columns  x = %s\n\n",
              g->scenario_name, g->measure, g->probability ? "a probability" : "GBP",
              g->y.path, g->x.path);
    sb_printf(b, "%14s", "y \\ x");
    for (size_t j = 0; j < g->x.count; j++)
        sb_printf(b, " %13.6g", g->x.values[j]);
    sb_putc(b, '\n');
    for (size_t i = 0; i < g->y.count; i++) {
        sb_printf(b, "%14.6g", g->y.values[i]);
        for (size_t j = 0; j < g->x.count; j++) {
            sbuf cellb;
            sb_init(&cellb);
            value(&cellb, g, at(g, i, j));
            sb_printf(b, " %13s", cellb.s ? cellb.s : "");
            sb_free(&cellb);
        }
        sb_putc(b, '\n');
    }
}

void grid_csv(sbuf *b, const grid_result *g)
{
    char head[512];
    snprintf(head, sizeof head, "%s \\ %s", g->y.path, g->x.path);
    sb_csv_field(b, head);
    for (size_t j = 0; j < g->x.count; j++) {
        sb_putc(b, ',');
        sb_g17(b, g->x.values[j]);
    }
    sb_putc(b, '\n');
    for (size_t i = 0; i < g->y.count; i++) {
        sb_g17(b, g->y.values[i]);
        for (size_t j = 0; j < g->x.count; j++) {
            sb_putc(b, ',');
            sb_g17(b, at(g, i, j));
        }
        sb_putc(b, '\n');
    }
}

static void json_axis(jw *w, const char *key, const grid_axis *a)
{
    jw_object(w, key);
    jw_string(w, "path", a->path);
    jw_array(w, "values");
    for (size_t k = 0; k < a->count; k++)
        jw_number(w, NULL, a->values[k]);
    jw_end_array(w);
    jw_end_object(w);
}

void grid_json(sbuf *b, const grid_result *g)
{
    jw w;
    jw_init(&w, b);
    jw_object(&w, NULL);
    jw_int(&w, "s75", 1);
    jw_string(&w, "version", S75_VERSION);
    jw_object(&w, "grid");
    jw_string(&w, "scenario", g->scenario_name);
    jw_string(&w, "file", g->file);
    jw_string(&w, "measure", g->measure);
    json_axis(&w, "x", &g->x);
    json_axis(&w, "y", &g->y);
    jw_array(&w, "cells");
    for (size_t i = 0; i < g->y.count; i++) {
        jw_array(&w, NULL);
        for (size_t j = 0; j < g->x.count; j++)
            jw_number(&w, NULL, at(g, i, j));
        jw_end_array(&w);
    }
    jw_end_array(&w);
    jw_end_object(&w);
    jw_end_object(&w);
    sb_putc(b, '\n');
}

/* A cell's colour: money diverges from zero (red over, blue under, white
 * at zero, full at the table's largest magnitude); a probability runs from
 * white at 0 to red at 1. */
static void colour(sbuf *b, const grid_result *g, double v, double scale)
{
    double s = g->probability ? v : (scale > 0 ? v / scale : 0);
    if (!isfinite(s))
        s = 0;
    s = s > 1 ? 1 : s < -1 ? -1 : s;
    int fade = (int)lround(255 * (1 - fabs(s) * 0.8));
    if (s >= 0)
        sb_printf(b, "#ff%02x%02x", fade, fade);
    else
        sb_printf(b, "#%02x%02xff", fade, fade);
}

void grid_html(sbuf *b, const grid_result *g)
{
    char meta[600];
    snprintf(meta, sizeof meta, "Scenario %s \xC2\xB7 %s by %s and %s", g->file, g->measure,
             g->y.path, g->x.path);
    html_page_open(b, g->scenario_name, "Section 75 pooled budget \xC2\xB7 two-way table", meta);
    double scale = 0;
    for (size_t k = 0; k < g->x.count * g->y.count; k++)
        if (isfinite(g->cells[k]) && fabs(g->cells[k]) > scale)
            scale = fabs(g->cells[k]);
    sb_puts(b, "<p class=\"lead\">Each cell is the ");
    sb_html(b, g->measure);
    sb_puts(b, g->probability ? " (a probability)" : " (\xC2\xA3)");
    sb_puts(b, " of the run with both values set: rows <code>");
    sb_html(b, g->y.path);
    sb_puts(b, "</code>, columns <code>");
    sb_html(b, g->x.path);
    sb_puts(b, "</code>.</p>\n<div class=\"table-wrap\"><table class=\"years heat\">\n<thead><tr>"
               "<th>y \\ x</th>");
    for (size_t j = 0; j < g->x.count; j++)
        sb_printf(b, "<th>%.6g</th>", g->x.values[j]);
    sb_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < g->y.count; i++) {
        sb_printf(b, "<tr><th scope=\"row\">%.6g</th>", g->y.values[i]);
        for (size_t j = 0; j < g->x.count; j++) {
            sb_puts(b, "<td style=\"background:");
            colour(b, g, at(g, i, j), scale);
            sb_puts(b, "\">");
            if (g->probability)
                sb_printf(b, "%.4f", at(g, i, j));
            else
                html_money(b, at(g, i, j));
            sb_puts(b, "</td>");
        }
        sb_puts(b, "</tr>\n");
    }
    sb_puts(b, "</tbody>\n</table></div>\n<p class=\"note\">");
    sb_puts(b, g->probability ? "White is no chance of an overspend, red a certain one."
                              : "Red is an overspend, blue an underspend; the deeper the colour, "
                                "the nearer the table's largest amount.");
    sb_puts(b, "</p>\n");
    html_page_close(b);
}

/* The library's own small chart writer: inline SVG for the HTML report.
 *
 * Why our own: a board paper must open the same on an air-gapped council
 * laptop years from now, so the report fetches nothing (no chart library, no
 * fonts) and its charts are plain SVG text written here.
 *
 * What it draws
 *   svg_chart_xy()  categories along x (usually years) against a value axis:
 *                   any mix of
 *                     SVG_BAR   bars, grouped side by side, or stacked when
 *                               chart.stacked is set (positives up from 0,
 *                               negatives down from 0);
 *                     SVG_LINE  a line through each category's centre, with
 *                               a dot at each point (solid or dashed);
 *                     SVG_BAND  a shaded band between lo[] and hi[] (the
 *                               p5-p95 fan of a simulation), drawn beneath
 *                               bars and lines at 0.3 opacity. For a fan
 *                               give nested bands one colour, widest first
 *                               (p5-p95, then p25-p75): overlaps darken and
 *                               each band's legend swatch shows its shade.
 *   svg_tornado()   horizontal bars, one row per input, from a base value to
 *                   the result at the input's low and high end; with base 0
 *                   and lo 0 it is a plain horizontal bar chart.
 *
 * Contract
 *   - Output is one <svg role="img" aria-label="TITLE" class="chart"> element
 *     holding <title> and <desc>, so screen readers announce the title and
 *     description, not hundreds of shapes. Put a table of the same figures
 *     next to every chart: the table is the record, the chart the picture.
 *   - Every string given (title, desc, labels, names) is escaped here; pass
 *     raw text.
 *   - Deterministic: the same input gives the same bytes. Coordinates are
 *     printed with one decimal (%.1f, -0.0 printed as 0.0), so no floating
 *     noise reaches the file.
 *   - Axis ticks are "nice" (1, 2, 2.5 or 5 times a power of ten); money
 *     ticks print as "£1,250,000" with thousands separators.
 *   - Non-finite values are left out (a bar is not drawn; a line breaks).
 *   - Nothing is allocated; a writing failure is the sbuf's (b->oom).
 *   - The SVG scales to the width of its container (CSS: width 100%); the
 *     viewBox is width x height units, the font 12 units.
 *
 * Example: a fan of simulated cost around the plan
 *     svg_series fan[] = {
 *         { .name = "p5 to p95", .kind = SVG_BAND, .lo = p5, .hi = p95, .colour = 0 },
 *         { .name = "Median", .kind = SVG_LINE, .v = p50, .colour = 0 },
 *         { .name = "Plan", .kind = SVG_LINE, .v = plan, .colour = 5, .dashed = 1 },
 *     };
 *     svg_chart c = { .title = "Cost: plan and simulated range", .desc = "...",
 *                     .n_x = years, .x_labels = labels, .unit = SVG_MONEY, .tight = 1 };
 *     svg_chart_xy(b, &c, fan, 3);
 *
 * Example: a tornado of the gap in the last year, sorted by swing
 *     svg_hbar rows[] = { { "Pay award", gap_at_low_award, gap_at_high_award }, ... };
 *     svg_tornado(b, &c, rows, n, gap_central, "Input at its low end", "Input at its high end");
 *
 * Example: cost against contributions, with the gap as a line
 *     const char *years[] = { "2025/26", "2026/27", "2027/28" };
 *     svg_series s[] = {
 *         { .name = "Cost", .kind = SVG_BAR, .v = cost, .colour = 0 },
 *         { .name = "Contributions", .kind = SVG_BAR, .v = contrib, .colour = 4 },
 *         { .name = "Gap", .kind = SVG_LINE, .v = gap, .colour = 5 },
 *     };
 *     svg_chart c = { .title = "Cost against contributions",
 *                     .desc = "Bars of cost and contributions by year; the gap as a line.",
 *                     .n_x = 3, .x_labels = years, .unit = SVG_MONEY };
 *     svg_chart_xy(b, &c, s, 3);
 */
#ifndef S75_SVG_H
#define S75_SVG_H

#include <stddef.h>

#include "sbuf.h"

/* How values on the value axis are printed. */
typedef enum svg_unit {
    SVG_MONEY = 0,   /* "£1,250,000" (whole pounds unless the axis spans under £1) */
    SVG_NUMBER = 1,  /* "1,250" or "12.5": as many decimals as the tick step needs */
    SVG_PERCENT = 2  /* values are shares: 0.25 -> "25%" */
} svg_unit;

typedef enum svg_kind {
    SVG_BAR = 0,
    SVG_LINE = 1,
    SVG_BAND = 2
} svg_kind;

/* Palette: colour-blind safe (Okabe-Ito hues, with NHS blue first) and
 * distinct in greyscale print order. colour indexes it modulo its size. */
#define SVG_PALETTE_SIZE 8
/* The colour of palette index i, as "#rrggbb" (for legends in HTML). */
const char *svg_colour(int i);

typedef struct svg_series {
    const char *name;      /* legend text; NULL or "" leaves the series out of the legend */
    svg_kind kind;
    const double *v;       /* BAR, LINE: n_x values */
    const double *lo, *hi; /* BAND: n_x values each */
    int colour;            /* palette index */
    int dashed;            /* LINE: dashed stroke (a plan, a median) */
} svg_series;

typedef struct svg_chart {
    const char *title;     /* required: <title> and aria-label */
    const char *desc;      /* <desc>: a sentence saying what the chart shows and its
                              main message; NULL for none */
    int width, height;     /* viewBox; 0 for the defaults (720 x 320; a tornado's
                              height follows its rows) */
    size_t n_x;            /* categories (xy charts) */
    const char *const *x_labels; /* n_x labels; thinned out when they would collide */
    svg_unit unit;
    int stacked;           /* BAR series stack rather than stand side by side */
    int tight;             /* the value axis may leave out 0 (for lines and bands,
                              e.g. a fan of cost around £30m); ignored when bars are drawn */
    const char *axis_label;/* optional caption of the value axis, e.g. "WTE" */
} svg_chart;

/* Categories along x against a value axis (see the top of this file). */
void svg_chart_xy(sbuf *b, const svg_chart *c, const svg_series *s, size_t n_series);

/* One row of a tornado: the result when the input is at its low and at its
 * high end. */
typedef struct svg_hbar {
    const char *label;
    double lo, hi;
} svg_hbar;

/* Horizontal bars from `base`, one row per entry in the order given (sort by
 * swing, largest first, for a tornado). The low end is drawn in palette
 * colour 1, the high end in colour 0; lo_name and hi_name label them in the
 * legend (either may be NULL to leave it out). The value axis runs along the
 * bottom; c->n_x, x_labels, stacked and tight are ignored. */
void svg_tornado(sbuf *b, const svg_chart *c, const svg_hbar *bars, size_t n, double base,
                 const char *lo_name, const char *hi_name);

/* ---- pieces the report layer shares ---- */

/* Nice tick step for about `target` intervals over [lo, hi] (lo < hi):
 * 1, 2, 2.5 or 5 times a power of ten. */
double svg_nice_step(double lo, double hi, int target);

/* A value as the axis prints it in `unit` with `decimals` decimals
 * (thousands separators; "£" for money; "%" for shares). */
void svg_value(sbuf *b, double v, svg_unit unit, int decimals);

#endif

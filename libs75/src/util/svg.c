/* Inline SVG charts for the HTML report (see svg.h for the contract). */
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Geometry in viewBox units. Text widths are estimated, not measured (there
 * is no font at hand): 0.58 em per character covers digits and average
 * letters in the sans-serif faces the stylesheet asks for. */
#define FONT 12.0
#define CHAR_W (0.58 * FONT)
#define LEGEND_ROW 20.0
#define SWATCH 12.0
#define PAD 10.0
#define X_LABEL_SPACE 26.0
#define TICK_TARGET 5
#define TORNADO_ROW 28.0
#define TORNADO_BAR 18.0
#define MAX_LABEL_CHARS 48

static const char *const palette[SVG_PALETTE_SIZE] = {
    "#005eb8", /* NHS blue */
    "#e69f00", /* orange */
    "#009e73", /* bluish green */
    "#cc79a7", /* reddish purple */
    "#56b4e9", /* sky blue */
    "#d55e00", /* vermilion */
    "#6b4c9a", /* violet */
    "#768692", /* NHS mid grey */
};

const char *svg_colour(int i)
{
    int n = SVG_PALETTE_SIZE;
    return palette[((i % n) + n) % n];
}

/* A coordinate, one decimal, never "-0.0". */
static void num(sbuf *b, double v)
{
    if (!isfinite(v) || fabs(v) < 0.05)
        v = 0.0;
    sb_printf(b, "%.1f", v);
}

/* Characters, not bytes, in UTF-8 text (for width estimates). */
static size_t text_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

/* Escaped text cut to at most max characters, with an ellipsis when cut. */
static void text_clipped(sbuf *b, const char *s, size_t max)
{
    if (text_chars(s) <= max) {
        sb_html(b, s);
        return;
    }
    char cut[4 * MAX_LABEL_CHARS + 4];
    size_t chars = 0, i = 0;
    for (; s[i] && i < sizeof cut - 4; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars + 1 >= max)
                break;
            chars++;
        }
        cut[i] = s[i];
    }
    cut[i] = '\0';
    sb_html(b, cut);
    sb_puts(b, "\xE2\x80\xA6"); /* … */
}

double svg_nice_step(double lo, double hi, int target)
{
    double span = hi - lo;
    if (!(span > 0) || !isfinite(span))
        return 1.0;
    if (target < 1)
        target = 1;
    double rough = span / target;
    double mag = pow(10.0, floor(log10(rough)));
    double r = rough / mag;
    double m = r <= 1.0 ? 1.0 : r <= 2.0 ? 2.0 : r <= 2.5 ? 2.5 : r <= 5.0 ? 5.0 : 10.0;
    return m * mag;
}

/* Decimals a tick step needs to print exactly (0.25 -> 2, 5 -> 0). */
static int step_decimals(double step)
{
    for (int d = 0; d < 6; d++) {
        double x = step * pow(10.0, d);
        if (fabs(x - floor(x + 0.5)) < 1e-6 * (x > 1 ? x : 1))
            return d;
    }
    return 6;
}

/* The text of a value as the axis prints it, into out (cap >= 64). */
static void value_text(char *out, size_t cap, double v, svg_unit unit, int decimals)
{
    if (!isfinite(v)) {
        snprintf(out, cap, "-");
        return;
    }
    if (unit == SVG_PERCENT)
        v *= 100.0;
    /* Half away from zero, as the tables round (printf would round an
     * exact half to even). */
    double scale = pow(10.0, decimals < 0 ? 0 : decimals);
    double r = floor(fabs(v) * scale + 0.5) / scale;
    char digits[48];
    snprintf(digits, sizeof digits, "%.*f", decimals < 0 ? 0 : decimals, r);
    int nonzero = strspn(digits, "0.") != strlen(digits);
    size_t k = 0;
    if (v < 0 && nonzero)
        out[k++] = '-';
    if (unit == SVG_MONEY) {
        out[k++] = '\xC2'; /* £ */
        out[k++] = '\xA3';
    }
    size_t int_len = strcspn(digits, ".");
    for (size_t i = 0; i < int_len && k + 2 < cap; i++) {
        out[k++] = digits[i];
        if ((int_len - i - 1) % 3 == 0 && i + 1 < int_len)
            out[k++] = ',';
    }
    snprintf(out + k, cap - k, "%s%s", digits + int_len, unit == SVG_PERCENT ? "%" : "");
}

void svg_value(sbuf *b, double v, svg_unit unit, int decimals)
{
    char text[96];
    value_text(text, sizeof text, v, unit, decimals);
    sb_puts(b, text);
}

/* The value axis: ticks k*step for k in [k_lo, k_hi]. */
typedef struct axis {
    double lo, hi, step;
    long k_lo, k_hi;
    int decimals;
    svg_unit unit;
    double p0, p1;      /* pixel positions of lo and hi */
} axis;

static void axis_fit(axis *a, double lo, double hi, svg_unit unit)
{
    if (!(lo <= hi)) {
        lo = 0.0;
        hi = 1.0;
    }
    if (lo == hi) {
        double pad = fabs(lo) > 0 ? fabs(lo) * 0.1 : 1.0;
        lo -= lo > 0 ? pad : 0;
        hi += lo <= 0 || hi > 0 ? pad : 0;
    }
    a->unit = unit;
    a->step = svg_nice_step(lo, hi, TICK_TARGET);
    if (unit == SVG_MONEY && a->step < 1.0 && hi - lo >= 1.0)
        a->step = 1.0;
    a->k_lo = (long)floor(lo / a->step + 1e-9);
    a->k_hi = (long)ceil(hi / a->step - 1e-9);
    if (a->k_hi <= a->k_lo)
        a->k_hi = a->k_lo + 1;
    a->lo = (double)a->k_lo * a->step;
    a->hi = (double)a->k_hi * a->step;
    a->decimals = step_decimals(unit == SVG_PERCENT ? a->step * 100.0 : a->step);
}

static double axis_pos(const axis *a, double v)
{
    return a->p0 + (v - a->lo) / (a->hi - a->lo) * (a->p1 - a->p0);
}

static size_t tick_label_chars(const axis *a)
{
    size_t widest = 0;
    for (long k = a->k_lo; k <= a->k_hi; k++) {
        char text[96];
        value_text(text, sizeof text, (double)k * a->step, a->unit, a->decimals);
        size_t n = text_chars(text);
        if (n > widest)
            widest = n;
    }
    return widest;
}

/* ---- legend ---- */

/* A band is drawn at 0.3 opacity; bands of one colour nested in each other
 * (a fan) darken where they overlap, so the k-th band's swatch shows the
 * shade its own area has: 1 - 0.7^k. */
#define BAND_OPACITY 0.3
static double band_opacity(int depth)
{
    return 1.0 - pow(1.0 - BAND_OPACITY, depth < 1 ? 1 : depth);
}

typedef struct legend_item {
    const char *name;
    int colour;
    int shape;          /* 0 box, 1 line, 2 dashed line, 3 faint box (band) */
    int depth;          /* band: bands of its colour up to it (a fan's inner bands are darker) */
} legend_item;

static double legend_item_width(const legend_item *it)
{
    return SWATCH + 6 + (double)text_chars(it->name) * CHAR_W + 18;
}

/* Rows the legend needs at this width. */
static int legend_rows(const legend_item *items, size_t n, double width)
{
    if (n == 0)
        return 0;
    int rows = 1;
    double x = 0;
    for (size_t i = 0; i < n; i++) {
        double w = legend_item_width(&items[i]);
        if (x > 0 && x + w > width) {
            rows++;
            x = 0;
        }
        x += w;
    }
    return rows;
}

static void legend_draw(sbuf *b, const legend_item *items, size_t n, double x0, double width)
{
    double x = 0, y = PAD;
    for (size_t i = 0; i < n; i++) {
        const legend_item *it = &items[i];
        double w = legend_item_width(it);
        if (x > 0 && x + w > width) {
            x = 0;
            y += LEGEND_ROW;
        }
        double sx = x0 + x, cy = y + SWATCH / 2;
        const char *col = svg_colour(it->colour);
        if (it->shape == 1 || it->shape == 2) {
            sb_puts(b, "<line x1=\"");
            num(b, sx);
            sb_puts(b, "\" y1=\"");
            num(b, cy);
            sb_puts(b, "\" x2=\"");
            num(b, sx + SWATCH + 4);
            sb_puts(b, "\" y2=\"");
            num(b, cy);
            sb_printf(b, "\" stroke=\"%s\" stroke-width=\"3\"%s/>", col,
                      it->shape == 2 ? " stroke-dasharray=\"4 3\"" : "");
        } else {
            sb_puts(b, "<rect x=\"");
            num(b, sx);
            sb_puts(b, "\" y=\"");
            num(b, y);
            sb_printf(b, "\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"", SWATCH, SWATCH, col);
            if (it->shape == 3)
                sb_printf(b, " fill-opacity=\"%.1f\"", band_opacity(it->depth));
            sb_puts(b, "/>");
        }
        sb_puts(b, "<text x=\"");
        num(b, sx + SWATCH + 6 + (it->shape == 1 || it->shape == 2 ? 4 : 0));
        sb_puts(b, "\" y=\"");
        num(b, cy);
        sb_puts(b, "\" dy=\"0.3em\">");
        sb_html(b, it->name);
        sb_puts(b, "</text>");
        x += w;
    }
    sb_putc(b, '\n');
}

/* ---- frame ---- */

static void svg_open(sbuf *b, const svg_chart *c, double w, double h)
{
    const char *title = c->title ? c->title : "Chart";
    sb_printf(b, "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", w, h);
    sb_html(b, title);
    sb_printf(b, "\" font-size=\"%.0f\" fill=\"#1d2733\">\n<title>", FONT);
    sb_html(b, title);
    sb_puts(b, "</title>\n");
    if (c->desc && *c->desc) {
        sb_puts(b, "<desc>");
        sb_html(b, c->desc);
        sb_puts(b, "</desc>\n");
    }
}

static void value_title(sbuf *b, const char *series, const char *label, double v, svg_unit unit)
{
    sb_puts(b, "<title>");
    if (series && *series) {
        sb_html(b, series);
        sb_puts(b, ", ");
    }
    if (label && *label) {
        sb_html(b, label);
        sb_puts(b, ": ");
    }
    svg_value(b, v, unit, unit == SVG_MONEY ? 0 : unit == SVG_PERCENT ? 1 : 2);
    sb_puts(b, "</title>");
}

/* An open <rect ...>: the caller adds a <title> and closes it. */
static void rect(sbuf *b, double x, double y, double w, double h, int colour)
{
    sb_puts(b, "<rect x=\"");
    num(b, x);
    sb_puts(b, "\" y=\"");
    num(b, y);
    sb_puts(b, "\" width=\"");
    num(b, w);
    sb_puts(b, "\" height=\"");
    num(b, h);
    sb_printf(b, "\" fill=\"%s\">", svg_colour(colour));
}

static void hline(sbuf *b, double x0, double x1, double y, const char *stroke, double width)
{
    sb_puts(b, "<line x1=\"");
    num(b, x0);
    sb_puts(b, "\" y1=\"");
    num(b, y);
    sb_puts(b, "\" x2=\"");
    num(b, x1);
    sb_puts(b, "\" y2=\"");
    num(b, y);
    sb_printf(b, "\" stroke=\"%s\" stroke-width=\"%.1f\"/>", stroke, width);
}

static void vline(sbuf *b, double x, double y0, double y1, const char *stroke, double width)
{
    sb_puts(b, "<line x1=\"");
    num(b, x);
    sb_puts(b, "\" y1=\"");
    num(b, y0);
    sb_puts(b, "\" x2=\"");
    num(b, x);
    sb_puts(b, "\" y2=\"");
    num(b, y1);
    sb_printf(b, "\" stroke=\"%s\" stroke-width=\"%.1f\"/>", stroke, width);
}

static void text_at(sbuf *b, double x, double y, const char *anchor, const char *extra)
{
    sb_puts(b, "<text x=\"");
    num(b, x);
    sb_puts(b, "\" y=\"");
    num(b, y);
    sb_printf(b, "\" text-anchor=\"%s\"%s>", anchor, extra ? extra : "");
}

/* ---- categories against values ---- */

static void data_range(const svg_chart *c, const svg_series *s, size_t ns, double *lo, double *hi,
                       int *has_bars)
{
    double mn = INFINITY, mx = -INFINITY;
    *has_bars = 0;
    for (size_t k = 0; k < ns; k++)
        if (s[k].kind == SVG_BAR)
            *has_bars = 1;
    for (size_t i = 0; i < c->n_x; i++) {
        double pos = 0, neg = 0;
        for (size_t k = 0; k < ns; k++) {
            const svg_series *q = &s[k];
            if (q->kind == SVG_BAND) {
                if (q->lo && isfinite(q->lo[i]))
                    mn = fmin(mn, q->lo[i]), mx = fmax(mx, q->lo[i]);
                if (q->hi && isfinite(q->hi[i]))
                    mn = fmin(mn, q->hi[i]), mx = fmax(mx, q->hi[i]);
                continue;
            }
            if (!q->v || !isfinite(q->v[i]))
                continue;
            double v = q->v[i];
            if (q->kind == SVG_BAR && c->stacked) {
                if (v >= 0)
                    pos += v;
                else
                    neg += v;
                mx = fmax(mx, pos), mn = fmin(mn, neg);
            } else {
                mn = fmin(mn, v), mx = fmax(mx, v);
            }
        }
    }
    if (!(mn <= mx)) {
        mn = 0;
        mx = 0;
    }
    if (*has_bars || !c->tight) {
        mn = fmin(mn, 0.0);
        mx = fmax(mx, 0.0);
    }
    *lo = mn;
    *hi = mx;
}

static void legend_of_series(const svg_series *s, size_t ns, legend_item *items, size_t *n)
{
    *n = 0;
    for (size_t k = 0; k < ns; k++) {
        if (!s[k].name || !*s[k].name)
            continue;
        legend_item *it = &items[(*n)++];
        it->name = s[k].name;
        it->colour = s[k].colour;
        it->shape = s[k].kind == SVG_BAR ? 0 : s[k].kind == SVG_BAND ? 3 : s[k].dashed ? 2 : 1;
        it->depth = 0;
        for (size_t j = 0; j <= k && s[k].kind == SVG_BAND; j++)
            it->depth += s[j].kind == SVG_BAND && s[j].colour == s[k].colour;
    }
}

static void y_axis(sbuf *b, const axis *a, double x0, double x1)
{
    for (long k = a->k_lo; k <= a->k_hi; k++) {
        double v = (double)k * a->step, y = axis_pos(a, v);
        hline(b, x0, x1, y, k == 0 ? "#4a5562" : "#e1e5ea", k == 0 ? 1.2 : 1.0);
        text_at(b, x0 - 6, y, "end", " dy=\"0.3em\" fill=\"#4a5562\"");
        svg_value(b, v, a->unit, a->decimals);
        sb_puts(b, "</text>");
    }
    sb_putc(b, '\n');
}

static void draw_bands(sbuf *b, const svg_chart *c, const svg_series *s, size_t ns, const axis *a,
                       double x0, double cw)
{
    for (size_t k = 0; k < ns; k++) {
        const svg_series *q = &s[k];
        if (q->kind != SVG_BAND || !q->lo || !q->hi)
            continue;
        /* One polygon per run of finite points: along hi, back along lo. */
        size_t i = 0;
        while (i < c->n_x) {
            while (i < c->n_x && !(isfinite(q->lo[i]) && isfinite(q->hi[i])))
                i++;
            size_t j = i;
            while (j < c->n_x && isfinite(q->lo[j]) && isfinite(q->hi[j]))
                j++;
            if (j > i) {
                sb_puts(b, "<path d=\"");
                for (size_t t = i; t < j; t++) {
                    sb_putc(b, t == i ? 'M' : 'L');
                    num(b, x0 + cw * ((double)t + 0.5));
                    sb_putc(b, ' ');
                    num(b, axis_pos(a, q->hi[t]));
                }
                for (size_t t = j; t-- > i;) {
                    sb_putc(b, 'L');
                    num(b, x0 + cw * ((double)t + 0.5));
                    sb_putc(b, ' ');
                    num(b, axis_pos(a, q->lo[t]));
                }
                sb_printf(b, "Z\" fill=\"%s\" fill-opacity=\"%.1f\" stroke=\"none\"/>\n",
                          svg_colour(q->colour), BAND_OPACITY);
            }
            i = j;
        }
    }
}

static void draw_bars(sbuf *b, const svg_chart *c, const svg_series *s, size_t ns, const axis *a,
                      double x0, double cw)
{
    size_t n_bars = 0;
    for (size_t k = 0; k < ns; k++)
        if (s[k].kind == SVG_BAR && s[k].v)
            n_bars++;
    if (n_bars == 0)
        return;
    double group = cw * (c->stacked || n_bars == 1 ? 0.56 : 0.74);
    double bw = c->stacked ? group : group / (double)n_bars;
    double gap = c->stacked || n_bars == 1 ? 0.0 : fmin(2.0, bw * 0.1);
    double y0 = axis_pos(a, 0.0);
    for (size_t i = 0; i < c->n_x; i++) {
        double left = x0 + cw * ((double)i + 0.5) - group / 2;
        double pos = 0, neg = 0;
        size_t slot = 0;
        for (size_t k = 0; k < ns; k++) {
            const svg_series *q = &s[k];
            if (q->kind != SVG_BAR || !q->v)
                continue;
            double v = q->v[i];
            size_t my_slot = slot++;
            if (!isfinite(v))
                continue;
            double from = 0, to = v;
            if (c->stacked) {
                from = v >= 0 ? pos : neg;
                to = from + v;
                if (v >= 0)
                    pos = to;
                else
                    neg = to;
            }
            double ya = c->stacked ? axis_pos(a, from) : y0, yb = axis_pos(a, to);
            double x = c->stacked ? left : left + bw * (double)my_slot + gap / 2;
            rect(b, x, fmin(ya, yb), bw - gap, fabs(yb - ya), q->colour);
            value_title(b, q->name, c->x_labels ? c->x_labels[i] : NULL, v, c->unit);
            sb_puts(b, "</rect>");
        }
        sb_putc(b, '\n');
    }
}

static void draw_lines(sbuf *b, const svg_chart *c, const svg_series *s, size_t ns, const axis *a,
                       double x0, double cw)
{
    for (size_t k = 0; k < ns; k++) {
        const svg_series *q = &s[k];
        if (q->kind != SVG_LINE || !q->v)
            continue;
        const char *col = svg_colour(q->colour);
        sb_puts(b, "<path d=\"");
        int pen_down = 0;
        for (size_t i = 0; i < c->n_x; i++) {
            if (!isfinite(q->v[i])) {
                pen_down = 0;
                continue;
            }
            sb_putc(b, pen_down ? 'L' : 'M');
            num(b, x0 + cw * ((double)i + 0.5));
            sb_putc(b, ' ');
            num(b, axis_pos(a, q->v[i]));
            pen_down = 1;
        }
        sb_printf(b, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" stroke-linejoin=\"round\"%s/>",
                  col, q->dashed ? " stroke-dasharray=\"7 4\"" : "");
        for (size_t i = 0; i < c->n_x; i++) {
            if (!isfinite(q->v[i]))
                continue;
            sb_puts(b, "<circle cx=\"");
            num(b, x0 + cw * ((double)i + 0.5));
            sb_puts(b, "\" cy=\"");
            num(b, axis_pos(a, q->v[i]));
            sb_printf(b, "\" r=\"3.5\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1\">", col);
            value_title(b, q->name, c->x_labels ? c->x_labels[i] : NULL, q->v[i], c->unit);
            sb_puts(b, "</circle>");
        }
        sb_putc(b, '\n');
    }
}

static void x_labels(sbuf *b, const svg_chart *c, double x0, double cw, double y)
{
    if (!c->x_labels)
        return;
    size_t widest = 1;
    for (size_t i = 0; i < c->n_x; i++)
        if (c->x_labels[i] && text_chars(c->x_labels[i]) > widest)
            widest = text_chars(c->x_labels[i]);
    /* Label every k-th category when the labels would run into each other. */
    size_t every = (size_t)ceil(((double)widest * CHAR_W + 8) / cw);
    if (every < 1)
        every = 1;
    for (size_t i = 0; i < c->n_x; i += every) {
        if (!c->x_labels[i])
            continue;
        text_at(b, x0 + cw * ((double)i + 0.5), y, "middle", " fill=\"#4a5562\"");
        text_clipped(b, c->x_labels[i], MAX_LABEL_CHARS);
        sb_puts(b, "</text>");
    }
    sb_putc(b, '\n');
}

void svg_chart_xy(sbuf *b, const svg_chart *c, const svg_series *s, size_t ns)
{
    double W = c->width > 0 ? c->width : 720, H = c->height > 0 ? c->height : 320;
    legend_item items[64];
    size_t n_items;
    legend_of_series(s, ns < 64 ? ns : 64, items, &n_items);

    double lo, hi;
    int has_bars;
    data_range(c, s, ns, &lo, &hi, &has_bars);
    axis a;
    axis_fit(&a, lo, hi, c->unit);

    double left = PAD + (double)tick_label_chars(&a) * CHAR_W + 8 + (c->axis_label ? FONT + 6 : 0);
    double right = W - PAD;
    int rows = legend_rows(items, n_items, right - left);
    double top = PAD + rows * LEGEND_ROW + (rows ? 6 : FONT / 2);
    double bottom = H - X_LABEL_SPACE;
    a.p0 = bottom;
    a.p1 = top;
    double cw = c->n_x ? (right - left) / (double)c->n_x : (right - left);

    svg_open(b, c, W, H);
    legend_draw(b, items, n_items, left, right - left);
    y_axis(b, &a, left, right);
    if (c->axis_label) {
        double mid = (top + bottom) / 2;
        sb_puts(b, "<text transform=\"translate(");
        num(b, PAD + FONT / 2);
        sb_putc(b, ' ');
        num(b, mid);
        sb_puts(b, ") rotate(-90)\" text-anchor=\"middle\" fill=\"#4a5562\">");
        sb_html(b, c->axis_label);
        sb_puts(b, "</text>\n");
    }
    draw_bands(b, c, s, ns, &a, left, cw);
    draw_bars(b, c, s, ns, &a, left, cw);
    /* The zero line goes over the bars so their base stays crisp. */
    if (a.lo < 0 && a.hi > 0)
        hline(b, left, right, axis_pos(&a, 0.0), "#4a5562", 1.2);
    draw_lines(b, c, s, ns, &a, left, cw);
    x_labels(b, c, left, cw, bottom + 18);
    sb_puts(b, "</svg>\n");
}

/* ---- tornado ---- */

void svg_tornado(sbuf *b, const svg_chart *c, const svg_hbar *bars, size_t n, double base,
                 const char *lo_name, const char *hi_name)
{
    legend_item items[2];
    size_t n_items = 0;
    if (hi_name && *hi_name)
        items[n_items++] = (legend_item){ hi_name, 0, 0, 0 };
    if (lo_name && *lo_name)
        items[n_items++] = (legend_item){ lo_name, 1, 0, 0 };

    double W = c->width > 0 ? c->width : 720;
    size_t widest = 0;
    for (size_t i = 0; i < n; i++)
        if (bars[i].label && text_chars(bars[i].label) > widest)
            widest = text_chars(bars[i].label);
    if (widest > MAX_LABEL_CHARS)
        widest = MAX_LABEL_CHARS;
    double label_w = fmin(W * 0.4, (double)widest * CHAR_W + 2 * PAD);
    size_t label_chars = (size_t)((label_w - 2 * PAD) / CHAR_W);

    double mn = base, mx = base;
    for (size_t i = 0; i < n; i++) {
        if (isfinite(bars[i].lo))
            mn = fmin(mn, bars[i].lo), mx = fmax(mx, bars[i].lo);
        if (isfinite(bars[i].hi))
            mn = fmin(mn, bars[i].hi), mx = fmax(mx, bars[i].hi);
    }
    axis a;
    axis_fit(&a, mn, mx, c->unit);
    /* The outermost tick labels are centred on the plot's ends. */
    double half_tick = (double)tick_label_chars(&a) * CHAR_W / 2;
    double left = label_w + fmax(PAD, half_tick), right = W - fmax(PAD, half_tick);
    int rows = legend_rows(items, n_items, right - left);
    double top = PAD + rows * LEGEND_ROW + (rows ? 6 : 0);
    double H = c->height > 0 ? c->height : top + (double)n * TORNADO_ROW + X_LABEL_SPACE + PAD;
    double bottom = H - X_LABEL_SPACE;
    double row_h = n ? (bottom - top) / (double)n : TORNADO_ROW;
    a.p0 = left;
    a.p1 = right;

    svg_open(b, c, W, H);
    legend_draw(b, items, n_items, left, right - left);
    for (long k = a.k_lo; k <= a.k_hi; k++) {
        double v = (double)k * a.step, x = axis_pos(&a, v);
        vline(b, x, top, bottom, "#e1e5ea", 1.0);
        text_at(b, x, bottom + 18, "middle", " fill=\"#4a5562\"");
        svg_value(b, v, a.unit, a.decimals);
        sb_puts(b, "</text>");
    }
    sb_putc(b, '\n');
    double xb = axis_pos(&a, base);
    for (size_t i = 0; i < n; i++) {
        const svg_hbar *r = &bars[i];
        double yc = top + row_h * ((double)i + 0.5), bh = fmin(TORNADO_BAR, row_h * 0.7);
        text_at(b, label_w - PAD, yc, "end", " dy=\"0.3em\"");
        text_clipped(b, r->label ? r->label : "", label_chars);
        sb_puts(b, "</text>");
        /* The end farther from the base first, so a nearer one on the same
         * side stays visible on top of it. */
        double ends[2] = { r->lo, r->hi };
        int colours[2] = { 1, 0 };
        int first = fabs(r->lo - base) >= fabs(r->hi - base) ? 0 : 1;
        for (int e = 0; e < 2; e++) {
            int j = e == 0 ? first : 1 - first;
            if (!isfinite(ends[j]))
                continue;
            double xe = axis_pos(&a, ends[j]);
            rect(b, fmin(xb, xe), yc - bh / 2, fabs(xe - xb), bh, colours[j]);
            sb_puts(b, "<title>");
            sb_html(b, r->label ? r->label : "");
            sb_puts(b, ": ");
            if (j == 0 && lo_name) {
                sb_html(b, lo_name);
                sb_puts(b, " ");
            } else if (j == 1 && hi_name) {
                sb_html(b, hi_name);
                sb_puts(b, " ");
            }
            svg_value(b, ends[j], a.unit, a.unit == SVG_MONEY ? 0 : a.decimals + 1);
            sb_puts(b, "</title></rect>");
        }
        sb_putc(b, '\n');
    }
    vline(b, xb, top - 4, bottom, "#1d2733", 1.5);
    sb_puts(b, "</svg>\n");
}

/* Money, per cents, tables and words for the HTML board paper: the pieces
 * every section writer shares (declared in report_html.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "report_html.h"
#include "svg.h"

static void digits_grouped(sbuf *b, const char *digits)
{
    size_t int_len = strcspn(digits, ".");
    for (size_t i = 0; i < int_len; i++) {
        sb_putc(b, digits[i]);
        if ((int_len - i - 1) % 3 == 0 && i + 1 < int_len)
            sb_putc(b, ',');
    }
    sb_puts(b, digits + int_len);
}

void html_money(sbuf *b, double v)
{
    if (!isfinite(v)) {
        sb_puts(b, "-");
        return;
    }
    /* The rounding of sb_money (the text report's), so text, CSV readers and
     * this paper agree on every pound. A negative is in brackets, as UK
     * public-finance papers print it: (£1,234). */
    int negative = v < 0 && floor(-v + 0.5) > 0;
    if (negative)
        sb_putc(b, '(');
    sb_puts(b, "\xC2\xA3");
    sb_money(b, fabs(v));
    if (negative)
        sb_putc(b, ')');
}

void html_pence(sbuf *b, int64_t pence)
{
    uint64_t a = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)(a / 100));
    if (pence < 0)
        sb_putc(b, '(');
    sb_puts(b, "\xC2\xA3");
    digits_grouped(b, digits);
    sb_printf(b, ".%02u", (unsigned)(a % 100));
    if (pence < 0)
        sb_putc(b, ')');
}

/* strip: drop trailing zeros (prose, a single input); otherwise every
 * figure has `decimals` decimals, so a table's column reads alike. */
static void rate_text(sbuf *b, double share, int decimals, int strip)
{
    if (!isfinite(share)) {
        sb_puts(b, "-");
        return;
    }
    char s[64];
    snprintf(s, sizeof s, "%.*f", decimals < 0 ? 0 : decimals, share * 100.0);
    if (strip && strchr(s, '.')) {
        size_t n = strlen(s);
        while (n > 0 && s[n - 1] == '0')
            s[--n] = '\0';
        if (n > 0 && s[n - 1] == '.')
            s[--n] = '\0';
    }
    /* "-0", "-0.0": a negative too small to show is 0 */
    if (s[0] == '-' && strspn(s + 1, "0.") == strlen(s + 1))
        memmove(s, s + 1, strlen(s));
    sb_puts(b, s);
    sb_putc(b, '%');
}

void html_rate(sbuf *b, double share, int decimals)
{
    rate_text(b, share, decimals, 1);
}

void html_rate_cell(sbuf *b, double share, int decimals)
{
    rate_text(b, share, decimals, 0);
}

void html_number(sbuf *b, double v, int decimals)
{
    if (!isfinite(v)) {
        sb_puts(b, "-");
        return;
    }
    char digits[64];
    snprintf(digits, sizeof digits, "%.*f", decimals < 0 ? 0 : decimals, fabs(v));
    if (v < 0 && strspn(digits, "0.") != strlen(digits))
        sb_putc(b, '-');
    digits_grouped(b, digits);
}

html_years html_years_start(int base_year, int years, int with_total)
{
    html_years w = { base_year, years, 0, 0, with_total, 0 };
    /* Windows of even width: 10 years as 5 and 5, not 8 and 2. */
    int tables = (years + HTML_YEARS_PER_TABLE - 1) / HTML_YEARS_PER_TABLE;
    w.width = tables > 0 ? (years + tables - 1) / tables : 1;
    w.t1 = years < w.width ? years : w.width;
    return w;
}

void html_years_next(html_years *w)
{
    w->t0 = w->t1;
    w->t1 = w->t0 + w->width < w->years ? w->t0 + w->width : w->years;
}

int html_years_total(const html_years *w)
{
    return w->with_total && w->t1 == w->years;
}

void html_year_table_open(sbuf *b, const html_years *w, const char *caption,
                          const char *first_column)
{
    char label[8], last[8];
    sb_puts(b, "<div class=\"table-wrap\"><table class=\"years\">");
    if (caption) {
        sb_puts(b, "<caption>");
        sb_html(b, caption);
        if (w->t1 - w->t0 < w->years)
            sb_printf(b, ", %s to %s", fy_label(w->base_year + w->t0, label),
                      fy_label(w->base_year + w->t1 - 1, last));
        sb_puts(b, "</caption>");
    }
    sb_puts(b, "\n<thead><tr><th scope=\"col\">");
    sb_html(b, first_column ? first_column : "");
    sb_puts(b, "</th>");
    for (int t = w->t0; t < w->t1; t++)
        sb_printf(b, "<th scope=\"col\">%s</th>", fy_label(w->base_year + t, label));
    if (html_years_total(w))
        sb_puts(b, w->t0 > 0 ? "<th scope=\"col\">Total, all years</th>"
                             : "<th scope=\"col\">Total</th>");
    sb_puts(b, "</tr></thead>\n<tbody>\n");
}

void html_table_group(sbuf *b, int ruled)
{
    sb_puts(b, ruled ? "</tbody>\n<tbody class=\"group\">\n" : "</tbody>\n<tbody>\n");
}

void html_table_close(sbuf *b)
{
    sb_puts(b, "</tbody></table></div>\n");
}

void html_row_open(sbuf *b, const char *label, int style)
{
    sb_puts(b, style == ROW_TOTAL ? "<tr class=\"total\">" : style == ROW_SUB ? "<tr class=\"sub\">"
                                                                               : "<tr>");
    sb_puts(b, "<th scope=\"row\">");
    sb_html(b, label ? label : "");
    sb_puts(b, "</th>");
}

void html_year_row(sbuf *b, const html_years *w, const char *label, const double *v,
                   size_t stride, int style)
{
    html_row_open(b, label, style);
    for (int t = w->t0; t < w->t1; t++) {
        sb_puts(b, "<td>");
        html_money(b, v[(size_t)t * stride]);
        sb_puts(b, "</td>");
    }
    if (html_years_total(w)) {
        double total = 0;
        for (int t = 0; t < w->years; t++)
            total += v[(size_t)t * stride];
        sb_puts(b, "<td>");
        html_money(b, total);
        sb_puts(b, "</td>");
    }
    sb_puts(b, "</tr>\n");
}

void html_year_row_pence(sbuf *b, const html_years *w, const char *label, const int64_t *pence,
                         size_t stride, int style)
{
    html_row_open(b, label, style);
    for (int t = w->t0; t < w->t1; t++) {
        sb_puts(b, "<td>");
        html_pence(b, pence[(size_t)t * stride]);
        sb_puts(b, "</td>");
    }
    if (html_years_total(w)) {
        int64_t total = 0;
        for (int t = 0; t < w->years; t++)
            total += pence[(size_t)t * stride];
        sb_puts(b, "<td>");
        html_pence(b, total);
        sb_puts(b, "</td>");
    }
    sb_puts(b, "</tr>\n");
}

void html_year_row_number(sbuf *b, const html_years *w, const char *label, const double *v,
                          size_t stride, int decimals, int style)
{
    html_row_open(b, label, style);
    for (int t = w->t0; t < w->t1; t++) {
        sb_puts(b, "<td>");
        html_number(b, v[(size_t)t * stride], decimals);
        sb_puts(b, "</td>");
    }
    if (html_years_total(w))
        sb_puts(b, "<td></td>");
    sb_puts(b, "</tr>\n");
}

void html_figure_open(sbuf *b)
{
    sb_puts(b, "<figure>\n");
}

void html_figure_close(sbuf *b, const char *caption)
{
    if (caption && *caption) {
        sb_puts(b, "<figcaption>");
        sb_html(b, caption);
        sb_puts(b, "</figcaption>\n");
    }
    sb_puts(b, "</figure>\n");
}

void html_partner_bars(sbuf *b, const int64_t *pence, size_t n_partners, int n_years,
                       const char *(*name)(const void *ctx, size_t k), const void *ctx,
                       const svg_chart *c, const char *caption)
{
    size_t n = (size_t)n_years, np = n_partners;
    if (np == 0)
        return;
    size_t shown = np <= HTML_CHART_PARTNERS + 1 ? np : HTML_CHART_PARTNERS;
    double *v = calloc((shown + 1) * n, sizeof *v);
    svg_series *s = calloc(shown + 1, sizeof *s);
    if (!v || !s) {
        free(v), free(s);
        b->oom = 1;
        return;
    }
    for (size_t k = 0; k < np; k++) {
        size_t j = k < shown ? k : shown;
        for (size_t t = 0; t < n; t++)
            v[j * n + t] += (double)pence[k * n + t] / 100.0;
    }
    size_t ns = shown + (np > shown ? 1 : 0);
    for (size_t j = 0; j < ns; j++)
        s[j] = (svg_series){ .name = j < shown ? name(ctx, j) : "Other partners",
                             .kind = SVG_BAR, .v = v + j * n, .colour = (int)j };
    svg_chart chart = *c;
    chart.unit = SVG_MONEY;
    html_figure_open(b);
    svg_chart_xy(b, &chart, s, ns);
    html_figure_close(b, caption);
    free(v), free(s);
}

/* ---- words ---- */

const char *html_partner_name(const partner *p)
{
    return p->name && *p->name ? p->name : p->id;
}

void html_series_words(sbuf *b, const double *v, int first_t, int years, int base_year,
                       int kind)
{
    char label[8];
    int changes = 0;
    for (int t = first_t + 1; t < years; t++)
        changes |= v[t] != v[t - 1];
    for (int t = first_t; t < years; t++) {
        if (t > first_t && v[t] == v[t - 1])
            continue;
        if (t > first_t)
            sb_puts(b, "; ");
        if (kind == 0)
            html_rate(b, v[t], 4);
        else if (kind == 1)
            html_money(b, v[t]);
        else
            html_number(b, v[t], v[t] == floor(v[t]) ? 0 : 2);
        if (changes)
            sb_printf(b, " from %s", fy_label(base_year + t, label));
    }
}

void html_rule_words(sbuf *b, const scenario *sc, const rs_rule *r)
{
    switch (r->kind) {
    case RS_FIXED:
        sb_puts(b, "in fixed shares: ");
        for (size_t i = 0, k = 0; i < sc->n_partners && r->shares; i++) {
            if (r->shares[i] == 0)
                continue;
            sb_puts(b, k++ ? ", " : "");
            sb_html(b, html_partner_name(&sc->partners[i]));
            sb_puts(b, " ");
            html_rate(b, r->shares[i], 4);
        }
        break;
    case RS_TIERED: {
        sb_puts(b, "in tiers: ");
        double from = 0;
        for (size_t k = 0; k < r->n_tiers; k++) {
            const rs_tier *tier = &r->tiers[k];
            sb_puts(b, k ? "; " : "");
            if (isfinite(tier->up_to)) {
                sb_puts(b, k ? "the next " : "the first ");
                html_money(b, tier->up_to - from);
                from = tier->up_to;
            } else {
                sb_puts(b, k ? "the rest" : "all of it");
            }
            if (!tier->shares) {
                sb_puts(b, " in proportion to contributions");
                continue;
            }
            sb_puts(b, " to ");
            for (size_t i = 0, n = 0; i < sc->n_partners; i++) {
                if (tier->shares[i] == 0)
                    continue;
                sb_puts(b, n++ ? ", " : "");
                sb_html(b, html_partner_name(&sc->partners[i]));
                sb_puts(b, " ");
                html_rate(b, tier->shares[i], 4);
            }
        }
        break;
    }
    default:
        sb_puts(b, "in proportion to each partner's contribution that year");
        break;
    }
    if (r->caps) {
        int any = 0;
        for (size_t i = 0; i < sc->n_partners; i++) {
            if (!isfinite(r->caps[i]))
                continue;
            sb_puts(b, any++ ? ", " : "; capped at ");
            html_money(b, r->caps[i]);
            sb_puts(b, " a year for ");
            sb_html(b, html_partner_name(&sc->partners[i]));
        }
    }
}

void html_td_money(sbuf *b, double v)
{
    sb_puts(b, "<td>");
    html_money(b, v);
    sb_puts(b, "</td>");
}

void html_key_figure(sbuf *b, const char *label, double v, const char *cls)
{
    sb_printf(b, "<div%s%s%s><span class=\"label\">", cls ? " class=\"" : "", cls ? cls : "",
              cls ? "\"" : "");
    sb_html(b, label);
    sb_puts(b, "</span><span class=\"value\">");
    html_money(b, v);
    sb_puts(b, "</span></div>");
}

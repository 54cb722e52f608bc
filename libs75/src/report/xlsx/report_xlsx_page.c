/* How each sheet of the workbook prints (report_xlsx.h): A4 landscape, one
 * page wide, header rows repeated, a footer, labels that fit their column and
 * no chart split across two pages. */
#include <math.h>
#include <string.h>

#include "report_xlsx.h"
#include "textwidth.h"

#define PAPER_A4 9
/* Excel's default column (8.43 characters), and its pixels: a column of w
 * characters is w * 7 + 5 pixels in the default font (7 is the width of a
 * digit in 11 pt Calibri, 5 the cell padding). */
#define DEFAULT_COLUMN 8.43
#define MAX_LABEL_COLUMN 90.0
/* A4 landscape less libxlsxwriter's default margins (0.7 in left and right),
 * in pixels at 96 per inch: (11.69 - 1.4) * 96. */
#define PAGE_WIDTH_PX 987.0
/* xl_place's chart: libxlsxwriter's 480 x 288 pixels, scaled 1.25 x 1.15,
 * 4 pixels in from its cell. Its 335 pixels of height fit the 650 of an A4
 * landscape page (8.27 in less 0.75 in top and bottom margins) at any scale
 * up to 100%, with two repeated header rows of 20 above, so a chart that
 * starts a page ends on it. */
#define CHART_WIDTH_PX (480 * 1.25 + 4)

static double column_px(double chars)
{
    return chars < 1 ? floor(chars * 12 + 0.5) : floor(chars * 7 + 5);
}

void xl_set_footer(xl *x, const char *scenario_name, const char *digest)
{
    /* Excel's limit is 255 characters with the codes; & is doubled. */
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "&L");
    int used = 0, w;
    for (const char *s = scenario_name ? scenario_name : ""; *s && used < 100;) {
        size_t n = tw_next(s, &w);
        if (*s == '&')
            sb_putc(&b, '&');
        sb_putn(&b, s, n);
        s += n, used++;
    }
    sb_puts(&b, "&CPage &P of &N");
    if (digest && *digest)
        sb_printf(&b, "&R%.64s", digest);
    if (b.s && !b.oom && b.len < sizeof x->footer)
        memcpy(x->footer, b.s, b.len + 1);
    else
        x->footer[0] = '\0';
    sb_free(&b);
}

void xl_page_begin(xl *x, lxw_worksheet *ws)
{
    xl_page_end(x);
    memset(&x->page, 0, sizeof x->page);
    x->page.ws = ws;
    x->page.header_row = -1;
}

void xl_set_column(xl *x, lxw_worksheet *ws, int c0, int c1, double width)
{
    if (!ws)
        return;
    xl_check(x, worksheet_set_column(ws, (lxw_col_t)c0, (lxw_col_t)c1, width, NULL));
    if (ws != x->page.ws)
        return;
    for (int c = c0; c <= c1 && c < XL_PAGE_COLS; c++)
        x->page.width[c] = width;
}

void xl_axis_from_zero(lxw_chart *ch)
{
    if (ch)
        chart_axis_set_min(ch->type == LXW_CHART_BAR ? ch->x_axis : ch->y_axis, 0);
}

static double left_px(const xl_page *pg, int col)
{
    double px = 0;
    for (int c = 0; c < col && c < XL_PAGE_COLS; c++)
        px += column_px(pg->width[c] > 0 ? pg->width[c] : DEFAULT_COLUMN);
    return px;
}

void xl_page_end(xl *x)
{
    xl_page *pg = &x->page;
    lxw_worksheet *ws = pg->ws;
    if (!ws)
        return;
    pg->ws = NULL;
    /* The label column as wide as its longest label, in digit widths (text
     * runs narrower than digits, so this leaves room for bold), within
     * reason: a longer label still shows whole when the cell is selected. */
    if (pg->label_chars > 0) {
        double want = fmin(pg->label_chars + 2, MAX_LABEL_COLUMN);
        if (want > pg->width[0])
            xl_set_column(x, ws, 0, 0, want);
        pg->width[0] = fmax(pg->width[0], want);
    }
    worksheet_set_paper(ws, PAPER_A4);
    worksheet_set_landscape(ws);
    if (x->footer[0])
        xl_check(x, worksheet_set_footer(ws, x->footer));
    if (pg->header_row >= 0)
        xl_check(x, worksheet_repeat_rows(ws, 0, (lxw_row_t)pg->header_row));
    if (pg->n_charts == 0) {
        worksheet_fit_to_pages(ws, 1, 0);
        return;
    }
    double width = left_px(pg, pg->last_col + 1);
    lxw_row_t breaks[XL_PAGE_CHARTS + 1];
    int n = 0;
    for (int i = 0; i < pg->n_charts; i++) {
        width = fmax(width, left_px(pg, pg->chart_col[i]) + CHART_WIDTH_PX);
        lxw_row_t r = (lxw_row_t)pg->chart_row[i];
        int seen = 0;
        for (int k = 0; k < n; k++)
            seen |= breaks[k] == r;
        if (!seen && r > 0)
            breaks[n++] = r;
    }
    for (int i = 1; i < n; i++) /* Excel lists breaks in order */
        for (int k = i; k > 0 && breaks[k - 1] > breaks[k]; k--) {
            lxw_row_t t = breaks[k];
            breaks[k] = breaks[k - 1], breaks[k - 1] = t;
        }
    breaks[n] = 0;
    double scale = floor(PAGE_WIDTH_PX * 100 / width);
    worksheet_set_print_scale(ws, (uint16_t)fmax(10, fmin(100, scale)));
    if (n > 0)
        xl_check(x, worksheet_set_h_pagebreaks(ws, breaks));
}

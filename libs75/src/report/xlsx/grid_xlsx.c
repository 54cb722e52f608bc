/* A two-way table as a workbook: the table with a colour scale on its
 * cells (Excel's own conditional format, so it follows edits). */
#include <stdio.h>

#include "atomic_write.h"
#include "grid_report.h"
#include "report_xlsx.h"

static int fill(const char *tmp, void *ctx, s75_error *err)
{
    const grid_result *g = ctx;
    xl x;
    int rc = xl_start(&x, tmp, "Two-way table", err);
    if (rc)
        return rc;
    char title[600];
    snprintf(title, sizeof title, "%.200s: %.60s by %.150s (rows) and %.150s (columns)",
             g->scenario_name, g->measure, g->y.path, g->x.path);
    lxw_worksheet *ws = xl_sheet(&x, "Grid", title);
    if (ws) {
        lxw_format *f = g->probability ? x.rate : x.money;
        xl_str(&x, ws, 1, 0, "y \\ x", x.head_left);
        for (size_t j = 0; j < g->x.count; j++)
            xl_num(&x, ws, 1, (int)j + 1, g->x.values[j], x.head);
        for (size_t i = 0; i < g->y.count; i++) {
            xl_num(&x, ws, (int)i + 2, 0, g->y.values[i], x.bold);
            for (size_t j = 0; j < g->x.count; j++)
                xl_num(&x, ws, (int)i + 2, (int)j + 1, g->cells[i * g->x.count + j], f);
        }
        worksheet_freeze_panes(ws, 2, 1);
        xl_check(&x, worksheet_set_column(ws, 0, 0, 16, NULL));
        xl_check(&x, worksheet_set_column(ws, 1, (lxw_col_t)g->x.count, 13, NULL));
        lxw_conditional_format cf = { 0 };
        cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
        cf.min_color = 0x5B9BD5;
        cf.mid_color = 0xFFFFFF;
        cf.max_color = 0xE0533C;
        cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
        cf.mid_value = 0;
        if (g->probability) {
            cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
            cf.min_value = 0;
            cf.min_color = 0xFFFFFF;
            cf.mid_value = 0.5;
            cf.mid_color = 0xF4B183;
            cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
            cf.max_value = 1;
        }
        xl_check(&x, worksheet_conditional_format_range(ws, 2, 1, (lxw_row_t)g->y.count + 1,
                                                        (lxw_col_t)g->x.count, &cf));
    }
    return xl_finish(&x, err);
}

int grid_xlsx_write(const grid_result *g, const char *path, s75_error *err)
{
    return atomic_write(path, fill, (void *)g, err);
}

/* Key tables more than one loader reads: the keys of a workforce line
 * (load.c, and load_establishment.c passing columns through) and the
 * monitoring categories (load_plan.c, and load_ledger.c mapping accounts),
 * below both so that neither calls the other. */
#include <string.h>

#include "load.h"

static const char *const line_keys[] = { "role", "band", "wte", "headcount", "points",
                                         "turnover", "vacancy", "agency_fill", "agency_premium",
                                         "pay_system", "employer", "team", "start", "end", NULL };

const char *const *workforce_line_keys(void)
{
    return line_keys;
}

int workforce_line_knows(const char *key)
{
    for (size_t i = 0; line_keys[i]; i++)
        if (strcmp(line_keys[i], key) == 0)
            return 1;
    return 0;
}

static const char *const category_names[] = { "pay", "agency", "non_pay", NULL };

/* The category a key of actuals: or profile: names, or -1 after an error:
 * an unknown name (the nearest suggested) or one given twice, which would
 * otherwise silently drop the first list. */
int monitoring_category(reader *r, const ynode *k, const ynode **seen)
{
    const char *s = k->kind == Y_SCALAR ? k->text : "?";
    for (int c = 0; c < N_CATEGORIES; c++)
        if (strcmp(s, category_names[c]) == 0) {
            if (seen[c]) {
                rd_error(r, k, "category '%s' given twice (first at line %d)", s,
                         seen[c]->at.line);
                return -1;
            }
            seen[c] = k;
            return c;
        }
    const char *near = rd_nearest(r, s, category_names);
    rd_error(r, k, "unknown category '%s'%s%s%s; the categories are pay, agency and non_pay", s,
             near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
    return -1;
}

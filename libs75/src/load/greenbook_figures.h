/* HM Treasury Green Book figures the loader fills in or looks up: the
 * discount rates and the optimism-bias upper bounds by category. The
 * discount schedule built from them is the model's (greenbook.h). */
#ifndef S75_GREENBOOK_FIGURES_H
#define S75_GREENBOOK_FIGURES_H

#define GB_STANDARD_RATE 0.035 /* social time preference rate, years 0-30 */
#define GB_HEALTH_RATE 0.015   /* health and life values */

typedef struct ob_category {
    const char *name;
    double upper;              /* capital-expenditure upper bound */
} ob_category;

/* NULL-terminated by name. */
extern const ob_category gb_ob_categories[];
extern const char *const gb_ob_category_names[];

#endif

/* HM Treasury Green Book figures a scenario file may name. */
#include "greenbook_figures.h"

#include <stddef.h>

/* Supplementary Green Book Guidance: Optimism Bias, Table 2, capital
 * expenditure upper bounds; outsourcing is of operating cost. */
const ob_category gb_ob_categories[] = {
    { "standard_buildings", 0.24 },
    { "non_standard_buildings", 0.51 },
    { "standard_civil_engineering", 0.44 },
    { "non_standard_civil_engineering", 0.66 },
    { "equipment_development", 2.00 },
    { "outsourcing", 0.41 },
    { NULL, 0 },
};

const char *const gb_ob_category_names[] = {
    "standard_buildings", "non_standard_buildings", "standard_civil_engineering",
    "non_standard_civil_engineering", "equipment_development", "outsourcing", NULL,
};

#include "greenbook.h"

#include <math.h>

#include "greenbook_figures.h"

/* HM Treasury, The Green Book (2022), Annex A6, Table 8 (long-term discount
 * rates): the standard schedule 3.5% for years 0-30, then 3.0, 2.5, 2.0, 1.5
 * and 1.0% for 31-75, 76-125, 126-200, 201-300 and 301+; the health schedule
 * (health and life values, the wealth effect excluded) 1.50, 1.29, 1.07, 0.86,
 * 0.64 and 0.43% over the same years. Those published, rounded figures are
 * the rates: the health row is not 1.5% x 3.0/3.5 = 1.2857...% (MODEL.md §8). */
static const double gb_standard_schedule[6] = { 0.035, 0.030, 0.025, 0.020, 0.015, 0.010 };
static const double gb_health_schedule[6] = { 0.0150, 0.0129, 0.0107, 0.0086, 0.0064, 0.0043 };

static int gb_band(int k)
{
    return k <= 30 ? 0 : k <= 75 ? 1 : k <= 125 ? 2 : k <= 200 ? 3 : k <= 300 ? 4 : 5;
}

/* Any other starting rate declines in the standard schedule's proportions. */
double gb_rate_for_year(double rate, int declining, int k)
{
    if (!declining || k <= 30)
        return rate;
    int band = gb_band(k);
    if (fabs(rate - GB_HEALTH_RATE) < 1e-12)
        return gb_health_schedule[band];
    if (fabs(rate - GB_STANDARD_RATE) < 1e-12)
        return gb_standard_schedule[band];
    return rate * (gb_standard_schedule[band] * 100.0) / 3.5;
}

double gb_discount_factor(double rate, int declining, int t)
{
    double df = 1.0;
    for (int k = 1; k <= t; k++)
        df /= 1.0 + gb_rate_for_year(rate, declining, k);
    return df;
}

#include "greenbook.h"

/* Green Book 2022, Annex A6: 3.5% for years 0-30, then 3.0, 2.5, 2.0, 1.5
 * and 1.0 for 31-75, 76-125, 126-200, 201-300 and 301+. Scaled by
 * rate / 3.5% so 1.5% gives the health schedule. */
double gb_rate_for_year(double rate, int declining, int k)
{
    if (!declining || k <= 30)
        return rate;
    double step = k <= 75 ? 3.0 : k <= 125 ? 2.5 : k <= 200 ? 2.0 : k <= 300 ? 1.5 : 1.0;
    return rate * step / 3.5;
}

double gb_discount_factor(double rate, int declining, int t)
{
    double df = 1.0;
    for (int k = 1; k <= t; k++)
        df /= 1.0 + gb_rate_for_year(rate, declining, k);
    return df;
}

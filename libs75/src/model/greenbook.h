/* HM Treasury Green Book figures the appraisal uses (MODEL.md §8). */
#ifndef S75_GREENBOOK_H
#define S75_GREENBOOK_H

#include "greenbook_figures.h"

/* Rate for year k (1-based) of a schedule starting at `rate`: without
 * `declining`, rate; with it, the Green Book's published health table when
 * rate is 1.5% (however it was asked for), otherwise the standard schedule
 * scaled by rate / 3.5% (3.5% is the standard schedule itself). */
double gb_rate_for_year(double rate, int declining, int k);

/* Discount factor for offset t >= 0: prod_{k=1..t} 1/(1 + r_k). */
double gb_discount_factor(double rate, int declining, int t);

#endif

/* The public accessors of s75/simulate.h over simulation_result. */
#include <math.h>

#include "run.h"
#include "s75/simulate.h"
#include "simulate_result.h"

static const simulation_result *R(const s75_simulation *s)
{
    return (const simulation_result *)(const void *)s;
}

const s75_simulation *s75_result_simulation(const s75_result *res)
{
    if (!res || !res->simulation)
        return NULL;
    return (const s75_simulation *)(const void *)res->simulation;
}

size_t s75_simulation_draw_count(const s75_simulation *s)
{
    return s ? (size_t)R(s)->draws : 0;
}

unsigned long s75_simulation_seed(const s75_simulation *s)
{
    return s ? R(s)->seed : 0;
}

size_t s75_simulation_year_count(const s75_simulation *s)
{
    return s ? (size_t)R(s)->years : 0;
}

static double pick(const sim_stats *st, s75_stat stat)
{
    switch (stat) {
    case S75_STAT_MEAN: return st->mean;
    case S75_STAT_SD: return st->sd;
    case S75_STAT_P5: return st->p5;
    case S75_STAT_P50: return st->p50;
    case S75_STAT_P95: return st->p95;
    }
    return NAN;
}

double s75_simulation_stat(const s75_simulation *s, s75_sim_series series, s75_stat stat, int t)
{
    if (!s || t < 0 || t >= R(s)->years || (unsigned)series > S75_SIM_VARIANCE)
        return NAN;
    return pick(&R(s)->series[(size_t)series * (size_t)R(s)->years + (size_t)t], stat);
}

double s75_simulation_risk_share_stat(const s75_simulation *s, size_t i, s75_stat stat,
                                      int t)
{
    if (!s || t < 0 || t >= R(s)->years || i >= R(s)->n_partners)
        return NAN;
    size_t N = (size_t)R(s)->years;
    return pick(&R(s)->series[(SIM_PARTNERS + i) * N + (size_t)t], stat);
}

double s75_simulation_p_overspend(const s75_simulation *s, int t)
{
    if (!s || t < 0 || t >= R(s)->years)
        return NAN;
    return R(s)->p_overspend[t];
}

size_t s75_simulation_tornado_count(const s75_simulation *s)
{
    return s ? R(s)->n_tornado : 0;
}

s75_status s75_simulation_tornado(s75_tornado_bar *out, const s75_simulation *s, size_t i)
{
    if (!out || !s || i >= R(s)->n_tornado)
        return S75_EUSAGE;
    const tornado_bar *b = &R(s)->tornado[i];
    out->input = b->input;
    out->low = b->low;
    out->high = b->high;
    out->variance_low = b->variance_low;
    out->variance_high = b->variance_high;
    out->swing = b->swing;
    return S75_OK;
}

double s75_simulation_break_even(const s75_simulation *s, s75_break_even_input input)
{
    if (!s)
        return NAN;
    const break_even *be = input == S75_BREAK_EVEN_PAY_AWARD ? &R(s)->pay_award
                         : input == S75_BREAK_EVEN_INFLATION ? &R(s)->inflation : NULL;
    return be && be->found ? be->rate : NAN;
}

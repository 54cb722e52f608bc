/* The public accessors of s75/appraisal.h over appraise.h's result. */
#include <math.h>
#include <stdint.h>

#include "appraise.h"
#include "run.h"
#include "s75/appraisal.h"

/* The public handle is the internal result under another name. */
static const appraisal_result *A(const s75_appraisal *a)
{
    return (const appraisal_result *)(const void *)a;
}

const s75_appraisal *s75_result_appraisal(const s75_result *res)
{
    if (!res || !res->appraisal)
        return NULL;
    return (const s75_appraisal *)(const void *)res->appraisal;
}

size_t s75_appraisal_option_count(const s75_appraisal *a)
{
    return a ? A(a)->n_options : 0;
}

static const option_result *opt(const s75_appraisal *a, size_t i)
{
    return a && i < A(a)->n_options ? &A(a)->options[i] : NULL;
}

const char *s75_appraisal_option_id(const s75_appraisal *a, size_t i)
{
    return opt(a, i) ? A(a)->sc->appraisal.options[i].id : NULL;
}

double s75_appraisal_option_value(const s75_appraisal *a, size_t i, s75_appraisal_value what)
{
    const option_result *r = opt(a, i);
    if (!r)
        return NAN;
    switch (what) {
    case S75_APPRAISAL_SCORE: return r->score;
    case S75_APPRAISAL_PV_COSTS: return r->pv_costs;
    case S75_APPRAISAL_PV_BENEFITS: return r->pv_benefits;
    case S75_APPRAISAL_PV_RISK: return r->pv_risk;
    case S75_APPRAISAL_NPSV: return r->npsv;
    case S75_APPRAISAL_BCR: return r->bcr;
    case S75_APPRAISAL_COST_PER_POINT: return r->cost_per_point;
    case S75_APPRAISAL_EQUIVALENT_ANNUAL: return r->equivalent_annual;
    case S75_APPRAISAL_SWITCH_COSTS: return r->switch_costs;
    case S75_APPRAISAL_SWITCH_BENEFITS: return r->switch_benefits;
    case S75_APPRAISAL_OB_RATE: return r->ob_rate;
    }
    return NAN;
}

int s75_appraisal_option_rank(const s75_appraisal *a, size_t i)
{
    const option_result *r = opt(a, i);
    return r ? r->rank : 0;
}

int s75_appraisal_option_rank_npsv(const s75_appraisal *a, size_t i)
{
    const option_result *r = opt(a, i);
    return r ? r->rank_npsv : 0;
}

const char *s75_appraisal_option_vfm(const s75_appraisal *a, size_t i)
{
    const option_result *r = opt(a, i);
    return r ? vfm_name(r->vfm) : NULL;
}

size_t s75_appraisal_preferred(const s75_appraisal *a)
{
    return a ? A(a)->preferred : S75_NONE;
}

size_t s75_appraisal_criterion_count(const s75_appraisal *a)
{
    return a ? A(a)->n_criteria : 0;
}

const char *s75_appraisal_criterion_id(const s75_appraisal *a, size_t j)
{
    return a && j < A(a)->n_criteria ? A(a)->sc->appraisal.criteria[j].id : NULL;
}

double s75_appraisal_criterion_weight(const s75_appraisal *a, size_t j)
{
    return a && j < A(a)->n_criteria ? A(a)->weights[j] : NAN;
}

int s75_appraisal_switching(const s75_appraisal *a, size_t j, int upper, double *weight,
                            size_t *other)
{
    if (!a || j >= A(a)->n_criteria)
        return 0;
    const switch_point *p = upper ? &A(a)->upper[j] : &A(a)->lower[j];
    if (!p->present)
        return 0;
    if (weight)
        *weight = p->weight;
    if (other)
        *other = p->option;
    return 1;
}

int s75_appraisal_has_smaa(const s75_appraisal *a)
{
    return a && A(a)->has_smaa;
}

double s75_appraisal_acceptability(const s75_appraisal *a, size_t i, size_t r)
{
    if (!s75_appraisal_has_smaa(a) || i >= A(a)->n_options || r >= A(a)->n_options)
        return NAN;
    return A(a)->acceptability[i * A(a)->n_options + r];
}

double s75_appraisal_central_weight(const s75_appraisal *a, size_t i, size_t j)
{
    if (!s75_appraisal_has_smaa(a) || i >= A(a)->n_options || j >= A(a)->n_criteria)
        return NAN;
    return A(a)->central_weights[i * A(a)->n_criteria + j];
}

size_t s75_appraisal_sweep_point_count(const s75_appraisal *a)
{
    return a && A(a)->has_sweep ? OB_SWEEP_POINTS : 0;
}

double s75_appraisal_sweep_mitigation(const s75_appraisal *a, size_t point)
{
    return point < s75_appraisal_sweep_point_count(a) ? A(a)->sweep_mitigation[point] : NAN;
}

double s75_appraisal_sweep_npsv(const s75_appraisal *a, size_t point, size_t i)
{
    if (point >= s75_appraisal_sweep_point_count(a) || i >= A(a)->n_options)
        return NAN;
    return A(a)->sweep_npsv[point * A(a)->n_options + i];
}

size_t s75_appraisal_sweep_preferred(const s75_appraisal *a, size_t point)
{
    return point < s75_appraisal_sweep_point_count(a) ? A(a)->sweep_preferred[point] : S75_NONE;
}

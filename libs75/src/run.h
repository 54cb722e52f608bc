/* The s75_result handle: everything a run computed, for the report layer. */
#ifndef S75_RESULT_INTERNAL_H
#define S75_RESULT_INTERNAL_H

#include "demand.h"
#include "model.h"
#include "project.h"
#include "s75/result.h"

struct appraisal_result;
struct simulation_result;
struct monitoring_result;
struct portfolio_result;

struct s75_result {
    scenario *sc;                         /* a counted reference */
    int mode;
    int has_projection;
    projection proj;
    int has_demand;
    demand_result demand;
    struct appraisal_result *appraisal;   /* appraise.c */
    struct simulation_result *simulation; /* simulate.c */
    struct monitoring_result *monitoring; /* monitor.c */
    struct portfolio_result *portfolio;   /* portfolio.c */
};

#endif

/* The stages a run may call on beyond the projection (project.h), each in
 * its own file. Each compute function fills *out (owned by the result) and
 * returns S75_OK or an s75_status with err filled. Their writers are in
 * report/sections.h. */
#ifndef S75_STAGES_H
#define S75_STAGES_H

#include "model.h"
#include "project.h"
#include "s75/error.h"
#include "s75/result.h"

struct appraisal_result;
struct simulation_result;
struct monitoring_result;
struct portfolio_result;

/* appraise.c: MODEL.md §8; full (1) adds SMAA and the optimism-bias sweep. */
int appraisal_compute(const scenario *sc, int full, struct appraisal_result **out, s75_error *err);
void appraisal_free(struct appraisal_result *a);

/* simulate.c: MODEL.md §9 (and §10 for portfolios). */
int simulation_compute(const scenario *sc, unsigned threads, s75_progress_fn progress,
                       void *progress_data, struct simulation_result **out, s75_error *err);
void simulation_free(struct simulation_result *s);

/* monitor.c: MODEL.md §11, from the projection of the monitored year. */
int monitoring_compute(const scenario *sc, const projection *p, struct monitoring_result **out,
                       s75_error *err);
void monitoring_free(struct monitoring_result *m);

/* portfolio.c: MODEL.md §10. */
int portfolio_compute(const scenario *sc, struct portfolio_result **out, s75_error *err);
void portfolio_free(struct portfolio_result *p);

#endif

/* Brent's method on a bracket the caller has checked (root_find.h). */
#include "root_find.h"

#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

int root_brent(const root_search *rs, double lo, double hi, double *root)
{
    const gsl_root_fsolver_type *T = gsl_root_fsolver_brent;
    gsl_root_fsolver *s = malloc(sizeof *s);
    if (!s)
        return -2;
    s->type = T;
    s->function = NULL;
    s->state = malloc(T->size);
    if (!s->state) {
        free(s);
        return -2;
    }
    gsl_function F = { rs->f, rs->ctx };
    int found = 0;
    int status = gsl_root_fsolver_set(s, &F, lo, hi);
    for (int i = 0; status == GSL_SUCCESS && i < rs->max_iterations; i++) {
        status = gsl_root_fsolver_iterate(s);
        if ((rs->stopped && rs->stopped(rs->ctx)) || status != GSL_SUCCESS)
            break;
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s),
                                        rs->epsabs, rs->epsrel);
        if (status == GSL_SUCCESS) {
            found = 1;
            *root = gsl_root_fsolver_root(s);
            break;
        }
        status = GSL_SUCCESS;
    }
    gsl_root_fsolver_free(s);
    return found;
}

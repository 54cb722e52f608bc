/* Brent's method from GSL without ever reaching GSL's error handler (which
 * aborts by default and is process-wide, so it may not be switched off for
 * one call): the caller brackets the root first, the solver is allocated
 * here rather than by gsl_root_fsolver_alloc(), and the function must
 * always return a finite number (a failure is flagged by the caller's
 * context and polled through `stopped`). */
#ifndef S75_ROOT_FIND_H
#define S75_ROOT_FIND_H

typedef struct root_search {
    double (*f)(double x, void *ctx);   /* always finite */
    int (*stopped)(void *ctx);          /* nonzero: abandon the search; may be NULL */
    void *ctx;
    double epsabs, epsrel;              /* gsl_root_test_interval's tolerances */
    int max_iterations;
} root_search;

/* Searches [lo, hi], whose ends the caller has checked to give f opposite
 * signs (neither zero). Returns 1 with *root filled when the bracket
 * narrowed to the tolerance, 0 when it did not (or the search was
 * stopped), -2 when out of memory. */
int root_brent(const root_search *rs, double lo, double hi, double *root);

#endif

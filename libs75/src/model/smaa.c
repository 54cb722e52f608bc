/* SMAA (MODEL.md §8): how often each option takes each rank when the criteria's
 * weights are unknown, drawn uniformly from the simplex. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "appraise.h"

typedef struct ranked {
    double score;
    size_t option;
} ranked;

/* Higher score first; a tie goes to the option listed first (MODEL.md §8). */
static int ranked_before(const ranked *a, const ranked *b)
{
    return a->score > b->score || (a->score == b->score && a->option < b->option);
}

static int ranked_cmp(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    return ranked_before(a, b) ? -1 : ranked_before(b, a) ? 1 : 0;
}

/* Both orders are the same strict total order, so the choice of sort never
 * changes a result; insertion sort is simply quicker for a short list. */
static void rank_options(ranked *r, size_t n)
{
    if (n > 32) {
        qsort(r, n, sizeof *r, ranked_cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        ranked x = r[i];
        size_t j = i;
        for (; j > 0 && ranked_before(&x, &r[j - 1]); j--)
            r[j] = r[j - 1];
        r[j] = x;
    }
}

int smaa_run(const double *scores, size_t n_options, size_t n_criteria, long draws,
             unsigned long seed, double *acceptability, double *central)
{
    /* The generator is built here rather than with gsl_rng_alloc, whose
     * out-of-memory path calls GSL's process-wide error handler (abort). */
    gsl_rng rng = { gsl_rng_mt19937, NULL };
    rng.state = calloc(1, gsl_rng_mt19937->size);
    double *alpha = malloc(n_criteria * sizeof *alpha);
    double *w = malloc(n_criteria * sizeof *w);
    ranked *order = malloc(n_options * sizeof *order);
    long *at_rank = calloc(n_options * n_options, sizeof *at_rank);
    long *firsts = calloc(n_options, sizeof *firsts);
    double *wsum = calloc(n_options * n_criteria, sizeof *wsum);
    int rc = -1;
    if (!rng.state || !alpha || !w || !order || !at_rank || !firsts || !wsum)
        goto done;
    gsl_rng_set(&rng, seed);
    for (size_t j = 0; j < n_criteria; j++)
        alpha[j] = 1.0; /* Dirichlet(1, ..., 1) is uniform on the simplex */
    for (long d = 0; d < draws; d++) {
        gsl_ran_dirichlet(&rng, n_criteria, alpha, w);
        for (size_t o = 0; o < n_options; o++) {
            const double *s = scores + o * n_criteria;
            double v = 0;
            for (size_t j = 0; j < n_criteria; j++)
                v += w[j] * s[j];
            order[o].score = v;
            order[o].option = o;
        }
        rank_options(order, n_options);
        for (size_t r = 0; r < n_options; r++)
            at_rank[order[r].option * n_options + r]++;
        size_t top = order[0].option;
        firsts[top]++;
        for (size_t j = 0; j < n_criteria; j++)
            wsum[top * n_criteria + j] += w[j];
    }
    for (size_t k = 0; k < n_options * n_options; k++)
        acceptability[k] = (double)at_rank[k] / (double)draws;
    for (size_t o = 0; o < n_options; o++)
        for (size_t j = 0; j < n_criteria; j++)
            central[o * n_criteria + j] =
                firsts[o] ? wsum[o * n_criteria + j] / (double)firsts[o] : NAN;
    rc = 0;
done:
    free(rng.state);
    free(alpha);
    free(w);
    free(order);
    free(at_rank);
    free(firsts);
    free(wsum);
    return rc;
}

/* Threads start where the scheduler puts them. An earlier version placed
 * each new worker on a CPU other than the caller's; measured with
 * bench/bench_threads.sh it gained nothing (docs/ARCHITECTURE.md, Threads),
 * so it was taken out. */
#include "threads.h"

#include <locale.h>
#include <pthread.h>
#include <stdlib.h>

typedef struct start {
    void *(*worker)(void *);
    void *ctx;
    locale_t locale;    /* the caller's (c_locale.h): a new thread starts in the global one */
} start;

static void *begin(void *arg)
{
    const start *s = arg;
    uselocale(s->locale);
    return s->worker(s->ctx);
}

void sim_run_threads(void *(*worker)(void *), void (*main_part)(void *), void *ctx,
                     unsigned extra)
{
    pthread_t *ids = extra ? malloc(extra * sizeof *ids) : NULL;
    start *starts = extra ? calloc(extra, sizeof *starts) : NULL;
    unsigned started = 0;
    locale_t caller = uselocale((locale_t)0);
    for (unsigned i = 0; ids && starts && i < extra; i++) {
        start *s = &starts[i];
        s->worker = worker;
        s->ctx = ctx;
        s->locale = caller;
        if (pthread_create(&ids[i], NULL, begin, s) != 0)
            break;
        started++;
    }
    main_part(ctx);
    for (unsigned i = 0; i < started; i++)
        pthread_join(ids[i], NULL);
    free(ids);
    free(starts);
}

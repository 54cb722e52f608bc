/* On Linux, each new worker is first placed on a CPU other than the
 * caller's, then given back the caller's whole set of CPUs as it starts.
 * Left to itself the scheduler of a small virtual machine often queues the
 * new thread behind the caller on the caller's CPU for 2 to 4 ms (measured
 * on the 2-core machines we build on), which is most of a pass of the
 * simulation on two threads. The placement only chooses where the thread
 * starts; it never narrows where it may run. */
#if defined(__linux__)
#define _GNU_SOURCE /* pthread_attr_setaffinity_np, sched_getcpu */
#include <sched.h>
#endif

#include "threads.h"

#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct start {
    void *(*worker)(void *);
    void *ctx;
    locale_t locale;    /* the caller's (c_locale.h): a new thread starts in the global one */
#if defined(__linux__)
    cpu_set_t all;      /* the caller's CPUs, given back as the thread starts */
    int placed;
#endif
} start;

static void *begin(void *arg)
{
    const start *s = arg;
    uselocale(s->locale);
#if defined(__linux__)
    if (s->placed)
        pthread_setaffinity_np(pthread_self(), sizeof s->all, &s->all);
#endif
    return s->worker(s->ctx);
}

/* Worker i's first CPU: the i-th of the caller's CPUs after the one the
 * caller is on, round the set. Returns 0 when there is no other CPU to
 * choose or the system does not say. */
static int place(start *s, pthread_attr_t *attr, unsigned i)
{
#if defined(__linux__)
    /* bench/bench_threads.sh compares with the scheduler left alone. */
    const char *off = getenv("S75_THREAD_PLACEMENT");
    if (off && strcmp(off, "off") == 0)
        return 0;
    if (sched_getaffinity(0, sizeof s->all, &s->all) != 0)
        return 0;
    int here = sched_getcpu(), n = CPU_COUNT(&s->all);
    if (here < 0 || n < 2 || !CPU_ISSET(here, &s->all))
        return 0;
    int skip = (int)(i % (unsigned)(n - 1)), cpu = here;
    for (int seen = -1; seen < skip;) {
        cpu = (cpu + 1) % CPU_SETSIZE;
        if (CPU_ISSET(cpu, &s->all))
            seen++;
    }
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    s->placed = pthread_attr_setaffinity_np(attr, sizeof one, &one) == 0;
    return s->placed;
#else
    (void)s, (void)attr, (void)i;
    return 0;
#endif
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
        pthread_attr_t attr;
        int have_attr = pthread_attr_init(&attr) == 0;
        if (have_attr)
            place(s, &attr, i);
        int rc = pthread_create(&ids[i], have_attr ? &attr : NULL, begin, s);
        if (have_attr)
            pthread_attr_destroy(&attr);
#if defined(__linux__)
        if (rc != 0 && s->placed) { /* a CPU refused: start it anywhere */
            s->placed = 0;
            rc = pthread_create(&ids[i], NULL, begin, s);
        }
#endif
        if (rc != 0)
            break;
        started++;
    }
    main_part(ctx);
    for (unsigned i = 0; i < started; i++)
        pthread_join(ids[i], NULL);
    free(ids);
    free(starts);
}

#include "simulate_threads.h"

#include <pthread.h>
#include <stdlib.h>

void sim_run_threads(void *(*worker)(void *), void (*main_part)(void *), void *ctx,
                     unsigned extra)
{
    pthread_t *ids = extra ? malloc(extra * sizeof *ids) : NULL;
    unsigned started = 0;
    for (unsigned i = 0; ids && i < extra; i++) {
        if (pthread_create(&ids[i], NULL, worker, ctx) != 0)
            break;
        started++;
    }
    main_part(ctx);
    for (unsigned i = 0; i < started; i++)
        pthread_join(ids[i], NULL);
    free(ids);
}

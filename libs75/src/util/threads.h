/* Running one job on several threads, the calling thread among them. */
#ifndef S75_THREADS_H
#define S75_THREADS_H


/* main_part(ctx) on the calling thread and worker(ctx) on up to `extra`
 * more; a thread that cannot be started leaves its share to the others,
 * which changes nothing but the time taken. */
void sim_run_threads(void *(*worker)(void *), void (*main_part)(void *), void *ctx,
                     unsigned extra);

#endif

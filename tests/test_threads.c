/* Different scenarios on several threads at once give exactly what each gives
 * alone: the library has no global mutable state. */
#include "testutil.h"

#include <pthread.h>

#include <s75/s75.h>

#define N_CASES 5
#define N_THREADS 6
#define ROUNDS 20

static const char *cases[N_CASES] = {
    "tests/data/cases/case-1001.yaml", "tests/data/cases/case-1002.yaml",
    "tests/data/cases/case-1003.yaml", "tests/data/cases/case-1004.yaml",
    "tests/data/cases/case-1005.yaml",
};
static char *alone[N_CASES];

static char *render(const char *rel, s75_scenario *shared)
{
    char path[1024];
    s75_scenario *sc = shared;
    if (!sc && s75_scenario_load_file(&sc, source_path(path, sizeof path, rel), NULL) != S75_OK)
        return NULL;
    s75_result *res;
    char *json = NULL;
    if (s75_run(&res, sc, NULL, NULL) == S75_OK) {
        s75_result_render(&json, NULL, res, S75_FORMAT_JSON, NULL);
        s75_result_free(res);
    }
    if (!shared)
        s75_scenario_free(sc);
    return json;
}

typedef struct job {
    int id;
    s75_scenario *shared;
    int mismatches;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    for (int r = 0; r < ROUNDS; r++) {
        int c = (j->id + r) % N_CASES;
        /* Half the threads load their own copy; the others share one handle. */
        char *json = render(cases[c], j->id % 2 ? NULL : j->shared);
        const char *want = j->id % 2 ? alone[c] : alone[0];
        if (j->id % 2 == 0)
            c = 0;
        if (!json || strcmp(json, want) != 0)
            j->mismatches++;
        s75_free(json);
    }
    return NULL;
}

static void concurrent_runs_match_single_threaded(void **state)
{
    (void)state;
    for (int c = 0; c < N_CASES; c++) {
        alone[c] = render(cases[c], NULL);
        assert_non_null(alone[c]);
    }
    char path[1024];
    s75_scenario *shared;
    assert_int_equal(s75_scenario_load_file(&shared, source_path(path, sizeof path, cases[0]), NULL),
                     S75_OK);
    pthread_t t[N_THREADS];
    job jobs[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        jobs[i] = (job){ i, shared, 0 };
        assert_int_equal(pthread_create(&t[i], NULL, worker, &jobs[i]), 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(jobs[i].mismatches, 0);
    }
    s75_scenario_free(shared);
    for (int c = 0; c < N_CASES; c++)
        s75_free(alone[c]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(concurrent_runs_match_single_threaded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

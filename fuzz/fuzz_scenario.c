/* libFuzzer harness: any bytes as a scenario file, loaded and, when valid,
 * run and rendered as text, CSV, JSON and HTML. Crashes, leaks, sanitizer reports and
 * timeouts are failures. */
#include <stddef.h>
#include <stdint.h>

#include <s75/s75.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    s75_scenario *sc = NULL;
    s75_diagnostics *d = NULL;
    /* The name places include: paths under a folder that does not exist, so
     * a fuzzed include cannot reach into the machine's files. */
    s75_scenario_check_string(&d, (const char *)data, size, "/nonexistent/fuzz.yaml");
    s75_diagnostics_free(d);
    if (s75_scenario_load_string(&sc, (const char *)data, size, "/nonexistent/fuzz.yaml", NULL) !=
        S75_OK)
        return 0;
    s75_run_options opts = S75_RUN_OPTIONS_INIT;
    s75_result *res = NULL;
    if (s75_run(&res, sc, &opts, NULL) == S75_OK) {
        for (int f = S75_FORMAT_TEXT; f <= S75_FORMAT_HTML; f++) {
            char *out = NULL;
            s75_result_render(&out, NULL, res, (s75_format)f, NULL);
            s75_free(out);
        }
        s75_result_free(res);
    }
    s75_scenario_free(sc);
    return 0;
}

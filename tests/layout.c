/* The size and field offsets of every public struct the Python bindings copy
 * with ctypes (bindings/python/s75/_lib.py), as JSON, for
 * tests/python/test_layout.py to hold the copies against. */
#include <stddef.h>
#include <stdio.h>

#include <s75/s75.h>

#define FIELD(type, f) printf("%s\"%s\": [%zu, %zu]", first ? "" : ", ", #f, \
                              offsetof(type, f), sizeof(((type *)0)->f)), first = 0

int main(void)
{
    int first;
    printf("{\"s75_error\": {\"size\": %zu, \"fields\": {", sizeof(s75_error));
    first = 1;
    FIELD(s75_error, code);
    FIELD(s75_error, line);
    FIELD(s75_error, column);
    FIELD(s75_error, file);
    FIELD(s75_error, path);
    FIELD(s75_error, text);
    FIELD(s75_error, message);
    printf("}},\n \"s75_run_options\": {\"size\": %zu, \"fields\": {", sizeof(s75_run_options));
    first = 1;
    FIELD(s75_run_options, version);
    FIELD(s75_run_options, mode);
    FIELD(s75_run_options, threads);
    FIELD(s75_run_options, progress);
    FIELD(s75_run_options, progress_data);
    printf("}},\n \"s75_load_options\": {\"size\": %zu, \"fields\": {", sizeof(s75_load_options));
    first = 1;
    FIELD(s75_load_options, version);
    FIELD(s75_load_options, overrides);
    FIELD(s75_load_options, override_count);
    FIELD(s75_load_options, variant);
    FIELD(s75_load_options, tables);
    FIELD(s75_load_options, table_count);
    FIELD(s75_load_options, confine_includes);
    printf("}},\n \"s75_table\": {\"size\": %zu, \"fields\": {", sizeof(s75_table));
    first = 1;
    FIELD(s75_table, name);
    FIELD(s75_table, text);
    FIELD(s75_table, len);
    printf("}},\n \"constants\": {\"S75_RUN_OPTIONS_VERSION\": %d, \"S75_LOAD_OPTIONS_VERSION\": %d, "
           "\"S75_ERROR_TEXT_MAX\": %d, \"S75_ERROR_FILE_MAX\": %d, \"S75_ERROR_PATH_MAX\": %d}}\n",
           S75_RUN_OPTIONS_VERSION, S75_LOAD_OPTIONS_VERSION, S75_ERROR_TEXT_MAX,
           S75_ERROR_FILE_MAX, S75_ERROR_PATH_MAX);
    return 0;
}

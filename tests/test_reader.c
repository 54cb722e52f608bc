/* reader.c: the field path that every load error names. */
#include "testutil.h"

#include "reader.h"

static void path_of_keys_and_indexes(void **state)
{
    (void)state;
    diag d;
    diag_init(&d);
    reader r;
    rd_init(&r, &d);
    size_t top = rd_push_key(&r, "workforce");
    assert_int_equal(top, 0);
    size_t item = rd_push_index(&r, 0);
    assert_string_equal(r.path, "workforce[0]");
    rd_pop(&r, item);
    rd_push_index(&r, 12);
    size_t field = rd_push_key(&r, "wte");
    assert_string_equal(r.path, "workforce[12].wte");
    rd_pop(&r, field);
    assert_string_equal(r.path, "workforce[12]");
    rd_push_index(&r, SIZE_MAX);
    assert_string_equal(r.path, "workforce[12][18446744073709551615]");
    rd_pop(&r, top);
    assert_string_equal(r.path, "");
    assert_int_equal(r.plen, 0);
    diag_clear(&d);
}

/* A path longer than the buffer is cut, never overrun, and pops back. */
static void long_path_is_cut(void **state)
{
    (void)state;
    diag d;
    diag_init(&d);
    reader r;
    rd_init(&r, &d);
    char key[100];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    size_t marks[8];
    for (int i = 0; i < 8; i++)
        marks[i] = rd_push_key(&r, key);
    assert_int_equal(r.plen, sizeof r.path - 1);
    assert_int_equal(strlen(r.path), sizeof r.path - 1);
    /* Five keys and their dots fit (5 * 99 + 4 = 499); the sixth is cut. */
    assert_int_equal(marks[5], 499);
    assert_int_equal(r.path[499], '.');
    assert_int_equal(marks[6], sizeof r.path - 1);
    rd_push_index(&r, 3);
    assert_int_equal(r.plen, sizeof r.path - 1);
    rd_pop(&r, marks[5]);
    assert_int_equal(strlen(r.path), 499);
    rd_push_index(&r, 1234567);
    assert_string_equal(r.path + 499, "[1234567]");
    rd_pop(&r, 498);
    rd_push_index(&r, 1234567890123);
    assert_int_equal(strlen(r.path), sizeof r.path - 1);
    assert_string_equal(r.path + 498, "[123456789012");
    diag_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(path_of_keys_and_indexes),
        cmocka_unit_test(long_path_is_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The JSON reader behind the tidy CSV (jsontree.c): numbers keep their text,
 * strings are unescaped to UTF-8, and anything that is not JSON is refused. */
#include "testutil.h"

#include <string.h>

#include "jsontree.h"

static jt_node *parse(const char *s)
{
    return jt_parse(s, strlen(s));
}

static void a_document_reads_back(void **state)
{
    (void)state;
    jt_node *n = parse(" {\"a\": [1, -2.5e3, 0.10000000000000001], \"b\": {\"c\": null,"
                       " \"d\": true}, \"e\": \"x\"} ");
    assert_non_null(n);
    assert_int_equal(n->type, JT_OBJECT);
    assert_int_equal(n->count, 3);
    const jt_node *a = jt_get(n, "a");
    assert_int_equal(a->type, JT_ARRAY);
    assert_int_equal(a->count, 3);
    /* the figure's own text, not a re-printed double */
    assert_string_equal(a->child->next->text, "-2.5e3");
    assert_string_equal(a->child->next->next->text, "0.10000000000000001");
    assert_int_equal(jt_get(jt_get(n, "b"), "c")->type, JT_NULL);
    assert_string_equal(jt_get(jt_get(n, "b"), "d")->text, "true");
    assert_string_equal(jt_get(n, "e")->text, "x");
    assert_null(jt_get(n, "missing"));
    assert_null(jt_get(a, "a")); /* not an object */
    jt_free(n);
}

static void strings_are_unescaped(void **state)
{
    (void)state;
    /* \u00f4 is ô (2 bytes), the surrogate pair \ud83c\udfe5 U+1F3E5 (4 bytes) */
    jt_node *n = parse("[\"q\\\"b\\\\s\\/n\\nt\\t\", \"M\\u00f4n\", \"\\ud83c\\udfe5\", \"\"]");
    assert_non_null(n);
    assert_string_equal(n->child->text, "q\"b\\s/n\nt\t");
    assert_string_equal(n->child->next->text, "M\xc3\xb4n");
    assert_string_equal(n->child->next->next->text, "\xf0\x9f\x8f\xa5");
    assert_string_equal(n->child->next->next->next->text, "");
    jt_free(n);
    n = parse("{}");
    assert_non_null(n);
    assert_int_equal(n->count, 0);
    jt_free(n);
}

static void not_json_is_refused(void **state)
{
    (void)state;
    static const char *const bad[] = { "", "{", "[1,", "{\"a\" 1}", "{\"a\":}", "[1] x",
                                       "\"open", "[\"\\u12\"]", "{1: 2}", "[tru]", "[1 2]" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_null(parse(bad[i]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_document_reads_back),
        cmocka_unit_test(strings_are_unescaped),
        cmocka_unit_test(not_json_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The text buffer and the number writers of sbuf.c: every report's numbers
 * go through them, so each must print exactly what printf would. */
#include "testutil.h"

#include "sbuf.h"

/* Runs one writer on a fresh buffer and compares the whole text. */
#define assert_writes(expected, call)              \
    do {                                           \
        sbuf b;                                    \
        sb_init(&b);                               \
        call;                                      \
        assert_false(b.oom);                       \
        assert_non_null(b.s);                      \
        assert_string_equal(b.s, (expected));      \
        sb_free(&b);                               \
    } while (0)

static void int_like_lld(void **state)
{
    (void)state;
    assert_writes("0", sb_int(&b, 0));
    assert_writes("1", sb_int(&b, 1));
    assert_writes("-1", sb_int(&b, -1));
    assert_writes("2025", sb_int(&b, 2025));
    assert_writes("-1234567890123", sb_int(&b, -1234567890123LL));
    assert_writes("9223372036854775807", sb_int(&b, INT64_MAX));
    assert_writes("-9223372036854775808", sb_int(&b, INT64_MIN));
}

static void pence_as_pounds(void **state)
{
    (void)state;
    assert_writes("0.00", sb_pence(&b, 0));
    assert_writes("0.01", sb_pence(&b, 1));
    assert_writes("-0.01", sb_pence(&b, -1));
    assert_writes("0.99", sb_pence(&b, 99));
    assert_writes("-0.99", sb_pence(&b, -99));
    assert_writes("1.00", sb_pence(&b, 100));
    assert_writes("-1.00", sb_pence(&b, -100));
    assert_writes("1.01", sb_pence(&b, 101));
    assert_writes("-445128.12", sb_pence(&b, -44512812));
    assert_writes("125733.38", sb_pence(&b, 12573338));
    assert_writes("92233720368547758.07", sb_pence(&b, INT64_MAX));
    /* printf's "%lld" of -INT64_MIN was undefined; now it is the true value. */
    assert_writes("-92233720368547758.08", sb_pence(&b, INT64_MIN));
}

static void money_to_whole_pounds(void **state)
{
    (void)state;
    assert_writes("0", sb_money(&b, 0.0));
    assert_writes("0", sb_money(&b, -0.0));
    assert_writes("0", sb_money(&b, 0.4));
    assert_writes("0", sb_money(&b, -0.4));  /* rounds to nothing: no sign */
    assert_writes("1", sb_money(&b, 0.5));
    assert_writes("-1", sb_money(&b, -0.5));
    assert_writes("999", sb_money(&b, 999.0));
    assert_writes("1,000", sb_money(&b, 999.5));
    assert_writes("-1,234,567", sb_money(&b, -1234567.49));
    assert_writes("-1,234,568", sb_money(&b, -1234567.5));
    assert_writes("242,407,596", sb_money(&b, 242407596.12714249));
    assert_writes("1,000,000,000,000,000", sb_money(&b, 1e15));
    assert_writes("123,456,789,012,345,680", sb_money(&b, 123456789012345678.0));
    /* Beyond 2^63 printf still writes the pounds. */
    assert_writes("10,000,000,000,000,000,000", sb_money(&b, 1e19));
    assert_writes("-", sb_money(&b, NAN));
    assert_writes("-", sb_money(&b, INFINITY));
    assert_writes("-", sb_money(&b, -INFINITY));
}

static void json_number(sbuf *b, double v)
{
    jw w;
    jw_init(&w, b);
    jw_number(&w, NULL, v);
}

/* Whole numbers below 1e15 are "%.1f": digits and ".0", the sign kept. */
static void json_whole_numbers(void **state)
{
    (void)state;
    assert_writes("0.0", json_number(&b, 0.0));
    assert_writes("-0.0", json_number(&b, -0.0));
    assert_writes("1.0", json_number(&b, 1.0));
    assert_writes("-1.0", json_number(&b, -1.0));
    assert_writes("6304000.0", json_number(&b, 6304000.0));
    assert_writes("-241000000.0", json_number(&b, -241000000.0));
    assert_writes("999999999999999.0", json_number(&b, 999999999999999.0));
    assert_writes("-999999999999999.0", json_number(&b, -999999999999999.0));
    /* From 1e15 on, and for fractions, "%.17g". */
    assert_writes("1000000000000000", json_number(&b, 1e15));
    assert_writes("9007199254740992", json_number(&b, 9007199254740992.0));
    assert_writes("1170863.75", json_number(&b, 1170863.75));
    assert_writes("null", json_number(&b, NAN));
    assert_writes("null", json_number(&b, INFINITY));
}

static void g17_like_printf(void **state)
{
    (void)state;
    assert_writes("0", sb_g17(&b, 0.0));
    assert_writes("-0", sb_g17(&b, -0.0));
    assert_writes("0.5", sb_g17(&b, 0.5));
    assert_writes("1.5", sb_g17(&b, 1.5));
    assert_writes("0.10000000000000001", sb_g17(&b, 0.1));
    assert_writes("-0.10000000000000001", sb_g17(&b, -0.1));
    assert_writes("0.30000000000000004", sb_g17(&b, 0.1 + 0.2));
    assert_writes("0.33333333333333331", sb_g17(&b, 1.0 / 3));
    assert_writes("-0.66666666666666663", sb_g17(&b, -2.0 / 3));
    assert_writes("0.99999999999999989", sb_g17(&b, 0.99999999999999989));
    assert_writes("1170863.75", sb_g17(&b, 1170863.75));
    assert_writes("228716649.90039003", sb_g17(&b, 228716649.90039003));
    assert_writes("7386946.2267524553", sb_g17(&b, 7386946.2267524553));
    assert_writes("-28108.587336104829", sb_g17(&b, -28108.587336104829));
    assert_writes("0.0078125", sb_g17(&b, 0.0078125));
    assert_writes("0.0070000000000000001", sb_g17(&b, 0.007));
    /* Down to 1e-4 %g stays positional; below it writes an exponent. */
    assert_writes("0.0001", sb_g17(&b, 0.0001));
    assert_writes("0.00012345678901234567", sb_g17(&b, 0.00012345678901234567));
    assert_writes("1.0000000000000001e-05", sb_g17(&b, 0.00001));
    /* Exact halves of the 17th digit go to the even digit. */
    assert_writes("1234567890123456.2", sb_g17(&b, 1234567890123456.25));
    assert_writes("1234567890123456.8", sb_g17(&b, 1234567890123456.75));
    assert_writes("-1234567890123456.8", sb_g17(&b, -1234567890123456.75));
    assert_writes("4503599627370495.5", sb_g17(&b, 4503599627370495.5));
    /* 17 digits of integer, then the exponent form from 1e17. */
    assert_writes("10000000000000002", sb_g17(&b, 1e16 + 2));
    assert_writes("99999999999999984", sb_g17(&b, 99999999999999984.0));
    assert_writes("1e+17", sb_g17(&b, 1e17));
    assert_writes("1.2345678901234568e+17", sb_g17(&b, 123456789012345678.0));
    assert_writes("1.7976931348623157e+308", sb_g17(&b, 1.7976931348623157e308));
    assert_writes("4.9406564584124654e-324", sb_g17(&b, 4.9406564584124654e-324));
    assert_writes("inf", sb_g17(&b, INFINITY));
    assert_writes("-inf", sb_g17(&b, -INFINITY));
}

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void g17_check(double v)
{
    char want[64];
    snprintf(want, sizeof want, "%.17g", v);
    assert_writes(want, sb_g17(&b, v));
}

/* Against printf itself, where the exact arithmetic does the work: money to
 * the penny and beyond, fractions, exact ties, and the edges of the range. */
static void property_g17_is_printf(void **state)
{
    (void)state;
    uint64_t s = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 100000; i++) {
        uint64_t r = next_random(&s);
        double v;
        uint64_t bits = (r & 0x800fffffffffffffu) | (uint64_t)(1023 - 70 + (int)(r % 141)) << 52;
        memcpy(&v, &bits, sizeof v);
        g17_check(v);
        g17_check((double)(int64_t)(next_random(&s) % 2000000000000u) / 100.0 - 1e10);
        g17_check((double)(1000000000000000 + (int64_t)(next_random(&s) % 8000000000000000u)) +
                  (double)(r % 4) * 0.25);
        g17_check(ldexp((double)(next_random(&s) >> 11), -(int)(r % 64)));
        g17_check(99999999999999999.0 - (double)(r % 100));
    }
}

static void json_document(void **state)
{
    (void)state;
    sbuf b;
    sb_init(&b);
    jw w;
    jw_init(&w, &b);
    jw_object(&w, NULL);
    jw_int(&w, "s75", 1);
    jw_array(&w, "values");
    jw_number(&w, NULL, -0.0);
    jw_number(&w, NULL, 0.25);
    jw_pence(&w, NULL, -1);
    jw_end_array(&w);
    jw_object(&w, "empty");
    jw_end_object(&w);
    jw_string(&w, "name", "Quote \" back\\slash\nline\ttab\r\x01 £");
    jw_end_object(&w);
    assert_string_equal(b.s, "{\n"
                             " \"s75\": 1,\n"
                             " \"values\": [\n"
                             "  -0.0,\n"
                             "  0.25,\n"
                             "  -0.01\n"
                             " ],\n"
                             " \"empty\": {},\n"
                             " \"name\": \"Quote \\\" back\\\\slash\\nline\\ttab\\r\\u0001 £\"\n"
                             "}\n");
    sb_free(&b);
}

/* Deep nesting indents one space a level, up to the writer's limit of 63. */
static void json_deep_indent(void **state)
{
    (void)state;
    sbuf b, want;
    sb_init(&b);
    sb_init(&want);
    jw w;
    jw_init(&w, &b);
    sb_putc(&want, '[');
    jw_array(&w, NULL);
    for (int level = 1; level < 70; level++) {
        jw_array(&w, NULL);
        sb_putc(&want, '\n');
        for (int j = 0; j < (level < 63 ? level : 63); j++)
            sb_putc(&want, ' ');
        sb_putc(&want, '[');
    }
    jw_int(&w, NULL, 7);
    sb_putc(&want, '\n');
    for (int j = 0; j < 63; j++)
        sb_putc(&want, ' ');
    sb_putc(&want, '7');
    assert_string_equal(b.s, want.s);
    sb_free(&b);
    sb_free(&want);
}

static void buffer_grows_by_characters(void **state)
{
    (void)state;
    sbuf b;
    sb_init(&b);
    for (int i = 0; i < 10000; i++)
        sb_putc(&b, (char)('a' + i % 26));
    assert_int_equal(b.len, 10000);
    assert_int_equal(b.s[b.len], '\0');
    assert_int_equal(b.s[9999], 'a' + 9999 % 26);
    size_t len;
    char *s = sb_take(&b, &len);
    assert_int_equal(len, 10000);
    assert_int_equal(strlen(s), 10000);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(int_like_lld),
        cmocka_unit_test(pence_as_pounds),
        cmocka_unit_test(money_to_whole_pounds),
        cmocka_unit_test(json_whole_numbers),
        cmocka_unit_test(g17_like_printf),
        cmocka_unit_test(property_g17_is_printf),
        cmocka_unit_test(json_document),
        cmocka_unit_test(json_deep_indent),
        cmocka_unit_test(buffer_grows_by_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

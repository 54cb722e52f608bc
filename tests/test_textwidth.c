/* Columns of text (textwidth.c): display widths without the locale, wrapping
 * at words and never inside a UTF-8 character. */
#include "testutil.h"

#include <string.h>

#include "textwidth.h"

#define assert_writes(expected, call)         \
    do {                                      \
        sbuf b;                               \
        sb_init(&b);                          \
        call;                                 \
        assert_false(b.oom);                  \
        assert_non_null(b.s);                 \
        assert_string_equal(b.s, (expected)); \
        sb_free(&b);                          \
    } while (0)

static void widths_count_columns_not_bytes(void **state)
{
    (void)state;
    assert_int_equal(tw_width(""), 0);
    assert_int_equal(tw_width("Derby"), 5);
    /* "Ynys Môn": ô is 2 bytes, 1 column */
    assert_int_equal(tw_width("Ynys M\xc3\xb4n"), 8);
    /* e + U+0301 combining acute: 3 bytes, 1 column */
    assert_int_equal(tw_width("e\xcc\x81"), 1);
    /* U+6E2F U+533A (two CJK ideographs): 6 bytes, 4 columns */
    assert_int_equal(tw_width("\xe6\xb8\xaf\xe5\x8c\xba"), 4);
    /* U+1F3E5 hospital emoji: 4 bytes, 2 columns */
    assert_int_equal(tw_width("\xf0\x9f\x8f\xa5"), 2);
    /* a stray continuation byte and a truncated sequence: one column each */
    assert_int_equal(tw_width("\x80"), 1);
    assert_int_equal(tw_width("a\xe6\xb8"), 3);
    /* an overlong "/" is not decoded as a character */
    assert_int_equal(tw_width("\xc0\xaf"), 2);
    assert_int_equal(tw_codepoint_width(0x200B), 0); /* zero width space */
    assert_int_equal(tw_codepoint_width(0xAC00), 2); /* Hangul */
}

static void padding_by_display_width(void **state)
{
    (void)state;
    assert_writes("M\xc3\xb4n  |", (sb_pad_right(&b, "M\xc3\xb4n", 5), sb_putc(&b, '|')));
    assert_writes("  \xe6\xb8\xaf|", (sb_pad_left(&b, "\xe6\xb8\xaf", 4), sb_putc(&b, '|')));
    /* wider than the column: written whole */
    assert_writes("abcdef", sb_pad_right(&b, "abcdef", 3));
}

static void clipping_stops_on_a_character(void **state)
{
    (void)state;
    /* 3 columns of "港区x": the second ideograph would need columns 3-4 */
    assert_writes("\xe6\xb8\xaf", assert_int_equal(sb_clip(&b, "\xe6\xb8\xaf\xe5\x8c\xba" "x", 3), 2));
    assert_writes("e\xcc\x81t", assert_int_equal(sb_clip(&b, "e\xcc\x81t\xc3\xa9", 2), 2));
}

static void wrapping_breaks_at_a_word(void **state)
{
    (void)state;
    const char *next;
    const char *s = "Community nurse (intermediate care) (band 6)";
    size_t n = tw_wrap(s, 40, &next);
    assert_int_equal(n, strlen("Community nurse (intermediate care)"));
    assert_string_equal(next, "(band 6)");
    /* one word longer than the line: cut on a character boundary, the
     * 2-column ideographs never split (4 of them take 8 columns, a 5th would
     * need 10 > 9) */
    const char *cjk = "\xe6\xb8\xaf\xe6\xb8\xaf\xe6\xb8\xaf\xe6\xb8\xaf\xe6\xb8\xaf";
    n = tw_wrap(cjk, 9, &next);
    assert_int_equal(n, 12);
    assert_string_equal(next, "\xe6\xb8\xaf");
    /* everything fits: the whole string, nothing next */
    n = tw_wrap("short", 40, &next);
    assert_int_equal(n, 5);
    assert_string_equal(next, "");
}

static void a_long_label_wraps_and_keeps_its_band(void **state)
{
    (void)state;
    /* the continuation is indented two more than the label, and padded to 40
     * so the figures line up with the rows above */
    assert_writes("Community nurse (intermediate care)\n"
                  "  (band 6)                              |",
                  (sb_label_cell(&b, "Community nurse (intermediate care) (band 6)", 40),
                   sb_putc(&b, '|')));
    assert_writes("  Derbyshire County Council (public\n"
                  "    health)                             |",
                  (sb_label_cell(&b, "  Derbyshire County Council (public health)", 40),
                   sb_putc(&b, '|')));
    /* exactly the width: one line */
    assert_writes("0123456789|", (sb_label_cell(&b, "0123456789", 10), sb_putc(&b, '|')));
    /* multibyte: padding counts columns, "Gwasanaethau Iechyd Môn" fits in 24 */
    assert_writes("Gwasanaethau Iechyd M\xc3\xb4n |",
                  (sb_label_cell(&b, "Gwasanaethau Iechyd M\xc3\xb4n", 24), sb_putc(&b, '|')));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(widths_count_columns_not_bytes),
        cmocka_unit_test(padding_by_display_width),
        cmocka_unit_test(clipping_stops_on_a_character),
        cmocka_unit_test(wrapping_breaks_at_a_word),
        cmocka_unit_test(a_long_label_wraps_and_keeps_its_band),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

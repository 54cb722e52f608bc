/* util/csv_read.c: cells with their places, RFC 4180 quoting, encodings,
 * row widths and limits. */
#include "testutil.h"

#include "csv_read.h"

typedef struct got {
    size_t rows;
    char cells[16][8][48];
    int line[16][8], column[16][8];
    size_t n[16];
} got;

static int keep(void *ctx, size_t row, const csv_cell *cells, size_t n)
{
    got *g = ctx;
    if (row >= 16)
        return 0;
    g->rows = row + 1;
    g->n[row] = n;
    for (size_t i = 0; i < n && i < 8; i++) {
        snprintf(g->cells[row][i], sizeof g->cells[row][i], "%s", cells[i].text);
        g->line[row][i] = cells[i].line;
        g->column[row][i] = cells[i].column;
    }
    return 0;
}

static int read_text(const char *text, size_t len, const csv_limits *lim, got *g, diag *d)
{
    memset(g, 0, sizeof *g);
    diag_init(d);
    return csv_read("t.csv", text, len, lim, keep, g, d);
}

static void quoting_and_places(void **state)
{
    (void)state;
    /* A BOM, a quoted comma, a doubled quote, a newline inside quotes, CRLF
     * ends, a blank line, and a formula that stays text. */
    const char text[] = "\xEF\xBB\xBF" "a,b,c\r\n"
                        "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
                        "\r\n"
                        "\"two\nlines\",=SUM(A1:A3),\xC2\xA3" "5\r\n";
    got g;
    diag d;
    assert_int_equal(read_text(text, sizeof text - 1, NULL, &g, &d), S75_OK);
    assert_int_equal(d.count, 0);
    assert_int_equal(g.rows, 3);
    assert_string_equal(g.cells[0][0], "a"); /* the BOM is not part of the header */
    assert_int_equal(g.column[0][0], 1);
    assert_string_equal(g.cells[1][1], "x, y");
    assert_string_equal(g.cells[1][2], "say \"hi\"");
    /* "1,"x, y"," : the third field starts at character 10 of line 2 */
    assert_int_equal(g.line[1][2], 2);
    assert_int_equal(g.column[1][2], 10);
    assert_string_equal(g.cells[2][0], "two\nlines");
    assert_int_equal(g.line[2][0], 4);
    assert_int_equal(g.column[2][0], 1);
    /* the field after the quoted newline is on line 5, after `lines",` */
    assert_string_equal(g.cells[2][1], "=SUM(A1:A3)");
    assert_int_equal(g.line[2][1], 5);
    assert_int_equal(g.column[2][1], 8);
    /* columns count characters: the pound sign is one */
    assert_string_equal(g.cells[2][2], "\xC2\xA3" "5");
    assert_int_equal(g.column[2][2], 20);
    diag_clear(&d);
}

static void last_row_without_newline(void **state)
{
    (void)state;
    got g;
    diag d;
    assert_int_equal(read_text("a,b\n1,2", 7, NULL, &g, &d), S75_OK);
    assert_int_equal(g.rows, 2);
    assert_string_equal(g.cells[1][1], "2");
    assert_int_equal(g.column[1][1], 3);
    diag_clear(&d);
}

static void windows_1252_pound_named_with_its_place(void **state)
{
    (void)state;
    got g;
    diag d;
    /* 0xA3 is the fifth character of line 2; line 3 has another bad byte */
    const char text[] = "a,b\nx,\"\xA3" "5\"\ny,\xE9t\xE9\n";
    assert_int_equal(read_text(text, sizeof text - 1, NULL, &g, &d), S75_EINVAL);
    assert_int_equal(d.count, 2);
    assert_string_equal(d.items[0].message, "t.csv:2:4: byte 0xA3 is not UTF-8: it is a pound "
                        "sign in Windows-1252; save the export as 'CSV UTF-8'");
    assert_int_equal(d.items[1].line, 3);
    assert_int_equal(d.items[1].column, 3);
    assert_non_null(strstr(d.items[1].text, "byte 0xE9 is not UTF-8"));
    assert_int_equal(g.rows, 0); /* nothing is read from a file in the wrong encoding */
    diag_clear(&d);
}

static void unterminated_quote_at_its_opening(void **state)
{
    (void)state;
    got g;
    diag d;
    const char text[] = "a,b\n1,2\n3,\"open\n4,5\n";
    assert_int_equal(read_text(text, sizeof text - 1, NULL, &g, &d), S75_EINVAL);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[0].column, 3);
    assert_non_null(strstr(d.items[0].text, "unterminated quote"));
    assert_int_equal(g.rows, 2);
    diag_clear(&d);
}

static void stray_quote(void **state)
{
    (void)state;
    got g;
    diag d;
    const char text[] = "a,b\n1,ab\"c\n";
    assert_int_equal(read_text(text, sizeof text - 1, NULL, &g, &d), S75_EINVAL);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].column, 5); /* the quote */
    diag_clear(&d);
}

static void widths_differ_from_the_header(void **state)
{
    (void)state;
    got g;
    diag d;
    const char text[] = "a,b,c\n1,2\n1,2,3,4\n5,6,7\n";
    assert_int_equal(read_text(text, sizeof text - 1, NULL, &g, &d), S75_EINVAL);
    assert_int_equal(d.count, 2);
    /* too few: at the end of the row, naming the first missing column */
    assert_string_equal(d.items[0].message, "t.csv:2:4: this row has 2 fields and the header "
                        "3: no value for the column 'c'");
    /* too many: at the first extra field */
    assert_int_equal(d.items[1].line, 3);
    assert_int_equal(d.items[1].column, 7);
    /* the header and the good row reach the callback, as rows 0 and 3 */
    assert_int_equal(g.rows, 4);
    assert_int_equal(g.n[1] + g.n[2], 0);
    assert_string_equal(g.cells[3][2], "7");
    diag_clear(&d);
}

static void limits(void **state)
{
    (void)state;
    got g;
    diag d;
    csv_limits lim = { 64, 2, 3 };
    const char rows[] = "a\n1\n2\n3\n";
    assert_int_equal(read_text(rows, sizeof rows - 1, &lim, &g, &d), S75_ELIMIT);
    assert_non_null(strstr(d.items[0].text, "more than 2 rows"));
    assert_int_equal(d.items[0].line, 4);
    diag_clear(&d);
    const char cols[] = "a,b,c,d\n";
    assert_int_equal(read_text(cols, sizeof cols - 1, &lim, &g, &d), S75_ELIMIT);
    assert_non_null(strstr(d.items[0].text, "more than 3 fields"));
    assert_int_equal(d.items[0].column, 7);
    diag_clear(&d);
    char big[100];
    memset(big, 'x', sizeof big);
    assert_int_equal(read_text(big, sizeof big, &lim, &g, &d), S75_ELIMIT);
    assert_non_null(strstr(d.items[0].text, "100 bytes; the limit for a table is 64"));
    diag_clear(&d);
}

static void utf8_validator(void **state)
{
    (void)state;
    assert_int_equal(utf8_invalid_at("ok \xC2\xA3 \xE2\x82\xAC \xF0\x9F\x98\x80", 14), 14);
    assert_int_equal(utf8_invalid_at("\xC0\xAF", 2), 0);          /* overlong */
    assert_int_equal(utf8_invalid_at("a\xED\xA0\x80", 4), 1);     /* a surrogate */
    assert_int_equal(utf8_invalid_at("ab\xF4\x90\x80\x80", 6), 2); /* above U+10FFFF */
    assert_int_equal(utf8_invalid_at("abc\xE2\x82", 5), 3);       /* cut short */
    assert_int_equal(utf8_invalid_at("a\0b", 3), 1);              /* NUL */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoting_and_places),
        cmocka_unit_test(last_row_without_newline),
        cmocka_unit_test(windows_1252_pound_named_with_its_place),
        cmocka_unit_test(unterminated_quote_at_its_opening),
        cmocka_unit_test(stray_quote),
        cmocka_unit_test(widths_differ_from_the_header),
        cmocka_unit_test(limits),
        cmocka_unit_test(utf8_validator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

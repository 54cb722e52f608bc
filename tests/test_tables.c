/* load/load_table.c, load_establishment.c and load_ledger.c: CSV tables
 * mapped onto workforce lines and monitoring actuals, passed in memory. */
#include "testutil.h"

#include "load.h"
#include "overrides.h"
#include "s75/variants.h"
#include "table.h"

static const char base_yaml[] =
    "s75: 1\nname: Tables\nbase_year: 2025\nyears: 2\n"
    "scales:\n  tiny:\n    year: 2025\n    bands:\n"
    "      \"5\": {points: [31049, 33487, 37796], progression_years: [2, 2]}\n"
    "      \"6\": {points: [38682, 40823, 46580], progression_years: [2, 3]}\n"
    "pay:\n  scale: tiny\n  awards: \"3%\"\n"
    "  oncosts: {employer_ni: {rate: \"15%\", threshold: 5000}, pension: \"23.78%\"}\n"
    "partners:\n  - {id: council, contribution: {amount: 1000000}}\n";

static const char establishment_map[] =
    "workforce_from:\n"
    "  table: staff\n"
    "  columns: {role: Role, band: Grade, wte: FTE, headcount: Heads, point: Point}\n"
    "  defaults: {vacancy: \"5%\"}\n"
    "  bands: {\"Band 5\": {vacancy: \"8%\"}}\n"
    "  roles: {HV: {turnover: \"11%\"}}\n";

static const char staff_csv[] =
    "Role,Grade,FTE,Heads,Point\n"
    "HV,Band 6,1.00,,Point 1\n"
    "HV,Agenda for Change Band 6,0.60,1,3\n"
    "Nurse,Band 5,\"1,200.50\",1300,Entry\n"
    "HV,6,0.40,1,Top\n";

static const char ledger_map[] =
    "monitoring:\n  year: 2025\n"
    "  actuals_from:\n"
    "    table: ledger\n"
    "    columns: {period: Period, cost_centre: CC, account: Account, amount: Amount}\n"
    "    cost_centres: [A1, A2]\n"
    "    accounts: {pay: [\"5101\"], agency: [\"517\"], non_pay: [\"6\"]}\n"
    "    credits: true\n";

static const char ledger_csv[] =
    "Period,CC,Account,Amount\n"
    "1,A1,5101,\"1,000.00\"\n"
    "April,A1,5170,250.50\n"
    "2025-05,A2,6100,(10.00)\n"
    "15/05/2025,A1,5101,2000\n"
    "2025-05-31,ZZ,5101,999\n"
    "2024-05,A1,5101,5\n"
    "3,A1,9999,7\n";

static scenario *load_with(const char *yaml, const char *name, const char *csv, diag *d)
{
    s75_table t = { name, csv, strlen(csv) };
    load_opts o = { NULL, 0, NULL, &t, 1, 0 };
    diag_init(d);
    return load_scenario_opts("t.yaml", yaml, strlen(yaml), &o, d);
}

static char *cat(const char *a, const char *b)
{
    char *s = malloc(strlen(a) + strlen(b) + 1);
    assert_non_null(s);
    strcpy(s, a);
    strcat(s, b);
    return s;
}

static void export_numbers(void **state)
{
    (void)state;
    double v;
    assert_int_equal(parse_export_number("1,200.5", &v), 0);
    assert_close(v, 1200.5, 0);
    assert_int_equal(parse_export_number("\xC2\xA3" "1,234,567.25", &v), 0);
    assert_close(v, 1234567.25, 0);
    assert_int_equal(parse_export_number("(12.50)", &v), 0);
    assert_close(v, -12.5, 0);
    assert_int_equal(parse_export_number("-0.8", &v), 0);
    assert_close(v, -0.8, 0);
    assert_int_equal(parse_export_number("0,8", &v), -1);     /* a decimal comma */
    assert_int_equal(parse_export_number("1,20", &v), -1);    /* not groups of three */
    assert_int_equal(parse_export_number("=SUM(A1)", &v), -1);
    assert_int_equal(parse_export_number("1e3", &v), -1);
    assert_int_equal(parse_export_number("nan", &v), -1);
    int64_t p;
    assert_int_equal(parse_export_pence("1,000.5", &p), 0);
    assert_int_equal(p, 100050);
    assert_int_equal(parse_export_pence("(0.07)", &p), 0);
    assert_int_equal(p, -7);
    assert_int_equal(parse_export_pence("12.3400", &p), 0);
    assert_int_equal(p, 1234);
    assert_int_equal(parse_export_pence("12.345", &p), -1);   /* a fraction of a penny */
}

static void periods(void **state)
{
    (void)state;
    int fy, m;
    assert_int_equal(parse_period("1", &fy, &m), 0);
    assert_int_equal(fy, -1);
    assert_int_equal(m, 1);                                   /* 1 = April */
    assert_int_equal(parse_period("P06", &fy, &m), 0);
    assert_int_equal(m, 6);
    assert_int_equal(parse_period("September", &fy, &m), 0);
    assert_int_equal(m, 6);
    assert_int_equal(fy, -1);
    assert_int_equal(parse_period("Jan-26", &fy, &m), 0);     /* January 2026 is in 2025/26 */
    assert_int_equal(fy, 2025);
    assert_int_equal(m, 10);
    assert_int_equal(parse_period("2025-09", &fy, &m), 0);
    assert_int_equal(fy, 2025);
    assert_int_equal(m, 6);
    assert_int_equal(parse_period("2026-03-31", &fy, &m), 0);
    assert_int_equal(fy, 2025);
    assert_int_equal(m, 12);
    assert_int_equal(parse_period("31/03/2025", &fy, &m), 0); /* the last day of 2024/25 */
    assert_int_equal(fy, 2024);
    assert_int_equal(m, 12);
    assert_int_equal(parse_period("13", &fy, &m), -1);
    assert_int_equal(parse_period("2025-02-30", &fy, &m), -1);
    assert_int_equal(parse_period("31/09/2025", &fy, &m), -1);
    assert_int_equal(parse_period("Q2", &fy, &m), -1);
}

static void establishment_rows_summed_into_lines(void **state)
{
    (void)state;
    char *yaml = cat(base_yaml, establishment_map);
    diag d;
    scenario *sc = load_with(yaml, "staff", staff_csv, &d);
    if (!sc)
        print_error("%s\n", d.items[0].message);
    assert_non_null(sc);
    assert_int_equal(sc->n_lines, 2);
    /* HV: three rows of band 6, 1.00 on point 1, 0.60 on 3, 0.40 on the top
     * (3): WTE 2.0, shares [1/2, 0, 1/2]; headcount blank -> its WTE 1, + 1 + 1 = 3 */
    const workforce_line *hv = &sc->lines[0];
    assert_string_equal(hv->role, "HV");
    assert_string_equal(sc->bands[hv->band].name, "6");
    assert_close(hv->wte, 2.0, 1e-12);
    assert_close(hv->headcount, 3.0, 1e-12);
    assert_close(hv->shares[0], 0.5, 1e-12);
    assert_close(hv->shares[1], 0.0, 0);
    assert_close(hv->shares[2], 0.5, 1e-12);
    assert_close(hv->turnover, 0.11, 1e-15); /* the role's */
    assert_close(hv->vacancy, 0.05, 1e-15);  /* the defaults' */
    const workforce_line *nurse = &sc->lines[1];
    assert_close(nurse->wte, 1200.5, 0);     /* "1,200.50" */
    assert_close(nurse->headcount, 1300, 0);
    assert_close(nurse->shares[0], 1.0, 0);  /* Entry */
    assert_close(nurse->vacancy, 0.08, 1e-15); /* band 5's, over the defaults */
    assert_close(nurse->turnover, 0, 0);
    assert_int_equal(sc->n_tables, 1);
    assert_int_equal(sc->tables[0].rows, 4);
    assert_int_equal(sc->tables[0].used, 4);
    assert_int_equal(sc->tables[0].lines, 2);
    scenario_free(sc);
    diag_clear(&d);
    free(yaml);
}

static void ledger_rows_summed_by_month(void **state)
{
    (void)state;
    char *yaml = cat(base_yaml, ledger_map);
    diag d;
    scenario *sc = load_with(yaml, "ledger", ledger_csv, &d);
    if (!sc)
        print_error("%s\n", d.items[0].message);
    assert_non_null(sc);
    const monitoring_spec *m = &sc->monitoring;
    /* The last month with a posting in scope is May (month 3 holds only an
     * unmapped account): two months. */
    assert_int_equal(m->n_actuals[CAT_PAY], 2);
    assert_money(m->actuals[CAT_PAY][0], 1000.00);
    assert_money(m->actuals[CAT_PAY][1], 2000.00); /* 15/05/2025; ZZ and 2024-05 left out */
    assert_int_equal(m->n_actuals[CAT_AGENCY], 2);
    assert_money(m->actuals[CAT_AGENCY][0], 250.50);
    assert_money(m->actuals[CAT_AGENCY][1], 0);
    assert_money(m->actuals[CAT_NON_PAY][0], 0);
    assert_money(m->actuals[CAT_NON_PAY][1], -10.00); /* (10.00), a credit */
    const table_summary *t = &sc->tables[0];
    assert_int_equal(t->rows, 7);
    assert_int_equal(t->used, 4);
    assert_int_equal(t->other_cost_centre, 1);
    assert_int_equal(t->other_year, 1);
    assert_int_equal(t->other_account, 1);
    scenario_free(sc);
    diag_clear(&d);
    free(yaml);
}

static void errors_name_file_line_column_and_header(void **state)
{
    (void)state;
    char *yaml = cat(base_yaml, establishment_map);
    diag d;
    const char bad[] = "Role,Grade,FTE,Heads,Point\n"
                       "HV,Band 9,1.0,,1\n"
                       "HV,6,-1,,1\n"
                       "HV,6,abc,,1\n"
                       "HV,6,1,,Point 4\n";
    assert_null(load_with(yaml, "staff", bad, &d));
    assert_int_equal(d.count, 4);
    assert_string_equal(d.items[0].message, "staff:2:4: workforce_from.columns.band: 'Grade' is "
                        "'Band 9': no such band in the pay scale (its bands: 5, 6)");
    assert_string_equal(d.items[1].message, "staff:3:6: workforce_from.columns.wte: 'FTE' is "
                        "'-1': a WTE must be between 0 and 1000000");
    assert_non_null(strstr(d.items[2].message, "staff:4:6: workforce_from.columns.wte: 'FTE' is "
                           "'abc': expected a number"));
    assert_non_null(strstr(d.items[3].message, "staff:5:9: workforce_from.columns.point: "
                           "'Point' is 'Point 4': band 6 has 3 pay points"));
    diag_clear(&d);
    /* a mapped column the header lacks: at the header, with a suggestion */
    assert_null(load_with(yaml, "staff", "Role,Grades,FTE,Heads,Point\nHV,6,1,,1\n", &d));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].message, "staff:1:1: workforce_from.columns.band: the header "
                        "has no column 'Grade' (did you mean 'Grades'?)");
    diag_clear(&d);
    /* a role in the YAML that no row has (when every row was read) */
    assert_null(load_with(yaml, "staff", "Role,Grade,FTE,Heads,Point\nNurse,6,1,,1\n", &d));
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 22);
    assert_string_equal(d.items[0].path, "workforce_from.roles.HV");
    diag_clear(&d);
    free(yaml);
}

static void account_in_two_categories(void **state)
{
    (void)state;
    char *yaml = cat(base_yaml, ledger_map);
    char *p = strstr(yaml, "pay: [\"5101\"]");
    memcpy(p, "pay: [\"51\"]  ", 13); /* now 5170 is pay by 51 and agency by 517 */
    diag d;
    const char csv[] = "Period,CC,Account,Amount\n1,A1,5170,1\n2,A1,5170,1\n1,A1,5101,-3\n";
    assert_null(load_with(yaml, "ledger", csv, &d));
    /* Reported once per code, at its first row; the credit is allowed here. */
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].message, "ledger:2:6: monitoring.actuals_from.columns.account: "
                        "'Account' is '5170': the code is mapped to two categories: pay by '51' "
                        "(line 23) and agency by '517' (line 23)");
    diag_clear(&d);
    free(yaml);
}

static void negative_amount_without_credits(void **state)
{
    (void)state;
    char *yaml = cat(base_yaml, ledger_map);
    *strstr(yaml, "    credits: true\n") = '\0';
    diag d;
    assert_null(load_with(yaml, "ledger", "Period,CC,Account,Amount\nSep,A1,5101,(5.00)\n"
                          "Smarch,A1,5101,5\n", &d));
    assert_int_equal(d.count, 2);
    assert_int_equal(d.items[0].column, 13);
    assert_non_null(strstr(d.items[0].text, "a negative amount"));
    assert_string_equal(d.items[1].path, "monitoring.actuals_from.columns.period");
    assert_int_equal(d.items[1].line, 3);
    diag_clear(&d);
    free(yaml);
}

static void profile_from_a_table(void **state)
{
    (void)state;
    char *yaml = cat(base_yaml, "monitoring:\n  year: 2025\n  method: profile\n"
                     "  actuals: {pay: [10]}\n"
                     "  profile_from: {table: profile, columns: {period: Month, pay: Pay}}\n");
    diag d;
    /* Amounts 1..12 (April 1, ..., March 12): shares k / 78. */
    char csv[512] = "Month,Pay\n";
    static const char *const names[] = { "April", "May", "June", "July", "August", "September",
                                         "October", "November", "December", "January",
                                         "February", "March" };
    for (int k = 12; k >= 1; k--)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "%s,%d\n", names[k - 1], k);
    scenario *sc = load_with(yaml, "profile", csv, &d);
    assert_non_null(sc);
    assert_close(sc->monitoring.profile[CAT_PAY][0], 1.0 / 78, 1e-15);
    assert_close(sc->monitoring.profile[CAT_PAY][11], 12.0 / 78, 1e-15);
    assert_close(sc->monitoring.profile[CAT_AGENCY][0], 1.0 / 12, 1e-15); /* not profiled */
    scenario_free(sc);
    diag_clear(&d);
    /* a month missing */
    assert_null(load_with(yaml, "profile", "Month,Pay\nApril,1\n", &d));
    assert_non_null(strstr(d.items[0].text, "no row for month 2 (may)"));
    diag_clear(&d);
    free(yaml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(export_numbers),
        cmocka_unit_test(periods),
        cmocka_unit_test(establishment_rows_summed_into_lines),
        cmocka_unit_test(ledger_rows_summed_by_month),
        cmocka_unit_test(errors_name_file_line_column_and_header),
        cmocka_unit_test(account_in_two_categories),
        cmocka_unit_test(negative_amount_without_credits),
        cmocka_unit_test(profile_from_a_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

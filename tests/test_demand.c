/* Workforce need against the workforce (MODEL.md §6, §6.1): contact hours
 * over the contact share of productive hours, caseloads, need weights, and
 * the gap priced at pay per in-post WTE; every figure worked by hand. */
#include "testutil.h"

#include <s75/s75.h>

#include "run.h"

/* Three years (2025/26 to 2027/28). One pay point a band, so a line's pay
 * per in-post WTE is m·(1 + pension) + NI·(m - threshold) with headcount =
 * WTE: band 6 £40,000, band 4 £30,000, band 7 £50,000 in 2025/26, awards 3%
 * from 2026/27 (roundhalfup: 40,000 -> 41,200 -> 42,436; 30,000 -> 30,900 ->
 * 31,827). NI 15% above £5,000, pension 20%, no levy.
 *
 * Band 6 has two lines: 100 WTE with 10% vacancy half covered by agency
 * (staffed 100·(1 - 0.1 + 0.05) = 95, in post 90) and 10 WTE fully in post:
 * staffed 105, in post 100. Band 4: 20 WTE in post. Band 7: 2 WTE all vacant
 * and all covered by agency: staffed 2, in post 0 (no unit cost).
 *
 * Demand: productive hours 1500; non-contact 35%, 40% from 2027/28, so the
 * contact hours a WTE gives are 1500·0.65 = 975, 975, 1500·0.6 = 900.
 * births: base 1000, growth 2%, need weight 1.1 then 1.2 from 2026/27:
 *   1000·1.1 = 1100; 1020·1.2 = 1224; 1040.4·1.2 = 1248.48.
 * children: base 5000, growth -1%, unweighted: 5000; 4950; 4900.5.
 * Activities: new birth visit (births, 90% coverage, 120 minutes, band 6):
 * 1.8 hours a birth; review (births, 60 minutes, band 4): 1 hour a birth.
 * Caseloads: children per health visitor 250, 200 from 2026/27 (band 6);
 * births per specialist 500 (band 7, named by no activity). */
static const char *const yaml =
    "s75: 1\n"
    "name: Demand worked example\n"
    "base_year: 2025\n"
    "years: 3\n"
    "scales:\n"
    "  tiny:\n"
    "    year: 2025\n"
    "    bands:\n"
    "      \"4\": {points: [30000], progression_years: []}\n"
    "      \"6\": {points: [40000], progression_years: []}\n"
    "      \"7\": {points: [50000], progression_years: []}\n"
    "pay:\n"
    "  scale: tiny\n"
    "  awards: {2026: \"3%\"}\n"
    "  oncosts:\n"
    "    employer_ni: {rate: \"15%\", threshold: 5000}\n"
    "    pension: \"20%\"\n"
    "workforce:\n"
    "  - {role: Health visitor, band: \"6\", wte: 100, vacancy: \"10%\", agency_fill: \"50%\"}\n"
    "  - {role: Practice teacher, band: \"6\", wte: 10}\n"
    "  - {role: Nursery nurse, band: \"4\", wte: 20}\n"
    "  - {role: Specialist (agency), band: \"7\", wte: 2, vacancy: \"100%\", agency_fill: \"100%\"}\n"
    "partners:\n"
    "  - {id: council, name: Council, contribution: {amount: 7000000}}\n"
    "demand:\n"
    "  productive_hours: 1500\n"
    "  non_contact: {2025: \"35%\", 2027: \"40%\"}\n"
    "  drivers:\n"
    "    births: {base: 1000, growth: \"2%\", need_weight: {2025: 1.1, 2026: 1.2}}\n"
    "    children: {base: 5000, growth: \"-1%\"}\n"
    "  activities:\n"
    "    - {name: New birth visit, driver: births, coverage: \"90%\", minutes: 120, band: \"6\"}\n"
    "    - {name: Review, driver: births, minutes: 60, band: \"4\"}\n"
    "  caseloads:\n"
    "    - {name: Health visitor caseload, driver: children, per_wte: {2025: 250, 2026: 200}, band: \"6\"}\n"
    "    - {name: Specialist caseload, driver: births, per_wte: 500, band: \"7\"}\n";

#define WTE(actual, expected) assert_close((actual), (expected), 1e-9)

static void worked_example(void **state)
{
    (void)state;
    s75_scenario *sc = test_load(yaml, "demand.yaml");
    s75_result *res = test_run(sc, S75_MODE_RUN, 1);
    const demand_result *d = &res->demand;
    assert_true(res->has_demand);
    /* Activities' bands first (6, 4), then the caseload-only band 7. */
    assert_int_equal(d->n_bands, 3);
    assert_string_equal(d->bands[0], "6");
    assert_string_equal(d->bands[1], "4");
    assert_string_equal(d->bands[2], "7");
#define AT(t, b) ((size_t)(t) * 3 + (b))
    /* Band 6. Contact hours 1.8·births: 1980; 2203.2; 2247.264.
     * Caseload children/per_wte: 5000/250 = 20; 4950/200 = 24.75;
     * 4900.5/200 = 24.5025. Required = hours/contact hours a WTE + caseload:
     * 1980/975 + 20 = 22.030769230769...; 2203.2/975 + 24.75 = 27.009692307...;
     * 2247.264/900 + 24.5025 = 2.49696 + 24.5025 = 26.99946. */
    const double hours6[] = { 1980, 2203.2, 2247.264 };
    const double case6[] = { 20, 24.75, 24.5025 };
    const double req6[] = { 1980.0 / 975 + 20, 2203.2 / 975 + 24.75, 26.99946 };
    /* Pay per in-post WTE, m·1.2 + 0.15·(m - 5000): 40,000: 48,000 + 5,250 =
     * 53,250; 41,200: 49,440 + 5,430 = 54,870; 42,436: 50,923.20 + 5,615.40
     * = 56,538.60. Gap cost = (required - 105)·unit cost:
     * -82.969230769...·53,250 = -4,418,111.54; -77.990307692...·54,870 =
     * -4,279,328.18; -78.00054·56,538.60 = -4,410,041.33. */
    const double unit6[] = { 53250, 54870, 56538.6 };
    const double gapcost6[] = { -4418111.538461538, -4279328.183076923, -4410041.330844 };
    for (int t = 0; t < 3; t++) {
        WTE(d->contact_hours[AT(t, 0)], hours6[t]);
        WTE(d->caseload_wte[AT(t, 0)], case6[t]);
        WTE(d->required[AT(t, 0)], req6[t]);
        WTE(d->staffed[AT(t, 0)], 105);
        WTE(d->gap[AT(t, 0)], req6[t] - 105);
        assert_money(d->unit_cost[AT(t, 0)], unit6[t]);
        assert_money(d->gap_cost[AT(t, 0)], gapcost6[t]);
    }
    /* Band 4: hours = births; required 1100/975 = 1.128205128...,
     * 1224/975 = 1.255384615..., 1248.48/900 = 1.3872; no caseload. Unit
     * cost 30,000·1.2 + 0.15·25,000 = 39,750; 30,900 -> 37,080 + 3,885 =
     * 40,965; 31,827 -> 38,192.40 + 4,024.05 = 42,216.45. Gap cost
     * (1.128205128 - 20)·39,750 = -750,153.85; -18.744615385·40,965 =
     * -767,873.17; -18.6128·42,216.45 = -785,766.34. */
    const double hours4[] = { 1100, 1224, 1248.48 };
    const double req4[] = { 1100.0 / 975, 1224.0 / 975, 1.3872 };
    const double unit4[] = { 39750, 40965, 42216.45 };
    const double gapcost4[] = { -750153.8461538461, -767873.1692307693, -785766.3405599999 };
    for (int t = 0; t < 3; t++) {
        WTE(d->contact_hours[AT(t, 1)], hours4[t]);
        WTE(d->caseload_wte[AT(t, 1)], 0);
        WTE(d->required[AT(t, 1)], req4[t]);
        WTE(d->staffed[AT(t, 1)], 20);
        WTE(d->gap[AT(t, 1)], req4[t] - 20);
        assert_money(d->unit_cost[AT(t, 1)], unit4[t]);
        assert_money(d->gap_cost[AT(t, 1)], gapcost4[t]);
    }
    /* Band 7: caseload only, births/500 = 2.2; 2.448; 2.49696; staffed 2 by
     * agency alone, so no in-post WTE to price the gap: both null. */
    const double req7[] = { 2.2, 2.448, 2.49696 };
    for (int t = 0; t < 3; t++) {
        WTE(d->contact_hours[AT(t, 2)], 0);
        WTE(d->caseload_wte[AT(t, 2)], req7[t]);
        WTE(d->required[AT(t, 2)], req7[t]);
        WTE(d->staffed[AT(t, 2)], 2);
        WTE(d->gap[AT(t, 2)], req7[t] - 2);
        assert_true(isnan(d->unit_cost[AT(t, 2)]));
        assert_true(isnan(d->gap_cost[AT(t, 2)]));
    }
    /* Reconciliation: required is the contact part plus the caseload part,
     * and the gap cost is the gap at the unit cost, in every cell. */
    for (size_t k = 0; k < 9; k++) {
        size_t t = k / 3;
        double per_wte = 1500 * (t == 2 ? 0.6 : 0.65);
        WTE(d->required[k], d->contact_hours[k] / per_wte + d->caseload_wte[k]);
        if (!isnan(d->unit_cost[k]))
            assert_money(d->gap_cost[k], d->gap[k] * d->unit_cost[k]);
    }
#undef AT

    /* The JSON rows carry the new keys, null where there is no unit cost. */
    char *json = NULL;
    s75_error err;
    assert_int_equal(s75_result_render(&json, NULL, res, S75_FORMAT_JSON, &err), S75_OK);
    assert_non_null(strstr(json, "\"contact_hours\": 1980.0"));
    assert_non_null(strstr(json, "\"caseload_wte\": 24.75"));
    assert_non_null(strstr(json, "\"band\": \"7\""));
    assert_non_null(strstr(json, "\"gap_cost\": null"));
    assert_null(strstr(json, "unit_cost")); /* the contract's rows have no unit cost */
    s75_free(json);
    /* CSV leaves a null out: band 7 has no gap_cost row. */
    char *csv = NULL;
    assert_int_equal(s75_result_render(&csv, NULL, res, S75_FORMAT_CSV, &err), S75_OK);
    assert_non_null(strstr(csv, "demand,band 6 gap_cost,2025/26,-4418111.53846"));
    assert_non_null(strstr(csv, "demand,band 7 caseload_wte,2025/26,2.2"));
    assert_null(strstr(csv, "band 7 gap_cost"));
    s75_free(csv);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* Without the new keys, required is contact time over productive hours,
 * as it always was: 1000 births·90 minutes = 1500 hours / 1500 = 1 WTE. */
static void defaults_leave_contact_time_alone(void **state)
{
    (void)state;
    static const char *const plain =
        "s75: 1\nname: Plain\nbase_year: 2025\nyears: 1\n"
        "partners: [{id: council, name: Council, contribution: {amount: 1}}]\n"
        "demand:\n"
        "  productive_hours: 1500\n"
        "  drivers: {births: {base: 1000}}\n"
        "  activities: [{name: Visit, driver: births, minutes: 90, band: \"6\"}]\n";
    s75_scenario *sc = test_load(plain, "plain.yaml");
    s75_result *res = test_run(sc, S75_MODE_RUN, 1);
    const demand_result *d = &res->demand;
    assert_int_equal(d->n_bands, 1);
    WTE(d->contact_hours[0], 1500);
    WTE(d->caseload_wte[0], 0);
    assert_true(d->required[0] == 1.0);
    WTE(d->staffed[0], 0);
    /* No workforce at all: nothing in post to price the gap. */
    assert_true(isnan(d->unit_cost[0]));
    assert_true(isnan(d->gap_cost[0]));
    s75_result_free(res);
    s75_scenario_free(sc);
}

static int has_error(const s75_diagnostics *d, int line, int column, const char *path,
                     const char *text)
{
    for (size_t i = 0; i < s75_diagnostics_count(d); i++) {
        const s75_error *e = s75_diagnostics_get(d, i);
        if (e->line == line && e->column == column && strcmp(e->path, path) == 0 &&
            strstr(e->text, text))
            return 1;
    }
    print_error("no error at %d:%d %s containing '%s'\n", line, column, path, text);
    return 0;
}

/* Every fault in one file, each reported at its own place, all at once. */
static void bad_inputs_are_all_collected(void **state)
{
    (void)state;
    static const char *const bad =
        "s75: 1\n"                                                                  /* 1 */
        "name: Bad demand\n"
        "base_year: 2025\n"
        "years: 3\n"
        "scales: {tiny: {year: 2025, bands: {\"6\": {points: [40000], progression_years: []}}}}\n" /* 5 */
        "pay: {scale: tiny, oncosts: {employer_ni: {rate: 0, threshold: 0}, pension: 0}}\n"
        "workforce: [{role: HV, band: \"6\", wte: 10}]\n"
        "partners: [{id: council, name: Council, contribution: {amount: 1}}]\n"
        "demand:\n"
        "  productive_hours: 1500\n"                                                /* 10 */
        "  non_contact: {2025: \"35%\", 2026: \"100%\"}\n"
        "  drivers:\n"
        "    births: {base: 1000, need_weight: 0}\n"
        "    children: {base: 5000, need_weight: {2025: 1, 2027: .nan}}\n"
        "  activities:\n"                                                           /* 15 */
        "    - {name: Visit, driver: births, minutes: 90, band: \"6\"}\n"
        "  caseloads:\n"
        "    - {name: A, driver: childern, per_wte: 250, band: \"6\"}\n"
        "    - {name: B, driver: children, per_wte: 0, band: \"6\"}\n"
        "    - {name: C, driver: children, per_wte: 250, band: \"9\"}\n"             /* 20 */
        "    - {name: D, driver: children, per_wte: [250], band: \"6\"}\n"
        "    - {name: E, driver: children, band: \"6\"}\n"
        "    - {name: F, driver: children, per_wte: 250, band: \"6\", cases: 3}\n";
    s75_diagnostics *d = NULL;
    int n = s75_scenario_check_string(&d, bad, strlen(bad), "bad.yaml");
    assert_int_equal(n, 9);
    assert_true(has_error(d, 11, 36, "demand.non_contact.2026/27", "< 100%"));
    assert_true(has_error(d, 13, 39, "demand.drivers.births.need_weight", "must be > 0, got 0"));
    assert_true(has_error(d, 14, 57, "demand.drivers.children.need_weight.2027/28", "finite"));
    assert_true(has_error(d, 18, 25, "demand.caseloads[0].driver",
                          "no demand driver named 'childern' (did you mean 'children'?)"));
    assert_true(has_error(d, 19, 44, "demand.caseloads[1].per_wte", "must be > 0, got 0"));
    assert_true(has_error(d, 20, 55, "demand.caseloads[2].band", "band '9' is not in the pay scale"));
    assert_true(has_error(d, 21, 44, "demand.caseloads[3].per_wte", "expected"));
    assert_true(has_error(d, 22, 7, "demand.caseloads[4]", "per_wte"));
    assert_true(has_error(d, 23, 60, "demand.caseloads[5].cases", "cases"));
    s75_diagnostics_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example),
        cmocka_unit_test(defaults_leave_contact_time_alone),
        cmocka_unit_test(bad_inputs_are_all_collected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

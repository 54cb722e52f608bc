/* Two employers in one pool (MODEL.md §14) on hand-checked figures: two pay
 * systems (an Agenda for Change-like scale and council grades on a spine),
 * employers, teams, a line that starts later, one that ends, non-pay cash by
 * year and a negative award without a flat minimum. */
#include "testutil.h"

#include <gsl/gsl_rng.h>

#include "demand.h"
#include "model.h"
#include "project.h"
#include "simulate_model.h"
#include "simulate_noise.h"

/* Scales: nhs band 6 of 2025: 38,000 / 40,000; council grade G1 = SCP 5, 6
 * of a 2024 spine: 20,000 / 20,500. Progression a year a step.
 *
 * Points (MODEL.md §2, each system its own awards, from its scale's year):
 *   council 2025/26: 2% with a £500 flat minimum:
 *     max(20,400, 20,500) = 20,500; max(20,910, 21,000) = 21,000
 *   council 2026/27: 3%: 21,115; 21,630
 *   council 2027/28: 3% (repeated): 21,748.45 -> 21,748; 22,278.9 -> 22,279
 *   nhs 2026/27: -2%, no flat minimum: 37,240; 39,200
 *   nhs 2027/28: 3%: 38,357.2 -> 38,357; 40,376 */
static const char *const TWO_SYSTEMS =
    "s75: 1\nname: Two employers\nbase_year: 2025\nyears: 3\n"
    "scales:\n"
    "  afc: {year: 2025, bands: {\"6\": {points: [38000, 40000], progression_years: [1]}}}\n"
    "  njc: {year: 2024, spine: {5: 20000, 6: 20500, 7: 21000}}\n"
    "  grades: {year: 2024, spine: njc, bands: {G1: {spine_points: [5, 6]}}}\n"
    "pay_systems:\n"
    "  nhs: {scale: afc, awards: {2026: \"-2%\", 2027: \"3%\"},\n"
    "        oncosts: {employer_ni: {rate: \"15%\", threshold: 5000}, pension: \"20%\"}}\n"
    "  council: {scale: grades, awards: {2025: {percent: \"2%\", flat_minimum: 500}, 2026: \"3%\"},\n"
    "            oncosts: {employer_ni: {rate: \"15%\", threshold: 5000},\n"
    "                      pension: {2025: \"20%\", 2026: \"18%\"}}}\n"
    "workforce:\n"
    "  - {role: Support worker, pay_system: council, band: G1, wte: 10, points: [0.5, 0.5],\n"
    "     employer: dcc, team: Home reablement, start: 2026}\n"
    "  - {role: Occupational therapist, pay_system: nhs, band: \"6\", wte: 4, employer: dchs,\n"
    "     team: Therapy, end: 2026}\n"
    "  - {role: Nurse, pay_system: nhs, band: \"6\", wte: 2, points: [1, 0], vacancy: \"50%\",\n"
    "     agency_fill: \"100%\", agency_premium: \"50%\"}\n"
    "non_pay:\n"
    "  - {name: Step-up beds, amounts: {2025: 100000, 2027: 120000}, employer: dcc}\n"
    "  - {name: Lease, amount: 10000, inflation: \"10%\", start: 2026}\n"
    "partners:\n"
    "  - {id: dcc, contribution: {amount: 500000}}\n"
    "  - {id: dchs, contribution: {amount: 300000}}\n"
    "demand:\n"
    "  productive_hours: 1000\n"
    "  drivers: {referrals: {base: 1000}}\n"
    "  activities:\n"
    "    - {name: Therapy visit, driver: referrals, minutes: 60, band: \"6\", pay_system: nhs}\n"
    "    - {name: Reablement visit, driver: referrals, minutes: 120, band: G1, pay_system: council}\n";

static scenario *load_two(void)
{
    return (scenario *)test_load(TWO_SYSTEMS, "two.yaml");
}

static void pay_per_line_per_year_by_hand(void **state)
{
    (void)state;
    scenario *sc = load_two();
    projection p;
    assert_int_equal(projection_alloc(&p, sc->base_year, sc->years, sc->n_partners, sc->n_lines), 0);
    assert_int_equal(projection_alloc_detail(&p, sc), 0);
    assert_int_equal(project_run(sc, NULL, &p), 0);
    size_t N = 3;
    /* Support worker (council, starts 2026/27, 10 WTE, 10 heads):
     *   2025/26: not running: 0, mean null
     *   2026/27: its own shares .5/.5 (no progression in the start year):
     *     m = .5 x 21,115 + .5 x 21,630 = 21,372.5; basic 213,725;
     *     NI .15 x (213,725 - 50,000) = 24,558.75; pension 18% 38,470.5 -> 276,754.25
     *   2027/28: all move up (1 year a step): m = 22,279; basic 222,790;
     *     NI .15 x 172,790 = 25,918.5; pension 40,102.2 -> 288,810.7 */
    assert_money(p.line_pay[0 * N + 0], 0);
    assert_true(isnan(p.line_mean_basic[0 * N + 0]));
    assert_money(p.line_mean_basic[0 * N + 1], 21372.5);
    assert_money(p.line_pay[0 * N + 1], 276754.25);
    assert_money(p.line_pay[0 * N + 2], 288810.7);
    /* Occupational therapist (nhs, ends 2026/27, 4 WTE on the top point):
     *   2025/26: basic 160,000; NI .15 x 140,000 = 21,000; pension 32,000 -> 213,000
     *   2026/27: the -2% cut: basic 156,800; NI 20,520; pension 31,360 -> 208,680
     *   2027/28: ended: 0, mean null */
    assert_money(p.line_pay[1 * N + 0], 213000);
    assert_money(p.line_pay[1 * N + 1], 208680);
    assert_money(p.line_pay[1 * N + 2], 0);
    assert_true(isnan(p.line_mean_basic[1 * N + 2]));
    /* Nurse (nhs, 2 WTE, half vacant and all of that covered by agency at +50%):
     * in post 1 WTE, 1 head; agency 1 WTE.
     *   2025/26: m 38,000: pay 38,000 + 4,950 + 7,600 = 50,550; agency 57,000
     *   2026/27: moved up: m 39,200: 39,200 + 5,130 + 7,840 = 52,170; agency 58,800
     *   2027/28: m 40,376: 40,376 + 5,306.4 + 8,075.2 = 53,757.6; agency 60,564 */
    assert_money(p.line_pay[2 * N + 0], 50550);
    assert_money(p.line_agency[2 * N + 0], 57000);
    assert_money(p.line_pay[2 * N + 1], 52170);
    assert_money(p.line_agency[2 * N + 1], 58800);
    assert_money(p.line_pay[2 * N + 2], 53757.6);
    assert_money(p.line_agency[2 * N + 2], 60564);
    /* Non-pay: beds [100,000, 0, 120,000]; the lease from 2026/27 in base-year
     * prices grown 10% a year: [0, 11,000, 12,100]. */
    assert_money(p.line_non_pay[0 * N + 1], 0);
    assert_money(p.line_non_pay[0 * N + 2], 120000);
    assert_money(p.line_non_pay[1 * N + 0], 0);
    assert_money(p.line_non_pay[1 * N + 1], 11000);
    assert_money(p.line_non_pay[1 * N + 2], 12100);
    assert_money(p.non_pay[2], 132100);
    /* By employer, keys in order of first line: dcc, dchs, none. */
    assert_int_equal(p.n_employer_keys, 3);
    assert_int_equal(p.employer_key[0], 0);
    assert_int_equal(p.employer_key[1], 1);
    assert_int_equal(p.employer_key[2], -1);
    assert_money(p.by_employer[0 * N + 1], 276754.25);
    assert_money(p.by_employer[1 * N + 0], 213000);
    assert_money(p.by_employer[2 * N + 2], 53757.6 + 60564);
    /* By system, in order of first line: council, nhs. nhs 2025/26 =
     * 213,000 + 50,550 + 57,000 = 320,550. */
    assert_int_equal(p.n_system_keys, 2);
    assert_string_equal(sc->systems[p.system_key[0]].name, "council");
    assert_money(p.by_system[1 * N + 0], 320550);
    assert_money(p.by_system[0 * N + 2], 288810.7);
    /* Identities: each breakdown sums to pay + agency every year. */
    for (size_t t = 0; t < N; t++) {
        double e = 0, s = 0;
        for (size_t k = 0; k < p.n_employer_keys; k++)
            e += p.by_employer[k * N + t];
        for (size_t k = 0; k < p.n_system_keys; k++)
            s += p.by_system[k * N + t];
        assert_money(e, p.pay[t] + p.agency[t]);
        assert_money(s, p.pay[t] + p.agency[t]);
    }
    /* pay 2026/27 = 276,754.25 + 208,680 + 52,170 = 537,604.25 */
    assert_money(p.pay[1], 537604.25);
    projection_release(&p);
    s75_scenario_free((s75_scenario *)sc);
}

static void staffed_wte_by_system_band_and_year(void **state)
{
    (void)state;
    scenario *sc = load_two();
    projection p;
    assert_int_equal(projection_alloc(&p, sc->base_year, sc->years, sc->n_partners, sc->n_lines), 0);
    assert_int_equal(project_run(sc, NULL, &p), 0);
    demand_result d;
    assert_int_equal(demand_compute(sc, &p, &d), 0);
    /* rows: (nhs, 6), (council, G1) in order of first mention */
    assert_int_equal(d.n_bands, 2);
    assert_string_equal(sc->systems[d.systems[0]].name, "nhs");
    assert_string_equal(d.bands[1], "G1");
    /* nhs 6: OT 4 + nurse 2 x (1 - .5 + .5 x 1) = 6 while the OT runs, then 2;
     * council G1: 0 before the support workers start, then 10. */
    assert_close(d.staffed[0 * 2 + 0], 6, 1e-12);
    assert_close(d.staffed[1 * 2 + 0], 6, 1e-12);
    assert_close(d.staffed[2 * 2 + 0], 2, 1e-12);
    assert_close(d.staffed[0 * 2 + 1], 0, 1e-12);
    assert_close(d.staffed[1 * 2 + 1], 10, 1e-12);
    /* required: 1,000 x 60/60 / 1,000 = 1 WTE; 1,000 x 120/60 / 1,000 = 2 */
    assert_close(d.required[0 * 2 + 0], 1, 1e-12);
    assert_close(d.required[0 * 2 + 1], 2, 1e-12);
    /* the unit cost counts the same lines: nhs 6 in 2027/28 is the nurse
     * alone, pay 53,757.6 over 1 WTE in post */
    assert_money(d.unit_cost[2 * 2 + 0], 53757.6);
    demand_release(&d);
    projection_release(&p);
    s75_scenario_free((s75_scenario *)sc);
}

/* The simulation's folded model against the projection on this scenario,
 * with award noise large enough to cut pay and clamp. */
static void folded_model_matches_with_two_systems(void **state)
{
    (void)state;
    char *yaml = malloc(strlen(TWO_SYSTEMS) + 200);
    strcpy(yaml, TWO_SYSTEMS);
    strcat(yaml, "uncertainty: {draws: 10, pay_award_sd: \"30%\", inflation_sd: \"20%\", "
                 "savings: expected}\n");
    scenario *sc = (scenario *)test_load(yaml, "two.yaml");
    free(yaml);
    sim_model m;
    sim_work w;
    sim_noise_spec ns;
    sim_noise nz;
    assert_int_equal(sim_model_build(&m, sc), 0);
    assert_int_equal(sim_work_alloc(&w, &m), 0);
    assert_int_equal(sim_noise_spec_init(&ns, sc), 0);
    assert_int_equal(sim_noise_alloc(&nz, &ns), 0);
    /* award 0 (FY 2025/26) reaches the council's points only */
    assert_int_equal(m.active_len[0], 2);
    assert_int_equal(m.active_len[1], 4);
    projection p;
    assert_int_equal(projection_alloc(&p, sc->base_year, sc->years, sc->n_partners, sc->n_lines), 0);
    double out[3 * 5];
    gsl_rng *r = sim_rng_new(5, 0);
    for (int d = 0; d < 300; d++) {
        sim_noise_draw(&ns, r, &nz);
        assert_int_equal(sim_model_eval(&m, sc, &nz.pert, &w, out, 1), 0);
        assert_int_equal(project_run(sc, &nz.pert, &p), 0);
        for (size_t t = 0; t < 3; t++)
            assert_close(out[t], p.cost[t], 1e-6);
    }
    gsl_rng_free(r);
    projection_release(&p);
    sim_noise_release(&nz);
    sim_noise_spec_release(&ns);
    sim_work_release(&w);
    sim_model_release(&m);
    s75_scenario_free((s75_scenario *)sc);
}

static void json_carries_the_breakdowns(void **state)
{
    (void)state;
    s75_scenario *sc = test_load(TWO_SYSTEMS, "two.yaml");
    s75_result *res = test_run(sc, S75_MODE_RUN, 1);
    char *doc = NULL;
    s75_error err;
    assert_int_equal(s75_result_render(&doc, NULL, res, S75_FORMAT_JSON, &err), S75_OK);
    /* the document is pretty-printed: drop each newline and its indent */
    char *o = doc;
    for (const char *i = doc; *i; i++) {
        if (*i == '\n') {
            while (i[1] == ' ')
                i++;
            continue;
        }
        *o++ = *i;
    }
    *o = '\0';
    /* pay + agency by employer, keys in order of first line; the nurse's
     * line names none: 50,550 + 57,000 = 107,550 */
    assert_non_null(strstr(doc, "\"pay_by_employer\": {\"dcc\": [0.0,276754.25,288810.7"));
    assert_non_null(strstr(doc, "\"dchs\": [213000.0,208680.0,0.0],\"none\": [107550.0,110970.0,"
                                "114321.6"));
    assert_non_null(strstr(doc, "\"pay_by_system\": {\"council\": [0.0,276754.25,288810.7"));
    assert_non_null(strstr(doc, "\"nhs\": [320550.0,319650.0,114321.6"));
    assert_non_null(strstr(doc, "\"role\": \"Support worker\",\"band\": \"G1\","
                                "\"pay_system\": \"council\",\"employer\": \"dcc\","
                                "\"team\": \"Home reablement\""));
    assert_non_null(strstr(doc, "\"pay_system\": \"nhs\",\"employer\": null,\"team\": null"));
    assert_non_null(strstr(doc, "\"mean_basic\": [null,21372.5,22279.0]"));
    assert_non_null(strstr(doc, "{\"name\": \"Lease\",\"employer\": null,"
                                "\"amount\": [0.0,11000.0,12100.0"));
    assert_non_null(strstr(doc, "\"band\": \"G1\",\"pay_system\": \"council\",\"year\": \"2025/26\""));
    s75_free(doc);
    s75_result_free(res);
    s75_scenario_free(sc);
}

/* The shipped NJC spines: the award rule (MODEL.md §2) takes the 2023/24
 * spine to the published 2024/25 one (£1,290 on every point to SCP 43, 2.5%
 * above: {percent 2.5%, flat_minimum 1,290}) and that to 2025/26 (3.2%, no
 * flat minimum). Known points: SCP 2 £22,366 -> £23,656 -> £24,413; SCP 3
 * £24,027 (2024/25) -> £24,796. */
static scenario *njc_scenario(const char *year_tag, int year, const char *awards, int years)
{
    char path[1024], yaml[4096], spine[64];
    snprintf(spine, sizeof spine, "njc-%s", year_tag);
    char points[512] = "";
    for (int scp = 2; scp <= 43; scp++)
        snprintf(points + strlen(points), sizeof points - strlen(points), "%s%d", scp > 2 ? ", " : "",
                 scp);
    char rel[64];
    snprintf(rel, sizeof rel, "configs/njc/%s.yaml", year_tag);
    snprintf(yaml, sizeof yaml,
             "s75: 1\nname: NJC\nbase_year: %d\nyears: %d\ninclude: [%s]\n"
             "scales: {all: {year: %d, spine: %s, bands: {all: {spine_points: [%s]}}}}\n"
             "pay: {scale: all, awards: %s, oncosts: {employer_ni: {rate: 0, threshold: 0}, pension: 0}}\n"
             "partners: [{id: a, contribution: {amount: 0}}]\n",
             year, years, source_path(path, sizeof path, rel), year, spine, points, awards);
    return (scenario *)test_load(yaml, "njc.yaml");
}

static void njc_awards_reproduce_the_published_spines(void **state)
{
    (void)state;
    /* base year 2023 and three years: rows 2023/24, 2024/25, 2025/26 */
    scenario *from = njc_scenario("2023-24", 2023,
                                  "{2024: {percent: \"2.5%\", flat_minimum: 1290}, 2025: \"3.2%\"}", 3);
    scenario *y24 = njc_scenario("2024-25", 2024, "0", 1);
    scenario *y25 = njc_scenario("2025-26", 2025, "0", 1);
    pay_table a, b, c;
    assert_int_equal(pay_table_build(&a, from, NULL), 0);
    assert_int_equal(pay_table_build(&b, y24, NULL), 0);
    assert_int_equal(pay_table_build(&c, y25, NULL), 0);
    assert_int_equal(a.row_len, 42);
    assert_money(a.points[0], 22366);
    assert_money(b.points[0], 23656);
    assert_money(b.points[1], 24027);
    assert_money(c.points[0], 24413);
    assert_money(c.points[1], 24796);
    for (size_t i = 0; i < 42; i++) {
        assert_money(a.points[1 * 42 + i], b.points[i]);
        assert_money(a.points[2 * 42 + i], c.points[i]);
    }
    pay_table_release(&a), pay_table_release(&b), pay_table_release(&c);
    s75_scenario_free((s75_scenario *)from);
    s75_scenario_free((s75_scenario *)y24);
    s75_scenario_free((s75_scenario *)y25);
}

/* The public accessors of the breakdowns: the hand figures above, the
 * identities, and NULL/NAN out of range. */
static void c_api_pay_by_employer_and_system(void **state)
{
    (void)state;
    s75_scenario *sc = test_load(TWO_SYSTEMS, "two.yaml");
    s75_result *res = test_run(sc, S75_MODE_RUN, 1);
    s75_scenario_free(sc);   /* the result keeps what it needs */
    const s75_projection *p = s75_result_projection(res);
    assert_int_equal(s75_projection_employer_count(p), 3);
    assert_string_equal(s75_projection_employer_id(p, 0), "dcc");
    assert_string_equal(s75_projection_employer_id(p, 2), "none");
    assert_null(s75_projection_employer_id(p, 3));
    assert_money(s75_projection_pay_by_employer(p, 1, 1), 208680);
    assert_true(isnan(s75_projection_pay_by_employer(p, 3, 0)));
    assert_true(isnan(s75_projection_pay_by_employer(p, 0, 3)));
    assert_int_equal(s75_projection_pay_system_count(p), 2);
    assert_string_equal(s75_projection_pay_system_name(p, 1), "nhs");
    assert_null(s75_projection_pay_system_name(p, 2));
    assert_money(s75_projection_pay_by_system(p, 1, 0), 320550);
    for (int t = 0; t < 3; t++) {
        double e = 0, s = 0;
        for (size_t i = 0; i < s75_projection_employer_count(p); i++)
            e += s75_projection_pay_by_employer(p, i, t);
        for (size_t i = 0; i < s75_projection_pay_system_count(p); i++)
            s += s75_projection_pay_by_system(p, i, t);
        double total = s75_projection_value(p, S75_LINE_PAY, t) + s75_projection_value(p, S75_LINE_AGENCY, t);
        assert_money(e, total);
        assert_money(s, total);
    }
    assert_int_equal(s75_projection_employer_count(NULL), 0);
    s75_result_free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pay_per_line_per_year_by_hand),
        cmocka_unit_test(staffed_wte_by_system_band_and_year),
        cmocka_unit_test(folded_model_matches_with_two_systems),
        cmocka_unit_test(json_carries_the_breakdowns),
        cmocka_unit_test(njc_awards_reproduce_the_published_spines),
        cmocka_unit_test(c_api_pay_by_employer_and_system),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The HTML board paper (report_html.c) and its chart writer (svg.c):
 * escaping, figures equal to the projection's, self-containment, the date,
 * the atomic file write, and the SVG's axes, accessibility and coordinates. */
#include "testutil.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <s75/s75.h>

#include "report_html.h"
#include "sbuf.h"
#include "svg.h"

#define POUND "\xC2\xA3"

/* ---- helpers ---- */

static s75_result *run_yaml(const char *yaml)
{
    s75_scenario *sc = test_load(yaml, "paper.yaml");
    s75_result *res = test_run(sc, S75_MODE_RUN, 0);
    s75_scenario_free(sc);
    return res;
}

static s75_result *run_file(const char *rel)
{
    char path[1024];
    s75_scenario *sc = NULL;
    s75_error err;
    int rc = s75_scenario_load_file(&sc, source_path(path, sizeof path, rel), &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    s75_result *res = NULL;
    assert_int_equal(s75_run(&res, sc, NULL, &err), S75_OK);
    s75_scenario_free(sc);
    return res;
}

static char *render_html(const s75_result *res)
{
    char *html = NULL;
    size_t len = 0;
    s75_error err;
    assert_int_equal(s75_result_render(&html, &len, res, S75_FORMAT_HTML, &err), S75_OK);
    assert_non_null(html);
    assert_int_equal(strlen(html), len);
    return html;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle)) {
        print_error("expected to find: %s\n", needle);
        fail();
    }
}

static int contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++)
        if (strncasecmp(p, needle, n) == 0)
            return 1;
    return 0;
}

/* Money as the paper prints it, written here independently of the
 * library's formatter: whole pounds, half away from zero, commas. */
static void money_cell(char *out, size_t cap, double v)
{
    long long r = llround(fabs(v));
    char digits[32], grouped[48];
    snprintf(digits, sizeof digits, "%lld", r);
    size_t n = strlen(digits), k = 0;
    for (size_t i = 0; i < n; i++) {
        grouped[k++] = digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            grouped[k++] = ',';
    }
    grouped[k] = '\0';
    /* A negative in brackets, as UK public-finance papers print it. */
    int neg = v < 0 && r > 0;
    snprintf(out, cap, "<td>%s" POUND "%s%s</td>", neg ? "(" : "", grouped, neg ? ")" : "");
}

/* Whole pence as "£1,234.56" in a cell. */
static void pence_cell(char *out, size_t cap, long long pence)
{
    char pounds[40];
    money_cell(pounds, sizeof pounds, (double)(llabs(pence) / 100));
    /* money_cell wrote "<td>£1,234</td>": put the pence before "</td>". */
    size_t n = strlen(pounds) - 5;
    snprintf(out, cap, "<td>%s%.*s.%02lld%s</td>", pence < 0 ? "(" : "", (int)(n - 4), pounds + 4,
             llabs(pence) % 100, pence < 0 ? ")" : "");
}

/* Two years, no workforce: cost 100,000 (non-pay), contributions 60,000 and
 * 30,000, so the gap and the variance are 10,000 a year, shared in
 * proportion to contributions: a 10000 * 60/90 = 6,666.666..., b 3,333.333...;
 * in pence floor gives 666666 + 333333 = 999999 and the one penny left goes
 * to the larger remainder (a's .67): a £6,666.67, b £3,333.33. Over the two
 * years a £13,333.34, b £6,666.66. */
#define SMALL                                                                  \
    "s75: 1\n"                                                                 \
    "name: \"Pool <script>alert('x')</script> & Co\"\n"                        \
    "base_year: 2025\n"                                                        \
    "years: 2\n"                                                               \
    "non_pay:\n"                                                               \
    "  - {name: \"Rent & rates <b>\", amount: 100000}\n"                       \
    "partners:\n"                                                              \
    "  - {id: a, name: \"Council <img src=x onerror=alert(1)>\", contribution: {amount: 60000}}\n" \
    "  - {id: b, name: \"Trust & Co\", contribution: {amount: 30000}}\n"

/* ---- the paper ---- */

static void scenario_strings_are_escaped(void **state)
{
    (void)state;
    const char *yaml =
        "s75: 1\n"
        "name: \"Pool <script>alert('x')</script> & Co\"\n"
        "base_year: 2025\nyears: 2\n"
        "scales:\n  s:\n    year: 2025\n    bands:\n      \"5\": {points: [30000], progression_years: []}\n"
        "pay: {scale: s, oncosts: {employer_ni: {rate: 0, threshold: 0}, pension: 0}}\n"
        "workforce:\n  - {role: \"Nurse <script>steal()</script> & co\", band: \"5\", wte: 2}\n"
        "partners:\n"
        "  - {id: a, name: \"Council <img src=x onerror=alert(1)>\", contribution: {amount: 60000}}\n";
    s75_result *res = run_yaml(yaml);
    char *html = render_html(res);
    /* No script element at all, and no markup from the scenario. */
    assert_false(contains_nocase(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "onerror=alert(1)>"));
    /* Shown as text: in the <title>, the heading and the appendix. */
    const char *name = "Pool &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co";
    assert_true(count(html, name) >= 3);
    assert_contains(html, "<title>Pool &lt;script&gt;");
    /* The role in the tables and in a chart's legend. */
    assert_true(count(html, "Nurse &lt;script&gt;steal()&lt;/script&gt; &amp; co") >= 3);
    assert_contains(html, "Council &lt;img src=x onerror=alert(1)&gt;");
    s75_free(html);
    s75_result_free(res);
}

static void small_tables_hold_hand_checked_figures(void **state)
{
    (void)state;
    s75_result *res = run_yaml(SMALL);
    char *html = render_html(res);
    assert_contains(html, "<td>" POUND "100,000</td>");   /* cost and non-pay, each year */
    assert_contains(html, "<td>" POUND "200,000</td>");   /* cost over the two years */
    assert_contains(html, "<td>" POUND "90,000</td>");    /* contributions */
    assert_contains(html, "<td>" POUND "10,000</td>");    /* gap and variance */
    assert_contains(html, "<td>" POUND "6,666.67</td>");  /* a's share, to the penny */
    assert_contains(html, "<td>" POUND "3,333.33</td>");  /* b's share */
    assert_contains(html, "<td>" POUND "13,333.34</td>"); /* a over the period */
    assert_contains(html, "<td>" POUND "6,666.66</td>");  /* b over the period */
    /* The summary: the gap over the period, the peak year (the first of two
     * equal years), each partner's share of the overspend. */
    assert_contains(html, "a gap of " POUND "20,000 before savings");
    assert_contains(html, "The gap peaks in 2025/26 at " POUND "10,000");
    assert_contains(html, POUND "13,333.34 (66.7%)");
    assert_contains(html, POUND "6,666.66 (33.3%)");
    /* Strings escaped where the summary and appendix name them. */
    assert_contains(html, "<strong>Trust &amp; Co</strong>");
    assert_contains(html, "Rent &amp; rates &lt;b&gt;");
    s75_free(html);
    s75_result_free(res);
}

static void shipped_scenario_figures_equal_the_projection(void **state)
{
    (void)state;
    s75_result *res = run_file("configs/kent-health-visiting.yaml");
    char *html = render_html(res);
    const s75_projection *p = s75_result_projection(res);
    static const s75_line lines[] = {
        S75_LINE_PAY, S75_LINE_AGENCY, S75_LINE_NON_PAY, S75_LINE_COST,
        S75_LINE_CONTRIBUTIONS_TOTAL, S75_LINE_GAP, S75_LINE_SAVINGS_PLANNED,
        S75_LINE_SAVINGS_EXPECTED, S75_LINE_VARIANCE,
    };
    char cell[96];
    int negatives = 0;
    for (int t = 0; t < (int)s75_projection_year_count(p); t++) {
        for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
            double v = s75_projection_value(p, lines[k], t);
            negatives += v < -0.5;
            money_cell(cell, sizeof cell, v);
            assert_contains(html, cell);
        }
        for (size_t i = 0; i < s75_projection_partner_count(p); i++) {
            money_cell(cell, sizeof cell, s75_projection_contribution(p, i, t));
            assert_contains(html, cell);
            pence_cell(cell, sizeof cell, llround(s75_projection_risk_share(p, i, t) * 100.0));
            assert_contains(html, cell);
        }
    }
    /* Kent underspends in its first two years: the negative form is checked. */
    assert_true(negatives >= 2);
    assert_contains(html, "<td>(" POUND "487,442)</td>");
    s75_free(html);
    s75_result_free(res);
}

static void self_contained_with_print_styles(void **state)
{
    (void)state;
    s75_result *res = run_file("configs/derbyshire-0-19.yaml");
    char *html = render_html(res);
    assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    /* Nothing to fetch: no URL, no external resource, no script. */
    assert_null(strstr(html, "http:"));
    assert_null(strstr(html, "https:"));
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "@import"));
    assert_null(strstr(html, "url("));
    assert_null(strstr(html, "<link"));
    assert_contains(html, "Content-Security-Policy\" content=\"default-src 'none'");
    /* Print: A4, a page per section, repeating table heads, whole charts. */
    assert_contains(html, "@page{size:A4");
    assert_contains(html, "section.section{break-before:page}");
    assert_contains(html, "thead{display:table-header-group}");
    assert_contains(html, "figure,.summary,.key,dl.facts{break-inside:avoid}");
    /* The sections of a run with workforce and demand, and the appendix. */
    assert_contains(html, "id=\"cost\"");
    assert_contains(html, "id=\"spend\"");
    assert_contains(html, "id=\"risk-share\"");
    assert_contains(html, "id=\"workforce\"");
    assert_contains(html, "id=\"demand\"");
    assert_contains(html, "id=\"appendix\"");
    /* Every <svg> is an accessible image with a title. */
    size_t charts = count(html, "<svg ");
    assert_true(charts >= 6);
    assert_int_equal(count(html, "role=\"img\" aria-label=\""), charts);
    assert_int_equal(count(html, "</title>\n<desc>"), charts);
    /* The appendix: the file's name and the library version. */
    assert_contains(html, "derbyshire-0-19.yaml");
    assert_contains(html, "libs75 " S75_VERSION);
    s75_free(html);
    s75_result_free(res);
}

/* The demand section says what the required WTE counts, in the scenario's
 * own figures, and prices the gap. */
static void demand_says_what_need_counts(void **state)
{
    (void)state;
    s75_result *res = run_file("configs/derbyshire-0-19.yaml");
    char *html = render_html(res);
    const char *demand = strstr(html, "id=\"demand\"");
    assert_non_null(demand);
    assert_contains(demand, "spent away from contacts (travel, records, supervision, safeguarding, "
                            "training): 35%");
    assert_contains(demand, "Health visitor caseload: 250 children_0_4 per WTE, band 6");
    assert_contains(demand, "weighted for need (children_0_4 \xC3\x97 1.08)");
    assert_contains(demand, "what closing a shortfall with substantive staff would cost");
    assert_contains(demand, "<th scope=\"row\">of which caseloads</th><td>209.8</td>");
    /* Band 6 in 2025/26: 31.90 WTE short at £59,741.54 per WTE in post. */
    assert_contains(demand, "<th scope=\"row\">gap cost (+ to close the shortfall)</th>"
                            "<td>\xC2\xA3" "1,905,672</td>");
    s75_free(html);
    s75_result_free(res);
    /* A demand block without non-contact time, caseloads or need weights:
     * the paper says what is left out. */
    res = run_file("tests/data/cases/case-1001.yaml");
    html = render_html(res);
    demand = strstr(html, "id=\"demand\"");
    assert_non_null(demand);
    assert_contains(demand, "with no share set aside for work away from contacts");
    assert_contains(demand, "no caseloads are counted");
    assert_contains(demand, "Demand is not weighted for need");
    s75_free(html);
    s75_result_free(res);
}

static void date_comes_from_source_date_epoch(void **state)
{
    (void)state;
    s75_result *res = run_yaml(SMALL);
    /* 1767225600 = 2026-01-01T00:00:00Z (56 years of 365 days plus 14 leap
     * days: 20454 days * 86400). */
    assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1767225600", 1), 0);
    char *one = render_html(res), *two = render_html(res);
    assert_string_equal(one, two); /* the same result, the same bytes */
    assert_contains(one, "<time datetime=\"2026-01-01\">1&nbsp;January&nbsp;2026</time>");
    assert_int_equal(setenv("SOURCE_DATE_EPOCH", "0", 1), 0);
    char *epoch = render_html(res);
    assert_contains(epoch, "<time datetime=\"1970-01-01\">1&nbsp;January&nbsp;1970</time>");
    /* Not a number: the clock, so not 1970. */
    assert_int_equal(setenv("SOURCE_DATE_EPOCH", "yesterday", 1), 0);
    char *clock = render_html(res);
    assert_null(strstr(clock, "datetime=\"1970-01-01\""));
    assert_int_equal(unsetenv("SOURCE_DATE_EPOCH"), 0);
    s75_free(one), s75_free(two), s75_free(epoch), s75_free(clock);
    s75_result_free(res);
}

/* Entries in a directory other than . and .. */
static int entries(const char *dir, char names[][256], int cap)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n < cap)
            snprintf(names[n], 256, "%s", e->d_name);
        n++;
    }
    closedir(d);
    return n;
}

static void file_is_written_atomically(void **state)
{
    (void)state;
    char dir[] = "/tmp/s75-html-XXXXXX", path[256], names[8][256];
    assert_non_null(mkdtemp(dir));
    s75_result *res = run_yaml(SMALL);
    s75_error err;

    /* A missing directory: S75_EIO naming the path, and nothing created. */
    snprintf(path, sizeof path, "%s/missing/paper.html", dir);
    assert_int_equal(s75_result_write_file(res, S75_FORMAT_HTML, path, &err), S75_EIO);
    assert_int_equal(err.code, S75_EIO);
    assert_string_equal(err.file, path);
    assert_int_equal(entries(dir, names, 8), 0);

    /* A good path: the whole document, one file, readable as umask allows. */
    mode_t old_mask = umask(022);
    assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1767225600", 1), 0);
    snprintf(path, sizeof path, "%s/paper.html", dir);
    assert_int_equal(s75_result_write_file(res, S75_FORMAT_HTML, path, &err), S75_OK);
    char *expected = render_html(res);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = strlen(expected);
    char *got = malloc(n + 2);
    assert_non_null(got);
    assert_int_equal(fread(got, 1, n + 1, f), n);
    fclose(f);
    got[n] = '\0';
    assert_string_equal(got, expected);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(entries(dir, names, 8), 1);
    assert_string_equal(names[0], "paper.html");

    /* The target is a directory: rename fails, S75_EIO, and the temporary
     * file is gone again; the directory and the first paper are untouched. */
    snprintf(path, sizeof path, "%s/sub", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(s75_result_write_file(res, S75_FORMAT_HTML, path, &err), S75_EIO);
    assert_int_equal(entries(dir, names, 8), 2);
    assert_int_equal(entries(path, names, 8), 0);
    assert_int_equal(rmdir(path), 0);

    snprintf(path, sizeof path, "%s/paper.html", dir);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    umask(old_mask);
    unsetenv("SOURCE_DATE_EPOCH");
    free(got);
    s75_free(expected);
    s75_result_free(res);
}

static void long_horizons_split_tables(void **state)
{
    (void)state;
    /* Windows of even width, at most 8 years: 30 years make 4 tables of 8
     * (ceil(30 / 4) = 8: 8, 8, 8, 6), 10 make 2 of 5, 8 one of 8. */
    html_years w = html_years_start(2025, 30, 1);
    int widths[8], n = 0, totals = 0;
    for (; w.t0 < w.years && n < 8; html_years_next(&w)) {
        widths[n++] = w.t1 - w.t0;
        totals += html_years_total(&w);
    }
    assert_int_equal(n, 4);
    assert_int_equal(widths[0], 8);
    assert_int_equal(widths[3], 6);
    assert_int_equal(totals, 1);
    assert_int_equal(html_years_start(2025, 10, 1).t1, 5);
    assert_int_equal(html_years_start(2025, 8, 1).t1, 8);
    assert_int_equal(html_years_start(2025, 1, 0).t1, 1);

    /* A 12-year paper: two tables of 6 years, the Total on the second. */
    const char *yaml =
        "s75: 1\nname: Long\nbase_year: 2025\nyears: 12\n"
        "non_pay: [{name: Rent, amount: 1000}]\n"
        "partners: [{id: a, contribution: {amount: 900}}]\n";
    s75_result *res = run_yaml(yaml);
    char *html = render_html(res);
    assert_contains(html, "<caption>Cost, contributions and gap (" POUND ", cash), 2025/26 to "
                          "2030/31</caption>");
    assert_contains(html, "<caption>Cost, contributions and gap (" POUND ", cash), 2031/32 to "
                          "2036/37</caption>");
    assert_contains(html, "<th scope=\"col\">Total, all years</th>");
    /* Cost 1,000 a year: the Total over all twelve years is 12,000. */
    assert_contains(html, "<td>" POUND "12,000</td>");
    assert_null(strstr(html, "<td>" POUND "6,000</td>"));
    s75_free(html);
    s75_result_free(res);
}

/* ---- the modules' sections ---- */

static s75_result *run_yaml_as(const char *yaml, s75_mode mode)
{
    s75_scenario *sc = NULL;
    s75_error err;
    int rc = s75_scenario_load_string(&sc, yaml, strlen(yaml), "paper.yaml", &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    s75_run_options opts = S75_RUN_OPTIONS_INIT;
    opts.mode = mode;
    opts.threads = 1;
    s75_result *res = NULL;
    rc = s75_run(&res, sc, &opts, &err);
    if (rc != S75_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, S75_OK);
    s75_scenario_free(sc);
    return res;
}

/* The first section of the paper's body is the one named. */
static void assert_leads_with(const char *html, const char *id)
{
    const char *first = strstr(html, "<section class=\"section\" id=\"");
    assert_non_null(first);
    first += strlen("<section class=\"section\" id=\"");
    if (strncmp(first, id, strlen(id)) != 0 || first[strlen(id)] != '"') {
        print_error("the paper leads with %.20s, not %s\n", first, id);
        fail();
    }
}

/* One year, non-pay only: budget 120,000 against contributions of 80,000
 * and 40,000, so the plan's variance is 0. Three months of non-pay actuals
 * and a flat profile. */
#define MONITORED(actuals)                                                     \
    "s75: 1\nname: Monitored\nbase_year: 2025\nyears: 1\n"                     \
    "non_pay: [{name: Rent, amount: 120000}]\n"                                \
    "partners:\n"                                                              \
    "  - {id: a, name: \"Council <b> & Co\", contribution: {amount: 80000}}\n" \
    "  - {id: b, name: Trust, contribution: {amount: 40000}}\n"                \
    "monitoring: {year: 2025, method: run_rate, run_rate_months: 3,\n"        \
    "             actuals: {non_pay: " actuals "}}\n"

static void monitoring_paper_hand_checked(void **state)
{
    (void)state;
    /* Actuals 10,000, 11,000, 12,000: to date 33,000 against a budget to
     * date of 120,000 * 3/12 = 30,000, variance +3,000. Run rate: the mean
     * of the last 3 months, 11,000, for the 9 months left: forecast
     * 33,000 + 99,000 = 132,000, 12,000 over the budget and over the
     * contributions. Shared in proportion to contributions: a 8,000.00,
     * b 4,000.00. Q1 is complete: budget 30,000, actual 33,000. */
    s75_result *res = run_yaml_as(MONITORED("[10000, 11000, 12000]"), S75_MODE_MONITOR);
    char *html = render_html(res);
    assert_leads_with(html, "monitoring");
    assert_contains(html, "<th scope=\"row\">Non-pay</th><td>3</td><td>" POUND "120,000</td>"
                          "<td>" POUND "30,000</td><td>" POUND "33,000</td><td>" POUND
                          "3,000</td><td>" POUND "132,000</td><td>" POUND "12,000</td>");
    /* Pay and agency have no actuals: forecast at their budget of 0. */
    assert_contains(html, "<th scope=\"row\">Pay</th><td>-</td><td>" POUND "0</td><td>-</td>");
    assert_contains(html, "A category without actuals is forecast at its budget.");
    assert_contains(html, "<td>" POUND "8,000.00</td>");
    assert_contains(html, "<td>" POUND "4,000.00</td>");
    assert_contains(html, "<td>" POUND "12,000.00</td>"); /* the shares' total, exactly */
    assert_contains(html, "<th scope=\"row\">Q1 (April to June)</th><td>" POUND "30,000</td><td>"
                          POUND "33,000</td><td>" POUND "3,000</td>");
    /* June's row: its actual, the cumulative actual and the variance to date. */
    assert_contains(html, "<th scope=\"row\">June 2025</th><td>" POUND "10,000</td><td>" POUND
                          "12,000</td><td>" POUND "30,000</td><td>" POUND "33,000</td><td>"
                          POUND "3,000</td>");
    /* The words: where the year stands, the outturn, the shares. */
    assert_contains(html, "month 3 (actuals to the end of June 2025)");
    assert_contains(html, "a forecast overspend of <strong>" POUND "12,000</strong> ("
                          POUND "12,000 worse than the plan)");
    assert_contains(html, "the overspend falls to Council &lt;b&gt; &amp; Co (" POUND
                          "8,000.00) and Trust (" POUND "4,000.00)");
    assert_null(strstr(html, "<b> &"));
    /* The chart: cumulative budget bars for 12 months, actual to June, the
     * forecast from June to March. */
    assert_contains(html, "<title>Actual (cumulative), Jun: " POUND "33,000</title>");
    assert_contains(html, "<title>Forecast to the year-end outturn, Mar: " POUND
                          "132,000</title>");
    assert_contains(html, "<title>Budget (cumulative, by profile), Mar: " POUND
                          "120,000</title>");
    s75_free(html);
    s75_result_free(res);

    /* 9,000 a month: forecast 108,000, an underspend of 12,000 that goes
     * back as a -8,000.00 and b -4,000.00. */
    res = run_yaml_as(MONITORED("[9000, 9000, 9000]"), S75_MODE_MONITOR);
    html = render_html(res);
    assert_contains(html, "<td>(" POUND "8,000.00)</td>");
    assert_contains(html, "<td>(" POUND "4,000.00)</td>");
    assert_contains(html, "<td>(" POUND "12,000.00)</td>");
    assert_contains(html, "Forecast underspend");
    assert_contains(html, "the underspend goes back to Council &lt;b&gt; &amp; Co (" POUND
                          "8,000.00) and Trust (" POUND "4,000.00)");
    s75_free(html);
    s75_result_free(res);
}

static void portfolio_paper_has_no_projection(void **state)
{
    (void)state;
    s75_result *res = run_file("configs/derbyshire-portfolio.yaml");
    char *html = render_html(res);
    const s75_portfolio *pf = s75_result_portfolio(res);
    assert_non_null(pf);
    /* No projection: none of its sections, no key figures of it. */
    assert_null(strstr(html, "id=\"cost\""));
    assert_null(strstr(html, "id=\"workforce\""));
    assert_null(strstr(html, "Cost over the period"));
    assert_leads_with(html, "portfolio");
    assert_contains(html, "A portfolio of 17 pools (1 system, 8 place, 8 neighbourhood)");
    char cell[96];
    int negatives = 0;
    for (int t = 0; t < (int)s75_portfolio_year_count(pf); t++) {
        static const s75_line lines[] = { S75_LINE_COST, S75_LINE_CONTRIBUTIONS_TOTAL,
                                          S75_LINE_GAP, S75_LINE_SAVINGS_EXPECTED,
                                          S75_LINE_VARIANCE };
        for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
            double v = s75_portfolio_value(pf, lines[k], t);
            negatives += v < -0.5;
            money_cell(cell, sizeof cell, v);
            assert_contains(html, cell);
        }
        for (size_t k = 0; k < s75_portfolio_partner_count(pf); k++) {
            money_cell(cell, sizeof cell, s75_portfolio_contribution(pf, k, t));
            assert_contains(html, cell);
            pence_cell(cell, sizeof cell, llround(s75_portfolio_risk_share(pf, k, t) * 100.0));
            assert_contains(html, cell);
        }
        for (int tier = S75_TIER_SYSTEM; tier <= S75_TIER_NEIGHBOURHOOD; tier++) {
            money_cell(cell, sizeof cell, s75_portfolio_tier_cost(pf, (s75_tier)tier, t));
            assert_contains(html, cell);
            money_cell(cell, sizeof cell, s75_portfolio_tier_gap(pf, (s75_tier)tier, t));
            assert_contains(html, cell);
        }
    }
    assert_true(negatives > 0); /* the underspending years print as (£...) */
    /* Belper: net cost per head in 2025/26 as pounds and pence, from the
     * same double. */
    size_t belper = 0;
    while (belper < s75_portfolio_pool_count(pf) && strcmp(s75_portfolio_pool_id(pf, belper), "belper"))
        belper++;
    assert_true(belper < s75_portfolio_pool_count(pf));
    char want[64];
    snprintf(want, sizeof want, "<td>" POUND "%.2f</td>",
             s75_portfolio_pool_cost_per_head(pf, belper, 0));
    assert_contains(html, want);
    assert_contains(html, "<th scope=\"rowgroup\" colspan=\"7\">Neighbourhood pools (8)</th>");
    s75_free(html);
    s75_result_free(res);
}

/* Two years, non-pay 100,000 a year at no inflation against 90,000: a
 * variance of 10,000 a year. Every sd is 0 and savings are expected, so
 * every draw is the plan (MODEL.md §9). */
#define CERTAIN                                                                \
    "s75: 1\nname: \"Certain <i>\"\nbase_year: 2025\nyears: 2\n"               \
    "non_pay: [{name: Rent, amount: 100000}]\n"                                \
    "partners: [{id: a, name: \"A & B\", contribution: {amount: 90000}}]\n"    \
    "uncertainty: {draws: 50, seed: 3, pay_award_sd: 0, inflation_sd: 0,\n"    \
    "              uplift_sd: 0, savings: expected}\n"

static void simulation_paper_hand_checked(void **state)
{
    (void)state;
    s75_result *res = run_yaml_as(CERTAIN, S75_MODE_SIMULATE);
    char *html = render_html(res);
    assert_leads_with(html, "simulation");
    /* p5 = p50 = p95 = 10,000 in both years; every draw overspends. */
    assert_contains(html, "<th scope=\"row\">median (p50)</th><td>" POUND "10,000</td><td>" POUND
                          "10,000</td>");
    assert_contains(html, "<th scope=\"row\">Chance of an overspend</th><td>100.0%</td>"
                          "<td>100.0%</td>");
    /* The one partner bears it all, at the 95th percentile too. */
    assert_contains(html, "<th scope=\"row\">A &amp; B</th><td>" POUND "10,000</td><td>" POUND
                          "10,000</td>");
    assert_contains(html, "No input is uncertain");
    /* Break-even: the total variance is 20,000 + 100,000 x for inflation x
     * in 2026/27, zero at x = -20%; no workforce, so the award moves
     * nothing. */
    assert_contains(html, "Inflation of -20% a year on every non-pay line, every year from "
                          "2026/27");
    assert_contains(html, "The award does not move the total variance: it is " POUND "20,000");
    assert_contains(html, "Uncertainty (50 draws): the chance of an overspend is 100% in 2025/26");
    /* The fan: a band, the median and the zero line. */
    assert_contains(html, "<title>Median, 2026/27: " POUND "10,000</title>");
    assert_contains(html, "<title>Break-even (zero), 2025/26: " POUND "0</title>");
    assert_null(strstr(html, "<i>"));
    s75_free(html);
    s75_result_free(res);

    /* Kent: the tornado's figures, ranked as the simulation ranks them. */
    s75_scenario *sc = NULL;
    s75_error err;
    char path[1024];
    assert_int_equal(s75_scenario_load_file(&sc, source_path(path, sizeof path,
                                                             "configs/kent-health-visiting.yaml"),
                                            &err), S75_OK);
    s75_run_options opts = S75_RUN_OPTIONS_INIT;
    opts.mode = S75_MODE_SIMULATE;
    assert_int_equal(s75_run(&res, sc, &opts, &err), S75_OK);
    s75_scenario_free(sc);
    html = render_html(res);
    const s75_simulation *sim = s75_result_simulation(res);
    char cell[96];
    for (int t = 0; t < (int)s75_simulation_year_count(sim); t++)
        for (int k = 0; k < 3; k++) {
            static const s75_stat stats[] = { S75_STAT_P5, S75_STAT_P50, S75_STAT_P95 };
            money_cell(cell, sizeof cell, s75_simulation_stat(sim, S75_SIM_VARIANCE, stats[k], t));
            assert_contains(html, cell);
        }
    /* The largest swing first: "1. Contribution uplift ±1 pt". */
    assert_contains(html, "<th scope=\"row\">1. Contribution uplift \xC2\xB1" "1 pt</th>"
                          "<td>-1 pt</td><td>+1 pt</td>");
    /* A negative award lowers pay (MODEL.md §2), so Kent breaks even on pay
     * with a small cut; before that rule a cut was a freeze and there was no
     * root in [-50%, +50%]. */
    assert_contains(html, "An award of -0.41% a year, every year from 2026/27");
    s75_free(html);
    s75_result_free(res);
}

/* ---- formatting ---- */

static const char *fmt_money(sbuf *b, double v)
{
    b->len = 0;
    html_money(b, v);
    return b->s;
}

static void money_pence_and_rates(void **state)
{
    (void)state;
    sbuf b;
    sb_init(&b);
    assert_string_equal(fmt_money(&b, 1234567.5), POUND "1,234,568");
    assert_string_equal(fmt_money(&b, -1234.5), "(" POUND "1,235)");
    assert_string_equal(fmt_money(&b, -0.4), POUND "0"); /* no "-£0" */
    assert_string_equal(fmt_money(&b, 999.49), POUND "999");
    assert_string_equal(fmt_money(&b, NAN), "-");
    b.len = 0;
    html_pence(&b, -44512812);
    assert_string_equal(b.s, "(" POUND "445,128.12)");
    b.len = 0;
    html_pence(&b, 5);
    assert_string_equal(b.s, POUND "0.05");
    b.len = 0;
    html_pence(&b, 100000000);
    assert_string_equal(b.s, POUND "1,000,000.00");
    b.len = 0;
    html_rate(&b, 0.035, 4);
    assert_string_equal(b.s, "3.5%");
    /* In a table's cells every figure has the same decimals: 52% beside 52.1% would
     * read as two precisions. */
    b.len = 0;
    html_rate_cell(&b, 0.52, 1);
    assert_string_equal(b.s, "52.0%");
    b.len = 0;
    html_rate_cell(&b, 0.521, 1);
    assert_string_equal(b.s, "52.1%");
    b.len = 0;
    html_rate_cell(&b, -0.0004, 1);
    assert_string_equal(b.s, "0.0%");
    b.len = 0;
    html_rate_cell(&b, NAN, 1);
    assert_string_equal(b.s, "-");
    b.len = 0;
    html_rate(&b, 0.2378, 4);
    assert_string_equal(b.s, "23.78%");
    b.len = 0;
    html_rate(&b, 0.15, 4);
    assert_string_equal(b.s, "15%");
    b.len = 0;
    html_rate(&b, -0.00001, 1);
    assert_string_equal(b.s, "0%");
    b.len = 0;
    html_number(&b, -1234.56, 1);
    assert_string_equal(b.s, "-1,234.6");
    sb_free(&b);
}

/* ---- the chart writer ---- */

static void nice_steps(void **state)
{
    (void)state;
    /* span / 5 rounded up to 1, 2, 2.5, 5 or 10 times a power of ten */
    assert_close(svg_nice_step(0, 1e6, 5), 200000, 1e-6);      /* 200k exactly */
    assert_close(svg_nice_step(0, 1.25e6, 5), 250000, 1e-6);   /* 250k: 2.5 */
    assert_close(svg_nice_step(0, 32.3e6, 5), 1e7, 1e-6);      /* 6.46m -> 10m */
    assert_close(svg_nice_step(0, 7, 5), 2, 1e-12);            /* 1.4 -> 2 */
    assert_close(svg_nice_step(-0.3, 0.07, 5), 0.1, 1e-12);    /* 0.074 -> 0.1 */
    assert_close(svg_nice_step(5, 5, 5), 1, 0);                /* empty span */
}

/* Inside tags (attributes), every number has at most one decimal and none
 * is "-0.0". */
static void assert_tidy_coordinates(const char *svg)
{
    int in_tag = 0;
    for (const char *p = svg; *p; p++) {
        if (*p == '<')
            in_tag = 1;
        else if (*p == '>')
            in_tag = 0;
        else if (in_tag && *p == '.' && p > svg && isdigit((unsigned char)p[-1])) {
            int decimals = 0;
            while (isdigit((unsigned char)p[1 + decimals]))
                decimals++;
            if (decimals > 1) {
                print_error("too many decimals at: %.40s\n", p - 8);
                fail();
            }
        }
    }
    assert_null(strstr(svg, "-0.0"));
}

static void xy_chart_axes_and_accessibility(void **state)
{
    (void)state;
    const char *x[] = { "2025/26", "2026/27", "2027/28" };
    const double cost[] = { 1000000.0 / 3.0, 1250000, 987654.321 };
    const double gap[] = { -120000.5, 0.0, 56789.123 };
    svg_series s[] = {
        { .name = "Cost & <more>", .kind = SVG_BAR, .v = cost, .colour = 0 },
        { .name = "Gap", .kind = SVG_LINE, .v = gap, .colour = 5, .dashed = 1 },
    };
    svg_chart c = { .title = "Cost \"and\" <gap>", .desc = "Bars & a line.", .n_x = 3,
                    .x_labels = x, .unit = SVG_MONEY };
    sbuf b;
    sb_init(&b);
    svg_chart_xy(&b, &c, s, 2);
    const char *svg = b.s;
    const char *open = "<svg class=\"chart\" viewBox=\"0 0 720 320\" role=\"img\"";
    assert_true(strncmp(svg, open, strlen(open)) == 0);
    assert_contains(svg, "aria-label=\"Cost &quot;and&quot; &lt;gap&gt;\"");
    assert_contains(svg, "<title>Cost &quot;and&quot; &lt;gap&gt;</title>");
    assert_contains(svg, "<desc>Bars &amp; a line.</desc>");
    assert_contains(svg, ">Cost &amp; &lt;more&gt;</text>");
    /* Range -120,000.5 .. 1,250,000: step 1,370,000.5 / 5 = 274,000 -> 500,000,
     * ticks -£500,000, £0, ... £1,500,000. */
    assert_contains(svg, ">-" POUND "500,000</text>");
    assert_contains(svg, ">" POUND "0</text>");
    assert_contains(svg, ">" POUND "1,500,000</text>");
    assert_null(strstr(svg, ">" POUND "2,000,000</text>"));
    /* Three bars, three line points with their values as tooltips. */
    assert_int_equal(count(svg, "<rect x="), 3 + 1 /* the bar's legend swatch */);
    assert_int_equal(count(svg, "<circle "), 3);
    assert_contains(svg, "<title>Cost &amp; &lt;more&gt;, 2026/27: " POUND "1,250,000</title>");
    assert_contains(svg, "<title>Gap, 2025/26: -" POUND "120,001</title>");
    assert_contains(svg, "stroke-dasharray=\"7 4\"");
    assert_tidy_coordinates(svg);
    /* Deterministic. */
    sbuf again;
    sb_init(&again);
    svg_chart_xy(&again, &c, s, 2);
    assert_string_equal(again.s, svg);
    sb_free(&again);
    sb_free(&b);
}

static void stacked_bands_and_gaps(void **state)
{
    (void)state;
    const char *x[] = { "A", "B", "C", "D" };
    const double pos[] = { 10, 20, 30, 40 }, neg[] = { -5, 5, NAN, -5 };
    const double lo[] = { 1, 2, 3, 4 }, hi[] = { 50, 60, NAN, 80 };
    svg_series s[] = {
        { .name = "Up", .kind = SVG_BAR, .v = pos, .colour = 0 },
        { .name = "Mixed", .kind = SVG_BAR, .v = neg, .colour = 1 },
        { .name = "p5-p95", .kind = SVG_BAND, .lo = lo, .hi = hi, .colour = 4 },
    };
    svg_chart c = { .title = "Stacked", .n_x = 4, .x_labels = x, .unit = SVG_NUMBER,
                    .stacked = 1 };
    sbuf b;
    sb_init(&b);
    svg_chart_xy(&b, &c, s, 3);
    /* Positive stacks reach 40 (D; B is 20 + 5 = 25), negative ones -5 (A
     * and D); the band reaches 80: range -5 .. 80, step 85 / 5 = 17 -> 20,
     * ticks -20 .. 80. */
    assert_contains(b.s, ">-20</text>");
    assert_contains(b.s, ">80</text>");
    assert_null(strstr(b.s, ">100</text>"));
    /* Seven bars (C's NAN is left out) plus two legend swatches and one band
     * swatch; the band breaks at C into two polygons. */
    assert_int_equal(count(b.s, "<rect x="), 7 + 3);
    assert_int_equal(count(b.s, "fill-opacity=\"0.3\" stroke=\"none\""), 2);
    assert_tidy_coordinates(b.s);
    sb_free(&b);
}

static void tornado_rows(void **state)
{
    (void)state;
    svg_hbar bars[] = {
        { "Pay award <1%>", 950000, 1150000 },
        { "Non-pay & inflation", 1020000, 1010000 },
        { "A label far too long to fit in the space for labels at all, really", 990000,
          1005000 },
    };
    svg_chart c = { .title = "Tornado of the gap", .desc = "Swing of the gap.",
                    .unit = SVG_MONEY };
    sbuf b;
    sb_init(&b);
    svg_tornado(&b, &c, bars, 3, 1000000, "Low", "High");
    /* Two bars a row, two legend swatches. */
    assert_int_equal(count(b.s, "<rect x="), 6 + 2);
    assert_contains(b.s, ">Pay award &lt;1%&gt;</text>");
    assert_contains(b.s, "<title>Pay award &lt;1%&gt;: Low " POUND "950,000</title>");
    assert_contains(b.s, ">Non-pay &amp; inflation</text>");
    /* Clipped with an ellipsis, whole in no <text>. */
    assert_contains(b.s, "\xE2\x80\xA6</text>");
    /* Range 950,000 .. 1,150,000: step 40,000 -> 50,000. */
    assert_contains(b.s, ">" POUND "950,000</text>");
    assert_contains(b.s, ">" POUND "1,150,000</text>");
    assert_contains(b.s, "role=\"img\" aria-label=\"Tornado of the gap\"");
    assert_tidy_coordinates(b.s);
    sb_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scenario_strings_are_escaped),
        cmocka_unit_test(small_tables_hold_hand_checked_figures),
        cmocka_unit_test(shipped_scenario_figures_equal_the_projection),
        cmocka_unit_test(self_contained_with_print_styles),
        cmocka_unit_test(demand_says_what_need_counts),
        cmocka_unit_test(date_comes_from_source_date_epoch),
        cmocka_unit_test(file_is_written_atomically),
        cmocka_unit_test(long_horizons_split_tables),
        cmocka_unit_test(monitoring_paper_hand_checked),
        cmocka_unit_test(portfolio_paper_has_no_projection),
        cmocka_unit_test(simulation_paper_hand_checked),
        cmocka_unit_test(money_pence_and_rates),
        cmocka_unit_test(nice_steps),
        cmocka_unit_test(xy_chart_axes_and_accessibility),
        cmocka_unit_test(stacked_bands_and_gaps),
        cmocka_unit_test(tornado_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Monitoring actuals from a ledger export, and the budget profile from a
 * table (MODEL.md §13.2): rows in the pool's cost centres and the monitored
 * year summed by month into pay, agency and non-pay by their account codes,
 * in whole pence so that the sums are exact. The sums are built as the
 * `actuals:` (or `profile:`) mapping a hand-written file would hold, marked
 * at the rows, for the ordinary monitoring loader. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "table.h"

static const char *const ledger_keys[] = { "file", "table", "columns", "cost_centres",
                                           "accounts", "months", "credits", NULL };
static const char *const ledger_columns[] = { "period", "date", "year", "cost_centre", "account",
                                              "amount", NULL };
static const char *const ledger_required[] = { "account", "amount", NULL };
static const char *const ledger_need[] = { "accounts", NULL };
static const char *const profile_keys[] = { "file", "table", "columns", NULL };
static const char *const profile_columns[] = { "period", "pay", "agency", "non_pay", NULL };
static const char *const profile_required[] = { "period", NULL };

enum { L_PERIOD, L_DATE, L_YEAR, L_CENTRE, L_ACCOUNT, L_AMOUNT };
enum { CODE_MAX = 64, REPORTED_MAX = 64 };

static const char month_names[][10] = { "january", "february", "march", "april", "may",
                                           "june", "july", "august", "september", "october",
                                           "november", "december" };

static int days_in(int y, int m)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d[m - 1] + (m == 2 && leap);
}

/* A calendar month as (financial year, month of it from April = 1). */
static void fy_month(int y, int m, int *fy, int *month)
{
    *fy = m >= 4 ? y : y - 1;
    *month = m >= 4 ? m - 3 : m + 9;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* A period as ledgers write it: "6" or "P06" (month of the financial year,
 * 1 = April), "September", "Sep-25", "Sep 2025", "2025-09", "2025-09-30",
 * "30/09/2025". *fy is -1 when the text names no year. 0 or -1. */
int parse_period(const char *cell, int *fy, int *month)
{
    char s[64];
    lower_trim(cell, s, sizeof s);
    size_t n = strlen(s);
    int y, m, d;
    *fy = -1;
    const char *p = s;
    if (strncmp(p, "period", 6) == 0)
        p += 6;
    else if (*p == 'p' && isdigit((unsigned char)p[1]))
        p++;
    while (*p == ' ')
        p++;
    if (*p && strspn(p, "0123456789") == strlen(p) && strlen(p) <= 2) {
        m = atoi(p);
        if (m < 1 || m > 12)
            return -1;
        *month = m;
        return 0;
    }
    /* 2025-09, 2025-09-30, 2025-09-30T00:00:00 */
    if (n >= 7 && digits(s, 4, &y) == 0 && s[4] == '-' && digits(s + 5, 2, &m) == 0 &&
        m >= 1 && m <= 12) {
        if (n == 7) {
            fy_month(y, m, fy, month);
            return 0;
        }
        if (n >= 10 && s[7] == '-' && digits(s + 8, 2, &d) == 0 && d >= 1 &&
            d <= days_in(y, m) && (n == 10 || s[10] == ' ' || s[10] == 't')) {
            fy_month(y, m, fy, month);
            return 0;
        }
        return -1;
    }
    /* 30/09/2025 or 1/9/2025: day first, as UK exports write it */
    if (strchr(s, '/')) {
        char *e1, *e2, *e3;
        long dd = strtol(s, &e1, 10);
        if (e1 == s || *e1 != '/')
            return -1;
        long mm = strtol(e1 + 1, &e2, 10);
        if (e2 == e1 + 1 || *e2 != '/')
            return -1;
        long yy = strtol(e2 + 1, &e3, 10);
        if (e3 - (e2 + 1) != 4 || (*e3 && *e3 != ' ') || mm < 1 || mm > 12 || dd < 1 ||
            dd > days_in((int)yy, (int)mm))
            return -1;
        fy_month((int)yy, (int)mm, fy, month);
        return 0;
    }
    /* Month names, full or three letters (and "sept"), maybe with a year */
    for (int i = 0; i < 12; i++) {
        size_t full = strlen(month_names[i]), len = 0;
        if (strncmp(s, month_names[i], full) == 0)
            len = full;
        else if (strncmp(s, month_names[i], 3) == 0)
            len = i == 8 && strncmp(s, "sept", 4) == 0 ? 4 : 3;
        if (!len || isalpha((unsigned char)s[len]))
            continue;
        const char *q = s + len;
        if (!*q) {
            fy_month(2000, i + 1, &y, month);
            return 0;
        }
        if (*q != ' ' && *q != '-' && *q != '/')
            return -1;
        q++;
        size_t ql = strlen(q);
        if ((ql != 2 && ql != 4) || digits(q, (int)ql, &y) < 0)
            return -1;
        fy_month(ql == 2 ? 2000 + y : y, i + 1, fy, month);
        return 0;
    }
    return -1;
}

/* "2025/26", "2025-26", "FY2025/26", "2025": a financial year. */
static int parse_fy(const char *cell, int *fy)
{
    char s[32];
    lower_trim(cell, s, sizeof s);
    const char *p = s;
    if (strncmp(p, "fy", 2) == 0)
        p += 2;
    while (*p == ' ')
        p++;
    int y, y2;
    if (digits(p, 4, &y) < 0)
        return -1;
    if (!p[4]) {
        *fy = y;
        return 0;
    }
    if ((p[4] == '/' || p[4] == '-') && strlen(p + 5) == 2 && digits(p + 5, 2, &y2) == 0 &&
        y2 == (y + 1) % 100) {
        *fy = y;
        return 0;
    }
    return -1;
}

typedef struct rule {
    const char *prefix;
    int cat;
    const ynode *at;
} rule;

typedef struct ledger {
    table_map tm;
    int year, credits;
    long months;
    const ynode *centres;          /* the list, or NULL for every cost centre */
    rule *rules;
    size_t n_rules;
    int64_t pence[N_CATEGORIES][12];
    int seen[N_CATEGORIES][12];
    mark first[N_CATEGORIES][12];
    int any[N_CATEGORIES];
    int last_month;
    char reported[REPORTED_MAX][CODE_MAX];
    size_t n_reported;
    int overflow;
} ledger;

static const char *const category_words[] = { "pay", "agency", "non_pay" };

static int in_centres(const ledger *lg, const char *centre)
{
    if (!lg->centres)
        return 1;
    for (size_t i = 0; i < lg->centres->n; i++)
        if (strcmp(lg->centres->kids[i]->text, centre) == 0)
            return 1;
    return 0;
}

static int on_ledger_row(void *ctx, size_t row, const csv_cell *cells, size_t n)
{
    ledger *lg = ctx;
    table_map *tm = &lg->tm;
    char t[6][CODE_MAX];
    const csv_cell *c[6];
    for (int k = 0; k < 6; k++) {
        c[k] = table_cell(tm, k, cells);
        t[k][0] = '\0';
        if (c[k] && !cell_trimmed(c[k], t[k], CODE_MAX)) {
            cell_error(tm, k, c[k], "longer than %d characters", CODE_MAX - 1);
            return 0;
        }
    }
    /* Rows outside the pool are someone else's: ignored, counted, unchecked. */
    if (c[L_CENTRE] && lg->centres && !in_centres(lg, t[L_CENTRE])) {
        tm->summary->other_cost_centre++;
        return 0;
    }
    int pk = c[L_PERIOD] ? L_PERIOD : L_DATE;
    int fy, month, ok = 1;
    if (parse_period(t[pk], &fy, &month) < 0) {
        cell_error(tm, pk, c[pk], pk == L_PERIOD ? "expected a period: 1 to 12 (1 = April), a "
                   "month name, 2025-09, 2025-09-30 or 30/09/2025" : "expected a date: "
                   "2025-09-30 or 30/09/2025");
        return 0;
    }
    if (fy < 0 && c[L_YEAR]) {
        if (parse_fy(t[L_YEAR], &fy) < 0) {
            cell_error(tm, L_YEAR, c[L_YEAR], "expected a financial year such as 2025/26");
            return 0;
        }
    }
    if (fy >= 0 && fy != lg->year) {
        tm->summary->other_year++;
        return 0;
    }
    int cat = -1;
    const rule *hit = NULL;
    if (!t[L_ACCOUNT][0]) {
        cell_error(tm, L_ACCOUNT, c[L_ACCOUNT], "a row needs an account code");
        ok = 0;
    }
    for (size_t i = 0; ok && i < lg->n_rules; i++) {
        const rule *ru = &lg->rules[i];
        if (strncmp(t[L_ACCOUNT], ru->prefix, strlen(ru->prefix)) != 0)
            continue;
        if (hit && ru->cat != hit->cat) {
            size_t j = 0;
            while (j < lg->n_reported && strcmp(lg->reported[j], t[L_ACCOUNT]) != 0)
                j++;
            if (j == lg->n_reported) {
                cell_error(tm, L_ACCOUNT, c[L_ACCOUNT], "the code is mapped to two categories: "
                           "%s by '%s' (line %d) and %s by '%s' (line %d)",
                           category_words[hit->cat], hit->prefix, hit->at->at.line,
                           category_words[ru->cat], ru->prefix, ru->at->at.line);
                if (lg->n_reported < REPORTED_MAX)
                    strcpy(lg->reported[lg->n_reported++], t[L_ACCOUNT]);
            }
            return 0;
        }
        hit = ru;
    }
    int64_t amount = 0;
    if (!t[L_AMOUNT][0]) {
        cell_error(tm, L_AMOUNT, c[L_AMOUNT], "a row needs an amount");
        ok = 0;
    } else if (parse_export_pence(t[L_AMOUNT], &amount) < 0 ||
               amount > INT64_C(100000000000000) || amount < -INT64_C(100000000000000)) {
        cell_error(tm, L_AMOUNT, c[L_AMOUNT], "expected an amount in pounds and pence such as "
                   "1,234.56 or (1,234.56)");
        ok = 0;
    } else if (amount < 0 && !lg->credits) {
        cell_error(tm, L_AMOUNT, c[L_AMOUNT], "a negative amount (a credit or a reversal); "
                   "write credits: true to sum credits into the actuals");
        ok = 0;
    }
    if (!ok)
        return 0;
    if (!hit) {
        tm->summary->other_account++;
        return 0;
    }
    cat = hit->cat;
    if (lg->months > 0 && month > lg->months) {
        tm->summary->after_month++;
        return 0;
    }
    if (__builtin_add_overflow(lg->pence[cat][month - 1], amount, &lg->pence[cat][month - 1])) {
        lg->overflow = 1;
        return 1;
    }
    if (!lg->seen[cat][month - 1]) {
        lg->seen[cat][month - 1] = 1;
        lg->first[cat][month - 1] = (mark){ tm->file, c[L_AMOUNT]->line, c[L_AMOUNT]->column };
    }
    lg->any[cat] = 1;
    if (month > lg->last_month)
        lg->last_month = month;
    tm->summary->used++;
    (void)row;
    (void)n;
    return 0;
}

/* accounts: {pay: [...], agency: [...], non_pay: [...]}, each entry a code
 * or the first digits of codes. */
static void read_rules(reader *r, const ynode *acc, ledger *lg)
{
    size_t old = rd_push_key(r, "accounts");
    const ynode *seen[N_CATEGORIES] = { NULL };
    size_t total = 0;
    if (rd_expect(r, acc, Y_MAP) == 0) {
        for (size_t i = 0; i < acc->n; i++)
            if (ymap_value(acc, i)->kind == Y_SEQ)
                total += ymap_value(acc, i)->n;
        lg->rules = rd_calloc(r, acc, total, sizeof *lg->rules);
        for (size_t i = 0; lg->rules && i < acc->n; i++) {
            const ynode *k = ymap_key(acc, i), *v = ymap_value(acc, i);
            size_t o = rd_push_key(r, k->kind == Y_SCALAR ? k->text : "?");
            int cat = monitoring_category(r, k, seen);
            if (cat >= 0 && rd_expect(r, v, Y_SEQ) == 0) {
                if (v->n == 0)
                    rd_error(r, v, "list at least one account code or prefix");
                for (size_t j = 0; j < v->n; j++) {
                    size_t o2 = rd_push_index(r, j);
                    const char *code;
                    if (rd_string(r, v->kids[j], &code) == 0) {
                        if (!*code || strlen(code) >= CODE_MAX)
                            rd_error(r, v->kids[j], "an account code or prefix is 1 to %d "
                                     "characters", CODE_MAX - 1);
                        for (size_t q = 0; q < lg->n_rules; q++)
                            if (strcmp(lg->rules[q].prefix, code) == 0)
                                rd_error(r, v->kids[j], "'%s' is also listed under %s (line %d)",
                                         code, category_words[lg->rules[q].cat],
                                         lg->rules[q].at->at.line);
                        lg->rules[lg->n_rules++] = (rule){ code, cat, v->kids[j] };
                    }
                    rd_pop(r, o2);
                }
            }
            rd_pop(r, o);
        }
    }
    rd_pop(r, old);
}

static ynode *pence_node(ydoc *doc, mark at, int64_t p)
{
    char buf[40];
    uint64_t a = p < 0 ? (uint64_t)0 - (uint64_t)p : (uint64_t)p;
    snprintf(buf, sizeof buf, "%s%" PRIu64 ".%02u", p < 0 ? "-" : "", a / 100,
             (unsigned)(a % 100));
    return ynode_build_scalar(doc, at, buf, strlen(buf));
}

const ynode *ledger_actuals(reader *r, table_src *ts, const ynode *node, int year)
{
    ledger *lg = calloc(1, sizeof *lg);
    if (!lg) {
        rd_error_code(r, S75_ENOMEM, node, "out of memory");
        return NULL;
    }
    lg->year = year;
    lg->tm.r = r;
    lg->tm.section = "monitoring.actuals_from";
    lg->tm.row_fn = on_ledger_row;
    lg->tm.ctx = lg;
    ynode *out = NULL;
    size_t errors = r->d->count;
    rd_check_map(r, node, ledger_keys, ledger_need);
    if (node->kind != Y_MAP)
        goto done;
    rd_child_bool(r, node, "credits", &lg->credits);
    rd_child_int(r, node, "months", &lg->months, 1, 12);
    const ynode *cc = ymap_get(node, "cost_centres");
    if (cc) {
        size_t o = rd_push_key(r, "cost_centres");
        if (rd_expect(r, cc, Y_SEQ) == 0) {
            for (size_t i = 0; i < cc->n; i++) {
                size_t o2 = rd_push_index(r, i);
                const char *s;
                rd_string(r, cc->kids[i], &s);
                rd_pop(r, o2);
            }
            lg->centres = cc;
        }
        rd_pop(r, o);
    }
    const ynode *acc = ymap_get(node, "accounts");
    if (acc)
        read_rules(r, acc, lg);
    const ynode *cols = ymap_get(node, "columns");
    if (cols && cols->kind == Y_MAP) {
        size_t o = rd_push_key(r, "columns");
        int has_p = ymap_get(cols, "period") != NULL, has_d = ymap_get(cols, "date") != NULL;
        if (has_p == has_d)
            rd_error(r, cols, "map either a period column or a date column");
        if (cc && !ymap_get(cols, "cost_centre"))
            rd_error(r, cols, "cost_centres needs a cost_centre column to compare with");
        rd_pop(r, o);
    }
    if (r->d->count > errors)
        goto done;
    if (table_read(ts, &lg->tm, node, ledger_columns, ledger_required) < 0 || r->d->count > errors)
        goto done;
    if (lg->overflow) {
        rd_error(r, node, "the amounts of %s add up beyond what a ledger holds", lg->tm.file);
        goto done;
    }
    int months = lg->months > 0 ? (int)lg->months : lg->last_month;
    if (!lg->any[0] && !lg->any[1] && !lg->any[2]) {
        const table_summary *s = lg->tm.summary;
        rd_error(r, node, "no row of %s is in the pool's cost centres, %d/%02d and the mapped "
                 "accounts (%zu rows: %zu other cost centres, %zu other years, %zu other "
                 "accounts)", lg->tm.file, year, (year + 1) % 100, s->rows, s->other_cost_centre,
                 s->other_year, s->other_account);
        goto done;
    }
    ydoc *doc = lg->tm.doc;
    out = ynode_build(doc, Y_MAP, node->at);
    for (int c = 0; out && c < N_CATEGORIES; c++) {
        if (!lg->any[c])
            continue;
        ynode *seq = ynode_build(doc, Y_SEQ, node->at);
        if (ynode_append(doc, out, ynode_build_scalar(doc, node->at, category_words[c],
                                                      strlen(category_words[c]))) < 0 ||
            ynode_append(doc, out, seq) < 0) {
            out = NULL;
            break;
        }
        for (int m = 0; m < months; m++)
            if (ynode_append(doc, seq, pence_node(doc, lg->seen[c][m] ? lg->first[c][m] : node->at,
                                                  lg->pence[c][m])) < 0) {
                out = NULL;
                break;
            }
    }
    if (!out)
        rd_error_code(r, S75_ENOMEM, node, "out of memory");
done:
    free(lg->rules);
    free(lg);
    return out;
}

/* ---- the budget profile ---- */

typedef struct profile {
    table_map tm;
    double amount[N_CATEGORIES][12];
    int seen[12];
    int line[12];
} profile;

static int on_profile_row(void *ctx, size_t row, const csv_cell *cells, size_t n)
{
    profile *pr = ctx;
    table_map *tm = &pr->tm;
    char t[CODE_MAX];
    const csv_cell *pc = table_cell(tm, 0, cells);
    int fy, month;
    if (!cell_trimmed(pc, t, sizeof t) || parse_period(t, &fy, &month) < 0) {
        cell_error(tm, 0, pc, "expected a month: 1 to 12 (1 = April), a month name or 2025-09");
        return 0;
    }
    if (pr->seen[month - 1]) {
        cell_error(tm, 0, pc, "month %d is also on line %d", month, pr->line[month - 1]);
        return 0;
    }
    pr->seen[month - 1] = 1;
    pr->line[month - 1] = pc->line;
    for (int c = 0; c < N_CATEGORIES; c++) {
        const csv_cell *cell = table_cell(tm, c + 1, cells);
        if (!cell)
            continue;
        char v[CODE_MAX];
        double x;
        size_t len;
        if (!cell_trimmed(cell, v, sizeof v) || (len = strlen(v)) == 0) {
            cell_error(tm, c + 1, cell, "a month needs a share or an amount");
            continue;
        }
        if (v[len - 1] == '%')
            v[len - 1] = '\0';
        if (parse_export_number(v, &x) < 0 || x < 0) {
            cell_error(tm, c + 1, cell, "expected a share, a per cent or an amount, not "
                       "negative");
            continue;
        }
        pr->amount[c][month - 1] = x;
    }
    tm->summary->used++;
    (void)row;
    (void)n;
    return 0;
}

const ynode *ledger_profile(reader *r, table_src *ts, const ynode *node)
{
    profile *pr = calloc(1, sizeof *pr);
    if (!pr) {
        rd_error_code(r, S75_ENOMEM, node, "out of memory");
        return NULL;
    }
    pr->tm.r = r;
    pr->tm.section = "monitoring.profile_from";
    pr->tm.row_fn = on_profile_row;
    pr->tm.ctx = pr;
    ynode *out = NULL;
    size_t errors = r->d->count;
    rd_check_map(r, node, profile_keys, NULL);
    if (node->kind != Y_MAP || table_read(ts, &pr->tm, node, profile_columns,
                                          profile_required) < 0 || r->d->count > errors)
        goto done;
    for (int m = 0; m < 12; m++)
        if (!pr->seen[m]) {
            mark at = { pr->tm.file, 1, 1 };
            diag_add(r->d, S75_EINVAL, at, "monitoring.profile_from.columns.period",
                     "no row for month %d (%s): a profile has all 12 months", m + 1,
                     month_names[(m + 3) % 12]);
            goto done;
        }
    ydoc *doc = pr->tm.doc;
    out = ynode_build(doc, Y_MAP, node->at);
    for (int c = 0; out && c < N_CATEGORIES; c++) {
        if (pr->tm.col[c + 1] < 0)
            continue;
        double sum = 0;
        for (int m = 0; m < 12; m++)
            sum += pr->amount[c][m];
        if (sum <= 0) {
            mark at = { pr->tm.file, 1, 1 };
            diag_add(r->d, S75_EINVAL, at, "monitoring.profile_from.columns", "the %s column "
                     "adds up to 0: a profile needs a positive total", category_words[c]);
            out = NULL;
            break;
        }
        ynode *seq = ynode_build(doc, Y_SEQ, node->at);
        if (ynode_append(doc, out, ynode_build_scalar(doc, node->at, category_words[c],
                                                      strlen(category_words[c]))) < 0 ||
            ynode_append(doc, out, seq) < 0) {
            out = NULL;
            break;
        }
        /* The shape of the column: amounts or shares, scaled to sum to 1. */
        for (int m = 0; m < 12; m++) {
            char buf[40];
            snprintf(buf, sizeof buf, "%.17g", pr->amount[c][m] / sum);
            if (ynode_append(doc, seq, ynode_build_scalar(doc, node->at, buf, strlen(buf))) < 0) {
                out = NULL;
                break;
            }
        }
    }
    if (!out && r->d->count == errors)
        rd_error_code(r, S75_ENOMEM, node, "out of memory");
done:
    free(pr);
    return out;
}

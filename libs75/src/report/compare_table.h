/* The table behind `s75 compare` (s75/compare.h): the key lines of several
 * runs on one axis of financial years, for the writers in compare.c
 * (text, CSV, JSON) and compare_xlsx.c. */
#ifndef S75_COMPARE_TABLE_H
#define S75_COMPARE_TABLE_H

#include <stddef.h>

#include "run.h"
#include "sbuf.h"

typedef struct cmp_line {
    const char *line;      /* JSON key of the line: "cost", "risk_share", ... */
    const char *partner;   /* partner id on risk_share lines, else NULL */
    char *label;           /* for people: "Cost", "Risk share: Derbyshire County Council" */
    int pence;             /* values are whole pence (risk share), exact */
    double *v;             /* [run * years + t]; NAN where the run has no such year or partner */
} cmp_line;

typedef struct cmp_run {
    char *name;
    const s75_result *res;
    const scenario *sc;
} cmp_run;

typedef struct cmp_table {
    size_t n_runs;
    cmp_run *runs;
    int first_year, years; /* every FY any run covers */
    size_t n_lines;
    cmp_line *lines;
} cmp_table;

/* Builds the table. Returns S75_OK, S75_ENOMEM or S75_EUSAGE (err filled). */
int cmp_build(cmp_table *t, const s75_result *const *results, const char *const *names,
              size_t n, s75_error *err);
void cmp_free(cmp_table *t);

/* The value of run r in year index y (NAN when absent), and its difference
 * from the first run (NAN when either is absent). Pence lines give pence. */
double cmp_value(const cmp_table *t, const cmp_line *l, size_t r, int y);
double cmp_diff(const cmp_table *t, const cmp_line *l, size_t r, int y);

/* compare_html.c: the comparison as an HTML paper. */
void compare_html(sbuf *b, const cmp_table *t);

/* compare_xlsx.c: the workbook, written to path. */
int compare_xlsx_write(const cmp_table *t, const char *path, s75_error *err);

#endif

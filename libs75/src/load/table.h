/* CSV tables as scenario inputs: where a table comes from (a file relative
 * to the scenario, or text the caller holds in memory), its columns mapped
 * by a YAML `columns:` mapping, and its cells read as numbers with errors at
 * the cell: file:line:column, the mapping's field path and the column's
 * header name. The mappers (load_establishment.c, load_ledger.c) turn rows
 * into YAML-tree nodes that the ordinary section loaders read. */
#ifndef S75_TABLE_H
#define S75_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "csv_read.h"
#include "input_limits.h"
#include "model.h"
#include "reader.h"
#include "yamltree.h"

struct load_opts;

/* Every table one scenario load reads; the built nodes live here until the
 * load ends. */
typedef struct table_src {
    const char *scenario_file;    /* base of relative paths */
    const struct load_opts *opts; /* in-memory tables, or NULL */
    struct load_ctx *ctx;         /* the load's budget and confining folder */
    ydoc docs[LIMIT_TABLES];
    size_t n_docs;
    table_summary *summaries;     /* what each read found, handed to the scenario */
    size_t n_summaries;
} table_src;

void table_src_free(table_src *ts);
/* Writes each summary's one line of text. -1 when memory runs out. */
int table_summaries_write(table_src *ts);

enum { TABLE_MAX_COLUMNS = 16 };

/* One table being mapped. */
typedef struct table_map {
    reader *r;
    const char *section;          /* "workforce_from": field paths start here */
    const char *file;             /* the name in marks (lives in doc) */
    ydoc *doc;                    /* where built nodes go */
    const char *const *keys;      /* the column keys the section knows */
    const ynode *names[TABLE_MAX_COLUMNS]; /* the header name each key maps to, or NULL */
    long col[TABLE_MAX_COLUMNS];  /* its index in the header, or -1 */
    const char *header[TABLE_MAX_COLUMNS];
    int header_ok;
    size_t rows, bad_rows;
    table_summary *summary;
    csv_row_fn row_fn;            /* the mapper's, called for each data row */
    void *ctx;
} table_map;

/* Reads the `columns:` mapping of node (keys from `keys`, `required` among
 * them), finds the table (node's `table:` name among the caller's in-memory
 * tables, else node's `file:` relative to the scenario) and calls row_fn for
 * every data row whose mapped columns were all found. Returns 0 when the
 * table was read (the mapper's own errors aside), -1 otherwise. */
int table_read(table_src *ts, table_map *tm, const ynode *node, const char *const *keys,
               const char *const *required);

/* The key's column index in tm->keys, its cell in a row, and whether it is mapped. */
int table_key(const table_map *tm, const char *key);
const csv_cell *table_cell(const table_map *tm, int key, const csv_cell *cells);

/* An error at a cell: file:line:column, path "<section>.columns.<key>", text
 * led by the header name and the cell's value. */
void cell_error(table_map *tm, int key, const csv_cell *c, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The cell's text without surrounding blanks, in buf (cap bytes); NULL when
 * it does not fit. */
const char *cell_trimmed(const csv_cell *c, char *buf, size_t cap);

/* A number as exports write it: "1,234.5" (commas between groups of three
 * digits), "-3", "£1,200.00", "(1,200.00)" (negative). 0 or -1. */
int parse_export_number(const char *s, double *out);
/* The same as a whole number of pence; more than two decimal places that are
 * not zeros is an error (-1). */
int parse_export_pence(const char *s, int64_t *out);

/* A period as ledgers write it (load_ledger.c): month of the financial
 * year (1 = April) and the year when the text names one (else *fy = -1). */
int parse_period(const char *cell, int *fy, int *month);

/* The monitoring actuals (or profile) mapping built from the table `node`
 * names, or NULL after errors (reported). */
const ynode *ledger_actuals(reader *r, table_src *ts, const ynode *node, int year);
const ynode *ledger_profile(reader *r, table_src *ts, const ynode *node);

/* Copies an ASCII string lower-cased into buf (cap bytes), blanks trimmed. */
void lower_trim(const char *s, char *buf, size_t cap);

#endif

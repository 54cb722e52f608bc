/* The s75 command: shared pieces of its subcommands. */
#ifndef S75_CLI_H
#define S75_CLI_H

#include <s75/s75.h>

/* Exit codes (docs/GUIDE.md). */
enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

/* --set path=value (repeatable), --variant NAME and --confine-includes, for
 * every command that loads a scenario: collected into load options. */
#define CLI_MAX_OVERRIDES 256
typedef struct cli_load_args {
    const char *overrides[CLI_MAX_OVERRIDES]; /* borrowed from argv */
    s75_load_options opts;
} cli_load_args;

void cli_load_args_init(cli_load_args *la);
/* If argv[*i] is one of those options, takes it (and its value, moving *i)
 * and returns 1; 0 when it is not; -1 on a usage error (printed). */
int cli_load_arg(cli_load_args *la, int argc, char **argv, int *i);

/* Parses `FILE [--format F] [-o OUT] [--threads N]`, loads, runs in the
 * mode and writes the report. Returns the exit code. */
int cli_run_mode(int argc, char **argv, s75_mode mode, const char *usage);

void cli_print_error(const s75_error *err);

/* 1 (with the error printed) when out_path names a file the scenario was
 * read from (main file, include, pool file), else 0. */
int cli_output_is_input(const char *out_path, const s75_scenario *sc);

/* "text", "csv", "json", "html", "xlsx". Returns 0, or -1 for another word. */
int cli_parse_format(const char *s, s75_format *out);

/* The report's format from -o's extension (.txt .csv .json .html .xlsx, any
 * case) and --format (`given`: NULL when not given). An extension that
 * contradicts --format is a usage error naming both (printed, -1). Neither:
 * text. An unknown extension leaves the choice to --format. */
int cli_output_format(const char *out_path, const char *given, s75_format *out);
/* A number as the command line gives one: 250000, 1_250_000, -3.5, 20%
 * (0.2). Returns 0, or -1 when s is not a finite number. */
int cli_parse_number(const char *s, double *out);
/* A financial year: 2026 or 2026/27. Returns 0 or -1. */
int cli_parse_year(const char *s, int *out);
/* --threads N (1 .. 1024). Returns 0, or -1 with the usage error printed. */
int cli_parse_threads(const char *s, unsigned *out);
/* Writes text to stdout. Returns 0, or -1 with the error printed. */
int cli_write(const char *text, size_t len);
/* The exit code of a library status: 0, 2 for S75_EUSAGE, 1 otherwise. */
int cli_exit_code(int rc);

int cmd_run(int argc, char **argv);
int cmd_solve(int argc, char **argv);
int cmd_grid(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_appraise(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_compare(int argc, char **argv);

#endif

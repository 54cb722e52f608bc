/* The s75 command: shared pieces of its subcommands. */
#ifndef S75_CLI_H
#define S75_CLI_H

#include <s75/s75.h>

/* Exit codes (SPEC §10). */
enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

/* Parses `FILE [--format F] [-o OUT] [--threads N]`, loads, runs in the
 * mode and writes the report. Returns the exit code. */
int cli_run_mode(int argc, char **argv, s75_mode mode, const char *usage);

void cli_print_error(const s75_error *err);

int cmd_run(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_appraise(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_schema(int argc, char **argv);

#endif

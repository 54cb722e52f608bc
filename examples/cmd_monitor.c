#include "cli.h"

int cmd_monitor(int argc, char **argv)
{
    return cli_run_mode(argc, argv, S75_MODE_MONITOR,
        "usage: s75 monitor FILE [--format text|csv|tidy|json|html|xlsx] [-o OUT]\n"
        "                        [--variant NAME] [--set PATH=VALUE]... [--partner ID]\n"
        "                        [--sections ID,...] (html: the paper's sections, in order)\n"
        "  In-year monitoring: budget against actual, forecast outturn, risk share.\n"
        "  --partner ID: one page for that partner's board instead (text, json, html, xlsx).\n");
}

#include "cli.h"

int cmd_run(int argc, char **argv)
{
    return cli_run_mode(argc, argv, S75_MODE_RUN,
        "usage: s75 run FILE [--format text|csv|tidy|json|html|xlsx] [-o OUT]\n"
        "                    [--variant NAME] [--set PATH=VALUE]... [--partner ID]\n"
        "                    [--sections ID,...] (html: the paper's sections, in order)\n"
        "  The multi-year projection: costs, contributions, gap, savings, variance,\n"
        "  risk share, workforce, demand, the deterministic appraisal and monitoring.\n"
        "  --partner ID: one page for that partner's board instead (text, json, html, xlsx).\n");
}

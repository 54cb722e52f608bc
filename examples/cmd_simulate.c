#include "cli.h"

int cmd_simulate(int argc, char **argv)
{
    return cli_run_mode(argc, argv, S75_MODE_SIMULATE,
        "usage: s75 simulate FILE [--threads N] [--format text|csv|tidy|json|html|xlsx] [-o OUT]\n"
        "                         [--variant NAME] [--set PATH=VALUE]... [--partner ID]\n"
        "                         [--sections ID,...] (html: the paper's sections, in order)\n"
        "  Monte Carlo over pay awards, inflation, uplifts and savings delivery;\n"
        "  tornado and break-even. The same seed gives the same numbers at any N.\n"
        "  --partner ID: one page for that partner's board instead (text, json, html, xlsx).\n");
}

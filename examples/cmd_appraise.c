#include "cli.h"

int cmd_appraise(int argc, char **argv)
{
    return cli_run_mode(argc, argv, S75_MODE_APPRAISE,
        "usage: s75 appraise FILE [--format text|csv|tidy|json|html|xlsx] [-o OUT]\n"
        "                         [--variant NAME] [--set PATH=VALUE]...\n"
        "                         [--sections ID,...] (html: the paper's sections, in order)\n"
        "  The options appraisal with SMAA and the optimism-bias sweep.\n");
}

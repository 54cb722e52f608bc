/* The stages and their writers, for the entry points (run.c) that call
 * both: model/stages.h declares the computing, report/sections.h the
 * rendering. A new declaration goes in one of those. */
#ifndef S75_MODULES_H
#define S75_MODULES_H

#include "sections.h"
#include "stages.h"

#endif

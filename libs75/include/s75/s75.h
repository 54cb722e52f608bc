/* libs75: Section 75 pooled budgets. Include this to get the whole API. */
#ifndef S75_S75_H
#define S75_S75_H

#include "export.h"
#include "version.h"
#include "error.h"
#include "scenario.h"
#include "result.h"
#include "projection.h"
#include "riskshare.h"
#include "appraisal.h"
#include "monitor.h"
#include "portfolio.h"
#include "schema.h"
#include "simulate.h"
#include "variants.h"
#include "compare.h"
#include "solve.h"
#include "grid.h"
#include "statement.h"

#endif

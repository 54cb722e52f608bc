/* Stages not built yet. Each reports itself as missing rather than
 * pretending; the file shrinks as the stages land in their own files. */
#include "diag.h"
#include "modules.h"
#include "report.h"


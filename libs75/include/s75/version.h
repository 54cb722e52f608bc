/* libs75 release version.
 *
 * The macros give the version the program was compiled against; s75_version()
 * the version of the library it is running with. */
#ifndef S75_VERSION_H
#define S75_VERSION_H

#include "export.h"
#define S75_VERSION_MAJOR 0
#define S75_VERSION_MINOR 1
#define S75_VERSION_PATCH 0
#define S75_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/* The release version of the running library, e.g. "0.1.0". Static storage. */
S75_API const char *s75_version(void);

#ifdef __cplusplus
}
#endif
#endif

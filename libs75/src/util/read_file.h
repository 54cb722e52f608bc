/* Reading a whole input file within the size limit of input_limits.h. */
#ifndef S75_READ_FILE_H
#define S75_READ_FILE_H

#include <stddef.h>

#include "diag.h"

/* Reads a whole file within the size limit. Errors (at `from`, or no place)
 * go to d. Returns a malloc'd buffer, NUL-terminated, or NULL. */
char *read_file_limited(const char *path, size_t *len, diag *d, mark from, const char *field);
/* The same with another limit (CSV tables have their own). */
char *read_file_max(const char *path, size_t *len, diag *d, mark from, const char *field,
                    size_t limit);

#endif

/* SHA-256 (FIPS 180-4), to fingerprint scenario files in reports. */
#ifndef S75_SHA256_H
#define S75_SHA256_H

#include <stddef.h>

/* Writes the lower-case hex digest of data and a NUL into hex[65]. */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif

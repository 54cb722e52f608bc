#include "fy.h"

#include <stdio.h>

const char *fy_label(int year, char *buf)
{
    unsigned y = (unsigned)year % 10000u, next = ((unsigned)year + 1u) % 100u;
    snprintf(buf, 8, "%04u/%02u", y, next);
    return buf;
}

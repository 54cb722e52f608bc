/* Financial years as people write them. */
#ifndef S75_FY_H
#define S75_FY_H

/* "2026/27" for the year starting April 2026. buf >= 8 bytes; returns buf. */
const char *fy_label(int year, char *buf);

#endif

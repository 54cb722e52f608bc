/* strdup that is plain C11. */
#ifndef S75_XSTR_H
#define S75_XSTR_H

/* A malloc'd copy of s, or NULL when memory ran out. */
char *xstrdup(const char *s);

#endif

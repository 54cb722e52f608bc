/* Symbol visibility: the library is built with hidden symbols and exports
 * exactly the declarations marked S75_API. */
#ifndef S75_EXPORT_H
#define S75_EXPORT_H

#if defined(__GNUC__) && !defined(S75_STATIC_ONLY)
#define S75_API __attribute__((visibility("default")))
#else
#define S75_API
#endif

/* The one "none" of an index: what a function returning an index gives
 * when there is no such item (a pool without a parent, no preferred
 * option) or its arguments are out of range. Never a valid index. */
#define S75_NONE ((size_t)-1)

#endif

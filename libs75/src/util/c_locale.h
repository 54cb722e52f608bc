/* Every number the library reads or writes is in the C locale's spelling
 * ("94.6", never "94,6"), whatever setlocale() the host program called.
 *
 * A public entry point that parses or prints runs between c_locale_enter()
 * and c_locale_leave(): the calling thread is switched to a C locale object
 * of its own (newlocale, so no state is shared between calls or threads)
 * and given back its own locale on return. Threads the library starts
 * inherit the caller's (threads.c). */
#ifndef S75_C_LOCALE_H
#define S75_C_LOCALE_H

#include <locale.h>

typedef struct c_locale {
    locale_t c;        /* (locale_t)0 when newlocale failed */
    locale_t caller;
} c_locale;

/* If the C locale cannot be made (out of memory) the call runs in the
 * caller's locale, as it would have without this. */
void c_locale_enter(c_locale *s);
void c_locale_leave(const c_locale *s);

#endif

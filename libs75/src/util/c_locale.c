/* The C locale for the length of a public call (c_locale.h). */
#include "c_locale.h"

void c_locale_enter(c_locale *s)
{
    s->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    s->caller = s->c ? uselocale(s->c) : (locale_t)0;
}

void c_locale_leave(const c_locale *s)
{
    if (!s->c)
        return;
    uselocale(s->caller);
    freelocale(s->c);
}

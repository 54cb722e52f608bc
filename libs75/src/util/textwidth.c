#include "textwidth.h"

#include <string.h>

typedef struct range {
    unsigned long lo, hi;
} range;

/* Non-spacing and enclosing marks and zero-width format characters (Unicode
 * general categories Mn, Me, Cf): the blocks names and place names use. */
static const range zero_width[] = {
    { 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x05BF, 0x05BF },
    { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 }, { 0x05C7, 0x05C7 }, { 0x0610, 0x061A },
    { 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
    { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x0711, 0x0711 }, { 0x0730, 0x074A },
    { 0x0900, 0x0902 }, { 0x093A, 0x093A }, { 0x093C, 0x093C }, { 0x0941, 0x0948 },
    { 0x094D, 0x094D }, { 0x0951, 0x0957 }, { 0x0962, 0x0963 }, { 0x0981, 0x0981 },
    { 0x09BC, 0x09BC }, { 0x09C1, 0x09C4 }, { 0x09CD, 0x09CD }, { 0x0A01, 0x0A02 },
    { 0x0A3C, 0x0A3C }, { 0x0A41, 0x0A51 }, { 0x0A70, 0x0A71 }, { 0x0A81, 0x0A82 },
    { 0x0ABC, 0x0ABC }, { 0x0AC1, 0x0AC8 }, { 0x0ACD, 0x0ACD }, { 0x0E31, 0x0E31 },
    { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
    { 0x200B, 0x200F }, { 0x202A, 0x202E }, { 0x2060, 0x2064 }, { 0x20D0, 0x20FF },
    { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xE0001, 0xE007F },
    { 0xE0100, 0xE01EF },
};

/* East Asian Wide and Fullwidth (Unicode UAX #11), and the emoji blocks. */
static const range double_width[] = {
    { 0x1100, 0x115F },   { 0x231A, 0x231B },   { 0x2329, 0x232A },   { 0x2E80, 0x303E },
    { 0x3041, 0x33FF },   { 0x3400, 0x4DBF },   { 0x4E00, 0x9FFF },   { 0xA000, 0xA4CF },
    { 0xA960, 0xA97F },   { 0xAC00, 0xD7A3 },   { 0xF900, 0xFAFF },   { 0xFE10, 0xFE19 },
    { 0xFE30, 0xFE6F },   { 0xFF00, 0xFF60 },   { 0xFFE0, 0xFFE6 },   { 0x1F300, 0x1F64F },
    { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static int in(const range *r, size_t n, unsigned long cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < r[mid].lo)
            hi = mid;
        else if (cp > r[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

int tw_codepoint_width(unsigned long cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0;
    if (in(zero_width, sizeof zero_width / sizeof *zero_width, cp))
        return 0;
    if (in(double_width, sizeof double_width / sizeof *double_width, cp))
        return 2;
    return 1;
}

size_t tw_next(const char *s, int *width)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned long cp;
    size_t n;
    if (u[0] < 0x80) {
        *width = tw_codepoint_width(u[0]);
        return 1;
    } else if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        cp = u[0] & 0x1Fu, n = 2;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        cp = u[0] & 0x0Fu, n = 3;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        cp = u[0] & 0x07u, n = 4;
    } else {
        *width = 1;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) { /* also stops at the NUL */
            *width = 1;
            return 1;
        }
        cp = cp << 6 | (u[i] & 0x3Fu);
    }
    /* overlong forms and surrogates are not characters */
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *width = 1;
        return 1;
    }
    *width = tw_codepoint_width(cp);
    return n;
}

int tw_width(const char *s)
{
    int total = 0, w;
    while (*s) {
        s += tw_next(s, &w);
        total += w;
    }
    return total;
}

static void spaces(sbuf *b, int n)
{
    for (; n > 0; n--)
        sb_putc(b, ' ');
}

void sb_pad_right(sbuf *b, const char *s, int width)
{
    sb_puts(b, s);
    spaces(b, width - tw_width(s));
}

void sb_pad_left(sbuf *b, const char *s, int width)
{
    spaces(b, width - tw_width(s));
    sb_puts(b, s);
}

int sb_clip(sbuf *b, const char *s, int width)
{
    int used = 0, w;
    const char *p = s;
    while (*p) {
        size_t n = tw_next(p, &w);
        if (used + w > width)
            break;
        used += w;
        p += n;
    }
    sb_putn(b, s, (size_t)(p - s));
    return used;
}

size_t tw_wrap(const char *s, int width, const char **next)
{
    const char *p = s, *space = NULL;
    int used = 0, w;
    while (*p) {
        size_t n = tw_next(p, &w);
        if (*p == ' ' && p > s)
            space = p;
        if (used + w > width && p > s)
            break;
        used += w;
        p += n;
    }
    if (!*p) {
        *next = p;
        return (size_t)(p - s);
    }
    /* break at the last space that leaves something on the line */
    const char *end = p;
    if (*p == ' ')
        space = p;
    if (space && space > s)
        end = space;
    size_t len = (size_t)(end - s);
    while (len > 0 && s[len - 1] == ' ')
        len--;
    if (len == 0) /* only spaces before the break: keep the characters */
        len = (size_t)(p - s), end = p;
    while (*end == ' ')
        end++;
    *next = end;
    return len;
}

static int width_n(const char *s, size_t n)
{
    int total = 0, w;
    for (size_t i = 0; i < n;) {
        i += tw_next(s + i, &w);
        total += w;
    }
    return total;
}

void sb_label_cell(sbuf *b, const char *label, int width)
{
    sb_label_cell_at(b, label, width, 0);
}

void sb_label_cell_at(sbuf *b, const char *label, int width, int column)
{
    if (tw_width(label) <= width || width < 8) {
        sb_pad_right(b, label, width);
        return;
    }
    int indent = 0;
    while (label[indent] == ' ' && indent < width / 2)
        indent++;
    const char *s = label + indent;
    int lead = indent;
    for (;;) {
        const char *next;
        size_t n = tw_wrap(s, width - lead, &next);
        spaces(b, lead);
        sb_putn(b, s, n);
        if (!*next) {
            spaces(b, width - lead - width_n(s, n));
            return;
        }
        sb_putc(b, '\n');
        spaces(b, column);
        s = next;
        lead = indent + 2;
    }
}

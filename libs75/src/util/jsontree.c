#include "jsontree.h"

#include <stdlib.h>
#include <string.h>

#include "input_limits.h"

typedef struct parser {
    const char *s, *end;
    int depth;
} parser;

static void skip_space(parser *p)
{
    while (p->s < p->end && (*p->s == ' ' || *p->s == '\n' || *p->s == '\r' || *p->s == '\t'))
        p->s++;
}

static char *copy(const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, s, n);
        c[n] = '\0';
    }
    return c;
}

static int hex4(const char *s, unsigned long *out)
{
    unsigned long v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned long)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned long)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned long)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t utf8_put(char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6), o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12), o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18), o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F)), o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string at p->s (its opening quote), unescaped into a new allocation. */
static char *string(parser *p)
{
    const char *s = ++p->s;
    /* unescaping only shortens the text, so its length bounds the copy */
    const char *q = s;
    while (q < p->end && *q != '"')
        q += *q == '\\' && q + 1 < p->end ? 2 : 1;
    if (q >= p->end)
        return NULL;
    char *out = malloc((size_t)(q - s) + 1), *o = out;
    if (!out)
        return NULL;
    while (s < q) {
        if (*s != '\\') {
            *o++ = *s++;
            continue;
        }
        s++;
        switch (*s) {
        case 'n': *o++ = '\n'; s++; break;
        case 't': *o++ = '\t'; s++; break;
        case 'r': *o++ = '\r'; s++; break;
        case 'b': *o++ = '\b'; s++; break;
        case 'f': *o++ = '\f'; s++; break;
        case 'u': {
            unsigned long cp, lo;
            if (q - s < 5 || hex4(s + 1, &cp) < 0)
                goto bad;
            s += 5;
            if (cp >= 0xD800 && cp < 0xDC00 && q - s >= 6 && s[0] == '\\' && s[1] == 'u' &&
                hex4(s + 2, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                s += 6;
            }
            o += utf8_put(o, cp);
            break;
        }
        default: *o++ = *s++; /* \" \\ \/ */
        }
    }
    *o = '\0';
    p->s = q + 1;
    return out;
bad:
    free(out);
    return NULL;
}

static jt_node *value(parser *p);

static jt_node *node(jt_type type)
{
    jt_node *n = calloc(1, sizeof *n);
    if (n)
        n->type = type;
    return n;
}

static jt_node *container(parser *p, jt_type type)
{
    char close = type == JT_OBJECT ? '}' : ']';
    jt_node *n = node(type), **tail;
    if (!n || ++p->depth > LIMIT_DEPTH * 4)
        goto bad;
    tail = &n->child;
    p->s++;
    skip_space(p);
    if (p->s < p->end && *p->s == close) {
        p->s++;
        p->depth--;
        return n;
    }
    for (;;) {
        char *key = NULL;
        skip_space(p);
        if (type == JT_OBJECT) {
            if (p->s >= p->end || *p->s != '"' || !(key = string(p)))
                goto bad;
            skip_space(p);
            if (p->s >= p->end || *p->s != ':') {
                free(key);
                goto bad;
            }
            p->s++;
        }
        jt_node *v = value(p);
        if (!v) {
            free(key);
            goto bad;
        }
        v->key = key;
        *tail = v;
        tail = &v->next;
        n->count++;
        skip_space(p);
        if (p->s < p->end && *p->s == ',') {
            p->s++;
            continue;
        }
        if (p->s < p->end && *p->s == close) {
            p->s++;
            p->depth--;
            return n;
        }
        goto bad;
    }
bad:
    jt_free(n);
    return NULL;
}

static jt_node *value(parser *p)
{
    skip_space(p);
    if (p->s >= p->end)
        return NULL;
    char c = *p->s;
    if (c == '{')
        return container(p, JT_OBJECT);
    if (c == '[')
        return container(p, JT_ARRAY);
    if (c == '"') {
        jt_node *n = node(JT_STRING);
        if (n && !(n->text = string(p))) {
            free(n);
            return NULL;
        }
        return n;
    }
    static const struct { const char *word; jt_type type; } words[] = {
        { "null", JT_NULL }, { "true", JT_BOOL }, { "false", JT_BOOL } };
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(p->end - p->s) >= n && memcmp(p->s, words[i].word, n) == 0) {
            jt_node *v = node(words[i].type);
            if (v && !(v->text = copy(p->s, n))) {
                free(v);
                return NULL;
            }
            p->s += n;
            return v;
        }
    }
    const char *s = p->s;
    while (p->s < p->end && strchr("+-0123456789.eE", *p->s))
        p->s++;
    if (p->s == s)
        return NULL;
    jt_node *v = node(JT_NUMBER);
    if (v && !(v->text = copy(s, (size_t)(p->s - s)))) {
        free(v);
        return NULL;
    }
    return v;
}

jt_node *jt_parse(const char *text, size_t len)
{
    parser p = { text, text + len, 0 };
    jt_node *n = value(&p);
    skip_space(&p);
    if (n && p.s != p.end) {
        jt_free(n);
        return NULL;
    }
    return n;
}

void jt_free(jt_node *n)
{
    /* siblings iteratively, children recursively (depth is bounded) */
    while (n) {
        jt_node *next = n->next;
        jt_free(n->child);
        free(n->key);
        free(n->text);
        free(n);
        n = next;
    }
}

const jt_node *jt_get(const jt_node *obj, const char *key)
{
    if (!obj || obj->type != JT_OBJECT)
        return NULL;
    for (const jt_node *c = obj->child; c; c = c->next)
        if (c->key && strcmp(c->key, key) == 0)
            return c;
    return NULL;
}

/* A JSON document read back into a tree: what the tidy CSV flattens. It reads
 * the library's own JSON (so it is strict, small and trusts its input to be
 * well formed, returning NULL on anything else); numbers keep the text they
 * were written with, so no figure loses a digit on the way. */
#ifndef S75_JSONTREE_H
#define S75_JSONTREE_H

#include <stddef.h>

typedef enum { JT_NULL, JT_BOOL, JT_NUMBER, JT_STRING, JT_ARRAY, JT_OBJECT } jt_type;

typedef struct jt_node {
    jt_type type;
    char *key;              /* within an object; NULL in an array or at the top */
    char *text;             /* a number's text, a string (UTF-8), "true"/"false" */
    struct jt_node *child;  /* first member or element */
    struct jt_node *next;   /* next sibling */
    size_t count;           /* members or elements */
} jt_node;

/* The tree of text[0..len); NULL when it is not JSON or memory runs out.
 * Free with jt_free. */
jt_node *jt_parse(const char *text, size_t len);
void jt_free(jt_node *n);
/* The member of an object named key, or NULL. */
const jt_node *jt_get(const jt_node *obj, const char *key);

#endif

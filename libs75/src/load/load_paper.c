/* The optional paper: block: what the board paper opens with (title, author,
 * date, the recommendation and the decision sought). Words only: the model
 * never reads them. */
#include "load.h"
#include "reader.h"

void load_paper(reader *r, const ynode *n, scenario *sc)
{
    static const char *const keys[] = { "title", "author", "date", "recommendation", "decision",
                                        NULL };
    static const char *const none[] = { NULL };
    paper_spec *p = &sc->paper;
    size_t old = rd_push_key(r, "paper");
    if (rd_check_map(r, n, keys, none) < 0 && n->kind != Y_MAP) {
        rd_pop(r, old);
        return;
    }
    char **fields[] = { &p->title, &p->author, &p->date, &p->recommendation, &p->decision };
    for (size_t i = 0; keys[i]; i++) {
        const char *s;
        if (rd_child_string(r, n, keys[i], &s) == 0 && !(*fields[i] = xstrdup(s)))
            rd_error_code(r, S75_ENOMEM, n, "out of memory");
    }
    p->present = 1;
    rd_pop(r, old);
}


/* Loading a portfolio of pools (SPEC §11). */
#include "load.h"

void load_pools(reader *r, const ynode *root, scenario *sc)
{
    (void)sc;
    size_t old = rd_push_key(r, "pools");
    rd_error(r, ymap_get(root, "pools"), "portfolios are not supported by this build yet");
    rd_pop(r, old);
}

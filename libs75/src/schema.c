/* s75_schema(): the JSON Schema compiled in from libs75/data/s75.schema.json
 * (the generated schema_data.c, written by libs75/data/embed.py). */
#include "s75/schema.h"

/* Defined in the generated schema_data.c; hidden, not part of the API. */
#if defined(__GNUC__)
__attribute__((visibility("hidden")))
#endif
extern const char s75_schema_json_text[];

const char *s75_schema(void)
{
    return s75_schema_json_text;
}

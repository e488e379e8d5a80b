/* kefu.h must compile as strict C99 (see CMakeLists.txt for the flags).
 * Including it twice checks the include guard; touching the types and macros
 * makes sure their definitions, not just their names, are valid C. */
#include "kefu/kefu.h"
#include "kefu/kefu.h"

int main(void) {
    kefu_normalize_options opts = {KEFU_NORMALIZE_OPTIONS_VERSION, KEFU_INVALID_UTF8_REPLACE,
                                   KEFU_DEFAULT_MAX_TEXT_BYTES};
    kefu_char_info info = {0, 0, 0, 0, 0, 0};
    kefu_error error = {KEFU_OK, "", "", 0, 0, -1};
    const kefu_normalized *normalized = NULL;
    const kefu_string *string = NULL;
    (void)normalized;
    (void)string;
    return (int)(opts.version - KEFU_NORMALIZE_OPTIONS_VERSION) + (int)info.repeat + error.code;
}

/* Checks for the C test programs: each failed check prints where and what
 * failed and counts a failure; a program returns failures != 0. Static
 * functions in a header: every test program is a single translation unit. */
#ifndef KEFU_TEST_CHECK_H
#define KEFU_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "kefu/kefu.h"

static int failures = 0;

static void report(int ok, const char *file, int line, const char *what) {
    if (ok) return;
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    ++failures;
}

#define CHECK(cond) report((cond) != 0, __FILE__, __LINE__, #cond)

/* A failed call must also leave its code in kefu_last_error(), so expecting
 * an error checks both. On a mismatch the last error's message is printed. */
static void report_status(int expected, int actual, const char *file, int line, const char *call) {
    const kefu_error *e = kefu_last_error();
    if (actual != expected) {
        fprintf(stderr, "%s:%d: %s returned %s, expected %s (last error: %s)\n", file, line, call,
                kefu_status_name(actual), kefu_status_name(expected), e->message);
        ++failures;
    } else if (expected != KEFU_OK && e->code != expected) {
        fprintf(stderr, "%s:%d: %s returned %s but kefu_last_error()->code is %s\n", file, line, call,
                kefu_status_name(actual), kefu_status_name(e->code));
        ++failures;
    }
}

#define CHECK_STATUS(expected, call) report_status((expected), (call), __FILE__, __LINE__, #call)

static void report_string(const char *actual, const char *expected, const char *file, int line, const char *what) {
    if (actual != NULL && strcmp(actual, expected) == 0) return;
    fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", file, line, what, actual ? actual : "(null)",
            expected);
    ++failures;
}

#define CHECK_STRING(actual, expected) report_string((actual), (expected), __FILE__, __LINE__, #actual)

#endif

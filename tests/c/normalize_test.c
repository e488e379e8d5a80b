/* The text-normalisation part of the C ABI, driven from C99 exactly as a host
 * program would drive it. Each failed check prints where and what failed; the
 * program exits non-zero when any check failed. Everything allocated is freed
 * so that the program stays clean under AddressSanitizer. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kefu/kefu.h"

/* The running example: "I want to return the goods!!!" in Traditional script
 * with full-width exclamation marks. 我要退貨 is 4 x 3 bytes, then three
 * full-width '！' of 3 bytes each at bytes 12..21. */
static const char example[] = "我要退貨！！！";
static const size_t example_len = sizeof example - 1;
static const char example_normalized[] = "我要退货!";

/* Default options with the given invalid-UTF-8 policy and maximum length. */
static kefu_normalize_options make_options(int32_t invalid_utf8, size_t max_length) {
    kefu_normalize_options opts;
    CHECK_STATUS(KEFU_OK, kefu_normalize_options_init(&opts, KEFU_NORMALIZE_OPTIONS_VERSION));
    opts.invalid_utf8 = invalid_utf8;
    opts.max_length = max_length;
    return opts;
}

/* Normalises text that must be accepted; NULL (after reporting) otherwise. */
static kefu_normalized *normalize_ok(const char *text, size_t len, const kefu_normalize_options *opts) {
    kefu_normalized *n = NULL;
    CHECK_STATUS(KEFU_OK, kefu_normalize(&n, text, len, opts));
    return n;
}

/* Every character must map into the normalised text and the caller's input. */
static void check_offsets(const char *text, size_t len) {
    kefu_normalized *n = normalize_ok(text, len, NULL);
    size_t text_len = 0;
    size_t i;
    kefu_normalized_text(n, &text_len);
    for (i = 0; i < kefu_normalized_char_count(n); ++i) {
        kefu_char_info c;
        CHECK_STATUS(KEFU_OK, kefu_normalized_char(&c, n, i));
        CHECK(c.source_start < c.source_end);
        CHECK(c.source_end <= len);
        CHECK(c.text_start < c.text_end);
        CHECK(c.text_end <= text_len);
    }
    kefu_normalized_free(n);
}

static void test_version(void) {
    int major = -1, minor = -1, patch = -1;
    CHECK_STRING(kefu_version(), KEFU_VERSION_STRING);
    kefu_version_numbers(&major, &minor, &patch);
    CHECK(major == KEFU_VERSION_MAJOR);
    CHECK(minor == KEFU_VERSION_MINOR);
    CHECK(patch == KEFU_VERSION_PATCH);
    kefu_version_numbers(NULL, NULL, NULL);
}

static void test_status_names(void) {
    static const struct {
        int code;
        const char *name;
    } names[] = {
        {KEFU_OK, "KEFU_OK"},
        {KEFU_EINVAL, "KEFU_EINVAL"},
        {KEFU_ENOMEM, "KEFU_ENOMEM"},
        {KEFU_EUTF8, "KEFU_EUTF8"},
        {KEFU_ETOOLONG, "KEFU_ETOOLONG"},
        {KEFU_EPARSE, "KEFU_EPARSE"},
        {KEFU_EVERSION, "KEFU_EVERSION"},
        {KEFU_ECORRUPT, "KEFU_ECORRUPT"},
        {KEFU_EIO, "KEFU_EIO"},
        {KEFU_ENOTFOUND, "KEFU_ENOTFOUND"},
        {KEFU_ESTATE, "KEFU_ESTATE"},
        {KEFU_ELIMIT, "KEFU_ELIMIT"},
        {KEFU_EINTERNAL, "KEFU_EINTERNAL"},
        {-12345, "KEFU_EUNKNOWN"},
        {1, "KEFU_EUNKNOWN"},
    };
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; ++i)
        CHECK_STRING(kefu_status_name(names[i].code), names[i].name);
}

static void test_last_error(void) {
    kefu_normalized *n = NULL;
    const kefu_error *e;
    CHECK_STATUS(KEFU_EINVAL, kefu_normalize(&n, NULL, 5, NULL));
    CHECK(kefu_last_error() != NULL);
    kefu_clear_error();
    e = kefu_last_error();
    CHECK(e != NULL);
    if (e == NULL) return;
    CHECK(e->code == KEFU_OK);
    CHECK_STRING(e->message, "");
    CHECK_STRING(e->file, "");
}

static void test_example(void) {
    kefu_normalized *n = normalize_ok(example, example_len, NULL);
    size_t len = 0;
    size_t count = kefu_normalized_char_count(n);
    kefu_char_info last;
    CHECK_STRING(kefu_normalized_text(n, &len), example_normalized);
    CHECK(len == strlen(example_normalized));
    /* 我 要 退 货 ! — the three '！' squeeze into one '!' that remembers them. */
    CHECK(count == 5);
    CHECK_STATUS(KEFU_OK, kefu_normalized_char(&last, n, count - 1));
    CHECK(last.codepoint == '!');
    CHECK(last.repeat == 3);
    CHECK(last.source_start == 12);
    CHECK(last.source_end == 21);
    CHECK(last.text_start == 12);
    CHECK(last.text_end == 13);
    kefu_normalized_free(n);
}

static void test_offsets(void) {
    static const char with_nul[] = "a\0b";
    check_offsets(example, example_len);
    check_offsets("Ａ  ｂ\t\tc", strlen("Ａ  ｂ\t\tc"));
    check_offsets("a\xFF b\xE6\x88", 6);
    check_offsets(with_nul, sizeof with_nul - 1);
}

static void test_json(void) {
    kefu_string *json = NULL;
    const char *data;
    CHECK_STATUS(KEFU_OK, kefu_normalize_json(&json, example, example_len, NULL));
    data = kefu_string_data(json);
    CHECK(data != NULL);
    CHECK(data != NULL && strstr(data, "\"text\":\"我要退货!\"") != NULL);
    CHECK(data != NULL && kefu_string_size(json) == strlen(data));
    kefu_string_free(json);
}

static void test_invalid_utf8_replaced_by_default(void) {
    kefu_normalized *n = normalize_ok("a\xFF b", 4, NULL);
    const char *text = kefu_normalized_text(n, NULL);
    CHECK(text != NULL && strstr(text, "\xEF\xBF\xBD") != NULL);
    kefu_normalized_free(n);
}

static void test_invalid_utf8_rejected_on_request(void) {
    kefu_normalize_options opts = make_options(KEFU_INVALID_UTF8_REJECT, 0);
    kefu_normalized *n = NULL;
    const kefu_error *e;
    CHECK_STATUS(KEFU_EUTF8, kefu_normalize(&n, "a\xFF b", 4, &opts));
    e = kefu_last_error();
    CHECK(e->byte_offset == 1);
    CHECK(e->message != NULL && e->message[0] != '\0');
    kefu_normalized_free(n);
}

static void test_nul_bytes_inside_text(void) {
    static const char text[] = "a\0b";
    kefu_normalized *n = normalize_ok(text, sizeof text - 1, NULL);
    CHECK_STRING(kefu_normalized_text(n, NULL), "a b");
    kefu_normalized_free(n);
}

static void test_max_length(void) {
    kefu_normalize_options opts = make_options(KEFU_INVALID_UTF8_REPLACE, 4);
    kefu_normalized *n = NULL;
    kefu_string *json = NULL;
    CHECK_STATUS(KEFU_ETOOLONG, kefu_normalize(&n, "0123456789", 10, &opts));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_normalize_json(&json, "0123456789", 10, &opts));
    kefu_normalized_free(n);
    kefu_string_free(json);
}

static void test_options_versions(void) {
    kefu_normalize_options opts = make_options(KEFU_INVALID_UTF8_REPLACE, 0);
    kefu_normalized *n = NULL;
    CHECK_STATUS(KEFU_EVERSION, kefu_normalize_options_init(&opts, 999));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalize_options_init(NULL, KEFU_NORMALIZE_OPTIONS_VERSION));
    opts.version = 999;
    CHECK_STATUS(KEFU_EVERSION, kefu_normalize(&n, "abc", 3, &opts));
    kefu_normalized_free(n);
}

static void test_null_arguments(void) {
    kefu_normalized *n = NULL;
    kefu_string *json = NULL;
    kefu_char_info c;
    size_t len = 99;
    CHECK_STATUS(KEFU_EINVAL, kefu_normalize(NULL, "abc", 3, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalize_json(NULL, "abc", 3, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalize(&n, NULL, 5, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalize_json(&json, NULL, 5, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalized_char(&c, NULL, 0));
    kefu_normalized_free(n);
    kefu_string_free(json);

    /* No text at all is an empty text, not an error. */
    n = normalize_ok(NULL, 0, NULL);
    CHECK_STRING(kefu_normalized_text(n, &len), "");
    CHECK(len == 0);
    CHECK(kefu_normalized_char_count(n) == 0);
    CHECK_STATUS(KEFU_EINVAL, kefu_normalized_char(NULL, n, 0));
    kefu_normalized_free(n);
}

static void test_null_objects(void) {
    size_t len = 99;
    kefu_normalized_free(NULL);
    kefu_string_free(NULL);
    CHECK(kefu_string_data(NULL) == NULL);
    CHECK(kefu_string_size(NULL) == 0);
    CHECK(kefu_normalized_text(NULL, &len) == NULL);
    CHECK(len == 0);
    CHECK(kefu_normalized_char_count(NULL) == 0);
}

static void test_char_index_out_of_range(void) {
    kefu_normalized *n = normalize_ok("abc", 3, NULL);
    kefu_char_info c;
    CHECK_STATUS(KEFU_OK, kefu_normalized_char(&c, n, 2));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalized_char(&c, n, 3));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalized_char(&c, n, (size_t)-1));
    kefu_normalized_free(n);
}

int main(void) {
    test_version();
    test_status_names();
    test_last_error();
    test_example();
    test_offsets();
    test_json();
    test_invalid_utf8_replaced_by_default();
    test_invalid_utf8_rejected_on_request();
    test_nul_bytes_inside_text();
    test_max_length();
    test_options_versions();
    test_null_arguments();
    test_null_objects();
    test_char_index_out_of_range();
    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}

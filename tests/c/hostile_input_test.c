/* Hostile input through the C ABI, from C99 (docs/SECURITY.md): malformed
 * UTF-8 (overlong forms, encoded surrogates, truncated sequences) and NUL
 * bytes in messages; messages beyond the maximum length, in linear time; a
 * flood of emoji; rule files beyond the size limit and nested too deep;
 * truncated, bit-flipped and version-mismatched session blobs and model
 * files; JSON nested a million deep; flow timers at the years 0001 and 9999,
 * advance() to the int64 extremes, and time going backwards. Every call
 * either succeeds or returns its documented status with kefu_last_error()
 * set; none crashes or hangs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "kefu/kefu.h"

#define MIB (1024u * 1024u)

static kefu_model *model;

static char *repeat(const char *unit, size_t times, size_t *len) {
    const size_t n = strlen(unit);
    char *out = malloc(n * times + 1);
    size_t i;
    if (out == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    for (i = 0; i < times; ++i) memcpy(out + i * n, unit, n);
    out[n * times] = '\0';
    *len = n * times;
    return out;
}

static int contains(const kefu_string *s, const char *what) {
    return s != NULL && strstr(kefu_string_data(s), what) != NULL;
}

static kefu_string *step_ok(kefu_session *s, const char *event, size_t len) {
    kefu_string *out = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_step_json(&out, s, event, len));
    return out;
}

/* ------------------------------------------------------------------ UTF-8 */

struct bad_utf8 {
    const char *name;
    const char *text; /* a message with a bad sequence inside (no NUL) */
    int64_t bad_at;   /* the offset the reject policy reports */
};

static void test_malformed_utf8(void) {
    static const struct bad_utf8 cases[] = {
        {"overlong '/' (C0 AF)", "我要退\xC0\xAF货", 9},
        {"encoded surrogate (ED A0 80)", "能便宜\xED\xA0\x80点吗", 9},
        {"above U+10FFFF (F4 90 80 80)", "在吗\xF4\x90\x80\x80", 6},
        {"truncated (E6 88)", "退货\xE6\x88", 6},
        {"lone continuation (80)", "\x80好的", 0},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        const struct bad_utf8 *c = &cases[i];
        const size_t len = strlen(c->text);
        kefu_normalize_options nopts;
        kefu_classify_options copts;
        kefu_normalized *n = NULL;
        kefu_classification *cl = NULL;
        kefu_string *json = NULL;
        kefu_lint_result *lint = NULL;
        kefu_entities *entities = NULL;
        const char *text;

        /* replaced: U+FFFD, never the raw bytes */
        CHECK_STATUS(KEFU_OK, kefu_normalize(&n, c->text, len, NULL));
        text = kefu_normalized_text(n, NULL);
        if (text == NULL || strstr(text, "\xEF\xBF\xBD") == NULL) fprintf(stderr, "case: %s\n", c->name);
        CHECK(text != NULL && strstr(text, "\xEF\xBF\xBD") != NULL);
        kefu_normalized_free(n);
        n = NULL;
        CHECK_STATUS(KEFU_OK, kefu_classify(&cl, model, c->text, len, NULL));
        kefu_classification_free(cl);
        cl = NULL;
        CHECK_STATUS(KEFU_OK, kefu_classify_json(&json, model, c->text, len, NULL));
        CHECK(contains(json, "\xEF\xBF\xBD"));
        kefu_string_free(json);
        CHECK_STATUS(KEFU_OK, kefu_extract_entities(&entities, c->text, len, NULL));
        kefu_entities_free(entities);
        CHECK_STATUS(KEFU_OK, kefu_lint(&lint, c->text, len, NULL));
        kefu_lint_free(lint);

        /* rejected on request, at the first bad byte */
        CHECK_STATUS(KEFU_OK, kefu_normalize_options_init(&nopts, KEFU_NORMALIZE_OPTIONS_VERSION));
        nopts.invalid_utf8 = KEFU_INVALID_UTF8_REJECT;
        CHECK_STATUS(KEFU_EUTF8, kefu_normalize(&n, c->text, len, &nopts));
        CHECK(n == NULL && kefu_last_error()->byte_offset == c->bad_at);
        CHECK_STATUS(KEFU_OK, kefu_classify_options_init(&copts, KEFU_CLASSIFY_OPTIONS_VERSION));
        copts.invalid_utf8 = KEFU_INVALID_UTF8_REJECT;
        CHECK_STATUS(KEFU_EUTF8, kefu_classify(&cl, model, c->text, len, &copts));
        CHECK(cl == NULL && kefu_last_error()->byte_offset == c->bad_at);
    }
}

static void test_nul_bytes(void) {
    static const char message[] = "我要\0退货\0\0吗";
    kefu_classification *c = NULL;
    kefu_session *s = NULL;
    kefu_string *out = NULL;
    static const char event[] =
        "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"我要\\u0000退货\\u0000吗\"}";
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, message, sizeof message - 1, NULL));
    CHECK_STRING(kefu_classification_intent(c), "return");
    kefu_classification_free(c);
    /* in a session: NUL as \u0000 in the JSON event */
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, "nul"));
    out = step_ok(s, event, sizeof event - 1);
    CHECK(contains(out, "\"intent\":\"return\""));
    kefu_string_free(out);
    kefu_session_free(s);
}

/* Raw invalid UTF-8 inside a JSON event is not JSON: KEFU_EPARSE, and the
 * session is unchanged. */
/* Session ids go into blobs: UTF-8 of at most 1 KiB. */
static void test_session_ids(void) {
    kefu_session *s = NULL;
    size_t len = 0;
    char *long_id = repeat("a", 1025, &len);
    CHECK_STATUS(KEFU_EINVAL, kefu_session_new(&s, model, "\xC0\xAF"));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_new(&s, model, "\xED\xA0\x80"));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_new(&s, model, long_id));
    CHECK(s == NULL);
    long_id[1024] = '\0';
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, long_id));
    kefu_session_free(s);
    free(long_id);
}

static void test_invalid_utf8_in_events(void) {
    static const char *const events[] = {
        "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"退\xC0\xAF货\"}",
        "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"\xED\xA0\x80\"}",
        "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"\\ud800\"}",
        "{\"type\":\"agent_reply\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"\xFF\"}",
    };
    kefu_session *s = NULL;
    kefu_string *before = NULL, *after = NULL, *out = NULL;
    size_t i;
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, "utf8"));
    CHECK_STATUS(KEFU_OK, kefu_session_snapshot(&before, s));
    for (i = 0; i < sizeof events / sizeof events[0]; ++i) {
        CHECK_STATUS(KEFU_EPARSE, kefu_session_step_json(&out, s, events[i], strlen(events[i])));
        CHECK(out == NULL);
    }
    CHECK_STATUS(KEFU_OK, kefu_session_snapshot(&after, s));
    CHECK(kefu_string_size(before) == kefu_string_size(after) &&
          memcmp(kefu_string_data(before), kefu_string_data(after), kefu_string_size(after)) == 0);
    kefu_string_free(before);
    kefu_string_free(after);
    kefu_session_free(s);
}

/* ---------------------------------------------------------- long messages */

static double classify_seconds(const char *text, size_t len) {
    kefu_classification *c = NULL;
    const clock_t start = clock();
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, text, len, NULL));
    kefu_classification_free(c);
    return (double)(clock() - start) / CLOCKS_PER_SEC;
}

static void test_long_messages(void) {
    /* 24 bytes a unit: 43,691 units make a 1 MiB message */
    size_t len = 0, big_len = 0;
    char *one_mib = repeat("能便宜点吗我要退貨", 43691, &len);
    char *five_mib = repeat("能便宜点吗我要退貨", 5 * 43691, &big_len);
    kefu_classify_options opts;
    kefu_classification *c = NULL;
    kefu_string *json = NULL;
    double small = 0, large = 0;

    /* the default maximum is 4 MiB: 1 MiB is analysed (below), 5 MiB refused */
    CHECK(len >= MIB && len < KEFU_DEFAULT_MAX_TEXT_BYTES && big_len > KEFU_DEFAULT_MAX_TEXT_BYTES);
    CHECK_STATUS(KEFU_ETOOLONG, kefu_classify(&c, model, five_mib, big_len, NULL));
    CHECK(c == NULL && strstr(kefu_last_error()->message, "longer than the maximum") != NULL);
    CHECK_STATUS(KEFU_ETOOLONG, kefu_classify_json(&json, model, five_mib, big_len, NULL));

    /* the maximum is configurable per call (normalising shows a raised one
     * at a fraction of the cost of classifying 5 MiB) */
    CHECK_STATUS(KEFU_OK, kefu_classify_options_init(&opts, KEFU_CLASSIFY_OPTIONS_VERSION));
    opts.max_length = 64 * 1024;
    CHECK_STATUS(KEFU_ETOOLONG, kefu_classify(&c, model, one_mib, len, &opts));
    opts.max_length = (size_t)2 * 1024 * MIB; /* above the 1 GiB ceiling */
    CHECK_STATUS(KEFU_EINVAL, kefu_classify(&c, model, one_mib, len, &opts));
    {
        kefu_normalize_options nopts;
        kefu_normalized *n = NULL;
        CHECK_STATUS(KEFU_OK, kefu_normalize_options_init(&nopts, KEFU_NORMALIZE_OPTIONS_VERSION));
        CHECK_STATUS(KEFU_ETOOLONG, kefu_normalize(&n, five_mib, big_len, &nopts));
        nopts.max_length = 8 * MIB;
        CHECK_STATUS(KEFU_OK, kefu_normalize(&n, five_mib, big_len, &nopts));
        kefu_normalized_free(n);
    }

    /* linear time: 8 times the text costs about 8 times the work (a
     * quadratic step would cost 64 times); CPU time of the best of 2 */
    {
        int round;
        double best_small = 1e9, best_large = 1e9;
        for (round = 0; round < 2; ++round) {
            small = classify_seconds(one_mib, len / 8);
            large = classify_seconds(one_mib, len);
            if (small < best_small) best_small = small;
            if (large < best_large) best_large = large;
        }
        printf("classify: 128 KiB in %.3f s, 1 MiB in %.3f s (ratio %.1f)\n", best_small, best_large,
               best_small > 0 ? best_large / best_small : 0.0);
        CHECK(best_large < 24 * best_small + 0.05);
    }
    free(one_mib);
    free(five_mib);
}

/* A session takes a message up to the text maximum (4 MiB, not configurable
 * per session) inside an event up to KEFU_MAX_EVENT_BYTES (16 MiB). A longer
 * message is not analysed: the step succeeds and its line carries "error". */
static void test_long_messages_in_sessions(void) {
    static const char head[] = "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"";
    const size_t head_len = sizeof head - 1;
    size_t len = 0;
    char *text = repeat("我要退货", 5 * MIB / 12 + 1, &len); /* 5 MiB */
    char *event = malloc(head_len + len + 3);
    kefu_session *s = NULL;
    kefu_string *out = NULL;
    size_t one_mib = MIB / 12 * 12;
    CHECK(event != NULL);
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, "long"));

    memcpy(event, head, head_len);
    memcpy(event + head_len, text, one_mib);
    memcpy(event + head_len + one_mib, "\"}", 3);
    out = step_ok(s, event, head_len + one_mib + 2);
    CHECK(contains(out, "\"intent\":\"return\""));
    kefu_string_free(out);
    { /* the session keeps 1 KiB of it, cut on a character: it still restores */
        kefu_string *blob = NULL;
        kefu_session *restored = NULL;
        CHECK_STATUS(KEFU_OK, kefu_session_snapshot(&blob, s));
        CHECK_STATUS(KEFU_OK, kefu_session_restore(&restored, model, kefu_string_data(blob), kefu_string_size(blob)));
        kefu_session_free(restored);
        kefu_string_free(blob);
    }

    memcpy(event + head_len, text, len);
    memcpy(event + head_len + len, "\"}", 3);
    out = step_ok(s, event, head_len + len + 2);
    CHECK(contains(out, "\"error\":\"message longer than the maximum length"));
    kefu_string_free(out);
    free(text);
    free(event);

    /* events above 16 MiB: KEFU_ETOOLONG before any parsing */
    {
        size_t big = KEFU_MAX_EVENT_BYTES + 1;
        char *huge = malloc(big);
        CHECK(huge != NULL);
        memset(huge, ' ', big);
        CHECK_STATUS(KEFU_ETOOLONG, kefu_session_step_json(&out, s, huge, big));
        CHECK_STATUS(KEFU_ETOOLONG, kefu_session_set_policies(s, huge, big));
        free(huge);
    }
    kefu_session_free(s);
}

static void test_emoji_flood(void) {
    size_t len = 0, mixed_len = 0;
    char *angry = repeat("😡", 100000, &len);
    char *mixed = repeat("😡😂👍", 33334, &mixed_len);
    kefu_normalized *n = NULL;
    kefu_char_info info;
    kefu_classification *c = NULL;
    kefu_session *s = NULL;
    kefu_string *out = NULL;
    char *event;
    static const char head[] = "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"";

    /* one token that stands for 100,000 */
    CHECK_STATUS(KEFU_OK, kefu_normalize(&n, angry, len, NULL));
    CHECK(kefu_normalized_char_count(n) == 1);
    CHECK_STATUS(KEFU_OK, kefu_normalized_char(&info, n, 0));
    CHECK(info.repeat == 100000 && info.source_start == 0 && info.source_end == len);
    kefu_normalized_free(n);
    n = NULL;
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, angry, len, NULL));
    kefu_classification_free(c);
    c = NULL;
    /* 100,002 emoji that do not repeat: 100,002 characters */
    CHECK_STATUS(KEFU_OK, kefu_normalize(&n, mixed, mixed_len, NULL));
    CHECK(kefu_normalized_char_count(n) == 100002);
    kefu_normalized_free(n);
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, mixed, mixed_len, NULL));
    kefu_classification_free(c);

    event = malloc(sizeof head + len + 3);
    CHECK(event != NULL);
    memcpy(event, head, sizeof head - 1);
    memcpy(event + sizeof head - 1, angry, len);
    memcpy(event + sizeof head - 1 + len, "\"}", 3);
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, "emoji"));
    out = step_ok(s, event, sizeof head - 1 + len + 2);
    CHECK(contains(out, "\"anger\""));
    kefu_string_free(out);
    kefu_session_free(s);
    free(event);
    free(angry);
    free(mixed);
}

/* ------------------------------------------------------------- rule files */

static int compile(const char *text, size_t len, kefu_model **out) {
    kefu_source source;
    source.name = "hostile.kefu";
    source.text = text;
    source.len = len;
    *out = NULL;
    return kefu_model_compile(out, NULL, &source, 1);
}

static void test_rule_file_limits(void) {
    kefu_model *m = NULL;
    size_t len = 0;
    /* 4 MiB + 1 of comment lines: above the per-file limit */
    char *huge = repeat("# 这是一行注释，写满它只是为了让文件变大\n", 4 * MIB / 60 + 1000, &len);
    CHECK(len > 4 * MIB && len < KEFU_MAX_SOURCE_BYTES);
    CHECK_STATUS(KEFU_ELIMIT, compile(huge, len, &m));
    CHECK(m == NULL && strstr(kefu_last_error()->message, "limit") != NULL);
    free(huge);
}

/* Groups and parentheses nested thousands deep: refused with file:line:col,
 * never a stack overflow. */
static void test_deep_nesting(void) {
    static const char *const openers[] = {"(", "(", "not ", "- "};
    static const char *const closers[] = {")", ")", "", ""};
    static const char *const heads[] = {
        "intent a\nrule a: ",
        "intent a\nlexicon deep = ",
        "intent a\nflow f\nstate s initial\nstate e final\nfrom s on message when ",
        "intent a\nflow f\nslot n: number = 0\nstate s initial\nstate e final\nfrom s on message -> e do set n = ",
    };
    static const char *const middles[] = {"好", "好", "true", "1"};
    static const char *const tails[] = {"\n", "\n", " -> e\n", "\n"};
    const size_t depth = 20000;
    size_t k;
    for (k = 0; k < 4; ++k) {
        size_t open_len = 0, close_len = 0;
        char *open = repeat(openers[k], depth, &open_len);
        char *close = repeat(closers[k], depth, &close_len);
        const size_t total = strlen(heads[k]) + open_len + strlen(middles[k]) + close_len + strlen(tails[k]);
        char *text = malloc(total + 1);
        kefu_model *m = NULL;
        int status;
        CHECK(text != NULL);
        sprintf(text, "%s%s%s%s%s", heads[k], open, middles[k], close, tails[k]);
        status = compile(text, total, &m);
        CHECK(status == KEFU_ELIMIT);
        CHECK(m == NULL);
        if (status != KEFU_OK) {
            const kefu_error *e = kefu_last_error();
            CHECK(e->code == status && e->line >= 2 && e->column >= 1);
            CHECK(strstr(e->message, "nest") != NULL);
            if (status != KEFU_ELIMIT) fprintf(stderr, "nesting %zu: %s\n", k, e->message);
        }
        kefu_model_free(m);
        free(open);
        free(close);
        free(text);
    }
}

/* -------------------------------------------------- damaged blobs and files */

/* Truncations and a bit flip in every byte of the header and every
 * `stride`-th byte after it: KEFU_ECORRUPT; another version in the header:
 * KEFU_EVERSION. */
static void check_damage(const char *what, const kefu_string *bytes, size_t stride,
                         int (*load)(const char *data, size_t len)) {
    const size_t n = kefu_string_size(bytes);
    char *copy = malloc(n);
    size_t i;
    int bad = 0;
    CHECK(copy != NULL);
    memcpy(copy, kefu_string_data(bytes), n);
    CHECK_STATUS(KEFU_OK, load(copy, n));
    for (i = 0; i < n; i += i < 32 ? 1 : stride) {
        const int status = load(copy, i);
        if (status != KEFU_ECORRUPT) ++bad;
    }
    for (i = 0; i < n; i += i < 32 ? 1 : stride) {
        /* Byte 8's low bits would turn model format 5 into 4 or 7, which
         * are read: flip its bit 3 instead (5 into 13), a format no kefu has. */
        const int flip = 1 << (i == 8 ? 3 : (int)(i % 8));
        int status;
        copy[i] = (char)(copy[i] ^ flip);
        status = load(copy, n);
        /* bytes 8..15 hold the version and flags: KEFU_EVERSION there */
        if (status != (i >= 8 && i < 16 ? KEFU_EVERSION : KEFU_ECORRUPT)) {
            if (bad < 5) fprintf(stderr, "%s: flipping byte %zu gave %s\n", what, i, kefu_status_name(status));
            ++bad;
        }
        copy[i] = (char)(copy[i] ^ flip);
    }
    copy[8] = 1; /* format version 1 */
    CHECK_STATUS(KEFU_EVERSION, load(copy, n));
    CHECK(strstr(kefu_last_error()->message, "format 1 is not supported") != NULL);
    copy[8] = 99;
    CHECK_STATUS(KEFU_EVERSION, load(copy, n));
    if (bad != 0) fprintf(stderr, "%s: %d damaged copies were not refused as expected\n", what, bad);
    CHECK(bad == 0);
    free(copy);
}

static int load_session(const char *data, size_t len) {
    kefu_session *s = NULL;
    const int status = kefu_session_restore(&s, model, data, len);
    if ((status == KEFU_OK) != (s != NULL)) return KEFU_EINTERNAL;
    kefu_session_free(s);
    return status;
}

static int load_model(const char *data, size_t len) {
    kefu_model *m = NULL;
    const int status = kefu_model_load_bytes(&m, data, len);
    if ((status == KEFU_OK) != (m != NULL)) return KEFU_EINTERNAL;
    kefu_model_free(m);
    return status;
}

static void test_damaged_blobs_and_models(void) {
    static const char rules[] = "intent greeting\nintent other\nrule greeting: (你好 | 在吗)\n";
    kefu_session *s = NULL;
    kefu_string *blob = NULL, *bytes = NULL, *out = NULL;
    kefu_model *small = NULL;
    static const char *const events[] = {
        "{\"type\":\"policy\",\"time\":\"2026-11-22T09:59:00+08:00\","
        "\"policies\":{\"bargaining\":{\"list_price\":99,\"floor_price\":89}}}",
        "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"能便宜点吗\"}",
        "{\"type\":\"order_created\",\"time\":\"2026-11-22T10:05:00+08:00\",\"order\":\"A1\",\"amount\":99}",
    };
    size_t i;
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, "blob"));
    for (i = 0; i < 3; ++i) {
        out = step_ok(s, events[i], strlen(events[i]));
        kefu_string_free(out);
    }
    CHECK_STATUS(KEFU_OK, kefu_session_snapshot(&blob, s));
    check_damage("session blob", blob, 1, load_session);
    kefu_string_free(blob);
    kefu_session_free(s);

    CHECK_STATUS(KEFU_OK, compile(rules, sizeof rules - 1, &small));
    CHECK_STATUS(KEFU_OK, kefu_model_save_bytes(&bytes, small));
    check_damage("model file", bytes, 7, load_model);
    kefu_string_free(bytes);
    kefu_model_free(small);
}

/* JSON nested a million deep, where an event or policies are expected. */
static void test_deep_json(void) {
    const size_t depth = 1000000;
    size_t len = 0, close_len = 0;
    char *open = repeat("{\"a\":", depth, &len);
    char *close = repeat("}", depth, &close_len);
    static const char head[] = "{\"type\":\"policy\",\"time\":\"2026-11-22T10:00:00+08:00\",\"policies\":";
    char *event = malloc(sizeof head + len + close_len + 8);
    char *arrays = NULL;
    kefu_session *s = NULL;
    kefu_string *out = NULL;
    size_t n;
    CHECK(event != NULL);
    n = (size_t)sprintf(event, "%s%s1%s}", head, open, close);
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, "deep"));
    {
        const int status = kefu_session_step_json(&out, s, event, n);
        CHECK(status == KEFU_OK || status == KEFU_EPARSE);
        kefu_string_free(out);
        out = NULL;
    }
    n = (size_t)sprintf(event, "%s1%s", open, close);
    CHECK_STATUS(KEFU_EINVAL, kefu_session_set_policies(s, event, n));
    arrays = repeat("[", depth, &len);
    CHECK_STATUS(KEFU_EPARSE, kefu_session_step_json(&out, s, arrays, len));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_set_policies(s, arrays, len));
    kefu_session_free(s);
    free(arrays);
    free(open);
    free(close);
    free(event);
}

/* ------------------------------------------------------------------- time */

static void test_extreme_times(void) {
    kefu_session *s = NULL;
    kefu_string *out = NULL;
    int has = 0;
    int64_t due = 0;
    static const char first[] = "{\"type\":\"message\",\"time\":\"0001-01-01T00:00:00+08:00\",\"text\":\"在吗\"}";
    static const char order[] =
        "{\"type\":\"order_created\",\"time\":\"0001-01-01T10:00:00+08:00\",\"order\":\"A1\",\"amount\":59}";
    static const char late[] = "{\"type\":\"message\",\"time\":\"9999-12-31T20:00:00+08:00\",\"text\":\"好的\"}";
    static const char back[] = "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"在吗\"}";
    static const char beyond[] = "{\"type\":\"message\",\"time\":253402300800000,\"text\":\"在吗\"}";
    static const char before[] = "{\"type\":\"message\",\"time\":-62167219200001,\"text\":\"在吗\"}";
    static const char beyond_iso[] = "{\"type\":\"tick\",\"time\":\"9999-12-31T23:59:59-10:00\"}";

    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, "time"));
    out = step_ok(s, first, sizeof first - 1);
    CHECK(contains(out, "\"time\":\"0001-01-01T00:00:00+08:00\""));
    kefu_string_free(out);
    /* a payment flow with a pending call in the year 0001 */
    out = step_ok(s, order, sizeof order - 1);
    CHECK(contains(out, "\"payment_followup\":\"unpaid\""));
    kefu_string_free(out);
    CHECK_STATUS(KEFU_OK, kefu_session_next_deadline(s, &has, &due));
    CHECK(has == 1);

    /* clocks outside the years 0000..9999: a clear status, no hang */
    CHECK_STATUS(KEFU_EINVAL, kefu_session_advance(&out, s, INT64_MIN));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_advance(&out, s, INT64_MAX));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_advance(&out, s, INT64_MAX - 1));
    CHECK(out == NULL);
    CHECK_STATUS(KEFU_EPARSE, kefu_session_step_json(&out, s, beyond, sizeof beyond - 1));
    CHECK_STATUS(KEFU_EPARSE, kefu_session_step_json(&out, s, before, sizeof before - 1));
    CHECK_STATUS(KEFU_EPARSE, kefu_session_step_json(&out, s, beyond_iso, sizeof beyond_iso - 1));

    /* 8,000 years later: the pending call fires, once, before the event */
    out = step_ok(s, late, sizeof late - 1);
    CHECK(contains(out, "\"timers_fired\"") && contains(out, "\"type\":\"phone_call\""));
    kefu_string_free(out);

    /* time going backwards: taken at the session's last time, with a note */
    out = step_ok(s, back, sizeof back - 1);
    CHECK(contains(out, "time went backwards"));
    kefu_string_free(out);
    CHECK_STATUS(KEFU_OK, kefu_session_advance(&out, s, 0)); /* backwards: nothing fires */
    CHECK_STRING(kefu_string_data(out), "[]");
    kefu_string_free(out);
    kefu_session_free(s);
}

/* An unpaid order at 9999-12-31T23:55Z whose call would come an hour later
 * (moved out of the quiet hours, too): no timer after the last instant kefu
 * takes, where advance() could never reach it. */
static void test_timer_at_the_end_of_time(void) {
    static const char policies[] = "{\"payment_followup\":{\"call_after\":3600}}";
    static const char order[] =
        "{\"type\":\"order_created\",\"time\":\"9999-12-31T23:55:00Z\",\"order\":\"A2\",\"amount\":59}";
    kefu_session *s = NULL;
    kefu_string *out = NULL, *flows = NULL, *blob = NULL;
    kefu_session *restored = NULL;
    int has = 1;
    int64_t due = 0;
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, "end"));
    CHECK_STATUS(KEFU_OK, kefu_session_set_policies(s, policies, sizeof policies - 1));
    out = step_ok(s, order, sizeof order - 1);
    CHECK(contains(out, "\"payment_followup\":\"unpaid\""));
    kefu_string_free(out);
    CHECK_STATUS(KEFU_OK, kefu_session_next_deadline(s, &has, &due));
    CHECK(has == 0);
    CHECK_STATUS(KEFU_OK, kefu_session_flows_json(&flows, s));
    CHECK(contains(flows, "not scheduled call: after the year 9999"));
    kefu_string_free(flows);
    CHECK_STATUS(KEFU_OK, kefu_session_advance(&out, s, INT64_C(253402300799999)));
    CHECK_STRING(kefu_string_data(out), "[]");
    kefu_string_free(out);
    CHECK_STATUS(KEFU_OK, kefu_session_snapshot(&blob, s));
    CHECK_STATUS(KEFU_OK, kefu_session_restore(&restored, model, kefu_string_data(blob), kefu_string_size(blob)));
    kefu_session_free(restored);
    kefu_string_free(blob);
    kefu_session_free(s);
}

int main(void) {
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    test_malformed_utf8();
    test_nul_bytes();
    test_session_ids();
    test_invalid_utf8_in_events();
    test_long_messages();
    test_long_messages_in_sessions();
    test_emoji_flood();
    test_rule_file_limits();
    test_deep_nesting();
    test_damaged_blobs_and_models();
    test_deep_json();
    test_extreme_times();
    test_timer_at_the_end_of_time();
    kefu_model_free(model);
    if (failures == 0) printf("hostile input through the C API: all checks passed\n");
    return failures != 0;
}

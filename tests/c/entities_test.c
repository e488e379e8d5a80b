/* Entities, mood and time stamps through the C ABI, from C99. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kefu/kefu.h"

static kefu_entity_options clock_options(const char *iso) {
    kefu_entity_options opts;
    CHECK_STATUS(KEFU_OK, kefu_entity_options_init(&opts, KEFU_ENTITY_OPTIONS_VERSION));
    CHECK_STATUS(KEFU_OK, kefu_time_parse(&opts.now_ms, &opts.utc_offset_minutes, iso, strlen(iso)));
    opts.has_clock = 1;
    return opts;
}

static void test_typed_entities(void) {
    /* 亲 (3 bytes) + space, then 便宜二十块 at bytes 4..19, 明天 19..25, 顺丰 34..40 */
    const char text[] = "亲 便宜二十块明天能发顺丰吗";
    kefu_entity_options opts = clock_options("2026-11-18T14:30:00+08:00");
    kefu_entities *found = NULL;
    CHECK_STATUS(KEFU_OK, kefu_extract_entities(&found, text, sizeof text - 1, &opts));
    CHECK(kefu_entities_count(found) == 3);
    kefu_entity e;
    CHECK_STATUS(KEFU_OK, kefu_entities_get(&e, found, 0));
    CHECK(e.type == KEFU_ENTITY_DISCOUNT && e.kind == KEFU_DISCOUNT_AMOUNT_OFF);
    CHECK_STRING(e.type_name, "discount");
    CHECK(e.start == 4 && e.end == 19 && e.has_value && fabs(e.value - 20.0) < 1e-9);
    CHECK_STATUS(KEFU_OK, kefu_entities_get(&e, found, 1));
    CHECK(e.type == KEFU_ENTITY_TIME && e.resolved && e.grain == KEFU_GRAIN_DAY);
    kefu_string *iso = NULL;
    CHECK_STATUS(KEFU_OK, kefu_time_format(&iso, e.time_ms, e.utc_offset_minutes));
    CHECK_STRING(kefu_string_data(iso), "2026-11-19T00:00:00+08:00");
    kefu_string_free(iso);
    CHECK_STATUS(KEFU_OK, kefu_entities_get(&e, found, 2));
    CHECK(e.type == KEFU_ENTITY_COURIER);
    CHECK_STRING(e.canonical, "sf");
    CHECK_STATUS(KEFU_EINVAL, kefu_entities_get(&e, found, 3));
    kefu_entities_free(found);
}

static void test_json_twin_and_classification(void) {
    const char text[] = "订单号3928475610293847561，电话13812345678";
    kefu_string *json = NULL;
    CHECK_STATUS(KEFU_OK, kefu_extract_entities_json(&json, text, sizeof text - 1, NULL));
    CHECK(strstr(kefu_string_data(json), "\"type\":\"order_number\"") != NULL);
    CHECK(strstr(kefu_string_data(json), "\"value\":\"13812345678\"") != NULL);
    kefu_string_free(json);

    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    kefu_classification *c = NULL;
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, text, sizeof text - 1, NULL));
    CHECK(kefu_classification_entity_count(c) == 2);
    kefu_entity e;
    CHECK_STATUS(KEFU_OK, kefu_classification_entity(&e, c, 1));
    CHECK(e.type == KEFU_ENTITY_PHONE);
    CHECK_STRING(e.canonical, "13812345678");
    kefu_classification_free(c);

    /* skip_entities gives intents only */
    kefu_classify_options opts;
    CHECK_STATUS(KEFU_OK, kefu_classify_options_init(&opts, KEFU_CLASSIFY_OPTIONS_VERSION));
    opts.skip_entities = 1;
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, text, sizeof text - 1, &opts));
    CHECK(kefu_classification_entity_count(c) == 0);
    kefu_classification_free(c);
    kefu_model_free(model);
}

/* Invalid UTF-8 is replaced by U+FFFD in the JSON twins' texts, as JSON must
 * be valid UTF-8: it used to make them fail with KEFU_EINTERNAL (found by
 * fuzz_text). */
static void test_json_of_invalid_utf8(void) {
    const char text[] = "\xf4\xff 59\xff\xfe\xe5\x85\x83 \xe6\x98\x8e\xe5\xa4";
    kefu_string *json = NULL;
    CHECK_STATUS(KEFU_OK, kefu_extract_entities_json(&json, text, sizeof text - 1, NULL));
    CHECK(json != NULL && strchr(kefu_string_data(json), '\xff') == NULL);
    CHECK(json != NULL && strstr(kefu_string_data(json), "\"text\":\"\xef\xbf\xbd\xef\xbf\xbd 59") != NULL);
    kefu_string_free(json);
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    json = NULL;
    CHECK_STATUS(KEFU_OK, kefu_classify_json(&json, model, text, sizeof text - 1, NULL));
    CHECK(json != NULL && strchr(kefu_string_data(json), '\xff') == NULL);
    kefu_string_free(json);
    kefu_model_free(model);
}

/* Clocks outside the years 0000..9999 or beyond ±18 hours are refused
 * (INT64_MIN and INT64_MAX used to overflow in date arithmetic, found by
 * fuzz_text); the extremes inside still resolve. */
static void test_clock_range(void) {
    const char text[] = "明天下午3点前";
    kefu_entity_options opts;
    kefu_entities *found = NULL;
    CHECK_STATUS(KEFU_OK, kefu_entity_options_init(&opts, KEFU_ENTITY_OPTIONS_VERSION));
    opts.has_clock = 1;
    opts.now_ms = INT64_MIN;
    CHECK_STATUS(KEFU_EINVAL, kefu_extract_entities(&found, text, sizeof text - 1, &opts));
    CHECK(found == NULL);
    opts.now_ms = INT64_MAX;
    CHECK_STATUS(KEFU_EINVAL, kefu_extract_entities(&found, text, sizeof text - 1, &opts));
    opts.now_ms = -62167219200001; /* a millisecond before 0000-01-01T00:00:00Z */
    CHECK_STATUS(KEFU_EINVAL, kefu_extract_entities(&found, text, sizeof text - 1, &opts));
    opts.now_ms = 0;
    opts.utc_offset_minutes = 19 * 60;
    CHECK_STATUS(KEFU_EINVAL, kefu_extract_entities(&found, text, sizeof text - 1, &opts));
    opts.utc_offset_minutes = 8 * 60;
    opts.now_ms = 253402300799999; /* 9999-12-31T23:59:59.999Z */
    CHECK_STATUS(KEFU_OK, kefu_extract_entities(&found, text, sizeof text - 1, &opts));
    kefu_entity e;
    CHECK(kefu_entities_count(found) == 1 && kefu_entities_get(&e, found, 0) == KEFU_OK && e.resolved);
    kefu_entities_free(found);
    opts.now_ms = -62167219200000; /* 0000-01-01T00:00:00Z */
    CHECK_STATUS(KEFU_OK, kefu_extract_entities(&found, text, sizeof text - 1, &opts));
    kefu_entities_free(found);

    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    kefu_classify_options copts;
    CHECK_STATUS(KEFU_OK, kefu_classify_options_init(&copts, KEFU_CLASSIFY_OPTIONS_VERSION));
    copts.has_clock = 1;
    copts.now_ms = INT64_MIN;
    kefu_classification *c = NULL;
    CHECK_STATUS(KEFU_EINVAL, kefu_classify(&c, model, text, sizeof text - 1, &copts));
    CHECK(c == NULL);
    copts.has_clock = 0; /* without a clock now_ms is not read */
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, text, sizeof text - 1, &copts));
    kefu_classification_free(c);
    kefu_model_free(model);

    kefu_string *iso = NULL;
    CHECK_STATUS(KEFU_EINVAL, kefu_time_format(&iso, INT64_MIN, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_time_format(&iso, INT64_MAX, 0));
    CHECK_STATUS(KEFU_OK, kefu_time_format(&iso, -1, 0));
    CHECK_STRING(kefu_string_data(iso), "1969-12-31T23:59:59+00:00");
    kefu_string_free(iso);
}

/* A version 1 options struct (before the clock fields) is still accepted. */
typedef struct classify_options_v1 {
    uint32_t version;
    int32_t invalid_utf8;
    size_t max_length;
    int32_t explain;
} classify_options_v1;

static void test_old_options_version(void) {
    classify_options_v1 old;
    CHECK_STATUS(KEFU_OK, kefu_classify_options_init((kefu_classify_options *)(void *)&old, 1));
    CHECK(old.version == 1 && old.max_length == KEFU_DEFAULT_MAX_TEXT_BYTES);
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    kefu_classification *c = NULL;
    const char text[] = "59元包邮吗";
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, text, sizeof text - 1, (const kefu_classify_options *)(void *)&old));
    CHECK(kefu_classification_entity_count(c) == 1);
    kefu_classification_free(c);
    kefu_model_free(model);
}

static void test_mood(void) {
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    kefu_classification *c = NULL;
    const char text[] = "你们这什么破服务，我要投诉";
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, text, sizeof text - 1, NULL));
    kefu_mood mood;
    CHECK_STATUS(KEFU_OK, kefu_classification_mood(&mood, c));
    CHECK(mood.available && mood.anger > 0.5f && mood.polarity < 0.0f);
    CHECK(fabs(mood.anger + mood.anxiety + mood.satisfaction + mood.neutral - 1.0) < 1e-3);
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_mood(NULL, c));
    kefu_classification_free(c);
    kefu_classify_options opts;
    CHECK_STATUS(KEFU_OK, kefu_classify_options_init(&opts, KEFU_CLASSIFY_OPTIONS_VERSION));
    opts.skip_mood = 1;
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, text, sizeof text - 1, &opts));
    CHECK_STATUS(KEFU_OK, kefu_classification_mood(&mood, c));
    CHECK(!mood.available);
    kefu_classification_free(c);
    kefu_model_free(model);
    CHECK(kefu_mood_class_of_label("生气", strlen("生气")) == KEFU_MOOD_ANGER);
    CHECK(kefu_mood_class_of_label("satisfaction", 12) == KEFU_MOOD_SATISFACTION);
    CHECK(kefu_mood_class_of_label("惊讶", strlen("惊讶")) == -1);
    CHECK(kefu_mood_class_of_label(NULL, 0) == -1);
}

static void test_bad_arguments(void) {
    kefu_entities *found = NULL;
    kefu_entity_options opts;
    CHECK_STATUS(KEFU_EINVAL, kefu_extract_entities(NULL, "x", 1, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_extract_entities(&found, NULL, 3, NULL));
    CHECK(found == NULL);
    CHECK_STATUS(KEFU_EVERSION, kefu_entity_options_init(&opts, 99));
    CHECK_STATUS(KEFU_OK, kefu_entity_options_init(&opts, KEFU_ENTITY_OPTIONS_VERSION));
    opts.version = 7;
    CHECK_STATUS(KEFU_EVERSION, kefu_extract_entities(&found, "x", 1, &opts));
    CHECK_STATUS(KEFU_OK, kefu_entity_options_init(&opts, KEFU_ENTITY_OPTIONS_VERSION));
    opts.invalid_utf8 = KEFU_INVALID_UTF8_REJECT;
    CHECK_STATUS(KEFU_EUTF8, kefu_extract_entities(&found, "59\xff元", 5, &opts));
    CHECK(kefu_entities_count(NULL) == 0);
    kefu_entities_free(NULL);
    int64_t ms = 0;
    int32_t offset = 0;
    CHECK_STATUS(KEFU_EINVAL, kefu_time_parse(&ms, &offset, "tomorrow", 8));
    CHECK_STATUS(KEFU_EINVAL, kefu_time_parse(NULL, &offset, "2026-11-22T10:00:00Z", 20));
    CHECK_STATUS(KEFU_EINVAL, kefu_time_format(NULL, 0, 0));
}

int main(void) {
    test_typed_entities();
    test_json_twin_and_classification();
    test_json_of_invalid_utf8();
    test_clock_range();
    test_old_options_version();
    test_mood();
    test_bad_arguments();
    if (failures == 0) printf("entities C API: all checks passed\n");
    return failures != 0;
}

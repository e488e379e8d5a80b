/* Customer profiles through the C ABI, from C99. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kefu/kefu.h"

static int feed(kefu_profiler *p, const char *event) { return kefu_profiler_event_json(p, event, strlen(event)); }

static void test_profile_from_events(void) {
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    kefu_profiler *p = NULL;
    CHECK_STATUS(KEFU_OK, kefu_profiler_new(&p, model));
    kefu_model_free(model); /* the profiler keeps its model alive */
    CHECK_STATUS(KEFU_OK, feed(p, "{\"type\":\"customer_facts\",\"time\":1795312800000,\"orders\":9,\"brand_repurchases\":6}"));
    CHECK_STATUS(KEFU_OK, feed(p, "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"老样子 还是上次那款 两支\"}"));
    const char *top = NULL;
    CHECK_STATUS(KEFU_OK, kefu_profiler_top(&top, p, "behaviour"));
    CHECK_STRING(top, "habitual");
    float score = 0, confidence = 0;
    CHECK_STATUS(KEFU_OK, kefu_profiler_score(&score, &confidence, p, "habitual"));
    CHECK(score > 0.5f && score <= 1.0f && confidence > 0.0f && confidence <= 1.0f);
    kefu_string *json = NULL;
    CHECK_STATUS(KEFU_OK, kefu_profiler_json(&json, p, 1));
    CHECK(strstr(kefu_string_data(json), "\"because\"") != NULL);
    CHECK(strstr(kefu_string_data(json), "\"strategy\"") != NULL);
    kefu_string_free(json);
    kefu_profiler_free(p);
}

static void test_errors(void) {
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    kefu_profiler *p = NULL;
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_new(&p, NULL));
    CHECK_STATUS(KEFU_OK, kefu_profiler_new(&p, model));
    CHECK_STATUS(KEFU_EPARSE, feed(p, "{\"type\":\"message\"}"));
    CHECK(strstr(kefu_last_error()->message, "time") != NULL);
    CHECK_STATUS(KEFU_EPARSE, feed(p, "not json"));
    CHECK_STATUS(KEFU_EPARSE, feed(p, "{\"type\":\"teleport\",\"time\":0}"));
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_event_json(p, NULL, 0));
    float score = 0;
    CHECK_STATUS(KEFU_ENOTFOUND, kefu_profiler_score(&score, NULL, p, "grumpy"));
    const char *top = NULL;
    CHECK_STATUS(KEFU_ENOTFOUND, kefu_profiler_top(&top, p, "zodiac"));
    kefu_profiler_free(p);
    kefu_profiler_free(NULL);
    kefu_model_free(model);
}

int main(void) {
    test_profile_from_events();
    test_errors();
    if (failures == 0) printf("profile C API: all checks passed\n");
    return failures != 0;
}

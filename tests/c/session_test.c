/* Sessions through the C ABI, from C99: step, snapshot, restore, damage. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kefu/kefu.h"

static kefu_string *step(kefu_session *s, const char *event) {
    kefu_string *out = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_step_json(&out, s, event, strlen(event)));
    return out;
}

static void test_snapshot_and_restore(void) {
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    kefu_session *s = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, "c1"));
    kefu_string *out = step(s, "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"我要退貨\"}");
    CHECK(strstr(kefu_string_data(out), "\"intent\":\"return\"") != NULL);
    kefu_string_free(out);

    kefu_string *blob = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_snapshot(&blob, s));
    kefu_session *restored = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_restore(&restored, model, kefu_string_data(blob), kefu_string_size(blob)));
    kefu_string *again = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_snapshot(&again, restored));
    CHECK(kefu_string_size(again) == kefu_string_size(blob) &&
          memcmp(kefu_string_data(again), kefu_string_data(blob), kefu_string_size(blob)) == 0);
    kefu_string_free(again);

    kefu_string *a = step(s, "{\"type\":\"agent_reply\",\"time\":\"2026-11-22T10:00:30+08:00\",\"text\":\"不行\"}");
    kefu_string *b = step(restored, "{\"type\":\"agent_reply\",\"time\":\"2026-11-22T10:00:30+08:00\",\"text\":\"不行\"}");
    CHECK_STRING(kefu_string_data(a), kefu_string_data(b));
    CHECK(strstr(kefu_string_data(a), "\"type\":\"lint\"") != NULL);
    kefu_string_free(a);
    kefu_string_free(b);

    /* damaged blobs: a clear status, never a crash */
    kefu_session *bad = NULL;
    CHECK_STATUS(KEFU_ECORRUPT, kefu_session_restore(&bad, model, kefu_string_data(blob), kefu_string_size(blob) - 3));
    CHECK(bad == NULL);
    CHECK_STATUS(KEFU_ECORRUPT, kefu_session_restore(&bad, model, "garbage", 7));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_restore(&bad, model, NULL, 5));
    kefu_string_free(blob);

    kefu_string *profile = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_profile_json(&profile, restored, 1));
    CHECK(strstr(kefu_string_data(profile), "\"strategy\"") != NULL);
    kefu_string_free(profile);
    kefu_session_free(restored);
    kefu_session_free(s);
    kefu_model_free(model);
}

static void test_bad_events(void) {
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    kefu_session *s = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, NULL));
    kefu_string *out = NULL;
    CHECK_STATUS(KEFU_EPARSE, kefu_session_step_json(&out, s, "{\"type\":\"message\",\"time\":1}", 27));
    CHECK(out == NULL);
    CHECK_STATUS(KEFU_EINVAL, kefu_session_step_json(&out, NULL, "{}", 2));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_new(&s, NULL, "x"));
    kefu_session_free(s);
    kefu_session_free(NULL);
    kefu_model_free(model);
}

/* Flows: shop policies, the next deadline, and advancing time to fire a
 * timer exactly once. 1795312870000 is 2026-11-22T10:01:10+08:00. */
static void test_flows_and_timers(void) {
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    kefu_session *s = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, "p1"));
    const char *bad = "{\"payment_followup\":{\"no_such_policy\":1}}";
    CHECK_STATUS(KEFU_EINVAL, kefu_session_set_policies(s, bad, strlen(bad)));
    CHECK(strstr(kefu_last_error()->message, "no_such_policy") != NULL);
    const char *good = "{\"payment_followup\":{\"call_after\":600}}";
    CHECK_STATUS(KEFU_OK, kefu_session_set_policies(s, good, strlen(good)));

    int has = 1;
    int64_t deadline = 0;
    CHECK_STATUS(KEFU_OK, kefu_session_next_deadline(s, &has, &deadline));
    CHECK(has == 0);
    kefu_string *out = step(s, "{\"type\":\"order_created\",\"time\":1795312870000,\"order\":\"A1\",\"amount\":59}");
    CHECK(strstr(kefu_string_data(out), "\"payment_followup\":\"unpaid\"") != NULL);
    kefu_string_free(out);
    CHECK_STATUS(KEFU_OK, kefu_session_next_deadline(s, &has, &deadline));
    CHECK(has == 1 && deadline == 1795312870000 + 600000);

    kefu_string *fired = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_advance(&fired, s, deadline - 1));
    CHECK_STRING(kefu_string_data(fired), "[]");
    kefu_string_free(fired);
    CHECK_STATUS(KEFU_OK, kefu_session_advance(&fired, s, deadline));
    CHECK(strstr(kefu_string_data(fired), "\"type\":\"phone_call\"") != NULL);
    kefu_string_free(fired);
    CHECK_STATUS(KEFU_OK, kefu_session_advance(&fired, s, deadline + 3600000));
    CHECK(strstr(kefu_string_data(fired), "phone_call") == NULL); /* once, not twice */
    kefu_string_free(fired);

    kefu_string *flows = NULL;
    CHECK_STATUS(KEFU_OK, kefu_session_flows_json(&flows, s));
    CHECK(strstr(kefu_string_data(flows), "\"state\":\"calling\"") != NULL);
    CHECK(strstr(kefu_string_data(flows), "\"audit\"") != NULL);
    kefu_string_free(flows);
    CHECK_STATUS(KEFU_EINVAL, kefu_session_advance(&fired, NULL, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_next_deadline(s, NULL, &deadline));
    kefu_session_free(s);
    kefu_model_free(model);
}

int main(void) {
    test_snapshot_and_restore();
    test_bad_events();
    test_flows_and_timers();
    if (failures == 0) printf("session C API: all checks passed\n");
    return failures != 0;
}

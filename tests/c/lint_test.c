/* The reply checker through the C ABI, from C99. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kefu/kefu.h"

static void test_findings_with_context(void) {
    const char *intents[] = {"quality_issue"};
    kefu_lint_context ctx;
    CHECK_STATUS(KEFU_OK, kefu_lint_context_init(&ctx, KEFU_LINT_CONTEXT_VERSION));
    ctx.customer = "收到的杯子是碎的";
    ctx.customer_len = strlen(ctx.customer);
    ctx.mood = "angry";
    ctx.intents = intents;
    ctx.intent_count = 1;
    const char reply[] = "快递摔的，你找快递去";
    kefu_lint_result *r = NULL;
    CHECK_STATUS(KEFU_OK, kefu_lint(&r, reply, sizeof reply - 1, &ctx));
    int apology = 0;
    size_t i;
    for (i = 0; i < kefu_lint_count(r); ++i) {
        kefu_lint_finding f;
        CHECK_STATUS(KEFU_OK, kefu_lint_get(&f, r, i));
        CHECK(f.start <= f.end && f.end <= sizeof reply - 1);
        CHECK(f.level >= KEFU_SEVERITY_INFO && f.level <= KEFU_SEVERITY_ERROR);
        if (strcmp(f.rule, "missing_apology") == 0) apology = 1;
    }
    CHECK(apology);
    CHECK_STRING(ctx.mood, "angry");
    kefu_lint_free(r);
}

static void test_good_reply_and_json(void) {
    const char reply[] = "您好，在的呢，请问有什么可以帮您的呀？";
    kefu_lint_result *r = NULL;
    CHECK_STATUS(KEFU_OK, kefu_lint(&r, reply, sizeof reply - 1, NULL));
    CHECK(kefu_lint_count(r) == 0);
    kefu_lint_free(r);
    kefu_string *json = NULL;
    CHECK_STATUS(KEFU_OK, kefu_lint_json(&json, "嗯", strlen("嗯"), NULL));
    CHECK(strstr(kefu_string_data(json), "\"rule\":\"bare_reply\"") != NULL);
    kefu_string_free(json);
}

static void test_bad_arguments(void) {
    kefu_lint_result *r = NULL;
    kefu_lint_context ctx;
    kefu_lint_finding f;
    CHECK_STATUS(KEFU_EINVAL, kefu_lint(NULL, "x", 1, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_lint(&r, NULL, 2, NULL));
    CHECK_STATUS(KEFU_EVERSION, kefu_lint_context_init(&ctx, 42));
    CHECK_STATUS(KEFU_OK, kefu_lint_context_init(&ctx, KEFU_LINT_CONTEXT_VERSION));
    ctx.mood = "furious";
    CHECK_STATUS(KEFU_EINVAL, kefu_lint(&r, "好", 3, &ctx));
    CHECK_STATUS(KEFU_OK, kefu_lint_context_init(&ctx, KEFU_LINT_CONTEXT_VERSION));
    ctx.intent_count = 3;
    CHECK_STATUS(KEFU_EINVAL, kefu_lint(&r, "好", 3, &ctx));
    CHECK_STATUS(KEFU_OK, kefu_lint(&r, "\xff\xfe", 2, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_lint_get(&f, r, 99));
    kefu_lint_free(r);
    kefu_lint_free(NULL);
}

/* Templates rendered without a session: slots filled and formatted, the
 * style honoured, the variant that uses what is known. */
static void test_template_render(void) {
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    const char *slots = "{\"new_date\":\"2026-11-25T18:00:00+08:00\",\"coupon\":5}";
    kefu_string *out = NULL;
    CHECK_STATUS(KEFU_OK, kefu_template_render(&out, model, "late_shipment.notice", "formal", slots, strlen(slots), 0));
    CHECK(strstr(kefu_string_data(out), "11月25日 18:00") != NULL);
    CHECK(strstr(kefu_string_data(out), "\"style\":\"formal\"") != NULL);
    kefu_string_free(out);
    /* the price question without a price: the variant with no slot */
    CHECK_STATUS(KEFU_OK, kefu_template_render(&out, model, "intent.price_inquiry", "short", NULL, 0, 0));
    CHECK(strstr(kefu_string_data(out), "{price}") == NULL && strstr(kefu_string_data(out), "页面") != NULL);
    kefu_string_free(out);
    const char *price = "{\"price\":59}";
    CHECK_STATUS(KEFU_OK, kefu_template_render(&out, model, "intent.price_inquiry", "short", price, strlen(price), 1));
    CHECK(strstr(kefu_string_data(out), "¥59") != NULL);
    kefu_string_free(out);
    /* a template whose every variant needs a slot that is not given */
    CHECK_STATUS(KEFU_EINVAL, kefu_template_render(&out, model, "payment.sms", NULL, NULL, 0, 0));
    CHECK(strstr(kefu_last_error()->message, "can be filled") != NULL);
    kefu_model_free(model);
}

int main(void) {
    test_template_render();
    test_findings_with_context();
    test_good_reply_and_json();
    test_bad_arguments();
    if (failures == 0) printf("lint C API: all checks passed\n");
    return failures != 0;
}

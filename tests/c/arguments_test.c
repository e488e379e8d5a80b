/* Every function of kefu.h with bad arguments: NULL pointers, lengths that
 * do not fit their pointer, out-of-range indexes, huge sizes and wrong
 * options versions. Each gets a status code (and kefu_last_error), never a
 * crash; getters return their documented "nothing" value; free functions
 * accept NULL. (A freed handle cannot be detected in C: using one is the
 * host's bug, which the sanitizer builds catch.) */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kefu/kefu.h"

static const char hello[] = "你好";

static void strings_errors_and_versions(void) {
    CHECK(kefu_version() != NULL);
    kefu_version_numbers(NULL, NULL, NULL);
    CHECK_STRING(kefu_status_name(12345), "KEFU_EUNKNOWN");
    CHECK(kefu_last_error() != NULL);
    kefu_clear_error();
    CHECK(kefu_last_error()->code == KEFU_OK);
    CHECK(kefu_string_data(NULL) == NULL && kefu_string_size(NULL) == 0);
    kefu_string_free(NULL);
    int64_t ms = 0;
    int32_t offset = 0;
    kefu_string *s = NULL;
    CHECK_STATUS(KEFU_EINVAL, kefu_time_parse(NULL, &offset, "x", 1));
    CHECK_STATUS(KEFU_EINVAL, kefu_time_parse(&ms, NULL, "x", 1));
    CHECK_STATUS(KEFU_EINVAL, kefu_time_parse(&ms, &offset, NULL, 4));
    CHECK_STATUS(KEFU_EINVAL, kefu_time_parse(&ms, &offset, "2026-11-22T10:00:00+08:00", SIZE_MAX / 2 + 25));
    CHECK_STATUS(KEFU_EINVAL, kefu_time_format(NULL, 0, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_time_format(&s, 0, 100000));
}

static void text(void) {
    kefu_normalize_options opts;
    kefu_normalized *n = NULL;
    kefu_char_info info;
    kefu_string *s = NULL;
    CHECK_STATUS(KEFU_EINVAL, kefu_normalize_options_init(NULL, KEFU_NORMALIZE_OPTIONS_VERSION));
    CHECK_STATUS(KEFU_EVERSION, kefu_normalize_options_init(&opts, 0));
    CHECK_STATUS(KEFU_OK, kefu_normalize_options_init(&opts, KEFU_NORMALIZE_OPTIONS_VERSION));
    opts.version = 77;
    CHECK_STATUS(KEFU_EVERSION, kefu_normalize(&n, hello, strlen(hello), &opts));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalize(NULL, hello, strlen(hello), NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalize(&n, NULL, 3, NULL));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_normalize(&n, hello, SIZE_MAX, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalize_json(NULL, hello, 3, NULL));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_normalize_json(&s, hello, SIZE_MAX, NULL));
    CHECK(kefu_normalized_text(NULL, NULL) == NULL && kefu_normalized_char_count(NULL) == 0);
    CHECK_STATUS(KEFU_EINVAL, kefu_normalized_char(&info, NULL, 0));
    CHECK_STATUS(KEFU_OK, kefu_normalize(&n, hello, strlen(hello), NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalized_char(NULL, n, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_normalized_char(&info, n, 2));
    kefu_normalized_free(n);
    kefu_normalized_free(NULL);
}

static void models(kefu_model *model) {
    /* (kefu_model_load_bytes and kefu_session_restore read the bytes they
     * are given: a length longer than the buffer is the caller's bug.) */
    kefu_model *m = NULL;
    kefu_string *s = NULL;
    kefu_source source = {"a.kefu", NULL, 5};
    kefu_train_options topts;
    kefu_example example = {NULL, "x", 1};
    CHECK_STATUS(KEFU_EINVAL, kefu_model_default(NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_load_file(NULL, "x"));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_load_file(&m, NULL));
    CHECK_STATUS(KEFU_EIO, kefu_model_load_file(&m, "no/such/model.kfm"));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_load_bytes(&m, NULL, 10));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_save_file(NULL, "x"));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_save_file(model, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_save_bytes(NULL, model));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_save_bytes(&s, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_info_json(&s, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_compile(NULL, NULL, &source, 1));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_compile(&m, NULL, NULL, 1));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_compile(&m, NULL, &source, 1));
    source.text = hello;
    source.len = SIZE_MAX;
    CHECK_STATUS(KEFU_ELIMIT, kefu_model_compile(&m, NULL, &source, 1));
    CHECK(m == NULL);
    CHECK(kefu_model_intent_count(NULL) == 0 && kefu_model_intent_name(NULL, 0) == NULL);
    CHECK(kefu_model_intent_name(model, 100000) == NULL && kefu_model_out_of_scope_label(NULL) == NULL);
    CHECK_STATUS(KEFU_EINVAL, kefu_train_options_init(NULL, KEFU_TRAIN_OPTIONS_VERSION));
    CHECK_STATUS(KEFU_EVERSION, kefu_train_options_init(&topts, 9));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(NULL, NULL, &example, 1, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(&m, NULL, NULL, 1, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(&m, NULL, &example, 1, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(&m, NULL, &example, 0, NULL));
    CHECK_STATUS(KEFU_OK, kefu_train_options_init(&topts, KEFU_TRAIN_OPTIONS_VERSION));
    CHECK(topts.pinyin == 1 && topts.fold_digits == 1 && topts.latin_ngram_min == 3);
    topts.fold_digits = 2;
    example.label = "a";
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(&m, NULL, &example, 1, &topts));
    CHECK(strstr(kefu_last_error()->message, "fold_digits") != NULL);
    topts.fold_digits = 1;
    topts.latin_ngram_min = 9;
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(&m, NULL, &example, 1, &topts));
    CHECK(strstr(kefu_last_error()->message, "latin_ngram_min must be 0..8") != NULL);
    topts.latin_ngram_min = 3;
    topts.version = KEFU_TRAIN_OPTIONS_VERSION + 1;
    example.label = "a";
    CHECK_STATUS(KEFU_EVERSION, kefu_model_train(&m, NULL, &example, 1, &topts));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train_file(&m, NULL, NULL, NULL));
    CHECK_STATUS(KEFU_EIO, kefu_model_train_file(&m, NULL, "no/such/file.tsv", NULL));
    kefu_model_free(NULL);
}

static void classification(kefu_model *model) {
    kefu_classify_options opts;
    kefu_classification *c = NULL;
    kefu_string *s = NULL;
    kefu_rule_hit hit;
    kefu_entity entity;
    kefu_mood mood;
    const char *intent = NULL;
    float confidence = 0;
    CHECK_STATUS(KEFU_EINVAL, kefu_classify_options_init(NULL, KEFU_CLASSIFY_OPTIONS_VERSION));
    CHECK_STATUS(KEFU_EVERSION, kefu_classify_options_init(&opts, 3));
    CHECK_STATUS(KEFU_EINVAL, kefu_classify(NULL, model, hello, 3, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_classify(&c, NULL, hello, 3, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_classify(&c, model, NULL, 3, NULL));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_classify(&c, model, hello, SIZE_MAX, NULL));
    CHECK_STATUS(KEFU_OK, kefu_classify_options_init(&opts, KEFU_CLASSIFY_OPTIONS_VERSION));
    opts.version = 0;
    CHECK_STATUS(KEFU_EVERSION, kefu_classify(&c, model, hello, 3, &opts));
    CHECK_STATUS(KEFU_EVERSION, kefu_classify_json(&s, model, hello, 3, &opts));
    CHECK_STATUS(KEFU_EINVAL, kefu_classify_json(NULL, model, hello, 3, NULL));
    CHECK(kefu_classification_intent(NULL) == NULL && kefu_classification_confidence(NULL) == 0.0f);
    CHECK(kefu_classification_out_of_scope(NULL) == 0 && kefu_classification_ranking_size(NULL) == 0);
    CHECK(kefu_classification_hit_count(NULL) == 0 && kefu_classification_entity_count(NULL) == 0);
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_ranking(&intent, &confidence, NULL, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_hit(&hit, NULL, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_entity(&entity, NULL, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_mood(&mood, NULL));
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, hello, strlen(hello), NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_ranking(&intent, &confidence, c, 1000));
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_hit(NULL, c, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_hit(&hit, c, 1000));
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_entity(&entity, c, 1000));
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_mood(NULL, c));
    kefu_classification_free(c);
    kefu_classification_free(NULL);
    CHECK(kefu_mood_class_of_label(NULL, 5) == -1);
}

static void entities(void) {
    kefu_entity_options opts;
    kefu_entities *e = NULL;
    kefu_entity entity;
    kefu_string *s = NULL;
    CHECK_STATUS(KEFU_EINVAL, kefu_entity_options_init(NULL, KEFU_ENTITY_OPTIONS_VERSION));
    CHECK_STATUS(KEFU_EVERSION, kefu_entity_options_init(&opts, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_extract_entities(NULL, hello, 3, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_extract_entities(&e, NULL, 3, NULL));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_extract_entities(&e, hello, SIZE_MAX, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_extract_entities_json(NULL, hello, 3, NULL));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_extract_entities_json(&s, hello, SIZE_MAX, NULL));
    CHECK(kefu_entities_count(NULL) == 0);
    CHECK_STATUS(KEFU_EINVAL, kefu_entities_get(&entity, NULL, 0));
    CHECK_STATUS(KEFU_OK, kefu_extract_entities(&e, hello, strlen(hello), NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_entities_get(NULL, e, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_entities_get(&entity, e, 0));
    kefu_entities_free(e);
    kefu_entities_free(NULL);
}

static void lint(void) {
    kefu_lint_context ctx;
    kefu_lint_result *r = NULL;
    kefu_lint_finding f;
    kefu_string *s = NULL;
    CHECK_STATUS(KEFU_EINVAL, kefu_lint_context_init(NULL, KEFU_LINT_CONTEXT_VERSION));
    CHECK_STATUS(KEFU_EVERSION, kefu_lint_context_init(&ctx, 2));
    CHECK_STATUS(KEFU_OK, kefu_lint_context_init(&ctx, KEFU_LINT_CONTEXT_VERSION));
    ctx.customer_len = 4;
    CHECK_STATUS(KEFU_EINVAL, kefu_lint(&r, hello, 3, &ctx));
    CHECK_STATUS(KEFU_EINVAL, kefu_lint(NULL, hello, 3, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_lint(&r, NULL, 3, NULL));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_lint(&r, hello, SIZE_MAX, NULL));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_lint_json(&s, hello, SIZE_MAX, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_lint_json(NULL, hello, 3, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_lint_json(&s, NULL, 3, NULL));
    CHECK(kefu_lint_count(NULL) == 0);
    CHECK_STATUS(KEFU_EINVAL, kefu_lint_get(&f, NULL, 0));
    kefu_lint_free(NULL);
}

/* Timers, policies and the flows' state. */
static void sessions_with_flows(kefu_session *s) {
    kefu_string *out = NULL;
    int has = 0;
    int64_t at = 0;
    CHECK_STATUS(KEFU_EINVAL, kefu_session_advance(NULL, s, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_advance(&out, NULL, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_advance(&out, s, INT64_MAX));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_advance(&out, s, INT64_MIN));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_next_deadline(NULL, &has, &at));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_next_deadline(s, NULL, &at));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_next_deadline(s, &has, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_set_policies(NULL, "{}", 2));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_set_policies(s, NULL, 2));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_set_policies(s, "{", 1));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_set_policies(s, "[1]", 3));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_session_set_policies(s, "{}", SIZE_MAX));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_flows_json(NULL, s));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_flows_json(&out, NULL));
}

static void templates_and_flow_tools(kefu_model *model) {
    kefu_string *out = NULL;
    kefu_source source = {"x.kefu", "flow f", 6};
    CHECK_STATUS(KEFU_EINVAL, kefu_template_render(NULL, model, "intent.greeting", NULL, NULL, 0, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_template_render(&out, NULL, "intent.greeting", NULL, NULL, 0, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_template_render(&out, model, NULL, NULL, NULL, 0, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_template_render(&out, model, "intent.greeting", "loud", NULL, 0, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_template_render(&out, model, "intent.greeting", NULL, NULL, 3, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_template_render(&out, model, "intent.greeting", NULL, "{\"nope\":1}", 10, 0));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_template_render(&out, model, "intent.greeting", NULL, "{}", SIZE_MAX, 0));
    CHECK_STATUS(KEFU_ENOTFOUND, kefu_template_render(&out, model, "no.such.key", NULL, NULL, 0, 0));
    CHECK(out == NULL);
    CHECK_STATUS(KEFU_EINVAL, kefu_flow_check_json(NULL, model, &source, 1));
    CHECK_STATUS(KEFU_EINVAL, kefu_flow_check_json(&out, model, NULL, 1));
    CHECK_STATUS(KEFU_EINVAL, kefu_flow_dot(NULL, model, "bargaining"));
    CHECK_STATUS(KEFU_EINVAL, kefu_flow_dot(&out, NULL, "bargaining"));
    CHECK_STATUS(KEFU_EINVAL, kefu_flow_dot(&out, model, NULL));
    CHECK_STATUS(KEFU_ENOTFOUND, kefu_flow_dot(&out, model, "no_such_flow"));
    CHECK(kefu_model_flow_count(NULL) == 0);
    CHECK(kefu_model_flow_name(NULL, 0) == NULL);
    CHECK(kefu_model_flow_name(model, kefu_model_flow_count(model)) == NULL);
    CHECK(kefu_model_flow_location(model, (size_t)-1) == NULL);
}

static void profiles_and_sessions(kefu_model *model) {
    kefu_profiler *p = NULL;
    kefu_session *s = NULL;
    kefu_string *out = NULL;
    float score = 0;
    const char *trait = NULL;
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_new(NULL, model));
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_new(&p, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_event_json(NULL, "{}", 2));
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_score(&score, NULL, NULL, "decisive"));
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_top(&trait, NULL, "personality"));
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_json(&out, NULL, 1));
    CHECK_STATUS(KEFU_OK, kefu_profiler_new(&p, model));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_profiler_event_json(p, "{}", SIZE_MAX));
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_score(&score, NULL, p, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_top(NULL, p, "personality"));
    CHECK_STATUS(KEFU_EINVAL, kefu_profiler_json(NULL, p, 1));
    kefu_profiler_free(p);
    kefu_profiler_free(NULL);

    CHECK_STATUS(KEFU_EINVAL, kefu_session_new(NULL, model, "x"));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_new(&s, NULL, "x"));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_step_json(&out, NULL, "{}", 2));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_snapshot(&out, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_profile_json(&out, NULL, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_restore(NULL, model, "x", 1));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_restore(&s, NULL, "x", 1));
    CHECK_STATUS(KEFU_ECORRUPT, kefu_session_restore(&s, model, hello, strlen(hello)));
    CHECK_STATUS(KEFU_OK, kefu_session_new(&s, model, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_step_json(NULL, s, "{}", 2));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_step_json(&out, s, NULL, 2));
    CHECK_STATUS(KEFU_ETOOLONG, kefu_session_step_json(&out, s, "{}", SIZE_MAX));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_snapshot(NULL, s));
    CHECK_STATUS(KEFU_EINVAL, kefu_session_profile_json(NULL, s, 0));
    sessions_with_flows(s);
    kefu_session_free(s);
    kefu_session_free(NULL);
}

int main(void) {
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    strings_errors_and_versions();
    text();
    models(model);
    classification(model);
    entities();
    lint();
    profiles_and_sessions(model);
    templates_and_flow_tools(model);
    kefu_model_free(model);
    if (failures == 0) printf("argument checks: all passed\n");
    return failures != 0;
}

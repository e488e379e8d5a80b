/* Models, rule compilation, classification and training through the C ABI,
 * from C99, as a host program would use them. */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "check.h"
#include "kefu/kefu.h"

static const char rules[] =
    "intent bargain \"asks for a lower price\"\n"
    "intent return \"wants to return the item\" negatable\n"
    "lexicon negator = 不想 | 不要\n"
    "lexicon cheaper = 便宜 | 优惠\n"
    "rule bargain cheaper: 能 {0,3} @cheaper\n"
    "rule return: 退货\n"
    "example bargain: 能便宜点吗\n";

static kefu_model *compile_rules(void) {
    kefu_source source = {"shop.kefu", rules, sizeof rules - 1};
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_compile(&model, NULL, &source, 1));
    return model;
}

static void test_default_model(void) {
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    CHECK(kefu_model_intent_count(model) >= 33);
    CHECK_STRING(kefu_model_out_of_scope_label(model), "other");
    kefu_classification *c = NULL;
    const char text[] = "我要退貨";
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, text, sizeof text - 1, NULL));
    CHECK_STRING(kefu_classification_intent(c), "return");
    CHECK(kefu_classification_confidence(c) > 0.0f && kefu_classification_confidence(c) <= 1.0f);
    CHECK(kefu_classification_ranking_size(c) >= 1);
    kefu_classification_free(c);
    kefu_model_free(model);
}

static void test_compiled_rules(void) {
    kefu_model *model = compile_rules();
    kefu_classify_options opts;
    CHECK_STATUS(KEFU_OK, kefu_classify_options_init(&opts, KEFU_CLASSIFY_OPTIONS_VERSION));
    opts.explain = 1;
    /* "亲 能便宜点吗": 亲 (3 bytes), space, then 能便宜 at bytes 4..13 */
    const char text[] = "亲 能便宜点吗";
    kefu_classification *c = NULL;
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, text, sizeof text - 1, &opts));
    CHECK_STRING(kefu_classification_intent(c), "bargain");
    CHECK(!kefu_classification_out_of_scope(c));
    CHECK(kefu_classification_hit_count(c) == 1);
    kefu_rule_hit hit;
    CHECK_STATUS(KEFU_OK, kefu_classification_hit(&hit, c, 0));
    CHECK_STRING(hit.rule, "cheaper");
    CHECK_STRING(hit.intent, "bargain");
    CHECK(hit.start == 4 && hit.end == 13 && !hit.negated);
    CHECK_STATUS(KEFU_EINVAL, kefu_classification_hit(&hit, c, 1));
    kefu_classification_free(c);

    const char negated[] = "不想退货了";
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, negated, sizeof negated - 1, NULL));
    CHECK_STRING(kefu_classification_intent(c), "other");
    CHECK(kefu_classification_out_of_scope(c));
    kefu_classification_free(c);

    kefu_string *json = NULL;
    CHECK_STATUS(KEFU_OK, kefu_classify_json(&json, model, text, sizeof text - 1, &opts));
    CHECK(strstr(kefu_string_data(json), "\"intent\":\"bargain\"") != NULL);
    CHECK(strstr(kefu_string_data(json), "\"explain\"") != NULL);
    kefu_string_free(json);
    kefu_model_free(model);
}

static void test_parse_error(void) {
    const char bad[] = "intent a\nrule a: (便宜 | 优惠\n";
    kefu_source source = {"bad.kefu", bad, sizeof bad - 1};
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_EPARSE, kefu_model_compile(&model, NULL, &source, 1));
    CHECK(model == NULL);
    const kefu_error *e = kefu_last_error();
    CHECK_STRING(e->file, "bad.kefu");
    CHECK(e->line == 2);
    CHECK(e->column == 17);
    CHECK(strstr(e->message, "expected") != NULL);
}

static void test_save_load_and_corruption(void) {
    kefu_model *model = compile_rules();
    kefu_string *bytes = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_save_bytes(&bytes, model));
    kefu_model *loaded = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_load_bytes(&loaded, kefu_string_data(bytes), kefu_string_size(bytes)));
    CHECK(kefu_model_intent_count(loaded) == kefu_model_intent_count(model));
    kefu_model_free(loaded);

    char *damaged = malloc(kefu_string_size(bytes));
    memcpy(damaged, kefu_string_data(bytes), kefu_string_size(bytes));
    damaged[kefu_string_size(bytes) / 2] ^= 0x10;
    loaded = NULL;
    CHECK_STATUS(KEFU_ECORRUPT, kefu_model_load_bytes(&loaded, damaged, kefu_string_size(bytes)));
    CHECK(loaded == NULL);
    CHECK_STATUS(KEFU_ECORRUPT, kefu_model_load_bytes(&loaded, damaged, 7));
    free(damaged);
    CHECK_STATUS(KEFU_EIO, kefu_model_load_file(&loaded, "/nonexistent/dir/model.kfm"));
    kefu_string_free(bytes);
    kefu_model_free(model);
}

/* Trains on the examples and checks that the model's info JSON contains `expected`. */
static void check_trained_info(const kefu_example *examples, size_t count, const kefu_train_options *opts,
                               const char *expected) {
    kefu_model *model = NULL;
    kefu_string *info = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_train(&model, NULL, examples, count, opts));
    CHECK_STATUS(KEFU_OK, kefu_model_info_json(&info, model));
    CHECK(strstr(kefu_string_data(info), expected) != NULL);
    kefu_string_free(info);
    kefu_model_free(model);
}
/* Trains on the 8 examples, expects `expected` and frees what came. */
static void check_train(int expected, const kefu_example *examples, const kefu_train_options *opts) {
    kefu_model *model = NULL;
    CHECK_STATUS(expected, kefu_model_train(&model, NULL, examples, 8, opts));
    kefu_model_free(model);
}

static void test_training(void) {
    static const char *const texts[][2] = {
        {"greet", "hello there"}, {"greet", "hi"}, {"greet", "good morning"}, {"greet", "hey you"},
        {"bye", "goodbye now"},   {"bye", "see you"}, {"bye", "bye bye"},     {"bye", "farewell friend"},
    };
    kefu_example examples[8];
    for (size_t i = 0; i < 8; ++i) {
        examples[i].label = texts[i][0];
        examples[i].text = texts[i][1];
        examples[i].len = strlen(texts[i][1]);
    }
    kefu_train_options opts;
    CHECK_STATUS(KEFU_OK, kefu_train_options_init(&opts, KEFU_TRAIN_OPTIONS_VERSION));
    opts.epochs = 30;
    opts.holdout = 0.0f;
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_train(&model, NULL, examples, 8, &opts));
    kefu_classification *c = NULL;
    CHECK_STATUS(KEFU_OK, kefu_classify(&c, model, "hello", 5, NULL));
    CHECK_STRING(kefu_classification_intent(c), "greet");
    kefu_classification_free(c);
    kefu_string *info = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_info_json(&info, model));
    CHECK(strstr(kefu_string_data(info), "\"learned\"") != NULL);
    kefu_string_free(info);
    kefu_model_free(model);

    /* Multi-wish examples: "hi" leads, joined to the bye examples. */
    opts.compose_leads = "greet";
    opts.compose_ratio = 1.0f;
    check_trained_info(examples, 8, &opts, "\"composed_examples\":8");
    opts.compose_leads = "greet,nobody";
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(&model, NULL, examples, 8, &opts));
    opts.compose_leads = NULL;
    opts.compose_ratio = -1.0f;
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(&model, NULL, examples, 8, &opts));
    opts.compose_ratio = 0.0f;

    /* Model size (version 3): no feature is in 1000 examples of 8. */
    opts.min_document_frequency = 1000;
    check_trained_info(examples, 8, &opts, "\"features\":0,");
    opts.min_document_frequency = 0;
    check_train(KEFU_EINVAL, examples, &opts);
    opts.min_document_frequency = 1;
    opts.prune_below = -0.5f;
    check_train(KEFU_EINVAL, examples, &opts);
    opts.prune_below = 0.0f;
    opts.chinese_words = 2;
    check_train(KEFU_EINVAL, examples, &opts);
    opts.chinese_words = 1;
    check_train(KEFU_OK, examples, &opts);
    opts.chinese_words = 0;

    /* Out-of-scope budget and the choice of regularisation (version 4). */
    CHECK(opts.max_in_scope_loss > 0.0f && opts.max_in_scope_loss < 0.05f && opts.select_regularisation == 1);
    opts.max_in_scope_loss = 1.5f;
    check_train(KEFU_EINVAL, examples, &opts);
    opts.max_in_scope_loss = 0.0f;
    opts.select_regularisation = 2;
    check_train(KEFU_EINVAL, examples, &opts);
    opts.select_regularisation = 0;
    check_train(KEFU_OK, examples, &opts);
    opts.select_regularisation = 1;

    /* Threads (version 5). */
    CHECK(opts.threads == 0);
    opts.threads = 257;
    check_train(KEFU_EINVAL, examples, &opts);
    opts.threads = 1;
    check_train(KEFU_OK, examples, &opts);
    opts.threads = 0;

    opts.epochs = 0;
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(&model, NULL, examples, 8, &opts));
    opts.version = 999;
    CHECK_STATUS(KEFU_EVERSION, kefu_model_train(&model, NULL, examples, 8, &opts));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(&model, NULL, examples, 0, NULL));
}

/* Older callers have shorter structs: kefu_train_options_init writes
 * nothing past the `size` bytes a `version` caller has. */
typedef union {
    kefu_train_options options;
    unsigned char bytes[sizeof(kefu_train_options)];
} train_options_bytes;

static void init_older_train_options(train_options_bytes *u, uint32_t version, size_t size) {
    memset(u->bytes, 0xAB, sizeof u->bytes);
    CHECK_STATUS(KEFU_OK, kefu_train_options_init(&u->options, version));
    CHECK(u->options.version == version && u->options.epochs > 0);
    for (size_t i = size; i < sizeof u->bytes; ++i) CHECK(u->bytes[i] == 0xAB);
}

/* A caller built against version 1 can also train with its struct. */
static void test_train_options_version_1(void) {
    train_options_bytes u;
    init_older_train_options(&u, 1, offsetof(kefu_train_options, compose_leads));
    static const char *const texts[] = {"hello", "hi there", "bye now", "see you"};
    kefu_example examples[4];
    for (size_t i = 0; i < 4; ++i) {
        examples[i].label = i < 2 ? "greet" : "bye";
        examples[i].text = texts[i];
        examples[i].len = strlen(texts[i]);
    }
    u.options.holdout = 0.0f;
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_train(&model, NULL, examples, 4, &u.options));
    kefu_model_free(model);
    kefu_train_options current;
    CHECK_STATUS(KEFU_OK, kefu_train_options_init(&current, KEFU_TRAIN_OPTIONS_VERSION));
    CHECK(current.version == KEFU_TRAIN_OPTIONS_VERSION && current.compose_leads == NULL && current.compose_ratio == 0.0f);
    CHECK(current.min_document_frequency == 1 && current.prune_below > 0.0f);
}

static void test_train_options_version_3(void) {
    train_options_bytes u;
    init_older_train_options(&u, 3, offsetof(kefu_train_options, max_in_scope_loss));
    CHECK(u.options.min_document_frequency == 1 && u.options.chinese_words == 0);
}

static void test_train_options_version_4(void) {
    train_options_bytes u;
    init_older_train_options(&u, 4, offsetof(kefu_train_options, threads));
    CHECK(u.options.select_regularisation == 1);
}

static void test_train_options_version_5(void) {
    train_options_bytes u;
    kefu_train_options current;
    kefu_model *model = NULL;
    kefu_example example = {"a", "x", 1};
    init_older_train_options(&u, 5, offsetof(kefu_train_options, pinyin));
    CHECK(u.options.threads == 0);
    CHECK_STATUS(KEFU_OK, kefu_train_options_init(&current, KEFU_TRAIN_OPTIONS_VERSION));
    CHECK(current.pinyin == 1);
    current.pinyin = 2;
    CHECK_STATUS(KEFU_EINVAL, kefu_model_train(&model, NULL, &example, 1, &current));
    CHECK(model == NULL && strstr(kefu_last_error()->message, "pinyin") != NULL);
}

/* The features a model trained on four English examples with `opts` holds. */
static long english_model_features(const kefu_train_options *opts) {
    static const char *const texts[] = {"where is my card", "my card has not arrived", "hello there", "hi again"};
    kefu_example examples[4];
    kefu_model *model = NULL;
    kefu_string *info = NULL;
    const char *at;
    long features = -1;
    for (size_t i = 0; i < 4; ++i) {
        examples[i].label = i < 2 ? "card" : "greet";
        examples[i].text = texts[i];
        examples[i].len = strlen(texts[i]);
    }
    CHECK_STATUS(KEFU_OK, kefu_model_train(&model, NULL, examples, 4, opts));
    CHECK_STATUS(KEFU_OK, kefu_model_info_json(&info, model));
    at = strstr(kefu_string_data(info), "\"features\":");
    CHECK(at != NULL);
    if (at) features = strtol(at + strlen("\"features\":"), NULL, 10);
    kefu_string_free(info);
    kefu_model_free(model);
    return features;
}

/* A version 7 caller has no latin_ngram_min: its models keep single letters
 * and letter pairs, as before version 8; the current default leaves them
 * out, and latin_ngram_min 1 keeps them again. */
static void test_train_options_version_7(void) {
    train_options_bytes u;
    kefu_train_options current;
    init_older_train_options(&u, 7, offsetof(kefu_train_options, latin_ngram_min));
    CHECK(u.options.fold_digits == 1);
    u.options.holdout = 0.0f;
    CHECK_STATUS(KEFU_OK, kefu_train_options_init(&current, KEFU_TRAIN_OPTIONS_VERSION));
    current.holdout = 0.0f;
    const long from_three = english_model_features(&current);
    CHECK(from_three > 0 && english_model_features(&u.options) > from_three + 20);
    current.latin_ngram_min = 1;
    CHECK(english_model_features(&current) == english_model_features(&u.options));
}

static void test_train_options_version_2(void) {
    train_options_bytes u;
    init_older_train_options(&u, 2, offsetof(kefu_train_options, min_document_frequency));
    CHECK(u.options.compose_ratio == 0.0f && u.options.compose_leads == NULL);
}

static void test_argument_checks(void) {
    kefu_model *model = NULL;
    kefu_classification *c = NULL;
    CHECK_STATUS(KEFU_EINVAL, kefu_model_default(NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_classify(&c, NULL, "x", 1, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_classify(NULL, NULL, "x", 1, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_compile(&model, NULL, NULL, 1));
    CHECK_STATUS(KEFU_EINVAL, kefu_model_load_file(&model, NULL));
    CHECK_STATUS(KEFU_EINVAL, kefu_classify_options_init(NULL, KEFU_CLASSIFY_OPTIONS_VERSION));
    CHECK(kefu_classification_intent(NULL) == NULL);
    CHECK(kefu_model_intent_name(NULL, 0) == NULL);
    kefu_model_free(NULL);
    kefu_classification_free(NULL);
}

int main(void) {
    test_default_model();
    test_compiled_rules();
    test_parse_error();
    test_save_load_and_corruption();
    test_training();
    test_train_options_version_1();
    test_train_options_version_2();
    test_train_options_version_3();
    test_train_options_version_4();
    test_train_options_version_5();
    test_train_options_version_7();
    test_argument_checks();
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures != 0;
}

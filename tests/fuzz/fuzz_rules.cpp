// fuzz_rules: any bytes as a rule file (docs/RULES.md), compiled by
// kefu_model_compile alone, on top of a small trained model and on top of
// the default model. A file is either
// compiled into a model that classifies, saves and loads back, or refused
// with a status that kefu_last_error() describes (file, line and column for
// KEFU_EPARSE).
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_check.hpp"

namespace {

using namespace kefu_fuzz;

constexpr const char* source_name = "fuzz.kefu";

// Messages every compiled model must classify.
constexpr const char* messages[] = {
    "亲 在吗", "這件有ＸＬ嗎 能便宜点吗", "我要退货!!!", "不想退货了😡", "", "明天能发货吗 单号SF1234567890123",
};

void check_refusal(int status, const char* what) {
    KEFU_FUZZ_CHECK(status == KEFU_EPARSE || status == KEFU_ELIMIT || status == KEFU_ENOMEM,
                    "%s: unexpected status %s: %s", what, kefu_status_name(status), kefu_last_error()->message);
    check_error_reported(status, what);
    const kefu_error* e = kefu_last_error();
    KEFU_FUZZ_CHECK(e->file != nullptr, "%s: error file is NULL", what);
    if (status == KEFU_EPARSE) {
        KEFU_FUZZ_CHECK(e->line >= 1 && e->column >= 1, "%s: parse error at line %u column %u: %s", what, e->line,
                        e->column, e->message);
        KEFU_FUZZ_CHECK(std::strcmp(e->file, source_name) == 0, "%s: parse error names file '%s'", what, e->file);
    }
}

void check_model(const kefu_model* model, const char* what, bool round_trip) {
    const size_t intents = kefu_model_intent_count(model);
    KEFU_FUZZ_CHECK(intents >= 1, "%s: a compiled model without intents", what);
    for (size_t i = 0; i < intents; ++i)
        KEFU_FUZZ_CHECK(kefu_model_intent_name(model, i) != nullptr, "%s: intent %zu has no name", what, i);
    KEFU_FUZZ_CHECK(kefu_model_intent_name(model, intents) == nullptr, "%s: intent past the end", what);
    KEFU_FUZZ_CHECK(kefu_model_out_of_scope_label(model) != nullptr, "%s: no out-of-scope label", what);

    kefu_classify_options opts;
    kefu_classify_options_init(&opts, KEFU_CLASSIFY_OPTIONS_VERSION);
    opts.skip_entities = 1;
    for (const char* message : messages) {
        const size_t len = std::strlen(message);
        kefu_classification* c = nullptr;
        const int status = kefu_classify(&c, model, message, len, &opts);
        KEFU_FUZZ_CHECK(status == KEFU_OK, "%s: kefu_classify: %s", what, kefu_last_error()->message);
        KEFU_FUZZ_CHECK(kefu_classification_intent(c) != nullptr, "%s: no intent", what);
        check_probability(kefu_classification_confidence(c), "confidence");
        for (size_t i = 0; i < kefu_classification_hit_count(c); ++i) {
            kefu_rule_hit h;
            KEFU_FUZZ_CHECK(kefu_classification_hit(&h, c, i) == KEFU_OK, "hit(%zu)", i);
            check_span(std::string_view(message, len), true, h.start, h.end, "rule hit");
        }
        kefu_classification_free(c);
    }

    // What compiles must save and load back.
    if (!round_trip) return;
    kefu_string* bytes = nullptr;
    int status = kefu_model_save_bytes(&bytes, model);
    KEFU_FUZZ_CHECK(status == KEFU_OK, "%s: kefu_model_save_bytes: %s", what, kefu_last_error()->message);
    kefu_model* loaded = nullptr;
    status = kefu_model_load_bytes(&loaded, kefu_string_data(bytes), kefu_string_size(bytes));
    KEFU_FUZZ_CHECK(status == KEFU_OK, "%s: its saved bytes do not load: %s", what, kefu_last_error()->message);
    KEFU_FUZZ_CHECK(kefu_model_intent_count(loaded) == intents, "%s: intents lost in saving", what);
    kefu_model_free(loaded);
    kefu_string_free(bytes);
}

void compile(const uint8_t* data, size_t size, const kefu_model* base, const char* what, bool round_trip = true) {
    const kefu_source source = {source_name, reinterpret_cast<const char*>(data), size};
    kefu_model* model = nullptr;
    const int status = kefu_model_compile(&model, base, &source, 1);
    if (status != KEFU_OK) {
        KEFU_FUZZ_CHECK(model == nullptr, "%s: failed but returned a model", what);
        check_refusal(status, what);
        return;
    }
    KEFU_FUZZ_CHECK(model != nullptr, "%s: succeeded without a model", what);
    check_model(model, what, round_trip);
    kefu_model_free(model);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    default_model();
    small_model();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    compile(data, size, nullptr, "compile alone");
    compile(data, size, small_model(), "compile on the small model");
    // Compiling on the default model rebuilds its whole automaton and widens
    // its learned model (about a second in this build): one input in 16,
    // picked by hash, and without saving and loading its 40 MB.
    if (input_hash(data, size) % 16 == 0) compile(data, size, default_model(), "compile on the default model", false);
    return 0;
}

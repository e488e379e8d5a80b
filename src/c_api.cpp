// The only extern "C" definitions of kefu. Each function checks its
// arguments, runs the C++ implementation inside kefu::detail::guarded (no
// exception crosses this boundary) and converts results to C types.
#include "kefu/kefu.h"

#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "core/file_io.hpp"
#include "core/last_error.hpp"
#include "intent/classification_json.hpp"
#include "learn/dataset.hpp"
#include "model/model_info.hpp"
#include "model/default_model.hpp"
#include "model/model.hpp"
#include "text/normalized_json.hpp"
#include "text/normalizer.hpp"

struct kefu_string {
    std::string value;
};

struct kefu_normalized {
    kefu::detail::text::normalized value;
};

struct kefu_model {
    std::shared_ptr<const kefu::detail::model::compiled_model> value;
};

struct kefu_classification {
    std::shared_ptr<const kefu::detail::model::compiled_model> model;  // keeps borrowed names alive
    kefu::detail::intent::classification value;
    std::vector<kefu::detail::intent::byte_span> hit_spans;
};

namespace {

using kefu::detail::guarded;
using kefu::detail::set_last_error;

int invalid_argument(const char* what) { return set_last_error(KEFU_EINVAL, what); }

int new_string(kefu_string** out, std::string value) {
    *out = new kefu_string{std::move(value)};
    return KEFU_OK;
}

int normalize_with(kefu::detail::text::normalized& out, const char* text, size_t len,
                   const kefu::detail::text::normalize_options& options) {
    if (text == nullptr && len != 0) return invalid_argument("text is NULL but len is not 0");
    using kefu::detail::text::normalize_status;
    switch (kefu::detail::text::normalize({text == nullptr ? "" : text, len}, options, out)) {
        case normalize_status::ok: return KEFU_OK;
        case normalize_status::too_long:
            return set_last_error(KEFU_ETOOLONG, "text of " + std::to_string(len) + " bytes is longer than the maximum of " +
                                                     std::to_string(options.max_length) + " bytes");
        case normalize_status::invalid_utf8:
            return set_last_error(KEFU_EUTF8, "invalid UTF-8 at byte " + std::to_string(out.error_offset),
                                  {{}, 0, 0, static_cast<std::int64_t>(out.error_offset)});
    }
    return set_last_error(KEFU_EINTERNAL, "unknown normalisation status");
}

// Checks the shared text options (invalid_utf8, max_length) of any options struct.
int read_text_options(int32_t invalid_utf8, size_t max_length, const char* who,
                      kefu::detail::text::normalize_options& out) {
    if (invalid_utf8 != KEFU_INVALID_UTF8_REPLACE && invalid_utf8 != KEFU_INVALID_UTF8_REJECT)
        return invalid_argument((std::string(who) + ": invalid_utf8 must be KEFU_INVALID_UTF8_REPLACE or _REJECT").c_str());
    if (max_length > kefu::detail::text::max_length_limit)
        return invalid_argument((std::string(who) + ": max_length is above the 1 GiB limit").c_str());
    out.invalid_utf8 = invalid_utf8 == KEFU_INVALID_UTF8_REJECT ? kefu::detail::text::invalid_utf8_policy::reject
                                                                : kefu::detail::text::invalid_utf8_policy::replace;
    if (max_length != 0) out.max_length = max_length;
    return KEFU_OK;
}

// Converts C options (NULL = defaults) to the normaliser's; returns a status.
int read_normalize_options(const kefu_normalize_options* opts, kefu::detail::text::normalize_options& out) {
    if (opts == nullptr) return KEFU_OK;
    if (opts->version != KEFU_NORMALIZE_OPTIONS_VERSION)
        return set_last_error(KEFU_EVERSION, "kefu_normalize_options: unsupported version " +
                                                 std::to_string(opts->version));
    return read_text_options(opts->invalid_utf8, opts->max_length, "kefu_normalize_options", out);
}

int run_normalize(kefu::detail::text::normalized& out, const char* text, size_t len,
                  const kefu_normalize_options* opts) {
    kefu::detail::text::normalize_options options;
    if (const int status = read_normalize_options(opts, options); status != KEFU_OK) return status;
    return normalize_with(out, text, len, options);
}

int read_classify_options(const kefu_classify_options* opts, kefu::detail::text::normalize_options& out,
                          bool& explain) {
    explain = false;
    if (opts == nullptr) return KEFU_OK;
    if (opts->version != KEFU_CLASSIFY_OPTIONS_VERSION)
        return set_last_error(KEFU_EVERSION, "kefu_classify_options: unsupported version " +
                                                 std::to_string(opts->version));
    explain = opts->explain != 0;
    return read_text_options(opts->invalid_utf8, opts->max_length, "kefu_classify_options", out);
}

// Working memory for classification, one per thread, so that the hot path
// does not allocate once warm.
kefu::detail::intent::classify_scratch& thread_scratch() {
    thread_local kefu::detail::intent::classify_scratch scratch;
    return scratch;
}

int run_classify(kefu::detail::intent::classify_scratch& scratch, kefu::detail::intent::classification& result,
                 bool& explain, const kefu_model* model, const char* text, size_t len,
                 const kefu_classify_options* opts) {
    if (model == nullptr) return invalid_argument("model is NULL");
    kefu::detail::text::normalize_options options;
    if (const int status = read_classify_options(opts, options, explain); status != KEFU_OK) return status;
    if (const int status = normalize_with(scratch.text, text, len, options); status != KEFU_OK) return status;
    model->value->classify(scratch.text, scratch, result);
    return KEFU_OK;
}

int new_model(kefu_model** out, std::shared_ptr<const kefu::detail::model::compiled_model> value) {
    *out = new kefu_model{std::move(value)};
    return KEFU_OK;
}

int read_train_options(const kefu_train_options* opts, kefu::detail::model::training_options& out) {
    if (opts == nullptr) return KEFU_OK;
    if (opts->version != KEFU_TRAIN_OPTIONS_VERSION)
        return set_last_error(KEFU_EVERSION, "kefu_train_options: unsupported version " + std::to_string(opts->version));
    if (opts->epochs == 0 || opts->epochs > 1000) return invalid_argument("kefu_train_options: epochs must be 1..1000");
    if (!(opts->learning_rate > 0.0f && opts->learning_rate <= 10.0f))
        return invalid_argument("kefu_train_options: learning_rate must be in (0, 10]");
    if (!(opts->holdout >= 0.0f && opts->holdout < 0.9f))
        return invalid_argument("kefu_train_options: holdout must be in [0, 0.9)");
    out.learner.seed = opts->seed;
    out.learner.epochs = opts->epochs;
    out.learner.learning_rate = opts->learning_rate;
    out.learner.holdout = opts->holdout;
    if (opts->oos_label) out.out_of_scope_label = opts->oos_label;
    if (opts->char_ngram_min > opts->char_ngram_max || opts->char_ngram_max > 8)
        return invalid_argument("kefu_train_options: character n-grams must satisfy min <= max <= 8");
    if (opts->word_ngrams > 2) return invalid_argument("kefu_train_options: word_ngrams must be 0, 1 or 2");
    if (!(opts->l2 >= 0.0f && opts->l2 < 1.0f)) return invalid_argument("kefu_train_options: l2 must be in [0, 1)");
    out.features.min_char_n = static_cast<std::uint8_t>(opts->char_ngram_min);
    out.features.max_char_n = static_cast<std::uint8_t>(opts->char_ngram_max);
    out.features.word_ngrams = static_cast<std::uint8_t>(opts->word_ngrams);
    out.learner.l2 = opts->l2;
    if (opts->calibration_tsv) out.calibration = kefu::detail::learn::read_labelled_tsv(opts->calibration_tsv);
    return KEFU_OK;
}

int train_into(kefu_model** out, const kefu_model* base, const std::vector<kefu::detail::model::labelled_text>& data,
               const kefu_train_options* opts) {
    kefu::detail::model::training_options options;
    if (const int status = read_train_options(opts, options); status != KEFU_OK) return status;
    if (data.empty()) return invalid_argument("no training examples");
    return new_model(out, kefu::detail::model::compiled_model::train(data, options, base ? base->value.get() : nullptr));
}

}  // namespace

extern "C" {

const char* kefu_version(void) { return KEFU_VERSION_STRING; }

void kefu_version_numbers(int* major, int* minor, int* patch) {
    if (major) *major = KEFU_VERSION_MAJOR;
    if (minor) *minor = KEFU_VERSION_MINOR;
    if (patch) *patch = KEFU_VERSION_PATCH;
}

const char* kefu_status_name(int status) {
    switch (status) {
        case KEFU_OK: return "KEFU_OK";
        case KEFU_EINVAL: return "KEFU_EINVAL";
        case KEFU_ENOMEM: return "KEFU_ENOMEM";
        case KEFU_EUTF8: return "KEFU_EUTF8";
        case KEFU_ETOOLONG: return "KEFU_ETOOLONG";
        case KEFU_EPARSE: return "KEFU_EPARSE";
        case KEFU_EVERSION: return "KEFU_EVERSION";
        case KEFU_ECORRUPT: return "KEFU_ECORRUPT";
        case KEFU_EIO: return "KEFU_EIO";
        case KEFU_ENOTFOUND: return "KEFU_ENOTFOUND";
        case KEFU_ESTATE: return "KEFU_ESTATE";
        case KEFU_ELIMIT: return "KEFU_ELIMIT";
        case KEFU_EINTERNAL: return "KEFU_EINTERNAL";
        default: return "KEFU_EUNKNOWN";
    }
}

const kefu_error* kefu_last_error(void) { return kefu::detail::last_error(); }

void kefu_clear_error(void) { kefu::detail::clear_last_error(); }

const char* kefu_string_data(const kefu_string* s) { return s ? s->value.c_str() : nullptr; }

size_t kefu_string_size(const kefu_string* s) { return s ? s->value.size() : 0; }

void kefu_string_free(kefu_string* s) { delete s; }

int kefu_normalize_options_init(kefu_normalize_options* opts, uint32_t version) {
    if (opts == nullptr) return invalid_argument("opts is NULL");
    if (version != KEFU_NORMALIZE_OPTIONS_VERSION)
        return set_last_error(KEFU_EVERSION, "kefu_normalize_options: unsupported version " + std::to_string(version));
    std::memset(opts, 0, sizeof *opts);
    opts->version = version;
    opts->invalid_utf8 = KEFU_INVALID_UTF8_REPLACE;
    opts->max_length = KEFU_DEFAULT_MAX_TEXT_BYTES;
    return KEFU_OK;
}

int kefu_normalize(kefu_normalized** out, const char* text, size_t len, const kefu_normalize_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        auto result = std::make_unique<kefu_normalized>();
        if (const int status = run_normalize(result->value, text, len, opts); status != KEFU_OK) return status;
        *out = result.release();
        return KEFU_OK;
    });
}

const char* kefu_normalized_text(const kefu_normalized* n, size_t* len) {
    if (n == nullptr) {
        if (len) *len = 0;
        return nullptr;
    }
    if (len) *len = n->value.text.size();
    return n->value.text.c_str();
}

size_t kefu_normalized_char_count(const kefu_normalized* n) { return n ? n->value.units.size() : 0; }

int kefu_normalized_char(kefu_char_info* out, const kefu_normalized* n, size_t index) {
    if (out == nullptr || n == nullptr) return invalid_argument("out or n is NULL");
    if (index >= n->value.units.size()) return invalid_argument("character index out of range");
    const auto& u = n->value.units[index];
    *out = {u.cp, u.repeat, n->value.text_starts[index], n->value.text_starts[index + 1], u.source_begin,
            u.source_end};
    return KEFU_OK;
}

void kefu_normalized_free(kefu_normalized* n) { delete n; }

int kefu_normalize_json(kefu_string** out, const char* text, size_t len, const kefu_normalize_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        kefu::detail::text::normalized result;
        if (const int status = run_normalize(result, text, len, opts); status != KEFU_OK) return status;
        return new_string(out, kefu::detail::text::to_json(result).dump());
    });
}

int kefu_model_default(kefu_model** out) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        return new_model(out, kefu::detail::model::default_model());
    });
}

int kefu_model_load_file(kefu_model** out, const char* path) {
    return guarded([&] {
        if (out == nullptr || path == nullptr) return invalid_argument("out or path is NULL");
        *out = nullptr;
        const std::string bytes = kefu::detail::read_file(path);
        return new_model(out, kefu::detail::model::compiled_model::load(bytes));
    });
}

int kefu_model_load_bytes(kefu_model** out, const void* data, size_t len) {
    return guarded([&] {
        if (out == nullptr || (data == nullptr && len != 0)) return invalid_argument("out or data is NULL");
        *out = nullptr;
        const std::string_view bytes(static_cast<const char*>(data), len);
        return new_model(out, kefu::detail::model::compiled_model::load(bytes));
    });
}

int kefu_model_save_file(const kefu_model* model, const char* path) {
    return guarded([&] {
        if (model == nullptr || path == nullptr) return invalid_argument("model or path is NULL");
        kefu::detail::write_file_atomically(path, model->value->save());
        return KEFU_OK;
    });
}

int kefu_model_save_bytes(kefu_string** out, const kefu_model* model) {
    return guarded([&] {
        if (out == nullptr || model == nullptr) return invalid_argument("out or model is NULL");
        *out = nullptr;
        return new_string(out, model->value->save());
    });
}

void kefu_model_free(kefu_model* model) { delete model; }

int kefu_model_compile(kefu_model** out, const kefu_model* base, const kefu_source* sources, size_t count) {
    return guarded([&] {
        if (out == nullptr || (sources == nullptr && count != 0)) return invalid_argument("out or sources is NULL");
        *out = nullptr;
        std::vector<kefu::detail::model::source_file> files;
        for (size_t i = 0; i < count; ++i) {
            if (sources[i].text == nullptr && sources[i].len != 0)
                return invalid_argument("a source's text is NULL but its len is not 0");
            files.push_back({sources[i].name ? sources[i].name : "<source " + std::to_string(i + 1) + ">",
                             std::string(sources[i].text ? sources[i].text : "", sources[i].len)});
        }
        return new_model(out, kefu::detail::model::compiled_model::compile(files, base ? base->value.get() : nullptr));
    });
}

size_t kefu_model_intent_count(const kefu_model* model) { return model ? model->value->rules().intents.size() : 0; }

const char* kefu_model_intent_name(const kefu_model* model, size_t index) {
    if (model == nullptr || index >= model->value->rules().intents.size()) return nullptr;
    return model->value->rules().intents[index].name.c_str();
}

int kefu_train_options_init(kefu_train_options* opts, uint32_t version) {
    if (opts == nullptr) return invalid_argument("opts is NULL");
    if (version != KEFU_TRAIN_OPTIONS_VERSION)
        return set_last_error(KEFU_EVERSION, "kefu_train_options: unsupported version " + std::to_string(version));
    const kefu::detail::learn::train_options defaults;
    std::memset(opts, 0, sizeof *opts);
    opts->version = version;
    opts->seed = defaults.seed;
    opts->epochs = defaults.epochs;
    opts->learning_rate = defaults.learning_rate;
    opts->holdout = defaults.holdout;
    opts->oos_label = nullptr;
    const kefu::detail::learn::feature_config features;
    opts->char_ngram_min = features.min_char_n;
    opts->char_ngram_max = features.max_char_n;
    opts->word_ngrams = features.word_ngrams;
    opts->l2 = defaults.l2;
    opts->calibration_tsv = nullptr;
    return KEFU_OK;
}

int kefu_model_train(kefu_model** out, const kefu_model* base, const kefu_example* examples, size_t count,
                     const kefu_train_options* opts) {
    return guarded([&] {
        if (out == nullptr || (examples == nullptr && count != 0)) return invalid_argument("out or examples is NULL");
        *out = nullptr;
        std::vector<kefu::detail::model::labelled_text> data;
        data.reserve(count);
        for (size_t i = 0; i < count; ++i) {
            const kefu_example& e = examples[i];
            if (e.label == nullptr || e.label[0] == '\0' || (e.text == nullptr && e.len != 0))
                return invalid_argument(("example " + std::to_string(i) + " has no label or a NULL text").c_str());
            data.push_back({e.label, std::string(e.text ? e.text : "", e.len)});
        }
        return train_into(out, base, data, opts);
    });
}

int kefu_model_train_file(kefu_model** out, const kefu_model* base, const char* tsv_path,
                          const kefu_train_options* opts) {
    return guarded([&] {
        if (out == nullptr || tsv_path == nullptr) return invalid_argument("out or tsv_path is NULL");
        *out = nullptr;
        return train_into(out, base, kefu::detail::learn::read_labelled_tsv(tsv_path), opts);
    });
}

int kefu_model_info_json(kefu_string** out, const kefu_model* model) {
    return guarded([&] {
        if (out == nullptr || model == nullptr) return invalid_argument("out or model is NULL");
        *out = nullptr;
        return new_string(out, kefu::detail::model::info_json(*model->value).dump());
    });
}

const char* kefu_model_out_of_scope_label(const kefu_model* model) {
    return model ? model->value->rules().intents[model->value->out_of_scope_intent()].name.c_str() : nullptr;
}

int kefu_classify_options_init(kefu_classify_options* opts, uint32_t version) {
    if (opts == nullptr) return invalid_argument("opts is NULL");
    if (version != KEFU_CLASSIFY_OPTIONS_VERSION)
        return set_last_error(KEFU_EVERSION, "kefu_classify_options: unsupported version " + std::to_string(version));
    std::memset(opts, 0, sizeof *opts);
    opts->version = version;
    opts->invalid_utf8 = KEFU_INVALID_UTF8_REPLACE;
    opts->max_length = KEFU_DEFAULT_MAX_TEXT_BYTES;
    return KEFU_OK;
}

int kefu_classify(kefu_classification** out, const kefu_model* model, const char* text, size_t len,
                  const kefu_classify_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        auto result = std::make_unique<kefu_classification>();
        auto& scratch = thread_scratch();
        bool explain = false;
        if (const int status = run_classify(scratch, result->value, explain, model, text, len, opts); status != KEFU_OK)
            return status;
        result->model = model->value;
        for (const auto& h : result->value.hits)
            result->hit_spans.push_back(kefu::detail::intent::source_span(scratch.text, h.begin, h.end));
        *out = result.release();
        return KEFU_OK;
    });
}

const char* kefu_classification_intent(const kefu_classification* c) {
    return c ? c->model->rules().intents[c->value.intent].name.c_str() : nullptr;
}

float kefu_classification_confidence(const kefu_classification* c) { return c ? c->value.confidence : 0.0f; }

int kefu_classification_out_of_scope(const kefu_classification* c) { return c && c->value.out_of_scope ? 1 : 0; }

size_t kefu_classification_ranking_size(const kefu_classification* c) { return c ? c->value.ranking.size() : 0; }

int kefu_classification_ranking(const char** intent, float* confidence, const kefu_classification* c, size_t index) {
    if (c == nullptr) return invalid_argument("classification is NULL");
    if (index >= c->value.ranking.size()) return invalid_argument("ranking index out of range");
    const auto& r = c->value.ranking[index];
    if (intent) *intent = c->model->rules().intents[r.intent].name.c_str();
    if (confidence) *confidence = r.confidence;
    return KEFU_OK;
}

size_t kefu_classification_hit_count(const kefu_classification* c) { return c ? c->value.hits.size() : 0; }

int kefu_classification_hit(kefu_rule_hit* out, const kefu_classification* c, size_t index) {
    if (out == nullptr || c == nullptr) return invalid_argument("out or classification is NULL");
    if (index >= c->value.hits.size()) return invalid_argument("hit index out of range");
    const auto& h = c->value.hits[index];
    const auto& rule = c->model->rules().rules[h.rule];
    *out = {rule.name.c_str(), c->model->rules().intents[rule.intent].name.c_str(), rule.weight, h.negated ? 1 : 0,
            c->hit_spans[index].start, c->hit_spans[index].end};
    return KEFU_OK;
}

void kefu_classification_free(kefu_classification* c) { delete c; }

int kefu_classify_json(kefu_string** out, const kefu_model* model, const char* text, size_t len,
                       const kefu_classify_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        auto& scratch = thread_scratch();
        kefu::detail::intent::classification result;
        bool explain = false;
        if (const int status = run_classify(scratch, result, explain, model, text, len, opts); status != KEFU_OK)
            return status;
        const std::string_view original(text ? text : "", len);
        return new_string(out, kefu::detail::intent::to_json(*model->value, original, scratch.text, result, explain).dump());
    });
}

}  // extern "C"

// Models: the default one, loading, saving, compiling rule files, training.
#include "c_api/common.hpp"

#include <cstddef>
#include <cstring>
#include <vector>

#include "core/file_io.hpp"
#include "learn/dataset.hpp"
#include "model/composition.hpp"
#include "model/default_model.hpp"
#include "model/model_info.hpp"

using namespace kefu::detail::c_api;
using kefu::detail::guarded;

namespace {

// Versions of kefu_train_options a caller may pass, and the bytes each has:
// version 1 ended before compose_leads, version 2 before min_document_frequency,
// and so on.
bool known_train_options_version(uint32_t version) { return version >= 1 && version <= KEFU_TRAIN_OPTIONS_VERSION; }
std::size_t train_options_size(uint32_t version) {
    if (version == 1) return offsetof(kefu_train_options, compose_leads);
    if (version == 2) return offsetof(kefu_train_options, min_document_frequency);
    if (version == 3) return offsetof(kefu_train_options, max_in_scope_loss);
    if (version == 4) return offsetof(kefu_train_options, threads);
    if (version == 5) return offsetof(kefu_train_options, pinyin);
    if (version == 6) return offsetof(kefu_train_options, fold_digits);
    if (version == 7) return offsetof(kefu_train_options, latin_ngram_min);
    return sizeof(kefu_train_options);
}

int read_version_3(const kefu_train_options* opts, kefu::detail::model::training_options& out) {
    if (opts->version < 3) return KEFU_OK;
    if (opts->chinese_words > 1) return invalid_argument("kefu_train_options: chinese_words must be 0 or 1");
    out.features.chinese_words = static_cast<std::uint8_t>(opts->chinese_words);
    if (opts->min_document_frequency < 1 || opts->min_document_frequency > 1000)
        return invalid_argument("kefu_train_options: min_document_frequency must be 1..1000");
    if (!(opts->prune_below >= 0.0f && opts->prune_below <= kefu::detail::learn::max_prune_below))
        return invalid_argument("kefu_train_options: prune_below must be in [0, 10]");
    out.learner.min_document_frequency = opts->min_document_frequency;
    out.learner.prune_below = opts->prune_below;
    return KEFU_OK;
}

// Callers of versions 1-3 keep the out-of-scope budget and the single fit
// they were given before version 4.
constexpr float version_3_max_in_scope_loss = 0.015f;

int read_version_4(const kefu_train_options* opts, kefu::detail::model::training_options& out) {
    if (opts->version < 4) {
        out.learner.max_in_scope_loss = version_3_max_in_scope_loss;
        out.select_regularisation = false;
        return KEFU_OK;
    }
    if (!(opts->max_in_scope_loss >= 0.0f && opts->max_in_scope_loss <= 1.0f))
        return invalid_argument("kefu_train_options: max_in_scope_loss must be in [0, 1]");
    if (opts->select_regularisation > 1)
        return invalid_argument("kefu_train_options: select_regularisation must be 0 or 1");
    out.learner.max_in_scope_loss = opts->max_in_scope_loss;
    out.select_regularisation = opts->select_regularisation == 1;
    return KEFU_OK;
}

constexpr std::uint32_t max_threads = 256;

int read_version_5(const kefu_train_options* opts, kefu::detail::model::training_options& out) {
    if (opts->version < 5) return KEFU_OK;
    if (opts->threads > max_threads) return invalid_argument("kefu_train_options: threads must be 0..256");
    out.threads = opts->threads;
    return KEFU_OK;
}

// A feature setting from 0 to `max` added in version `since` (a switch when
// `max` is 1). Callers of older versions keep the features they had: 0. The
// field is read only when the caller's struct has it.
int read_feature_setting(const kefu_train_options* opts, std::uint32_t since, std::uint32_t kefu_train_options::*field,
                         const char* name, std::uint32_t max, std::uint8_t& out) {
    if (opts->version < since) {
        out = 0;
        return KEFU_OK;
    }
    if (opts->*field > max)
        return invalid_argument(std::string("kefu_train_options: ") + name +
                                (max == 1 ? " must be 0 or 1" : " must be 0.." + std::to_string(max)));
    out = static_cast<std::uint8_t>(opts->*field);
    return KEFU_OK;
}

int read_feature_settings(const kefu_train_options* opts, kefu::detail::learn::feature_config& out) {
    if (const int status = read_feature_setting(opts, 6, &kefu_train_options::pinyin, "pinyin", 1, out.pinyin);
        status != KEFU_OK)
        return status;
    if (const int status =
            read_feature_setting(opts, 7, &kefu_train_options::fold_digits, "fold_digits", 1, out.fold_digits);
        status != KEFU_OK)
        return status;
    return read_feature_setting(opts, 8, &kefu_train_options::latin_ngram_min, "latin_ngram_min",
                                kefu::detail::learn::max_char_ngram, out.min_latin_n);
}

int read_composition(const kefu_train_options* opts, kefu::detail::model::composition_options& out) {
    if (opts->version < 2) return KEFU_OK;
    if (!(opts->compose_ratio >= 0.0f && opts->compose_ratio <= 10.0f))
        return invalid_argument("kefu_train_options: compose_ratio must be in [0, 10]");
    out.ratio = opts->compose_ratio;
    if (opts->compose_leads != nullptr) out.lead_labels = kefu::detail::model::parse_lead_labels(opts->compose_leads);
    return KEFU_OK;
}

int read_train_options(const kefu_train_options* opts, kefu::detail::model::training_options& out) {
    if (opts == nullptr) return KEFU_OK;
    if (!known_train_options_version(opts->version)) return unsupported_version("kefu_train_options", opts->version);
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
    if (opts->char_ngram_min > opts->char_ngram_max || opts->char_ngram_max > kefu::detail::learn::max_char_ngram)
        return invalid_argument("kefu_train_options: character n-grams must satisfy min <= max <= 8");
    if (opts->word_ngrams > 2) return invalid_argument("kefu_train_options: word_ngrams must be 0, 1 or 2");
    if (!(opts->l2 >= 0.0f && opts->l2 < 1.0f)) return invalid_argument("kefu_train_options: l2 must be in [0, 1)");
    out.features.min_char_n = static_cast<std::uint8_t>(opts->char_ngram_min);
    out.features.max_char_n = static_cast<std::uint8_t>(opts->char_ngram_max);
    out.features.word_ngrams = static_cast<std::uint8_t>(opts->word_ngrams);
    out.learner.l2 = opts->l2;
    if (const int status = read_version_3(opts, out); status != KEFU_OK) return status;
    if (const int status = read_version_4(opts, out); status != KEFU_OK) return status;
    if (const int status = read_version_5(opts, out); status != KEFU_OK) return status;
    if (const int status = read_feature_settings(opts, out.features); status != KEFU_OK) return status;
    if (opts->calibration_tsv) out.calibration = kefu::detail::learn::read_labelled_tsv(opts->calibration_tsv);
    return read_composition(opts, out.composition);
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
        if (const int status = read_sources(files, sources, count); status != KEFU_OK) return status;
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
    if (!known_train_options_version(version)) return unsupported_version("kefu_train_options", version);
    const kefu::detail::model::training_options defaults;  // the library's, learner and features alike
    const kefu::detail::learn::train_options& learner = defaults.learner;
    const kefu::detail::learn::feature_config& features = defaults.features;
    std::memset(opts, 0, train_options_size(version));  // a version-1 caller's struct is shorter
    opts->version = version;
    opts->seed = learner.seed;
    opts->epochs = learner.epochs;
    opts->learning_rate = learner.learning_rate;
    opts->holdout = learner.holdout;
    opts->oos_label = nullptr;
    opts->char_ngram_min = features.min_char_n;
    opts->char_ngram_max = features.max_char_n;
    opts->word_ngrams = features.word_ngrams;
    opts->l2 = learner.l2;
    opts->calibration_tsv = nullptr;
    // version 2: compose_leads NULL and compose_ratio 0 by the memset
    if (version >= 3) {
        opts->min_document_frequency = learner.min_document_frequency;
        opts->prune_below = learner.prune_below;
        opts->chinese_words = features.chinese_words;
    }
    if (version >= 4) {
        opts->max_in_scope_loss = learner.max_in_scope_loss;
        opts->select_regularisation = defaults.select_regularisation ? 1 : 0;
    }
    if (version >= 5) opts->threads = defaults.threads;
    if (version >= 6) opts->pinyin = features.pinyin;
    if (version >= 7) opts->fold_digits = features.fold_digits;
    if (version >= 8) opts->latin_ngram_min = features.min_latin_n;
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
        return new_json_string(out, kefu::detail::model::info_json(*model->value));
    });
}

const char* kefu_model_out_of_scope_label(const kefu_model* model) {
    return model ? model->value->rules().intents[model->value->out_of_scope_intent()].name.c_str() : nullptr;
}

}  // extern "C"

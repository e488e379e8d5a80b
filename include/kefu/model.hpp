// Models and intent classification (C++ API over the C ABI).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kefu/detail/c_handle.hpp"
#include "kefu/entities.hpp"
#include "kefu/text.hpp"

namespace kefu {
inline namespace v1 {

// A rule file given by name (for error messages) and text.
struct source {
    std::string name;
    std::string text;
};

struct ranked_intent {
    std::string intent;
    float confidence;
};

struct rule_hit {
    std::string rule;
    std::string intent;
    float weight;
    bool negated;
    std::size_t start;  // byte range in the original text
    std::size_t end;
};

struct classification {
    std::string intent;
    float confidence = 0;
    bool out_of_scope = true;
    std::vector<ranked_intent> ranking;
    std::vector<rule_hit> hits;
    std::vector<entity> entities;
    kefu_mood mood{};  // mood.available == 0 when the model has no mood heads
};

struct train_options {
    std::uint32_t seed = 1;
    std::uint32_t epochs = 20;
    float learning_rate = 0.25f;
    float holdout = 0.2f;
    std::string oos_label;  // "" keeps the base model's
    std::uint32_t char_ngram_min = 1;
    std::uint32_t char_ngram_max = 4;
    std::uint32_t word_ngrams = 2;
    float l2 = 1e-6f;
    std::string calibration_tsv;  // "" = calibrate on a held-out share
    std::string compose_leads;    // multi-wish examples: lead labels, comma-separated (kefu.h)
    float compose_ratio = 0.0f;   // composed examples per training example
    std::uint32_t min_document_frequency = 1;  // leave out rarer features (kefu.h)
    float prune_below = 0.1f;                  // drop smaller weight differences (kefu.h)
    bool chinese_words = false;                // ICU word n-grams for Chinese (kefu.h)
    float max_in_scope_loss = 0.01f;           // what the out-of-scope rule may cost (kefu.h)
    bool select_regularisation = true;         // also try a smoother learner on the held-out share (kefu.h)
    std::uint32_t threads = 0;                 // 0 = one per core; the model is the same for any value (kefu.h)
    bool pinyin = true;                        // Han bigrams hashed by toneless pinyin (kefu.h)
    bool fold_digits = true;                   // digits by shape in character n-grams (kefu.h)
    std::uint32_t latin_ngram_min = 3;         // shortest n-gram of Latin letters (kefu.h)
};

struct classify_options {
    kefu::invalid_utf8 invalid_utf8 = kefu::invalid_utf8::replace;
    std::size_t max_length = 0;  // 0 = library default
    bool explain = false;        // JSON: list the rules that fired
    bool entities = true;        // extract entities too
    bool mood = true;            // estimate the mood too
    std::optional<message_clock> clock;  // resolves relative times
};

// An immutable compiled model, cheap to copy (shared), usable from any
// number of threads at once.
class model {
public:
    // The default Chinese e-commerce model embedded in the library.
    static model default_model() { return model(make(kefu_model_default)); }

    static model load(const std::string& path) {
        kefu_model* raw = nullptr;
        detail::check(kefu_model_load_file(&raw, path.c_str()));
        return model(raw);
    }

    // Compiles rule files, on top of `base` when given. Throws kefu::error
    // with file(), line() and column() on a syntax error.
    static model compile(const std::vector<source>& files, const model* base = nullptr) {
        std::vector<kefu_source> sources;
        for (const auto& f : files) sources.push_back({f.name.c_str(), f.text.data(), f.text.size()});
        kefu_model* raw = nullptr;
        detail::check(kefu_model_compile(&raw, base ? base->handle_.get() : nullptr, sources.data(), sources.size()));
        return model(raw);
    }

    // Trains the learned intent model on labelled texts (see kefu_model_train),
    // keeping the rules of `base` when given.
    static model train(const std::vector<std::pair<std::string, std::string>>& labelled, const train_options& options = {},
                       const model* base = nullptr) {
        std::vector<kefu_example> examples;
        for (const auto& [label, text] : labelled) examples.push_back({label.c_str(), text.data(), text.size()});
        kefu_train_options c = to_c(options);
        kefu_model* raw = nullptr;
        detail::check(kefu_model_train(&raw, base ? base->handle_.get() : nullptr, examples.data(), examples.size(), &c));
        return model(raw);
    }

    // Trains from a label<TAB>text file.
    static model train_file(const std::string& tsv_path, const train_options& options = {}, const model* base = nullptr) {
        kefu_train_options c = to_c(options);
        kefu_model* raw = nullptr;
        detail::check(kefu_model_train_file(&raw, base ? base->handle_.get() : nullptr, tsv_path.c_str(), &c));
        return model(raw);
    }

    // Intents, counts, calibration and training figures, as JSON.
    std::string info_json() const {
        kefu_string* out = nullptr;
        detail::check(kefu_model_info_json(&out, handle_.get()));
        return detail::take_string(out);
    }

    std::string out_of_scope_label() const { return kefu_model_out_of_scope_label(handle_.get()); }

    // The C handle, for the other C++ wrappers (borrowed).
    const kefu_model* handle() const noexcept { return handle_.get(); }

    void save(const std::string& path) const { detail::check(kefu_model_save_file(handle_.get(), path.c_str())); }

    std::vector<std::string> intents() const {
        std::vector<std::string> out;
        for (std::size_t i = 0, n = kefu_model_intent_count(handle_.get()); i < n; ++i)
            out.emplace_back(kefu_model_intent_name(handle_.get(), i));
        return out;
    }

    classification classify(std::string_view text, const classify_options& options = {}) const {
        kefu_classify_options c = to_c(options);
        kefu_classification* raw = nullptr;
        detail::check(kefu_classify(&raw, handle_.get(), text.data(), text.size(), &c));
        detail::c_handle<kefu_classification, kefu_classification_free> owner(raw);
        classification out;
        out.intent = kefu_classification_intent(raw);
        out.confidence = kefu_classification_confidence(raw);
        out.out_of_scope = kefu_classification_out_of_scope(raw) != 0;
        for (std::size_t i = 0, n = kefu_classification_ranking_size(raw); i < n; ++i) {
            const char* intent = nullptr;
            float confidence = 0;
            detail::check(kefu_classification_ranking(&intent, &confidence, raw, i));
            out.ranking.push_back({intent, confidence});
        }
        for (std::size_t i = 0, n = kefu_classification_hit_count(raw); i < n; ++i) {
            kefu_rule_hit h;
            detail::check(kefu_classification_hit(&h, raw, i));
            out.hits.push_back({h.rule, h.intent, h.weight, h.negated != 0, h.start, h.end});
        }
        for (std::size_t i = 0, n = kefu_classification_entity_count(raw); i < n; ++i) {
            kefu_entity e;
            detail::check(kefu_classification_entity(&e, raw, i));
            out.entities.push_back(detail::to_entity(e));
        }
        detail::check(kefu_classification_mood(&out.mood, raw));
        return out;
    }

    // The JSON twin of classify(): one line of the CLI contract.
    std::string classify_json(std::string_view text, const classify_options& options = {}) const {
        kefu_classify_options c = to_c(options);
        kefu_string* out = nullptr;
        detail::check(kefu_classify_json(&out, handle_.get(), text.data(), text.size(), &c));
        return detail::take_string(out);
    }

    const kefu_model* c_handle() const noexcept { return handle_.get(); }

private:
    explicit model(kefu_model* raw) : handle_(raw, kefu_model_free) {}

    static kefu_model* make(int (*create)(kefu_model**)) {
        kefu_model* raw = nullptr;
        detail::check(create(&raw));
        return raw;
    }

    static kefu_train_options to_c(const train_options& options) {
        kefu_train_options c;
        detail::check(kefu_train_options_init(&c, KEFU_TRAIN_OPTIONS_VERSION));
        c.seed = options.seed;
        c.epochs = options.epochs;
        c.learning_rate = options.learning_rate;
        c.holdout = options.holdout;
        c.oos_label = options.oos_label.empty() ? nullptr : options.oos_label.c_str();
        c.char_ngram_min = options.char_ngram_min;
        c.char_ngram_max = options.char_ngram_max;
        c.word_ngrams = options.word_ngrams;
        c.l2 = options.l2;
        c.calibration_tsv = options.calibration_tsv.empty() ? nullptr : options.calibration_tsv.c_str();
        c.compose_leads = options.compose_leads.empty() ? nullptr : options.compose_leads.c_str();
        c.compose_ratio = options.compose_ratio;
        c.min_document_frequency = options.min_document_frequency;
        c.prune_below = options.prune_below;
        c.chinese_words = options.chinese_words ? 1 : 0;
        c.max_in_scope_loss = options.max_in_scope_loss;
        c.select_regularisation = options.select_regularisation ? 1 : 0;
        c.threads = options.threads;
        c.pinyin = options.pinyin ? 1 : 0;
        c.fold_digits = options.fold_digits ? 1 : 0;
        c.latin_ngram_min = options.latin_ngram_min;
        return c;
    }

    static kefu_classify_options to_c(const classify_options& options) {
        kefu_classify_options c;
        detail::check(kefu_classify_options_init(&c, KEFU_CLASSIFY_OPTIONS_VERSION));
        c.invalid_utf8 = static_cast<int32_t>(options.invalid_utf8);
        c.max_length = options.max_length;
        c.explain = options.explain ? 1 : 0;
        c.skip_entities = options.entities ? 0 : 1;
        c.skip_mood = options.mood ? 0 : 1;
        if (options.clock) {
            c.has_clock = 1;
            c.now_ms = options.clock->now_ms;
            c.utc_offset_minutes = options.clock->utc_offset_minutes;
        }
        return c;
    }

    std::shared_ptr<kefu_model> handle_;
};

}  // namespace v1
}  // namespace kefu

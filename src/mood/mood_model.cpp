#include "mood/mood_model.hpp"

#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "learn/trainer.hpp"

namespace kefu::detail::mood {
namespace {

// Rows of 2 or 4 classes are stored whole whatever is pruned (a row's
// differences take at least as many bytes as the row, linear_model), so
// pruning them would change predictions and save nothing.
constexpr float mood_prune_below = 0.0f;

std::vector<learn::feature> features_of(std::string_view text, const learn::feature_config& config) {
    text::normalized normalized;
    text::normalize(text, text::units_only(), normalized);
    std::vector<learn::feature> features;
    learn::extract_features(normalized, {}, {}, config, features);
    return features;
}

// Fits one head on the examples that carry its label.
learn::linear_model fit_head(const std::vector<mood_example>& examples, const learn::feature_config& config,
                             bool polarity, std::uint32_t classes, std::uint32_t seed) {
    std::vector<learn::example> data;
    for (const mood_example& e : examples) {
        const int label = polarity ? e.polarity : e.mood;
        if (label < 0) continue;
        data.push_back({features_of(e.text, config), static_cast<std::uint32_t>(label)});
    }
    if (data.empty()) return {};
    learn::train_options options;
    options.seed = seed;
    options.prune_below = mood_prune_below;
    return learn::fit(data, classes, options);
}

}  // namespace

std::string_view mood_class_name(mood_class c) noexcept {
    static constexpr std::string_view names[] = {"neutral", "anger", "anxiety", "satisfaction"};
    return names[static_cast<std::size_t>(c)];
}

bool label_example(std::string_view label, mood_example& out) {
    out.polarity = out.mood = -1;
    if (label == "1") out.polarity = 1;
    else if (label == "0") out.polarity = 0;
    else if (label == "neutral") out.mood = 0;
    else if (label == "anger") out.mood = 1;
    else if (label == "anxiety") out.mood = 2;
    else if (label == "satisfaction") out.mood = 3;
    else if (label == "生气" || label == "厌恶") out.mood = 1, out.polarity = 0;
    else if (label == "开心") out.mood = 3, out.polarity = 1;
    else if (label == "平静" || label == "疑问") out.mood = 0;
    else if (label == "伤心") out.polarity = 0;
    else if (label == "关心" || label == "惊讶") return true;  // known, but neither head learns from it
    else return false;
    return true;
}

mood_model mood_model::train(const std::vector<mood_example>& examples, std::uint32_t seed) {
    if (examples.empty()) throw kefu::error(KEFU_EINVAL, "no mood training examples");
    mood_model m;
    m.polarity_ = fit_head(examples, m.features_, true, 2, seed);
    m.moods_ = fit_head(examples, m.features_, false, mood_class_count, seed);
    return m;
}

void mood_model::estimate(const text::normalized& text, mood_scratch& scratch, mood_estimate& out) const {
    out = {};
    if (empty()) return;
    learn::extract_features(text, {}, {}, features_, scratch.features);
    if (!polarity_.empty()) {
        polarity_.logits(scratch.features, scratch.scores);
        learn::softmax(scratch.scores);
        out.polarity = scratch.scores[1] - scratch.scores[0];
    }
    if (!moods_.empty()) {
        moods_.logits(scratch.features, scratch.scores);
        learn::softmax(scratch.scores);
        out.neutral = scratch.scores[0];
        out.anger = scratch.scores[1];
        out.anxiety = scratch.scores[2];
        out.satisfaction = scratch.scores[3];
        // The polarity head learned from reviews, which are never neutral: on
        // "在吗" or "这个多少钱" it says -0.9. A message without feeling has
        // no polarity, so it counts as much as the message shows feeling.
        out.polarity *= 1 - out.neutral;
    }
}

namespace {

// A head may be absent (trained without its kind of data): a flag first.
void save_head(const learn::linear_model& head, model::writer& w) {
    w.u32(head.empty() ? 0 : 1);
    if (!head.empty()) head.save(w);
}

learn::linear_model load_head(model::reader& r, std::uint32_t format) {
    return r.flag("mood model head") ? learn::linear_model::load(r, format) : learn::linear_model{};
}

}  // namespace

void mood_model::save(model::writer& w, std::uint32_t format) const {
    learn::save_feature_config(w, features_, format);
    save_head(polarity_, w);
    save_head(moods_, w);
}

mood_model mood_model::load(model::reader& r, std::uint32_t format) {
    mood_model m;
    m.features_ = learn::load_feature_config(r, format);
    m.polarity_ = load_head(r, format);
    m.moods_ = load_head(r, format);
    if ((!m.polarity_.empty() && m.polarity_.classes() != 2) ||
        (!m.moods_.empty() && m.moods_.classes() != mood_class_count))
        model::reader::corrupt("mood model has the wrong number of classes");
    return m;
}

}  // namespace kefu::detail::mood

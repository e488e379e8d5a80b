// The customer's mood in one message: polarity (negative to positive) and
// the emotions a shop agent must react to (anger, anxiety or urgency,
// satisfaction). Two small heads on the library's own linear model and
// hashed features, trained at build time on written reviews and chat
// messages and on a public emotion dialogue set.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "learn/features.hpp"
#include "learn/linear_model.hpp"
#include "model/binary.hpp"
#include "text/normalizer.hpp"

namespace kefu::detail::mood {

// Classes of the emotion head, in this order.
enum class mood_class : std::uint8_t { neutral, anger, anxiety, satisfaction };
inline constexpr std::uint32_t mood_class_count = 4;
std::string_view mood_class_name(mood_class c) noexcept;

struct mood_estimate {
    float polarity = 0;  // (P(positive) - P(negative)) x (1 - neutral), in [-1, 1]
    float anger = 0;     // probabilities of the emotion head
    float anxiety = 0;
    float satisfaction = 0;
    float neutral = 1;
};

// A training message: polarity -1 (unknown), 0 negative or 1 positive; mood
// class or -1 (unknown).
struct mood_example {
    std::string text;
    int polarity = -1;
    int mood = -1;
};

// Label conventions of the training files: sentiment "1"/"0"; mood names;
// the eight emotions of the Chinese emotion dialogue set (生气, 厌恶 → anger,
// 开心 → satisfaction, 平静, 疑问 → neutral; 开心 positive, 生气, 厌恶, 伤心
// negative). Returns false for a label it does not know.
bool label_example(std::string_view label, mood_example& out);

struct mood_scratch {
    text::normalized text;
    std::vector<learn::feature> features;
    std::vector<float> scores;
};

class mood_model {
public:
    bool empty() const noexcept { return polarity_.empty() && moods_.empty(); }

    // Deterministic for a seed. Throws kefu::error(KEFU_EINVAL) without data.
    static mood_model train(const std::vector<mood_example>& examples, std::uint32_t seed = 1);

    // The mood of a normalised message; neutral when the model is empty.
    void estimate(const text::normalized& text, mood_scratch& scratch, mood_estimate& out) const;

    // `format`: the model file's (at least format_needed()).
    std::uint32_t format_needed() const noexcept {
        return std::max({learn::format_for(features_), polarity_.format_needed(), moods_.format_needed()});
    }
    void save(model::writer& w, std::uint32_t format) const;
    static mood_model load(model::reader& r, std::uint32_t format);
    std::size_t memory_bytes() const noexcept { return polarity_.memory_bytes() + moods_.memory_bytes(); }

private:
    learn::feature_config features_;
    learn::linear_model polarity_;  // classes: negative, positive
    learn::linear_model moods_;     // classes: mood_class
};

}  // namespace kefu::detail::mood

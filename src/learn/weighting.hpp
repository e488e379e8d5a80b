// Feature weighting shared by training and prediction: sublinear term
// frequency times inverse document frequency, then L2 normalisation of each
// feature block on its own (as a union of separately normalised tf-idf
// vectorisers would do). One definition, so the two paths cannot disagree.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "learn/features.hpp"

namespace kefu::detail::learn {

// A feature resolved to a weight row of the model.
struct row_feature {
    row_feature() noexcept {}  // left unset, as learn::feature is
    row_feature(std::uint32_t r, float v, feature_block b) noexcept : row(r), value(v), block(b) {}
    std::uint32_t row;
    float value;
    feature_block block;
};

// idf of a feature seen in `document_frequency` of `documents` examples
// (smoothed, as in common tf-idf practice).
inline float inverse_document_frequency(std::size_t document_frequency, std::size_t documents) {
    return std::log((1.0f + static_cast<float>(documents)) / (1.0f + static_cast<float>(document_frequency))) + 1.0f;
}

// Sublinear term frequency: 1 + log tf (tf >= 1).
inline float sublinear(float tf) { return tf == 1.0f ? 1.0f : 1.0f + std::log(tf); }

// The L2 norm of each feature block, summed as the features come. One running
// sum per block in registers: summing into norm[block] made each step wait
// for the store of the one before, a twentieth of the time to classify a
// message. Adding 0 leaves a sum exactly as it was.
class block_norms {
public:
    void add(feature_block block, float value) {
        static_assert(feature_block_count == 3);
        const float square = value * value;
        chars_ += block == feature_block::chars ? square : 0.0f;
        words_ += block == feature_block::words ? square : 0.0f;
        signals_ += block == feature_block::signals ? square : 0.0f;
    }
    // What each block's values are multiplied by: 1 / its norm (0 when empty).
    std::array<float, feature_block_count> scales() const {
        std::array<float, feature_block_count> s = {chars_, words_, signals_};
        for (float& n : s) n = n > 0 ? 1.0f / std::sqrt(n) : 0.0f;
        return s;
    }

private:
    float chars_ = 0, words_ = 0, signals_ = 0;
};

inline float scale_of(const std::array<float, feature_block_count>& scales, feature_block block) {
    return scales[static_cast<std::size_t>(block)];
}

// In place: each block scaled to unit L2 norm. Values must already be
// sublinear tf times idf. (Prediction applies the same scales as it sums the
// rows, in linear_model::logits, without this second pass.)
inline void weigh(std::vector<row_feature>& features) {
    block_norms norms;
    for (const row_feature& f : features) norms.add(f.block, f.value);
    const auto scales = norms.scales();
    for (row_feature& f : features) f.value *= scale_of(scales, f.block);
}

}  // namespace kefu::detail::learn

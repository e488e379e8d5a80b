// Feature weighting shared by training and prediction: sublinear term
// frequency times inverse document frequency, then L2 normalisation of each
// feature block on its own (as a union of separately normalised tf-idf
// vectorisers would do). One definition, so the two paths cannot disagree.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "learn/features.hpp"

namespace kefu::detail::learn {

// A feature resolved to a weight row of the model.
struct row_feature {
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

// In place: each block scaled to unit L2 norm. Values must already be
// sublinear tf times idf.
inline void weigh(std::vector<row_feature>& features) {
    static_assert(feature_block_count == 3);
    // One running sum per block in registers: summing into norm[block] made
    // each step wait for the store of the one before, a twentieth of the
    // time to classify a message. Adding 0 leaves a sum exactly as it was.
    float chars = 0, words = 0, signals = 0;
    for (const row_feature& f : features) {
        const float square = f.value * f.value;
        chars += f.block == feature_block::chars ? square : 0.0f;
        words += f.block == feature_block::words ? square : 0.0f;
        signals += f.block == feature_block::signals ? square : 0.0f;
    }
    float norm[feature_block_count] = {chars, words, signals};
    for (float& n : norm) n = n > 0 ? 1.0f / std::sqrt(n) : 0.0f;
    for (row_feature& f : features) f.value *= norm[static_cast<std::size_t>(f.block)];
}

}  // namespace kefu::detail::learn

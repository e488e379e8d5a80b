// Training of the linear intent model: multinomial logistic regression with
// AdaGrad, class weighting and a seeded (deterministic) order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "learn/features.hpp"
#include "learn/linear_model.hpp"

namespace kefu::detail::learn {

struct example {
    std::vector<feature> features;
    std::uint32_t label;
};

struct train_options {
    std::uint32_t epochs = 20;
    float learning_rate = 0.25f;
    float l2 = 1e-6f;
    std::uint32_t seed = 1;
    bool balance_classes = true;
    float holdout = 0.2f;              // share held back for calibration when no calibration set is given
    float max_in_scope_loss = 0.015f;  // in-scope accuracy the out-of-scope rule may cost
    // Row differences from the row's centre this small are dropped from the
    // stored model (linear_model): on CLINC150 it keeps half the weights
    // and costs 0.1 point in-scope; the project's test sets score the same.
    float prune_below = 0.1f;
    // Features in fewer training examples than this are left out of the
    // model (and so of the weighting, at training and prediction alike).
    std::uint32_t min_document_frequency = 1;
};

// Fits the model on all examples. Deterministic for a given seed.
linear_model fit(const std::vector<example>& data, std::uint32_t classes, const train_options& options);

// Indices of a stratified split: every class keeps the same share held out.
struct split_indices {
    std::vector<std::size_t> train, holdout;
};
split_indices stratified_split(const std::vector<std::uint32_t>& labels, std::uint32_t classes, float share,
                               std::uint32_t seed);

}  // namespace kefu::detail::learn

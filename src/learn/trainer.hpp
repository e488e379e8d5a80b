// Training of the linear intent model: multinomial logistic regression with
// AdaGrad, class weighting, a seeded (deterministic) order, temperature
// calibration and out-of-scope thresholds tuned on a held-out part of the
// training data only.
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
    std::uint32_t epochs = 12;
    float learning_rate = 0.4f;
    float l2 = 1e-6f;
    std::uint32_t seed = 1;
    bool balance_classes = true;
    float holdout = 0.2f;           // share held back for calibration and thresholds
    std::int64_t oos_label = -1;    // class index of the out-of-scope label, or -1
    float max_in_scope_loss = 0.015f;  // accuracy the OOS rule may cost in scope (held-out)
};

// What training measured on the held-out part (before the final refit).
// Stored in model files byte for byte: fixed-size fields only.
struct train_report {
    std::uint64_t examples = 0;
    std::uint64_t features = 0;
    float holdout_accuracy = 0;
    float holdout_in_scope_accuracy = 0;
    float holdout_oos_recall = 0;
    float temperature = 1;
    out_of_scope_rule oos;
};

// Trains on all examples: fits on (1 - holdout), calibrates and tunes the
// out-of-scope rule on the held-out part, then refits on everything and
// keeps the calibration. Deterministic for a given seed.
linear_model train(const std::vector<example>& data, std::uint32_t classes, const train_options& options,
                   train_report* report = nullptr);

// One fit without calibration (exposed for tests and experiments).
linear_model fit(const std::vector<example>& data, std::uint32_t classes, const train_options& options);

}  // namespace kefu::detail::learn

// A multinomial linear model over hashed features (tf-idf weighted). Weights
// are stored only for features seen in training, behind an open-addressing
// index: compact, and one probe per feature. Calibration and the
// out-of-scope rule live in learn/calibration.hpp.
#pragma once

#include <cstdint>
#include <vector>

#include "learn/features.hpp"
#include "learn/weighting.hpp"
#include "model/binary.hpp"

namespace kefu::detail::learn {

class linear_model {
public:
    linear_model() = default;
    linear_model(std::uint32_t classes, std::vector<std::uint64_t> feature_hashes, std::vector<float> idf,
                 std::vector<float> weights, std::vector<float> bias);

    std::uint32_t classes() const noexcept { return classes_; }
    std::size_t feature_count() const noexcept { return weights_.size() / (classes_ ? classes_ : 1); }
    bool empty() const noexcept { return classes_ == 0; }

    // The same model with `classes` >= classes() classes: the new ones have no
    // feature weights and the mean bias, so other evidence decides for them.
    linear_model with_classes(std::uint32_t classes) const;

    // Raw scores (logits), one per class. Features the model has no row for
    // are ignored.
    void logits(const std::vector<feature>& features, std::vector<float>& out) const;


    std::size_t memory_bytes() const noexcept;
    void save(model::writer& w) const;
    static linear_model load(model::reader& r);

private:
    // One probe reads the hash, the weight row and the idf from one 16-byte
    // slot (one cache miss per feature, not three).
    struct slot {
        std::uint64_t hash;  // 0 = empty
        std::uint32_t row;
        float idf;
    };

    // The slot of a feature hash, or nullptr.
    const slot* find(std::uint64_t hash) const noexcept;
    void build_index(const std::vector<std::uint64_t>& hashes, const std::vector<float>& idf);

    std::uint32_t classes_ = 0;
    std::vector<slot> slots_;
    std::vector<float> weights_;            // row-major: feature row x classes
    std::vector<float> bias_;
};

// Softmax in place, with logits divided by temperature.
void softmax(std::vector<float>& v, float temperature = 1.0f);

}  // namespace kefu::detail::learn

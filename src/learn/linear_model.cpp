#include "learn/linear_model.hpp"

#include <algorithm>
#include <cmath>

namespace kefu::detail::learn {
namespace {

constexpr std::uint64_t nonzero(std::uint64_t h) { return h == 0 ? 1 : h; }  // 0 marks an empty slot

std::size_t capacity_for(std::size_t n) {
    std::size_t c = 16;
    while (c < n * 2) c <<= 1;
    return c;
}

}  // namespace

void softmax(std::vector<float>& v, float temperature) {
    if (v.empty()) return;
    const float inv = 1.0f / temperature;
    const float top = *std::max_element(v.begin(), v.end());
    float sum = 0;
    for (float& x : v) sum += (x = std::exp((x - top) * inv));
    for (float& x : v) x /= sum;
}

linear_model::linear_model(std::uint32_t classes, std::vector<std::uint64_t> feature_hashes, std::vector<float> idf,
                           std::vector<float> weights, std::vector<float> bias)
    : classes_(classes), weights_(std::move(weights)), bias_(std::move(bias)) {
    build_index(feature_hashes, idf);
}

void linear_model::build_index(const std::vector<std::uint64_t>& hashes, const std::vector<float>& idf) {
    slots_.assign(capacity_for(hashes.size()), slot{0, 0, 0.0f});
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t row = 0; row < hashes.size(); ++row) {
        const std::uint64_t h = nonzero(hashes[row]);
        std::size_t at = h & mask;
        while (slots_[at].hash != 0 && slots_[at].hash != h) at = (at + 1) & mask;
        slots_[at] = {h, row, idf[row]};
    }
}

const linear_model::slot* linear_model::find(std::uint64_t hash) const noexcept {
    const std::uint64_t h = nonzero(hash);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = h & mask;; at = (at + 1) & mask) {
        if (slots_[at].hash == h) return &slots_[at];
        if (slots_[at].hash == 0) return nullptr;
    }
}

linear_model linear_model::with_classes(std::uint32_t classes) const {
    if (classes <= classes_) return *this;
    linear_model m = *this;
    const std::size_t rows = feature_count();
    m.classes_ = classes;
    m.weights_.assign(rows * classes, 0.0f);
    for (std::size_t r = 0; r < rows; ++r)
        std::copy_n(weights_.data() + r * classes_, classes_, m.weights_.data() + r * classes);
    float mean = 0;
    for (float b : bias_) mean += b;
    mean /= static_cast<float>(std::max<std::size_t>(bias_.size(), 1));
    m.bias_.resize(classes, mean);
    return m;
}

void linear_model::logits(const std::vector<feature>& features, std::vector<float>& out) const {
    thread_local std::vector<row_feature> rows;
    rows.clear();
    for (const feature& f : features)
        if (const slot* s = find(f.hash)) rows.push_back({s->row, sublinear(f.value) * s->idf, f.block});
    weigh(rows);
    out.assign(bias_.begin(), bias_.end());
    float* acc = out.data();
    for (const row_feature& f : rows) {
        const float* w = weights_.data() + static_cast<std::size_t>(f.row) * classes_;
        for (std::uint32_t c = 0; c < classes_; ++c) acc[c] += w[c] * f.value;
    }
}

std::size_t linear_model::memory_bytes() const noexcept {
    return slots_.size() * sizeof(slot) + (weights_.size() + bias_.size()) * sizeof(float);
}

void linear_model::save(model::writer& w) const {
    w.u32(classes_);
    w.vec(slots_);
    w.vec(weights_);
    w.vec(bias_);
}

linear_model linear_model::load(model::reader& r) {
    linear_model m;
    m.classes_ = r.u32();
    m.slots_ = r.vec<slot>();
    m.weights_ = r.vec<float>();
    m.bias_ = r.vec<float>();
    // Checks that make every lookup in bounds and every probe terminate.
    const std::size_t capacity = m.slots_.size();
    const bool power_of_two = capacity >= 16 && (capacity & (capacity - 1)) == 0;
    if (m.classes_ == 0 || !power_of_two || m.bias_.size() != m.classes_ || m.weights_.size() % m.classes_ != 0)
        model::reader::corrupt("linear model: inconsistent sizes");
    const std::size_t rows = m.weights_.size() / m.classes_;
    std::size_t used = 0;
    for (const slot& sl : m.slots_) {
        if (sl.hash == 0) continue;
        ++used;
        if (sl.row >= rows || !std::isfinite(sl.idf)) model::reader::corrupt("linear model: bad feature slot");
    }
    if (used >= capacity) model::reader::corrupt("linear model: index has no empty slot");
    return m;
}

}  // namespace kefu::detail::learn

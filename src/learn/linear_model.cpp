#include "learn/linear_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "kefu/error.hpp"

namespace kefu::detail::learn {
namespace {

constexpr std::uint64_t nonzero(std::uint64_t h) { return h == 0 ? 1 : h; }  // 0 marks an empty slot
constexpr float fixed_point_max = std::numeric_limits<std::int16_t>::max();
constexpr std::uint32_t dense_when_one_in = 8;  // of a row's classes differ (add_row)

// The smallest power of two (at least 16) that holds n slots at the given
// load, and always has an empty slot: that is where a search for a feature
// the model does not have ends. Slack keeps the probe runs short.
std::size_t capacity_for(std::size_t n, float max_load) {
    std::size_t c = 16;
    while (static_cast<double>(c) * max_load < static_cast<double>(n) || c <= n) c <<= 1;
    return c;
}

float median_of(const float* row, std::uint32_t n, std::vector<float>& scratch) {
    scratch.assign(row, row + n);
    const auto middle = scratch.begin() + n / 2;
    std::nth_element(scratch.begin(), middle, scratch.end());
    return *middle;
}

std::int16_t to_fixed(float w, float scale) {
    return static_cast<std::int16_t>(std::clamp(std::lround(w / scale), -32767L, 32767L));
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

linear_model::linear_model(std::uint32_t classes, const std::vector<std::uint64_t>& feature_hashes,
                           const std::vector<float>& idf, const std::vector<float>& weights, std::vector<float> bias,
                           float prune_below, float max_index_load)
    : classes_(classes), trained_classes_(classes), bias_(std::move(bias)) {
    if (classes == 0 || classes > max_classes)
        throw kefu::error(KEFU_ELIMIT, "a learned model has 1 to " + std::to_string(max_classes) + " classes, not " +
                                           std::to_string(classes));
    float largest = 0;
    for (float w : weights) largest = std::max(largest, std::fabs(w));
    // A difference from a row's median is at most twice the largest weight.
    scale_ = largest > 0 ? 2 * largest / fixed_point_max : 1.0f;
    const auto rows = static_cast<std::uint32_t>(weights.size() / classes);
    slots_.assign(capacity_for(rows, std::clamp(max_index_load, 0.1f, 0.9f)), slot{0, 0, 0.0f});
    std::vector<float> scratch;
    dense_.clear();
    narrow_.clear();
    for (std::uint32_t r = 0; r < rows; ++r)
        add_slot(feature_hashes[r], add_row(weights.data() + std::size_t{r} * classes, prune_below, scratch), idf[r]);
    dense_.resize(dense_.size() + row_sum_lanes);
    narrow_.resize(narrow_.size() + row_sum_lanes);
}

std::uint32_t linear_model::add_row(const float* row, float prune_below, std::vector<float>& scratch) {
    const float centre = median_of(row, trained_classes_, scratch);
    const auto differs = [&](std::uint32_t c) { return std::fabs(row[c] - centre) > prune_below; };
    std::uint32_t differing = 0;
    for (std::uint32_t c = 0; c < trained_classes_; ++c) differing += differs(c);
    if (std::max({dense_.size(), narrow_.size(), entries_.size()}) + narrow_header + trained_classes_ + 1 >= dense_row)
        throw kefu::error(KEFU_ELIMIT, "a learned model has too many weights");
    // A whole row is summed eight classes to a vector step, in about the time
    // one scattered difference takes: kept whole once an eighth of its
    // classes differ (on CLINC150 1.15-1.23x as fast as keeping it whole only
    // when that took fewer bytes, for a third more bytes). Either way the
    // classes that do not differ get the centre, so storage never changes a
    // probability.
    if (differing * dense_when_one_in >= trained_classes_) {
        scratch.resize(trained_classes_);
        for (std::uint32_t c = 0; c < trained_classes_; ++c) scratch[c] = differs(c) ? row[c] : centre;
        if (narrow()) return dense_row | add_narrow_row(scratch.data());
        const auto at = static_cast<std::uint32_t>(dense_.size());
        for (std::uint32_t c = 0; c < trained_classes_; ++c) dense_.push_back(to_fixed(scratch[c], scale_));
        return dense_row | at;
    }
    const auto header = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back({static_cast<std::uint16_t>(differing), to_fixed(centre, scale_)});
    for (std::uint32_t c = 0; c < trained_classes_; ++c)
        if (differs(c)) entries_.push_back({static_cast<std::uint16_t>(c), to_fixed(row[c] - centre, scale_)});
    return header;
}

// The offset is the middle of the row's range and the step spreads the range
// over -127..127: the largest error is half a step, a 508th of the range.
std::uint32_t linear_model::add_narrow_row(const float* weights) {
    const auto [lowest, highest] = std::minmax_element(weights, weights + trained_classes_);
    const float offset = (*lowest + *highest) / 2;
    const float step = (*highest - *lowest) / 254;
    const auto at = static_cast<std::uint32_t>(narrow_.size());
    narrow_.resize(narrow_.size() + narrow_header + trained_classes_);
    std::memcpy(narrow_.data() + at, &offset, sizeof offset);
    std::memcpy(narrow_.data() + at + sizeof offset, &step, sizeof step);
    std::int8_t* out = narrow_.data() + at + narrow_header;
    for (std::uint32_t c = 0; c < trained_classes_; ++c) {
        const long q = step > 0 ? std::lround((weights[c] - offset) / step) : 0;
        out[c] = static_cast<std::int8_t>(std::clamp(q, -127L, 127L));
    }
    return at;
}

linear_model::narrow_row linear_model::narrow_row_at(std::uint32_t offset) const noexcept {
    narrow_row r;
    std::memcpy(&r.offset, narrow_.data() + offset, sizeof r.offset);
    std::memcpy(&r.step, narrow_.data() + offset + sizeof r.offset, sizeof r.step);
    r.weights = narrow_.data() + offset + narrow_header;
    return r;
}

const void* linear_model::row_address(std::uint32_t row) const noexcept {
    if (!(row & dense_row)) return &entries_[row];
    return narrow() ? static_cast<const void*>(&narrow_[row & ~dense_row]) : &dense_[row & ~dense_row];
}

std::size_t linear_model::row_bytes(std::uint32_t row) const noexcept {
    if (!(row & dense_row)) return (std::size_t{entries_[row].cls} + 1) * sizeof(entry);
    return narrow() ? narrow_header + trained_classes_ : trained_classes_ * sizeof(std::int16_t);
}

void linear_model::add_slot(std::uint64_t hash, std::uint32_t row, float idf) {
    const std::uint64_t h = nonzero(hash);
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = h & mask;
    while (slots_[at].hash != 0 && slots_[at].hash != h) at = (at + 1) & mask;
    slots_[at] = {h, row, idf};
}

std::size_t linear_model::feature_count() const noexcept {
    return static_cast<std::size_t>(std::count_if(slots_.begin(), slots_.end(), [](const slot& s) { return s.hash != 0; }));
}

std::size_t linear_model::weight_count() const noexcept {
    std::size_t n = 0;
    for (const slot& s : slots_)
        if (s.hash != 0) n += (s.row & dense_row) ? trained_classes_ : entries_[s.row].cls;
    return n;
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
    if (classes > max_classes)
        throw kefu::error(KEFU_ELIMIT, "a learned model has at most " + std::to_string(max_classes) + " classes");
    linear_model m = *this;
    m.classes_ = classes;
    float mean = 0;
    for (float b : bias_) mean += b;
    mean /= static_cast<float>(std::max<std::size_t>(bias_.size(), 1));
    m.bias_.resize(classes, mean);
    return m;
}

std::array<float, feature_block_count> linear_model::resolve(const std::vector<feature>& features,
                                                            std::vector<row_feature>& rows) const {
    // The slots and rows of a message's features are scattered over megabytes:
    // asking for all of them first lets the misses overlap instead of queueing.
    const std::size_t mask = slots_.size() - 1;
    for (const feature& f : features) __builtin_prefetch(&slots_[nonzero(f.hash) & mask]);
    rows.resize(features.size());  // at most one row per feature, written by index
    row_feature* next = rows.data();
    block_norms norms;
    for (const feature& f : features) {
        const slot* s = find(f.hash);
        if (!s) continue;
        prefetch_row(s->row);
        const float value = sublinear(f.value) * s->idf;
        *next++ = {s->row, value, f.block};
        norms.add(f.block, value);
    }
    rows.resize(static_cast<std::size_t>(next - rows.data()));
    return norms.scales();
}

// Every cache line of a row, not only the first: the row sums read a row a
// block of classes at a time over all the message's rows, too late for the
// hardware to follow (on CLINC150, 1.03x as fast with 16-bit rows, 1.10x with
// the narrow rows). The lines are counted from the row's first line, so the
// last one is asked for too when the row starts late in a line.
void linear_model::prefetch_row(std::uint32_t row) const noexcept {
    constexpr std::uintptr_t line = 64;
    const auto first = reinterpret_cast<std::uintptr_t>(row_address(row));
    const std::uintptr_t last = first + row_bytes(row) - 1;
    for (std::uintptr_t at = first & ~(line - 1); at <= last; at += line)
        __builtin_prefetch(reinterpret_cast<const void*>(at));
}

void linear_model::logits(const std::vector<feature>& features, std::vector<float>& out) const {
    thread_local std::vector<row_feature> rows;
    thread_local std::vector<weighted_row> whole_rows;
    thread_local std::vector<weighted_narrow_row> narrow_rows;
    const auto block_scales = resolve(features, rows);
    // The row sums write whole vector steps; the classes past the trained
    // ones are set below, whatever the steps left there.
    out.resize(std::max(classes_, padded_to_lanes(trained_classes_)));
    float* acc = out.data();
    std::copy(bias_.begin(), bias_.end(), acc);
    float centres = 0;  // what every trained class gets from the row centres
    // Each row goes to one of the two lists: sized for all and written by
    // index, which costs less than a push_back per row.
    whole_rows.resize(rows.size());
    narrow_rows.resize(rows.size());
    weighted_row* next_whole = whole_rows.data();
    weighted_narrow_row* next_narrow = narrow_rows.data();
    for (const row_feature& f : rows) {
        const float weighted = f.value * scale_of(block_scales, f.block);
        const float value = weighted * scale_;
        if ((f.row & dense_row) && narrow()) {
            const narrow_row r = narrow_row_at(f.row & ~dense_row);
            centres += r.offset * weighted;
            *next_narrow++ = {r.weights, weighted * r.step};
            continue;
        }
        if (f.row & dense_row) {
            *next_whole++ = {dense_.data() + (f.row & ~dense_row), value};
            continue;
        }
        const entry* e = entries_.data() + f.row;
        centres += static_cast<float>(e->weight) * value;
        for (std::uint32_t i = 1; i <= e->cls; ++i) acc[e[i].cls] += static_cast<float>(e[i].weight) * value;
    }
    add_weighted_rows(whole_rows.data(), static_cast<std::size_t>(next_whole - whole_rows.data()), trained_classes_, acc);
    add_weighted_rows(narrow_rows.data(), static_cast<std::size_t>(next_narrow - narrow_rows.data()), trained_classes_, acc);
    for (std::uint32_t c = 0; c < trained_classes_; ++c) acc[c] += centres;
    out.resize(classes_);
    if (classes_ > trained_classes_) give_untrained_the_mean(acc);
}

void linear_model::give_untrained_the_mean(float* logits) const {
    float sum = 0;
    for (std::uint32_t c = 0; c < trained_classes_; ++c) sum += logits[c];
    const float mean = sum / static_cast<float>(trained_classes_);
    for (std::uint32_t c = trained_classes_; c < classes_; ++c) logits[c] = mean;
}

std::size_t linear_model::memory_bytes() const noexcept {
    return slots_.size() * sizeof(slot) + entries_.size() * sizeof(entry) + dense_.size() * sizeof(std::int16_t) +
           narrow_.size() + bias_.size() * sizeof(float);
}

void linear_model::save(model::writer& w) const {
    w.u32(classes_);
    w.u32(trained_classes_);
    w.f32(scale_);
    w.vec(slots_);
    w.vec(entries_);
    if (narrow())
        w.vec(narrow_.data(), narrow_size());
    else
        w.vec(dense_.data(), dense_size());
    w.vec(bias_);
}

linear_model linear_model::load(model::reader& r, std::uint32_t format) {
    linear_model m;
    m.classes_ = r.u32();
    m.trained_classes_ = r.u32();
    m.scale_ = r.f32();
    m.slots_ = r.vec<slot>();
    m.entries_ = r.vec<entry>();
    const bool narrow_in_file = m.narrow() && format >= first_format_with_narrow_rows;
    if (narrow_in_file) {
        m.narrow_ = r.vec<std::int8_t>();
        m.narrow_.resize(m.narrow_.size() + row_sum_lanes);
    } else {
        m.dense_ = r.vec<std::int16_t>();
        m.dense_.resize(m.dense_.size() + row_sum_lanes);
    }
    m.bias_ = r.vec<float>();
    m.check_loaded(narrow_in_file);
    if (m.narrow() && !narrow_in_file) m.narrow_loaded_rows();
    return m;
}

// Each whole row read from 16 bits (checked) is stored again in 8; the
// scores move by at most half a narrow step per weight. kefu wrote whole
// rows one after another, each for one feature: rows that overlap or are
// shared are damage, and would let a small file ask for gigabytes here.
void linear_model::narrow_loaded_rows() {
    narrow_.clear();
    std::vector<float> weights(trained_classes_);
    std::vector<bool> taken(dense_size() / trained_classes_ + 1, false);
    for (slot& sl : slots_) {
        if (sl.hash == 0 || !(sl.row & dense_row)) continue;
        const std::size_t at = sl.row & ~dense_row;
        if (at % trained_classes_ != 0 || taken[at / trained_classes_])
            model::reader::corrupt("linear model: whole rows overlap");
        taken[at / trained_classes_] = true;
        const std::int16_t* fixed = dense_.data() + at;
        for (std::uint32_t c = 0; c < trained_classes_; ++c) weights[c] = static_cast<float>(fixed[c]) * scale_;
        sl.row = dense_row | add_narrow_row(weights.data());
    }
    narrow_.resize(narrow_.size() + row_sum_lanes);
    dense_.assign(row_sum_lanes, 0);
}

// A whole row at `at` lies inside its storage; a narrow one has a finite
// offset and a finite step that is not negative.
bool linear_model::whole_row_fits(std::size_t at, bool narrow_rows) const noexcept {
    if (!narrow_rows) return at <= dense_size() && dense_size() - at >= trained_classes_;
    if (at > narrow_size() || narrow_size() - at < narrow_header + trained_classes_) return false;
    const narrow_row r = narrow_row_at(static_cast<std::uint32_t>(at));
    return std::isfinite(r.offset) && std::isfinite(r.step) && r.step >= 0;
}

// Checks that make every lookup and row in bounds and every probe terminate.
void linear_model::check_loaded(bool narrow_rows) const {
    const std::size_t capacity = slots_.size();
    const bool power_of_two = capacity >= 16 && (capacity & (capacity - 1)) == 0;
    if (classes_ == 0 || classes_ > max_classes || trained_classes_ == 0 || trained_classes_ > classes_ ||
        !power_of_two || bias_.size() != classes_ || !std::isfinite(scale_) || !(scale_ > 0))
        model::reader::corrupt("linear model: inconsistent sizes");
    std::size_t used = 0;
    for (const slot& sl : slots_) {
        if (sl.hash == 0) continue;
        ++used;
        if (!std::isfinite(sl.idf)) model::reader::corrupt("linear model: bad feature slot");
        if (sl.row & dense_row) {
            if (!whole_row_fits(sl.row & ~dense_row, narrow_rows)) model::reader::corrupt("linear model: bad dense row");
            continue;
        }
        const bool header_fits = sl.row < entries_.size() && entries_[sl.row].cls < entries_.size() - sl.row;
        if (!header_fits) model::reader::corrupt("linear model: bad feature slot");
        for (std::size_t i = 1; i <= entries_[sl.row].cls; ++i)
            if (entries_[sl.row + i].cls >= trained_classes_) model::reader::corrupt("linear model: bad class in a row");
    }
    if (used >= capacity) model::reader::corrupt("linear model: index has no empty slot");
}

}  // namespace kefu::detail::learn

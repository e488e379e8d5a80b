// A multinomial linear model over hashed features (tf-idf weighted). Weights
// are stored only for features seen in training, behind an open-addressing
// index, in 16-bit fixed point. A feature's row is sparse (a centre shared by
// all trained classes plus the few classes that differ from it) or, when an
// eighth of them or more differ, whole; with many classes a whole row is
// kept in 8 bits on a scale of its own. Calibration and the out-of-scope
// rule live in learn/calibration.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "learn/features.hpp"
#include "learn/row_sums.hpp"
#include "learn/weighting.hpp"
#include "model/binary.hpp"

namespace kefu::detail::learn {

// Share of a feature index's slots that may be filled. Three quarters
// finds the same rows as half in half the bytes: the mood heads' index is
// most of their size, and the default intent model classifies 1.02-1.06x
// faster with fewer cache misses.
inline constexpr float default_index_load = 0.75f;

// Model files from this format on keep the whole rows of models with many
// classes in 8 bits; older files are narrowed when they load.
inline constexpr std::uint32_t first_format_with_narrow_rows = 8;

class linear_model {
public:
    // The most classes a model can have (class ids are stored in 16 bits).
    static constexpr std::uint32_t max_classes = 65535;

    linear_model() = default;
    // From dense trained weights (row-major: feature row x classes). A sparse
    // row keeps its median as its centre and only the classes whose weight
    // differs from it by more than `prune_below`: with the centre shared by
    // every trained class, the softmax (and so every probability) is what
    // the dense row gives, up to the pruned differences. A row where an
    // eighth of the classes or more differ is kept whole, the others at its
    // centre, so the probabilities are the same. The feature index fills at
    // most `max_index_load` of its slots (0.1 to 0.9): more is smaller, less
    // is quicker to search for the features a model does not have.
    linear_model(std::uint32_t classes, const std::vector<std::uint64_t>& feature_hashes, const std::vector<float>& idf,
                 const std::vector<float>& weights, std::vector<float> bias, float prune_below = 0.0f,
                 float max_index_load = default_index_load);

    std::uint32_t classes() const noexcept { return classes_; }
    std::size_t feature_count() const noexcept;
    // Stored weights: the classes of dense rows and the differences of sparse
    // ones (centres not counted).
    std::size_t weight_count() const noexcept;
    bool empty() const noexcept { return classes_ == 0; }

    // The same model with `classes` >= classes() classes. The model knows
    // nothing of the new ones: their logit is the mean of the trained
    // classes' (a typical class), so other evidence decides for them.
    linear_model with_classes(std::uint32_t classes) const;
    std::uint32_t trained_classes() const noexcept { return trained_classes_; }

    // Raw scores (logits), one per class. Features the model has no row for
    // are ignored.
    void logits(const std::vector<feature>& features, std::vector<float>& out) const;

    std::size_t memory_bytes() const noexcept;
    // The oldest model file format that holds this model (0: any).
    std::uint32_t format_needed() const noexcept { return narrow() ? first_format_with_narrow_rows : 0; }
    void save(model::writer& w) const;
    // `format`: the model file's format version.
    static linear_model load(model::reader& r, std::uint32_t format);

private:
    // One probe reads the hash, the row's place and the idf from one 16-byte
    // slot (one cache miss per feature, not three).
    struct slot {
        std::uint64_t hash;  // 0 = empty
        std::uint32_t row;   // dense_row | offset in dense_, or the index of the row's header in entries_
        float idf;
    };
    static constexpr std::uint32_t dense_row = 0x80000000u;
    // Whole rows of a model with at least this many trained classes are
    // narrow: a header {offset, step} (two floats), then one signed byte per
    // class, weight = offset + byte * step. The whole rows are what a message
    // of a large model waits for (on CLINC150, 80 rows of 151 classes per
    // message, scattered over megabytes); in 8 bits they are half the bytes.
    // Below this many classes the header would cost what the bytes save.
    static constexpr std::uint32_t narrow_from_classes = 16;
    static constexpr std::size_t narrow_header = 2 * sizeof(float);
    struct narrow_row {
        float offset;
        float step;
        const std::int8_t* weights;
    };
    // A sparse row is a header {count, centre} followed by `count` entries
    // {class, difference}. Weights are 16-bit fixed point (times scale_):
    // half the bytes of floats, and the rows are what the cache misses on.
    struct entry {
        std::uint16_t cls;    // header: the number of entries that follow
        std::int16_t weight;  // header: the centre
    };

    bool narrow() const noexcept { return trained_classes_ >= narrow_from_classes; }
    // Stores one trained row, dense or sparse, and returns its slot.row.
    std::uint32_t add_row(const float* row, float prune_below, std::vector<float>& scratch);
    // Appends a whole row (trained_classes_ weights) in 8 bits; returns its offset.
    std::uint32_t add_narrow_row(const float* weights);
    narrow_row narrow_row_at(std::uint32_t offset) const noexcept;
    // Files before narrow rows hold every whole row in 16 bits.
    void narrow_loaded_rows();
    // Where a whole or sparse row starts, and how many bytes it spans.
    const void* row_address(std::uint32_t row) const noexcept;
    std::size_t row_bytes(std::uint32_t row) const noexcept;
    void add_slot(std::uint64_t hash, std::uint32_t row, float idf);

    // The slot of a feature hash, or nullptr.
    const slot* find(std::uint64_t hash) const noexcept;
    // The rows of the features the model knows, tf-idf weighted, and what
    // each block's values are multiplied by to normalise it (weighting.hpp).
    std::array<float, feature_block_count> resolve(const std::vector<feature>& features,
                                                   std::vector<row_feature>& rows) const;
    void prefetch_row(std::uint32_t row) const noexcept;
    // `narrow_rows`: whether the whole rows read are narrow (a file from
    // before narrow rows holds 16-bit ones, narrowed after this check).
    void check_loaded(bool narrow_rows) const;
    bool whole_row_fits(std::size_t at, bool narrow_rows) const noexcept;

    void give_untrained_the_mean(float* logits) const;
    std::size_t dense_size() const noexcept { return dense_.size() - row_sum_lanes; }
    std::size_t narrow_size() const noexcept { return narrow_.size() - row_sum_lanes; }

    std::uint32_t classes_ = 0;
    std::uint32_t trained_classes_ = 0;  // classes the rows were trained for; with_classes adds more
    float scale_ = 1.0f;  // weight = entry.weight * scale_
    std::vector<slot> slots_;
    std::vector<entry> entries_;
    // Dense rows, trained_classes_ values each, then row_sum_lanes zeros: the
    // row sums read whole vector steps, past the end of the last row.
    std::vector<std::int16_t> dense_ = std::vector<std::int16_t>(row_sum_lanes);
    // Narrow whole rows (see narrow_row), then row_sum_lanes zeros; a model
    // keeps its whole rows either here or in dense_, by its class count.
    std::vector<std::int8_t> narrow_ = std::vector<std::int8_t>(row_sum_lanes);
    std::vector<float> bias_;
};

// Softmax in place, with logits divided by temperature.
void softmax(std::vector<float>& v, float temperature = 1.0f);

}  // namespace kefu::detail::learn

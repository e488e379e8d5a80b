// The inner loop of a linear model: logits += the sum of a message's weight
// rows, each times its feature value.
//
// Summed one row at a time, every vector of logits is loaded and stored again
// for each row: with 151 classes (CLINC150) that traffic and the scalar tail
// of each row took a third of the instructions of a message. Here a block of
// up to 64 logits stays in registers while every row adds to it, so a row
// costs a load, a conversion, a multiplication and an addition per eight
// classes. Each logit still receives its rows one after another in the
// order given, multiplied then added, so the sums are the same bit for bit
// as the plain loop's on every machine.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kefu::detail::learn {

// Logits are summed eight to a vector step: a caller's arrays hold whole
// steps (see add_weighted_rows).
inline constexpr std::uint32_t row_sum_lanes = 8;

inline constexpr std::uint32_t padded_to_lanes(std::uint32_t n) {
    return (n + row_sum_lanes - 1) / row_sum_lanes * row_sum_lanes;
}

// A row of fixed-point weights and the value it is multiplied by: 16-bit
// weights, or 8-bit ones for models with many classes (linear_model.hpp).
// Left unset when default-constructed, as learn::feature is: the classifier
// sizes its scratch lists for a message's rows and writes them in place.
struct weighted_row {
    weighted_row() noexcept {}
    weighted_row(const std::int16_t* w, float v) noexcept : weights(w), value(v) {}
    const std::int16_t* weights;
    float value;
};
struct weighted_narrow_row {
    weighted_narrow_row() noexcept {}
    weighted_narrow_row(const std::int8_t* w, float v) noexcept : weights(w), value(v) {}
    const std::int8_t* weights;
    float value;
};

// sums[c] += rows[r].weights[c] * rows[r].value for r in order, for c below
// `classes`. Both arrays are read and written up to padded_to_lanes(classes):
// `sums` must have that room, and each row that many readable weights (what
// lies past a row's end only reaches the padding of `sums`).
void add_weighted_rows(const weighted_row* rows, std::size_t count, std::uint32_t classes, float* sums);
void add_weighted_rows(const weighted_narrow_row* rows, std::size_t count, std::uint32_t classes, float* sums);

// The same without the processor's wider vectors: what add_weighted_rows
// does on a processor without AVX2 (tests hold the two to the same bits).
void add_weighted_rows_baseline(const weighted_row* rows, std::size_t count, std::uint32_t classes, float* sums);
void add_weighted_rows_baseline(const weighted_narrow_row* rows, std::size_t count, std::uint32_t classes,
                                float* sums);

}  // namespace kefu::detail::learn

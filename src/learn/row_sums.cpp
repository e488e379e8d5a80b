#include "learn/row_sums.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#include <immintrin.h>
#define KEFU_ROW_SUMS_AVX2 1
#endif

namespace kefu::detail::learn {
namespace {

// A block is up to eight steps: 64 logits in eight of AVX2's sixteen
// registers, leaving the rest for the weights being converted.
constexpr std::uint32_t steps_per_block = 8;

// Adds the rows to the logits first .. first + 8 * steps, which it holds in
// registers over all rows.
template <typename Row>
using block_function = void (*)(const Row* rows, std::size_t count, std::uint32_t first, float* sums);
template <typename Row>
using block_table = std::array<block_function<Row>, steps_per_block + 1>;  // by step count; 0 unused

// The baseline, in GCC vector types: conversion, multiplication and addition
// act on each element as the scalar operations would.
using float8 = float __attribute__((vector_size(32)));
using fixed8 = std::int16_t __attribute__((vector_size(16)));
using narrow8 = std::int8_t __attribute__((vector_size(8)));
using widened8 = std::int32_t __attribute__((vector_size(32)));
static_assert(sizeof(float8) == row_sum_lanes * sizeof(float));

// Eight weights as floats (through a reference: a 32-byte vector returned
// by value would change the calling convention with AVX).
void convert_baseline(const std::int16_t* weights, float8& out) {
    fixed8 fixed;
    std::memcpy(&fixed, weights, sizeof fixed);
    out = __builtin_convertvector(__builtin_convertvector(fixed, widened8), float8);
}
void convert_baseline(const std::int8_t* weights, float8& out) {
    narrow8 narrow;
    std::memcpy(&narrow, weights, sizeof narrow);
    out = __builtin_convertvector(__builtin_convertvector(narrow, widened8), float8);
}

template <typename Row, std::uint32_t Steps>
void add_block_baseline(const Row* rows, std::size_t count, std::uint32_t first, float* sums) {
    float8 sum[Steps];
#pragma GCC unroll 8
    for (std::uint32_t s = 0; s < Steps; ++s) std::memcpy(&sum[s], sums + first + s * row_sum_lanes, sizeof(float8));
    for (std::size_t r = 0; r < count; ++r) {
        const auto* weights = rows[r].weights + first;
        const float v = rows[r].value;
        const float8 value = {v, v, v, v, v, v, v, v};
#pragma GCC unroll 8
        for (std::uint32_t s = 0; s < Steps; ++s) {
            float8 weight;
            convert_baseline(weights + s * row_sum_lanes, weight);
            sum[s] += weight * value;
        }
    }
#pragma GCC unroll 8
    for (std::uint32_t s = 0; s < Steps; ++s) std::memcpy(sums + first + s * row_sum_lanes, &sum[s], sizeof(float8));
}

template <typename Row, std::size_t... Steps>
constexpr block_table<Row> baseline_table(std::index_sequence<Steps...>) {
    return {nullptr, &add_block_baseline<Row, Steps + 1>...};
}

#ifdef KEFU_ROW_SUMS_AVX2
// The same with AVX2 intrinsics: GCC 12 widens a vector of eight 16-bit
// integers in two halves and joins them, three instructions where AVX2 has
// one. Multiplied then added (no fused multiply-add), as the baseline does.
__attribute__((target("avx2"))) inline __m256i widened_avx2(const std::int16_t* weights) {
    return _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(weights)));
}
__attribute__((target("avx2"))) inline __m256i widened_avx2(const std::int8_t* weights) {
    return _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(weights)));
}

template <typename Row, std::uint32_t Steps>
__attribute__((target("avx2"))) void add_block_avx2(const Row* rows, std::size_t count, std::uint32_t first,
                                                    float* sums) {
    __m256 sum[Steps];
#pragma GCC unroll 8
    for (std::uint32_t s = 0; s < Steps; ++s) sum[s] = _mm256_loadu_ps(sums + first + s * row_sum_lanes);
    for (std::size_t r = 0; r < count; ++r) {
        const auto* weights = rows[r].weights + first;
        const __m256 value = _mm256_set1_ps(rows[r].value);
#pragma GCC unroll 8
        for (std::uint32_t s = 0; s < Steps; ++s) {
            const __m256 weight = _mm256_cvtepi32_ps(widened_avx2(weights + s * row_sum_lanes));
            sum[s] = _mm256_add_ps(sum[s], _mm256_mul_ps(weight, value));
        }
    }
#pragma GCC unroll 8
    for (std::uint32_t s = 0; s < Steps; ++s) _mm256_storeu_ps(sums + first + s * row_sum_lanes, sum[s]);
}

template <typename Row, std::size_t... Steps>
constexpr block_table<Row> avx2_table(std::index_sequence<Steps...>) {
    return {nullptr, &add_block_avx2<Row, Steps + 1>...};
}
#endif

template <typename Row>
constexpr block_table<Row> baseline_blocks = baseline_table<Row>(std::make_index_sequence<steps_per_block>{});

template <typename Row>
const block_table<Row>& blocks_for_this_processor() {
#ifdef KEFU_ROW_SUMS_AVX2
    static constexpr block_table<Row> avx2 = avx2_table<Row>(std::make_index_sequence<steps_per_block>{});
    if (__builtin_cpu_supports("avx2")) return avx2;
#endif
    return baseline_blocks<Row>;
}

template <typename Row>
void add_in_blocks(const block_table<Row>& blocks, const Row* rows, std::size_t count, std::uint32_t classes,
                   float* sums) {
    if (count == 0) return;
    const std::uint32_t steps = padded_to_lanes(classes) / row_sum_lanes;
    for (std::uint32_t step = 0; step < steps; step += steps_per_block)
        blocks[std::min(steps_per_block, steps - step)](rows, count, step * row_sum_lanes, sums);
}

}  // namespace

void add_weighted_rows(const weighted_row* rows, std::size_t count, std::uint32_t classes, float* sums) {
    static const auto& blocks = blocks_for_this_processor<weighted_row>();
    add_in_blocks(blocks, rows, count, classes, sums);
}

void add_weighted_rows(const weighted_narrow_row* rows, std::size_t count, std::uint32_t classes, float* sums) {
    static const auto& blocks = blocks_for_this_processor<weighted_narrow_row>();
    add_in_blocks(blocks, rows, count, classes, sums);
}

void add_weighted_rows_baseline(const weighted_row* rows, std::size_t count, std::uint32_t classes, float* sums) {
    add_in_blocks(baseline_blocks<weighted_row>, rows, count, classes, sums);
}

void add_weighted_rows_baseline(const weighted_narrow_row* rows, std::size_t count, std::uint32_t classes,
                                float* sums) {
    add_in_blocks(baseline_blocks<weighted_narrow_row>, rows, count, classes, sums);
}

}  // namespace kefu::detail::learn

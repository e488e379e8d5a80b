// exp for the softmax of fusion, written so that the compiler can vectorise
// a loop of it: glibc's expf is a call per element. Range reduction by ln 2
// (in two parts, Cody and Waite) and a degree-6 polynomial on
// [-ln2/2, ln2/2]: within 1 ulp of the exact value at every float it
// accepts (checked against double-precision exp over all of them).
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>

namespace kefu::detail {

// e^x for x <= 0; below -87 (where expf nears the smallest normal float) it
// returns e^-87 instead of a subnormal or zero. Softmax subtracts the
// largest value first, so every argument it passes is <= 0, and a class
// e^-87 times less likely than the top one rounds away in the sum anyway.
inline float exp_nonpositive(float x) {
    constexpr float log2e = 1.44269504088896341f;
    constexpr float ln2_high = 0.693359375f;
    constexpr float ln2_low = -2.12194440e-4f;
    x = std::max(-87.0f, x);  // in this order a NaN becomes -87 too: the conversion below needs a number
    // Nearest integer to x / ln 2 by truncation, which the baseline x86-64
    // instruction set vectorises (its rounding instructions came later):
    // 0.5 - x * log2e is positive, so truncation rounds it down.
    const std::int32_t k = -static_cast<std::int32_t>(0.5f - x * log2e);
    const float kf = static_cast<float>(k);
    const float r = (x - kf * ln2_high) - kf * ln2_low;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    // 2^k from its exponent bits: k >= -126 here, so 2^k is a normal float.
    return p * std::bit_cast<float>(static_cast<std::uint32_t>(k + 127) << 23);
}

}  // namespace kefu::detail

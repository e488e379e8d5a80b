#include "core/crc32.hpp"

#include <boost/crc.hpp>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define KEFU_CRC32_FOLDING 1
#define KEFU_CRC32_TARGET __attribute__((target("pclmul,sse4.1")))
#endif

namespace kefu::detail {

std::uint32_t crc32_bytewise(std::string_view data) noexcept {
    boost::crc_32_type crc;
    crc.process_bytes(data.data(), data.size());
    return crc.checksum();
}

#ifdef KEFU_CRC32_FOLDING
namespace {

// Folding by carry-less multiplication, as in "Fast CRC Computation for
// Generic Polynomials Using PCLMULQDQ Instruction" (Gopal et al., Intel,
// 2009), in its bit-reflected form. The constants are that paper's for the
// CRC-32 polynomial 0x04C11DB7: the pair that folds 512 bits ahead, the pair
// that folds 128 bits ahead, the one that folds 64 bits into 32, and the
// polynomial with its Barrett quotient.

KEFU_CRC32_TARGET __m128i load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

// `x` carried `k`'s distance ahead, plus what is there.
KEFU_CRC32_TARGET __m128i fold(__m128i x, __m128i k, __m128i there) {
    const __m128i low = _mm_clmulepi64_si128(x, k, 0x00);
    const __m128i high = _mm_clmulepi64_si128(x, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(low, high), there);
}

// The CRC register (not inverted) after `n` more bytes; n >= 64 and a
// multiple of 16.
KEFU_CRC32_TARGET std::uint32_t fold_register(std::uint32_t crc, const char* p, std::size_t n) {
    const __m128i by_512_bits = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);
    const __m128i by_128_bits = _mm_set_epi64x(0x0ccaa009e, 0x1751997d0);
    const __m128i by_32_bits = _mm_set_epi64x(0, 0x163cd6124);
    const __m128i barrett = _mm_set_epi64x(0x1f7011641, 0x1db710641);  // quotient, polynomial
    const __m128i low_32_bits = _mm_set_epi32(0, 0, 0, -1);

    // Four lanes of 128 bits run side by side, so that each multiplication's
    // latency hides behind the other three.
    __m128i x0 = _mm_xor_si128(load(p), _mm_cvtsi32_si128(static_cast<int>(crc)));
    __m128i x1 = load(p + 16), x2 = load(p + 32), x3 = load(p + 48);
    for (p += 64, n -= 64; n >= 64; p += 64, n -= 64) {
        x0 = fold(x0, by_512_bits, load(p));
        x1 = fold(x1, by_512_bits, load(p + 16));
        x2 = fold(x2, by_512_bits, load(p + 32));
        x3 = fold(x3, by_512_bits, load(p + 48));
    }
    __m128i x = fold(fold(fold(x0, by_128_bits, x1), by_128_bits, x2), by_128_bits, x3);
    for (; n >= 16; p += 16, n -= 16) x = fold(x, by_128_bits, load(p));

    // 128 bits to 64, then to 32 (which appends the 32 zero bits a CRC
    // divides by), then Barrett's reduction to the remainder.
    x = _mm_xor_si128(_mm_srli_si128(x, 8), _mm_clmulepi64_si128(by_128_bits, x, 0x01));
    x = _mm_xor_si128(_mm_srli_si128(x, 4), _mm_clmulepi64_si128(_mm_and_si128(x, low_32_bits), by_32_bits, 0x00));
    __m128i t = _mm_and_si128(_mm_clmulepi64_si128(_mm_and_si128(x, low_32_bits), barrett, 0x10), low_32_bits);
    t = _mm_clmulepi64_si128(t, barrett, 0x00);
    return static_cast<std::uint32_t>(_mm_extract_epi32(_mm_xor_si128(x, t), 1));
}

bool can_fold() noexcept {
    static const bool supported = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
    return supported;
}

}  // namespace

std::uint32_t crc32(std::string_view data) noexcept {
    // The first (size mod 16) bytes a byte at a time, then the rest folded:
    // the fold starts from the register the bytes before it left.
    const std::size_t head = data.size() % 16;
    if (!can_fold() || data.size() - head < 64) return crc32_bytewise(data);
    const std::uint32_t before = crc32_bytewise(data.substr(0, head));
    return ~fold_register(~before, data.data() + head, data.size() - head);
}
#else
std::uint32_t crc32(std::string_view data) noexcept { return crc32_bytewise(data); }
#endif

}  // namespace kefu::detail

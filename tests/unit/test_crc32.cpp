#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "core/crc32.hpp"

namespace {

using kefu::detail::crc32;
using kefu::detail::crc32_bytewise;

std::string random_bytes(std::size_t n, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    return s;
}

TEST(Crc32, GivesTheStandardCheckValue) {
    // The catalogue's check value of CRC-32/ISO-HDLC, and of nothing.
    EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
    EXPECT_EQ(crc32_bytewise("123456789"), 0xCBF43926u);
    EXPECT_EQ(crc32(""), 0u);
    // Long enough to be folded: 64 bytes of 'a' (as `zlib.crc32(b"a" * 64)`).
    EXPECT_EQ(crc32(std::string(64, 'a')), 0x89B46555u);
}

// Every length around the fold's steps (16-byte lanes, 64-byte rounds) and
// every start within 16 bytes, where unaligned loads would show.
TEST(Crc32, FoldingAgreesWithBytewiseAtEveryLengthAndAlignment) {
    const std::string bytes = random_bytes(1200, 7);
    for (std::size_t offset = 0; offset < 16; ++offset)
        for (std::size_t n = 0; n + offset <= 1100; ++n) {
            const std::string_view data = std::string_view(bytes).substr(offset, n);
            ASSERT_EQ(crc32(data), crc32_bytewise(data)) << "offset " << offset << ", length " << n;
        }
}

TEST(Crc32, FoldingAgreesOnAMegabyteAndSeesOneFlippedBit) {
    std::string bytes = random_bytes((1 << 20) + 7, 11);
    const std::uint32_t whole = crc32(bytes);
    EXPECT_EQ(whole, crc32_bytewise(bytes));
    for (std::size_t at : {std::size_t{0}, std::size_t{9}, bytes.size() / 2, bytes.size() - 1}) {
        bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
        EXPECT_NE(crc32(bytes), whole) << "bit flipped at " << at;
        EXPECT_EQ(crc32(bytes), crc32_bytewise(bytes));
        bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
    }
}

}  // namespace

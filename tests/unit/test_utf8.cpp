#include <gtest/gtest.h>

#include "core/utf8.hpp"

namespace {

using kefu::detail::utf8::decode;

struct decode_case {
    std::string bytes;
    char32_t code_point;
    std::uint32_t length;
    bool valid;
};

TEST(Utf8, DecodesEveryLengthAndRejectsIllFormedSequences) {
    const std::vector<decode_case> cases = {
        {"A", U'A', 1, true},
        {"\xC3\xA9", U'é', 2, true},
        {"\xE9\x80\x80", U'退', 3, true},
        {"\xF0\x9F\x98\xA1", U'😡', 4, true},
        {"\xEF\xBF\xBF", 0xFFFF, 3, true},
        {"\xF4\x8F\xBF\xBF", 0x10FFFF, 4, true},
        {"\x80", 0xFFFD, 1, false},               // lone continuation byte
        {"\xC0\x80", 0xFFFD, 1, false},           // overlong NUL
        {"\xC1\xBF", 0xFFFD, 1, false},           // overlong
        {"\xE0\x80\x80", 0xFFFD, 1, false},       // overlong 3-byte
        {"\xF0\x80\x80\x80", 0xFFFD, 1, false},   // overlong 4-byte
        {"\xED\xA0\x80", 0xFFFD, 1, false},       // encoded high surrogate
        {"\xED\xBF\xBF", 0xFFFD, 1, false},       // encoded low surrogate
        {"\xF4\x90\x80\x80", 0xFFFD, 1, false},   // above U+10FFFF
        {"\xF5\x80\x80\x80", 0xFFFD, 1, false},   // invalid lead byte
        {"\xFF", 0xFFFD, 1, false},
        {"\xE9\x80", 0xFFFD, 2, false},           // truncated: maximal subpart is 2 bytes
        {"\xF0\x9F\x98", 0xFFFD, 3, false},
        {"\xE9\x80" "A", 0xFFFD, 2, false},          // interrupted
    };
    for (const auto& c : cases) {
        const auto d = decode(c.bytes, 0);
        EXPECT_EQ(d.code_point, c.code_point) << testing::PrintToString(c.bytes);
        EXPECT_EQ(d.length, c.length) << testing::PrintToString(c.bytes);
        EXPECT_EQ(d.valid, c.valid) << testing::PrintToString(c.bytes);
    }
}

TEST(Utf8, EncodeDecodeRoundTripsEveryScalarValue) {
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        std::string bytes;
        kefu::detail::utf8::append(bytes, cp);
        const auto d = decode(bytes, 0);
        ASSERT_TRUE(d.valid) << std::hex << static_cast<std::uint32_t>(cp);
        ASSERT_EQ(d.code_point, cp);
        ASSERT_EQ(d.length, bytes.size());
    }
}

TEST(Utf8, IsValidReportsTheFirstBadByte) {
    std::size_t offset = 0;
    EXPECT_TRUE(kefu::detail::utf8::is_valid("退货 ok"));
    EXPECT_FALSE(kefu::detail::utf8::is_valid("退货\xFFok", &offset));
    EXPECT_EQ(offset, 6u);
}

}  // namespace

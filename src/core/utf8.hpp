// Strict UTF-8 decoding and encoding shared by every module that reads text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kefu::detail::utf8 {

inline constexpr char32_t replacement_char = 0xFFFD;

// The result of decoding one code point. `length` is the number of bytes
// consumed: for an invalid sequence it is the length of the maximal invalid
// subpart (Unicode 15, §3.9 "U+FFFD substitution of maximal subparts"), so a
// decoder that replaces each such subpart with U+FFFD agrees with ICU,
// browsers and Python.
struct decoded {
    char32_t code_point;
    std::uint32_t length;
    bool valid;
};

// Decodes the code point starting at text[pos]; pos must be < text.size().
inline decoded decode(std::string_view text, std::size_t pos) noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
    const std::size_t left = text.size() - pos;
    const unsigned char b0 = s[0];
    if (b0 < 0x80) return {b0, 1, true};
    std::uint32_t need;
    char32_t cp;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1; cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2; cp = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;        // no overlong 3-byte forms
        else if (b0 == 0xED) hi = 0x9F;   // no encoded surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3; cp = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;        // no overlong 4-byte forms
        else if (b0 == 0xF4) hi = 0x8F;   // nothing above U+10FFFF
    } else {
        return {replacement_char, 1, false};
    }
    for (std::uint32_t i = 1; i <= need; ++i) {
        if (i >= left) return {replacement_char, i, false};  // truncated
        const unsigned char b = s[i];
        const unsigned char min = (i == 1) ? lo : 0x80;
        const unsigned char max = (i == 1) ? hi : 0xBF;
        if (b < min || b > max) return {replacement_char, i, false};
        cp = (cp << 6) | (b & 0x3F);
    }
    return {cp, need + 1, true};
}

// Appends the UTF-8 form of a valid scalar value.
inline void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// The longest prefix of at most `max_bytes` bytes that does not end inside
// a multi-byte sequence: cutting valid UTF-8 there leaves valid UTF-8.
inline std::string_view prefix(std::string_view text, std::size_t max_bytes) noexcept {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

// Decodes a whole string, replacing invalid subparts with U+FFFD.
std::u32string to_u32(std::string_view text);

// Encodes a sequence of scalar values.
std::string from_u32(std::u32string_view text);

// True when the whole text is valid UTF-8; *bad_offset gets the first bad byte.
bool is_valid(std::string_view text, std::size_t* bad_offset = nullptr) noexcept;

}  // namespace kefu::detail::utf8

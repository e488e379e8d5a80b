// What every extractor reads: the normalised message as code points, with
// the character tests the grammars share, and the message's clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entity/entity.hpp"

namespace kefu::detail::entity {

// The host's clock for one message: relative times ("明天", "下周一")
// resolve against it, in its UTC offset.
struct message_clock {
    std::int64_t epoch_seconds = 0;
    std::int32_t utc_offset_minutes = 8 * 60;
};

// Normalised text as wchar_t (32-bit code points on the platforms kefu
// supports), the character type Spirit X3's wide encoding parses.
using scan_iterator = const wchar_t*;

struct scan_input {
    std::wstring_view chars;
    std::optional<message_clock> clock;

    scan_iterator at(std::size_t i) const noexcept { return chars.data() + i; }
    scan_iterator end() const noexcept { return chars.data() + chars.size(); }
    std::size_t position(scan_iterator it) const noexcept { return static_cast<std::size_t>(it - chars.data()); }
    wchar_t operator[](std::size_t i) const noexcept { return i < chars.size() ? chars[i] : L'\0'; }
    wchar_t before(std::size_t i) const noexcept { return i > 0 ? chars[i - 1] : L'\0'; }

    // True when one of `words` ends within `window` characters before `i`
    // (ignoring spaces and punctuation is not needed: windows are short).
    bool preceded_by(std::size_t i, std::initializer_list<std::wstring_view> words, std::size_t window) const noexcept;
    bool followed_by(std::size_t i, std::initializer_list<std::wstring_view> words) const noexcept;
};

inline bool is_ascii_digit(wchar_t c) noexcept { return c >= L'0' && c <= L'9'; }
inline bool is_latin_letter(wchar_t c) noexcept { return (c >= L'a' && c <= L'z') || (c >= L'A' && c <= L'Z'); }
inline bool is_alnum(wchar_t c) noexcept { return is_ascii_digit(c) || is_latin_letter(c); }
bool is_chinese_numeral(wchar_t c) noexcept;
inline bool starts_with_any(wchar_t c, std::wstring_view first_characters) noexcept {
    return first_characters.find(c) != std::wstring_view::npos;
}

// A digit or Chinese number may start at i only at the start of its run, so
// "2023" never yields "023" and "百八十" never yields "八十".
bool number_may_start(const scan_input& in, std::size_t i) noexcept;

// Each extractor appends the candidates that start at one position; the
// resolver then keeps the longest, most specific, non-overlapping ones.
using candidates = std::vector<entity>;

// Records a candidate over characters [begin, end).
entity& add_candidate(candidates& out, entity_type type, std::size_t begin, std::size_t end);

}  // namespace kefu::detail::entity

namespace kefu::detail::entity {
std::string to_utf8(std::wstring_view chars);

// ASCII with a-z upper-cased, other characters dropped: ids and sizes ("sf…" → "SF…").
std::string upper_ascii(std::wstring_view chars);
}

// Access to the generated character tables (see tools/tablegen).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/char_class.hpp"

namespace kefu::detail::text::tables {
extern const std::uint16_t stage1[];
extern const std::uint32_t stage2[];
extern const char32_t pool[];
extern const char32_t emoji_code_points[];
extern const std::size_t emoji_code_points_size;
extern const std::uint8_t emoji_tokens[];
extern const char32_t emoticon_keys[];
extern const std::uint32_t emoticon_starts[];
extern const std::uint8_t emoticon_tokens[];
extern const std::size_t emoticon_tokens_size;
extern const std::uint16_t pinyin_syllable[];
extern const std::uint32_t pinyin_hash[];
}  // namespace kefu::detail::text::tables

namespace kefu::detail::text {

// The table entry of a scalar value (cp <= U+10FFFF).
inline std::uint32_t lookup(char32_t cp) noexcept {
    return tables::stage2[(static_cast<std::size_t>(tables::stage1[cp >> 8]) << 8) | (cp & 0xFF)];
}

inline char_class class_of_entry(std::uint32_t e) noexcept {
    return static_cast<char_class>(e & entry::class_mask);
}

inline char_class class_of(char32_t cp) noexcept {
    if (is_token(cp)) return char_class::emoji;
    return cp <= 0x10FFFF ? class_of_entry(lookup(cp)) : char_class::other;
}

// What a code point maps to under NFKC_Casefold + Traditional-to-Simplified;
// empty view = maps to itself.
inline std::u32string_view mapping_of_entry(std::uint32_t e) noexcept {
    const std::uint32_t offset = e >> entry::mapping_shift;
    if (offset == 0) return {};
    return {tables::pool + offset + 1, static_cast<std::size_t>(tables::pool[offset])};
}

// The hash of a Han character's toneless pinyin ("货" and "或" both "huo"),
// or 0 when the tables give it none. Same-sounding characters share it, which
// is what input-method typos keep.
inline std::uint32_t pinyin_hash_of(char32_t cp) noexcept {
    if (cp < pinyin_first || cp >= pinyin_end) return 0;
    return tables::pinyin_hash[tables::pinyin_syllable[cp - pinyin_first]];
}

inline bool maps_to_itself(std::uint32_t e) noexcept { return (e >> entry::mapping_shift) == 0; }

// The token for an emoji base code point ("emoji" when it has none of its own).
char32_t emoji_token(char32_t cp) noexcept;

// The token for the normalised inner text of a platform emoticon code such as
// "[微笑]", or 0 when the text is not a known code.
char32_t emoticon_token(std::u32string_view inner) noexcept;

}  // namespace kefu::detail::text

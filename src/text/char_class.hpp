// Character classes and emoji tokens: the vocabulary shared by the build-time
// table generator and the run-time normaliser, so the two cannot drift apart.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace kefu::detail::text {

// The class of a normalised character, as later stages need it (squeezing,
// features, entity grammars). Stored in 4 bits of a table entry.
enum class char_class : std::uint8_t {
    other = 0,
    space = 1,    // white space and control characters (NUL included)
    latin = 2,    // a-z after case folding, and other Latin letters
    digit = 3,    // 0-9 after NFKC
    han = 4,      // CJK ideographs
    kana = 5,
    hangul = 6,
    letter = 7,   // letters of other scripts
    punct = 8,
    symbol = 9,
    emoji = 10,   // an emoji or emoticon token
    mark = 11,    // combining marks left after composition
};

// The code points with a toneless pinyin syllable in the generated tables:
// CJK Extension A and the Unified Ideographs, where normalised Chinese lives.
inline constexpr char32_t pinyin_first = 0x3400;
inline constexpr char32_t pinyin_end = 0xA000;

// Stable tokens. A token is one normalised character, U+F0000 + its index
// here; its text form is "[:name:]". The order is part of the model format
// (trained features hash these code points), so names are only ever
// appended. Emoji and emoticon codes come first; from `link` on, the tokens
// stand for things that are not text: a web link, a platform's placeholder
// for a picture, a sticker, a voice message ("[图片]"), or what anonymised
// logs left of personal data.
inline constexpr std::array<std::string_view, 60> emoji_token_names = {
    "emoji",  // an emoji kefu has no specific token for
    "smile", "laugh", "love", "kiss", "shy", "cool", "proud", "cry", "sad",
    "angry", "curse", "shock", "fear", "doubt", "awkward", "sweat", "tired",
    "sleepy", "sick", "speechless", "disdain", "pity", "plead", "thanks", "ok",
    "thumbs_up", "thumbs_down", "clap", "cheer", "hug", "bye", "heart",
    "broken_heart", "rose", "gift", "money", "parcel", "hurry", "silly",
    "link", "image", "video", "voice", "sticker", "file",
    // What anonymised chat logs put in place of personal data ("[电话x]"):
    // see text/placeholders.hpp.
    "number", "amount", "date", "time", "order_number", "tracking_number",
    "phone", "address", "name", "email", "account", "place", "organization",
};
inline constexpr std::size_t first_placeholder_token = 40;  // "link"
static_assert(emoji_token_names[first_placeholder_token] == "link");

inline constexpr char32_t token_base = 0xF0000;
inline constexpr char32_t link_token = token_base + first_placeholder_token;
inline constexpr char32_t token_limit = 0xF0100;  // input in this range is replaced

constexpr bool is_token(char32_t cp) noexcept { return cp >= token_base && cp < token_limit; }

// A token for content that is not text (a link, a picture), not an emoji.
constexpr bool is_placeholder_token(char32_t cp) noexcept {
    return cp >= token_base + first_placeholder_token && cp < token_base + emoji_token_names.size();
}

constexpr char32_t token_code_point(std::size_t index) noexcept {
    return token_base + static_cast<char32_t>(index);
}

// Index of a token name, or -1.
constexpr int token_index(std::string_view name) noexcept {
    for (std::size_t i = 0; i < emoji_token_names.size(); ++i)
        if (emoji_token_names[i] == name) return static_cast<int>(i);
    return -1;
}

// Layout of one 32-bit table entry.
namespace entry {
inline constexpr std::uint32_t class_mask = 0x0F;
inline constexpr std::uint32_t slow_flag = 0x10;  // needs canonical composition context
inline constexpr unsigned mapping_shift = 8;     // pool offset; 0 = maps to itself
}  // namespace entry

}  // namespace kefu::detail::text

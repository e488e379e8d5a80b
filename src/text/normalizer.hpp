// The text normaliser: one linear pass from the caller's UTF-8 bytes to the
// canonical text every later stage reads, with a map back to the bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/char_class.hpp"

namespace kefu::detail::text {

// One character of normalised text.
struct unit {
    char32_t cp;                 // normalised code point (tokens: U+F0000..)
    std::uint32_t source_begin;  // byte range in the original text
    std::uint32_t source_end;
    std::uint32_t repeat;        // identical original characters folded into it
    char_class cls;
};

enum class invalid_utf8_policy : std::uint8_t { replace, reject };

struct normalize_options {
    invalid_utf8_policy invalid_utf8 = invalid_utf8_policy::replace;
    std::size_t max_length = 4u * 1024u * 1024u;
    // Whether to write the UTF-8 rendering (normalized::text, text_starts).
    // Classification, entities, mood and training read only the units, and
    // rendering was about a twenty-eighth of classifying a chat message.
    bool render = true;
};

// `options` without the rendering: what classifying, extracting entities,
// mood and training need.
inline normalize_options units_only(normalize_options options = {}) {
    options.render = false;
    return options;
}

inline constexpr std::size_t max_length_limit = std::size_t{1} << 30;

enum class normalize_status : std::uint8_t { ok, invalid_utf8, too_long };

// The item id a web link names ("item.htm?id=709484258177"), found before
// the link became one token: the entity extractor reports it for the token
// that starts at the same byte.
struct link_item {
    std::uint32_t source_begin;  // the link's first byte in the original text
    std::string id;              // digits
};

// A normalised text. Reuse one object across calls to avoid allocation on
// the hot path: normalize() clears it but keeps its capacity.
struct normalized {
    std::vector<unit> units;
    std::vector<link_item> link_items;      // of the links that name an item
    std::string text;                       // UTF-8 rendering of units (empty unless the options render)
    std::vector<std::uint32_t> text_starts; // byte offset of each unit in text, plus the end (likewise)
    std::uint32_t max_run = 0;              // longest run of one character in the input
    std::size_t error_offset = 0;           // first invalid byte when status is invalid_utf8

    std::size_t size() const noexcept { return units.size(); }
    std::u32string code_points() const;
    void clear() noexcept;
};

// Normalises `input` into `out`. Thread-safe (the tables are immutable).
normalize_status normalize(std::string_view input, const normalize_options& options, normalized& out);

// Convenience for tests and tools: the normalised text, invalid UTF-8 replaced.
std::string normalize_to_string(std::string_view input);

// The form in which rule literals are matched: normalised, spaces removed,
// and squeezed again after concatenation (so "(谢)(谢谢)" reads as "谢谢").
std::u32string canonical_pattern(std::u32string_view normalised_code_points);

// Normalises rule text (a literal) to its matching form.
std::u32string pattern_code_points(std::string_view literal_text);

// The text form of a token code point, e.g. "[:angry:]".
std::string_view token_text(char32_t token) noexcept;

}  // namespace kefu::detail::text

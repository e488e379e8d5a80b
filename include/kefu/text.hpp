// Text normalisation: the canonical form every later stage reads, with a map
// from each normalised character back to the caller's bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/detail/c_handle.hpp"

namespace kefu {
inline namespace v1 {

enum class invalid_utf8 { replace = KEFU_INVALID_UTF8_REPLACE, reject = KEFU_INVALID_UTF8_REJECT };

struct normalize_options {
    // What to do with bytes that are not UTF-8: replace each maximal invalid
    // subsequence with U+FFFD (default), or fail with KEFU_EUTF8.
    kefu::invalid_utf8 invalid_utf8 = kefu::invalid_utf8::replace;
    // Longest accepted input in bytes; 0 = the library default (4 MiB).
    std::size_t max_length = 0;
};

// One character of normalised text and where it came from.
struct char_info {
    char32_t code_point;       // tokens for emoji/emoticons are in U+F0000..U+F00FF
    std::uint32_t repeat;      // identical input characters it stands for
    std::size_t text_start;    // byte range in normalized_text::text
    std::size_t text_end;
    std::size_t source_start;  // byte range in the original input
    std::size_t source_end;
};

struct normalized_text {
    std::string text;
    std::vector<char_info> chars;
};

namespace detail {
inline kefu_normalize_options to_c(const normalize_options& options) {
    kefu_normalize_options c;
    check(kefu_normalize_options_init(&c, KEFU_NORMALIZE_OPTIONS_VERSION));
    c.invalid_utf8 = static_cast<int32_t>(options.invalid_utf8);
    c.max_length = options.max_length;
    return c;
}
}  // namespace detail

// Normalises UTF-8 text (see kefu_normalize). Throws kefu::error on invalid
// UTF-8 with invalid_utf8::reject, or on text above max_length. Thread-safe.
inline normalized_text normalize(std::string_view text, const normalize_options& options = {}) {
    const kefu_normalize_options c_options = detail::to_c(options);
    kefu_normalized* raw = nullptr;
    detail::check(kefu_normalize(&raw, text.data(), text.size(), &c_options));
    detail::c_handle<kefu_normalized, kefu_normalized_free> result(raw);
    normalized_text out;
    std::size_t len = 0;
    const char* data = kefu_normalized_text(raw, &len);
    out.text.assign(data, len);
    const std::size_t count = kefu_normalized_char_count(raw);
    out.chars.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        kefu_char_info c;
        detail::check(kefu_normalized_char(&c, raw, i));
        out.chars.push_back({c.codepoint, c.repeat, c.text_start, c.text_end, c.source_start, c.source_end});
    }
    return out;
}

// The JSON twin of normalize().
inline std::string normalize_json(std::string_view text, const normalize_options& options = {}) {
    const kefu_normalize_options c_options = detail::to_c(options);
    kefu_string* out = nullptr;
    detail::check(kefu_normalize_json(&out, text.data(), text.size(), &c_options));
    return detail::take_string(out);
}

}  // namespace v1
}  // namespace kefu

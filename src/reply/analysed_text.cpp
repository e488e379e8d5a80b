#include "reply/analysed_text.hpp"

#include <algorithm>
#include <limits>

#include "core/utf8.hpp"

namespace kefu::detail::reply {
namespace {

using text::char_class;

bool is_content_class(char_class cls) noexcept {
    switch (cls) {
        case char_class::han: case char_class::latin: case char_class::digit:
        case char_class::kana: case char_class::hangul: case char_class::letter:
            return true;
        default:
            return false;
    }
}

// Clause punctuation after normalisation (full-width forms are already
// half-width; the ideographic full stop has no half-width form).
bool is_clause_punctuation(char32_t cp) noexcept {
    switch (cp) {
        case U',': case U'.': case U'!': case U'?': case U';': case U':':
        case U'~': case U'。':
            return true;
        default:
            return false;
    }
}

std::uint32_t clamp_to_u32(std::size_t n) noexcept {
    return static_cast<std::uint32_t>(std::min<std::size_t>(n, std::numeric_limits<std::uint32_t>::max()));
}

}  // namespace

analysed_text::analysed_text(std::string_view original) : original_(original) {
    text::normalize_options options;
    options.max_length = text::max_length_limit;  // callers' replies may be long; the work stays linear
    normalised_ = text::normalize(original, options, normalized_) == text::normalize_status::ok;
    if (!normalised_) normalized_.clear();
    code_points_.reserve(normalized_.units.size());
    for (const text::unit& u : normalized_.units) {
        code_points_.push_back(u.cp);
        if (is_content_class(u.cls)) ++content_length_;
    }
    find_clauses();
}

bool analysed_text::is_content(std::uint32_t unit) const noexcept {
    return unit < normalized_.units.size() && is_content_class(normalized_.units[unit].cls);
}

bool analysed_text::is_digit(std::uint32_t unit) const noexcept { return class_of(unit) == char_class::digit; }

text::char_class analysed_text::class_of(std::uint32_t unit) const noexcept {
    return unit < normalized_.units.size() ? normalized_.units[unit].cls : char_class::other;
}

// A full stop after a digit is a decimal point ("1.5kg") or a list number
// ("1. 面料…"), not the end of a clause; a space after a list number neither.
bool analysed_text::separates_clauses(std::uint32_t unit) const noexcept {
    const char32_t cp = code_points_[unit];
    const bool after_list_number = unit >= 2 && code_points_[unit - 1] == U'.' && is_digit(unit - 2);
    if (normalized_.units[unit].cls == char_class::space) return !after_list_number;
    if (!is_clause_punctuation(cp)) return false;
    return !(cp == U'.' && unit > 0 && is_digit(unit - 1));
}

void analysed_text::find_clauses() {
    std::uint32_t begin = 0;
    bool has_content = false;
    const auto close = [&](std::uint32_t end, char32_t terminator) {
        if (has_content) clauses_.push_back({{begin, end}, terminator});
        has_content = false;
    };
    for (std::uint32_t i = 0; i < size(); ++i) {
        if (separates_clauses(i)) {
            close(i, code_points_[i]);
            begin = i + 1;
        } else {
            has_content |= is_content(i);
        }
    }
    close(size(), 0);
}

byte_span analysed_text::bytes_of(unit_range range) const noexcept {
    if (range.empty() || range.end > size()) {
        const std::uint32_t at = range.begin < size() ? normalized_.units[range.begin].source_begin
                                                      : clamp_to_u32(original_.size());
        return {at, at};
    }
    return {normalized_.units[range.begin].source_begin, normalized_.units[range.end - 1].source_end};
}

byte_span analysed_text::whole() const noexcept { return {0, clamp_to_u32(original_.size())}; }

std::string_view analysed_text::original_of(unit_range range) const noexcept {
    const byte_span span = bytes_of(range);
    return original_.substr(span.start, span.end - span.start);
}

std::string analysed_text::normalised_text(unit_range range) const {
    std::string out;
    for (std::uint32_t i = range.begin; i < range.end && i < size(); ++i) {
        if (text::is_token(code_points_[i])) out.append(text::token_text(code_points_[i]));
        else utf8::append(out, code_points_[i]);
    }
    return out;
}

std::size_t analysed_text::clause_of(std::uint32_t unit) const noexcept {
    const auto after = std::upper_bound(clauses_.begin(), clauses_.end(), unit,
                                        [](std::uint32_t u, const clause& c) { return u < c.range.begin; });
    if (after == clauses_.begin()) return clauses_.size();
    const auto index = static_cast<std::size_t>(after - clauses_.begin()) - 1;
    return unit < clauses_[index].range.end ? index : clauses_.size();
}

std::u32string analysed_text::content_of(unit_range range) const {
    std::u32string out;
    for (std::uint32_t i = range.begin; i < range.end && i < size(); ++i)
        if (is_content(i)) out.push_back(code_points_[i]);
    return out;
}

}  // namespace kefu::detail::reply

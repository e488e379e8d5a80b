// A reply or customer message normalised once for every rule: the code
// points the rules search (Traditional folded to Simplified, full-width to
// half-width, repeats squeezed), its clauses, and the map back to the bytes
// the caller gave, so that every span a rule reports is exact.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalizer.hpp"

namespace kefu::detail::reply {

// A half-open range of normalised characters.
struct unit_range {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;

    bool empty() const noexcept { return begin >= end; }
    std::uint32_t size() const noexcept { return empty() ? 0 : end - begin; }
};

// A half-open range of bytes of the original text.
struct byte_span {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
};

// A run of text between clause punctuation (，。！？；： ~ and spaces) that
// holds at least one letter, digit or ideograph.
struct clause {
    unit_range range;
    char32_t terminator = 0;  // the punctuation that ends it (normalised), 0 at the end of the text
};

class analysed_text {
public:
    explicit analysed_text(std::string_view original);

    // False when the text is over the normaliser's hard limit; it then reads as empty.
    bool normalised() const noexcept { return normalised_; }

    std::string_view original() const noexcept { return original_; }
    std::u32string_view code_points() const noexcept { return code_points_; }
    std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(code_points_.size()); }
    unit_range all() const noexcept { return {0, size()}; }

    const std::vector<clause>& clauses() const noexcept { return clauses_; }

    // Letters, digits and ideographs: what a reader counts as the length.
    std::size_t content_length() const noexcept { return content_length_; }
    bool has_content() const noexcept { return content_length_ > 0; }
    bool is_content(std::uint32_t unit) const noexcept;
    bool is_digit(std::uint32_t unit) const noexcept;
    text::char_class class_of(std::uint32_t unit) const noexcept;

    // The bytes of the original text that a range of characters came from.
    byte_span bytes_of(unit_range range) const noexcept;
    byte_span whole() const noexcept;
    std::string_view original_of(unit_range range) const noexcept;

    // The normalised text of a range, as UTF-8 (always valid).
    std::string normalised_text(unit_range range) const;

    // The index of the clause holding a character, or clauses().size().
    std::size_t clause_of(std::uint32_t unit) const noexcept;

    // The content characters of a range (no punctuation, emoji or spaces).
    std::u32string content_of(unit_range range) const;

private:
    void find_clauses();
    bool separates_clauses(std::uint32_t unit) const noexcept;

    std::string_view original_;
    text::normalized normalized_;
    std::u32string code_points_;
    std::vector<clause> clauses_;
    std::size_t content_length_ = 0;
    bool normalised_ = true;
};

}  // namespace kefu::detail::reply

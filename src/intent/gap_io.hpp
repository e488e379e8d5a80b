// How a gap is stored in a model file. Format 6 added the character class
// after the bounds; a file without class gaps is still written as format 5,
// so that an older kefu reads it, and one with them as format 6, which an
// older kefu refuses instead of matching its rules wrongly.
#pragma once

#include <cstddef>
#include <cstdint>

#include "intent/rule_set.hpp"
#include "model/binary.hpp"

namespace kefu::detail::intent {

inline constexpr std::uint32_t first_format_with_gap_classes = 6;

// The oldest model format that can hold these rules' gaps.
std::uint32_t format_for_gaps(const rule_set& rules) noexcept;

void write_gap(model::writer& w, gap_range gap, std::uint32_t format);
gap_range read_gap(model::reader& r, std::uint32_t format);

// Bytes a stored gap takes in a format.
constexpr std::size_t stored_gap_bytes(std::uint32_t format) noexcept {
    return format >= first_format_with_gap_classes ? 3 : 2;
}

// Checks a gap's class as read from a file of `format`.
void check_gap_class(gap_range gap, std::uint32_t format);

}  // namespace kefu::detail::intent

// Building suggested rewrites from the agent's own words: the original bytes
// with a span replaced, a clause dropped, or only the leading clauses kept.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "reply/analysed_text.hpp"

namespace kefu::detail::reply {

struct replacement {
    unit_range range;
    std::string_view text;
};

// The original text with each range replaced (ranges in order, not overlapping).
std::string rewritten(const analysed_text& text, const std::vector<replacement>& replacements);

// The original text up to the end of its last clause (trailing punctuation,
// emoji and spaces dropped), ready for something to be appended.
std::string_view through_last_clause(const analysed_text& text);

// The original text of the chosen clauses (indices in order), joined with "，".
std::string joined_clauses(const analysed_text& text, const std::vector<std::size_t>& indices);

// Every clause index but `skip`.
std::vector<std::size_t> clauses_except(const analysed_text& text, std::size_t skip);

// "“…”" with the text quoted the Chinese way.
std::string quoted(std::string_view text);

}  // namespace kefu::detail::reply

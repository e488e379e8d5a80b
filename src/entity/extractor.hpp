// Entity extraction over one normalised message.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "entity/entity.hpp"
#include "entity/scan.hpp"
#include "text/normalizer.hpp"

namespace kefu::detail::entity {

// Per-thread working memory, reused across messages.
struct extract_scratch {
    std::wstring chars;
    candidates found;
};

// Appends to `out` the entities of `text` in order of position. Overlaps are
// resolved deterministically: the longest match wins, then the more specific
// type (a discount over the money inside it), then the earlier one. Without
// a clock, times are found but not resolved to dates.
void extract(const text::normalized& text, const std::optional<message_clock>& clock, extract_scratch& scratch,
             std::vector<entity>& out);

}  // namespace kefu::detail::entity

// Multi-wish messages for training. Customers often send an acknowledgement,
// a greeting or a bare fact together with a question in one message
// ("好的，能便宜点吗"); the primary intent is the part that needs an answer
// (the intent contract). Training sentences are mostly written one wish at a
// time, so a model fitted on them alone loses confidence on such messages
// and sends many to out-of-scope. Composed examples join a short message of
// a "lead" intent (one needing no answer of its own) to a message of
// another intent, labelled with the latter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace kefu::detail::model {

// Lead examples longer than this many characters are not composed: long
// acknowledgements are rare in real chats.
inline constexpr std::size_t max_lead_characters = 12;

// Lead labels from a comma-separated list ("greeting,thanks,affirm");
// empty items are skipped.
std::vector<std::string> parse_lead_labels(std::string_view list);

// Composed examples from data[indices], options.ratio per index (rounded
// down): a lead example and an example of another label, excluding the
// out-of-scope label, joined by a separator, the lead first four times in
// five. None when the ratio is 0, no lead label occurs, or no other label
// does. Deterministic for a seed.
std::vector<labelled_text> compose_examples(const std::vector<labelled_text>& data,
                                            const std::vector<std::size_t>& indices,
                                            const composition_options& options,
                                            const std::string& out_of_scope_label, std::uint64_t seed);

}  // namespace kefu::detail::model

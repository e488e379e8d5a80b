// Simplified and Traditional script for replies: a customer who writes in
// Traditional script gets Traditional replies.
#pragma once

#include <string>
#include <string_view>

namespace kefu::detail::reply {

// True when the text has Traditional-only characters (ICU's
// Traditional-to-Simplified mapping changes it).
bool looks_traditional(std::string_view utf8);

// The text in Traditional script (ICU's Simplified-Traditional transform).
std::string to_traditional(std::string_view utf8);

}  // namespace kefu::detail::reply

// Placeholders of anonymised chat logs.
//
// Shops and CRM systems often mask personal data before chat logs leave
// them: "[姓名x]", "[电话x]", "[订单号x]", "[数字x]", "[ORDERID_10187709]".
// Read as text, such a mask is letters and Han characters that say
// something else ("数字" is the word "number"), and the digits it replaced
// are gone. The normaliser turns each into one placeholder token
// ("[:phone:]"), the learned model reads a mask of digits as the digits it
// stands for, and the entity extractor reports a masked identifier or
// amount without a value.
#pragma once

#include <cstddef>
#include <string_view>

namespace kefu::detail::text {

// The longest text between the brackets of a placeholder.
inline constexpr std::size_t max_placeholder_length = 32;

// The token of a placeholder whose text between '[' and ']' is `inner`
// (normalised: case-folded, Simplified), or 0 when it is none. A
// placeholder is a known name ("电话", "orderid") followed by nothing, by
// "x", by digits, or by '_' and letters or digits.
char32_t placeholder_token(std::u32string_view inner) noexcept;

// How many digits the masked text of a placeholder token is taken to have,
// for models that read digit runs by their length: an order number 18, a
// phone number 11, a number or an amount 2; 0 for a token that stands for
// no digits (a name, an address) or is no placeholder.
std::size_t masked_digits(char32_t token) noexcept;

}  // namespace kefu::detail::text

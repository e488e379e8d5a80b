// Web links in customer messages. A pasted item link ("https://m.tb.cn/h.5jWp")
// is dozens of characters that say nothing about what the customer wants, but
// read as text they outweigh the few words beside it. The normaliser turns
// each link into one `[:link:]` token.
#pragma once

#include <vector>

#include "text/normalizer.hpp"

namespace kefu::detail::text {

// Replaces each link in `units` (mapped and case-folded characters) with one
// link token covering the link's bytes. A link is:
//   - a scheme, "http://" or "https://", and what follows it;
//   - "www." and a host name;
//   - a host name with a dot and a top-level domain of 2-6 letters, followed
//     by a '/' ("m.tb.cn/h.5jWp", "3.cn/9-szVC0E").
// It runs over the characters a URL may hold and does not start inside a word;
// punctuation it ends with ("看这个 https://x.cn/a。") stays outside it.
// The item id of each link that names one is appended to `items`: a query
// parameter id, item_id, itemid or goods_id ("item.htm?id=709484258177"),
// or a path ending in digits and ".html" ("item.jd.com/100012043978.html").
void replace_links(std::vector<unit>& units, std::vector<link_item>& items);

// Whether `cp` may be part of a link: the cheap test that decides whether a
// message needs the scan at all.
constexpr bool may_mark_link(char32_t cp) noexcept { return cp == U'/' || cp == U'.' || cp == U'／' || cp == U'．'; }

}  // namespace kefu::detail::text

#include "text/tables.hpp"

#include <algorithm>

namespace kefu::detail::text {

char32_t emoji_token(char32_t cp) noexcept {
    const char32_t* first = tables::emoji_code_points;
    const char32_t* last = first + tables::emoji_code_points_size;
    const char32_t* it = std::lower_bound(first, last, cp);
    if (it == last || *it != cp) return token_code_point(0);
    return token_code_point(tables::emoji_tokens[it - first]);
}

char32_t emoticon_token(std::u32string_view inner) noexcept {
    auto key_at = [](std::size_t i) {
        return std::u32string_view(tables::emoticon_keys + tables::emoticon_starts[i],
                                   tables::emoticon_starts[i + 1] - tables::emoticon_starts[i]);
    };
    std::size_t lo = 0, hi = tables::emoticon_tokens_size;
    while (lo < hi) {  // keys are sorted by code point sequence (std::map order)
        const std::size_t mid = lo + (hi - lo) / 2;
        if (key_at(mid) < inner) lo = mid + 1;
        else hi = mid;
    }
    if (lo < tables::emoticon_tokens_size && key_at(lo) == inner)
        return token_code_point(tables::emoticon_tokens[lo]);
    return 0;
}

}  // namespace kefu::detail::text

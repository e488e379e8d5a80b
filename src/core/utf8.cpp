#include "core/utf8.hpp"

namespace kefu::detail::utf8 {

std::u32string to_u32(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const decoded d = decode(text, pos);
        out.push_back(d.code_point);
        pos += d.length;
    }
    return out;
}

std::string from_u32(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char32_t cp : text) append(out, cp);
    return out;
}

bool is_valid(std::string_view text, std::size_t* bad_offset) noexcept {
    for (std::size_t pos = 0; pos < text.size();) {
        const decoded d = decode(text, pos);
        if (!d.valid) {
            if (bad_offset) *bad_offset = pos;
            return false;
        }
        pos += d.length;
    }
    return true;
}

}  // namespace kefu::detail::utf8

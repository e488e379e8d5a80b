#include "entity/scan.hpp"

namespace kefu::detail::entity {

bool scan_input::preceded_by(std::size_t i, std::initializer_list<std::wstring_view> words,
                             std::size_t window) const noexcept {
    const std::wstring_view head = chars.substr(0, i);
    for (std::size_t back = 0; back <= window && back <= head.size(); ++back) {
        const std::wstring_view upto = head.substr(0, head.size() - back);
        for (std::wstring_view word : words)
            if (upto.ends_with(word)) return true;
    }
    return false;
}

bool scan_input::followed_by(std::size_t i, std::initializer_list<std::wstring_view> words) const noexcept {
    const std::wstring_view tail = i <= chars.size() ? chars.substr(i) : std::wstring_view{};
    for (std::wstring_view word : words)
        if (tail.starts_with(word)) return true;
    return false;
}

bool is_chinese_numeral(wchar_t c) noexcept {
    switch (c) {
        case L'零': case L'〇': case L'一': case L'二': case L'两': case L'俩': case L'三': case L'四':
        case L'五': case L'六': case L'七': case L'八': case L'九': case L'十': case L'百': case L'千':
        case L'万': case L'亿': case L'壹': case L'贰': case L'叁': case L'肆': case L'伍': case L'陆':
        case L'柒': case L'捌': case L'玖': case L'拾': case L'佰': case L'仟':
            return true;
        default:
            return false;
    }
}

bool number_may_start(const scan_input& in, std::size_t i) noexcept {
    const wchar_t c = in[i];
    const wchar_t prev = in.before(i);
    if (is_ascii_digit(c)) return !is_ascii_digit(prev) && !is_latin_letter(prev) && prev != L'.';
    if (is_chinese_numeral(c)) {
        // "一块五一个": the 五 closes the price, so a new number starts after it.
        const wchar_t before_prev = i >= 2 ? in[i - 2] : L'\0';
        const bool after_dimes = before_prev == L'块' || before_prev == L'元' || before_prev == L'毛' || before_prev == L'角';
        return !is_chinese_numeral(prev) || after_dimes;
    }
    return false;
}

entity& add_candidate(candidates& out, entity_type type, std::size_t begin, std::size_t end) {
    entity& e = out.emplace_back();
    e.type = type;
    e.begin = static_cast<std::uint32_t>(begin);
    e.end = static_cast<std::uint32_t>(end);
    return e;
}

}  // namespace kefu::detail::entity

#include "core/utf8.hpp"

namespace kefu::detail::entity {
std::string to_utf8(std::wstring_view chars) {
    std::string out;
    for (wchar_t c : chars) utf8::append(out, static_cast<char32_t>(c));
    return out;
}

std::string upper_ascii(std::wstring_view chars) {
    std::string out;
    for (wchar_t c : chars) {
        if (c >= L'a' && c <= L'z') out.push_back(static_cast<char>(c - 32));
        else if (c < 0x80) out.push_back(static_cast<char>(c));
    }
    return out;
}
}  // namespace kefu::detail::entity

#include "text/links.hpp"

#include <string_view>

namespace kefu::detail::text {
namespace {

bool is_ascii_letter(char32_t c) { return c >= U'a' && c <= U'z'; }  // the text is case-folded
bool is_ascii_alnum(char32_t c) { return is_ascii_letter(c) || (c >= U'0' && c <= U'9'); }
bool is_label_char(char32_t c) { return is_ascii_alnum(c) || c == U'-'; }

// RFC 3986's unreserved and reserved characters and '%', without the square
// brackets: platform codes such as "[图片]" often follow a link directly.
bool is_link_char(char32_t c) {
    static constexpr std::u32string_view marks = U"-._~:/?#@!$&'()*+,;=%";
    return is_ascii_alnum(c) || marks.find(c) != std::u32string_view::npos;
}

// Sentence punctuation that ends a link rather than belonging to it.
bool is_trailing_punctuation(char32_t c) {
    static constexpr std::u32string_view marks = U".,!?:;'()";
    return marks.find(c) != std::u32string_view::npos;
}

bool starts_with(const std::vector<unit>& units, std::size_t at, std::u32string_view prefix) {
    if (units.size() - at < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (units[at + i].cp != prefix[i]) return false;
    return true;
}

// The end of a host name "label.label...tld" starting at `at`, followed by
// '/', or `at` when there is none.
std::size_t host_with_path(const std::vector<unit>& units, std::size_t at) {
    std::size_t pos = at, labels = 0, last_label_begin = at;
    while (true) {
        const std::size_t begin = pos;
        while (pos < units.size() && is_label_char(units[pos].cp)) ++pos;
        if (pos == begin) return at;
        ++labels;
        last_label_begin = begin;
        if (pos < units.size() && units[pos].cp == U'.') {
            ++pos;
            continue;
        }
        break;
    }
    const std::size_t tld = pos - last_label_begin;
    if (labels < 2 || tld < 2 || tld > 6 || pos >= units.size() || units[pos].cp != U'/') return at;
    for (std::size_t i = last_label_begin; i < pos; ++i)
        if (!is_ascii_letter(units[i].cp)) return at;
    return pos;
}

// The end of the link starting at `at`, or `at` when none starts there.
std::size_t link_end(const std::vector<unit>& units, std::size_t at) {
    if (at > 0 && is_link_char(units[at - 1].cp) && units[at - 1].cp != U'(') return at;  // inside a word
    std::size_t pos = at;
    if (starts_with(units, at, U"https://")) pos = at + 8;
    else if (starts_with(units, at, U"http://")) pos = at + 7;
    else if (starts_with(units, at, U"www.") && at + 4 < units.size() && is_label_char(units[at + 4].cp)) pos = at + 4;
    else pos = host_with_path(units, at);
    if (pos == at) return at;
    while (pos < units.size() && is_link_char(units[pos].cp)) ++pos;
    while (pos > at && is_trailing_punctuation(units[pos - 1].cp)) --pos;
    return pos;
}

// Item ids are 6 to 20 digits: shorter numbers in links are pages and sizes.
constexpr std::size_t min_item_id = 6, max_item_id = 20;

// The digits from `at` in [at, end), when there are 6 to 20 of them.
std::string digits_at(const std::vector<unit>& units, std::size_t at, std::size_t end) {
    std::string id;
    for (; at < end && id.size() <= max_item_id && units[at].cp >= U'0' && units[at].cp <= U'9'; ++at)
        id.push_back(static_cast<char>(units[at].cp));
    return id.size() >= min_item_id && id.size() <= max_item_id ? id : std::string();
}

// The item id of the link units[begin, end), or "".
std::string item_id_of(const std::vector<unit>& units, std::size_t begin, std::size_t end) {
    static constexpr std::u32string_view parameters[] = {U"id=", U"item_id=", U"itemid=", U"goods_id="};
    for (std::size_t i = begin + 1; i < end; ++i) {
        const char32_t c = units[i - 1].cp;
        if (c == U'?' || c == U'&') {
            for (std::u32string_view p : parameters)
                if (starts_with(units, i, p))
                    if (std::string id = digits_at(units, i + p.size(), end); !id.empty()) return id;
        } else if (c == U'/' && units[i].cp >= U'0' && units[i].cp <= U'9') {
            std::string id = digits_at(units, i, end);
            if (!id.empty() && starts_with(units, i + id.size(), U".html")) return id;
        }
    }
    return {};
}

}  // namespace

void replace_links(std::vector<unit>& units, std::vector<link_item>& items) {
    std::size_t write = 0;
    for (std::size_t read = 0; read < units.size();) {
        if (is_ascii_alnum(units[read].cp)) {
            if (const std::size_t end = link_end(units, read); end > read) {
                if (std::string id = item_id_of(units, read, end); !id.empty())
                    items.push_back({units[read].source_begin, std::move(id)});
                units[write++] = {link_token, units[read].source_begin, units[end - 1].source_end, 1, char_class::emoji};
                read = end;
                continue;
            }
        }
        units[write++] = units[read++];
    }
    units.resize(write);
}

}  // namespace kefu::detail::text

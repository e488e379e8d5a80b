#include "entity/numerals.hpp"

#include <cmath>

namespace kefu::detail::entity {
namespace {

int digit_value(wchar_t c) noexcept {
    switch (c) {
        case L'零': case L'〇': return 0;
        case L'一': case L'壹': return 1;
        case L'二': case L'两': case L'俩': case L'贰': return 2;
        case L'三': case L'叁': return 3;
        case L'四': case L'肆': return 4;
        case L'五': case L'伍': return 5;
        case L'六': case L'陆': return 6;
        case L'七': case L'柒': return 7;
        case L'八': case L'捌': return 8;
        case L'九': case L'玖': return 9;
        default: return -1;
    }
}

double unit_value(wchar_t c) noexcept {
    switch (c) {
        case L'十': case L'拾': return 10;
        case L'百': case L'佰': return 100;
        case L'千': case L'仟': return 1000;
        case L'万': return 1e4;
        case L'亿': return 1e8;
        default: return 0;
    }
}

// Digits read one by one: "八五" (in 八五折) is 85.
std::optional<double> digit_by_digit(std::wstring_view numeral) noexcept {
    double value = 0;
    for (wchar_t c : numeral) {
        const int d = digit_value(c);
        if (d < 0) return std::nullopt;
        value = value * 10 + d;
    }
    return value;
}

// Arabic digits, with optional thousands separators and a fraction, as an
// X3 grammar; returns the characters consumed.
std::size_t arabic_length(std::wstring_view text, std::size_t& integer_digits, bool& fraction) noexcept {
    namespace wide = x3::standard_wide;
    const auto digit = wide::char_(L'0', L'9');
    const auto grouped = x3::repeat(1, 3)[digit] >> +(wide::lit(L',') >> x3::repeat(3)[digit] >> !digit);
    const auto plain = x3::repeat(1, 12)[digit] >> !digit;
    const auto fraction_part = wide::lit(L'.') >> x3::repeat(1, 4)[digit] >> !digit;

    scan_iterator first = text.data();
    const scan_iterator last = text.data() + text.size();
    if (!x3::parse(first, last, grouped | plain)) return 0;
    const std::size_t integer_length = static_cast<std::size_t>(first - text.data());
    integer_digits = 0;
    for (std::size_t i = 0; i < integer_length; ++i) integer_digits += is_ascii_digit(text[i]) ? 1 : 0;
    scan_iterator after_point = first;
    fraction = x3::parse(after_point, last, fraction_part);
    return static_cast<std::size_t>((fraction ? after_point : first) - text.data());
}

double arabic_value(std::wstring_view digits) noexcept {
    double value = 0, scale = 0;
    for (wchar_t c : digits) {
        if (c == L',') continue;
        if (c == L'.') { scale = 1; continue; }
        if (scale > 0) {
            scale /= 10;
            value += (c - L'0') * scale;
        } else {
            value = value * 10 + (c - L'0');
        }
    }
    return value;
}

std::size_t chinese_run_length(std::wstring_view text) noexcept {
    std::size_t n = 0;
    while (n < text.size() && n < 16 && is_chinese_numeral(text[n])) ++n;
    return n;
}

}  // namespace

std::optional<double> chinese_numeral_value(std::wstring_view numeral, bool& digit_sequence) noexcept {
    digit_sequence = false;
    bool any_unit = false;
    for (wchar_t c : numeral) any_unit = any_unit || unit_value(c) > 0;
    if (!any_unit) {
        digit_sequence = numeral.size() > 1;
        return digit_by_digit(numeral);
    }
    double total = 0, section = 0;
    double last_unit = 0;      // the last unit written, for "一百二" (= 一百二十)
    int pending = -1;          // a digit waiting for its unit
    bool after_zero = false;   // "一百零五": the 5 is units, not tens
    for (wchar_t c : numeral) {
        if (const int d = digit_value(c); d >= 0) {
            if (pending >= 0 && d != 0) return std::nullopt;  // "三四百" is a range, not a number
            if (d == 0) { after_zero = true; continue; }
            pending = d;
            continue;
        }
        const double unit = unit_value(c);
        if (unit >= 1e4) {
            section += pending >= 0 ? pending : 0;
            if (section == 0 && total == 0) return std::nullopt;
            total = unit >= 1e8 ? (total + section) * unit : total + section * unit;
            section = 0;
        } else {
            if (last_unit > 0 && last_unit < 1e4 && unit >= last_unit) return std::nullopt;  // "十百"
            section += (pending >= 0 ? pending : 1) * unit;
        }
        last_unit = unit;
        pending = -1;
        after_zero = false;
    }
    if (pending >= 0) section += (last_unit >= 100 && !after_zero) ? pending * last_unit / 10 : pending;
    return total + section;
}

std::optional<number> parse_number(std::wstring_view text) noexcept {
    if (text.empty()) return std::nullopt;
    number n;
    if (is_ascii_digit(text[0])) {
        n.length = arabic_length(text, n.integer_digits, n.has_fraction);
        if (n.length == 0) return std::nullopt;
        n.value = arabic_value(text.substr(0, n.length));
        n.digit_sequence = n.integer_digits > 1;
        return n;
    }
    const std::size_t run = chinese_run_length(text);
    if (run == 0) return std::nullopt;
    // The longest prefix of the run that is a number: "十五六" reads "十五".
    for (std::size_t len = run; len > 0; --len) {
        bool sequence = false;
        if (const auto value = chinese_numeral_value(text.substr(0, len), sequence)) {
            n.value = *value;
            n.length = len;
            n.script = numeral_script::chinese;
            n.digit_sequence = sequence;
            return n;
        }
    }
    return std::nullopt;
}

}  // namespace kefu::detail::entity

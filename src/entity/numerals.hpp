// Numbers in customer messages: Arabic digits ("59", "19.9", "1,299") and
// Chinese numerals, including the colloquial forms shops hear every day
// ("一百二" = 120, "三千五" = 3500, "百八十" = 180, "两万五" = 25000).
#pragma once

#include <boost/spirit/home/x3.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

#include "entity/scan.hpp"

namespace kefu::detail::entity {

enum class numeral_script : std::uint8_t { arabic, chinese };

struct number {
    double value = 0;
    std::size_t length = 0;  // characters consumed
    numeral_script script = numeral_script::arabic;
    bool digit_sequence = false;  // Chinese digits read one by one ("八五"), or several Arabic digits
    bool has_fraction = false;    // "19.9"
    std::size_t integer_digits = 0;  // Arabic only: digits before the point, commas not counted
};

// The longest number at the start of `text`, or nothing. Arabic numbers have
// at most 12 integer and 4 fraction digits (longer runs are ids, not
// amounts); Chinese numerals at most 16 characters. Bounded, so scanning a
// message stays linear.
std::optional<number> parse_number(std::wstring_view text) noexcept;

// The value of Chinese numeral characters, or nothing when they do not form
// a number ("十百"). Exposed for tests.
std::optional<double> chinese_numeral_value(std::wstring_view numeral, bool& digit_sequence) noexcept;

// The value of `n` for a field that only takes small whole counts (a month,
// a day, an hour, the n of "第n件"). Numbers of up to 12 digits parse, so a
// plain conversion could overflow: anything outside 0..max_small_count comes
// back as max_small_count + 1, which no such field accepts.
inline constexpr std::uint32_t max_small_count = 9999;
inline std::uint32_t small_count(const number& n) noexcept {
    return n.value >= 0 && n.value <= max_small_count ? static_cast<std::uint32_t>(n.value) : max_small_count + 1;
}

namespace x3 = boost::spirit::x3;

// parse_number as a Spirit X3 parser, so entity grammars can compose it.
// `amount` accepts only numbers that can be quantities of money, goods or
// time: no digit-by-digit Chinese ("一二三"). `digits_only` takes Arabic only.
struct number_parser : x3::parser<number_parser> {
    using attribute_type = number;
    static bool const has_attribute = true;

    bool allow_chinese = true;
    bool allow_digit_sequence = false;
    std::size_t max_integer_digits = 12;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const&, RContext const&, Attribute& attr) const {
        const std::wstring_view rest(&*first, static_cast<std::size_t>(last - first));
        const std::optional<number> n = parse_number(rest);
        if (!n || !acceptable(*n)) return false;
        x3::traits::move_to(*n, attr);
        first += static_cast<std::ptrdiff_t>(n->length);
        return true;
    }

    bool acceptable(const number& n) const noexcept {
        if (n.script == numeral_script::chinese)
            return allow_chinese && (allow_digit_sequence || !n.digit_sequence);
        return n.integer_digits <= max_integer_digits;
    }
};

// Looks `table` up at `first` without copying it into a parser expression
// (a copy costs two atomic reference-count updates per position scanned).
template <typename Table, typename Attribute>
bool lookup(const Table& table, scan_iterator& first, scan_iterator last, Attribute& attr) {
    return table.parse(first, last, x3::unused, x3::unused, attr);
}

// A semantic action that stores what its parser read in `target`.
template <typename T>
auto into(T& target) {
    return [&target](auto& ctx) { target = x3::_attr(ctx); };
}

inline constexpr number_parser amount{};
inline constexpr number_parser arabic_amount{{}, false, false, 12};
inline constexpr number_parser factor_digits{{}, true, true, 2};

}  // namespace kefu::detail::entity

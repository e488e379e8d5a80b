// Money, discounts, quantities and durations: a number plus the words that
// say what it counts. Each form is a Spirit X3 grammar anchored at one
// position; semantic actions collect the parts into a small record.
#include <cmath>

#include "core/utf8.hpp"
#include "entity/extractors.hpp"
#include "entity/numerals.hpp"

namespace kefu::detail::entity {
namespace {

namespace wide = x3::standard_wide;
using x3::_attr;

// Words of a currency amount. "r" and "rmb" are how people type 元 fast.
const auto currency_unit = wide::lit(L"块钱") | wide::lit(L"块") | wide::lit(L"元钱") | wide::lit(L"元")
                           | wide::lit(L"rmb") | (wide::lit(L'r') >> !wide::char_(L'a', L'z'));
const auto approx_mark = wide::lit(L'多') | wide::lit(L'来') | wide::lit(L'余');

// The classifiers that turn a number into a quantity of goods.
const wide::symbols<int>& classifiers() {
    static const wide::symbols<int> table = [] {
        wide::symbols<int> t;
        for (const wchar_t* word : {L"件", L"袋", L"份", L"箱", L"支", L"斤", L"公斤", L"千克", L"个", L"双", L"盒",
                                    L"瓶", L"套", L"条", L"包", L"台", L"只", L"张", L"组", L"桶", L"提", L"卷", L"本",
                                    L"把", L"对", L"副", L"根", L"片", L"罐", L"顶", L"杯", L"碗", L"听", L"粒", L"颗",
                                    L"枚", L"束", L"盆", L"株"})
            t.add(word, 0);
        return t;
    }();
    return table;
}

// Time units with their length in seconds; "月" needs "个" (三月 is March).
constexpr std::int64_t month_seconds = 2592000;
const wide::symbols<std::int64_t>& time_units() {
    static const wide::symbols<std::int64_t> table = [] {
        wide::symbols<std::int64_t> t;
        t.add(L"秒", 1)(L"秒钟", 1)(L"分钟", 60)(L"分钟钟", 60)(L"小时", 3600)(L"钟头", 3600)(L"个钟", 3600)
            (L"天", 86400)(L"个工作日", 86400)(L"工作日", 86400)(L"周", 604800)(L"星期", 604800)
            (L"礼拜", 604800)(L"月", month_seconds)(L"年", 31536000)(L"个小时", 3600)(L"个钟头", 3600)
            (L"个星期", 604800)(L"个礼拜", 604800);
        return t;
    }();
    return table;
}

// Single digits, for the dimes in "九块九" and "八块五毛".
const wide::symbols<int>& digits() {
    static const wide::symbols<int> table = [] {
        wide::symbols<int> t;
        const wchar_t* chinese[] = {L"零", L"一", L"二", L"三", L"四", L"五", L"六", L"七", L"八", L"九"};
        for (int d = 0; d < 10; ++d) {
            t.add(chinese[d], d);
            const wchar_t arabic[2] = {static_cast<wchar_t>(L'0' + d), 0};
            t.add(arabic, d);
        }
        t.add(L"两", 2);
        return t;
    }();
    return table;
}

// A classifier follows (包 of 包邮, free shipping, is not one).
bool followed_by_classifier(const scan_input& in, std::size_t i) {
    if (in.followed_by(i, {L"包邮", L"包装"})) return false;
    scan_iterator first = in.at(i);
    return x3::parse(first, in.end(), classifiers());
}

// Words before a bare number that make it a price: "才卖39", "原价299",
// "预算1k", "便宜到50". A bare number elsewhere is not money ("评分才4.8").
bool has_price_cue(const scan_input& in, std::size_t i) {
    return in.preceded_by(i, {L"卖", L"价", L"预算", L"只要", L"便宜到", L"降到", L"出", L"花了", L"付了", L"标",
                              L"收", L"值", L"要价", L"报价", L"价格", L"价钱"},
                          3);
}

struct money_parts {
    number amount;
    number upper;  // ranges
    double scale = 1;
    double cents = 0;  // 九块九 → 0.9
    bool unit = false;
    bool range = false;
    bool approx = false;
};

// "1k", "1.5w", "3万", "3千": the number's scale.
const wide::symbols<double>& magnitudes() {
    static const wide::symbols<double> table = [] {
        wide::symbols<double> t;
        t.add(L"k", 1e3)(L"w", 1e4)(L"万", 1e4)(L"千", 1e3);
        return t;
    }();
    return table;
}

void add_money(candidates& out, const scan_input& in, std::size_t begin, scan_iterator end, const money_parts& m) {
    entity& e = add_candidate(out, entity_type::money, begin, in.position(end));
    e.unit = "CNY";
    e.approx = m.approx;
    if (m.range) {
        e.is_range = true;
        e.min = m.amount.value * m.scale;
        e.max = m.upper.value * m.scale;
        return;
    }
    e.has_value = true;
    e.value = std::round((m.amount.value * m.scale + m.cents) * 100) / 100;
}

// One money grammar, tried with the variable parts as actions on `m`.
void extract_money_at(const scan_input& in, std::size_t i, candidates& out) {
    money_parts m;
    const auto set_upper = [&](auto& ctx) { m.upper = _attr(ctx); m.range = true; };
    const auto set_unit = [&](auto&) { m.unit = true; };
    const auto set_approx = [&](auto&) { m.approx = true; };
    const auto set_dime = [&](auto& ctx) { m.cents = _attr(ctx) / 10.0; };
    const auto set_cents = [&](auto& ctx) { m.cents += _attr(ctx) / 100.0; };
    // A digit after 块 that counts items ("三块一个") is not dimes.
    const auto item_count_ahead = !wide::lit(L"包邮") >> classifiers();
    const auto single_digit = digits() >> !item_count_ahead;
    const auto magnitude = magnitudes() >> !wide::char_(L'a', L'z');
    // "九块九", "八块五毛", "三块八毛五"; the digit must not start "一个".
    const auto dimes = single_digit[set_dime] >> (-(wide::lit(L'毛') | wide::lit(L'角')) >> -single_digit[set_cents])
                       >> -wide::lit(L"分");
    const auto body = amount[into(m.amount)] >> -approx_mark[set_approx] >> -magnitude[into(m.scale)];
    const auto range_tail = (wide::lit(L'到') | wide::lit(L'至') | wide::lit(L'-') | wide::lit(L'~'))
                            >> amount[set_upper] >> -magnitude;
    const auto with_unit = body >> -range_tail >> currency_unit[set_unit] >> -dimes;
    const auto set_mao_cents = [&](auto& ctx) { m.cents = _attr(ctx) / 10.0; };
    const auto mao_only = amount[into(m.amount)] >> (wide::lit(L'毛') | wide::lit(L'角'))[set_unit] >> -single_digit[set_mao_cents]
                          >> -wide::lit(L'钱');
    const auto yen = wide::lit(L'¥') >> amount[into(m.amount)] >> -magnitude[into(m.scale)];

    scan_iterator first = in.at(i);
    if (in[i] == L'¥') {
        if (x3::parse(first, in.end(), yen)) add_money(out, in, i, first, m);
        return;
    }
    if (!number_may_start(in, i)) return;
    if (x3::parse(first, in.end(), with_unit)) {
        add_money(out, in, i, first, m);
        return;
    }
    m = {};
    first = in.at(i);
    if (x3::parse(first, in.end(), mao_only)) {
        m.amount.value = (m.amount.value + m.cents) / 10;  // it counts dimes: "五毛" is 0.5, "两毛五" 0.25
        m.cents = 0;
        add_money(out, in, i, first, m);
        return;
    }
    m = {};
    first = in.at(i);
    const auto bare = body >> -range_tail;
    if (!x3::parse(first, in.end(), bare)) return;
    const std::size_t end = in.position(first);
    // A lone Chinese digit is rarely a price ("半价一起用" is "together").
    const bool lone_digit = m.amount.script == numeral_script::chinese && m.amount.length == 1 && !m.range;
    if (!lone_digit && !followed_by_classifier(in, end) && (has_price_cue(in, i) || in.followed_by(end, {L"包邮"})))
        add_money(out, in, i, first, m);
}

// A discount factor written as digits before 折: "8折" 0.8, "85折" and
// "八五折" 0.85, "8.5折" 0.85.
std::optional<double> factor_value(const number& n) {
    double v = n.value;
    if (n.has_fraction) v /= 10;
    else if ((n.script == numeral_script::arabic && n.integer_digits == 2) || (n.digit_sequence && n.value >= 10)) v /= 100;
    else v /= 10;
    if (v <= 0 || v >= 1) return std::nullopt;
    return std::round(v * 1e4) / 1e4;
}

const auto half_price = wide::lit(L"半价") | wide::lit(L"对折");

entity& add_discount(candidates& out, const scan_input& in, std::size_t i, scan_iterator end, discount_kind kind,
                     double value) {
    entity& e = add_candidate(out, entity_type::discount, i, in.position(end));
    e.kind = kind;
    e.value = value;
    e.has_value = true;
    return e;
}

// Each form of discount below is tried at i in turn. One returns true when
// its words are there, which ends the search, whether or not they made a
// candidate ("0折" is no discount, and no other form either).

// "打8折", "八五折"
bool discount_factor(const scan_input& in, std::size_t i, candidates& out) {
    number n;
    scan_iterator first = in.at(i);
    const auto factor = -(wide::lit(L'打') >> -wide::lit(L'个')) >> factor_digits[into(n)] >> wide::lit(L'折');
    if (!x3::parse(first, in.end(), factor)) return false;
    if (const auto v = factor_value(n)) add_discount(out, in, i, first, discount_kind::factor, *v);
    return true;
}

// "半价", "对折"
bool discount_half_price(const scan_input& in, std::size_t i, candidates& out) {
    scan_iterator first = in.at(i);
    if (!x3::parse(first, in.end(), half_price)) return false;
    add_discount(out, in, i, first, discount_kind::factor, 0.5);
    return true;
}

// "满300减50", "每满200减20"
bool discount_threshold(const scan_input& in, std::size_t i, candidates& out) {
    number threshold, off;
    scan_iterator first = in.at(i);
    const auto grammar = -wide::lit(L'每') >> wide::lit(L'满') >> amount[into(threshold)] >> -currency_unit
                         >> wide::lit(L'减') >> amount[into(off)] >> -currency_unit;
    if (!x3::parse(first, in.end(), grammar)) return false;
    add_discount(out, in, i, first, discount_kind::threshold, off.value).threshold = threshold.value;
    return true;
}

// "便宜20", "少五块", "立减10元"; "少一件" is a missing item, not a discount.
bool discount_amount_off(const scan_input& in, std::size_t i, candidates& out) {
    number n;
    bool currency_given = false;
    scan_iterator first = in.at(i);
    const auto not_degree = !(wide::lit(L'点') | wide::lit(L"些"));
    const auto grammar = (wide::lit(L"便宜") | wide::lit(L"优惠") | wide::lit(L"立减") | wide::lit(L'减')
                          | wide::lit(L'少') | wide::lit(L'降') | wide::lit(L'让'))
                         >> -wide::lit(L'个') >> amount[into(n)] >> not_degree
                         >> -currency_unit[([&](auto&) { currency_given = true; })];
    if (!x3::parse(first, in.end(), grammar)) return false;
    if (!currency_given && followed_by_classifier(in, in.position(first))) return false;
    add_discount(out, in, i, first, discount_kind::amount_off, n.value).unit = "CNY";
    return true;
}

// "抹零", "抹个零头"
bool discount_round_off(const scan_input& in, std::size_t i, candidates& out) {
    scan_iterator first = in.at(i);
    const auto grammar = wide::lit(L'抹') >> -(wide::lit(L'个') | wide::lit(L'掉') | wide::lit(L'去')) >> wide::lit(L'零')
                         >> -wide::lit(L'头');
    if (!x3::parse(first, in.end(), grammar)) return false;
    add_candidate(out, entity_type::discount, i, in.position(first)).kind = discount_kind::round_off;
    return true;
}

// "第二件半价", "第2件8折"
bool discount_nth_item(const scan_input& in, std::size_t i, candidates& out) {
    number n;
    std::uint32_t nth = 0;
    scan_iterator first = in.at(i);
    const auto grammar = wide::lit(L'第') >> amount[([&](auto& ctx) { nth = small_count(_attr(ctx)); })]
                         >> (wide::lit(L'件') | wide::lit(L'个') | wide::lit(L'份'))
                         >> (half_price | (factor_digits[into(n)] >> wide::lit(L'折')));
    if (!x3::parse(first, in.end(), grammar)) return false;
    const std::optional<double> v = n.length > 0 ? factor_value(n) : std::optional<double>(0.5);
    if (!v || nth > max_small_count) return true;
    add_discount(out, in, i, first, discount_kind::nth_item, *v).nth = nth;
    return true;
}

}  // namespace

void extract_money(const scan_input& in, std::size_t i, candidates& out) {
    if (in[i] == L'¥' || number_may_start(in, i)) extract_money_at(in, i, out);
}

void extract_discount(const scan_input& in, std::size_t i, candidates& out) {
    if (!starts_with_any(in[i], L"打便优立减少降让满每抹第半对") && !number_may_start(in, i)) return;
    for (const auto form : {discount_factor, discount_half_price, discount_threshold, discount_amount_off,
                            discount_round_off, discount_nth_item})
        if (form(in, i, out)) return;
}

void extract_quantity(const scan_input& in, std::size_t i, candidates& out) {
    if (in[i] == L'俩') {  // "给我来俩": 俩 alone is two of something
        add_candidate(out, entity_type::quantity, i, i + 1).unit = "个";
        out.back().value = 2;
        out.back().has_value = true;
        return;
    }
    if (!number_may_start(in, i)) return;
    // Ordinals ("第3个"), "上一个", and body measurements ("体重120斤") count nothing.
    if (in.preceded_by(i, {L"第", L"上", L"下", L"这", L"那"}, 0)
        || in.preceded_by(i, {L"体重", L"身高", L"重", L"穿到", L"穿"}, 1))
        return;
    number n;
    std::wstring unit;
    const auto set_unit = [&](auto& ctx) {
        const auto& range = _attr(ctx);
        unit.assign(range.begin(), range.end());
    };
    const auto quantity = amount[into(n)] >> -approx_mark >> x3::raw[classifiers()][set_unit];
    scan_iterator first = in.at(i);
    if (!x3::parse(first, in.end(), quantity) || n.value <= 0 || n.integer_digits > 5) return;
    if (unit == L"包" && in[in.position(first)] == L'邮') return;  // 包邮
    entity& e = add_candidate(out, entity_type::quantity, i, in.position(first));
    e.value = n.value;
    e.has_value = true;
    e.unit = to_utf8(unit);
}

void extract_duration(const scan_input& in, std::size_t i, candidates& out) {
    if (in[i] != L'半' && !number_may_start(in, i)) return;
    number n;
    std::int64_t unit_seconds = 0;
    bool half = false, approx = false, counter = false;
    const auto set_counter = [&](auto&) { counter = true; };
    const auto set_half = [&](auto&) { half = true; };
    const auto set_approx = [&](auto&) { approx = true; };
    const auto ge = -wide::lit(L'个')[set_counter];
    const auto counted = amount[into(n)] >> -approx_mark[set_approx] >> ge >> -wide::lit(L'半')[set_half]
                         >> -approx_mark[set_approx] >> time_units()[into(unit_seconds)];
    const auto half_only = wide::lit(L'半')[set_half] >> ge >> time_units()[into(unit_seconds)];
    scan_iterator first = in.at(i);
    if (in[i] == L'半') {
        if (!x3::parse(first, in.end(), half_only)) return;
    } else {
        if (!number_may_start(in, i) || !x3::parse(first, in.end(), counted)) return;
        // "2023年" is a year and "三月" a month, not durations.
        if (unit_seconds == 31536000 && (n.integer_digits >= 3 || n.value > 100)) return;
        if (n.digit_sequence && n.script == numeral_script::chinese) return;
    }
    if (unit_seconds == month_seconds && !counter) return;
    const double count = n.value + (half ? 0.5 : 0);
    const double seconds = count * static_cast<double>(unit_seconds);
    // Long numerals name more seconds than int64 holds ("九千万亿天"): not a duration.
    if (!(seconds < 9.0e18)) return;
    entity& e = add_candidate(out, entity_type::duration, i, in.position(first));
    e.seconds = static_cast<std::int64_t>(std::llround(seconds));
    e.value = count;
    e.has_value = true;
    e.approx = approx;
    e.unit = "s";
}

}  // namespace kefu::detail::entity

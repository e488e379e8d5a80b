// Order numbers, tracking numbers, item ids and mainland mobile numbers:
// runs of digits (and courier prefixes) told apart by their shape and by the
// words just before them ("订单号", "快递单号", "顺丰").
#include "entity/extractors.hpp"
#include "entity/numerals.hpp"

namespace kefu::detail::entity {
namespace {

namespace wide = x3::standard_wide;

enum class id_cue : std::uint8_t { none, order, tracking, item, phone, not_an_id };

// The nearest cue word within a few characters before position `i`.
id_cue cue_before(const scan_input& in, std::size_t i) {
    static constexpr std::size_t window = 10;
    for (std::size_t back = 0; back <= window && back <= i; ++back) {
        const std::size_t at = i - back;
        const auto ends = [&](std::initializer_list<std::wstring_view> words) { return in.preceded_by(at, words, 0); };
        if (ends({L"qq", L"微信", L"vx", L"wx", L"工号", L"验证码", L"邮编", L"身份证", L"取件码", L"座机", L"尾号"}))
            return id_cue::not_an_id;
        if (ends({L"手机", L"手机号", L"电话", L"号码", L"联系方式"})) return id_cue::phone;
        if (ends({L"订单", L"订单号", L"订单编号", L"单子"})) return id_cue::order;
        if (ends({L"快递单号", L"运单号", L"运单", L"快递号", L"物流单号", L"单号", L"顺丰", L"中通", L"圆通", L"韵达",
                  L"申通", L"邮政", L"极兔", L"德邦", L"百世", L"ems"}))
            return id_cue::tracking;
        if (ends({L"商品id", L"宝贝id", L"商品编号", L"货号", L"款号", L"id", L"链接"})) return id_cue::item;
    }
    return id_cue::none;
}

std::string digits_of(std::wstring_view chars) {
    std::string out;
    for (wchar_t c : chars)
        if (is_ascii_digit(c)) out.push_back(static_cast<char>(c));
    return out;
}

// Mainland mobile numbers: 1[3-9] and nine digits, grouped 3-4-4 or not,
// with an optional +86. Landlines, 400 numbers and 12315 are not phones.
bool extract_phone(const scan_input& in, std::size_t i, candidates& out) {
    const auto digit = wide::char_(L'0', L'9');
    const auto sep = wide::char_(L' ') | wide::char_(L'-');
    const auto prefix = (wide::lit(L"+86") >> -sep) | (wide::lit(L"86") >> sep);
    const auto mobile = wide::lit(L'1') >> wide::char_(L'3', L'9') >> digit >> -sep >> x3::repeat(4)[digit] >> -sep
                        >> x3::repeat(4)[digit] >> !digit;
    scan_iterator first = in.at(i);
    std::wstring_view local_number;
    const auto mark = [&](auto& ctx) {
        const auto& range = x3::_attr(ctx);
        local_number = std::wstring_view(&*range.begin(), static_cast<std::size_t>(range.end() - range.begin()));
    };
    if (!x3::parse(first, in.end(), -prefix >> x3::raw[mobile][mark])) return false;
    const std::size_t end = in.position(first);
    if (is_alnum(in[end])) return false;
    entity& e = add_candidate(out, entity_type::phone, i, end);
    e.canonical = digits_of(local_number);
    return true;
}

// A courier's own prefix: SF…, YT…, JD…/JDV…, JT…, and international EMS.
bool extract_prefixed_tracking(const scan_input& in, std::size_t i, candidates& out) {
    static const wide::symbols<std::string> prefixes = [] {
        wide::symbols<std::string> t;
        t.add(L"sf", "sf")(L"yt", "yto")(L"jdv", "jd")(L"jdx", "jd")(L"jd", "jd")(L"jt", "jtexpress")
            (L"dpk", "deppon");
        return t;
    }();
    std::string courier;
    const auto digit = wide::char_(L'0', L'9');
    const auto domestic = prefixes[into(courier)] >> x3::repeat(9, 16)[digit] >> !wide::char_(L'0', L'9');
    const auto international = wide::lit(L'e') >> wide::char_(L'a', L'z') >> x3::repeat(9)[digit] >> wide::lit(L"cn");
    scan_iterator first = in.at(i);
    if (x3::parse(first, in.end(), domestic)) {
    } else if (first = in.at(i); x3::parse(first, in.end(), international)) {
        courier = "ems";
    } else {
        return false;
    }
    const std::size_t end = in.position(first);
    if (is_latin_letter(in[end])) return false;
    entity& e = add_candidate(out, entity_type::tracking_number, i, end);
    e.canonical = upper_ascii(in.chars.substr(i, end - i));
    e.courier = courier;
    return true;
}

// A run of 8 to 22 digits: an order number unless the words before say it
// is a tracking number or an item id. Without a cue it must have 12 digits,
// the shortest order numbers the big platforms issue.
void extract_digit_run(const scan_input& in, std::size_t i, candidates& out) {
    std::size_t end = i;
    while (end < in.chars.size() && is_ascii_digit(in[end]) && end - i <= 22) ++end;
    const std::size_t length = end - i;
    if (length < 8 || length > 22 || is_alnum(in[end])) return;
    const id_cue cue = cue_before(in, i);
    if (cue == id_cue::not_an_id || cue == id_cue::phone || (cue == id_cue::none && length < 12)) return;
    const entity_type type = cue == id_cue::tracking ? entity_type::tracking_number
                             : cue == id_cue::item   ? entity_type::item_number
                                                     : entity_type::order_number;
    add_candidate(out, type, i, end).canonical = digits_of(in.chars.substr(i, length));
}

}  // namespace

void extract_identifiers(const scan_input& in, std::size_t i, candidates& out) {
    const wchar_t c = in[i];
    const wchar_t prev = in.before(i);
    if (is_alnum(prev) && c != L'+') return;
    if (c == L'+' || is_ascii_digit(c)) {
        const bool phone = extract_phone(in, i, out);
        // An 11-digit phone shape right after "订单号" is an order number.
        if (!phone || cue_before(in, i) == id_cue::order) extract_digit_run(in, i, out);
        return;
    }
    if (is_latin_letter(c)) extract_prefixed_tracking(in, i, out);
}

}  // namespace kefu::detail::entity

#include "entity/extractor.hpp"

#include <algorithm>

#include "entity/extractors.hpp"

namespace kefu::detail::entity {
namespace {

// Specificity when two candidates are equally long: smaller wins.
int specificity(entity_type type) noexcept {
    switch (type) {
        case entity_type::discount: return 0;
        case entity_type::tracking_number: return 1;
        case entity_type::order_number: return 2;
        case entity_type::item_number: return 3;
        case entity_type::phone: return 4;
        case entity_type::money: return 5;
        case entity_type::time: return 6;
        case entity_type::duration: return 7;
        case entity_type::size: return 8;
        case entity_type::quantity: return 9;
        case entity_type::courier: return 10;
        case entity_type::colour: return 11;
        case entity_type::attribute: return 12;
    }
    return 13;
}

// Characters no extractor starts on (most Han text): skipping them keeps
// the scan cheap on long messages.
bool may_start_entity(wchar_t c) noexcept {
    return c < 0x80 || c == L'¥' || is_chinese_numeral(c) || (c >= 0x4E00 && c <= 0x9FFF);
}

void run_extractors(const scan_input& in, std::size_t i, candidates& found) {
    // Inside a run of digits or numerals nothing starts ("2023" is not "023").
    const wchar_t c = in[i];
    if ((is_ascii_digit(c) || is_chinese_numeral(c)) && !number_may_start(in, i)) {
        extract_words(in, i, found);
        return;
    }
    extract_money(in, i, found);
    extract_discount(in, i, found);
    extract_quantity(in, i, found);
    extract_duration(in, i, found);
    extract_time(in, i, found);
    extract_identifiers(in, i, found);
    extract_size(in, i, found);
    extract_words(in, i, found);
}

// An item link ("item.htm?id=709484258177") names the item the customer
// means: its id, found by the normaliser before the link became one token,
// is an item number over the token.
// Both lists are in the order of the text, so one walk pairs them (a
// megabyte of links stays linear).
void add_linked_items(const text::normalized& text, candidates& found) {
    const auto& items = text.link_items;
    std::size_t next = 0;
    for (std::size_t i = 0; i < text.units.size() && next < items.size(); ++i) {
        const text::unit& u = text.units[i];
        if (u.cp != text::link_token) continue;
        while (next < items.size() && items[next].source_begin < u.source_begin) ++next;
        if (next < items.size() && items[next].source_begin == u.source_begin)
            add_candidate(found, entity_type::item_number, i, i + 1).canonical = items[next++].id;
    }
}

// The entity an anonymised log's placeholder stands for, if any.
std::optional<entity_type> masked_type(char32_t cp) noexcept {
    switch (static_cast<int>(cp - text::token_base)) {
        case text::token_index("order_number"): return entity_type::order_number;
        case text::token_index("tracking_number"): return entity_type::tracking_number;
        case text::token_index("phone"): return entity_type::phone;
        case text::token_index("amount"): return entity_type::money;
        default: return std::nullopt;
    }
}

// A placeholder ("[订单号x]") is the entity it masks, without a value: a
// flow still learns that the customer gave an order number.
void add_masked_entities(const text::normalized& text, candidates& found) {
    for (std::size_t i = 0; i < text.units.size(); ++i) {
        const text::unit& u = text.units[i];
        if (u.cls != text::char_class::emoji) continue;
        if (const std::optional<entity_type> type = masked_type(u.cp)) {
            entity& e = add_candidate(found, *type, i, i + 1);
            e.masked = true;
            if (*type == entity_type::money) e.unit = "CNY";
        }
    }
}

void keep_best(candidates& found, std::vector<entity>& out, std::size_t length) {
    std::sort(found.begin(), found.end(), [](const entity& a, const entity& b) {
        const auto la = a.end - a.begin, lb = b.end - b.begin;
        if (la != lb) return la > lb;
        if (specificity(a.type) != specificity(b.type)) return specificity(a.type) < specificity(b.type);
        return a.begin < b.begin;
    });
    std::vector<bool> taken(length, false);
    const std::size_t first_kept = out.size();
    for (entity& e : found) {
        if (std::any_of(taken.begin() + e.begin, taken.begin() + e.end, [](bool t) { return t; })) continue;
        std::fill(taken.begin() + e.begin, taken.begin() + e.end, true);
        out.push_back(std::move(e));
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first_kept), out.end(),
              [](const entity& a, const entity& b) { return a.begin < b.begin; });
}

}  // namespace

void extract(const text::normalized& text, const std::optional<message_clock>& clock, extract_scratch& scratch,
             std::vector<entity>& out) {
    scratch.chars.clear();
    scratch.found.clear();
    for (const auto& u : text.units) scratch.chars.push_back(static_cast<wchar_t>(u.cp));
    const scan_input in{scratch.chars, clock};
    for (std::size_t i = 0; i < scratch.chars.size(); ++i)
        if (may_start_entity(scratch.chars[i])) run_extractors(in, i, scratch.found);
    add_linked_items(text, scratch.found);
    add_masked_entities(text, scratch.found);
    const std::size_t first_new = out.size();
    keep_best(scratch.found, out, scratch.chars.size());
    for (std::size_t k = first_new; k < out.size(); ++k) {
        entity& e = out[k];
        e.start = text.units[e.begin].source_begin;
        e.stop = text.units[e.end - 1].source_end;
    }
}

std::string_view type_name(entity_type type) noexcept {
    static constexpr std::string_view names[] = {"money",  "discount", "duration", "time",   "order_number",
                                                 "tracking_number", "item_number", "phone", "quantity", "size",
                                                 "colour", "courier",  "attribute"};
    const auto i = static_cast<std::size_t>(type);
    return i < std::size(names) ? names[i] : "unknown";
}

std::string_view kind_name(discount_kind kind) noexcept {
    static constexpr std::string_view names[] = {"", "factor", "amount_off", "threshold", "round_off", "nth_item"};
    return names[static_cast<std::size_t>(kind)];
}

std::string_view grain_name(time_grain grain) noexcept {
    static constexpr std::string_view names[] = {"", "minute", "hour", "day", "week", "month", "year"};
    return names[static_cast<std::size_t>(grain)];
}

std::string_view relation_name(time_relation relation) noexcept {
    static constexpr std::string_view names[] = {"at", "before", "after"};
    return names[static_cast<std::size_t>(relation)];
}

}  // namespace kefu::detail::entity

#include "intent/rule_set_io.hpp"

#include "intent/gap_io.hpp"

namespace kefu::detail::intent {
namespace {

template <typename T, typename F>
void save_list(model::writer& w, const std::vector<T>& items, F&& each) {
    w.u64(items.size());
    for (const T& item : items) each(item);
}

// Reads a count and checks it against what can possibly remain: each element
// takes at least `min_bytes` bytes of the section, so a damaged count cannot
// make us allocate gigabytes (the elements are default-constructed before
// they are read).
std::uint64_t read_count(model::reader& r, std::uint64_t limit, std::size_t min_bytes) {
    const std::uint64_t n = r.u64();
    if (n > limit || n > r.remaining() / min_bytes) model::reader::corrupt("rule set: implausible element count");
    return n;
}

// The smallest encoding of each element: its fixed fields, 8 bytes for each
// string's or list's length.
constexpr std::size_t min_string_bytes = 8;
constexpr std::size_t min_intent_bytes = 8 + 8 + 4 + 4;
constexpr std::size_t min_rule_bytes = 4 + 4 + 4 + 4 + 8 + 8;
// (gaps: 2 bytes before format 6, 3 since)
constexpr std::size_t min_variant_bytes = 4 + 4 + 4 + 2 + 8;
constexpr std::size_t min_part_bytes = 2 + 8;
constexpr std::size_t min_lexicon_bytes = 8 + 8;
constexpr std::size_t min_example_bytes = 4 + 8 + 8;
constexpr std::size_t min_template_bytes = 8 + 4 + 8 + 8;

constexpr std::uint64_t max_items = 1u << 26;

using lexicon_map = decltype(rule_set::lexicons);

void save_strings(model::writer& w, const std::vector<std::u32string>& strings) {
    save_list(w, strings, [&](const std::u32string& s) { w.u32str(s); });
}

// Pattern literals: never empty (the compiler refuses patterns that can
// match the empty string, and the matcher relies on it).
std::vector<std::u32string> load_strings(model::reader& r) {
    std::vector<std::u32string> out(read_count(r, max_items, min_string_bytes));
    for (auto& s : out) {
        s = r.u32str();
        if (s.empty()) model::reader::corrupt("rule set: an empty pattern");
    }
    return out;
}

// Each element as it is stored, in the order of its fields.
void save_intent(model::writer& w, const intent_info& i) {
    w.str(i.name);
    w.str(i.description);
    w.i32(i.priority);
    w.u32(i.negatable);
}

void save_rule(model::writer& w, const rule_info& r) {
    w.u32(r.intent);
    w.f32(r.weight);
    w.i32(r.priority);
    w.u32(r.negatable | (r.priority_set ? 2u : 0u) | (r.negatable_set ? 4u : 0u));
    w.str(r.name);
    w.str(r.location);
}

void save_variant(model::writer& w, const variant& v, std::uint32_t format) {
    w.u32(v.rule);
    w.u32(v.anchor_start);
    w.u32(v.anchor_end);
    write_gap(w, v.gap_after, format);
    save_list(w, v.parts, [&](const part& p) {
        write_gap(w, p.gap_before, format);
        save_strings(w, p.alternatives);
    });
}

void save_lexicons(model::writer& w, const lexicon_map& lexicons) {
    w.u64(lexicons.size());
    for (const auto& [name, values] : lexicons) {
        w.str(name);
        save_strings(w, values);
    }
}

void save_example(model::writer& w, const example& e) {
    w.u32(e.intent);
    w.str(e.text);
    w.str(e.location);
}

void save_template(model::writer& w, const reply::reply_template& t) {
    w.str(t.key);
    w.u32(static_cast<std::uint32_t>(t.style));
    w.str(t.text);
    w.str(t.location);
}

// A list as save_list wrote it: its count checked first (read_count), then
// each element read in place by `read_one`.
template <typename T, typename F>
std::vector<T> load_list(model::reader& r, std::uint64_t limit, std::size_t min_bytes, F&& read_one) {
    std::vector<T> items(read_count(r, limit, min_bytes));
    for (T& item : items) read_one(item);
    return items;
}

// The loaders check every reference to an element stored before it, so that
// nothing later indexes past a list.
void load_intent(model::reader& r, intent_info& i) {
    i.name = r.str();
    i.description = r.str();
    i.priority = r.i32();
    i.negatable = r.u32() != 0;
}

void load_rule(model::reader& r, rule_info& x, std::size_t intent_count) {
    x.intent = r.u32();
    if (x.intent >= intent_count) model::reader::corrupt("rule set: rule of an unknown intent");
    x.weight = r.f32();
    x.priority = r.i32();
    const std::uint32_t flags = r.u32();
    x.negatable = (flags & 1u) != 0;
    x.priority_set = (flags & 2u) != 0;
    x.negatable_set = (flags & 4u) != 0;
    x.name = r.str();
    x.location = r.str();
}

void load_variant(model::reader& r, variant& v, std::size_t rule_count, std::uint32_t format) {
    v.rule = r.u32();
    if (v.rule >= rule_count) model::reader::corrupt("rule set: variant of an unknown rule");
    v.anchor_start = r.u32() != 0;
    v.anchor_end = r.u32() != 0;
    v.gap_after = read_gap(r, format);
    v.parts = load_list<part>(r, max_parts_per_variant, min_part_bytes, [&](part& p) {
        p.gap_before = read_gap(r, format);
        p.alternatives = load_strings(r);
    });
}

lexicon_map load_lexicons(model::reader& r) {
    lexicon_map lexicons;
    for (std::uint64_t n = read_count(r, max_items, min_lexicon_bytes); n > 0; --n) {
        std::string name = r.str();
        lexicons.emplace(std::move(name), load_strings(r));
    }
    return lexicons;
}

void load_example(model::reader& r, example& e, std::size_t intent_count) {
    e.intent = r.u32();
    if (e.intent >= intent_count) model::reader::corrupt("rule set: example of an unknown intent");
    e.text = r.str();
    e.location = r.str();
}

void load_template(model::reader& r, reply::reply_template& t) {
    t.key = r.str();
    const std::uint32_t style = r.u32();
    if (style > static_cast<std::uint32_t>(reply::reply_style::formal)) model::reader::corrupt("rule set: unknown template style");
    t.style = static_cast<reply::reply_style>(style);
    t.text = r.str();
    t.location = r.str();
    if (!reply::check_template_text(t.text).empty()) model::reader::corrupt("rule set: malformed template");
}

}  // namespace

void save_rule_set(const rule_set& rules, model::writer& w, std::uint32_t format) {
    save_list(w, rules.intents, [&](const intent_info& i) { save_intent(w, i); });
    save_list(w, rules.rules, [&](const rule_info& r) { save_rule(w, r); });
    save_list(w, rules.variants, [&](const variant& v) { save_variant(w, v, format); });
    save_lexicons(w, rules.lexicons);
    save_strings(w, rules.negators);
    save_strings(w, rules.negator_exceptions);
    w.u32(rules.negation_window);
    save_list(w, rules.examples, [&](const example& e) { save_example(w, e); });
    save_list(w, rules.templates, [&](const reply::reply_template& t) { save_template(w, t); });
}

rule_set load_rule_set(model::reader& r, std::uint32_t format) {
    rule_set rules;
    rules.intents = load_list<intent_info>(r, max_items, min_intent_bytes, [&](intent_info& i) { load_intent(r, i); });
    rules.rules = load_list<rule_info>(r, max_items, min_rule_bytes,
                                       [&](rule_info& x) { load_rule(r, x, rules.intents.size()); });
    rules.variants = load_list<variant>(r, max_items, min_variant_bytes,
                                        [&](variant& v) { load_variant(r, v, rules.rules.size(), format); });
    rules.lexicons = load_lexicons(r);
    rules.negators = load_strings(r);
    rules.negator_exceptions = load_strings(r);
    rules.negation_window = r.u32();
    rules.examples = load_list<example>(r, max_items, min_example_bytes,
                                        [&](example& e) { load_example(r, e, rules.intents.size()); });
    rules.templates = load_list<reply::reply_template>(r, max_items, min_template_bytes,
                                                       [&](reply::reply_template& t) { load_template(r, t); });
    return rules;
}

}  // namespace kefu::detail::intent

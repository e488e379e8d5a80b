#include "intent/rule_compiler.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "flow/flow_compiler.hpp"
#include "flow/validate.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "text/char_class.hpp"
#include "text/normalizer.hpp"

namespace kefu::detail::intent {
namespace {

namespace ast = dsl::ast;
namespace x3 = boost::spirit::x3;
using string_set = std::vector<std::u32string>;

inline constexpr std::size_t max_variants_per_rule = 256;
inline constexpr std::size_t max_lexicon_size = 200000;
inline constexpr double max_weight = 1000.0;

void sort_unique(string_set& s) {
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
}

bool contains_empty(const string_set& s) { return std::find(s.begin(), s.end(), U"") != s.end(); }

// A rule pattern being expanded: finished parts, the literal set of the part
// under construction, and the gap that will stand before the next part.
struct open_variant {
    std::vector<part> parts;
    string_set current{U""};
    gap_range pending;
    bool anchor_start = false;
    bool anchor_end = false;
};

struct gap_or_anchor_finder {
    using result_type = bool;
    bool operator()(const ast::gap&) const { return true; }
    bool operator()(const ast::anchor&) const { return true; }
    bool operator()(const x3::forward_ast<ast::group>& g) const {
        for (const auto& alternative : g.get().alternatives)
            for (const auto& item : alternative)
                if (boost::apply_visitor(*this, item.value)) return true;
        return false;
    }
    template <typename T>
    bool operator()(const T&) const { return false; }
};

bool has_gap_or_anchor(const ast::item& item) { return boost::apply_visitor(gap_or_anchor_finder{}, item.value); }

// The names of the gap classes in rule files, in the order of gap_class.
// `any` has none: a gap without a class name takes any characters.
constexpr const char* gap_class_names[gap_class_count] = {"", "digits", "latin", "han", "alnum"};

std::optional<gap_class> gap_class_named(const std::string& name) {
    for (std::uint8_t i = 1; i < gap_class_count; ++i)
        if (name == gap_class_names[i]) return static_cast<gap_class>(i);
    return std::nullopt;
}

}  // namespace

int rule_set::find_intent(const std::string& name) const noexcept {
    for (std::size_t i = 0; i < intents.size(); ++i)
        if (intents[i].name == name) return static_cast<int>(i);
    return -1;
}

struct rule_compiler::impl {
    rule_set set;
    const dsl::source* src = nullptr;
    flow::flow_compiler flows{set.flows, set};

    [[noreturn]] void fail(const x3::position_tagged& node, const std::string& message) const {
        src->fail(node, message);
    }

    void fail_limit(const x3::position_tagged& node, const std::string& message) const {
        const dsl::position p = src->where(node);
        throw kefu::error(KEFU_ELIMIT, src->location(node) + ": error: " + message, src->name(), p.line, p.column);
    }

    void fail_too_long(const x3::position_tagged& node) const {
        fail_limit(node, "a pattern part is longer than " + std::to_string(max_literal_length) + " characters");
    }

    // --- literal sets -------------------------------------------------------

    string_set product(const string_set& a, const string_set& b, const x3::position_tagged& node) const {
        if (a.size() * b.size() > max_alternatives_per_part)
            fail_limit(node, "pattern part expands to more than " + std::to_string(max_alternatives_per_part) +
                                 " alternatives");
        string_set out;
        out.reserve(a.size() * b.size());
        for (const auto& x : a)
            for (const auto& y : b) {
                if (x.size() + y.size() > max_literal_length) fail_too_long(node);
                out.push_back(x + y);
            }
        sort_unique(out);
        return out;
    }

    string_set literal_set(const ast::literal& lit) const {
        std::u32string cps = text::pattern_code_points(lit.text);
        if (cps.empty()) fail(lit, "literal '" + lit.text + "' is empty after normalisation");
        if (cps.size() > max_literal_length) fail_too_long(lit);
        return {std::move(cps)};
    }

    string_set lexicon_set(const ast::lexicon_ref& ref) const {
        const auto it = set.lexicons.find(ref.name);
        if (it == set.lexicons.end()) fail(ref, "unknown lexicon @" + ref.name + " (define it before use)");
        return it->second;
    }

    string_set token_set(const ast::emoji_token& token) const {
        const int index = text::token_index(token.name);
        if (index < 0) fail(token, "unknown emoji token [:" + token.name + ":]");
        return {std::u32string(1, text::token_code_point(static_cast<std::size_t>(index)))};
    }

    // The literal strings a gapless element can match.
    string_set gapless_set(const ast::item& item) const {
        struct visitor {
            using result_type = string_set;
            const impl* self;
            const ast::item* item;
            string_set operator()(const ast::literal& v) const { return self->literal_set(v); }
            string_set operator()(const ast::lexicon_ref& v) const { return self->lexicon_set(v); }
            string_set operator()(const ast::emoji_token& v) const { return self->token_set(v); }
            string_set operator()(const ast::gap&) const {
                self->fail(*item, "gaps are not allowed in lexicons");
            }
            string_set operator()(const ast::anchor&) const {
                self->fail(*item, "anchors are not allowed in lexicons or groups");
            }
            string_set operator()(const x3::forward_ast<ast::group>& g) const {
                string_set out;
                for (const auto& alternative : g.get().alternatives) {
                    string_set s = self->gapless_sequence(alternative, *item);
                    out.insert(out.end(), s.begin(), s.end());
                }
                sort_unique(out);
                return out;
            }
        };
        string_set s = boost::apply_visitor(visitor{this, &item}, item.value);
        if (item.optional) s.push_back(U"");
        sort_unique(s);
        return s;
    }

    string_set gapless_sequence(const ast::sequence& seq, const x3::position_tagged& node) const {
        string_set acc{U""};
        for (const auto& item : seq) acc = product(acc, gapless_set(item), item);
        for (auto& s : acc) s = text::canonical_pattern(s);
        sort_unique(acc);
        (void)node;
        return acc;
    }

    // --- rule patterns ------------------------------------------------------

    // Ends the part under construction. A part that may be empty splits the
    // variant: one where it is absent (its gaps merge) and one where it is not.
    static void close_part(std::vector<open_variant>& variants) {
        std::vector<open_variant> out;
        for (auto& v : variants) {
            for (auto& s : v.current) s = text::canonical_pattern(s);
            sort_unique(v.current);
            if (v.current.size() == 1 && v.current.front().empty()) {
                out.push_back(std::move(v));
                continue;
            }
            if (contains_empty(v.current)) {
                open_variant absent = v;
                absent.current = {U""};
                out.push_back(std::move(absent));
                v.current.erase(std::find(v.current.begin(), v.current.end(), U""));
            }
            v.parts.push_back({std::move(v.current), v.pending});
            v.current = {U""};
            v.pending = {};
            out.push_back(std::move(v));
        }
        variants = std::move(out);
    }

    gap_class class_of(const ast::gap& g) const {
        if (!g.character_class) return gap_class::any;
        if (const auto c = gap_class_named(*g.character_class)) return *c;
        std::string known;
        for (std::uint8_t i = 1; i < gap_class_count; ++i) known += (i > 1 ? ", " : "") + std::string(gap_class_names[i]);
        fail(g, "unknown character class '" + *g.character_class + "' (known: " + known + ")");
    }

    void add_gap(std::vector<open_variant>& variants, const ast::gap& g) const {
        if (g.has_comma && !g.max) fail(g, "a gap needs an upper bound, e.g. {0,4}");
        if (!g.has_comma && g.max) fail(g, "a gap's bounds are separated by a comma, e.g. {2,4}");
        const unsigned lo = g.min.value_or(0);
        const unsigned hi = g.has_comma ? *g.max : lo;
        if (!g.has_comma && !g.min) fail(g, g.character_class ? "a gap needs its length, e.g. {digits 3,14}" : "empty gap {}");
        if (lo > hi) fail(g, "gap lower bound is above its upper bound");
        if (hi > max_gap) fail(g, "gaps span at most " + std::to_string(max_gap) + " characters");
        const gap_class cls = class_of(g);
        close_part(variants);
        for (auto& v : variants) {
            // Two gaps side by side are one gap, and its characters have one
            // class; {0} joins anything.
            const bool pending_empty = v.pending.max == 0 && v.pending.cls == gap_class::any;
            const bool this_empty = hi == 0 && cls == gap_class::any;
            if (!pending_empty && !this_empty && v.pending.cls != cls)
                fail(g, "a gap of a character class cannot stand next to a gap of another class");
            const unsigned merged_max = v.pending.max + hi;
            if (merged_max > max_gap) fail(g, "adjacent gaps span more than " + std::to_string(max_gap) + " characters");
            const gap_class merged_cls = this_empty ? v.pending.cls : cls;
            v.pending = {static_cast<std::uint8_t>(v.pending.min + lo), static_cast<std::uint8_t>(merged_max), merged_cls};
        }
    }

    void add_anchor(std::vector<open_variant>& variants, const ast::anchor& a, bool first, bool last) const {
        if (a.which == '^' && !first) fail(a, "'^' must begin the pattern");
        if (a.which == '$' && !last) fail(a, "'$' must end the pattern");
        for (auto& v : variants) (a.which == '^' ? v.anchor_start : v.anchor_end) = true;
    }

    void add_items(std::vector<open_variant>& variants, const ast::sequence& seq, bool top_level) const {
        for (std::size_t i = 0; i < seq.size(); ++i) {
            const ast::item& item = seq[i];
            if (const auto* g = boost::get<ast::gap>(&item.value.get())) {
                if (item.optional) fail(item, "a gap cannot be optional; use {0,n}");
                add_gap(variants, *g);
            } else if (const auto* a = boost::get<ast::anchor>(&item.value.get())) {
                if (!top_level) fail(item, "anchors are not allowed inside groups");
                add_anchor(variants, *a, i == 0, i + 1 == seq.size());
            } else if (has_gap_or_anchor(item)) {
                add_group_with_gaps(variants, item);
            } else {
                const string_set s = gapless_set(item);
                for (auto& v : variants) v.current = product(v.current, s, item);
            }
            if (variants.size() > max_variants_per_rule)
                fail_limit(item, "pattern expands to more than " + std::to_string(max_variants_per_rule) + " variants");
        }
    }

    // A group whose alternatives contain gaps: each alternative continues
    // every variant separately.
    void add_group_with_gaps(std::vector<open_variant>& variants, const ast::item& item) const {
        const auto& group = boost::get<x3::forward_ast<ast::group>>(item.value.get()).get();
        std::vector<open_variant> out;
        for (const auto& alternative : group.alternatives) {
            std::vector<open_variant> branch = variants;
            add_items(branch, alternative, false);
            out.insert(out.end(), std::make_move_iterator(branch.begin()), std::make_move_iterator(branch.end()));
        }
        if (item.optional) out.insert(out.end(), variants.begin(), variants.end());
        variants = std::move(out);
    }

    std::vector<variant> expand_rule(const ast::rule_statement& r, std::uint32_t rule_index) const {
        std::vector<open_variant> open(1);
        add_items(open, r.pattern, true);
        close_part(open);
        std::vector<variant> out;
        for (auto& v : open) {
            if (v.parts.empty()) fail(r, "pattern can match the empty string");
            if (v.parts.size() > max_parts_per_variant)
                fail_limit(r, "pattern has more than " + std::to_string(max_parts_per_variant) + " parts");
            out.push_back({rule_index, std::move(v.parts), v.anchor_start, v.anchor_end, v.pending});
        }
        return out;
    }

    // --- statements ---------------------------------------------------------

    std::uint32_t intent_of(const x3::position_tagged& node, const std::string& name) const {
        const int index = set.find_intent(name);
        if (index < 0) fail(node, "unknown intent '" + name + "' (declare it with: intent " + name + ")");
        return static_cast<std::uint32_t>(index);
    }

    static bool integral(double v) { return std::floor(v) == v && std::fabs(v) < 1e6; }

    void operator()(const ast::intent_statement& s) {
        int index = set.find_intent(s.name);
        if (index < 0) {
            set.intents.push_back({s.name, {}, 0, false});
            index = static_cast<int>(set.intents.size() - 1);
        }
        intent_info& info = set.intents[static_cast<std::size_t>(index)];
        if (s.description) info.description = *s.description;
        for (const auto& a : s.attributes) {
            if (a.key == "priority" && a.value && integral(*a.value)) info.priority = static_cast<std::int32_t>(*a.value);
            else if (a.key == "negatable" && !a.value) info.negatable = true;
            else if (a.key == "not negatable" && !a.value) info.negatable = false;
            else fail(a, "intents take 'priority N' (an integer) and 'negatable'");
        }
    }

    void operator()(const ast::lexicon_statement& s) {
        string_set values;
        for (const auto& alternative : s.alternatives) {
            string_set alt = gapless_sequence(alternative, s);
            values.insert(values.end(), alt.begin(), alt.end());
        }
        if (contains_empty(values)) fail(s, "lexicon @" + s.name + " can match the empty string");
        auto it = set.lexicons.find(s.name);
        if (s.op == "=") {
            if (it != set.lexicons.end()) fail(s, "lexicon @" + s.name + " is already defined; use += to extend it");
            it = set.lexicons.emplace(s.name, string_set{}).first;
        } else if (it == set.lexicons.end()) {
            fail(s, "lexicon @" + s.name + " is not defined yet; use = to define it");
        }
        it->second.insert(it->second.end(), values.begin(), values.end());
        sort_unique(it->second);
        if (it->second.size() > max_lexicon_size)
            fail_limit(s, "lexicon @" + s.name + " has more than " + std::to_string(max_lexicon_size) + " entries");
    }

    void apply_rule_attribute(rule_info& info, const ast::attribute& a) const {
        if (a.key == "weight" && a.value && *a.value > 0 && *a.value <= max_weight) {
            info.weight = static_cast<float>(*a.value);
        } else if (a.key == "priority" && a.value && integral(*a.value)) {
            info.priority = static_cast<std::int32_t>(*a.value);
            info.priority_set = true;
        } else if ((a.key == "negatable" || a.key == "not negatable") && !a.value) {
            info.negatable = a.key == "negatable";
            info.negatable_set = true;
        } else {
            fail(a, "rules take 'weight W' (0 < W <= 1000), 'priority N' (an integer), 'negatable' or 'not negatable'");
        }
    }

    void operator()(const ast::rule_statement& s) {
        rule_info info;
        info.intent = intent_of(s, s.intent);
        const intent_info& intent = set.intents[info.intent];
        info.priority = intent.priority;
        info.negatable = intent.negatable;
        info.location = src->location(s);
        info.name = s.name ? *s.name : info.location.substr(0, info.location.rfind(':'));
        for (const auto& a : s.attributes) apply_rule_attribute(info, a);
        const auto rule_index = static_cast<std::uint32_t>(set.rules.size());
        std::vector<variant> variants = expand_rule(s, rule_index);
        set.rules.push_back(std::move(info));
        set.variants.insert(set.variants.end(), std::make_move_iterator(variants.begin()),
                            std::make_move_iterator(variants.end()));
    }

    void operator()(const ast::example_statement& s) {
        set.examples.push_back({intent_of(s, s.intent), s.text, src->location(s)});
    }

    void operator()(const ast::template_statement& s) {
        reply::reply_template t{s.key, reply::reply_style::any, s.text, src->location(s)};
        if (s.style) {
            const auto style = reply::style_from(*s.style);
            if (!style || *style == reply::reply_style::any)
                fail(s, "unknown style '" + *s.style + "' (known: short, detailed, warm, formal)");
            t.style = *style;
        }
        if (const std::string problem = reply::check_template_text(s.text); !problem.empty()) fail(s, problem);
        set.templates.push_back(std::move(t));
    }

    void operator()(const ast::flow_statement& s) { flows.add(*src, s); }
    void operator()(const ast::variable_statement& s) { flows.add(*src, s); }
    void operator()(const ast::timer_statement& s) { flows.add(*src, s); }
    void operator()(const ast::state_statement& s) { flows.add(*src, s); }
    void operator()(const ast::transition_statement& s) { flows.add(*src, s); }

    void operator()(const ast::option_statement& s) {
        if (s.name == "negation_window") {
            if (!integral(s.value) || s.value < 0 || s.value > 16) fail(s, "negation_window is an integer from 0 to 16");
            set.negation_window = static_cast<std::uint32_t>(s.value);
        } else {
            fail(s, "unknown option '" + s.name + "' (known: negation_window)");
        }
    }
};

rule_compiler::rule_compiler() : impl_(std::make_unique<impl>()) {}
rule_compiler::rule_compiler(rule_set base) : impl_(std::make_unique<impl>()) { impl_->set = std::move(base); }
rule_compiler::~rule_compiler() = default;

void rule_compiler::add(const dsl::parsed_file& file) {
    impl_->src = file.src.get();
    for (const auto& statement : file.statements) boost::apply_visitor(*impl_, statement.get());
    impl_->flows.end_file();
    impl_->src = nullptr;
}

void rule_compiler::add_source(std::string name, std::string text) {
    add(dsl::parse_rules(std::move(name), std::move(text)));
}

rule_set rule_compiler::finish(invalid_flows flows) && {
    // Flows may name templates of later files, so they are checked once all are in.
    if (flows == invalid_flows::reject) flow::require_valid(impl_->set.flows, impl_->set.templates);
    rule_set out = std::move(impl_->set);
    // Rules without their own priority or negation setting follow their
    // intent's final declaration, so a shop file that redeclares an intent
    // changes the default rules too.
    for (auto& r : out.rules) {
        if (!r.priority_set) r.priority = out.intents[r.intent].priority;
        if (!r.negatable_set) r.negatable = out.intents[r.intent].negatable;
    }
    auto lexicon = [&](const char* name) {
        const auto it = out.lexicons.find(name);
        return it != out.lexicons.end() ? it->second : std::vector<std::u32string>{};
    };
    out.negators = lexicon("negator");
    out.negator_exceptions = lexicon("negator_exception");
    return out;
}

}  // namespace kefu::detail::intent

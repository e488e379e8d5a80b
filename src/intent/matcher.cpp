// Building, matching and model files of the matcher share this file on
// purpose: with building and model files in files of their own, GCC laid out
// matching differently and classification ran 2-4 % slower for the same
// instructions (docs/BENCHMARKS.md, 2026-11-25).
#include "intent/matcher.hpp"

#include <algorithm>
#include <map>
#include <queue>

#include "intent/gap_io.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail::intent {
namespace {

constexpr std::size_t max_states = 1u << 26;
constexpr std::size_t code_point_blocks = 0x110000 >> 8;
constexpr std::uint8_t anchored_start = 1;
constexpr std::uint8_t anchored_end = 2;
constexpr std::uint8_t negator_flag = 1;
constexpr std::uint8_t exception_flag = 2;
constexpr std::size_t partials_prune_threshold = 256;
constexpr std::uint32_t no_partial = 0xFFFFFFFFu;

// The trie as it is built: dense root row, small child lists elsewhere.
struct trie_builder {
    std::vector<std::uint32_t> root;                                      // symbol -> state
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> children{1};  // per state
    std::vector<std::vector<std::uint32_t>> outputs{1};

    explicit trie_builder(std::size_t symbols) : root(symbols, 0) {}

    std::uint32_t child(std::uint32_t state, std::uint32_t symbol) const {
        if (state == 0) return root[symbol];
        for (const auto& [s, t] : children[state])
            if (s == symbol) return t;
        return 0;
    }

    std::uint32_t add_child(std::uint32_t state, std::uint32_t symbol) {
        const auto next = static_cast<std::uint32_t>(children.size());
        if (next >= max_states) throw kefu::error(KEFU_ELIMIT, "rule set is too large for the matcher");
        children.emplace_back();
        outputs.emplace_back();
        if (state == 0) root[symbol] = next;
        else children[state].emplace_back(symbol, next);
        return next;
    }
};

bool is_punctuation(text::char_class c) { return c == text::char_class::punct || c == text::char_class::symbol; }

bool is_edge_class(text::char_class c) {
    return c == text::char_class::punct || c == text::char_class::symbol || c == text::char_class::emoji;
}

// A view position's bits for the gap classes it can fill, and the bits a
// class asks for (one of them is enough: alnum is digits or Latin).
constexpr std::uint8_t digit_bit = 1, latin_bit = 2, han_bit = 4;

std::uint8_t class_bits_of(text::char_class c) {
    switch (c) {
        case text::char_class::digit: return digit_bit;
        case text::char_class::latin: return latin_bit;
        case text::char_class::han: return han_bit;
        default: return 0;
    }
}

std::uint8_t bits_asked_by(gap_class c) {
    switch (c) {
        case gap_class::digits: return digit_bit;
        case gap_class::latin: return latin_bit;
        case gap_class::han: return han_bit;
        case gap_class::alnum: return digit_bit | latin_bit;
        default: return 0xFF;
    }
}

}  // namespace

// --- building ------------------------------------------------------------------

matcher matcher::build(const rule_set& rules) {
    matcher m;
    // Patterns: every distinct literal, with the (variant, part) pairs it serves.
    std::map<std::u32string, std::uint32_t> pattern_ids;
    std::vector<std::vector<occurrence>> pattern_occurrences;
    auto pattern_of = [&](const std::u32string& s) {
        auto [it, inserted] = pattern_ids.emplace(s, static_cast<std::uint32_t>(pattern_ids.size()));
        if (inserted) pattern_occurrences.emplace_back();
        return it->second;
    };
    for (std::uint32_t v = 0; v < rules.variants.size(); ++v) {
        const variant& var = rules.variants[v];
        variant_info info{};
        info.rule = var.rule;
        info.part_begin = static_cast<std::uint32_t>(m.part_gaps_.size());
        info.part_count = static_cast<std::uint16_t>(var.parts.size());
        info.flags = static_cast<std::uint8_t>((var.anchor_start ? anchored_start : 0) | (var.anchor_end ? anchored_end : 0));
        info.gap_after = var.gap_after;
        m.variants_.push_back(info);
        for (std::uint32_t k = 0; k < var.parts.size(); ++k) {
            m.part_gaps_.push_back(var.parts[k].gap_before);
            for (const auto& alternative : var.parts[k].alternatives)
                pattern_occurrences[pattern_of(alternative)].push_back({v, k});
        }
    }
    std::vector<std::uint8_t> flags(pattern_ids.size(), 0);
    auto flag_all = [&](const std::vector<std::u32string>& strings, std::uint8_t flag) {
        for (const auto& str : strings) {
            const std::uint32_t p = pattern_of(str);
            flags.resize(pattern_ids.size(), 0);
            flags[p] |= flag;
        }
    };
    flag_all(rules.negators, negator_flag);
    flag_all(rules.negator_exceptions, exception_flag);
    flags.resize(pattern_ids.size(), 0);
    for (const auto& r : rules.rules) m.rules_.push_back({static_cast<std::uint8_t>(r.negatable ? 1 : 0)});
    m.negation_window_ = rules.negation_window;

    // Alphabet: dense symbols for the code points that occur in patterns.
    std::map<char32_t, std::uint32_t> alphabet;
    for (const auto& [s, id] : pattern_ids)
        for (char32_t cp : s) alphabet.emplace(cp, 0);
    std::uint32_t next_symbol = 1;
    for (auto& [cp, symbol] : alphabet) symbol = next_symbol++;
    m.symbol_count_ = next_symbol;
    m.alphabet_stage1_.assign(code_point_blocks, 0);
    m.alphabet_stage2_.assign(256, 0);  // block 0: all zero
    for (const auto& [cp, symbol] : alphabet) {
        const std::size_t block = cp >> 8;
        if (m.alphabet_stage1_[block] == 0) {
            m.alphabet_stage1_[block] = static_cast<std::uint16_t>(m.alphabet_stage2_.size() / 256);
            m.alphabet_stage2_.resize(m.alphabet_stage2_.size() + 256, 0);
        }
        m.alphabet_stage2_[m.alphabet_stage1_[block] * 256u + (cp & 0xFF)] = symbol;
    }

    // Trie of all patterns.
    trie_builder trie(m.symbol_count_);
    m.pattern_length_.resize(pattern_ids.size());
    for (const auto& [s, id] : pattern_ids) {
        // The compiler refuses such rules with their location; a rule set
        // made some other way is refused here.
        if (s.size() > max_literal_length) throw kefu::error(KEFU_ELIMIT, "a rule literal is too long for the matcher");
        std::uint32_t state = 0;
        for (char32_t cp : s) {
            const std::uint32_t symbol = m.symbol_of(cp);
            std::uint32_t next = trie.child(state, symbol);
            state = next ? next : trie.add_child(state, symbol);
        }
        trie.outputs[state].push_back(id);
        m.pattern_length_[id] = static_cast<std::uint32_t>(s.size());
        m.longest_pattern_ = std::max(m.longest_pattern_, m.pattern_length_[id]);
    }

    // Breadth-first numbering, so that failure and dictionary links always
    // point to a smaller state number (a loaded model can be checked for that,
    // and matching can never loop).
    const std::size_t n = trie.children.size();
    std::vector<std::uint32_t> order{0}, renumber(n, 0), fail(n, 0), dict(n, no_state);
    order.reserve(n);
    for (std::size_t head = 0; head < order.size(); ++head) {
        const std::uint32_t s = order[head];
        auto visit = [&](std::uint32_t symbol, std::uint32_t t) {
            std::uint32_t f = s == 0 ? 0 : fail[s];
            std::uint32_t target = 0;
            if (s != 0) {
                while (true) {
                    target = trie.child(f, symbol);
                    if (target != 0 || f == 0) break;
                    f = fail[f];
                }
            }
            fail[t] = (target == t) ? 0 : target;
            dict[t] = !trie.outputs[fail[t]].empty() ? fail[t] : dict[fail[t]];
            renumber[t] = static_cast<std::uint32_t>(order.size());
            order.push_back(t);
        };
        if (s == 0) {
            for (std::uint32_t symbol = 0; symbol < trie.root.size(); ++symbol)
                if (trie.root[symbol]) visit(symbol, trie.root[symbol]);
        } else {
            auto& kids = trie.children[s];
            std::sort(kids.begin(), kids.end());
            for (const auto& [symbol, t] : kids) visit(symbol, t);
        }
    }

    // Flatten in breadth-first order.
    m.root_next_.assign(m.symbol_count_, 0);
    for (std::uint32_t symbol = 0; symbol < trie.root.size(); ++symbol)
        if (trie.root[symbol]) m.root_next_[symbol] = renumber[trie.root[symbol]];
    m.states_.reserve(n + 1);
    for (std::uint32_t s : order) {
        m.states_.push_back({static_cast<std::uint32_t>(m.edges_.size()), static_cast<std::uint32_t>(m.outputs_.size()),
                             renumber[fail[s]], dict[s] == no_state ? no_state : renumber[dict[s]]});
        if (s != 0)
            for (const auto& [symbol, t] : trie.children[s]) m.edges_.push_back({symbol, renumber[t]});
        m.outputs_.insert(m.outputs_.end(), trie.outputs[s].begin(), trie.outputs[s].end());
    }
    m.states_.push_back({static_cast<std::uint32_t>(m.edges_.size()), static_cast<std::uint32_t>(m.outputs_.size()), 0,
                         no_state});  // sentinel: ends the last state's ranges

    for (std::size_t p = 0; p < pattern_occurrences.size(); ++p) {
        auto& occs = pattern_occurrences[p];
        std::sort(occs.begin(), occs.end(), [](const occurrence& a, const occurrence& b) {
            return a.variant != b.variant ? a.variant < b.variant : a.part < b.part;
        });
        m.occurrence_begin_.push_back(static_cast<std::uint32_t>(m.occurrences_.size()));
        m.continuation_begin_.push_back(static_cast<std::uint32_t>(m.continuations_.size()));
        for (const occurrence& o : occs) (o.part == 0 ? m.occurrences_ : m.continuations_).push_back(o);
        m.pattern_flags_.push_back(flags[p]);
    }
    m.occurrence_begin_.push_back(static_cast<std::uint32_t>(m.occurrences_.size()));
    m.continuation_begin_.push_back(static_cast<std::uint32_t>(m.continuations_.size()));
    m.derive();
    return m;
}

// State derived from the tables on build and on load, never read from a file.
void matcher::derive() {
    std::vector<std::uint32_t> anchored_begin;
    order_starts(anchored_begin);
    build_match_records(anchored_begin);
}

// Each pattern's starts: unanchored variants first, then anchored ones by
// how far into the message they may start, furthest first. Matching then
// stops at the first anchored start that lies too far in, instead of
// rejecting one by one the variants that every digit of a long number
// would otherwise start. Done on load as well, so that the order is never
// taken on trust from a file.
void matcher::order_starts(std::vector<std::uint32_t>& anchored_begin) {
    auto anchored = [&](const occurrence& o) { return (variants_[o.variant].flags & anchored_start) != 0; };
    auto reach = [&](const occurrence& o) {
        return anchored(o) ? static_cast<int>(part_gaps_[variants_[o.variant].part_begin].max) : 256;
    };
    anchored_begin.clear();
    for (std::size_t p = 0; p + 1 < occurrence_begin_.size(); ++p) {
        const auto first = occurrences_.begin() + occurrence_begin_[p];
        const auto last = occurrences_.begin() + occurrence_begin_[p + 1];
        std::stable_sort(first, last, [&](const occurrence& a, const occurrence& b) { return reach(a) > reach(b); });
        const auto anchored_first = std::find_if(first, last, anchored);
        anchored_begin.push_back(static_cast<std::uint32_t>(anchored_first - occurrences_.begin()));
    }
}

// The tables matching reads, laid out from the stored ones: a record per
// entry of outputs_ and a start per (ordered) entry of occurrences_.
void matcher::build_match_records(const std::vector<std::uint32_t>& anchored_begin) {
    starts_.clear();
    starts_.reserve(occurrences_.size());
    for (const occurrence& o : occurrences_) {
        const variant_info& v = variants_[o.variant];
        starts_.push_back({o.variant, part_gaps_[v.part_begin], static_cast<std::uint8_t>(v.part_count == 1)});
    }
    found_.clear();
    found_.reserve(outputs_.size());
    for (const std::uint32_t p : outputs_)
        found_.push_back({occurrence_begin_[p], anchored_begin[p], occurrence_begin_[p + 1], continuation_begin_[p],
                          continuation_begin_[p + 1], static_cast<std::uint16_t>(pattern_length_[p]), pattern_flags_[p]});
}

// --- matching ------------------------------------------------------------------

std::uint32_t matcher::symbol_of(char32_t cp) const noexcept {
    if (cp >= 0x110000 || alphabet_stage1_.empty()) return 0;
    return alphabet_stage2_[alphabet_stage1_[cp >> 8] * 256u + (cp & 0xFF)];
}

std::uint32_t matcher::step(std::uint32_t state, std::uint32_t symbol) const noexcept {
    if (symbol == 0) return 0;
    while (state != 0) {
        const edge* first = edges_.data() + states_[state].edge_begin;
        const edge* last = edges_.data() + states_[state + 1].edge_begin;
        const edge* it = std::lower_bound(first, last, symbol, [](const edge& e, std::uint32_t v) { return e.symbol < v; });
        if (it != last && it->symbol == symbol) return it->target;
        state = states_[state].fail;
    }
    return root_next_[symbol];
}

// Whether each of view positions [from, to) is of the class (any: always).
bool matcher::of_class(const match_scratch& s, std::uint32_t from, std::uint32_t to, gap_class cls) const noexcept {
    if (cls == gap_class::any) return true;
    const std::uint8_t asked = bits_asked_by(cls);
    for (std::uint32_t p = from; p < to; ++p)
        if ((s.view[p].class_bits & asked) == 0) return false;
    return true;
}

// Whether view positions [from, to) can fill the gap: as many as it allows,
// each of its class.
bool matcher::gap_holds(const match_scratch& s, std::uint32_t from, std::uint32_t to, gap_range gap) const noexcept {
    return from <= to && to - from >= gap.min && to - from <= gap.max && of_class(s, from, to, gap.cls);
}

void matcher::prepare_view(const text::normalized& text, match_scratch& s) const {
    s.view.clear();
    std::uint32_t clause = 0;
    for (std::uint32_t i = 0; i < text.units.size(); ++i) {
        const text::unit& u = text.units[i];
        if (u.cls == text::char_class::space) {  // spaces separate clauses but are not matched
            ++clause;
            continue;
        }
        s.view.push_back({symbol_of(u.cp), i, clause, class_bits_of(u.cls)});
        if (u.cls == text::char_class::punct) ++clause;
    }
}

// A new epoch forgets every variant's list of partials at once.
void matcher::next_epoch(match_scratch& s) const {
    s.variants.resize(variants_.size(), {0, no_partial});
    if (++s.epoch == 0) {
        for (auto& slot : s.variants) slot.epoch = 0;
        s.epoch = 1;
    }
}

void matcher::prune_partials(match_scratch& s, std::uint32_t position) const {
    const std::uint32_t horizon = max_gap + longest_pattern_;
    std::erase_if(s.partials, [&](const auto& q) { return q.end + horizon < position; });
    next_epoch(s);
    for (std::uint32_t q = 0; q < s.partials.size(); ++q) {
        auto& partial = s.partials[q];
        auto& slot = s.variants[partial.variant];
        partial.previous = slot.epoch == s.epoch ? slot.head : no_partial;
        slot = {s.epoch, q};
    }
}

// The steps of matching are lambdas in one function on purpose: written as
// member functions of a per-message class, each forced inline, the same
// steps took 1.2 % more instructions and ran 0.88-0.95x as fast on the chat
// corpus (docs/BENCHMARKS.md, 2026-11-25).
void matcher::match(const text::normalized& text, match_scratch& s, std::vector<rule_hit>& out) const {
    out.clear();
    if (variants_.empty()) return;
    prepare_view(text, s);
    const auto n = static_cast<std::uint32_t>(s.view.size());
    // Anchors ignore punctuation and emoji at either end; a pattern that asks
    // for an emoji at its anchored end may also anchor where only punctuation
    // is ignored.
    std::uint32_t content_begin = 0, content_end = n;
    while (content_begin < n && is_edge_class(text.units[s.view[content_begin].unit].cls)) ++content_begin;
    while (content_end > content_begin && is_edge_class(text.units[s.view[content_end - 1].unit].cls)) --content_end;
    std::uint32_t text_begin = 0, text_end = n;
    while (text_begin < n && is_punctuation(text.units[s.view[text_begin].unit].cls)) ++text_begin;
    while (text_end > text_begin && is_punctuation(text.units[s.view[text_end - 1].unit].cls)) --text_end;
    auto within = [&](std::uint32_t from, std::uint32_t to, gap_range gap) { return gap_holds(s, from, to, gap); };

    if (++s.stamp == 0) {  // wrapped: forget all stamps
        std::fill(s.rule_stamp.begin(), s.rule_stamp.end(), 0);
        s.live_variants.fill({0, 0});
        s.stamp = 1;
    }
    if (s.rule_stamp.size() != rules_.size()) {  // a new scratch, or one used with another matcher
        s.rule_stamp.resize(rules_.size(), 0);
        s.rule_slot.resize(rules_.size(), 0);
    }
    next_epoch(s);
    s.partials.clear();
    s.negators.clear();
    s.exceptions.clear();

    // A negator cancels a match when it starts before the match and ends at
    // most negation_window characters before it (or inside it), in the same
    // clause. Negators are recorded in end order.
    auto negated_at = [&](std::uint32_t begin) {
        for (auto it = s.negators.rbegin(); it != s.negators.rend(); ++it) {
            if (it->begin >= begin) continue;
            if (it->end < begin && begin - it->end > negation_window_) break;
            if (it->clause == s.view[begin].clause) return true;
        }
        return false;
    };
    auto inside_exception = [&](std::uint32_t begin, std::uint32_t end) {
        for (const auto& e : s.exceptions)
            if (e.begin <= begin && e.end >= end) return true;
        return false;
    };
    auto record_spans = [&](std::uint8_t flags, std::uint32_t begin, std::uint32_t end) {
        if (flags & exception_flag) {  // cancels negators inside it, seen before or after
            s.exceptions.push_back({begin, end, s.view[begin].clause});
            std::erase_if(s.negators, [&](const auto& neg) { return neg.begin >= begin && neg.end <= end; });
        }
        if ((flags & negator_flag) && !inside_exception(begin, end)) s.negators.push_back({begin, end, s.view[begin].clause});
    };
    auto finish = [&](const variant_info& v, std::uint32_t begin, std::uint32_t end) {
        if (v.flags & anchored_end) {
            if (!within(end, content_end, v.gap_after) && !within(end, text_end, v.gap_after)) return;
        } else if (n - end < v.gap_after.min || !of_class(s, end, end + v.gap_after.min, v.gap_after.cls)) {
            return;  // an unanchored trailing gap needs its characters
        }
        const bool negated = rules_[v.rule].negatable && negated_at(begin);
        if (s.rule_stamp[v.rule] != s.stamp) {
            s.rule_stamp[v.rule] = s.stamp;
            s.rule_slot[v.rule] = static_cast<std::uint32_t>(out.size());
            out.push_back({v.rule, begin, end, negated});
        } else if (rule_hit& h = out[s.rule_slot[v.rule]]; (h.negated && !negated) || (h.negated == negated && begin < h.begin)) {
            h = {v.rule, begin, end, negated};  // a non-negated match wins, then the leftmost
        }
    };
    auto head_of = [&](std::uint32_t variant) {
        const auto slot = s.variants[variant];
        return slot.epoch == s.epoch ? slot.head : no_partial;
    };
    auto add_partial = [&](std::uint32_t variant, std::uint32_t part, std::uint32_t chain_begin, std::uint32_t end) {
        s.partials.push_back({variant, part, chain_begin, end, head_of(variant)});
        s.variants[variant] = {s.epoch, static_cast<std::uint32_t>(s.partials.size() - 1)};
        match_scratch::live_word& word = s.live_variants[(variant >> 6) & 31];
        if (word.stamp != s.stamp) word = {0, s.stamp};
        word.bits |= std::uint64_t{1} << (variant & 63);
    };
    auto may_be_live = [&](std::uint32_t variant) {
        const match_scratch::live_word& word = s.live_variants[(variant >> 6) & 31];
        return word.stamp == s.stamp && ((word.bits >> (variant & 63)) & 1);
    };
    // Starts the variants that pattern p (at begin..end) begins, up to the
    // first anchored one that would begin too far into the message: the
    // anchored starts come last, ordered by how far in they may begin.
    auto start_variants = [&](const found_pattern& p, std::uint32_t begin, std::uint32_t end) {
        auto start_one = [&](const start& st) {
            if (st.single) finish(variants_[st.variant], begin, end);
            else add_partial(st.variant, 0, begin, end);
        };
        for (std::uint32_t o = p.starts_begin; o < p.anchored_begin; ++o) {
            // an unanchored leading gap needs its characters
            const start& st = starts_[o];
            if (begin >= st.gap.min && of_class(s, begin - st.gap.min, begin, st.gap.cls)) start_one(st);
        }
        for (std::uint32_t o = p.anchored_begin; o < p.starts_end; ++o) {
            const start& st = starts_[o];
            if (begin > content_begin + st.gap.max) break;  // text_begin <= content_begin: neither anchor is in reach
            if (within(content_begin, begin, st.gap) || within(text_begin, begin, st.gap)) start_one(st);
        }
    };
    // Extends the partial matches that pattern p (at begin..end) continues:
    // for each (variant, part) it can continue, the variant's own partials.
    auto continue_partials = [&](const found_pattern& p, std::uint32_t begin, std::uint32_t end) {
        // Walked by pointer, so the range's end is read once and not again
        // after every partial added (the compiler cannot rule out aliasing).
        const occurrence* const last = continuations_.data() + p.continuations_end;
        for (const occurrence* o = continuations_.data() + p.continuations_begin; o != last; ++o) {
            const occurrence occ = *o;
            if (!may_be_live(occ.variant)) continue;
            const std::uint32_t head = head_of(occ.variant);
            if (head == no_partial) continue;  // usually: skip before touching the variant's record
            const variant_info& v = variants_[occ.variant];
            const gap_range gap = part_gaps_[v.part_begin + occ.part];
            // Of the chains this part can extend: one that no negator cancels,
            // then the one that began leftmost.
            std::uint32_t chain_begin = no_partial;
            bool chain_negated = true;
            const bool negatable = rules_[v.rule].negatable;
            for (std::uint32_t q = head; q != no_partial; q = s.partials[q].previous) {
                const match_scratch::partial prev = s.partials[q];
                if (prev.end > begin) continue;
                const std::uint32_t distance = begin - prev.end;
                // The list runs from the latest partial back, so the rest end
                // earlier still and lie further from this part: stop here
                // instead of walking, say, one partial per digit of a long number.
                if (distance > gap.max) break;
                if (prev.part + 1 != occ.part || distance < gap.min) continue;
                if (!of_class(s, prev.end, begin, gap.cls)) continue;
                const bool negated = negatable && negated_at(prev.chain_begin);
                if ((chain_negated && !negated) || (negated == chain_negated && prev.chain_begin < chain_begin)) {
                    chain_begin = prev.chain_begin;
                    chain_negated = negated;
                }
            }
            if (chain_begin == no_partial) continue;
            if (occ.part + 1u == v.part_count) finish(v, chain_begin, end);
            else add_partial(occ.variant, occ.part, chain_begin, end);
        }
    };
    auto on_pattern = [&](const found_pattern& p, std::uint32_t begin, std::uint32_t end) {
        if (p.flags) record_spans(p.flags, begin, end);
        if (!s.partials.empty()) continue_partials(p, begin, end);
        start_variants(p, begin, end);
    };

    std::uint32_t state = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
        state = step(state, s.view[i].symbol);
        for (std::uint32_t t = (states_[state].output_begin != states_[state + 1].output_begin) ? state
                                                                                              : states_[state].dict_link;
             t != no_state; t = states_[t].dict_link) {
            for (std::uint32_t o = states_[t].output_begin; o < states_[t + 1].output_begin; ++o) {
                const found_pattern& p = found_[o];
                on_pattern(p, i + 1 - p.length, i + 1);
            }
        }
        // Partial chains that can no longer be continued are forgotten, which
        // keeps long messages linear: the per-variant lists are rebuilt from
        // the survivors.
        if (s.partials.size() > partials_prune_threshold) prune_partials(s, i);
    }
    for (rule_hit& h : out) {  // view positions -> normalised character indices
        h.end = s.view[h.end - 1].unit + 1;
        h.begin = s.view[h.begin].unit;
    }
    std::sort(out.begin(), out.end(), [](const rule_hit& a, const rule_hit& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.rule < b.rule;
    });
}

std::size_t matcher::memory_bytes() const noexcept {
    auto bytes = [](const auto& v) { return v.size() * sizeof(v[0]); };
    return bytes(alphabet_stage1_) + bytes(alphabet_stage2_) + bytes(root_next_) + bytes(states_) + bytes(edges_) +
           bytes(outputs_) + bytes(pattern_length_) + bytes(pattern_flags_) + bytes(occurrence_begin_) +
           bytes(occurrences_) + bytes(continuation_begin_) + bytes(continuations_) + bytes(found_) + bytes(starts_) +
           bytes(variants_) + bytes(part_gaps_) + bytes(rules_);
}

// --- serialisation ---------------------------------------------------------------

void matcher::save(model::writer& w, std::uint32_t format) const {
    w.u32(symbol_count_);
    w.u32(negation_window_);
    w.u32(longest_pattern_);
    w.vec(alphabet_stage1_);
    w.vec(alphabet_stage2_);
    w.vec(root_next_);
    w.vec(states_);
    w.vec(edges_);
    w.vec(outputs_);
    w.vec(pattern_length_);
    w.vec(pattern_flags_);
    w.vec(occurrence_begin_);
    w.vec(occurrences_);
    w.vec(continuation_begin_);
    w.vec(continuations_);
    w.vec(variants_);
    w.u64(part_gaps_.size());
    for (const gap_range& g : part_gaps_) write_gap(w, g, format);
    w.vec(rules_);
}

matcher matcher::load(model::reader& r, std::uint32_t format) {
    matcher m;
    m.symbol_count_ = r.u32();
    m.negation_window_ = r.u32();
    m.longest_pattern_ = r.u32();
    m.alphabet_stage1_ = r.vec<std::uint16_t>();
    m.alphabet_stage2_ = r.vec<std::uint32_t>();
    m.root_next_ = r.vec<std::uint32_t>();
    m.states_ = r.vec<state_info>();
    m.edges_ = r.vec<edge>();
    m.outputs_ = r.vec<std::uint32_t>();
    m.pattern_length_ = r.vec<std::uint32_t>();
    m.pattern_flags_ = r.vec<std::uint8_t>();
    m.occurrence_begin_ = r.vec<std::uint32_t>();
    m.occurrences_ = r.vec<occurrence>();
    m.continuation_begin_ = r.vec<std::uint32_t>();
    m.continuations_ = r.vec<occurrence>();
    m.variants_ = r.vec<variant_info>();
    m.part_gaps_.resize(r.count(stored_gap_bytes(format)));
    for (gap_range& g : m.part_gaps_) g = read_gap(r, format);
    for (const variant_info& v : m.variants_) check_gap_class(v.gap_after, format);
    m.rules_ = r.vec<rule_flags>();
    m.validate();
    m.derive();
    return m;
}

// Every index in a loaded automaton must be in range, and every link must
// point backwards in breadth-first order: then no input can make matching
// read out of bounds or loop, whatever the file held.
void matcher::validate() const {
    auto check = [](bool ok, const char* what) {
        if (!ok) model::reader::corrupt(std::string("matcher: ") + what);
    };
    check(!states_.empty(), "state table is empty");
    const std::size_t states = states_.size() - 1;  // the last record is a sentinel
    const std::size_t patterns = pattern_length_.size();
    check(alphabet_stage1_.empty() || alphabet_stage1_.size() == code_point_blocks, "alphabet table size");
    check(alphabet_stage2_.size() % 256 == 0, "alphabet block size");
    for (auto b : alphabet_stage1_) check(b * 256u < alphabet_stage2_.size(), "alphabet block index");
    for (auto sym : alphabet_stage2_) check(sym < symbol_count_, "alphabet symbol");
    check((root_next_.size() == symbol_count_ && states > 0) || variants_.empty(), "root row size");
    for (auto t : root_next_) check(t < states, "root edge target");
    check(states_[states].edge_begin == edges_.size() && states_[states].output_begin == outputs_.size(),
          "state table sentinel");
    // All ranges first: only when every one is in order (and the sentinel
    // ends them) may edges be read through them.
    for (std::size_t s = 0; s < states; ++s)
        check(states_[s].edge_begin <= states_[s + 1].edge_begin &&
                  states_[s].output_begin <= states_[s + 1].output_begin,
              "state ranges");
    for (std::size_t s = 0; s < states; ++s) {
        const state_info& st = states_[s];
        check(s == 0 ? st.fail == 0 : st.fail < s, "failure link");
        check(st.dict_link == no_state || st.dict_link < s, "dictionary link");
        for (std::uint32_t e = st.edge_begin; e < states_[s + 1].edge_begin; ++e)
            check(edges_[e].target < states && edges_[e].target > s && edges_[e].symbol < symbol_count_, "edge");
    }
    for (auto p : outputs_) check(p < patterns, "output pattern");
    // A pattern reported at a state must be exactly as long as the state is
    // deep: then a match never starts before the message does.
    std::vector<std::uint32_t> depth(states, 0);
    for (std::uint32_t symbol = 0; symbol < root_next_.size(); ++symbol)
        if (root_next_[symbol]) depth[root_next_[symbol]] = 1;
    for (std::size_t s = 1; s < states; ++s)
        for (std::uint32_t e = states_[s].edge_begin; e < states_[s + 1].edge_begin; ++e)
            depth[edges_[e].target] = depth[s] + 1;
    for (std::size_t s = 0; s < states; ++s)
        for (std::uint32_t o = states_[s].output_begin; o < states_[s + 1].output_begin; ++o)
            check(pattern_length_[outputs_[o]] == depth[s] && depth[s] > 0, "pattern length does not match the trie");
    check(pattern_flags_.size() == patterns && occurrence_begin_.size() == patterns + 1, "pattern table sizes");
    for (std::size_t p = 0; p < patterns; ++p) {
        check(pattern_length_[p] > 0 && pattern_length_[p] <= longest_pattern_ && pattern_length_[p] <= max_literal_length,
              "pattern length");
        check(occurrence_begin_[p] <= occurrence_begin_[p + 1] && occurrence_begin_[p + 1] <= occurrences_.size(),
              "occurrence range");
    }
    check(continuation_begin_.size() == patterns + 1, "continuation table size");
    for (std::size_t p = 0; p < patterns; ++p)
        check(continuation_begin_[p] <= continuation_begin_[p + 1] && continuation_begin_[p + 1] <= continuations_.size(),
              "continuation range");
    for (const auto& o : occurrences_)
        check(o.variant < variants_.size() && o.part == 0, "occurrence");
    for (const auto& o : continuations_)
        check(o.variant < variants_.size() && o.part > 0 && o.part < variants_[o.variant].part_count, "continuation");
    for (const auto& v : variants_) {
        check(v.rule < rules_.size() && v.part_count > 0, "variant");
        check(std::size_t{v.part_begin} + v.part_count <= part_gaps_.size(), "variant parts");
    }
}

}  // namespace kefu::detail::intent

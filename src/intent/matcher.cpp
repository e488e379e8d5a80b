// Matching a message against the compiled rules (building is in
// matcher_build.cpp, model files in matcher_io.cpp).
#include "intent/matcher.hpp"

#include <algorithm>

namespace kefu::detail::intent {
namespace {

constexpr std::size_t partials_prune_threshold = 256;
constexpr std::uint32_t no_partial = 0xFFFFFFFFu;

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

}  // namespace kefu::detail::intent

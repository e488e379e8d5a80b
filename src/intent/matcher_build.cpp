// Compiling a rule set into the matcher's automaton and tables (matching is
// in matcher.cpp, files in matcher_io.cpp).
#include <algorithm>
#include <map>

#include "intent/matcher.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail::intent {
namespace {

constexpr std::size_t max_states = 1u << 26;

// The trie as it is built: dense root row, small child lists elsewhere.
struct trie_builder {
    std::vector<std::uint32_t> root;                                                // symbol -> state
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> children{1};  // per state
    std::vector<std::vector<std::uint32_t>> outputs{1};

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

}  // namespace

// One build, step by step: the patterns of the variants, the alphabet, the
// trie with its failure links in breadth-first order, and the tables that
// say which variants each pattern starts or continues.
class matcher::builder {
public:
    builder(const rule_set& rules, matcher& m) : rules_(rules), m_(m) {}

    void run() {
        collect_variants();
        flag_patterns();
        build_alphabet();
        build_trie();
        link_breadth_first();
        flatten();
        store_occurrences();
        m_.derive();
    }

private:
    std::uint32_t pattern_of(const std::u32string& s);
    void collect_variants();
    void flag_patterns();
    void build_alphabet();
    void build_trie();
    void link_breadth_first();
    void visit(std::uint32_t parent, std::uint32_t symbol, std::uint32_t child);
    void flatten();
    void store_occurrences();

    const rule_set& rules_;
    matcher& m_;
    // Every distinct literal, with the (variant, part) pairs it serves.
    std::map<std::u32string, std::uint32_t> pattern_ids_;
    std::vector<std::vector<occurrence>> pattern_occurrences_;
    std::vector<std::uint8_t> pattern_flags_;  // negator, negator exception
    trie_builder trie_;
    // The trie's states in breadth-first order, their new numbers in it, and
    // their failure and dictionary links (in the trie's numbering).
    std::vector<std::uint32_t> order_, renumber_, fail_, dict_;
};

matcher matcher::build(const rule_set& rules) {
    matcher m;
    builder(rules, m).run();
    return m;
}

std::uint32_t matcher::builder::pattern_of(const std::u32string& s) {
    auto [it, inserted] = pattern_ids_.emplace(s, static_cast<std::uint32_t>(pattern_ids_.size()));
    if (inserted) pattern_occurrences_.emplace_back();
    return it->second;
}

void matcher::builder::collect_variants() {
    for (std::uint32_t v = 0; v < rules_.variants.size(); ++v) {
        const variant& var = rules_.variants[v];
        variant_info info{};
        info.rule = var.rule;
        info.part_begin = static_cast<std::uint32_t>(m_.part_gaps_.size());
        info.part_count = static_cast<std::uint16_t>(var.parts.size());
        info.flags = static_cast<std::uint8_t>((var.anchor_start ? anchored_start : 0) | (var.anchor_end ? anchored_end : 0));
        info.gap_after = var.gap_after;
        m_.variants_.push_back(info);
        for (std::uint32_t k = 0; k < var.parts.size(); ++k) {
            m_.part_gaps_.push_back(var.parts[k].gap_before);
            for (const auto& alternative : var.parts[k].alternatives)
                pattern_occurrences_[pattern_of(alternative)].push_back({v, k});
        }
    }
    for (const auto& r : rules_.rules) m_.rules_.push_back({static_cast<std::uint8_t>(r.negatable ? 1 : 0)});
    m_.negation_window_ = rules_.negation_window;
}

// Negators and their exceptions are patterns too, found by the same scan.
void matcher::builder::flag_patterns() {
    auto flag_all = [&](const std::vector<std::u32string>& strings, std::uint8_t flag) {
        for (const auto& str : strings) {
            const std::uint32_t p = pattern_of(str);
            pattern_flags_.resize(pattern_ids_.size(), 0);
            pattern_flags_[p] |= flag;
        }
    };
    pattern_flags_.assign(pattern_ids_.size(), 0);
    flag_all(rules_.negators, negator_flag);
    flag_all(rules_.negator_exceptions, exception_flag);
}

// Dense symbols for the code points that occur in patterns, in a two-stage
// table.
void matcher::builder::build_alphabet() {
    std::map<char32_t, std::uint32_t> alphabet;
    for (const auto& [s, id] : pattern_ids_)
        for (char32_t cp : s) alphabet.emplace(cp, 0);
    std::uint32_t next_symbol = 1;
    for (auto& [cp, symbol] : alphabet) symbol = next_symbol++;
    m_.symbol_count_ = next_symbol;
    m_.alphabet_stage1_.assign(code_point_blocks, 0);
    m_.alphabet_stage2_.assign(256, 0);  // block 0: all zero
    for (const auto& [cp, symbol] : alphabet) {
        const std::size_t block = cp >> 8;
        if (m_.alphabet_stage1_[block] == 0) {
            m_.alphabet_stage1_[block] = static_cast<std::uint16_t>(m_.alphabet_stage2_.size() / 256);
            m_.alphabet_stage2_.resize(m_.alphabet_stage2_.size() + 256, 0);
        }
        m_.alphabet_stage2_[m_.alphabet_stage1_[block] * 256u + (cp & 0xFF)] = symbol;
    }
}

void matcher::builder::build_trie() {
    trie_.root.assign(m_.symbol_count_, 0);
    m_.pattern_length_.resize(pattern_ids_.size());
    for (const auto& [s, id] : pattern_ids_) {
        // The compiler refuses such rules with their location; a rule set
        // made some other way is refused here.
        if (s.size() > max_literal_length) throw kefu::error(KEFU_ELIMIT, "a rule literal is too long for the matcher");
        std::uint32_t state = 0;
        for (char32_t cp : s) {
            const std::uint32_t symbol = m_.symbol_of(cp);
            std::uint32_t next = trie_.child(state, symbol);
            state = next ? next : trie_.add_child(state, symbol);
        }
        trie_.outputs[state].push_back(id);
        m_.pattern_length_[id] = static_cast<std::uint32_t>(s.size());
        m_.longest_pattern_ = std::max(m_.longest_pattern_, m_.pattern_length_[id]);
    }
}

// Breadth-first numbering, so that failure and dictionary links always point
// to a smaller state number (a loaded model can be checked for that, and
// matching can never loop).
void matcher::builder::link_breadth_first() {
    const std::size_t n = trie_.children.size();
    order_ = {0};
    order_.reserve(n);
    renumber_.assign(n, 0);
    fail_.assign(n, 0);
    dict_.assign(n, no_state);
    for (std::size_t head = 0; head < order_.size(); ++head) {
        const std::uint32_t s = order_[head];
        if (s == 0) {
            for (std::uint32_t symbol = 0; symbol < trie_.root.size(); ++symbol)
                if (trie_.root[symbol]) visit(s, symbol, trie_.root[symbol]);
        } else {
            auto& kids = trie_.children[s];
            std::sort(kids.begin(), kids.end());
            for (const auto& [symbol, t] : kids) visit(s, symbol, t);
        }
    }
}

// The links of `child` (reached from `parent` by `symbol`), and its place in
// the order.
void matcher::builder::visit(std::uint32_t parent, std::uint32_t symbol, std::uint32_t child) {
    std::uint32_t f = parent == 0 ? 0 : fail_[parent];
    std::uint32_t target = 0;
    if (parent != 0) {
        while (true) {
            target = trie_.child(f, symbol);
            if (target != 0 || f == 0) break;
            f = fail_[f];
        }
    }
    fail_[child] = (target == child) ? 0 : target;
    dict_[child] = !trie_.outputs[fail_[child]].empty() ? fail_[child] : dict_[fail_[child]];
    renumber_[child] = static_cast<std::uint32_t>(order_.size());
    order_.push_back(child);
}

// The trie as flat tables, in breadth-first order.
void matcher::builder::flatten() {
    m_.root_next_.assign(m_.symbol_count_, 0);
    for (std::uint32_t symbol = 0; symbol < trie_.root.size(); ++symbol)
        if (trie_.root[symbol]) m_.root_next_[symbol] = renumber_[trie_.root[symbol]];
    m_.states_.reserve(order_.size() + 1);
    for (std::uint32_t s : order_) {
        m_.states_.push_back({static_cast<std::uint32_t>(m_.edges_.size()), static_cast<std::uint32_t>(m_.outputs_.size()),
                              renumber_[fail_[s]], dict_[s] == no_state ? no_state : renumber_[dict_[s]]});
        if (s != 0)
            for (const auto& [symbol, t] : trie_.children[s]) m_.edges_.push_back({symbol, renumber_[t]});
        m_.outputs_.insert(m_.outputs_.end(), trie_.outputs[s].begin(), trie_.outputs[s].end());
    }
    m_.states_.push_back({static_cast<std::uint32_t>(m_.edges_.size()), static_cast<std::uint32_t>(m_.outputs_.size()), 0,
                          no_state});  // sentinel: ends the last state's ranges
}

// Per pattern, the variants it starts (part 0) and those it continues,
// each sorted by variant and part.
void matcher::builder::store_occurrences() {
    for (std::size_t p = 0; p < pattern_occurrences_.size(); ++p) {
        auto& occs = pattern_occurrences_[p];
        std::sort(occs.begin(), occs.end(), [](const occurrence& a, const occurrence& b) {
            return a.variant != b.variant ? a.variant < b.variant : a.part < b.part;
        });
        m_.occurrence_begin_.push_back(static_cast<std::uint32_t>(m_.occurrences_.size()));
        m_.continuation_begin_.push_back(static_cast<std::uint32_t>(m_.continuations_.size()));
        for (const occurrence& o : occs) (o.part == 0 ? m_.occurrences_ : m_.continuations_).push_back(o);
        m_.pattern_flags_.push_back(pattern_flags_[p]);
    }
    m_.occurrence_begin_.push_back(static_cast<std::uint32_t>(m_.occurrences_.size()));
    m_.continuation_begin_.push_back(static_cast<std::uint32_t>(m_.continuations_.size()));
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

}  // namespace kefu::detail::intent

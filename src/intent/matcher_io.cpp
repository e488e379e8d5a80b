// The matcher in a model file: saving, loading, and the checks that make a
// loaded automaton safe to run whatever the file held.
#include <string>

#include "intent/gap_io.hpp"
#include "intent/matcher.hpp"

namespace kefu::detail::intent {

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

// The compiled rule matcher: one immutable Aho–Corasick automaton over the
// normalised code points of every literal of every rule part, plus the gap,
// anchor and negation logic. Matching is linear in the message length and
// nearly flat in the number of rules. Thread-safe for concurrent matching;
// each thread brings its own match_scratch.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "intent/rule_set.hpp"
#include "model/binary.hpp"
#include "text/normalizer.hpp"

namespace kefu::detail::intent {

// A rule that fired: its span in normalised characters [begin, end).
struct rule_hit {
    std::uint32_t rule;
    std::uint32_t begin;
    std::uint32_t end;
    bool negated;  // a negator stood right before it (the rule is negatable)
};

// Per-thread working memory, reused across messages (no allocation once warm).
struct match_scratch {
    struct partial {
        std::uint32_t variant;
        std::uint32_t part;
        std::uint32_t chain_begin;  // view position where part 0 began
        std::uint32_t end;          // view position after this part
        std::uint32_t previous;     // the variant's previous partial (one that ends no later), or none
    };
    struct span {
        std::uint32_t begin;
        std::uint32_t end;
        std::uint32_t clause;
    };
    // The message as the automaton reads it: its characters without the
    // spaces. One record per position, so that building the view costs one
    // append per character, not one per field.
    struct view_position {
        std::uint32_t symbol;      // the automaton's symbol for the character
        std::uint32_t unit;        // index of the normalised character
        std::uint32_t clause;      // clause number
        std::uint8_t class_bits;   // the gap classes the character belongs to
    };
    std::vector<view_position> view;
    std::vector<partial> partials;
    std::vector<span> negators;
    std::vector<span> exceptions;           // question forms such as 有没有 that contain a negator
    std::vector<std::uint32_t> rule_stamp;  // rule -> stamp of the message it was last hit in
    std::vector<std::uint32_t> rule_slot;   // rule -> index of its hit in the output
    // Per variant, read together: the epoch its head was set in, and its
    // latest partial.
    struct variant_slot {
        std::uint32_t epoch;
        std::uint32_t head;
    };
    std::vector<variant_slot> variants;
    // One bit per variant, hashed (variant mod 2048): set when the variant
    // gets a partial in this message. A clear bit proves it has none, from a
    // table that stays in the L1 cache, so the continuations of a common
    // pattern are skipped without a miss on `variants` each. A word counts
    // only when stamped with this message, so no message pays for clearing
    // the table (a fill of it every message made short messages 1.15x slower).
    struct live_word {
        std::uint64_t bits;
        std::uint32_t stamp;
    };
    std::array<live_word, 32> live_variants{};
    std::uint32_t stamp = 0;                   // one per message, for rule_stamp
    std::uint32_t epoch = 0;                   // one per message and per pruning, for variant heads
};

class matcher {
public:
    matcher() = default;

    // Compiles the variants of a rule set. Throws kefu::error(KEFU_ELIMIT)
    // when the automaton would exceed its size limits.
    static matcher build(const rule_set& rules);

    // Every rule that fired on `text`, once per rule (its leftmost match; a
    // non-negated match is preferred over a negated one), sorted by begin.
    void match(const text::normalized& text, match_scratch& scratch, std::vector<rule_hit>& out) const;

    std::size_t state_count() const noexcept { return states_.empty() ? 0 : states_.size() - 1; }
    std::size_t pattern_count() const noexcept { return pattern_length_.size(); }
    std::size_t rule_count() const noexcept { return rules_.size(); }
    std::size_t memory_bytes() const noexcept;

    // `format`: the model file's format version (intent/gap_io.hpp).
    void save(model::writer& w, std::uint32_t format) const;
    static matcher load(model::reader& r, std::uint32_t format);

private:
    struct occurrence {
        std::uint32_t variant;
        std::uint32_t part;
    };
    // Explicitly padded: serialised byte for byte, so no byte may be undefined.
    struct variant_info {
        std::uint32_t rule;
        std::uint32_t part_begin;  // into part_gaps_
        std::uint16_t part_count;
        std::uint8_t flags;        // bit 0: anchored at start, bit 1: anchored at end
        gap_range gap_after;       // its class byte was reserved, so zero, before format 6
        std::uint8_t reserved[2];
    };
    static_assert(sizeof(variant_info) == 16);
    struct rule_flags {
        std::uint8_t negatable;
    };
    // What matching reads of a pattern the trie reports, in the order of
    // outputs_, so that a state's output range indexes it directly: one
    // record per pattern found instead of a read in each of six tables.
    struct found_pattern {
        std::uint32_t starts_begin;  // into starts_
        std::uint32_t anchored_begin;
        std::uint32_t starts_end;
        std::uint32_t continuations_begin;  // into continuations_
        std::uint32_t continuations_end;
        std::uint16_t length;  // build and load refuse longer patterns
        std::uint8_t flags;    // negator, negator exception
    };
    // A variant that a pattern starts, with what deciding the start needs,
    // so that most starts read neither variants_ nor part_gaps_.
    struct start {
        std::uint32_t variant;
        gap_range gap;        // before part 0
        std::uint8_t single;  // the variant has one part: its start is its match
    };
    static constexpr std::uint32_t no_state = 0xFFFFFFFFu;
    static constexpr std::size_t code_point_blocks = 0x110000 >> 8;  // of the alphabet's first stage
    // variant_info::flags
    static constexpr std::uint8_t anchored_start = 1;
    static constexpr std::uint8_t anchored_end = 2;
    // pattern flags
    static constexpr std::uint8_t negator_flag = 1;
    static constexpr std::uint8_t exception_flag = 2;
    class builder;  // one build (matcher_build.cpp)

    std::uint32_t symbol_of(char32_t cp) const noexcept;
    std::uint32_t step(std::uint32_t state, std::uint32_t symbol) const noexcept;
    void prepare_view(const text::normalized& text, match_scratch& s) const;
    void prune_partials(match_scratch& s, std::uint32_t position) const;
    void next_epoch(match_scratch& s) const;
    void validate() const;
    void derive();
    void order_starts(std::vector<std::uint32_t>& anchored_begin);
    void build_match_records(const std::vector<std::uint32_t>& anchored_begin);
    bool of_class(const match_scratch& s, std::uint32_t from, std::uint32_t to, gap_class cls) const noexcept;
    bool gap_holds(const match_scratch& s, std::uint32_t from, std::uint32_t to, gap_range gap) const noexcept;

    // code point -> symbol (0 = not in any pattern), as a two-stage table
    std::vector<std::uint16_t> alphabet_stage1_;
    std::vector<std::uint32_t> alphabet_stage2_;
    std::uint32_t symbol_count_ = 1;
    // The trie with failure links. What matching reads of one state sits in
    // one 16-byte record, and an edge's symbol beside its target: a step
    // costs one cache miss, not four (the default model has ~300k states).
    struct state_info {
        std::uint32_t edge_begin;    // into edges_; the next state's value ends the range
        std::uint32_t output_begin;  // into outputs_: patterns ending exactly here
        std::uint32_t fail;
        std::uint32_t dict_link;     // next state on the failure chain with outputs
    };
    struct edge {
        std::uint32_t symbol;
        std::uint32_t target;
    };
    std::vector<std::uint32_t> root_next_;     // the root (state 0) has a dense row
    std::vector<state_info> states_;           // one per state, plus a sentinel
    std::vector<edge> edges_;
    std::vector<std::uint32_t> outputs_;
    // patterns and what they take part in
    std::vector<std::uint32_t> pattern_length_;
    std::vector<std::uint8_t> pattern_flags_;  // negator, negator exception
    // Per pattern: where it starts a variant (part 0), and where it continues
    // one (part > 0, sorted by variant), so that continuations are looked up
    // from the few live partial matches instead of scanned.
    std::vector<std::uint32_t> occurrence_begin_;
    std::vector<occurrence> occurrences_;
    std::vector<std::uint32_t> continuation_begin_;
    std::vector<occurrence> continuations_;
    // Derived on build and on load, never read from a file.
    std::vector<found_pattern> found_;  // per entry of outputs_
    std::vector<start> starts_;         // per entry of occurrences_
    // variants, their parts' gaps, and rules
    std::vector<variant_info> variants_;
    std::vector<gap_range> part_gaps_;
    std::vector<rule_flags> rules_;
    std::uint32_t negation_window_ = 3;
    std::uint32_t longest_pattern_ = 0;
};

}  // namespace kefu::detail::intent

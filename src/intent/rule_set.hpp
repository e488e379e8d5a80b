// The compiled meaning of rule files, before it becomes an automaton: every
// rule expanded into variants, each a chain of literal sets with gaps.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "flow/flow.hpp"
#include "reply/templates.hpp"

namespace kefu::detail::intent {

inline constexpr unsigned max_gap = 32;
inline constexpr std::size_t max_alternatives_per_part = 4096;
inline constexpr std::size_t max_parts_per_variant = 8;
// Characters in one contiguous stretch of a pattern (the matcher keeps a
// pattern's length in 16 bits).
inline constexpr std::size_t max_literal_length = 0xFFFF;

struct intent_info {
    std::string name;
    std::string description;
    std::int32_t priority = 0;
    bool negatable = false;
};

struct rule_info {
    std::uint32_t intent = 0;
    float weight = 1.0f;
    std::int32_t priority = 0;
    bool negatable = false;
    bool priority_set = false;   // false: follows the intent's priority
    bool negatable_set = false;  // false: follows the intent's negatable flag
    std::string name;      // given name, or "file:line"
    std::string location;  // "file:line:col"
};

// What the characters of a gap may be (docs/RULES.md, `{digits 11,19}`):
// a class gap lets a rule say "a run of digits" as one element, where
// spelling each digit out as a part would cost the matcher a partial match
// at every digit of a long number.
enum class gap_class : std::uint8_t {
    any = 0,
    digits = 1,  // 0-9 (full-width digits are folded to them)
    latin = 2,   // Latin letters
    han = 3,     // Chinese characters
    alnum = 4,   // digits or Latin letters, as in item codes and waybill numbers
};
inline constexpr std::uint8_t gap_class_count = 5;

struct gap_range {
    std::uint8_t min = 0;
    std::uint8_t max = 0;
    gap_class cls = gap_class::any;

    constexpr bool classed() const noexcept { return cls != gap_class::any; }
};

// One contiguous stretch of a match: any of `alternatives`, standing
// `gap_before` characters after the previous part (for the first part of an
// anchored variant: after the start of the message).
struct part {
    std::vector<std::u32string> alternatives;
    gap_range gap_before;
};

struct variant {
    std::uint32_t rule = 0;
    std::vector<part> parts;
    bool anchor_start = false;
    bool anchor_end = false;
    gap_range gap_after;  // with anchor_end: characters allowed before the end
};

struct example {
    std::uint32_t intent = 0;
    std::string text;
    std::string location;
};

struct rule_set {
    std::vector<intent_info> intents;
    std::vector<rule_info> rules;
    std::vector<variant> variants;
    std::map<std::string, std::vector<std::u32string>> lexicons;  // expanded, canonical
    std::vector<std::u32string> negators;                          // the lexicon @negator
    std::vector<std::u32string> negator_exceptions;                // the lexicon @negator_exception
    std::uint32_t negation_window = 3;
    std::vector<example> examples;
    std::vector<reply::reply_template> templates;  // compiled from the same files (template statements)
    std::vector<flow::flow_definition> flows;      // flow statements (docs/FLOWS.md); saved in their own section

    // Index of an intent by name, or -1.
    int find_intent(const std::string& name) const noexcept;
};

}  // namespace kefu::detail::intent

// A small phrase matcher for the reply checker: finds the phrases of one
// class (blunt negatives, apologies, closings…) in normalised text.
//
// Phrases are written in Simplified Chinese and normalised like the text,
// so one entry also matches Traditional and full-width spellings. Matching
// is leftmost-longest and non-overlapping. An entry may be marked as an
// exempt look-alike: it is matched and consumed, but not reported, which is
// how "不可能" keeps "可能" from reading as a vague word and "没有问题"
// keeps "没有" from reading as a refusal.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reply/analysed_text.hpp"

namespace kefu::detail::reply {

struct phrase {
    std::string_view text;            // as a service trainer writes it
    std::string_view suggestion = {}; // a warmer wording for the matched span, if the class has one
    bool exempt = false;              // a look-alike that must not be reported
};

// Builds an exempt entry.
constexpr phrase look_alike(std::string_view text) noexcept { return {text, {}, true}; }

struct phrase_match {
    unit_range range;
    std::uint32_t entry;  // index into the lexicon's phrases
};

class lexicon {
public:
    explicit lexicon(std::span<const phrase> phrases);

    // Every reported match inside `range`, in order.
    std::vector<phrase_match> find(std::u32string_view text, unit_range range) const;
    std::vector<phrase_match> find(std::u32string_view text) const;

    // The first reported match inside `range`, if any.
    bool first(std::u32string_view text, unit_range range, phrase_match& match) const;
    bool contains(std::u32string_view text, unit_range range) const;
    bool contains(std::u32string_view text) const;

    // True when a reported phrase starts exactly at range.begin.
    bool starts(std::u32string_view text, unit_range range) const;

    // True when every content character of `range` belongs to a reported
    // match or is `ignorable` (e.g. a particle): the range says nothing else.
    bool covers(const analysed_text& text, unit_range range, bool (*ignorable)(char32_t) noexcept) const;

    const phrase& entry(std::uint32_t index) const noexcept { return phrases_[index]; }

private:
    // The longest phrase starting at `at` (exempt or not), or false.
    bool longest_at(std::u32string_view text, std::uint32_t at, std::uint32_t limit, phrase_match& match) const;

    std::span<const phrase> phrases_;
    std::vector<std::u32string> patterns_;                              // normalised, per phrase
    std::unordered_map<char32_t, std::vector<std::uint32_t>> by_first_; // phrase indices, longest first
};

}  // namespace kefu::detail::reply

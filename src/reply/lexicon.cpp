#include "reply/lexicon.hpp"

#include <algorithm>

namespace kefu::detail::reply {

lexicon::lexicon(std::span<const phrase> phrases) : phrases_(phrases) {
    patterns_.reserve(phrases.size());
    for (std::uint32_t i = 0; i < phrases.size(); ++i) {
        patterns_.push_back(text::pattern_code_points(phrases[i].text));
        if (!patterns_.back().empty()) by_first_[patterns_.back().front()].push_back(i);
    }
    for (auto& [first, indices] : by_first_)
        std::stable_sort(indices.begin(), indices.end(), [this](std::uint32_t a, std::uint32_t b) {
            return patterns_[a].size() > patterns_[b].size();
        });
}

bool lexicon::longest_at(std::u32string_view text, std::uint32_t at, std::uint32_t limit,
                         phrase_match& match) const {
    const auto found = by_first_.find(text[at]);
    if (found == by_first_.end()) return false;
    for (std::uint32_t index : found->second) {
        const std::u32string& pattern = patterns_[index];
        if (pattern.size() <= limit - at && text.compare(at, pattern.size(), pattern) == 0) {
            match = {{at, at + static_cast<std::uint32_t>(pattern.size())}, index};
            return true;
        }
    }
    return false;
}

std::vector<phrase_match> lexicon::find(std::u32string_view text, unit_range range) const {
    std::vector<phrase_match> matches;
    const std::uint32_t limit = std::min<std::uint32_t>(range.end, static_cast<std::uint32_t>(text.size()));
    for (std::uint32_t at = range.begin; at < limit;) {
        phrase_match match;
        if (!longest_at(text, at, limit, match)) {
            ++at;
            continue;
        }
        if (!phrases_[match.entry].exempt) matches.push_back(match);
        at = match.range.end;
    }
    return matches;
}

std::vector<phrase_match> lexicon::find(std::u32string_view text) const {
    return find(text, {0, static_cast<std::uint32_t>(text.size())});
}

bool lexicon::first(std::u32string_view text, unit_range range, phrase_match& match) const {
    const std::uint32_t limit = std::min<std::uint32_t>(range.end, static_cast<std::uint32_t>(text.size()));
    for (std::uint32_t at = range.begin; at < limit;) {
        if (!longest_at(text, at, limit, match)) {
            ++at;
            continue;
        }
        if (!phrases_[match.entry].exempt) return true;
        at = match.range.end;
    }
    return false;
}

bool lexicon::contains(std::u32string_view text, unit_range range) const {
    phrase_match match;
    return first(text, range, match);
}

bool lexicon::contains(std::u32string_view text) const {
    return contains(text, {0, static_cast<std::uint32_t>(text.size())});
}

bool lexicon::starts(std::u32string_view text, unit_range range) const {
    const std::uint32_t limit = std::min<std::uint32_t>(range.end, static_cast<std::uint32_t>(text.size()));
    phrase_match match;
    return range.begin < limit && longest_at(text, range.begin, limit, match) && !phrases_[match.entry].exempt;
}

bool lexicon::covers(const analysed_text& text, unit_range range, bool (*ignorable)(char32_t) noexcept) const {
    const std::u32string_view cps = text.code_points();
    const std::vector<phrase_match> matches = find(cps, range);
    auto next = matches.begin();
    for (std::uint32_t i = range.begin; i < range.end && i < text.size(); ++i) {
        while (next != matches.end() && next->range.end <= i) ++next;
        const bool in_match = next != matches.end() && next->range.begin <= i;
        if (text.is_content(i) && !in_match && !ignorable(cps[i])) return false;
    }
    return true;
}

}  // namespace kefu::detail::reply

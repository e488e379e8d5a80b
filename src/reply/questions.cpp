#include "reply/questions.hpp"

#include <algorithm>
#include <unordered_set>

#include "reply/phrases.hpp"

namespace kefu::detail::reply {
namespace {

struct segment {
    unit_range range;
    char32_t terminator;
};

// Customers often run questions together without punctuation
// ("包邮吗什么时候发"): 吗 ends a question even inside a clause.
void split_after_question_particle(const analysed_text& text, const clause& c, std::vector<segment>& out) {
    const std::u32string_view cps = text.code_points();
    std::uint32_t begin = c.range.begin;
    for (std::uint32_t i = c.range.begin; i + 1 < c.range.end; ++i) {
        if (cps[i] != U'吗' || !text.is_content(i + 1)) continue;
        out.push_back({{begin, i + 1}, U'?'});
        begin = i + 1;
    }
    out.push_back({{begin, c.range.end}, c.terminator});
}

std::vector<segment> segments_of(const analysed_text& text) {
    std::vector<segment> segments;
    for (const clause& c : text.clauses()) split_after_question_particle(text, c, segments);
    return segments;
}

// "有没有", "管不管", "是不是": the A-不-A question form.
bool has_a_not_a(const analysed_text& text, unit_range range) {
    const std::u32string_view cps = text.code_points();
    for (std::uint32_t i = range.begin; i + 2 < range.end; ++i)
        if ((cps[i + 1] == U'不' || cps[i + 1] == U'没') && cps[i] == cps[i + 2] && text.is_content(i)) return true;
    return false;
}

bool asks_something(const analysed_text& text, const segment& s) {
    return s.terminator == U'?' || phrases::question_words().contains(text.code_points(), s.range) ||
           has_a_not_a(text, s.range);
}

bool is_phatic(const analysed_text& text, const segment& s) {
    return phrases::greetings().covers(text, s.range, phrases::is_particle);
}

std::vector<std::size_t> topics_of(const analysed_text& text, unit_range range) {
    std::vector<std::size_t> topics;
    const auto all = phrases::question_topics();
    for (std::size_t t = 0; t < all.size(); ++t)
        if (all[t].asked_by->contains(text.code_points(), range)) topics.push_back(t);
    return topics;
}

bool is_key_ideograph(const analysed_text& text, std::uint32_t i) {
    return text.class_of(i) == text::char_class::han && !phrases::is_question_filler(text.code_points()[i]);
}

bool is_key_alphanumeric(const analysed_text& text, std::uint32_t i) {
    return text.class_of(i) == text::char_class::latin || text.class_of(i) == text::char_class::digit;
}

// Calls `pair` for each two adjacent ideographs of `range` that pass
// `keep`, and `run` for each run of Latin letters or digits.
template <typename Keep, typename Pair, typename Run>
void for_each_term(const analysed_text& text, unit_range range, Keep keep, Pair pair, Run run) {
    const std::u32string_view cps = text.code_points();
    for (std::uint32_t i = range.begin; i < range.end; ++i) {
        if (i + 1 < range.end && keep(i) && keep(i + 1)) pair(cps.substr(i, 2));
        if (is_key_alphanumeric(text, i) && (i == range.begin || !is_key_alphanumeric(text, i - 1))) {
            std::uint32_t end = i;
            while (end < range.end && is_key_alphanumeric(text, end)) ++end;
            run(cps.substr(i, end - i));
            i = end - 1;
        }
    }
}

bool is_ascii_term(std::u32string_view term) { return !term.empty() && term[0] < 0x80; }

std::uint64_t packed_pair(std::u32string_view pair) {
    return (static_cast<std::uint64_t>(pair[0]) << 32) | pair[1];
}

// Key terms: each pair of adjacent topic-bearing ideographs ("黑色",
// "缩水", "专票"), and each run of Latin letters or digits ("xl", "165").
std::vector<std::u32string> key_terms_of(const analysed_text& text, unit_range range) {
    std::vector<std::u32string> terms;
    const auto add = [&](std::u32string_view term) { terms.emplace_back(term); };
    for_each_term(text, range, [&](std::uint32_t i) { return is_key_ideograph(text, i); }, add, add);
    return terms;
}

bool is_yes_no_question(const analysed_text& text, unit_range range) {
    const std::u32string content = text.content_of(range);
    return (!content.empty() && content.back() == U'吗') || has_a_not_a(text, range);
}

// The ideograph right after a yes/no verb ("能用" → 用); skips the 不 of
// "能不能退" and words that are not objects (吗, particles).
char32_t object_after(const analysed_text& text, const phrase_match& verb) {
    const std::uint32_t at = verb.range.end;
    if (at >= text.size() || text.class_of(at) != text::char_class::han) return 0;
    const char32_t cp = text.code_points()[at];
    if (cp == U'不' || cp == U'没' || cp == U'吗' || phrases::is_particle(cp)) return 0;
    return cp;
}

char32_t yes_no_object_of(const analysed_text& text, unit_range range) {
    if (!is_yes_no_question(text, range)) return 0;
    for (const phrase_match& verb : phrases::yes_no_verbs().find(text.code_points(), range))
        if (const char32_t object = object_after(text, verb)) return object;
    return 0;
}

}  // namespace

std::vector<customer_question> questions_of(const analysed_text& customer) {
    std::vector<customer_question> questions;
    std::unordered_set<std::u32string> seen;
    for (const segment& s : segments_of(customer)) {
        if (!asks_something(customer, s) || is_phatic(customer, s)) continue;
        if (!seen.insert(customer.content_of(s.range)).second) continue;
        questions.push_back({s.range, topics_of(customer, s.range), key_terms_of(customer, s.range),
                             yes_no_object_of(customer, s.range)});
    }
    return questions;
}

reply_coverage::reply_coverage(const analysed_text& reply) {
    for (const phrases::question_topic& topic : phrases::question_topics())
        answered_topics_.push_back(topic.answered_by->contains(reply.code_points()));
    for_each_term(
        reply, reply.all(), [&](std::uint32_t i) { return reply.class_of(i) == text::char_class::han; },
        [&](std::u32string_view pair) { ideograph_pairs_.insert(packed_pair(pair)); },
        [&](std::u32string_view run) { alphanumeric_runs_.emplace(run); });
    for (const phrase_match& verb : phrases::yes_no_verbs().find(reply.code_points()))
        if (const char32_t object = object_after(reply, verb)) yes_no_objects_.insert(object);
}

bool reply_coverage::addresses(const customer_question& question) const {
    if (question.topics.empty() && question.key_terms.empty() && !question.yes_no_object) return true;
    if (question.yes_no_object && yes_no_objects_.count(question.yes_no_object) > 0) return true;
    for (std::size_t t : question.topics)
        if (answered_topics_[t]) return true;
    for (const std::u32string& term : question.key_terms) {
        const bool found = term.size() == 2 && !is_ascii_term(term) ? ideograph_pairs_.count(packed_pair(term)) > 0
                                                                     : alphanumeric_runs_.count(term) > 0;
        if (found) return true;
    }
    return false;
}

}  // namespace kefu::detail::reply

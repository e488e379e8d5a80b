// The customer's questions, and whether a reply addresses each of them.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "reply/analysed_text.hpp"

namespace kefu::detail::reply {

struct customer_question {
    unit_range range;                      // in the customer's text
    std::vector<std::size_t> topics;       // indices into phrases::question_topics()
    std::vector<std::u32string> key_terms; // the question's own content words
    char32_t yes_no_object = 0;            // a yes/no question on 能/有/是… X: the X, else 0
};

// The distinct questions of substance in a customer's message: segments
// between clause punctuation (or after 吗) that ask something, without the
// phatic ones ("在吗").
std::vector<customer_question> questions_of(const analysed_text& customer);

// What a reply talks about, gathered once so that checking many questions
// stays linear: the question topics it answers, its ideograph pairs, and
// its runs of Latin letters and digits.
class reply_coverage {
public:
    explicit reply_coverage(const analysed_text& reply);

    // True when the reply speaks to the question: it uses a word that
    // answers one of the question's topics, or one of the question's key
    // terms, or — for a yes/no question — the same verb-and-object ("可以用"
    // answers "能用吗"). A question with none of these is given the benefit
    // of the doubt.
    bool addresses(const customer_question& question) const;

private:
    std::vector<bool> answered_topics_;
    std::unordered_set<std::uint64_t> ideograph_pairs_;
    std::unordered_set<std::u32string> alphanumeric_runs_;
    std::unordered_set<char32_t> yes_no_objects_;
};

}  // namespace kefu::detail::reply

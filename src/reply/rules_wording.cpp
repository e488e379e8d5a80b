// Wording rules: blunt refusals, orders, hedges, talking about oneself, and
// replies of one word. They read the reply alone (and the intents, to tell a
// stated fact from small talk).
#include <algorithm>
#include <string>

#include "reply/phrases.hpp"
#include "reply/rewrite.hpp"
#include "reply/rules.hpp"

namespace kefu::detail::reply {
namespace {

std::string blunt_message(std::string_view word, bool softened, bool offers_way) {
    const std::string quoted_word = quoted(word);
    if (softened) return "refusal " + quoted_word + " is softened but offers no alternative";
    if (offers_way) return "flat refusal " + quoted_word + ": soften it (亲, 呢, 抱歉…)";
    return "flat refusal " + quoted_word + ": soften it (亲, 呢, 抱歉…) and offer an alternative";
}

// "你没看详情吗", "难道…": a question that scolds instead of asking.
bool is_rhetorical_question(const analysed_text& reply, const clause& c) {
    const std::u32string_view cps = reply.code_points().substr(c.range.begin, c.range.size());
    if (cps.find(U"难道") != std::u32string_view::npos) return true;
    const std::u32string content = reply.content_of(c.range);
    if (content.empty() || content.back() != U'吗') return false;
    const std::size_t you = content.find(U'你');
    return you != std::u32string::npos && content.find_first_of(U"没不", you + 1) != std::u32string::npos;
}

// Which clauses already hold a match (one finding per put-down is enough).
std::vector<bool> clauses_with(const analysed_text& text, const std::vector<phrase_match>& matches) {
    std::vector<bool> with(text.clauses().size(), false);
    for (const phrase_match& m : matches) {
        const std::size_t index = text.clause_of(m.range.begin);
        if (index < with.size()) with[index] = true;
    }
    return with;
}

// A hedge is a fault where a product fact or a policy is at stake: the
// customer asked about one (any intent but small talk), or the clause
// states one (a number, a size, a delivery time, a rule).
bool states_fact(const rule_input& in, unit_range clause_range) {
    const auto& intents = in.context.intents;
    if (std::any_of(intents.begin(), intents.end(), [](const std::string& i) { return !phrases::is_social_intent(i); }))
        return true;
    for (std::uint32_t i = clause_range.begin; i < clause_range.end; ++i)
        if (in.reply.is_digit(i)) return true;
    return phrases::fact_cues().contains(in.reply.code_points(), clause_range);
}

// Whether each clause states a fact, worked out once per clause.
class fact_clauses {
public:
    explicit fact_clauses(const rule_input& in) : in_(in), known_(in.reply.clauses().size(), unknown) {}

    bool at(std::uint32_t unit) {
        const std::size_t index = in_.reply.clause_of(unit);
        if (index >= known_.size()) return states_fact(in_, {unit, unit + 1});
        if (known_[index] == unknown) known_[index] = states_fact(in_, in_.reply.clauses()[index].range) ? yes : no;
        return known_[index] == yes;
    }

private:
    enum : std::uint8_t { unknown, yes, no };
    const rule_input& in_;
    std::vector<std::uint8_t> known_;
};

// The clause around a match, at most `radius` characters either side, with
// the match replaced: a rewrite of the sentence the agent wrote.
std::string clause_rewritten(const analysed_text& text, unit_range match, std::string_view with) {
    constexpr std::uint32_t radius = 30;
    const std::size_t index = text.clause_of(match.begin);
    const unit_range c = index < text.clauses().size() ? text.clauses()[index].range : match;
    const std::uint32_t begin = std::max(c.begin, match.begin > radius ? match.begin - radius : 0u);
    const std::uint32_t end = std::min(c.end, match.end + radius);
    std::string out(text.original_of({begin, match.begin}));
    out.append(with);
    out.append(text.original_of({match.end, end}));
    return out;
}

std::vector<replacement> customer_centred_wording(const std::vector<phrase_match>& self,
                                                  const std::vector<phrase_match>& customer) {
    std::vector<replacement> replacements;
    for (const phrase_match& m : self)
        replacements.push_back({m.range, phrases::self_references().entry(m.entry).suggestion});
    for (const phrase_match& m : customer) {
        const std::string_view better = phrases::customer_references().entry(m.entry).suggestion;
        if (!better.empty()) replacements.push_back({m.range, better});
    }
    std::sort(replacements.begin(), replacements.end(),
              [](const replacement& a, const replacement& b) { return a.range.begin < b.range.begin; });
    return replacements;
}

}  // namespace

// A refusal needs both a softener and a way forward; with only the softener
// it is a milder fault (info).
void check_blunt_negative(const rule_input& in, std::vector<lint_finding>& out) {
    const std::u32string_view cps = in.reply.code_points();
    const std::vector<phrase_match> matches = phrases::blunt_negatives().find(cps);
    if (matches.empty()) return;
    const bool softened = phrases::softeners().contains(cps);
    const bool offers_way = phrases::alternatives().contains(cps);
    if (softened && offers_way) return;
    const severity level = softened ? severity::info : severity::warning;
    for (const phrase_match& m : matches) {
        const std::string_view word = in.reply.original_of(m.range);
        out.push_back(make_finding(rule_id::blunt_negative, level, in.reply.bytes_of(m.range),
                                   blunt_message(word, softened, offers_way),
                                   std::string(phrases::blunt_negatives().entry(m.entry).suggestion)));
    }
}

// Orders and put-downs are the one thing a service reply must never contain.
void check_commanding_tone(const rule_input& in, std::vector<lint_finding>& out) {
    const std::vector<phrase_match> matches = phrases::commanding().find(in.reply.code_points());
    for (const phrase_match& m : matches) {
        const std::string_view words = in.reply.original_of(m.range);
        out.push_back(make_finding(rule_id::commanding_tone, severity::error, in.reply.bytes_of(m.range),
                                   "commanding or scolding wording " + quoted(words) + ": guide, do not order",
                                   std::string(phrases::commanding().entry(m.entry).suggestion)));
    }
    const std::vector<bool> already_found = clauses_with(in.reply, matches);
    for (std::size_t i = 0; i < in.reply.clauses().size(); ++i) {
        const clause& c = in.reply.clauses()[i];
        if (already_found[i] || !is_rhetorical_question(in.reply, c)) continue;
        out.push_back(make_finding(rule_id::commanding_tone, severity::error, in.reply.bytes_of(c.range),
                                   "rhetorical question " + quoted(in.reply.normalised_text(c.range)) +
                                       ": state the answer instead",
                                   std::string(phrases::rhetorical_question_suggestion)));
    }
}

void check_vague_word(const rule_input& in, std::vector<lint_finding>& out) {
    fact_clauses facts(in);
    for (const phrase_match& m : phrases::vague_words().find(in.reply.code_points())) {
        const bool fact = facts.at(m.range.begin);
        const std::string word(in.reply.original_of(m.range));
        std::string message = fact ? "hedge " + quoted(word) + " on a fact or policy: check it and state it exactly"
                                   : "hedge " + quoted(word) + ": say it plainly if you know it";
        const std::string_view replacement = phrases::vague_words().entry(m.entry).suggestion;
        out.push_back(make_finding(rule_id::vague_word, fact ? severity::warning : severity::info,
                                   in.reply.bytes_of(m.range), std::move(message),
                                   clause_rewritten(in.reply, m.range, replacement)));
    }
}

// A long reply that says 我 more often than 您 is about the agent, not the customer.
void check_self_centred(const rule_input& in, std::vector<lint_finding>& out) {
    if (in.reply.content_length() < phrases::self_centred_min_length) return;
    const std::u32string_view cps = in.reply.code_points();
    const std::vector<phrase_match> self = phrases::self_references().find(cps);
    const std::vector<phrase_match> customer = phrases::customer_references().find(cps);
    if (self.size() < phrases::self_centred_min_count || self.size() <= customer.size()) return;
    const unit_range span{self.front().range.begin, self.back().range.end};
    out.push_back(make_finding(rule_id::self_centred, severity::warning, in.reply.bytes_of(span),
                               std::to_string(self.size()) + " references to the agent (我/我们) against " +
                                   std::to_string(customer.size()) +
                                   " to the customer (您/咱们/亲): speak from the customer's side",
                               rewritten(in.reply, customer_centred_wording(self, customer))));
}

// The whole reply is one acknowledgement (嗯, 好, ok…) or has no words at all.
void check_bare_reply(const rule_input& in, std::vector<lint_finding>& out) {
    if (!in.reply.has_content()) {
        out.push_back(make_finding(rule_id::bare_reply, severity::warning, in.reply.whole(),
                                   "the reply has no words", std::string(phrases::empty_reply_suggestion)));
        return;
    }
    const lexicon& bare = phrases::bare_replies();
    if (!bare.covers(in.reply, in.reply.all(), phrases::is_particle)) return;
    phrase_match m;
    const std::string_view suggestion =
        bare.first(in.reply.code_points(), in.reply.all(), m) ? bare.entry(m.entry).suggestion
                                                               : phrases::empty_reply_suggestion;
    out.push_back(make_finding(rule_id::bare_reply, severity::warning, in.reply.whole(),
                               "bare one-word reply " + quoted(in.reply.normalised_text(in.reply.all())) +
                                   ": answer with content (what was done, what happens next)",
                               std::string(suggestion)));
}

}  // namespace kefu::detail::reply

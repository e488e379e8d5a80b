// Context rules: what the reply owes this customer at this point of the
// conversation — an apology for the shop's fault, an answer to every
// question, a closing question, brevity for a decisive buyer.
#include <algorithm>
#include <optional>
#include <string>

#include "reply/phrases.hpp"
#include "reply/questions.hpp"
#include "reply/rewrite.hpp"
#include "reply/rules.hpp"

namespace kefu::detail::reply {
namespace {

bool has_intent(const lint_context& context, bool (*kind)(std::string_view) noexcept, std::string* which) {
    for (const std::string& intent : context.intents) {
        if (!kind(intent)) continue;
        if (which) *which = intent;
        return true;
    }
    return false;
}

// Why this customer is owed an apology, if they are: anger, or a fault of
// the shop (a defect, a late parcel, a complaint; a stuck parcel when the
// customer says so or is upset about it).
std::optional<std::string> apology_owed(const rule_input& in) {
    if (in.context.mood == customer_mood::angry) return "the customer is angry";
    std::string intent;
    if (has_intent(in.context, phrases::is_fault_intent, &intent)) return "the customer reports " + intent;
    if (!has_intent(in.context, phrases::is_fault_intent_when_problem, &intent)) return std::nullopt;
    if (in.context.mood != customer_mood::calm || phrases::logistics_problems().contains(in.customer.code_points()))
        return "the customer reports a " + intent + " problem";
    return std::nullopt;
}

bool is_greeting(const analysed_text& reply, const clause& c) {
    return phrases::greetings().covers(reply, c.range, phrases::is_particle);
}

bool is_acknowledgement(const analysed_text& reply, const clause& c) {
    return phrases::acknowledgements().starts(reply.code_points(), c.range);
}

// The first clause after any greeting ("您好，", "亲，") or acknowledgement
// ("收到您的反馈，"): where an apology belongs.
std::size_t opening_clause(const analysed_text& reply) {
    const auto& clauses = reply.clauses();
    for (std::size_t i = 0; i < clauses.size(); ++i)
        if (!is_greeting(reply, clauses[i]) && !is_acknowledgement(reply, clauses[i])) return i;
    return clauses.size();
}

bool is_decisive(std::string_view personality) { return ascii_iequals(personality, "decisive"); }

// The leading clauses (after a greeting) that fit in a short summary.
std::vector<std::size_t> summary_clauses(const analysed_text& reply) {
    std::vector<std::size_t> kept;
    std::size_t length = 0;
    for (std::size_t i = opening_clause(reply); i < reply.clauses().size(); ++i) {
        length += reply.content_of(reply.clauses()[i].range).size();
        if (!kept.empty() && length > phrases::decisive_summary_length) break;
        kept.push_back(i);
    }
    return kept;
}

// The reply with the apology where it belongs: after the greeting, before
// everything else. `late_clause` (if any) is the misplaced apology, dropped.
std::string apology_first(const analysed_text& reply, std::size_t late_clause) {
    const std::size_t opening = opening_clause(reply);
    if (late_clause >= reply.clauses().size()) {
        if (opening >= reply.clauses().size())
            return std::string(reply.original()) + "，" + std::string(phrases::apology);
        const std::uint32_t at = reply.bytes_of(reply.clauses()[opening].range).start;
        return std::string(reply.original().substr(0, at)) + std::string(phrases::apology) + "，" +
               std::string(reply.original().substr(at));
    }
    std::vector<std::size_t> before, after;
    for (std::size_t i = 0; i < reply.clauses().size(); ++i)
        if (i != late_clause) (i < opening ? before : after).push_back(i);
    std::string out = joined_clauses(reply, before);
    if (!out.empty()) out.append("，");
    out.append(phrases::apology);
    if (!after.empty()) out.append("，").append(joined_clauses(reply, after));
    return out;
}

}  // namespace

// The apology must come first: an explanation before it reads as an excuse.
void check_missing_apology(const rule_input& in, std::vector<lint_finding>& out) {
    const std::optional<std::string> reason = apology_owed(in);
    if (!reason) return;
    phrase_match apology;
    if (!phrases::apologies().first(in.reply.code_points(), in.reply.all(), apology)) {
        out.push_back(make_finding(rule_id::missing_apology, severity::warning, in.reply.whole(),
                                   *reason + " and the reply does not apologise",
                                   apology_first(in.reply, in.reply.clauses().size())));
        return;
    }
    const std::size_t apology_clause = in.reply.clause_of(apology.range.begin);
    if (apology_clause <= opening_clause(in.reply)) return;
    out.push_back(make_finding(rule_id::missing_apology, severity::warning, in.reply.bytes_of(apology.range),
                               *reason + ": apologise first, before explaining",
                               apology_first(in.reply, apology_clause)));
}

// Several questions in the customer's message: each needs its answer. One
// finding lists every question the reply leaves open.
void check_unanswered_question(const rule_input& in, std::vector<lint_finding>& out) {
    const std::vector<customer_question> questions = questions_of(in.customer);
    if (questions.size() < 2) return;
    const reply_coverage coverage(in.reply);
    std::string open_questions, answers;
    for (const customer_question& q : questions) {
        if (coverage.addresses(q)) continue;
        const std::string asked = quoted(in.customer.normalised_text(q.range));
        open_questions.append(open_questions.empty() ? "" : ", ").append(asked);
        answers.append("；关于您问的").append(asked).append("，这边也给您说明一下哦：……");
    }
    if (open_questions.empty()) return;
    out.push_back(make_finding(rule_id::unanswered_question, severity::warning, in.reply.whole(),
                               "the customer also asked " + open_questions + " and the reply does not answer it",
                               std::string(through_last_clause(in.reply)) + answers));
}

// A resolved topic ends with an offer of further help, as the last words.
void check_missing_closing(const rule_input& in, std::vector<lint_finding>& out) {
    if (!in.context.topic_resolved || in.reply.clauses().empty()) return;
    const std::u32string_view cps = in.reply.code_points();
    const clause& last = in.reply.clauses().back();
    if (phrases::closings().contains(cps, last.range)) return;
    phrase_match early;
    if (phrases::closings().first(cps, in.reply.all(), early)) {
        const std::size_t early_clause = in.reply.clause_of(early.range.begin);
        out.push_back(make_finding(rule_id::missing_closing, severity::warning, in.reply.bytes_of(early.range),
                                   "the closing question should be the last words of the reply",
                                   joined_clauses(in.reply, clauses_except(in.reply, early_clause)) +
                                       std::string(phrases::closing_question)));
        return;
    }
    out.push_back(make_finding(rule_id::missing_closing, severity::warning, in.reply.bytes_of(last.range),
                               "the topic is resolved but the reply does not close with an offer of further help",
                               std::string(through_last_clause(in.reply)) + std::string(phrases::closing_question)));
}

// A decisive buyer wants the conclusion, not the whole story.
void check_too_long_for_decisive(const rule_input& in, std::vector<lint_finding>& out) {
    if (!is_decisive(in.context.personality)) return;
    const std::size_t length = in.reply.content_length();
    if (length <= phrases::decisive_notice_length) return;
    const bool over_limit = length > phrases::decisive_limit_length;
    out.push_back(make_finding(rule_id::too_long_for_decisive, over_limit ? severity::warning : severity::info,
                               in.reply.whole(),
                               std::to_string(length) + " characters for a decisive customer: give the answer in " +
                                   std::to_string(phrases::decisive_limit_length) + " characters or fewer",
                               joined_clauses(in.reply, summary_clauses(in.reply))));
}

}  // namespace kefu::detail::reply

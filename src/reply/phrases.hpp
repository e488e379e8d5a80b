// The reply checker's vocabulary: every phrase class the rules look for, in
// one place (phrases.cpp). The classes are the ones a customer-service
// trainer teaches, written as general phrases, not copied from test lines.
#pragma once

#include <span>
#include <string_view>

#include "reply/lexicon.hpp"

namespace kefu::detail::reply::phrases {

// Wording rules.
const lexicon& blunt_negatives();   // flat refusals: 不行, 没有, 不知道…; suggestion = a softened wording
const lexicon& softeners();         // what makes a refusal gentle: 亲, 呢, 哦, 抱歉…
const lexicon& alternatives();      // what offers a way forward: 不过, 可以, 推荐, 帮您…
const lexicon& commanding();        // orders and put-downs: 自己看, 说了多少遍…; suggestion = a polite wording
const lexicon& vague_words();       // hedges: 可能, 大概, 应该…; suggestion = the replacement ("" = drop it)
const lexicon& fact_cues();         // words that show a product fact or a policy is being stated
const lexicon& self_references();   // 我, 我们…; suggestion = the customer-centred wording
const lexicon& customer_references(); // 您, 你, 咱们, 亲 (as an address)
const lexicon& bare_replies();      // a whole reply of one acknowledgement: 嗯, 好, ok…; suggestion = a full reply

// Context rules.
const lexicon& apologies();         // 抱歉, 对不起, 不好意思, 给您添麻烦…
const lexicon& greetings();         // 您好, 亲, 在吗…: an opening clause that may come before the apology
const lexicon& acknowledgements();  // 收到, 理解, 好的…: the start of a clause that may come before the apology
const lexicon& closings();          // 还有什么可以帮您, 祝您生活愉快, 有需要随时找我…
const lexicon& logistics_problems();// a customer's report that a parcel is stuck, late or lost
const lexicon& question_words();    // 什么, 怎么, 多少, 吗…: a customer segment that asks something
const lexicon& yes_no_verbs();      // 能, 可以, 有, 是…: what a yes/no question turns on

// Sentence-final particles that soften but carry no content (呢, 哦, 呀…).
bool is_particle(char32_t cp) noexcept;

// Characters that carry no topic in a customer's question (question words,
// pronouns, modal verbs): key terms are the ideograph pairs left between them.
bool is_question_filler(char32_t cp) noexcept;

// Intents that report a fault of the shop: the reply must open with an apology.
bool is_fault_intent(std::string_view intent) noexcept;
// Intents that are a fault only when the customer reports a problem (a stuck parcel).
bool is_fault_intent_when_problem(std::string_view intent) noexcept;
// Intents of small talk, where a hedge is not a misstated fact.
bool is_social_intent(std::string_view intent) noexcept;

// A question topic: the customer asks about it with one set of words, and a
// reply that addresses it uses another ("几天能到" is answered by "明天").
struct question_topic {
    std::string_view name;
    const lexicon* asked_by;
    const lexicon* answered_by;
};
std::span<const question_topic> question_topics();

// Thresholds, in letters, digits and ideographs.
inline constexpr std::size_t self_centred_min_length = 25;  // "a long reply"
inline constexpr std::size_t self_centred_min_count = 3;    // self-references that make a pattern
inline constexpr std::size_t decisive_notice_length = 30;   // info: getting long for a decisive buyer
inline constexpr std::size_t decisive_limit_length = 40;    // warning: two short sentences at most
inline constexpr std::size_t decisive_summary_length = 25;  // the suggested short version

// Fixed wordings of suggestions.
inline constexpr std::string_view apology = "非常抱歉给您添麻烦了";
inline constexpr std::string_view closing_question = "，还有什么可以帮您的吗？";
inline constexpr std::string_view rhetorical_question_suggestion = "这边给您说明一下哦";
inline constexpr std::string_view empty_reply_suggestion = "您好，在的呢，请问有什么可以帮您的吗？";

}  // namespace kefu::detail::reply::phrases

// The reply checker ("lint"): reads a reply an agent wrote to a customer and
// reports where it falls short of the Chinese e-commerce service standard —
// warm, precise, never blunt. Each finding names a rule, a byte span of the
// reply as the agent wrote it, a short explanation and a suggested rewrite.
// The rules and their severities are described in docs/LINT.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::detail::reply {

// How bad a finding is. Only warning and error mean "rewrite before
// sending"; info marks a milder variant of a rule worth a second look.
enum class severity : std::uint8_t { info, warning, error };

enum class customer_mood : std::uint8_t { calm, anxious, angry, happy };

// What the reply answers.
struct lint_context {
    std::string customer;               // the customer's last message(s) the reply answers (may be empty)
    customer_mood mood = customer_mood::calm;
    std::string personality;            // "decisive", "aloof", "self_centred", "friendly", "difficult",
                                        // "analytical" or empty
    std::vector<std::string> intents;   // the customer's last intents, e.g. "quality_issue", "bargain"
    bool topic_resolved = false;        // the topic is closed: a closing question is expected
};

struct lint_finding {
    std::string rule;          // one of the rule ids below
    severity level;
    std::uint32_t start, end;  // byte span in the original reply; on UTF-8 character boundaries
    std::string message;       // short English explanation
    std::string suggestion;    // a suggested rewrite in Chinese (of the span or of the whole reply)
};

// Rule ids, as they appear in lint_finding::rule.
namespace rule_id {
inline constexpr std::string_view blunt_negative = "blunt_negative";
inline constexpr std::string_view commanding_tone = "commanding_tone";
inline constexpr std::string_view vague_word = "vague_word";
inline constexpr std::string_view self_centred = "self_centred";
inline constexpr std::string_view missing_apology = "missing_apology";
inline constexpr std::string_view unanswered_question = "unanswered_question";
inline constexpr std::string_view missing_closing = "missing_closing";
inline constexpr std::string_view too_long_for_decisive = "too_long_for_decisive";
inline constexpr std::string_view bare_reply = "bare_reply";
}  // namespace rule_id

// Checks a reply. Findings are ordered by start offset. Never throws for
// any input text: invalid UTF-8 is read as U+FFFD; an empty reply gets only
// bare_reply; a reply over the normaliser's hard limit (1 GiB) gets none.
std::vector<lint_finding> lint_reply(std::string_view reply, const lint_context& context);

// "info", "warning" or "error".
std::string_view severity_name(severity level) noexcept;

// "calm", "anxious", "angry" or "happy" (ASCII case ignored); nullopt otherwise.
std::optional<customer_mood> parse_customer_mood(std::string_view name) noexcept;

}  // namespace kefu::detail::reply

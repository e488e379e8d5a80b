#include "reply/lint.hpp"

#include <algorithm>
#include <array>

#include "core/utf8.hpp"
#include "reply/analysed_text.hpp"
#include "reply/rules.hpp"

namespace kefu::detail::reply {
namespace {

constexpr std::array<rule_check, 9> rules = {
    check_blunt_negative,   check_commanding_tone,     check_vague_word,
    check_self_centred,     check_missing_apology,     check_unanswered_question,
    check_missing_closing,  check_too_long_for_decisive, check_bare_reply,
};

// Suggestions quote the agent's own bytes; those may hold invalid UTF-8,
// which callers (JSON, Python) cannot carry.
void make_valid_utf8(std::string& s) {
    if (!utf8::is_valid(s)) s = utf8::from_u32(utf8::to_u32(s));
}

}  // namespace

std::span<const rule_check> all_rules() noexcept { return rules; }

std::vector<lint_finding> lint_reply(std::string_view reply_text, const lint_context& context) {
    const analysed_text reply(reply_text);
    if (!reply.normalised()) return {};
    const analysed_text customer(context.customer);
    const rule_input in{reply, customer, context};
    std::vector<lint_finding> findings;
    if (!reply.has_content()) {
        check_bare_reply(in, findings);  // nothing else can be said of a reply without words
    } else {
        for (rule_check check : all_rules()) check(in, findings);
    }
    for (lint_finding& f : findings) {
        make_valid_utf8(f.message);
        make_valid_utf8(f.suggestion);
    }
    std::stable_sort(findings.begin(), findings.end(), [](const lint_finding& a, const lint_finding& b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    return findings;
}

std::string_view severity_name(severity level) noexcept {
    switch (level) {
        case severity::info: return "info";
        case severity::warning: return "warning";
        case severity::error: return "error";
    }
    return "unknown";
}

std::optional<customer_mood> parse_customer_mood(std::string_view name) noexcept {
    constexpr std::array<std::pair<std::string_view, customer_mood>, 4> moods = {{
        {"calm", customer_mood::calm},
        {"anxious", customer_mood::anxious},
        {"angry", customer_mood::angry},
        {"happy", customer_mood::happy},
    }};
    for (const auto& [text, mood] : moods)
        if (ascii_iequals(name, text)) return mood;
    return std::nullopt;
}

}  // namespace kefu::detail::reply

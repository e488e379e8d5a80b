// The reply checker's rules, one function each. A rule reads the analysed
// reply and customer message and appends its findings.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reply/analysed_text.hpp"
#include "reply/lint.hpp"

namespace kefu::detail::reply {

struct rule_input {
    const analysed_text& reply;
    const analysed_text& customer;
    const lint_context& context;
};

inline lint_finding make_finding(std::string_view rule, severity level, byte_span span, std::string message,
                                 std::string suggestion) {
    return {std::string(rule), level, span.start, span.end, std::move(message), std::move(suggestion)};
}

// ASCII case-insensitive equality with a lowercase `lower` (personality and mood names).
inline bool ascii_iequals(std::string_view text, std::string_view lower) noexcept {
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = (text[i] >= 'A' && text[i] <= 'Z') ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
        if (c != lower[i]) return false;
    }
    return true;
}

using rule_check = void (*)(const rule_input&, std::vector<lint_finding>&);

// Wording: how the reply says it.
void check_blunt_negative(const rule_input& in, std::vector<lint_finding>& out);
void check_commanding_tone(const rule_input& in, std::vector<lint_finding>& out);
void check_vague_word(const rule_input& in, std::vector<lint_finding>& out);
void check_self_centred(const rule_input& in, std::vector<lint_finding>& out);
void check_bare_reply(const rule_input& in, std::vector<lint_finding>& out);

// Context: what the reply owes this customer at this point.
void check_missing_apology(const rule_input& in, std::vector<lint_finding>& out);
void check_unanswered_question(const rule_input& in, std::vector<lint_finding>& out);
void check_missing_closing(const rule_input& in, std::vector<lint_finding>& out);
void check_too_long_for_decisive(const rule_input& in, std::vector<lint_finding>& out);

// Every rule, in the order they run.
std::span<const rule_check> all_rules() noexcept;

}  // namespace kefu::detail::reply

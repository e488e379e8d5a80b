// Checking agent replies (C++ API over the C ABI).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/detail/c_handle.hpp"

namespace kefu {
inline namespace v1 {

// What the reply answers; empty fields are "unknown".
struct lint_context {
    std::string customer;     // the customer's last message(s)
    std::string mood;         // "calm", "anxious", "angry", "happy"
    std::string personality;  // the profile's top personality
    std::vector<std::string> intents;
    bool topic_resolved = false;
};

struct lint_finding {
    std::string rule;
    int level = 0;  // KEFU_SEVERITY_*
    std::string severity;
    std::size_t start = 0, end = 0;  // byte range in the reply
    std::string message;
    std::string suggestion;
};

namespace detail {
// The C view of a context; valid while `context` and `pointers` live.
inline kefu_lint_context to_c(const lint_context& context, std::vector<const char*>& pointers) {
    kefu_lint_context c;
    check(kefu_lint_context_init(&c, KEFU_LINT_CONTEXT_VERSION));
    c.customer = context.customer.data();
    c.customer_len = context.customer.size();
    c.mood = context.mood.empty() ? nullptr : context.mood.c_str();
    c.personality = context.personality.empty() ? nullptr : context.personality.c_str();
    for (const auto& i : context.intents) pointers.push_back(i.c_str());
    c.intents = pointers.data();
    c.intent_count = pointers.size();
    c.topic_resolved = context.topic_resolved ? 1 : 0;
    return c;
}
}  // namespace detail

// Checks a reply (see kefu_lint). Thread-safe.
inline std::vector<lint_finding> lint(std::string_view reply, const lint_context& context = {}) {
    std::vector<const char*> pointers;
    const kefu_lint_context c = detail::to_c(context, pointers);
    kefu_lint_result* raw = nullptr;
    detail::check(kefu_lint(&raw, reply.data(), reply.size(), &c));
    detail::c_handle<kefu_lint_result, kefu_lint_free> owner(raw);
    std::vector<lint_finding> out;
    for (std::size_t i = 0, n = kefu_lint_count(raw); i < n; ++i) {
        kefu_lint_finding f;
        detail::check(kefu_lint_get(&f, raw, i));
        out.push_back({f.rule, f.level, f.severity, f.start, f.end, f.message, f.suggestion});
    }
    return out;
}

inline std::string lint_json(std::string_view reply, const lint_context& context = {}) {
    std::vector<const char*> pointers;
    const kefu_lint_context c = detail::to_c(context, pointers);
    kefu_string* out = nullptr;
    detail::check(kefu_lint_json(&out, reply.data(), reply.size(), &c));
    return detail::take_string(out);
}

}  // namespace v1
}  // namespace kefu

// A customer session: the state kefu keeps between events — the profile,
// the last intents and message (the context of agent replies), the orders
// seen — and its blob, which restores bit-exactly.
//
// Bounded: history is a fixed number of recent turns; older evidence lives
// only in the profile's aggregates.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "profile/profiler.hpp"
#include "reply/lint.hpp"
#include "session/event.hpp"

namespace kefu::detail::session {

inline constexpr std::size_t history_limit = 32;
inline constexpr std::size_t remembered_text_limit = 1024;  // bytes of the last customer message kept
inline constexpr std::size_t used_template_limit = 64;

struct turn {
    std::int64_t time_ms;
    event_type type;
    std::string intent;  // customer messages
};

struct order_state {
    std::string id;
    double amount = 0;
    event_type last_event = event_type::order_created;
};

class customer_session {
public:
    customer_session(std::shared_ptr<const model::compiled_model> model, std::string id);

    // Processes one event; returns its output line (the `kefu run` contract).
    nlohmann::json step(const event& e);

    std::string snapshot() const;
    // Throws kefu::error: KEFU_ECORRUPT (damaged), KEFU_EVERSION (another format).
    static customer_session restore(std::shared_ptr<const model::compiled_model> model, std::string_view blob);

    const std::string& id() const noexcept { return id_; }
    const profile::customer_profile& profile() const noexcept { return profiler_.profile(); }
    const std::vector<turn>& history() const noexcept { return history_; }
    std::int64_t last_time_ms() const noexcept { return last_time_ms_; }

private:
    nlohmann::json on_message(const event& e, nlohmann::json out);
    nlohmann::json on_agent_reply(const event& e, nlohmann::json out);
    void on_order_event(const event& e);
    void remember(const event& e, std::string intent);
    // The suggested reply to a message from the templates, or "" when no
    // variant can be filled with the facts known.
    nlohmann::json propose_reply(const message_analysis& analysis, const event& e);
    reply::lint_context lint_context() const;

    std::string id_;
    profile::profiler profiler_;
    std::int64_t last_time_ms_ = INT64_MIN;
    std::int32_t utc_offset_minutes_ = 8 * 60;
    std::vector<turn> history_;
    std::vector<std::string> last_intents_;
    std::string last_customer_text_;
    std::vector<order_state> orders_;
    std::vector<std::uint64_t> used_templates_;  // rotation: the variants already sent, oldest first
    bool traditional_ = false;                   // the customer writes in Traditional script
    std::uint64_t events_ = 0;
};

}  // namespace kefu::detail::session

// A customer session: the state kefu keeps between events — the profile,
// the last intents and message (the context of agent replies), the orders
// seen — and its blob, which restores bit-exactly.
//
// Bounded: history is a fixed number of recent turns; older evidence lives
// only in the profile's aggregates.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "flow/runtime.hpp"
#include "profile/profiler.hpp"
#include "reply/lint.hpp"
#include "session/event.hpp"
#include "session/flow_facts.hpp"
#include "session/order_state.hpp"

namespace kefu::detail::session {

inline constexpr std::size_t history_limit = 32;
inline constexpr std::size_t remembered_text_limit = 1024;  // bytes of the last customer message kept
inline constexpr std::size_t used_template_limit = 64;

struct turn {
    std::int64_t time_ms;
    event_type type;
    std::string intent;  // customer messages
};

class customer_session {
public:
    customer_session(std::shared_ptr<const model::compiled_model> model, std::string id);

    // Processes one event; returns its output line (the `kefu run` contract).
    // Timers due before the event fire first; their lines are in the
    // member "timers_fired" (a host that calls advance() first gets none).
    nlohmann::json step(const event& e);

    // Moves the session's clock to `until_ms` (never backwards), firing every
    // timer due by then, each once, in order of due time: one line per timer.
    std::vector<nlohmann::json> advance(std::int64_t until_ms);
    // When the earliest pending timer is due.
    std::optional<std::int64_t> next_deadline() const noexcept { return flows_.next_deadline(); }
    // Shop policies {"flow": {"policy": value}} (docs/FLOWS.md). Throws
    // kefu::error(KEFU_EINVAL); nothing changes then.
    void set_policies(const nlohmann::json& policies);
    // Active flows, slots, pending timers, policies and the audit trail.
    nlohmann::json flow_state_json() const;

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
    // What restore reads of the state section after the id.
    void restore_state(model::reader& state);
    // The suggested reply to a message from the templates, or "" when no
    // variant can be filled with the facts known.
    nlohmann::json propose_reply(const message_analysis& analysis, const event& e);
    // A reply from template `key` filled with `values`, or null when no
    // variant can be filled.
    nlohmann::json render(const std::string& key, const reply::slot_values& values);
    step_facts facts_for(const event* e, const message_analysis* a, std::int64_t now_ms) const;
    // Offers a trigger to the flows and writes what they do into `out`; true
    // when a flow said something (the step's reply).
    bool run_flows(const flow::trigger_input& trigger, const step_facts& facts, const reply::slot_values& message_values,
                   nlohmann::json& out);
    nlohmann::json effect_json(const flow::effect& e, const reply::slot_values& message_values);
    reply::lint_context lint_context() const;

    std::string id_;
    profile::profiler profiler_;
    std::int64_t last_time_ms_ = INT64_MIN;
    std::int32_t utc_offset_minutes_ = 8 * 60;
    std::vector<turn> history_;
    std::vector<std::string> last_intents_;
    std::string last_customer_text_;
    std::vector<order_state> orders_;
    flow::flow_runtime flows_;
    std::int64_t last_message_ms_ = INT64_MIN;  // the customer's last message
    std::vector<std::uint64_t> used_templates_;  // rotation: the variants already sent, oldest first
    bool traditional_ = false;                   // the customer writes in Traditional script
    std::uint64_t events_ = 0;
};

}  // namespace kefu::detail::session

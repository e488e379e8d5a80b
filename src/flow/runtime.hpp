// The flows of one session at run time (docs/FLOWS.md, Runtime): which flows
// are active and in which state, their slots and offered prices, the pending
// timers, the policies the host set, and the audit trail. Time comes only
// from the caller; nothing here reads a clock.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "flow/evaluate.hpp"
#include "flow/flow.hpp"
#include "model/binary.hpp"
#include "reply/templates.hpp"

namespace kefu::detail::flow {

inline constexpr std::size_t audit_limit = 256;
inline constexpr std::size_t audit_value_bytes = 256;  // a text value in the trail is cut to this
inline constexpr std::size_t pending_timer_limit = 256;

struct pending_timer {
    std::uint32_t flow = 0;
    std::uint32_t timer = 0;
    std::int64_t due_ms = 0;
    std::uint64_t sequence = 0;  // ties of due times fire in scheduling order
};

struct flow_instance {
    std::uint32_t flow = 0;
    std::uint32_t state = 0;
    std::vector<value> slots;
    value price;  // the offered price (bargaining flows)
    std::int64_t entered_ms = 0;
};

struct audit_entry {
    std::int64_t time_ms = 0;
    std::string flow, from, to, trigger, detail;
    std::string transition;  // file:line:col of the transition taken
};

// What one step does, for the session to render (templates) and report.
struct effect {
    enum class kind : std::uint8_t { say, offer, schedule, cancel, escalate, emit, note };
    kind what = kind::say;
    std::string flow;
    std::string name;          // template (say), offer kind, timer, escalation target, host action, note text
    std::string template_key;  // emit ... with KEY
    std::string host_action;   // schedule: what the timer leads to
    double amount = 0;         // offer
    value offered;             // offer: the price (discount) or the gift text
    std::int64_t at_ms = 0;    // schedule
    reply::slot_values values; // say, emit: the flow's slots and policies for the template

    static effect make(kind what, std::string flow, std::string name, std::string template_key = {}) {
        effect e;
        e.what = what;
        e.flow = std::move(flow);
        e.name = std::move(name);
        e.template_key = std::move(template_key);
        return e;
    }
};

struct trigger_input {
    trigger_kind kind = trigger_kind::message;
    std::vector<std::uint32_t> ids;  // salient intents, the event type, or the timer
    std::uint32_t only_flow = UINT32_MAX;  // timers: their flow
};

// The moment of a step, for schedules and quiet hours.
struct step_time {
    std::int64_t now_ms = 0;
    std::int32_t utc_offset_minutes = 0;
};

class flow_runtime {
public:
    // Offers a trigger to every flow (or the timer's); each takes at most one
    // transition. `facts` answers the builtins other than in_state and price.
    void dispatch(const std::vector<flow_definition>& flows, const trigger_input& trigger, const environment& facts,
                  const step_time& time, std::vector<effect>& out);

    std::optional<std::int64_t> next_deadline() const noexcept;
    // Removes and returns the earliest timer due at or before `until_ms`.
    std::optional<pending_timer> pop_due(std::int64_t until_ms);

    // Host policies: {"flow": {"policy": value}}. Throws kefu::error(KEFU_EINVAL)
    // naming an unknown flow or policy, or a value of the wrong type; nothing
    // is changed then.
    void set_policies(const std::vector<flow_definition>& flows, const nlohmann::json& policies);

    // {"flow": "state"} of the active flows.
    nlohmann::json active_json(const std::vector<flow_definition>& flows) const;
    // Active flows with slots and prices, pending timers, policies, audit trail.
    nlohmann::json state_json(const std::vector<flow_definition>& flows, std::int32_t utc_offset_minutes) const;

    const std::vector<pending_timer>& timers() const noexcept { return timers_; }
    const std::vector<audit_entry>& audit() const noexcept { return audit_; }

    void save(const std::vector<flow_definition>& flows, model::writer& w) const;
    // Throws kefu::error(KEFU_ECORRUPT) on damage, or when the blob names a
    // flow, state or policy the model does not have.
    static flow_runtime load(const std::vector<flow_definition>& flows, model::reader& r);

private:
    class instance_environment;

    bool try_transitions(const std::vector<flow_definition>& flows, std::uint32_t flow_index,
                         const trigger_input& trigger, const environment& facts, const step_time& time,
                         std::vector<effect>& out);
    void run_actions(const flow_definition& f, const transition& t, flow_instance& instance, const environment& env,
                     const step_time& time, std::vector<effect>& out, std::string& detail, bool& ended);
    void offer(const flow_definition& f, const action& a, flow_instance& instance, const environment& env,
               std::vector<effect>& out, std::string& detail);
    void schedule(const flow_definition& f, std::uint32_t flow_index, const action& a, const environment& env,
                  const step_time& time, std::vector<effect>& out, std::string& detail);
    void cancel(const flow_definition& f, std::uint32_t flow_index, std::optional<std::uint32_t> timer,
                std::vector<effect>& out);
    void finish(const flow_definition& f, std::uint32_t flow_index, std::vector<effect>& out);
    void record(audit_entry entry);
    flow_instance* find_instance(std::uint32_t flow_index) noexcept;
    value policy_value(const flow_definition& f, std::uint32_t policy) const;
    std::optional<std::string> missing_policy(const flow_definition& f) const;
    reply::slot_values template_values(const flow_definition& f, const flow_instance& instance,
                                       std::int32_t utc_offset_minutes) const;

    std::vector<flow_instance> instances_;
    std::vector<pending_timer> timers_;
    std::map<std::string, std::map<std::string, value>> policies_;  // flow → policy → value, as the host set them
    std::vector<audit_entry> audit_;
    std::uint64_t next_sequence_ = 0;
};

}  // namespace kefu::detail::flow

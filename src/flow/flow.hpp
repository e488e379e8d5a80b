// Compiled scenario flows (docs/FLOWS.md): states, transitions with guards
// compiled to stack code, actions, policies, slots and timers. Immutable
// once compiled; part of the model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kefu::detail::flow {

// Declared types of policies and slots. Every value is a number or a text at
// run time; the type says how it is written and rendered (durations and
// clocks in seconds, times in seconds since the epoch).
enum class value_type : std::uint8_t { money, number, duration, clock, time, text, flag };

const char* value_type_name(value_type t) noexcept;
bool value_type_from(const std::string& name, value_type& out) noexcept;
inline bool is_text(value_type t) noexcept { return t == value_type::text; }

struct value {
    enum class kind : std::uint8_t { none, number, text };
    kind what = kind::none;
    double number = 0;
    std::string text;

    static value of(double n) { return {kind::number, n, {}}; }
    static value of(std::string s) { return {kind::text, 0, std::move(s)}; }
    bool known() const noexcept { return what != kind::none; }
    bool truthy() const noexcept { return what == kind::number ? number != 0 : what == kind::text && !text.empty(); }
    bool operator==(const value&) const = default;
};

// Values kefu knows about a step, read by guards (docs/FLOWS.md,
// References). Stored in model files: append only.
enum class builtin : std::uint8_t {
    intent, confidence, entity, profile_trait, mood, event_field, order_field, now, clock, since_message, in_state,
    price, message_mood,
};

enum class mood_field : std::uint8_t { anger, anxiety, satisfaction, polarity };
enum class event_field : std::uint8_t { order, amount, result, reason, new_date, text, courier, tracking };
enum class order_field : std::uint8_t { amount, paid, closed, delivered, received, days_since_delivery };

// Guards and action values compile to stack code: operands are pushed,
// operators pop theirs. Stored in model files: append only.
enum class op_code : std::uint8_t {
    push_number, push_text, load_slot, load_policy, load_builtin, has, logical_not, negate, add, subtract, multiply,
    divide, equal, not_equal, less, less_equal, greater, greater_equal, logical_and, logical_or, minimum, maximum,
    next_clock, contains,
};

struct instruction {
    op_code op = op_code::push_number;
    std::uint32_t index = 0;  // slot, policy or builtin
    std::uint32_t param = 0;  // builtin parameter (entity type, trait, field)
    double number = 0;
    std::string text;
    // Slot/policy/builtin reads that may be unknown; `has` wraps the read before it.
    bool operator==(const instruction&) const = default;
};

struct code {
    std::vector<instruction> instructions;
    std::string text;  // as written, for conflict checks, DOT labels and the audit trail
    bool empty() const noexcept { return instructions.empty(); }
};

enum class trigger_kind : std::uint8_t { intent, message, event, timer };

enum class action_kind : std::uint8_t {
    say, set, schedule, cancel, cancel_all, offer_discount, offer_gift, offer_cashback, offer_coupon, escalate, emit,
    end,
};

struct action {
    action_kind kind = action_kind::say;
    std::uint32_t index = 0;  // slot (set) or timer (schedule, cancel)
    std::string name;         // template (say), host action (emit), escalation target
    std::string template_key; // emit ... with KEY
    code value;               // set, schedule (delay), offer
    bool daytime = false;     // schedule: outside quiet hours
    std::string location;
};

inline constexpr std::uint32_t stay = UINT32_MAX;

struct transition {
    std::vector<std::uint32_t> sources;  // state indices; empty with any_active
    bool any_active = false;             // `from *`
    trigger_kind trigger = trigger_kind::message;
    std::vector<std::uint32_t> trigger_ids;  // intent indices, event types or one timer index
    std::string trigger_text;                // "intent bargain, bargain_compare"
    code guard;
    std::uint32_t target = stay;
    std::vector<action> actions;
    std::string location;  // file:line:col
};

struct state {
    std::string name;
    bool final = false;
    std::string location;
};

struct variable {
    std::string name;
    value_type type = value_type::number;
    bool has_default = false;
    value initial;
    std::string location;
};

struct timer {
    std::string name;
    std::string host_action;  // "" when not named
    std::string location;
};

struct flow_definition {
    std::string name;
    std::string description;
    std::string location;
    std::vector<state> states;
    std::uint32_t initial = 0;
    std::vector<variable> policies;
    std::vector<variable> slots;
    std::vector<timer> timers;
    std::vector<transition> transitions;

    // Index by name, or -1.
    int find_state(const std::string& name) const noexcept;
    int find_policy(const std::string& name) const noexcept;
    int find_slot(const std::string& name) const noexcept;
    int find_timer(const std::string& name) const noexcept;
    // An active state: neither the initial one nor final.
    bool is_active(std::uint32_t s) const noexcept { return s != initial && !states[s].final; }
    bool from_matches(const transition& t, std::uint32_t s) const noexcept;
};

}  // namespace kefu::detail::flow

// The events a host feeds a session (the JSON Lines of `kefu run`): customer
// messages, agent replies, order life-cycle events, call results, CRM facts
// and clock ticks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::detail::session {

enum class event_type : std::uint8_t {
    message,
    agent_reply,
    order_created,
    order_paid,
    order_closed,
    shipped,
    delivered,
    receipt_confirmed,
    return_requested,
    call_result,
    customer_facts,
    tick,
    shipment_delayed,  // the shop knows an order will ship late: `new_date`
    policy,            // the host sets shop policies for this session: `policies`
};
inline constexpr event_type last_event_type = event_type::policy;

std::string_view event_type_name(event_type type) noexcept;
std::optional<event_type> event_type_from(std::string_view name) noexcept;

// What the CRM knows about the customer.
struct customer_facts {
    std::uint32_t orders = 0;
    std::uint32_t brand_repurchases = 0;
    std::uint32_t returns = 0;
    std::uint32_t tenure_days = 0;
};

struct event {
    std::string session;
    std::int64_t time_ms = 0;
    std::int32_t utc_offset_minutes = 8 * 60;
    event_type type = event_type::message;
    std::string text;    // message, agent_reply
    std::string order;   // order events, call_result
    double amount = 0;   // order_created
    std::string reason;  // return_requested
    std::string result;  // call_result: answered, unreachable, declined
    std::string courier;   // shipped: the courier, when the host knows it
    std::string tracking;  // shipped: the tracking number
    customer_facts facts;
    std::int64_t new_date_ms = 0;  // shipment_delayed; 0 when not given
    std::string policies_json;     // policy: the `policies` object, as JSON text
};

// The longest `session`, `order`, `reason`, `result`, `courier` and
// `tracking` accepted. A session
// keeps order ids in its orders, flow slots and audit trail (256 entries):
// before this bound, events with 1 MB order ids grew one session's blob to
// 144 MB, and 16 MiB ones could have taken gigabytes.
inline constexpr std::size_t max_field_bytes = 1024;

// Parses one JSON event line. `time` is ISO-8601 with an offset or
// milliseconds since the epoch (then the offset is UTC+08:00). Throws
// kefu::error(KEFU_EPARSE) naming the field at fault, also for a field
// above max_field_bytes.
event parse_event(std::string_view json_line);

}  // namespace kefu::detail::session

// What a session knows of the customer's orders, from the host's order events.
#pragma once

#include <cstdint>
#include <string>

#include "session/event.hpp"

namespace kefu::detail::session {

struct order_state {
    std::string id;
    double amount = 0;
    event_type last_event = event_type::order_created;
    std::uint32_t seen = 0;         // bit i: an event of type i came for this order
    std::int64_t delivered_ms = 0;  // when `delivered` came, or 0

    bool has_seen(event_type t) const noexcept { return (seen >> static_cast<unsigned>(t)) & 1u; }
};

}  // namespace kefu::detail::session

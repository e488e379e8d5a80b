// The signals that move a customer profile: what they look for in one
// message, and which traits they move by how much. docs/PROFILE.md lists
// them all; every fired signal becomes evidence the agent can read.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "profile/observation.hpp"
#include "profile/traits.hpp"

namespace kefu::detail::profile {

struct trait_push {
    trait target;
    float weight;  // evidence added (negative: against the trait)
};

// A signal that fired on one message; `strength` scales its pushes (a count
// of matching words, capped).
struct fired_signal {
    std::string_view id;           // "short_message", "threat", ...
    std::string_view description;  // for evidence: "message under 6 characters"
    float strength;
    const std::vector<trait_push>* pushes;
};

// Every signal that fires on the message, in the order of the signal table.
std::vector<fired_signal> detect_signals(const message_observation& message);

// Signals from the order and CRM events, described the same way.
struct event_signal {
    std::string_view id;
    std::string_view description;
    std::vector<trait_push> pushes;
};
const event_signal& quick_order_signal();       // an order within 3 minutes or 3 messages of the first
const event_signal& repeat_buyer_signal();      // CRM: brand repurchases
const event_signal& loyal_customer_signal();    // CRM: many orders or long tenure
const event_signal& frequent_returner_signal(); // CRM: many returns

}  // namespace kefu::detail::profile

// What flow guards read about a step (docs/FLOWS.md, References): the
// message and its analysis, the host event, the profile, the orders and the
// clock. Built per step; holds references only.
#pragma once

#include <vector>

#include "flow/evaluate.hpp"
#include "model/model.hpp"
#include "profile/profile.hpp"
#include "session/event.hpp"
#include "session/message_analysis.hpp"
#include "session/order_state.hpp"

namespace kefu::detail::session {

struct step_facts {
    const model::compiled_model& model;
    const profile::customer_profile& profile;
    const std::vector<order_state>& orders;
    const event* host_event = nullptr;              // none for timers
    const message_analysis* analysis = nullptr;     // customer messages
    const std::string* normalized_text = nullptr;   // customer messages
    std::int64_t now_ms = 0;
    std::int32_t utc_offset_minutes = 0;
    std::int64_t previous_message_ms = INT64_MIN;  // the customer's message before this step
};

class facts_environment final : public flow::environment {
public:
    explicit facts_environment(const step_facts& facts) : f_(facts) {}

    flow::value builtin(flow::builtin which, std::uint32_t param) const override;
    // Slots and policies belong to the flow runtime.
    flow::value slot(std::uint32_t) const override { return {}; }
    flow::value policy(std::uint32_t) const override { return {}; }

private:
    flow::value entity_value(std::uint32_t type) const;
    flow::value event_value(std::uint32_t field) const;
    flow::value order_value(std::uint32_t field) const;
    const order_state* current_order() const;

    const step_facts& f_;
};

}  // namespace kefu::detail::session

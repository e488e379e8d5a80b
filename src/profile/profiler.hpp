// Builds a customer profile from a conversation's events: each customer
// message is analysed (intents, entities, mood) and observed, agent replies
// give reply latencies, orders and CRM facts add their signals.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "model/model.hpp"
#include "profile/profile.hpp"
#include "session/event.hpp"
#include "session/message_analysis.hpp"

namespace kefu::detail::profile {

class profiler {
public:
    explicit profiler(std::shared_ptr<const model::compiled_model> model) : model_(std::move(model)) {}

    // Observes one event; for a customer message returns its analysis (valid
    // until the next analysis on this thread: session::thread_workspace),
    // otherwise nullptr. The message's normalised text is in normalized()
    // until then too.
    const session::message_analysis* on_event(const session::event& e);
    static const text::normalized& normalized() noexcept { return session::thread_workspace().scratch.classify.text; }
    const customer_profile& profile() const noexcept { return profile_; }
    customer_profile& profile() noexcept { return profile_; }
    const model::compiled_model& model() const noexcept { return *model_; }

private:
    std::shared_ptr<const model::compiled_model> model_;
    customer_profile profile_;
};

// Feeds one analysed customer message to a profile.
void observe(customer_profile& profile, const model::compiled_model& model, const session::message_analysis& analysis,
             const text::normalized& text, std::int64_t time_ms);

// The profile as JSON: scores per family, mood, complaint motive when
// complaining, the top traits and the strategy; with `evidence`, each
// trait's signals and the messages that moved it.
nlohmann::json to_json(const customer_profile& profile, bool evidence);

}  // namespace kefu::detail::profile

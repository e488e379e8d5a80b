// A customer profile: evidence for each trait gathered over a session,
// scores with confidence, the mood, and the service strategy they imply.
//
// Evidence rule (docs/PROFILE.md): every fired signal adds weight × strength
// to its traits. Before each customer message all message evidence decays by
// a factor of 0.85 (a signal's weight halves after about four messages),
// because people warm up or cool down within a chat; CRM facts do not decay.
// score = 1 - exp(-max(0, evidence) / 2); confidence = 1 - exp(-signals / 4).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/binary.hpp"
#include "profile/observation.hpp"
#include "profile/traits.hpp"
#include "session/event.hpp"

namespace kefu::detail::profile {

inline constexpr float evidence_decay = 0.85f;
inline constexpr std::size_t evidence_log_limit = 64;  // the oldest entries go first

// One signal's contribution, kept so an agent can see why.
struct evidence_entry {
    trait target;
    std::string signal;        // signal id
    std::string description;
    std::uint32_t message;     // customer message number; UINT32_MAX for order and CRM events
    float weight;              // evidence added
};

struct trait_score {
    float score = 0;
    float confidence = 0;
};

struct mood_state {
    float anger = 0, anxiety = 0, satisfaction = 0, polarity = 0;
};

// How to serve this customer, for the reply templates and flows.
struct service_strategy {
    std::string reply_length;      // short, medium, long
    std::string detail;            // low, normal, high
    std::string warmth;            // low, normal, high
    std::string formality;         // casual, neutral, formal
    bool recommend_related = false;
    bool escalate_early = false;
    std::string concession_policy; // one_clear_offer, value_and_coupons, gift_over_discount, hold_then_compensate, standard
    std::string apology_first;     // "yes" when the customer is upset
};

class customer_profile {
public:
    void observe_message(const message_observation& message);
    void observe_agent_reply(std::int64_t time_ms);
    void observe_order_created(std::int64_t time_ms);
    void observe_customer_facts(const session::customer_facts& facts);

    trait_score score(trait t) const noexcept;
    trait top(trait_family family) const noexcept;  // the highest score of the family
    bool complaining() const noexcept { return complaint_messages_ > 0; }
    const mood_state& mood() const noexcept { return mood_; }
    const std::vector<evidence_entry>& evidence() const noexcept { return log_; }
    std::uint32_t messages() const noexcept { return messages_; }
    service_strategy strategy() const;

    // The message number and time bookkeeping the observation needs.
    std::optional<std::int64_t> latency_since_agent(std::int64_t time_ms) const;
    std::uint32_t burst_at(std::int64_t time_ms) const;

    void save(model::writer& w) const;
    static customer_profile load(model::reader& r);

private:
    void push(trait t, float weight, float strength, std::string_view signal, std::string_view description,
              std::uint32_t message, bool durable);
    void track_intents(const message_observation& message);
    void track_mood(const message_observation& message);

    std::array<float, trait_count> evidence_{};   // decays
    std::array<float, trait_count> durable_{};    // CRM facts: no decay
    std::array<float, trait_count> signals_{};    // how many signals spoke for the trait (decays too)
    std::vector<evidence_entry> log_;
    mood_state mood_;
    std::uint32_t messages_ = 0;
    std::uint32_t complaint_messages_ = 0;
    std::uint32_t bargain_messages_ = 0;
    bool compared_prices_ = false;
    bool ordered_ = false;
    std::int64_t first_message_ms_ = -1;
    std::int64_t last_agent_reply_ms_ = -1;
    std::array<std::int64_t, 3> recent_messages_ms_{-1, -1, -1};  // for bursts
};

}  // namespace kefu::detail::profile

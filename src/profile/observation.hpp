// What the profiler sees of one customer message: the normalised text and
// what the other stages found in it, plus its timing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "entity/entity.hpp"
#include "mood/mood_model.hpp"
#include "text/normalizer.hpp"

namespace kefu::detail::profile {

struct message_observation {
    const text::normalized* text = nullptr;
    std::vector<std::string_view> intents;            // the primary intent first, then a strong second
    const std::vector<entity::entity>* entities = nullptr;
    std::optional<mood::mood_estimate> mood;
    std::int64_t time_ms = 0;
    std::optional<std::int64_t> reply_latency_ms;     // since the agent's last reply
    std::uint32_t burst = 1;                          // this and the customer's messages of the last 30 s
    std::uint32_t index = 0;                          // the customer's message number, from 0
};

}  // namespace kefu::detail::profile

#include "session/flow_facts.hpp"

#include <algorithm>

#include "core/iso_time.hpp"

namespace kefu::detail::session {
namespace {

using flow::value;

constexpr double ms_per_second = 1000;
constexpr std::int64_t seconds_per_day = 86400;

// A mood field by its index in flow/flow.hpp: anger, anxiety, satisfaction,
// polarity. The running mood and one message's mood have the same fields.
template <typename Mood>
value mood_field(const Mood& m, std::uint32_t param) {
    const float fields[] = {m.anger, m.anxiety, m.satisfaction, m.polarity};
    return param < 4 ? value::of(fields[param]) : value{};
}

}  // namespace

value facts_environment::builtin(flow::builtin which, std::uint32_t param) const {
    switch (which) {
        case flow::builtin::intent:
            if (f_.analysis == nullptr) return {};
            return value::of(f_.model.rules().intents[f_.analysis->intents.intent].name);
        case flow::builtin::confidence:
            return f_.analysis == nullptr ? value{} : value::of(f_.analysis->intents.confidence);
        case flow::builtin::entity: return entity_value(param);
        case flow::builtin::profile_trait:
            return value::of(f_.profile.score(static_cast<profile::trait>(param)).score);
        case flow::builtin::mood: return mood_field(f_.profile.mood(), param);
        case flow::builtin::message_mood:
            if (f_.analysis == nullptr || !f_.analysis->mood) return {};
            return mood_field(*f_.analysis->mood, param);
        case flow::builtin::event_field: return event_value(param);
        case flow::builtin::order_field: return order_value(param);
        case flow::builtin::now: return value::of(static_cast<double>(floor_seconds(f_.now_ms)));
        case flow::builtin::clock: {
            const std::int64_t local = floor_seconds(f_.now_ms) + f_.utc_offset_minutes * 60;
            return value::of(static_cast<double>(((local % seconds_per_day) + seconds_per_day) % seconds_per_day));
        }
        case flow::builtin::since_message:
            if (f_.previous_message_ms == INT64_MIN) return {};
            return value::of(static_cast<double>(f_.now_ms - f_.previous_message_ms) / ms_per_second);
        default: return {};  // in_state and price: the flow runtime's
    }
}

value facts_environment::entity_value(std::uint32_t type) const {
    if (f_.analysis == nullptr) return {};
    for (const entity::entity& e : f_.analysis->entities) {
        if (static_cast<std::uint32_t>(e.type) != type) continue;
        switch (e.type) {
            case entity::entity_type::money:
            case entity::entity_type::discount:
            case entity::entity_type::quantity: return e.has_value ? value::of(e.value) : value{};
            case entity::entity_type::duration: return value::of(static_cast<double>(e.seconds));
            case entity::entity_type::time: return e.resolved ? value::of(static_cast<double>(e.epoch_seconds)) : value{};
            default: return value::of(e.canonical);
        }
    }
    return {};
}

value facts_environment::event_value(std::uint32_t field) const {
    const event* e = f_.host_event;
    if (e == nullptr) return {};
    const auto text_or_unknown = [](const std::string& s) { return s.empty() ? value{} : value::of(s); };
    switch (field) {
        case 0: return text_or_unknown(e->order);
        case 1: return e->amount > 0 ? value::of(e->amount) : value{};
        case 2: return text_or_unknown(e->result);
        case 3: return text_or_unknown(e->reason);
        case 4: return e->new_date_ms != 0 ? value::of(static_cast<double>(floor_seconds(e->new_date_ms))) : value{};
        case 6: return text_or_unknown(e->courier);
        case 7: return text_or_unknown(e->tracking);
        default:
            // A message's normalised text, so that Simplified words match Traditional messages.
            if (f_.normalized_text != nullptr) return value::of(*f_.normalized_text);
            return text_or_unknown(e->text);
    }
}

const order_state* facts_environment::current_order() const {
    if (f_.host_event != nullptr && !f_.host_event->order.empty()) {
        const auto it = std::find_if(f_.orders.begin(), f_.orders.end(),
                                     [&](const order_state& o) { return o.id == f_.host_event->order; });
        if (it != f_.orders.end()) return &*it;
    }
    return f_.orders.empty() ? nullptr : &f_.orders.back();
}

value facts_environment::order_value(std::uint32_t field) const {
    const order_state* o = current_order();
    if (o == nullptr) return {};
    const auto flag = [&](event_type t) { return value::of(o->has_seen(t) ? 1.0 : 0.0); };
    switch (field) {
        case 0: return o->amount > 0 ? value::of(o->amount) : value{};
        case 1: return flag(event_type::order_paid);
        case 2: return flag(event_type::order_closed);
        case 3: return flag(event_type::delivered);
        case 4: return flag(event_type::receipt_confirmed);
        default:
            if (!o->has_seen(event_type::delivered)) return {};
            return value::of(static_cast<double>(f_.now_ms - o->delivered_ms) / (ms_per_second * seconds_per_day));
    }
}

}  // namespace kefu::detail::session

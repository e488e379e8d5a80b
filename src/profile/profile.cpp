#include "profile/profile.hpp"

#include <algorithm>
#include <cmath>

#include "profile/signals.hpp"

namespace kefu::detail::profile {
namespace {

constexpr std::uint32_t event_message = UINT32_MAX;
constexpr float mood_smoothing = 0.6f;  // weight of the newest message in the running mood

float to_score(float evidence) { return 1.0f - std::exp(-std::max(0.0f, evidence) / 2.0f); }

void save_floats(model::writer& w, const std::array<float, trait_count>& a) {
    for (float v : a) w.pod(v);
}

void load_floats(model::reader& r, std::array<float, trait_count>& a) {
    for (float& v : a) {
        v = r.pod<float>();
        if (!std::isfinite(v)) model::reader::corrupt("profile: non-finite evidence");
    }
}

}  // namespace

void customer_profile::push(trait t, float weight, float strength, std::string_view signal,
                            std::string_view description, std::uint32_t message, bool durable) {
    const auto i = static_cast<std::size_t>(t);
    const float amount = weight * strength;
    (durable ? durable_ : evidence_)[i] += amount;
    signals_[i] += 1;
    if (log_.size() == evidence_log_limit) log_.erase(log_.begin());
    log_.push_back({t, std::string(signal), std::string(description), message, amount});
}

void customer_profile::observe_message(const message_observation& message) {
    for (float& e : evidence_) e *= evidence_decay;
    for (float& s : signals_) s *= evidence_decay;
    if (first_message_ms_ < 0) first_message_ms_ = message.time_ms;
    for (const fired_signal& s : detect_signals(message))
        for (const trait_push& p : *s.pushes) push(p.target, p.weight, s.strength, s.id, s.description, messages_, false);
    track_intents(message);
    track_mood(message);
    std::rotate(recent_messages_ms_.rbegin(), recent_messages_ms_.rbegin() + 1, recent_messages_ms_.rend());
    recent_messages_ms_[0] = message.time_ms;
    ++messages_;
}

// Bargaining again after comparing prices is the clearest price-driven sign.
void customer_profile::track_intents(const message_observation& message) {
    const auto has = [&](std::string_view i) {
        return std::find(message.intents.begin(), message.intents.end(), i) != message.intents.end();
    };
    if (has("complaint") || has("quality_issue") || has("refund") || (message.mood && message.mood->anger > 0.5f))
        ++complaint_messages_;
    if (!(has("bargain") || has("bargain_compare") || has("bargain_ultimatum"))) return;
    ++bargain_messages_;
    compared_prices_ = compared_prices_ || has("bargain_compare");
    if (bargain_messages_ >= 2 && compared_prices_)
        push(trait::price_driven, 0.8f, 1.0f, "persistent_bargaining", "bargains again after comparing prices",
             messages_, false);
}

void customer_profile::track_mood(const message_observation& message) {
    if (!message.mood) return;
    const auto blend = [](float old_value, float new_value) {
        return mood_smoothing * new_value + (1 - mood_smoothing) * old_value;
    };
    mood_.anger = blend(mood_.anger, message.mood->anger);
    mood_.anxiety = blend(mood_.anxiety, message.mood->anxiety);
    mood_.satisfaction = blend(mood_.satisfaction, message.mood->satisfaction);
    mood_.polarity = blend(mood_.polarity, message.mood->polarity);
}

void customer_profile::observe_agent_reply(std::int64_t time_ms) { last_agent_reply_ms_ = time_ms; }

void customer_profile::observe_order_created(std::int64_t time_ms) {
    if (ordered_) return;
    ordered_ = true;
    const bool quick = messages_ <= 3 || (first_message_ms_ >= 0 && time_ms - first_message_ms_ <= 180000);
    if (!quick) return;
    const event_signal& s = quick_order_signal();
    for (const trait_push& p : s.pushes) push(p.target, p.weight, 1.0f, s.id, s.description, event_message, false);
}

void customer_profile::observe_customer_facts(const session::customer_facts& facts) {
    const auto apply = [&](const event_signal& s, float strength) {
        for (const trait_push& p : s.pushes) push(p.target, p.weight, strength, s.id, s.description, event_message, true);
    };
    if (facts.brand_repurchases >= 2) apply(repeat_buyer_signal(), std::min(3.0f, facts.brand_repurchases / 2.0f));
    if (facts.orders >= 5 || facts.tenure_days >= 365) apply(loyal_customer_signal(), facts.orders >= 20 ? 2.0f : 1.0f);
    if (facts.orders >= 3 && facts.returns * 3 >= facts.orders) apply(frequent_returner_signal(), 1.0f);
}

trait_score customer_profile::score(trait t) const noexcept {
    const auto i = static_cast<std::size_t>(t);
    return {to_score(evidence_[i] + durable_[i]), 1.0f - std::exp(-signals_[i] / 4.0f)};
}

trait customer_profile::top(trait_family family) const noexcept {
    const trait_range range = traits_of(family);
    auto best = static_cast<trait>(range.first);
    float best_evidence = -1e9f;
    for (std::uint8_t i = range.first; i <= range.last; ++i) {
        const float e = evidence_[i] + durable_[i];
        if (e > best_evidence) {
            best_evidence = e;
            best = static_cast<trait>(i);
        }
    }
    return best;
}

std::optional<std::int64_t> customer_profile::latency_since_agent(std::int64_t time_ms) const {
    if (last_agent_reply_ms_ < 0 || time_ms < last_agent_reply_ms_) return std::nullopt;
    return time_ms - last_agent_reply_ms_;
}

std::uint32_t customer_profile::burst_at(std::int64_t time_ms) const {
    std::uint32_t n = 1;
    for (std::int64_t t : recent_messages_ms_)
        if (t >= 0 && time_ms - t <= 30000 && time_ms >= t) ++n;
    return n;
}

service_strategy customer_profile::strategy() const {
    service_strategy s{"medium", "normal", "normal", "neutral", false, false, "standard", "no"};
    switch (top(trait_family::personality)) {
        case trait::decisive: s = {"short", "low", "normal", "neutral", false, false, "one_clear_offer", "no"}; break;
        case trait::aloof: s = {"short", "low", "low", "formal", false, false, "one_clear_offer", "no"}; break;
        case trait::self_centred: s = {"medium", "normal", "high", "formal", false, false, "standard", "no"}; break;
        case trait::friendly: s = {"medium", "normal", "high", "casual", true, false, "gift_over_discount", "no"}; break;
        case trait::difficult:
            s = {"medium", "high", "high", "formal", false, true, "hold_then_compensate", "yes"};
            break;
        case trait::analytical: s = {"long", "high", "normal", "formal", true, false, "value_and_coupons", "no"}; break;
        default: break;
    }
    switch (top(trait_family::behaviour)) {
        case trait::price_driven: s.concession_policy = "value_and_coupons"; break;
        case trait::impulsive: s.recommend_related = true; break;
        case trait::undecided: s.recommend_related = true; s.detail = "high"; break;
        case trait::emotional: s.warmth = "high"; break;
        case trait::rational: s.detail = "high"; break;
        default: break;
    }
    // One message says too little about a person: the neutral strategy until
    // the second.
    if (messages_ < 2) s = {"medium", "normal", "normal", "neutral", false, false, "standard", "no"};
    if (mood_.anger > 0.6f) {
        s.escalate_early = s.escalate_early || mood_.anger > 0.8f;
        s.warmth = "high";
        s.apology_first = "yes";
    }
    return s;
}

void customer_profile::save(model::writer& w) const {
    save_floats(w, evidence_);
    save_floats(w, durable_);
    save_floats(w, signals_);
    w.u32(static_cast<std::uint32_t>(log_.size()));
    for (const evidence_entry& e : log_) {
        w.u32(static_cast<std::uint32_t>(e.target));
        w.str(e.signal);
        w.str(e.description);
        w.u32(e.message);
        w.pod(e.weight);
    }
    w.pod(mood_);
    for (std::uint32_t v : {messages_, complaint_messages_, bargain_messages_, std::uint32_t(compared_prices_),
                            std::uint32_t(ordered_)})
        w.u32(v);
    for (std::int64_t v : {first_message_ms_, last_agent_reply_ms_, recent_messages_ms_[0], recent_messages_ms_[1],
                           recent_messages_ms_[2]})
        w.pod(v);
}

customer_profile customer_profile::load(model::reader& r) {
    customer_profile p;
    load_floats(r, p.evidence_);
    load_floats(r, p.durable_);
    load_floats(r, p.signals_);
    const std::uint32_t entries = r.u32();
    if (entries > evidence_log_limit) model::reader::corrupt("profile: evidence log too long");
    for (std::uint32_t i = 0; i < entries; ++i) {
        evidence_entry e;
        const std::uint32_t t = r.u32();
        if (t >= trait_count) model::reader::corrupt("profile: unknown trait");
        e.target = static_cast<trait>(t);
        e.signal = r.str();
        e.description = r.str();
        e.message = r.u32();
        e.weight = r.pod<float>();
        p.log_.push_back(std::move(e));
    }
    p.mood_ = r.pod<mood_state>();
    p.messages_ = r.u32();
    p.complaint_messages_ = r.u32();
    p.bargain_messages_ = r.u32();
    p.compared_prices_ = r.flag("profile");
    p.ordered_ = r.flag("profile");
    p.first_message_ms_ = r.instant();  // -1, "none yet", is an instant too
    p.last_agent_reply_ms_ = r.instant();
    for (auto& t : p.recent_messages_ms_) t = r.instant();
    return p;
}

}  // namespace kefu::detail::profile

#include "profile/profiler.hpp"

#include <map>

namespace kefu::detail::profile {

void observe(customer_profile& profile, const model::compiled_model& model, const session::message_analysis& analysis,
             const text::normalized& text, std::int64_t time_ms) {
    message_observation m;
    m.text = &text;
    m.intents = session::salient_intents(model, analysis.intents);
    m.entities = &analysis.entities;
    m.mood = analysis.mood;
    m.time_ms = time_ms;
    m.reply_latency_ms = profile.latency_since_agent(time_ms);
    m.burst = profile.burst_at(time_ms);
    m.index = profile.messages();
    profile.observe_message(m);
}

const session::message_analysis* profiler::on_event(const session::event& e) {
    switch (e.type) {
        case session::event_type::message: {
            session::analysis_options options;
            options.clock = entity::message_clock{e.time_ms / 1000, e.utc_offset_minutes};
            session::message_workspace& work = session::thread_workspace();
            if (session::analyse(*model_, e.text, options, work.scratch, work.analysis) != text::normalize_status::ok)
                return nullptr;  // too long: the message is not analysed
            observe(profile_, *model_, work.analysis, work.scratch.classify.text, e.time_ms);
            return &work.analysis;
        }
        case session::event_type::agent_reply: profile_.observe_agent_reply(e.time_ms); break;
        case session::event_type::order_created: profile_.observe_order_created(e.time_ms); break;
        case session::event_type::customer_facts: profile_.observe_customer_facts(e.facts); break;
        default: break;
    }
    return nullptr;
}

namespace {

// A trait's evidence grouped by signal: "short_message ×3 (messages 0, 2, 5)".
nlohmann::json evidence_of(const customer_profile& profile, trait t) {
    std::map<std::string, nlohmann::json> by_signal;
    for (const evidence_entry& e : profile.evidence()) {
        if (e.target != t) continue;
        nlohmann::json& j = by_signal[e.signal];
        if (j.is_null()) j = {{"signal", e.signal}, {"description", e.description}, {"weight", 0.0},
                              {"messages", nlohmann::json::array()}};
        j["weight"] = j["weight"].get<double>() + e.weight;
        if (e.message != UINT32_MAX) j["messages"].push_back(e.message);
    }
    nlohmann::json list = nlohmann::json::array();
    for (auto& [signal, j] : by_signal) list.push_back(std::move(j));
    return list;
}

// "3× message of 5 characters or fewer, 2× demands… → decisive"
std::string because(const nlohmann::json& evidence, trait t) {
    std::string out;
    for (const auto& e : evidence) {
        if (e["weight"].get<double>() <= 0) continue;
        if (!out.empty()) out += ", ";
        const std::size_t n = e["messages"].size();
        if (n > 1) out += std::to_string(n) + "× ";
        out += e["description"].get<std::string>();
    }
    return out.empty() ? out : out + " → " + std::string(trait_name(t));
}

nlohmann::json family_json(const customer_profile& profile, trait_family family, bool with_evidence) {
    nlohmann::json j = nlohmann::json::object();
    const trait_range range = traits_of(family);
    for (std::uint8_t i = range.first; i <= range.last; ++i) {
        const auto t = static_cast<trait>(i);
        const trait_score s = profile.score(t);
        if (!with_evidence) {
            j[std::string(trait_name(t))] = s.score;
            continue;
        }
        const nlohmann::json evidence = evidence_of(profile, t);
        j[std::string(trait_name(t))] = {{"score", s.score}, {"confidence", s.confidence}, {"evidence", evidence},
                                         {"because", because(evidence, t)}};
    }
    return j;
}

nlohmann::json strategy_json(const service_strategy& s) {
    return {{"reply_length", s.reply_length}, {"detail", s.detail}, {"warmth", s.warmth},
            {"formality", s.formality}, {"recommend_related", s.recommend_related},
            {"escalate_early", s.escalate_early}, {"concession_policy", s.concession_policy},
            {"apology_first", s.apology_first == "yes"}};
}

}  // namespace

nlohmann::json to_json(const customer_profile& profile, bool evidence) {
    const mood_state& m = profile.mood();
    nlohmann::json j = {
        {"messages", profile.messages()},
        {"personality", family_json(profile, trait_family::personality, evidence)},
        {"behaviour", family_json(profile, trait_family::behaviour, evidence)},
        {"mood", {{"anger", m.anger}, {"anxiety", m.anxiety}, {"satisfaction", m.satisfaction}, {"polarity", m.polarity}}},
        {"top", {{"personality", trait_name(profile.top(trait_family::personality))},
                 {"behaviour", trait_name(profile.top(trait_family::behaviour))}}},
        {"strategy", strategy_json(profile.strategy())},
    };
    if (profile.complaining()) {
        j["complaint_motive"] = family_json(profile, trait_family::complaint_motive, evidence);
        j["top"]["complaint_motive"] = trait_name(profile.top(trait_family::complaint_motive));
    }
    return j;
}

}  // namespace kefu::detail::profile

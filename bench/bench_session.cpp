// A session's cost per event, single thread, with the peer in the same run:
// classifying the same message alone (normalise, rules and learned model,
// entities, mood). The difference is what the session adds: profile,
// scenario flows (guards, actions, timers), reply templates.
//
//  BM_classify_message_only   the message analysis alone (the baseline)
//  BM_session_step            a bargaining and payment conversation through
//                             customer_session::step, events cycled with the
//                             clock moving forward
//  BM_flow_dispatch           one message trigger offered to the five
//                             built-in flows, analysis already done
//  BM_session_snapshot        the blob of a session in the middle of two
//                             flows (slots, a pending timer, audit trail)
//  BM_session_restore         the same blob back into a session
#include <benchmark/benchmark.h>

#include "model/default_model.hpp"
#include "session/message_analysis.hpp"
#include "session/session.hpp"

namespace {

using namespace kefu::detail;

constexpr std::int64_t start_ms = 1795312800000;  // 2026-11-22T10:00:00+08:00

const std::vector<session::event>& conversation() {
    static const std::vector<session::event> events = [] {
        const char* const lines[] = {
            R"({"type":"policy","time":0,"policies":{"bargaining":{"list_price":99,"floor_price":89}}})",
            R"({"type":"message","time":0,"text":"这个多少钱"})",
            R"({"type":"message","time":0,"text":"能便宜点吗，别家才卖79"})",
            R"({"type":"message","time":0,"text":"不便宜就不要了"})",
            R"({"type":"message","time":0,"text":"好吧，那我拍了"})",
            R"({"type":"order_created","time":0,"order":"A123","amount":94})",
            R"({"type":"message","time":0,"text":"怎么付款，能用花呗吗"})",
            R"({"type":"order_paid","time":0,"order":"A123"})",
            R"({"type":"message","time":0,"text":"什么时候发货"})",
        };
        std::vector<session::event> out;
        for (const char* l : lines) out.push_back(session::parse_event(l));
        return out;
    }();
    return events;
}

// Steps the conversation over and over, a minute between events.
void BM_session_step(benchmark::State& state) {
    const auto& events = conversation();
    session::customer_session s(model::default_model(), "bench");
    std::int64_t now = start_ms;
    std::size_t i = 0;
    for (auto _ : state) {
        session::event e = events[i++ % events.size()];
        e.time_ms = (now += 60000);
        benchmark::DoNotOptimize(s.step(e));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_session_step);

void BM_classify_message_only(benchmark::State& state) {
    std::vector<std::string> messages;
    for (const session::event& e : conversation())
        if (e.type == session::event_type::message) messages.push_back(e.text);
    const auto model = model::default_model();
    session::analysis_scratch scratch;
    session::message_analysis analysis;
    session::analysis_options options;
    options.clock = entity::message_clock{start_ms / 1000, 480};
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(session::analyse(*model, messages[i++ % messages.size()], options, scratch, analysis));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_classify_message_only);

// A session in the middle of the bargaining flow, with the payment flow's
// timer pending.
session::customer_session mid_flow_session() {
    session::customer_session s(model::default_model(), "bench");
    const auto& events = conversation();
    for (std::size_t i = 0; i < 6; ++i) {
        session::event e = events[i];
        e.time_ms = start_ms + static_cast<std::int64_t>(i) * 60000;
        s.step(e);
    }
    return s;
}

void BM_flow_dispatch(benchmark::State& state) {
    const auto model = model::default_model();
    session::customer_session s = mid_flow_session();
    flow::flow_runtime runtime;
    runtime.set_policies(model->rules().flows, nlohmann::json::parse(R"({"bargaining":{"list_price":99,"floor_price":89}})"));
    std::vector<session::order_state> orders;
    session::step_facts facts{*model, s.profile(), orders};
    facts.now_ms = start_ms;
    const session::facts_environment env(facts);
    const flow::trigger_input trigger{flow::trigger_kind::intent,
                                      {static_cast<std::uint32_t>(model->rules().find_intent("hesitate"))}};
    std::vector<flow::effect> effects;
    for (auto _ : state) {
        effects.clear();
        runtime.dispatch(model->rules().flows, trigger, env, {start_ms, 480}, effects);
        benchmark::DoNotOptimize(effects.data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_flow_dispatch);

void BM_session_snapshot(benchmark::State& state) {
    const session::customer_session s = mid_flow_session();
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string blob = s.snapshot();
        bytes = blob.size();
        benchmark::DoNotOptimize(blob.data());
    }
    state.counters["blob_bytes"] = static_cast<double>(bytes);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_session_snapshot);

void BM_session_restore(benchmark::State& state) {
    const std::string blob = mid_flow_session().snapshot();
    const auto model = model::default_model();
    for (auto _ : state) benchmark::DoNotOptimize(session::customer_session::restore(model, blob));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_session_restore);

}  // namespace

BENCHMARK_MAIN();

#include "session/session.hpp"

#include <algorithm>

#include "core/iso_time.hpp"
#include "core/utf8.hpp"
#include "entity/entity_json.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "model/binary.hpp"
#include "model/container.hpp"
#include "reply/lint_json.hpp"
#include "reply/script.hpp"
#include "reply/templates.hpp"

namespace kefu::detail::session {
namespace {

constexpr std::size_t order_limit = 16;
constexpr std::size_t intent_limit = 4;
constexpr std::uint32_t state_section = model::tag("SESS");
constexpr std::uint32_t profile_section = model::tag("PROF");
constexpr std::uint32_t flows_section = model::tag("FLOW");
// Timers fired by one advance() at most: a flow whose timer schedules itself
// with no delay must not hang the host. The rest fire on the next call.
constexpr std::size_t max_timers_per_advance = 4096;

// `values` with the flow's values on top: the shop's list price, not a
// price the customer typed, fills {price} in a flow's reply.
reply::slot_values overlay(reply::slot_values values, const reply::slot_values& flow_values) {
    for (const auto& [k, v] : flow_values.text) values.text[k] = v;
    for (const auto& [k, v] : flow_values.money) values.money[k] = v;
    for (const auto& [k, v] : flow_values.time_ms) values.time_ms[k] = v;
    return values;
}

reply::customer_mood mood_word(const profile::mood_state& m) {
    if (m.anger > 0.5f) return reply::customer_mood::angry;
    if (m.anxiety > 0.5f) return reply::customer_mood::anxious;
    if (m.satisfaction > 0.5f) return reply::customer_mood::happy;
    return reply::customer_mood::calm;
}

// The template style the profile's strategy asks for.
reply::reply_style style_for(const profile::service_strategy& s) {
    if (s.reply_length == "short") return reply::reply_style::short_direct;
    if (s.detail == "high") return reply::reply_style::detailed;
    if (s.formality == "formal") return reply::reply_style::formal;
    return reply::reply_style::warm;
}

// Slot values from the message's entities, as the customer wrote them.
reply::slot_values slots_from(const std::vector<entity::entity>& entities, std::string_view original,
                              std::int32_t offset) {
    reply::slot_values v;
    v.utc_offset_minutes = offset;
    for (const entity::entity& e : entities) {
        const std::string written(original.substr(e.start, e.stop - e.start));
        switch (e.type) {
            case entity::entity_type::money: if (e.has_value) v.money.emplace("price", e.value); break;
            case entity::entity_type::courier: v.text.emplace("courier", written); break;
            // A masked number ("[订单号x]") has no digits to quote back.
            case entity::entity_type::order_number: if (!e.masked) v.text.emplace("order", e.canonical); break;
            case entity::entity_type::tracking_number: if (!e.masked) v.text.emplace("tracking", e.canonical); break;
            case entity::entity_type::time:
                if (e.resolved) v.time_ms.emplace("deadline", e.epoch_seconds * 1000);
                break;
            default: break;
        }
    }
    return v;
}

void check_limit(std::size_t n, std::size_t limit, const char* what) {
    if (n > limit) model::reader::corrupt(std::string("session blob: too many ") + what);
}

// A blob's lists: a count, checked against the list's limit before anything
// is read (a damaged count must not allocate), then the elements.
template <typename T, typename F>
void write_list(model::writer& w, const std::vector<T>& items, F&& write_one) {
    w.u32(static_cast<std::uint32_t>(items.size()));
    for (const T& item : items) write_one(item);
}

template <typename F>
auto read_list(model::reader& r, std::size_t limit, const char* what, F&& read_one) {
    const std::uint32_t n = r.u32();
    check_limit(n, limit, what);
    std::vector<decltype(read_one())> items;
    items.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) items.push_back(read_one());
    return items;
}

event_type event_of(std::uint32_t v) {
    if (v > static_cast<std::uint32_t>(last_event_type)) model::reader::corrupt("session blob: unknown event type");
    return static_cast<event_type>(v);
}

void write_turn(model::writer& w, const turn& t) {
    w.pod(t.time_ms);
    w.u32(static_cast<std::uint32_t>(t.type));
    w.str(t.intent);
}

turn read_turn(model::reader& r) {
    turn t;
    t.time_ms = r.instant();
    t.type = event_of(r.u32());
    t.intent = r.str();
    return t;
}

void write_order(model::writer& w, const order_state& o) {
    w.str(o.id);
    w.pod(o.amount);
    w.u32(static_cast<std::uint32_t>(o.last_event));
    w.u32(o.seen);
    w.pod(o.delivered_ms);
}

order_state read_order(model::reader& r) {
    order_state o;
    o.id = r.str();
    o.amount = r.pod<double>();
    o.last_event = event_of(r.u32());
    o.seen = r.u32();
    if (o.seen >> (static_cast<unsigned>(last_event_type) + 1)) model::reader::corrupt("session blob: unknown order events");
    o.delivered_ms = r.instant();
    return o;
}

// A section of the blob, which must be there.
model::reader section_of(const model::unpacked& blob, std::uint32_t tag) {
    return model::reader(model::required_section(blob, tag, "session blob: "));
}

// After a section is read: nothing may follow what was read.
void expect_end(const model::reader& r, const char* what) {
    if (!r.at_end()) model::reader::corrupt(std::string("session blob: bytes after the ") + what);
}

}  // namespace

customer_session::customer_session(std::shared_ptr<const model::compiled_model> model, std::string id)
    : id_(std::move(id)), profiler_(std::move(model)) {}

nlohmann::json customer_session::step(const event& input) {
    std::vector<nlohmann::json> fired = advance(input.time_ms);
    event e = input;
    nlohmann::json out = {{"session", id_}, {"event", event_type_name(e.type)}, {"actions", nlohmann::json::array()}};
    if (!fired.empty()) out["timers_fired"] = std::move(fired);
    // Events are processed in time order; one from the past is taken as "now"
    // so that the session's clock never runs backwards.
    if (e.time_ms < last_time_ms_) {
        out["note"] = "time went backwards; the event is taken at the session's last time";
        e.time_ms = last_time_ms_;
    }
    last_time_ms_ = e.time_ms;
    utc_offset_minutes_ = e.utc_offset_minutes;
    ++events_;
    out["time"] = format_iso_time(floor_seconds(e.time_ms), e.utc_offset_minutes);
    switch (e.type) {
        case event_type::message: return on_message(e, std::move(out));
        case event_type::agent_reply: return on_agent_reply(e, std::move(out));
        case event_type::policy:
            try {
                set_policies(nlohmann::json::parse(e.policies_json));
            } catch (const kefu::error& x) {
                out["error"] = x.what();
            }
            break;
        default: break;
    }
    on_order_event(e);
    profiler_.on_event(e);
    if (e.type != event_type::tick && e.type != event_type::policy)
        run_flows({flow::trigger_kind::event, {static_cast<std::uint32_t>(e.type)}}, facts_for(&e, nullptr, e.time_ms),
                  {}, out);
    out["flows"] = flows_.active_json(profiler_.model().rules().flows);
    remember(e, {});
    return out;
}

std::vector<nlohmann::json> customer_session::advance(std::int64_t until_ms) {
    std::vector<nlohmann::json> lines;
    const auto& flows = profiler_.model().rules().flows;
    while (lines.size() < max_timers_per_advance) {
        const auto due = flows_.pop_due(until_ms);
        if (!due) break;
        const std::int64_t at = std::max(due->due_ms, last_time_ms_);  // the clock never runs backwards
        last_time_ms_ = at;
        nlohmann::json out = {{"session", id_},
                              {"event", "timer"},
                              {"time", format_iso_time(floor_seconds(at), utc_offset_minutes_)},
                              {"flow", flows[due->flow].name},
                              {"timer", flows[due->flow].timers[due->timer].name},
                              {"actions", nlohmann::json::array()}};
        run_flows({flow::trigger_kind::timer, {due->timer}, due->flow}, facts_for(nullptr, nullptr, at), {}, out);
        lines.push_back(std::move(out));
    }
    if (lines.size() < max_timers_per_advance && until_ms > last_time_ms_) last_time_ms_ = until_ms;
    return lines;
}

void customer_session::set_policies(const nlohmann::json& policies) {
    flows_.set_policies(profiler_.model().rules().flows, policies);
}

nlohmann::json customer_session::flow_state_json() const {
    return flows_.state_json(profiler_.model().rules().flows, utc_offset_minutes_);
}

step_facts customer_session::facts_for(const event* e, const message_analysis* a, std::int64_t now_ms) const {
    step_facts f{profiler_.model(), profiler_.profile(), orders_};
    f.host_event = e;
    f.analysis = a;
    if (a != nullptr) f.normalized_text = &profiler_.normalized().text;
    f.now_ms = now_ms;
    f.utc_offset_minutes = utc_offset_minutes_;
    f.previous_message_ms = last_message_ms_;
    return f;
}

bool customer_session::run_flows(const flow::trigger_input& trigger, const step_facts& facts,
                                 const reply::slot_values& message_values, nlohmann::json& out) {
    const auto& flows = profiler_.model().rules().flows;
    std::vector<flow::effect> effects;
    flows_.dispatch(flows, trigger, facts_environment(facts), {facts.now_ms, facts.utc_offset_minutes}, effects);
    std::string reply_text;
    for (const flow::effect& e : effects) {
        if (e.what == flow::effect::kind::note) {
            out["notes"].push_back(e.name);
            continue;
        }
        nlohmann::json j = effect_json(e, message_values);
        if (j.is_null()) continue;
        if (e.what == flow::effect::kind::say) reply_text += j["text"].get<std::string>();
        out["actions"].push_back(std::move(j));
    }
    out["flows"] = flows_.active_json(flows);
    if (!reply_text.empty()) out["reply"] = reply_text;
    return !reply_text.empty();
}

nlohmann::json customer_session::effect_json(const flow::effect& e, const reply::slot_values& message_values) {
    using kind = flow::effect::kind;
    nlohmann::json j;
    switch (e.what) {
        case kind::say:
            j = render(e.name, overlay(message_values, e.values));
            if (j.is_null()) return j;
            break;
        case kind::emit: {
            j = {{"type", e.name}};
            if (const auto o = e.values.text.find("order"); o != e.values.text.end()) j["order"] = o->second;
            if (const auto a = e.values.money.find("amount"); a != e.values.money.end()) j["amount"] = a->second;
            if (!e.template_key.empty())
                if (nlohmann::json r = render(e.template_key, overlay(message_values, e.values)); !r.is_null()) {
                    j["text"] = r["text"];
                    j["template"] = r["template"];
                }
            break;
        }
        case kind::offer:
            j = {{"type", "offer"}, {"kind", e.name}};
            if (e.name == "gift") j["gift"] = e.offered.text;
            else j["amount"] = e.amount;
            if (e.name == "discount") j["price"] = e.offered.number;
            break;
        case kind::schedule:
            j = {{"type", "schedule"}, {"timer", e.name}, {"at", format_iso_time(floor_seconds(e.at_ms), utc_offset_minutes_)}};
            if (!e.host_action.empty()) j["action"] = e.host_action;
            break;
        case kind::cancel: j = {{"type", "cancel"}, {"timer", e.name}}; break;
        default: j = {{"type", "escalate"}, {"to", e.name}}; break;
    }
    j["flow"] = e.flow;
    return j;
}

nlohmann::json customer_session::on_message(const event& e, nlohmann::json out) {
    const message_analysis* a = profiler_.on_event(e);
    if (a == nullptr) {
        out["error"] = "message longer than the maximum length; not analysed";
        return out;
    }
    const auto& names = profiler_.model().rules().intents;
    out["intent"] = names[a->intents.intent].name;
    out["confidence"] = a->intents.confidence;
    out["out_of_scope"] = a->intents.out_of_scope;
    out["entities"] = entity::to_json(a->entities, e.text);
    if (a->mood)
        out["mood"] = {{"polarity", a->mood->polarity}, {"anger", a->mood->anger}, {"anxiety", a->mood->anxiety},
                       {"satisfaction", a->mood->satisfaction}};
    out["profile"] = profile::to_json(profiler_.profile(), false);
    traditional_ = traditional_ || reply::looks_traditional(e.text);
    last_intents_.clear();
    flow::trigger_input trigger{flow::trigger_kind::intent, {}};
    for (std::string_view i : salient_intents(profiler_.model(), a->intents)) {
        last_intents_.emplace_back(i);
        trigger.ids.push_back(static_cast<std::uint32_t>(profiler_.model().rules().find_intent(std::string(i))));
    }
    const reply::slot_values message_values = slots_from(a->entities, e.text, e.utc_offset_minutes);
    const bool flow_replied = run_flows(trigger, facts_for(&e, a, e.time_ms), message_values, out);
    if (!flow_replied)
        if (nlohmann::json r = propose_reply(*a, e); !r.is_null()) {
            out["reply"] = r["text"];
            out["actions"].push_back(std::move(r));
        }
    last_message_ms_ = e.time_ms;
    // Cut on a character boundary: the blob keeps only valid UTF-8, and a
    // cut inside a character made the session's own snapshot unrestorable
    // (KEFU_ECORRUPT) after any message longer than 1 KiB.
    last_customer_text_ = std::string(utf8::prefix(e.text, remembered_text_limit));
    remember(e, names[a->intents.intent].name);
    return out;
}

nlohmann::json customer_session::propose_reply(const message_analysis& analysis, const event& e) {
    const std::string key = "intent." + profiler_.model().rules().intents[analysis.intents.intent].name;
    return render(key, slots_from(analysis.entities, e.text, e.utc_offset_minutes));
}

nlohmann::json customer_session::render(const std::string& key, const reply::slot_values& values) {
    const auto& model = profiler_.model();
    const reply::reply_style style = style_for(profiler_.profile().strategy());
    const auto usable = reply::fillable_variants(model.rules().templates, key, style, values);
    const reply::reply_template* chosen = reply::rotate(usable, used_templates_);
    if (chosen == nullptr) return nullptr;
    if (used_templates_.size() == used_template_limit) used_templates_.erase(used_templates_.begin());
    used_templates_.push_back(reply::template_hash(*chosen));
    std::string text = reply::fill_slots(chosen->text, values);
    if (traditional_) text = reply::to_traditional(text);
    return {{"type", "reply"}, {"text", text}, {"template", chosen->key}, {"style", reply::style_name(chosen->style)}};
}

reply::lint_context customer_session::lint_context() const {
    reply::lint_context c;
    c.customer = last_customer_text_;
    c.mood = mood_word(profiler_.profile().mood());
    if (profiler_.profile().messages() > 0)
        c.personality = profile::trait_name(profiler_.profile().top(profile::trait_family::personality));
    c.intents = last_intents_;
    return c;
}

nlohmann::json customer_session::on_agent_reply(const event& e, nlohmann::json out) {
    const auto findings = reply::lint_reply(e.text, lint_context());
    out["actions"].push_back({{"type", "lint"}, {"findings", reply::to_json(findings, e.text)}});
    profiler_.on_event(e);
    run_flows({flow::trigger_kind::event, {static_cast<std::uint32_t>(e.type)}}, facts_for(&e, nullptr, e.time_ms), {},
              out);
    remember(e, {});
    return out;
}

void customer_session::on_order_event(const event& e) {
    if (e.order.empty()) return;
    auto it = std::find_if(orders_.begin(), orders_.end(), [&](const order_state& o) { return o.id == e.order; });
    if (it == orders_.end()) {
        if (orders_.size() == order_limit) orders_.erase(orders_.begin());
        orders_.push_back({e.order, e.amount, e.type});
        it = orders_.end() - 1;
    }
    it->last_event = e.type;
    it->seen |= 1u << static_cast<unsigned>(e.type);
    if (e.type == event_type::delivered) it->delivered_ms = e.time_ms;
    if (e.amount > 0) it->amount = e.amount;
}

void customer_session::remember(const event& e, std::string intent) {
    if (history_.size() == history_limit) history_.erase(history_.begin());
    history_.push_back({e.time_ms, e.type, std::move(intent)});
}

std::string customer_session::snapshot() const {
    model::writer state;
    state.str(id_);
    state.pod(last_time_ms_);
    state.i32(utc_offset_minutes_);
    state.u64(events_);
    write_list(state, history_, [&](const turn& t) { write_turn(state, t); });
    write_list(state, last_intents_, [&](const std::string& i) { state.str(i); });
    state.str(last_customer_text_);
    write_list(state, orders_, [&](const order_state& o) { write_order(state, o); });
    write_list(state, used_templates_, [&](std::uint64_t h) { state.u64(h); });
    state.u32(traditional_ ? 1 : 0);
    state.pod(last_message_ms_);
    model::writer prof;
    profiler_.profile().save(prof);
    model::writer flows;
    flows_.save(profiler_.model().rules().flows, flows);
    return model::pack(model::session_blob, {{state_section, std::move(state).take()},
                                             {profile_section, std::move(prof).take()},
                                             {flows_section, std::move(flows).take()}});
}

customer_session customer_session::restore(std::shared_ptr<const model::compiled_model> model, std::string_view blob) {
    const model::unpacked parts = model::unpack(model::session_blob, blob);
    model::reader state = section_of(parts, state_section);
    customer_session s(std::move(model), state.str());
    s.restore_state(state);
    expect_end(state, "state");
    model::reader prof = section_of(parts, profile_section);
    s.profiler_.profile() = profile::customer_profile::load(prof);
    expect_end(prof, "profile");
    model::reader flows = section_of(parts, flows_section);
    s.flows_ = flow::flow_runtime::load(s.profiler_.model().rules().flows, flows);
    expect_end(flows, "flows");
    return s;
}

// The state section after the id, in snapshot's order.
void customer_session::restore_state(model::reader& state) {
    last_time_ms_ = state.instant(INT64_MIN);
    utc_offset_minutes_ = state.pod<std::int32_t>();
    if (utc_offset_minutes_ < -max_utc_offset_minutes || utc_offset_minutes_ > max_utc_offset_minutes)
        model::reader::corrupt("session blob: an offset beyond 18 hours");
    events_ = state.u64();
    history_ = read_list(state, history_limit, "turns", [&] { return read_turn(state); });
    last_intents_ = read_list(state, intent_limit, "intents", [&] { return state.str(); });
    last_customer_text_ = state.str();
    check_limit(last_customer_text_.size(), remembered_text_limit, "bytes of remembered text");
    orders_ = read_list(state, order_limit, "orders", [&] { return read_order(state); });
    used_templates_ = read_list(state, used_template_limit, "used templates", [&] { return state.u64(); });
    traditional_ = state.flag("session blob: script");
    last_message_ms_ = state.instant(INT64_MIN);
}

}  // namespace kefu::detail::session

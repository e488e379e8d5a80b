#include "flow/runtime.hpp"

#include <algorithm>
#include <cmath>

#include "core/iso_time.hpp"
#include "core/utf8.hpp"
#include "flow/flow_io.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail::flow {
namespace {

constexpr std::int64_t ms_per_second = 1000;
constexpr std::int64_t seconds_per_day = 86400;
constexpr double max_delay_seconds = 10.0 * 365 * seconds_per_day;  // beyond, a schedule is refused

std::string money_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, v == std::floor(v) ? "%.0f" : "%.2f", v);
    return buf;
}

// The local time of day, in seconds, of an instant.
std::int64_t local_seconds_of_day(std::int64_t ms, std::int32_t offset_minutes) {
    const std::int64_t local = floor_seconds(ms) + offset_minutes * 60;
    return ((local % seconds_per_day) + seconds_per_day) % seconds_per_day;
}

bool in_window(std::int64_t t, std::int64_t start, std::int64_t end) {
    if (start == end) return false;
    return start < end ? (t >= start && t < end) : (t >= start || t < end);
}

[[noreturn]] void bad_policy(const std::string& why) { throw kefu::error(KEFU_EINVAL, "policies: " + why); }

// A host's policy value in JSON, as the declared type wants it.
value policy_from_json(const variable& p, const nlohmann::json& j, const std::string& where) {
    if (p.type == value_type::text) {
        if (!j.is_string()) bad_policy(where + " is a text");
        return value::of(j.get<std::string>());
    }
    if (p.type == value_type::flag && j.is_boolean()) return value::of(j.get<bool>() ? 1.0 : 0.0);
    if (p.type == value_type::clock && j.is_string()) {
        unsigned h = 0, m = 0;
        char extra = 0;
        const std::string s = j.get<std::string>();
        if (std::sscanf(s.c_str(), "%2u:%2u%c", &h, &m, &extra) != 2 || h > 23 || m > 59)
            bad_policy(where + " is a clock time such as \"21:30\"");
        return value::of(h * 3600.0 + m * 60.0);
    }
    if (p.type == value_type::time && j.is_string()) {
        const auto t = parse_iso_time(j.get<std::string>());
        if (!t) bad_policy(where + " is an ISO-8601 time with an offset");
        return value::of(static_cast<double>(t->epoch_seconds));
    }
    if (!j.is_number() || !std::isfinite(j.get<double>()))
        bad_policy(where + " is a number (" + value_type_name(p.type) + ")");
    return value::of(j.get<double>());
}

std::uint32_t index_of(int found, const std::string& what) {
    if (found < 0) model::reader::corrupt("session blob: " + what + " is not in the model");
    return static_cast<std::uint32_t>(found);
}

std::uint64_t bounded_count(model::reader& r, std::size_t limit, const char* what) {
    const std::uint64_t n = r.u32();
    if (n > limit) model::reader::corrupt(std::string("session blob: too many ") + what);
    return n;
}

// A value in the audit trail. Texts are cut to audit_value_bytes (on a
// character boundary): the trail keeps audit_limit entries, and a slot set
// from a customer's text could otherwise hold megabytes in each.
std::string describe(const value& v) {
    return v.what == value::kind::text ? std::string(utf8::prefix(v.text, audit_value_bytes)) : money_text(v.number);
}

}  // namespace

// Guards read the instance's slots, the flow's policies, the time in the
// state and the offered price here; everything else from the session.
class flow_runtime::instance_environment final : public environment {
public:
    instance_environment(const flow_runtime& rt, const flow_definition& f, const flow_instance& i,
                         const environment& facts, std::int64_t now_ms)
        : runtime_(rt), flow_(f), instance_(i), facts_(facts), now_ms_(now_ms) {}

    value builtin(flow::builtin which, std::uint32_t param) const override {
        if (which == builtin::in_state)
            return value::of(static_cast<double>(now_ms_ - instance_.entered_ms) / ms_per_second);
        if (which == builtin::price) return instance_.price;
        return facts_.builtin(which, param);
    }
    value slot(std::uint32_t index) const override {
        return index < instance_.slots.size() ? instance_.slots[index] : value{};
    }
    value policy(std::uint32_t index) const override { return runtime_.policy_value(flow_, index); }

private:
    const flow_runtime& runtime_;
    const flow_definition& flow_;
    const flow_instance& instance_;
    const environment& facts_;
    std::int64_t now_ms_;
};

value flow_runtime::policy_value(const flow_definition& f, std::uint32_t policy) const {
    if (policy >= f.policies.size()) return {};
    const variable& p = f.policies[policy];
    if (const auto fi = policies_.find(f.name); fi != policies_.end())
        if (const auto pi = fi->second.find(p.name); pi != fi->second.end()) return pi->second;
    return p.has_default ? p.initial : value{};
}

std::optional<std::string> flow_runtime::missing_policy(const flow_definition& f) const {
    for (std::uint32_t i = 0; i < f.policies.size(); ++i)
        if (!policy_value(f, i).known()) return f.policies[i].name;
    return std::nullopt;
}

flow_instance* flow_runtime::find_instance(std::uint32_t flow_index) noexcept {
    const auto it = std::find_if(instances_.begin(), instances_.end(),
                                 [&](const flow_instance& i) { return i.flow == flow_index; });
    return it == instances_.end() ? nullptr : &*it;
}

void flow_runtime::dispatch(const std::vector<flow_definition>& flows, const trigger_input& trigger,
                            const environment& facts, const step_time& time, std::vector<effect>& out) {
    for (std::uint32_t i = 0; i < flows.size(); ++i)
        if (trigger.only_flow == UINT32_MAX || trigger.only_flow == i)
            try_transitions(flows, i, trigger, facts, time, out);
}

namespace {
bool trigger_matches(const transition& t, const trigger_input& in) {
    if (t.trigger == trigger_kind::message) return in.kind == trigger_kind::message || in.kind == trigger_kind::intent;
    if (t.trigger == trigger_kind::intent && in.kind != trigger_kind::intent) return false;
    if (t.trigger != trigger_kind::intent && t.trigger != in.kind) return false;
    return std::any_of(in.ids.begin(), in.ids.end(), [&](std::uint32_t id) {
        return std::find(t.trigger_ids.begin(), t.trigger_ids.end(), id) != t.trigger_ids.end();
    });
}
}  // namespace

bool flow_runtime::try_transitions(const std::vector<flow_definition>& flows, std::uint32_t flow_index,
                                   const trigger_input& trigger, const environment& facts, const step_time& time,
                                   std::vector<effect>& out) {
    const flow_definition& f = flows[flow_index];
    flow_instance* existing = find_instance(flow_index);
    flow_instance fresh;
    if (existing == nullptr) {  // resting in the initial state, with default slots
        fresh.flow = flow_index;
        fresh.state = f.initial;
        for (const variable& s : f.slots) fresh.slots.push_back(s.initial);
        if (const int lp = f.find_policy("list_price"); lp >= 0) fresh.price = policy_value(f, lp);
        fresh.entered_ms = time.now_ms;
    }
    flow_instance& instance = existing != nullptr ? *existing : fresh;
    for (const transition& t : f.transitions) {
        if (!f.from_matches(t, instance.state) || !trigger_matches(t, trigger)) continue;
        const instance_environment env(*this, f, instance, facts, time.now_ms);
        if (!holds(t.guard, env)) continue;
        if (existing == nullptr) {
            if (const auto missing = missing_policy(f)) {
                out.push_back(effect::make(effect::kind::note, f.name, "flow " + f.name + " needs the policy " + *missing));
                return false;
            }
            instances_.push_back(std::move(fresh));
            existing = &instances_.back();
        }
        flow_instance& live = *existing;
        const std::string from = f.states[live.state].name;
        std::string detail;
        bool ended = false;
        run_actions(f, t, live, env, time, out, detail, ended);
        const std::uint32_t target = t.target == stay ? live.state : t.target;
        if (target != live.state) live.entered_ms = time.now_ms;
        live.state = target;
        record({time.now_ms, f.name, from, f.states[target].name, t.trigger_text, detail, t.location});
        if (ended || f.states[target].final || target == f.initial) finish(f, flow_index, out);
        return true;
    }
    return false;
}

void flow_runtime::run_actions(const flow_definition& f, const transition& t, flow_instance& instance,
                               const environment& env, const step_time& time, std::vector<effect>& out,
                               std::string& detail, bool& ended) {
    const auto note = [&](const std::string& what) { detail += (detail.empty() ? "" : "; ") + what; };
    for (const action& a : t.actions) {
        switch (a.kind) {
            case action_kind::say:
            case action_kind::emit: {
                effect e = effect::make(a.kind == action_kind::say ? effect::kind::say : effect::kind::emit, f.name,
                                        a.name, a.template_key);
                e.values = template_values(f, instance, time.utc_offset_minutes);
                out.push_back(std::move(e));
                note((a.kind == action_kind::say ? "say " : "emit ") + a.name);
                break;
            }
            case action_kind::set: {
                instance.slots[a.index] = evaluate(a.value, env);
                note("set " + f.slots[a.index].name + " = " + describe(instance.slots[a.index]));
                break;
            }
            case action_kind::schedule: schedule(f, instance.flow, a, env, time, out, detail); break;
            case action_kind::cancel:
            case action_kind::cancel_all: {
                const auto flow_index = instance.flow;
                cancel(f, flow_index, a.kind == action_kind::cancel ? std::optional(a.index) : std::nullopt, out);
                note(a.kind == action_kind::cancel ? "cancel " + f.timers[a.index].name : "cancel all");
                break;
            }
            case action_kind::escalate:
                out.push_back(effect::make(effect::kind::escalate, f.name, a.name));
                note("escalate " + a.name);
                break;
            case action_kind::end: ended = true; note("end"); break;
            default: offer(f, a, instance, env, out, detail); break;
        }
    }
}

void flow_runtime::offer(const flow_definition& f, const action& a, flow_instance& instance, const environment& env,
                         std::vector<effect>& out, std::string& detail) {
    const value v = evaluate(a.value, env);
    const auto note = [&](const std::string& what) { detail += (detail.empty() ? "" : "; ") + what; };
    if (a.kind == action_kind::offer_gift) {
        if (v.what != value::kind::text || v.text.empty()) return note("no gift offered: none set");
        effect e = effect::make(effect::kind::offer, f.name, "gift");
        e.offered = v;
        out.push_back(std::move(e));
        return note("offer gift " + v.text);
    }
    const char* kind = a.kind == action_kind::offer_discount ? "discount"
                       : a.kind == action_kind::offer_cashback ? "cashback"
                                                               : "coupon";
    if (v.what != value::kind::number || !(v.number > 0)) return note(std::string("no ") + kind + ": no amount");
    effect e = effect::make(effect::kind::offer, f.name, kind);
    e.amount = v.number;
    if (a.kind == action_kind::offer_discount) {
        // Never below the floor: the step is cut to what is left above it.
        const value floor = policy_value(f, static_cast<std::uint32_t>(f.find_policy("floor_price")));
        if (instance.price.what != value::kind::number || floor.what != value::kind::number)
            return note("no discount: price or floor unknown");
        const double offered = std::max(instance.price.number - v.number, floor.number);
        if (!(offered < instance.price.number))
            return note("no discount: the price " + money_text(instance.price.number) + " is at the floor");
        e.amount = instance.price.number - offered;
        instance.price = value::of(offered);
        e.offered = instance.price;
    }
    out.push_back(std::move(e));
    note(std::string("offer ") + kind + " " + money_text(v.number) +
         (a.kind == action_kind::offer_discount ? " → price " + money_text(instance.price.number) : ""));
}

void flow_runtime::schedule(const flow_definition& f, std::uint32_t flow_index, const action& a,
                            const environment& env, const step_time& time, std::vector<effect>& out,
                            std::string& detail) {
    const value delay = evaluate(a.value, env);
    const timer& t = f.timers[a.index];
    if (delay.what != value::kind::number || !(delay.number >= 0) || delay.number > max_delay_seconds) {
        detail += (detail.empty() ? "" : "; ") + std::string("not scheduled ") + t.name + ": bad delay";
        return;
    }
    std::int64_t due = time.now_ms + static_cast<std::int64_t>(std::llround(delay.number * ms_per_second));
    if (a.daytime) {
        const auto clock = [&](const char* name) {
            const value v = policy_value(f, static_cast<std::uint32_t>(f.find_policy(name)));
            // A clock policy is seconds into the day; the host may set any
            // number, and converting one beyond int64 is undefined.
            return v.what == value::kind::number && v.number >= 0 && v.number < seconds_per_day
                       ? static_cast<std::int64_t>(v.number)
                       : 0;
        };
        const std::int64_t start = clock("quiet_start"), end = clock("quiet_end");
        const std::int64_t local = local_seconds_of_day(due, time.utc_offset_minutes);
        if (in_window(local, start, end)) {
            const std::int64_t wait = ((end - local) % seconds_per_day + seconds_per_day) % seconds_per_day;
            due = (floor_seconds(due) + wait) * ms_per_second;
        }
    }
    // Near the end of the year 9999 a delay can reach past the last instant
    // kefu takes, where kefu_session_advance can never fire the timer (it
    // refuses later clocks): such a timer is refused like a too long delay.
    if (due > max_time_ms) {
        detail += (detail.empty() ? "" : "; ") + std::string("not scheduled ") + t.name + ": after the year 9999";
        return;
    }
    const auto existing = std::find_if(timers_.begin(), timers_.end(), [&](const pending_timer& p) {
        return p.flow == flow_index && p.timer == a.index;
    });
    if (existing != timers_.end()) {
        timers_.erase(existing);  // rescheduling replaces the pending one
    } else if (timers_.size() >= pending_timer_limit) {
        detail += (detail.empty() ? "" : "; ") + std::string("not scheduled ") + t.name + ": too many timers";
        return;
    }
    timers_.push_back({flow_index, a.index, due, next_sequence_++});
    effect e = effect::make(effect::kind::schedule, f.name, t.name);
    e.host_action = t.host_action;
    e.at_ms = due;
    out.push_back(std::move(e));
    detail += (detail.empty() ? "" : "; ") + std::string("schedule ") + t.name;
}

void flow_runtime::cancel(const flow_definition& f, std::uint32_t flow_index, std::optional<std::uint32_t> timer,
                          std::vector<effect>& out) {
    for (auto it = timers_.begin(); it != timers_.end();) {
        if (it->flow == flow_index && (!timer || it->timer == *timer)) {
            out.push_back(effect::make(effect::kind::cancel, f.name, f.timers[it->timer].name));
            it = timers_.erase(it);
        } else {
            ++it;
        }
    }
}

void flow_runtime::finish(const flow_definition& f, std::uint32_t flow_index, std::vector<effect>& out) {
    cancel(f, flow_index, std::nullopt, out);
    instances_.erase(std::remove_if(instances_.begin(), instances_.end(),
                                    [&](const flow_instance& i) { return i.flow == flow_index; }),
                     instances_.end());
}

void flow_runtime::record(audit_entry entry) {
    if (audit_.size() == audit_limit) audit_.erase(audit_.begin());
    audit_.push_back(std::move(entry));
}

std::optional<std::int64_t> flow_runtime::next_deadline() const noexcept {
    std::optional<std::int64_t> earliest;
    for (const pending_timer& t : timers_)
        if (!earliest || t.due_ms < *earliest) earliest = t.due_ms;
    return earliest;
}

std::optional<pending_timer> flow_runtime::pop_due(std::int64_t until_ms) {
    auto best = timers_.end();
    for (auto it = timers_.begin(); it != timers_.end(); ++it)
        if (it->due_ms <= until_ms &&
            (best == timers_.end() || std::tie(it->due_ms, it->sequence) < std::tie(best->due_ms, best->sequence)))
            best = it;
    if (best == timers_.end()) return std::nullopt;
    const pending_timer due = *best;
    timers_.erase(best);
    return due;
}

reply::slot_values flow_runtime::template_values(const flow_definition& f, const flow_instance& instance,
                                                 std::int32_t utc_offset_minutes) const {
    reply::slot_values v;
    v.utc_offset_minutes = utc_offset_minutes;
    const auto put = [&](const variable& var, const value& val) {
        if (!val.known()) return;
        if (val.what == value::kind::text) v.text[var.name] = val.text;
        else if (var.type == value_type::time) {
            // A time from a blob or a guard expression may be any number: only
            // the instants kefu takes fill a template (converting a larger one
            // to int64 is undefined; found by fuzz_session_blob).
            if (val.number >= min_time_ms / ms_per_second && val.number <= max_time_ms / ms_per_second)
                v.time_ms[var.name] = static_cast<std::int64_t>(val.number) * ms_per_second;
        } else {
            v.money[var.name] = val.number;
        }
    };
    for (std::uint32_t i = 0; i < f.policies.size(); ++i) put(f.policies[i], policy_value(f, i));
    for (std::uint32_t i = 0; i < f.slots.size(); ++i) put(f.slots[i], instance.slots[i]);
    if (const int lp = f.find_policy("list_price"); lp >= 0) {
        const value list = policy_value(f, static_cast<std::uint32_t>(lp));
        if (list.what == value::kind::number) v.money["price"] = list.number;
    }
    if (instance.price.what == value::kind::number) v.money["floor_offer"] = instance.price.number;
    return v;
}

void flow_runtime::set_policies(const std::vector<flow_definition>& flows, const nlohmann::json& policies) {
    if (!policies.is_object()) bad_policy("expected an object {\"flow\": {\"policy\": value}}");
    auto updated = policies_;
    for (const auto& [flow_name, values] : policies.items()) {
        // (An init-capture: clang before 16 cannot capture a structured binding.)
        const auto f = std::find_if(flows.begin(), flows.end(),
                                    [&wanted = flow_name](const flow_definition& d) { return d.name == wanted; });
        if (f == flows.end()) bad_policy("unknown flow \"" + flow_name + "\"");
        if (!values.is_object()) bad_policy("the policies of " + flow_name + " must be an object");
        for (const auto& [name, j] : values.items()) {
            const int p = f->find_policy(name);
            if (p < 0) bad_policy("flow " + flow_name + " has no policy \"" + name + "\"");
            if (j.is_null()) {
                updated[flow_name].erase(name);  // back to the default
                continue;
            }
            updated[flow_name][name] = policy_from_json(f->policies[p], j, flow_name + "." + name);
        }
    }
    policies_ = std::move(updated);
}

nlohmann::json flow_runtime::active_json(const std::vector<flow_definition>& flows) const {
    nlohmann::json out = nlohmann::json::object();
    for (const flow_instance& i : instances_) out[flows[i.flow].name] = flows[i.flow].states[i.state].name;
    return out;
}

nlohmann::json flow_runtime::state_json(const std::vector<flow_definition>& flows, std::int32_t offset) const {
    const auto to_json = [](const value& v) -> nlohmann::json {
        if (v.what == value::kind::number) return v.number;
        if (v.what == value::kind::text) return v.text;
        return nullptr;
    };
    nlohmann::json active = nlohmann::json::array();
    for (const flow_instance& i : instances_) {
        const flow_definition& f = flows[i.flow];
        nlohmann::json slots = nlohmann::json::object();
        for (std::uint32_t s = 0; s < f.slots.size(); ++s) slots[f.slots[s].name] = to_json(i.slots[s]);
        active.push_back({{"flow", f.name}, {"state", f.states[i.state].name}, {"slots", slots},
                          {"price", to_json(i.price)},
                          {"since", format_iso_time(floor_seconds(i.entered_ms), offset)}});
    }
    nlohmann::json timers = nlohmann::json::array();
    for (const pending_timer& t : timers_)
        timers.push_back({{"flow", flows[t.flow].name}, {"timer", flows[t.flow].timers[t.timer].name},
                          {"at", format_iso_time(floor_seconds(t.due_ms), offset)}});
    nlohmann::json policies = nlohmann::json::object();
    for (const auto& [flow, values] : policies_)
        for (const auto& [name, v] : values) policies[flow][name] = to_json(v);
    nlohmann::json audit = nlohmann::json::array();
    for (const audit_entry& a : audit_)
        audit.push_back({{"time", format_iso_time(floor_seconds(a.time_ms), offset)}, {"flow", a.flow},
                         {"from", a.from}, {"to", a.to}, {"trigger", a.trigger}, {"actions", a.detail},
                         {"transition", a.transition}});
    return {{"active", active}, {"timers", timers}, {"policies", policies}, {"audit", audit}};
}

void flow_runtime::save(const std::vector<flow_definition>& flows, model::writer& w) const {
    w.u32(static_cast<std::uint32_t>(instances_.size()));
    for (const flow_instance& i : instances_) {
        const flow_definition& f = flows[i.flow];
        w.str(f.name);
        w.str(f.states[i.state].name);
        w.u32(static_cast<std::uint32_t>(i.slots.size()));
        for (std::uint32_t s = 0; s < i.slots.size(); ++s) {
            w.str(f.slots[s].name);
            save_value(i.slots[s], w);
        }
        save_value(i.price, w);
        w.pod(i.entered_ms);
    }
    w.u32(static_cast<std::uint32_t>(timers_.size()));
    for (const pending_timer& t : timers_) {
        w.str(flows[t.flow].name);
        w.str(flows[t.flow].timers[t.timer].name);
        w.pod(t.due_ms);
        w.u64(t.sequence);
    }
    w.u32(static_cast<std::uint32_t>(policies_.size()));
    for (const auto& [flow, values] : policies_) {
        w.str(flow);
        w.u32(static_cast<std::uint32_t>(values.size()));
        for (const auto& [name, v] : values) {
            w.str(name);
            save_value(v, w);
        }
    }
    w.u32(static_cast<std::uint32_t>(audit_.size()));
    for (const audit_entry& a : audit_) {
        w.pod(a.time_ms);
        for (const std::string* s : {&a.flow, &a.from, &a.to, &a.trigger, &a.detail, &a.transition}) w.str(*s);
    }
    w.u64(next_sequence_);
}

namespace {
const flow_definition& flow_named(const std::vector<flow_definition>& flows, const std::string& name,
                                  std::uint32_t& index) {
    const auto it = std::find_if(flows.begin(), flows.end(), [&](const flow_definition& f) { return f.name == name; });
    index = index_of(it == flows.end() ? -1 : static_cast<int>(it - flows.begin()), "flow " + name);
    return *it;
}
}  // namespace

flow_runtime flow_runtime::load(const std::vector<flow_definition>& flows, model::reader& r) {
    flow_runtime rt;
    for (std::uint64_t n = bounded_count(r, flows.size(), "flows"); n > 0; --n) {
        flow_instance i;
        const flow_definition& f = flow_named(flows, r.str(), i.flow);
        if (rt.find_instance(i.flow) != nullptr) model::reader::corrupt("session blob: a flow is active twice");
        const std::string state = r.str();
        i.state = index_of(f.find_state(state), "state " + state);
        if (!f.is_active(i.state)) model::reader::corrupt("session blob: an active flow in a resting state");
        if (r.u32() != f.slots.size()) model::reader::corrupt("session blob: the slots of " + f.name + " changed");
        for (const variable& slot : f.slots) {
            if (r.str() != slot.name) model::reader::corrupt("session blob: the slots of " + f.name + " changed");
            i.slots.push_back(load_value(r));
        }
        i.price = load_value(r);
        i.entered_ms = r.instant();
        rt.instances_.push_back(std::move(i));
    }
    for (std::uint64_t n = bounded_count(r, pending_timer_limit, "timers"); n > 0; --n) {
        pending_timer t;
        const flow_definition& f = flow_named(flows, r.str(), t.flow);
        const std::string name = r.str();
        t.timer = index_of(f.find_timer(name), "timer " + name);
        t.due_ms = r.instant();
        t.sequence = r.u64();
        if (rt.find_instance(t.flow) == nullptr) model::reader::corrupt("session blob: a timer of an idle flow");
        rt.timers_.push_back(t);
    }
    for (std::uint64_t n = bounded_count(r, flows.size(), "policy sets"); n > 0; --n) {
        std::uint32_t index = 0;
        const flow_definition& f = flow_named(flows, r.str(), index);
        auto& values = rt.policies_[f.name];
        for (std::uint64_t m = bounded_count(r, f.policies.size(), "policies"); m > 0; --m) {
            const std::string name = r.str();
            index_of(f.find_policy(name), "policy " + name);
            values[name] = load_value(r);
        }
    }
    for (std::uint64_t n = bounded_count(r, audit_limit, "audit entries"); n > 0; --n) {
        audit_entry a;
        a.time_ms = r.instant();
        for (std::string* s : {&a.flow, &a.from, &a.to, &a.trigger, &a.detail, &a.transition}) *s = r.str();
        rt.audit_.push_back(std::move(a));
    }
    rt.next_sequence_ = r.u64();
    return rt;
}

}  // namespace kefu::detail::flow

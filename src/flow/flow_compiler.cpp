#include "flow/flow_compiler.hpp"

#include <algorithm>

#include "flow/expression_compiler.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "session/event.hpp"

namespace kefu::detail::flow {
namespace {

namespace ast = dsl::ast;

constexpr std::size_t max_flows = 256;
constexpr std::size_t max_items_per_flow = 4096;

const char* const builtin_names[] = {"intent", "confidence", "now", "clock", "since_message", "in_state", "price",
                                     "stay", "all"};

void check_type(const dsl::source& src, const x3::position_tagged& at, static_kind got, value_type want,
                const std::string& what) {
    if (got != kind_of(want))
        src.fail(at, what + " is of type " + value_type_name(want) + " but the value is " +
                         (got == static_kind::text ? "a text" : "a number"));
}

class action_compiler {
public:
    action_compiler(const dsl::source& src, const flow_definition& flow) : src_(src), flow_(flow) {}

    action operator()(const ast::say_action& a) const {
        return {action_kind::say, 0, a.key, {}, {}, false, src_.location(a)};
    }
    action operator()(const ast::set_action& a) const {
        const int slot = flow_.find_slot(a.slot);
        if (slot < 0) src_.fail(a, "unknown slot '" + a.slot + "' of flow " + flow_.name + " (declare it with `slot`)");
        compiled_expression e = compile_expression(a.value, &flow_, src_);
        check_type(src_, a, e.kind, flow_.slots[slot].type, "slot " + a.slot);
        return {action_kind::set, static_cast<std::uint32_t>(slot), {}, {}, std::move(e.program), false,
                src_.location(a)};
    }
    action operator()(const ast::schedule_action& a) const {
        compiled_expression delay = compile_expression(a.delay, &flow_, src_);
        if (delay.kind != static_kind::number) src_.fail(a, "a timer's delay is a duration");
        if (a.daytime)
            for (const char* p : {"quiet_start", "quiet_end"})
                if (const int i = flow_.find_policy(p); i < 0 || flow_.policies[i].type != value_type::clock)
                    src_.fail(a, std::string("'daytime' needs the clock policy ") + p + " in flow " + flow_.name);
        return {action_kind::schedule, timer_index(a, a.timer), {}, {}, std::move(delay.program), a.daytime,
                src_.location(a)};
    }
    action operator()(const ast::cancel_action& a) const {
        if (a.timer == "all") return {action_kind::cancel_all, 0, {}, {}, {}, false, src_.location(a)};
        return {action_kind::cancel, timer_index(a, a.timer), {}, {}, {}, false, src_.location(a)};
    }
    action operator()(const ast::offer_action& a) const {
        compiled_expression e = compile_expression(a.value, &flow_, src_);
        action out{action_kind::offer_gift, 0, {}, {}, std::move(e.program), false, src_.location(a)};
        if (a.kind == "discount") {
            for (const char* p : {"list_price", "floor_price"})
                if (flow_.find_policy(p) < 0)
                    src_.fail(a, std::string("'offer discount' needs the policy ") + p + " in flow " + flow_.name);
            out.kind = action_kind::offer_discount;
        } else if (a.kind == "cashback" || a.kind == "coupon") {
            out.kind = a.kind == "cashback" ? action_kind::offer_cashback : action_kind::offer_coupon;
        } else if (a.kind != "gift") {
            src_.fail(a, "unknown offer '" + a.kind + "' (known: discount, gift, cashback, coupon)");
        }
        if ((out.kind == action_kind::offer_gift) != (e.kind == static_kind::text))
            src_.fail(a, out.kind == action_kind::offer_gift ? "a gift is a text" : "an offer's amount is a number");
        return out;
    }
    action operator()(const ast::escalate_action& a) const {
        if (a.to != "supervisor" && a.to != "human") src_.fail(a, "escalate to 'supervisor' or 'human'");
        return {action_kind::escalate, 0, a.to, {}, {}, false, src_.location(a)};
    }
    action operator()(const ast::emit_action& a) const {
        return {action_kind::emit, 0, a.host_action, a.template_key.value_or(""), {}, false, src_.location(a)};
    }
    action operator()(const ast::end_action& a) const { return {action_kind::end, 0, {}, {}, {}, false, src_.location(a)}; }

private:
    std::uint32_t timer_index(const x3::position_tagged& at, const std::string& name) const {
        const int t = flow_.find_timer(name);
        if (t < 0) src_.fail(at, "unknown timer '" + name + "' of flow " + flow_.name + " (declare it with `timer`)");
        return static_cast<std::uint32_t>(t);
    }

    const dsl::source& src_;
    const flow_definition& flow_;
};

}  // namespace

flow_definition& flow_compiler::current(const dsl::source& src, const x3::position_tagged& at, const char* what) {
    if (current_ < 0) src.fail(at, std::string(what) + " outside a flow: start the flow with `flow NAME`");
    flow_definition& f = flows_[static_cast<std::size_t>(current_)];
    if (f.states.size() + f.transitions.size() + f.slots.size() + f.policies.size() + f.timers.size() >=
        max_items_per_flow)
        throw kefu::error(KEFU_ELIMIT, src.location(at) + ": flow " + f.name + " has more than " +
                                           std::to_string(max_items_per_flow) + " statements");
    return f;
}

void flow_compiler::check_new_name(const dsl::source& src, const x3::position_tagged& at, const flow_definition& f,
                                   const std::string& name) const {
    for (const char* reserved : builtin_names)
        if (name == reserved) src.fail(at, "'" + name + "' is a reserved name");
    if (f.find_slot(name) >= 0 || f.find_policy(name) >= 0)
        src.fail(at, "flow " + f.name + " already has a slot or policy named '" + name + "'");
}

void flow_compiler::add(const dsl::source& src, const ast::flow_statement& s) {
    flow_definition fresh;
    fresh.name = s.name;
    fresh.description = s.description.value_or("");
    fresh.location = src.location(s);
    const auto it = std::find_if(flows_.begin(), flows_.end(), [&](const flow_definition& f) { return f.name == s.name; });
    explicit_initial_.erase(s.name);
    if (it != flows_.end()) {
        *it = std::move(fresh);
        current_ = static_cast<int>(it - flows_.begin());
        return;
    }
    if (flows_.size() >= max_flows)
        throw kefu::error(KEFU_ELIMIT, src.location(s) + ": more than " + std::to_string(max_flows) + " flows");
    flows_.push_back(std::move(fresh));
    current_ = static_cast<int>(flows_.size() - 1);
}

void flow_compiler::add(const dsl::source& src, const ast::variable_statement& s) {
    flow_definition& f = current(src, s, s.kind == "policy" ? "a policy" : "a slot");
    check_new_name(src, s, f, s.name);
    variable v;
    v.name = s.name;
    v.location = src.location(s);
    if (!value_type_from(s.type, v.type))
        src.fail(s, "unknown type '" + s.type + "' (known: money, number, duration, clock, time, text, flag)");
    if (s.initial) {
        const compiled_expression e = compile_expression(*s.initial, nullptr, src);
        check_type(src, *s.initial, e.kind, v.type, s.kind + " " + s.name);
        v.initial = constant_value(e);
        v.has_default = v.initial.known();
    }
    (s.kind == "policy" ? f.policies : f.slots).push_back(std::move(v));
}

void flow_compiler::add(const dsl::source& src, const ast::timer_statement& s) {
    flow_definition& f = current(src, s, "a timer");
    if (f.find_timer(s.name) >= 0) src.fail(s, "flow " + f.name + " already has a timer named '" + s.name + "'");
    f.timers.push_back({s.name, s.host_action.value_or(""), src.location(s)});
}

void flow_compiler::add(const dsl::source& src, const ast::state_statement& s) {
    flow_definition& f = current(src, s, "a state");
    if (s.name == "stay") src.fail(s, "'stay' is a reserved name");
    if (f.find_state(s.name) >= 0) src.fail(s, "flow " + f.name + " already has a state named '" + s.name + "'");
    const bool initial = std::count(s.flags.begin(), s.flags.end(), "initial") > 0;
    const bool final = std::count(s.flags.begin(), s.flags.end(), "final") > 0;
    if (initial && final) src.fail(s, "a state cannot be both initial and final");
    if (initial) {
        if (!explicit_initial_.insert(f.name).second) src.fail(s, "flow " + f.name + " already has an initial state");
        f.initial = static_cast<std::uint32_t>(f.states.size());
    }
    f.states.push_back({s.name, final, src.location(s)});
}

void flow_compiler::compile_trigger(const dsl::source& src, const ast::trigger& t, const flow_definition& f,
                                    transition& out) const {
    out.trigger_text = std::string(src.text_of(t));
    if (t.kind == "message") {
        if (!t.names.empty()) src.fail(t, "'message' takes no names (use 'intent A, B' for intents)");
        out.trigger = trigger_kind::message;
    } else if (t.kind == "intent") {
        out.trigger = trigger_kind::intent;
        for (const std::string& n : t.names) {
            const int i = rules_.find_intent(n);
            if (i < 0) src.fail(t, "unknown intent '" + n + "'");
            out.trigger_ids.push_back(static_cast<std::uint32_t>(i));
        }
    } else if (t.kind == "event") {
        out.trigger = trigger_kind::event;
        for (const std::string& n : t.names) {
            const auto e = session::event_type_from(n);
            if (!e || *e == session::event_type::message || *e == session::event_type::tick ||
                *e == session::event_type::policy)
                src.fail(t, "unknown event '" + n + "' (docs/FLOWS.md lists them; messages trigger with 'intent' or "
                            "'message')");
            out.trigger_ids.push_back(static_cast<std::uint32_t>(*e));
        }
    } else {
        out.trigger = trigger_kind::timer;
        if (t.names.size() != 1) src.fail(t, "'timer' takes one timer name");
        const int i = f.find_timer(t.names[0]);
        if (i < 0) src.fail(t, "unknown timer '" + t.names[0] + "' of flow " + f.name);
        out.trigger_ids.push_back(static_cast<std::uint32_t>(i));
    }
    if (out.trigger != trigger_kind::message && out.trigger_ids.empty()) src.fail(t, "'" + t.kind + "' needs a name");
}

void flow_compiler::add(const dsl::source& src, const ast::transition_statement& s) {
    flow_definition& f = current(src, s, "a transition");
    transition t;
    t.location = src.location(s);
    if (s.sources.size() == 1 && s.sources[0] == "*") {
        t.any_active = true;
    } else {
        for (const std::string& name : s.sources) {
            const int i = f.find_state(name);
            if (i < 0) src.fail(s, "unknown state '" + name + "' of flow " + f.name + " (declare states first)");
            t.sources.push_back(static_cast<std::uint32_t>(i));
        }
    }
    compile_trigger(src, s.trigger, f, t);
    if (s.guard) t.guard = compile_expression(*s.guard, &f, src).program;
    if (s.target != "stay") {
        const int i = f.find_state(s.target);
        if (i < 0) src.fail(s, "unknown state '" + s.target + "' of flow " + f.name);
        t.target = static_cast<std::uint32_t>(i);
    }
    const action_compiler actions(src, f);
    for (const ast::action& a : s.actions) t.actions.push_back(boost::apply_visitor(actions, a));
    f.transitions.push_back(std::move(t));
}

}  // namespace kefu::detail::flow

#include "flow/flow_io.hpp"

namespace kefu::detail::flow {
namespace {

constexpr std::uint64_t max_items = 1u << 20;
constexpr op_code last_op = op_code::contains;
constexpr builtin last_builtin = builtin::message_mood;
constexpr action_kind last_action = action_kind::end;
constexpr value_type last_type = value_type::flag;

[[noreturn]] void corrupt(const char* what) { model::reader::corrupt(std::string("flows: ") + what); }

// A count, checked against what can remain (each element takes at least 8 bytes).
std::uint64_t count(model::reader& r) {
    const std::uint64_t n = r.u64();
    if (n > max_items || n > r.remaining() / 8) corrupt("implausible element count");
    return n;
}

template <typename E>
E enum_value(model::reader& r, E last) {
    const std::uint32_t v = r.u32();
    if (v > static_cast<std::uint32_t>(last)) corrupt("unknown enum value");
    return static_cast<E>(v);
}

void save_code(const code& c, model::writer& w) {
    w.u64(c.instructions.size());
    for (const instruction& i : c.instructions) {
        w.u32(static_cast<std::uint32_t>(i.op));
        w.u32(i.index);
        w.u32(i.param);
        w.pod(i.number);
        w.str(i.text);
    }
    w.str(c.text);
}

// Pops and pushes of each instruction, to check that code is balanced.
int stack_effect(op_code op) {
    switch (op) {
        case op_code::push_number: case op_code::push_text: case op_code::load_slot: case op_code::load_policy:
        case op_code::load_builtin: return 1;
        case op_code::has: case op_code::logical_not: case op_code::negate: case op_code::next_clock: return 0;
        default: return -1;  // binary operators
    }
}

code load_code(model::reader& r, const flow_definition& f) {
    code c;
    c.instructions.resize(count(r));
    int depth = 0;
    for (instruction& i : c.instructions) {
        i.op = enum_value(r, last_op);
        i.index = r.u32();
        i.param = r.u32();
        i.number = r.pod<double>();
        i.text = r.str();
        if ((i.op == op_code::load_slot && i.index >= f.slots.size()) ||
            (i.op == op_code::load_policy && i.index >= f.policies.size()) ||
            (i.op == op_code::load_builtin && i.index > static_cast<std::uint32_t>(last_builtin)))
            corrupt("a reference out of range");
        const int effect = stack_effect(i.op);
        if (depth + std::min(effect, 0) < (effect == 1 ? 0 : 1)) corrupt("unbalanced code");
        depth += effect;
    }
    if (!c.instructions.empty() && depth != 1) corrupt("unbalanced code");
    c.text = r.str();
    return c;
}

void save_variables(const std::vector<variable>& vars, model::writer& w) {
    w.u64(vars.size());
    for (const variable& v : vars) {
        w.str(v.name);
        w.u32(static_cast<std::uint32_t>(v.type));
        w.u32(v.has_default);
        save_value(v.initial, w);
        w.str(v.location);
    }
}

std::vector<variable> load_variables(model::reader& r) {
    std::vector<variable> vars(count(r));
    for (variable& v : vars) {
        v.name = r.str();
        v.type = enum_value(r, last_type);
        v.has_default = r.u32() != 0;
        v.initial = load_value(r);
        v.location = r.str();
    }
    return vars;
}

void save_transition(const transition& t, model::writer& w) {
    w.vec(t.sources);
    w.u32(t.any_active);
    w.u32(static_cast<std::uint32_t>(t.trigger));
    w.vec(t.trigger_ids);
    w.str(t.trigger_text);
    save_code(t.guard, w);
    w.u32(t.target);
    w.u64(t.actions.size());
    for (const action& a : t.actions) {
        w.u32(static_cast<std::uint32_t>(a.kind));
        w.u32(a.index);
        w.str(a.name);
        w.str(a.template_key);
        save_code(a.value, w);
        w.u32(a.daytime);
        w.str(a.location);
    }
    w.str(t.location);
}

void check_trigger(const transition& t, const flow_definition& f, std::uint32_t intents, std::uint32_t events) {
    const std::uint32_t bound = t.trigger == trigger_kind::intent  ? intents
                                : t.trigger == trigger_kind::event ? events
                                : t.trigger == trigger_kind::timer ? static_cast<std::uint32_t>(f.timers.size())
                                                                   : 0;
    for (const std::uint32_t id : t.trigger_ids)
        if (id >= bound) corrupt("a trigger out of range");
    if (t.trigger == trigger_kind::timer && t.trigger_ids.size() != 1) corrupt("a timer trigger without its timer");
}

transition load_transition(model::reader& r, const flow_definition& f, std::uint32_t intents, std::uint32_t events) {
    transition t;
    t.sources = r.vec<std::uint32_t>();
    for (const std::uint32_t s : t.sources)
        if (s >= f.states.size()) corrupt("a source state out of range");
    t.any_active = r.u32() != 0;
    t.trigger = enum_value(r, trigger_kind::timer);
    t.trigger_ids = r.vec<std::uint32_t>();
    check_trigger(t, f, intents, events);
    t.trigger_text = r.str();
    t.guard = load_code(r, f);
    t.target = r.u32();
    if (t.target != stay && t.target >= f.states.size()) corrupt("a target state out of range");
    t.actions.resize(count(r));
    for (action& a : t.actions) {
        a.kind = enum_value(r, last_action);
        a.index = r.u32();
        a.name = r.str();
        a.template_key = r.str();
        a.value = load_code(r, f);
        a.daytime = r.u32() != 0;
        a.location = r.str();
        const std::size_t bound = a.kind == action_kind::set ? f.slots.size()
                                  : a.kind == action_kind::schedule || a.kind == action_kind::cancel ? f.timers.size()
                                                                                                     : SIZE_MAX;
        if (a.index >= bound) corrupt("an action's slot or timer out of range");
    }
    t.location = r.str();
    return t;
}

}  // namespace

void save_value(const value& v, model::writer& w) {
    w.u32(static_cast<std::uint32_t>(v.what));
    w.pod(v.number);
    w.str(v.text);
}

value load_value(model::reader& r) {
    value v;
    v.what = enum_value(r, value::kind::text);
    v.number = r.pod<double>();
    v.text = r.str();
    return v;
}

void save_flows(const std::vector<flow_definition>& flows, model::writer& w) {
    w.u64(flows.size());
    for (const flow_definition& f : flows) {
        w.str(f.name);
        w.str(f.description);
        w.str(f.location);
        w.u64(f.states.size());
        for (const state& s : f.states) {
            w.str(s.name);
            w.u32(s.final);
            w.str(s.location);
        }
        w.u32(f.initial);
        save_variables(f.policies, w);
        save_variables(f.slots, w);
        w.u64(f.timers.size());
        for (const timer& t : f.timers) {
            w.str(t.name);
            w.str(t.host_action);
            w.str(t.location);
        }
        w.u64(f.transitions.size());
        for (const transition& t : f.transitions) save_transition(t, w);
    }
}

std::vector<flow_definition> load_flows(model::reader& r, std::uint32_t intents, std::uint32_t event_types) {
    std::vector<flow_definition> flows(count(r));
    for (flow_definition& f : flows) {
        f.name = r.str();
        f.description = r.str();
        f.location = r.str();
        f.states.resize(count(r));
        for (state& s : f.states) {
            s.name = r.str();
            s.final = r.u32() != 0;
            s.location = r.str();
        }
        f.initial = r.u32();
        if (f.initial >= f.states.size()) corrupt("the initial state out of range");
        f.policies = load_variables(r);
        f.slots = load_variables(r);
        f.timers.resize(count(r));
        for (timer& t : f.timers) {
            t.name = r.str();
            t.host_action = r.str();
            t.location = r.str();
        }
        f.transitions.resize(count(r));
        for (transition& t : f.transitions) t = load_transition(r, f, intents, event_types);
    }
    return flows;
}

}  // namespace kefu::detail::flow

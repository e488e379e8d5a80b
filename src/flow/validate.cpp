#include "flow/validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <set>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/pending/queue.hpp>

#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail::flow {
namespace {

using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

// The states a transition can leave from.
// Sorted, for std::includes.
std::vector<std::uint32_t> sources_of(const flow_definition& f, const transition& t) {
    std::vector<std::uint32_t> out;
    if (t.any_active) {
        for (std::uint32_t s = 0; s < f.states.size(); ++s)
            if (f.is_active(s)) out.push_back(s);
        return out;
    }
    out = t.sources;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

graph transition_graph(const flow_definition& f) {
    graph g(f.states.size());
    for (const transition& t : f.transitions) {
        if (t.target == stay) continue;
        for (const std::uint32_t s : sources_of(f, t))
            if (s != t.target) boost::add_edge(s, t.target, g);
    }
    return g;
}

// Vertices reached by a breadth-first search from `roots`.
template <typename Graph>
std::vector<bool> reached_from(const Graph& g, const std::vector<std::uint32_t>& roots) {
    std::vector<bool> reached(boost::num_vertices(g), false);
    if (roots.empty()) return reached;
    std::vector<boost::default_color_type> colours(boost::num_vertices(g));
    auto colour_map = boost::make_iterator_property_map(colours.begin(), boost::get(boost::vertex_index, g));
    struct recorder : boost::default_bfs_visitor {
        std::vector<bool>* out;
        void discover_vertex(std::size_t v, const Graph&) const { (*out)[v] = true; }
    } visitor;
    visitor.out = &reached;
    boost::queue<typename boost::graph_traits<Graph>::vertex_descriptor> buffer;
    boost::breadth_first_search(g, roots.begin(), roots.end(), buffer, visitor, colour_map);
    return reached;
}

void check_templates(const flow_definition& f, const std::vector<reply::reply_template>& templates,
                     std::vector<finding>& out) {
    std::set<std::string> keys;
    for (const reply::reply_template& t : templates) keys.insert(t.key);
    for (const transition& t : f.transitions)
        for (const action& a : t.actions) {
            const std::string& key = a.kind == action_kind::say ? a.name : a.template_key;
            if ((a.kind == action_kind::say || a.kind == action_kind::emit) && !key.empty() && !keys.count(key))
                out.push_back({true, a.location, "unknown template '" + key + "' (docs/TEMPLATES.md)"});
        }
}

void check_graph(const flow_definition& f, std::vector<finding>& out) {
    if (f.states.empty()) {
        out.push_back({true, f.location, "flow " + f.name + " has no states"});
        return;
    }
    std::vector<std::uint32_t> finals;
    for (std::uint32_t s = 0; s < f.states.size(); ++s)
        if (f.states[s].final) finals.push_back(s);
    if (finals.empty()) out.push_back({true, f.location, "flow " + f.name + " has no final state"});
    const graph g = transition_graph(f);
    const std::vector<bool> reachable = reached_from(g, {f.initial});
    const std::vector<bool> can_finish = reached_from(boost::make_reverse_graph(g), finals);
    for (std::uint32_t s = 0; s < f.states.size(); ++s) {
        const state& st = f.states[s];
        if (!reachable[s]) {
            out.push_back({true, st.location, "state " + st.name + " cannot be reached from " + f.states[f.initial].name});
            continue;
        }
        if (f.is_active(s) && boost::out_degree(s, g) == 0)
            out.push_back({true, st.location, "state " + st.name + " is a dead end: no transition leaves it"});
        else if (!finals.empty() && !can_finish[s] && s != f.initial)
            out.push_back({true, st.location, "no final state can be reached from state " + st.name});
    }
}

bool triggers_overlap(const transition& a, const transition& b) {
    const auto message_like = [](trigger_kind k) { return k == trigger_kind::message || k == trigger_kind::intent; };
    if (a.trigger == trigger_kind::message || b.trigger == trigger_kind::message)
        return message_like(a.trigger) && message_like(b.trigger);
    if (a.trigger != b.trigger) return false;
    return std::any_of(a.trigger_ids.begin(), a.trigger_ids.end(), [&](std::uint32_t id) {
        return std::find(b.trigger_ids.begin(), b.trigger_ids.end(), id) != b.trigger_ids.end();
    });
}

// A guard of the form `reference OP constant` (or `constant OP reference`)
// as the interval of values it accepts.
struct interval {
    instruction read;
    double low, high;
    bool low_open, high_open;
};

std::optional<interval> interval_of(const code& guard) {
    const auto& in = guard.instructions;
    if (in.size() != 3) return std::nullopt;
    const bool reads_first = in[0].op != op_code::push_number;
    const instruction& read = reads_first ? in[0] : in[1];
    const instruction& constant = reads_first ? in[1] : in[0];
    if (constant.op != op_code::push_number ||
        (read.op != op_code::load_slot && read.op != op_code::load_policy && read.op != op_code::load_builtin))
        return std::nullopt;
    op_code op = in[2].op;
    if (!reads_first) {  // 3 < x is x > 3
        const std::pair<op_code, op_code> mirror[] = {{op_code::less, op_code::greater},
                                                     {op_code::greater, op_code::less},
                                                     {op_code::less_equal, op_code::greater_equal},
                                                     {op_code::greater_equal, op_code::less_equal}};
        for (const auto& [from, to] : mirror)
            if (op == from) { op = to; break; }
    }
    const double c = constant.number, inf = HUGE_VAL;
    switch (op) {
        case op_code::less: return interval{read, -inf, c, false, true};
        case op_code::less_equal: return interval{read, -inf, c, false, false};
        case op_code::greater: return interval{read, c, inf, true, false};
        case op_code::greater_equal: return interval{read, c, inf, false, false};
        case op_code::equal: return interval{read, c, c, false, false};
        default: return std::nullopt;
    }
}

bool guards_may_both_hold(const code& a, const code& b) {
    if (a.text == b.text) return true;
    const auto x = interval_of(a), y = interval_of(b);
    if (!x || !y || !(x->read == y->read)) return false;  // unknown: not reported
    const bool below = x->high < y->low || (x->high == y->low && (x->high_open || y->low_open));
    const bool above = y->high < x->low || (y->high == x->low && (y->high_open || x->low_open));
    return !below && !above;
}

void check_conflicts(const flow_definition& f, std::vector<finding>& out) {
    for (std::size_t j = 0; j < f.transitions.size(); ++j) {
        const transition& later = f.transitions[j];
        const auto later_sources = sources_of(f, later);
        for (std::size_t i = 0; i < j; ++i) {
            const transition& earlier = f.transitions[i];
            if (!triggers_overlap(earlier, later)) continue;
            const auto earlier_sources = sources_of(f, earlier);
            const bool shared = std::any_of(later_sources.begin(), later_sources.end(), [&](std::uint32_t s) {
                return std::find(earlier_sources.begin(), earlier_sources.end(), s) != earlier_sources.end();
            });
            if (!shared) continue;
            const bool covers = earlier.guard.empty() && std::includes(earlier_sources.begin(), earlier_sources.end(),
                                                                       later_sources.begin(), later_sources.end());
            const bool same_trigger = earlier.trigger == later.trigger && earlier.trigger_ids == later.trigger_ids;
            if (covers && (same_trigger || earlier.trigger == trigger_kind::message)) {
                out.push_back({true, later.location,
                               "this transition never fires: the one at " + earlier.location +
                                   " takes the same trigger from the same states without a guard"});
                break;
            }
            if (!earlier.guard.empty() && !later.guard.empty() && guards_may_both_hold(earlier.guard, later.guard))
                out.push_back({false, later.location,
                               "the guards of this transition and of the one at " + earlier.location +
                                   " may both hold; the earlier one wins"});
        }
    }
}

void check_timers(const flow_definition& f, std::vector<finding>& out) {
    for (std::uint32_t i = 0; i < f.timers.size(); ++i) {
        bool scheduled = false, handled = false;
        std::string where;
        for (const transition& t : f.transitions) {
            if (t.trigger == trigger_kind::timer && t.trigger_ids[0] == i) handled = true;
            for (const action& a : t.actions) {
                if (a.kind == action_kind::schedule && a.index == i && !scheduled) {
                    scheduled = true;
                    where = a.location;
                }
                if ((a.kind == action_kind::cancel && a.index == i) || a.kind == action_kind::cancel_all) handled = true;
            }
        }
        if (scheduled && !handled)
            out.push_back({false, where, "timer " + f.timers[i].name + " is scheduled but never fired nor cancelled"});
    }
}

}  // namespace

std::vector<finding> validate(const flow_definition& flow, const std::vector<reply::reply_template>& templates) {
    std::vector<finding> out;
    check_templates(flow, templates, out);
    check_graph(flow, out);
    check_conflicts(flow, out);
    check_timers(flow, out);
    return out;
}

std::vector<finding> validate(const std::vector<flow_definition>& flows,
                              const std::vector<reply::reply_template>& templates) {
    std::vector<finding> out;
    for (const flow_definition& f : flows) {
        std::vector<finding> more = validate(f, templates);
        out.insert(out.end(), more.begin(), more.end());
    }
    return out;
}

location_parts split_location(const std::string& location) {
    // From the right: a file name may itself contain colons.
    const std::size_t col_colon = location.rfind(':');
    if (col_colon == std::string::npos || col_colon == 0) return {location};
    const std::size_t line_colon = location.rfind(':', col_colon - 1);
    if (line_colon == std::string::npos) return {location};
    const auto number = [&](std::size_t from, std::size_t to) {
        return static_cast<std::uint32_t>(std::strtoul(location.substr(from, to - from).c_str(), nullptr, 10));
    };
    return {location.substr(0, line_colon), number(line_colon + 1, col_colon), number(col_colon + 1, location.size())};
}

void require_valid(const std::vector<flow_definition>& flows, const std::vector<reply::reply_template>& templates) {
    for (const finding& f : validate(flows, templates)) {
        if (!f.error) continue;
        const location_parts at = split_location(f.location);
        throw kefu::error(KEFU_EPARSE, f.to_string(), at.file, at.line, at.column);
    }
}

}  // namespace kefu::detail::flow

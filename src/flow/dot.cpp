#include "flow/dot.hpp"

#include <string_view>
#include <vector>

#include "core/utf8.hpp"

namespace kefu::detail::flow {
namespace {

// Label limits that keep a drawing readable; the file has the full text.
constexpr std::size_t max_guard_code_points = 40;
constexpr std::size_t max_action_line_bytes = 40;

// The node of the point the initial arrow starts from: a hyphen cannot occur
// in a state name, so it never collides with one.
constexpr std::string_view start_node = "\"start-point\"";

// A DOT quoted string. DOT itself escapes only `"`, but a label reads `\` as
// the start of an escape (`\n`, `\N`...), so a backslash is doubled too; line
// breaks become `\n`, centred lines.
std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A backslash that only continues the statement on the next line.
bool continuation(std::string_view text, std::size_t at) {
    if (text[at] != '\\') return false;
    std::size_t next = at + 1;
    while (next < text.size() && (text[next] == ' ' || text[next] == '\t' || text[next] == '\r')) ++next;
    return next < text.size() && text[next] == '\n';
}

// Source text (a guard may span lines) on one line: line continuations and
// runs of blanks read as one space.
std::string one_line(std::string_view text) {
    std::string out;
    bool gap = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (blank(text[i]) || continuation(text, i)) {
            gap = true;
            continue;
        }
        if (gap && !out.empty()) out += ' ';
        gap = false;
        out += text[i];
    }
    return out;
}

// The first `max` code points of valid UTF-8 text, with "…" when cut.
std::string shortened(const std::string& text, std::size_t max) {
    std::size_t at = 0;
    for (std::size_t n = 0; at < text.size(); ++n) {
        if (n == max) return text.substr(0, at) + "…";
        at += utf8::decode(text, at).length;
    }
    return text;
}

std::string action_text(const flow_definition& f, const action& a) {
    switch (a.kind) {
        case action_kind::say: return "say " + a.name;
        case action_kind::set: return "set " + f.slots[a.index].name;
        case action_kind::schedule: return "schedule " + f.timers[a.index].name;
        case action_kind::cancel: return "cancel " + f.timers[a.index].name;
        case action_kind::cancel_all: return "cancel all";
        case action_kind::offer_discount: return "offer discount";
        case action_kind::offer_gift: return "offer gift";
        case action_kind::offer_cashback: return "offer cashback";
        case action_kind::offer_coupon: return "offer coupon";
        case action_kind::escalate: return "escalate " + a.name;
        case action_kind::emit: return "emit " + a.name;
        case action_kind::end: return "end";
    }
    return "?";
}

// "/ a; b; c", broken into lines of about max_action_line_bytes.
std::string actions_text(const flow_definition& f, const std::vector<action>& actions) {
    std::string out = "/";
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const std::string item = action_text(f, actions[i]);
        if (i > 0) out += ';';
        if (i > 0 && out.size() - line_start + 1 + item.size() > max_action_line_bytes) {
            out += '\n';
            line_start = out.size();
        } else {
            out += ' ';
        }
        out += item;
    }
    return out;
}

std::string edge_label(const flow_definition& f, const transition& t) {
    std::string label = one_line(t.trigger_text);
    if (!t.guard.empty()) label += "\n[" + shortened(one_line(t.guard.text), max_guard_code_points) + "]";
    if (!t.actions.empty()) label += "\n" + actions_text(f, t.actions);
    return label;
}

std::string node(const flow_definition& f, std::uint32_t s) {
    std::string out = "  " + quoted(f.states[s].name);
    if (s == f.initial) out += " [style=\"rounded,bold\"]";
    else if (f.states[s].final) out += " [shape=doubleoctagon, style=\"\"]";
    return out + ";\n";
}

std::string edges(const flow_definition& f, const transition& t) {
    const std::string label = quoted(edge_label(f, t));
    std::string out;
    for (std::uint32_t s = 0; s < f.states.size(); ++s) {
        if (!f.from_matches(t, s)) continue;
        const std::uint32_t target = t.target == stay ? s : t.target;
        out += "  " + quoted(f.states[s].name) + " -> " + quoted(f.states[target].name) + " [label=" + label;
        // Grey and dashed: what every active state does stays in the background.
        out += t.any_active ? ", style=dashed, color=gray40, fontcolor=gray40];\n" : "];\n";
    }
    return out;
}

std::string graph_label(const flow_definition& f) {
    return f.description.empty() ? f.name : f.name + "\n" + f.description;
}

}  // namespace

std::string to_dot(const flow_definition& flow) {
    const std::string start(start_node);
    std::string out = "digraph " + quoted(flow.name) + " {\n";
    out += "  graph [label=" + quoted(graph_label(flow)) +
           ", labelloc=t, rankdir=LR, fontsize=16, fontname=\"sans-serif\"];\n";
    out += "  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n";
    out += "  edge [fontsize=10, fontname=\"sans-serif\"];\n";
    out += "  " + start + " [shape=point, width=0.12, label=\"\"];\n";
    for (std::uint32_t s = 0; s < flow.states.size(); ++s) out += node(flow, s);
    if (!flow.states.empty()) out += "  " + start + " -> " + quoted(flow.states[flow.initial].name) + ";\n";
    for (const transition& t : flow.transitions) out += edges(flow, t);
    return out + "}\n";
}

}  // namespace kefu::detail::flow

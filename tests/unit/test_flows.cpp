// The built-in flows, driven by scripted conversations
// (tests/golden/flows/*.jsonl). Every script runs twice: straight, and with
// the session snapshotted and restored after every line, so that restoring in
// the middle of every flow, with timers pending, changes nothing: each timer
// fires once, not twice and not never. A coverage report lists the
// transitions of each built-in flow the scripts took; all must be taken.
//
// Script lines are events of the `kefu run` input format, plus:
//   {"advance": TIME}               move the clock (fires due timers)
// and expectations checked on the step's output (for "advance", on the
// lines of the timers fired):
//   "expect_flows": {...}           the active flows and states, exactly
//   "expect_actions": ["offer",...] action types present
//   "expect_no_actions": [...]      action types absent
//   "expect_templates": [...]       templates of the replies and host actions
//   "expect_timers": ["nudge",...]  the timers fired, in order
//   "expect_offer": {"kind": "discount", "price": 94}
//   "expect_no_offer": ["discount"]  offer kinds absent
//   "expect_reply_contains": "SF1"  a text in the step's reply
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "core/iso_time.hpp"
#include "model/default_model.hpp"
#include "reply/templates.hpp"
#include "session/session.hpp"

namespace {

using namespace kefu::detail;
using nlohmann::json;

const char* const expectation_keys[] = {"expect_flows",  "expect_actions", "expect_no_actions", "expect_templates",
                                        "expect_timers", "expect_offer",   "expect_no_offer",  "expect_reply_contains"};

std::vector<std::filesystem::path> scripts() {
    std::vector<std::filesystem::path> out;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(KEFU_TEST_DATA_DIR) + "/golden/flows"))
        if (entry.path().extension() == ".jsonl") out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<json> read_script(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::vector<json> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') lines.push_back(json::parse(line));
    return lines;
}

// The event part of a script line.
std::string event_of(json line) {
    for (const char* key : expectation_keys) line.erase(key);
    return line.dump();
}

// Every action of the outputs, with its line.
std::vector<json> actions_of(const std::vector<json>& outputs) {
    std::vector<json> out;
    for (const json& o : outputs)
        for (const json& a : o["actions"]) out.push_back(a);
    return out;
}

void check(const json& line, const std::vector<json>& outputs, const std::string& where) {
    const std::vector<json> actions = actions_of(outputs);
    const auto has_type = [&](const std::string& t) {
        return std::any_of(actions.begin(), actions.end(), [&](const json& a) { return a["type"] == t; });
    };
    if (line.contains("expect_flows")) {
        ASSERT_FALSE(outputs.empty()) << where << ": no output";
        EXPECT_EQ(outputs.back().value("flows", json::object()), line["expect_flows"]) << where << "\n" << outputs.back().dump();
    }
    for (const auto& t : line.value("expect_actions", json::array()))
        EXPECT_TRUE(has_type(t)) << where << ": no " << t << " action\n" << json(outputs).dump();
    for (const auto& t : line.value("expect_no_actions", json::array()))
        EXPECT_FALSE(has_type(t)) << where << ": unexpected " << t << " action\n" << json(outputs).dump();
    for (const auto& key : line.value("expect_templates", json::array()))
        EXPECT_TRUE(std::any_of(actions.begin(), actions.end(), [&](const json& a) { return a.value("template", "") == key; }))
            << where << ": template " << key << " not used\n" << json(outputs).dump();
    if (line.contains("expect_timers")) {
        json fired = json::array();
        for (const json& o : outputs)
            if (o["event"] == "timer") fired.push_back(o["timer"]);
        EXPECT_EQ(fired, line["expect_timers"]) << where;
    }
    if (line.contains("expect_reply_contains")) {
        const std::string want = line["expect_reply_contains"];
        EXPECT_TRUE(std::any_of(outputs.begin(), outputs.end(), [&](const json& o) {
            return o.value("reply", std::string()).find(want) != std::string::npos;
        })) << where << ": no reply with " << want << "\n" << json(outputs).dump();
    }
    for (const auto& kind : line.value("expect_no_offer", json::array()))
        EXPECT_FALSE(std::any_of(actions.begin(), actions.end(),
                                 [&](const json& a) { return a["type"] == "offer" && a["kind"] == kind; }))
            << where << ": unexpected " << kind << " offer\n" << json(outputs).dump();
    if (line.contains("expect_offer")) {
        const json& want = line["expect_offer"];
        EXPECT_TRUE(std::any_of(actions.begin(), actions.end(), [&](const json& a) {
            if (a["type"] != "offer") return false;
            for (const auto& [k, v] : want.items())
                if (!a.contains(k) || a[k] != v) return false;
            return true;
        })) << where << ": no offer like " << want.dump() << "\n" << json(outputs).dump();
    }
}

struct script_run {
    std::vector<json> outputs;       // every line, in order
    std::set<std::string> taken;     // transitions (file:line:col)
    std::string final_blob;
};

// Runs a script; with `hop`, the session is snapshotted and restored after
// every line.
script_run run(const std::filesystem::path& path, bool hop) {
    script_run result;
    auto s = std::make_unique<session::customer_session>(model::default_model(), path.stem().string());
    const auto lines = read_script(path);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const json& line = lines[i];
        const std::string where = path.filename().string() + ":" + std::to_string(i + 1);
        std::vector<json> outputs;
        if (line.contains("advance")) {
            const auto t = parse_iso_time(line["advance"].get<std::string>());
            EXPECT_TRUE(t.has_value()) << where;
            if (t) outputs = s->advance(t->epoch_seconds * 1000);
        } else {
            json out = s->step(session::parse_event(event_of(line)));
            if (out.contains("timers_fired"))
                for (const json& fired : out["timers_fired"]) outputs.push_back(fired);
            out.erase("timers_fired");
            outputs.push_back(std::move(out));
        }
        if (!hop) check(line, outputs, where);
        const json state = s->flow_state_json();
        for (const json& a : state["audit"]) result.taken.insert(a["transition"].get<std::string>());
        result.outputs.insert(result.outputs.end(), outputs.begin(), outputs.end());
        if (hop) s = std::make_unique<session::customer_session>(
                     session::customer_session::restore(model::default_model(), s->snapshot()));
    }
    result.final_blob = s->snapshot();
    return result;
}

TEST(Flows, ScriptedConversationsBehaveAndRestoreMidFlow) {
    const auto paths = scripts();
    ASSERT_FALSE(paths.empty());
    for (const auto& path : paths) {
        const script_run straight = run(path, false);
        const script_run hopping = run(path, true);
        EXPECT_EQ(straight.outputs, hopping.outputs) << path.filename() << ": restoring changed the outputs";
        EXPECT_EQ(straight.final_blob, hopping.final_blob) << path.filename();
    }
}

// Every transition of every built-in flow is taken by some script.
TEST(Flows, ScriptsCoverEveryTransition) {
    std::set<std::string> taken;
    for (const auto& path : scripts()) {
        const script_run r = run(path, false);
        taken.insert(r.taken.begin(), r.taken.end());
    }
    std::ostringstream report;
    std::size_t missing = 0;
    for (const flow::flow_definition& f : model::default_model()->rules().flows) {
        std::size_t hit = 0;
        std::string missed;
        for (const flow::transition& t : f.transitions) {
            if (taken.count(t.location)) ++hit;
            else missed += "\n    not taken: " + t.location + " (" + t.trigger_text + ")";
        }
        missing += f.transitions.size() - hit;
        report << f.name << ": " << hit << "/" << f.transitions.size() << " transitions" << missed << "\n";
    }
    std::cout << "Flow transition coverage\n" << report.str();
    EXPECT_EQ(missing, 0u) << report.str();
}

// What the built-in flows say exists in each of the four styles, so the
// customer's style is always honoured (docs/TEMPLATES.md).
TEST(Flows, EveryBuiltInReplyHasEveryStyle) {
    const auto& rules = model::default_model()->rules();
    std::set<std::string> keys;
    for (const flow::flow_definition& f : rules.flows)
        for (const flow::transition& t : f.transitions)
            for (const flow::action& a : t.actions) {
                if (a.kind == flow::action_kind::say) keys.insert(a.name);
                if (a.kind == flow::action_kind::emit && !a.template_key.empty()) keys.insert(a.template_key);
            }
    EXPECT_GE(keys.size(), 20u);
    for (const std::string& key : keys)
        for (const auto style : {reply::reply_style::short_direct, reply::reply_style::detailed, reply::reply_style::warm,
                                 reply::reply_style::formal})
            EXPECT_GE(reply::variants_of(rules.templates, key, style).size(), 2u)
                << key << " has fewer than two " << reply::style_name(style) << " variants";
}

}  // namespace

// The flow tools: `kefu flow check` finds every problem of a flow file at
// its file:line:col (tests/data/flows, one problem per file), and to_dot
// draws flows as Graphviz digraphs that dot accepts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "flow/dot.hpp"
#include "flow/validate.hpp"
#include "intent/rule_compiler.hpp"
#include "kefu/error.hpp"
#include "model/default_model.hpp"
#include "model/flow_check.hpp"

namespace {

namespace flow = kefu::detail::flow;
namespace intent = kefu::detail::intent;
namespace model = kefu::detail::model;
namespace fs = std::filesystem;

const fs::path flow_data = fs::path(KEFU_TEST_DATA_DIR) / "data" / "flows";

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Flow files compiled on top of the default model, as `kefu flow check` does.
std::vector<flow::finding> check(const std::string& name, const std::string& text) {
    return model::check_flows({{name, text}}, &model::default_model()->rules());
}

// ------------------------------------------------------------ flow check

struct expected_finding {
    bool error;
    std::string location;  // file:line:col
    std::string text;      // part of the message
};

// The `# expect: SEVERITY LINE:COL TEXT` lines of a file (README.md there).
std::vector<expected_finding> expectations(const std::string& name, const std::string& text) {
    static const std::regex expect_line(R"(^# expect: (error|warning) (\d+:\d+) (.+)$)");
    std::vector<expected_finding> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (std::smatch m; std::regex_match(line, m, expect_line))
            out.push_back({m[1] == "error", name + ":" + m[2].str(), m[3]});
    return out;
}

std::vector<std::string> flow_files() {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(flow_data))
        if (entry.path().extension() == ".kefu") out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

class flow_file : public ::testing::TestWithParam<std::string> {};

TEST_P(flow_file, GivesExactlyTheExpectedFindings) {
    const std::string name = GetParam();
    const std::string text = read_text(flow_data / name);
    const std::vector<expected_finding> expected = expectations(name, text);
    if (name.rfind("bad_", 0) == 0) {
        EXPECT_FALSE(expected.empty()) << name << " has no `# expect:` line";
    }
    const std::vector<flow::finding> found = check(name, text);
    std::string listing;
    for (const flow::finding& f : found) listing += f.to_string() + "\n";
    EXPECT_EQ(found.size(), expected.size()) << listing;
    for (const expected_finding& e : expected) {
        const bool present = std::any_of(found.begin(), found.end(), [&](const flow::finding& f) {
            return f.error == e.error && f.location == e.location && f.message.find(e.text) != std::string::npos;
        });
        EXPECT_TRUE(present) << "missing " << (e.error ? "error" : "warning") << " at " << e.location << " with '"
                             << e.text << "'; found:\n" << listing;
    }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& file) {
    return fs::path(file.param).stem().string();
}

INSTANTIATE_TEST_SUITE_P(Data, flow_file, ::testing::ValuesIn(flow_files()), test_name);

TEST(FlowCheck, BuiltInFlowsHaveNoErrors) {
    const auto& rules = model::default_model()->rules();
    ASSERT_EQ(rules.flows.size(), 5u);
    for (const flow::finding& f : flow::validate(rules.flows, rules.templates))
        EXPECT_FALSE(f.error) << f.to_string();
}

// What compile stops at, check goes past: every problem, in file order.
TEST(FlowCheck, ReportsEveryProblemInPositionOrder) {
    const std::string text =
        "flow t_two\n"
        "state idle initial\n"
        "state lonely\n"
        "state done final\n"
        "from idle on intent bargain -> done do say no.such_key\n";
    const std::vector<flow::finding> found = check("two.kefu", text);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].location, "two.kefu:3:1");
    EXPECT_NE(found[0].message.find("cannot be reached"), std::string::npos);
    EXPECT_EQ(found[1].location, "two.kefu:5:40");
    EXPECT_NE(found[1].message.find("unknown template 'no.such_key'"), std::string::npos);

    intent::rule_compiler compiler(model::default_model()->rules());
    compiler.add_source("two.kefu", text);
    EXPECT_THROW(std::move(compiler).finish(), kefu::error);
}

TEST(FlowCheck, ParseErrorIsOneFindingWithoutItsLocationInTheMessage) {
    const std::vector<flow::finding> found = check("syntax.kefu", "flow t\nstate idle initial =\n");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(found[0].error);
    EXPECT_EQ(found[0].location.rfind("syntax.kefu:2:", 0), 0u) << found[0].location;
    EXPECT_EQ(found[0].message.find("syntax.kefu"), std::string::npos) << found[0].message;
}

TEST(FlowCheck, FindingsJson) {
    const nlohmann::json j =
        model::findings_json({{true, "a:b.kefu:3:14", "bad"}, {false, "a:b.kefu:4:1", "doubtful"}});
    EXPECT_EQ(j["errors"], 1);
    EXPECT_EQ(j["warnings"], 1);
    const nlohmann::json first = {
        {"file", "a:b.kefu"}, {"line", 3}, {"column", 14}, {"severity", "error"}, {"message", "bad"}};
    EXPECT_EQ(j["findings"][0], first);
    EXPECT_EQ(j["findings"][1]["severity"], "warning");
}

TEST(FlowCheck, SplitLocation) {
    const flow::location_parts at = flow::split_location("shop:v2.kefu:12:7");
    EXPECT_EQ(at.file, "shop:v2.kefu");
    EXPECT_EQ(at.line, 12u);
    EXPECT_EQ(at.column, 7u);
    EXPECT_EQ(flow::split_location("shop.kefu").file, "shop.kefu");
    EXPECT_EQ(flow::split_location("shop.kefu").line, 0u);
}

// ------------------------------------------------------------------ dot

flow::flow_definition compile_flow(const std::string& text) {
    intent::rule_compiler compiler(model::default_model()->rules());
    compiler.add_source("t.kefu", text);
    const intent::rule_set rules = std::move(compiler).finish();
    return rules.flows.back();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(FlowDot, DrawsStatesAndEveryEdge) {
    const flow::flow_definition f = compile_flow(
        "flow t_dot \"议价测试\"\n"
        "slot asked: number = 0\n"
        "state idle initial\n"
        "state asking\n"
        "state haggling\n"
        "state done final\n"
        "from idle on intent bargain -> asking do say bargain.first_ask; set asked = asked + 1\n"
        "from asking on intent bargain -> haggling\n"
        "from haggling on intent bargain when asked < 3 -> stay do say bargain.hold_floor\n"
        "from * on intent affirm -> done\n");
    const std::string expected =
        "digraph \"t_dot\" {\n"
        "  graph [label=\"t_dot\\n议价测试\", labelloc=t, rankdir=LR, fontsize=16, fontname=\"sans-serif\"];\n"
        "  node [shape=box, style=rounded, fontname=\"sans-serif\"];\n"
        "  edge [fontsize=10, fontname=\"sans-serif\"];\n"
        "  \"start-point\" [shape=point, width=0.12, label=\"\"];\n"
        "  \"idle\" [style=\"rounded,bold\"];\n"
        "  \"asking\";\n"
        "  \"haggling\";\n"
        "  \"done\" [shape=doubleoctagon, style=\"\"];\n"
        "  \"start-point\" -> \"idle\";\n"
        "  \"idle\" -> \"asking\" [label=\"intent bargain\\n/ say bargain.first_ask; set asked\"];\n"
        "  \"asking\" -> \"haggling\" [label=\"intent bargain\"];\n"
        "  \"haggling\" -> \"haggling\" [label=\"intent bargain\\n[asked < 3]\\n/ say bargain.hold_floor\"];\n"
        "  \"asking\" -> \"done\" [label=\"intent affirm\", style=dashed, color=gray40, fontcolor=gray40];\n"
        "  \"haggling\" -> \"done\" [label=\"intent affirm\", style=dashed, color=gray40, fontcolor=gray40];\n"
        "}\n";
    EXPECT_EQ(flow::to_dot(f), expected);
}

TEST(FlowDot, EscapesQuotesAndBackslashesAndShortensLongGuards) {
    const flow::flow_definition f = compile_flow(
        "flow t_escape\n"
        "state idle initial\n"
        "state done final\n"
        "from idle on message when contains(event.text, \"a\\\"b\\\\c\") -> done\n"
        "from idle on intent bargain when contains(event.text, \"太贵了|便宜点|能不能少一点|再便宜一点吧|最低多少\") \\\n"
        "    -> done\n");
    const std::string dot = flow::to_dot(f);
    // As written: contains(event.text, "a\"b\\c"); in DOT each " and \ gets a backslash.
    EXPECT_TRUE(contains(dot, R"([contains(event.text, \"a\\\"b\\\\c\")])")) << dot;
    EXPECT_TRUE(contains(dot, "[contains(event.text, \\\"太贵了|便宜点|能不能少一点|再便宜…]")) << dot;
}

TEST(FlowDot, BuiltInFlowsNameEveryStateAndAreDeterministic) {
    for (const flow::flow_definition& f : model::default_model()->rules().flows) {
        const std::string dot = flow::to_dot(f);
        EXPECT_EQ(dot.rfind("digraph \"" + f.name + "\" {\n", 0), 0u) << dot;
        for (const flow::state& s : f.states) EXPECT_TRUE(contains(dot, "  \"" + s.name + "\"")) << s.name;
        EXPECT_EQ(dot, flow::to_dot(f));
    }
}

// Graphviz's own parser is the judge of the syntax, when it is installed.
TEST(FlowDot, GraphvizAcceptsBuiltInFlows) {
    const std::string program = KEFU_DOT_PROGRAM;
    if (program.empty()) GTEST_SKIP() << "graphviz's dot was not found when the tests were configured";
    for (const flow::flow_definition& f : model::default_model()->rules().flows) {
        const std::string dot = flow::to_dot(f);
        FILE* pipe = popen(("'" + program + "' -Tsvg -o /dev/null").c_str(), "w");
        ASSERT_NE(pipe, nullptr);
        std::fwrite(dot.data(), 1, dot.size(), pipe);
        EXPECT_EQ(pclose(pipe), 0) << f.name << ":\n" << dot;
    }
}

}  // namespace

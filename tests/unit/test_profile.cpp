// Customer profiling: the persona suites (scripted conversations, each with
// the type it should end on top), the evidence trail, decay, and the
// profile's round trip through its binary form.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iomanip>
#include <map>

#include "model/default_model.hpp"
#include "profile/profiler.hpp"

namespace {

using namespace kefu::detail;
using nlohmann::json;

constexpr double LATER_FLOOR = 0.80;

std::vector<json> read_jsonl(const std::string& name) {
    std::ifstream in(std::string(KEFU_TEST_DATA_DIR) + "/golden/" + name);
    std::vector<json> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(json::parse(line));
    return out;
}

profile::profiler run_conversation(const json& conversation) {
    profile::profiler p(model::default_model());
    for (const json& e : conversation["events"]) p.on_event(session::parse_event(e.dump()));
    return p;
}

// Top-1 rate of a persona file; prints each miss and the per-type rate.
double persona_rate(const std::string& name) {
    const auto conversations = read_jsonl(name);
    EXPECT_FALSE(conversations.empty()) << name;
    std::map<std::string, std::pair<int, int>> per_type;  // right, total
    int right = 0;
    for (const json& c : conversations) {
        const auto [family_name, expected] = *c["expect"].items().begin();
        const auto family = family_name == "personality" ? profile::trait_family::personality
                                                         : profile::trait_family::behaviour;
        const auto p = run_conversation(c);
        const std::string top(profile::trait_name(p.profile().top(family)));
        auto& tally = per_type[expected.get<std::string>()];
        ++tally.second;
        if (top == expected) {
            ++right;
            ++tally.first;
        } else {
            std::cout << "  " << c["id"].get<std::string>() << ": expected " << expected.get<std::string>()
                      << ", top " << top << "\n";
        }
    }
    for (const auto& [type, t] : per_type) std::cout << "  " << type << ": " << t.first << "/" << t.second << "\n";
    const double rate = conversations.empty() ? 0 : static_cast<double>(right) / conversations.size();
    std::cout << name << ": top-1 " << right << "/" << conversations.size() << " = " << std::fixed
              << std::setprecision(1) << rate * 100 << "%\n";
    return rate;
}

// The conversations the signal weights were tuned on.
TEST(PersonaSuite, TuningHalf) { EXPECT_GE(persona_rate("personas/tuning.jsonl"), 0.80); }

// Conversations written after the tuning, by someone who saw neither the
// signals nor the tuning half (figure in docs/PROFILE.md).
TEST(PersonaSuite, LaterHalf) { EXPECT_GE(persona_rate("personas/later.jsonl"), LATER_FLOOR); }

TEST(Profile, EvidenceNamesTheSignalsAndMessages) {
    const json conversation = {
        {"events",
         {{{"type", "message"}, {"time", "2026-11-22T10:00:00+08:00"}, {"text", "我要投诉，你们什么破服务"}},
          {{"type", "message"}, {"time", "2026-11-22T10:00:20+08:00"}, {"text", "凭什么不给我退？12315见"}}}}};
    const auto p = run_conversation(conversation);
    EXPECT_EQ(p.profile().top(profile::trait_family::personality), profile::trait::difficult);
    const json j = profile::to_json(p.profile(), true);
    const std::string because = j["personality"]["difficult"]["because"];
    EXPECT_NE(because.find("threats"), std::string::npos) << because;
    EXPECT_NE(because.find("→ difficult"), std::string::npos) << because;
    EXPECT_TRUE(j.contains("complaint_motive"));
    EXPECT_TRUE(j["strategy"]["apology_first"].get<bool>());
    EXPECT_GT(j["personality"]["difficult"]["confidence"].get<double>(), 0.2);
}

TEST(Profile, OldEvidenceDecays) {
    profile::profiler p(model::default_model());
    const auto say = [&](const char* text, int second) {
        p.on_event(session::parse_event(json{{"type", "message"}, {"time", 1795312800000 + second * 60000},
                                             {"text", text}}.dump()));
    };
    say("我要投诉", 0);
    const float early = p.profile().score(profile::trait::difficult).score;
    for (int i = 1; i <= 8; ++i) say("好的，谢谢亲", i);
    EXPECT_LT(p.profile().score(profile::trait::difficult).score, early / 2);
}

TEST(Profile, RoundTripsThroughItsBinaryForm) {
    const auto conversations = read_jsonl("personas/tuning.jsonl");
    const auto p = run_conversation(conversations.at(0));
    model::writer w;
    p.profile().save(w);
    const std::string bytes = std::move(w).take();
    model::reader r(bytes);
    const auto restored = profile::customer_profile::load(r);
    EXPECT_EQ(profile::to_json(restored, true), profile::to_json(p.profile(), true));
    model::writer again;
    restored.save(again);
    EXPECT_EQ(std::move(again).take(), bytes);
}

}  // namespace

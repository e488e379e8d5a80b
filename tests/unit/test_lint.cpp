// The reply checker: measured on the golden replies (recall on bad ones,
// false findings on good ones), exact spans on hand-written cases, and
// robustness on hostile input.
//
// A golden bad reply counts as caught when every rule it expects is among
// the findings of severity warning or above; a good reply counts as a false
// finding when it gets any finding of severity warning or above. Info
// findings count for neither: they are hints, not faults.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "reply/lint.hpp"

namespace {

namespace reply = kefu::detail::reply;
using reply::lint_context;
using reply::lint_finding;
using reply::severity;

constexpr double min_recall = 0.90;
constexpr double later_min_recall = 0.90;
constexpr double later_max_false_finding_rate = 0.05;
constexpr double max_false_finding_rate = 0.05;

struct golden_reply {
    int line;
    std::string text;
    lint_context context;
    std::set<std::string> expected;
    std::string note;
};

lint_context context_from(const nlohmann::json& j) {
    lint_context c;
    c.customer = j.value("customer", "");
    c.mood = reply::parse_customer_mood(j.value("mood", "calm")).value_or(reply::customer_mood::calm);
    c.personality = j.value("personality", "");
    c.intents = j.value("intents", std::vector<std::string>{});
    c.topic_resolved = j.value("topic_resolved", false);
    return c;
}

std::vector<golden_reply> read_golden_replies(const std::string& name) {
    const std::string path = std::string(KEFU_TEST_DATA_DIR) + "/golden/" + name;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::vector<golden_reply> cases;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.empty()) continue;
        const nlohmann::json j = nlohmann::json::parse(line);
        cases.push_back({number, j.at("reply").get<std::string>(), context_from(j.at("context")),
                         j.at("expect").get<std::set<std::string>>(), j.value("note", "")});
    }
    return cases;
}

// Rule ids of the findings that count: warning and above.
std::set<std::string> faults(const std::vector<lint_finding>& findings) {
    std::set<std::string> ids;
    for (const lint_finding& f : findings)
        if (f.level >= severity::warning) ids.insert(f.rule);
    return ids;
}

std::string describe(const std::vector<lint_finding>& findings) {
    std::ostringstream out;
    for (const lint_finding& f : findings)
        out << " [" << f.rule << ' ' << reply::severity_name(f.level) << ' ' << f.start << '-' << f.end << "] "
            << f.message << '\n';
    return out.str();
}

bool is_char_boundary(std::string_view text, std::uint32_t offset) {
    if (offset == 0 || offset == text.size()) return true;
    return offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

// Every span lies inside the reply on character boundaries.
void expect_valid_spans(std::string_view text, const std::vector<lint_finding>& findings) {
    for (const lint_finding& f : findings) {
        EXPECT_LE(f.start, f.end) << f.rule;
        EXPECT_LE(f.end, text.size()) << f.rule;
        EXPECT_TRUE(is_char_boundary(text, f.start)) << f.rule << " start " << f.start;
        EXPECT_TRUE(is_char_boundary(text, f.end)) << f.rule << " end " << f.end;
        EXPECT_TRUE(kefu::detail::utf8::is_valid(f.message)) << f.rule;
        EXPECT_TRUE(kefu::detail::utf8::is_valid(f.suggestion)) << f.rule;
        EXPECT_FALSE(f.message.empty()) << f.rule;
    }
}

std::string percent(double share) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << share * 100.0 << '%';
    return out.str();
}

// Share of bad replies whose expected rules are all among the findings.
double recall_of(const std::vector<golden_reply>& cases, const std::string& name) {
    std::size_t caught = 0, bad = 0;
    for (const golden_reply& c : cases) {
        if (c.expected.empty()) continue;
        ++bad;
        const auto findings = reply::lint_reply(c.text, c.context);
        expect_valid_spans(c.text, findings);
        const auto found = faults(findings);
        if (std::includes(found.begin(), found.end(), c.expected.begin(), c.expected.end())) {
            ++caught;
            continue;
        }
        std::cout << "  missed " << name << ":" << c.line << " " << c.text << " (" << c.note << ")\n"
                  << describe(findings);
    }
    const double recall = bad ? static_cast<double>(caught) / static_cast<double>(bad) : 1.0;
    std::cout << "lint recall on " << name << ": " << caught << '/' << bad << " = " << percent(recall)
              << " (warning and above)\n";
    return recall;
}

// Share of good replies (no expected rule) with any finding of warning or above.
double false_finding_rate_of(const std::vector<golden_reply>& cases, const std::string& name) {
    std::size_t flagged = 0, good = 0;
    for (const golden_reply& c : cases) {
        if (!c.expected.empty()) continue;
        ++good;
        const auto findings = reply::lint_reply(c.text, c.context);
        expect_valid_spans(c.text, findings);
        if (faults(findings).empty()) continue;
        ++flagged;
        std::cout << "  false finding " << name << ":" << c.line << " " << c.text << " (" << c.note << ")\n"
                  << describe(findings);
    }
    const double rate = good ? static_cast<double>(flagged) / static_cast<double>(good) : 0.0;
    std::cout << "lint false-finding rate on " << name << ": " << flagged << '/' << good << " = " << percent(rate)
              << " (warning and above)\n";
    return rate;
}

TEST(Lint, GoldenBadRepliesAreCaught) {
    const auto cases = read_golden_replies("lint_bad.jsonl");
    ASSERT_FALSE(cases.empty());
    const double recall = recall_of(cases, "lint_bad.jsonl");
    RecordProperty("recall", percent(recall));
    EXPECT_GE(recall, min_recall);
}

TEST(Lint, GoldenGoodRepliesPass) {
    const auto cases = read_golden_replies("lint_good.jsonl");
    ASSERT_FALSE(cases.empty());
    const double rate = false_finding_rate_of(cases, "lint_good.jsonl");
    RecordProperty("false_finding_rate", percent(rate));
    EXPECT_LE(rate, max_false_finding_rate);
}

// Replies written after the checker, by someone who saw neither it nor the
// golden files above: how the rules generalise (figures in docs/LINT.md).
TEST(Lint, LaterRepliesMeasure) {
    const auto cases = read_golden_replies("lint_later.jsonl");
    ASSERT_GE(cases.size(), 150u);
    const double recall = recall_of(cases, "lint_later.jsonl");
    const double rate = false_finding_rate_of(cases, "lint_later.jsonl");
    RecordProperty("later_recall", percent(recall));
    RecordProperty("later_false_finding_rate", percent(rate));
    EXPECT_GE(recall, later_min_recall);
    EXPECT_LE(rate, later_max_false_finding_rate);
}

// --- Hand-written cases -------------------------------------------------------

std::vector<lint_finding> of_rule(const std::vector<lint_finding>& findings, std::string_view rule) {
    std::vector<lint_finding> out;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
                 [&](const lint_finding& f) { return f.rule == rule; });
    return out;
}

std::string_view covered(std::string_view text, const lint_finding& f) {
    return text.substr(f.start, f.end - f.start);
}

// The first finding of `rule` must cover exactly `words`.
void expect_span(std::string_view text, const lint_context& context, std::string_view rule, std::string_view words,
                 severity level = severity::warning) {
    const auto findings = reply::lint_reply(text, context);
    expect_valid_spans(text, findings);
    const auto hits = of_rule(findings, rule);
    ASSERT_FALSE(hits.empty()) << rule << " not found in " << text << '\n' << describe(findings);
    EXPECT_EQ(covered(text, hits.front()), words) << text;
    EXPECT_EQ(hits.front().level, level) << text;
}

TEST(Lint, BluntNegativeSpanCoversTheRefusal) {
    expect_span("不行", {}, reply::rule_id::blunt_negative, "不行");
    expect_span("这个不行，已经发货了", {}, reply::rule_id::blunt_negative, "不行");
    expect_span("沒有", {}, reply::rule_id::blunt_negative, "沒有");              // Traditional
    expect_span("ＯＫ，不還價", {}, reply::rule_id::blunt_negative, "不還價");   // full-width and Traditional
}

TEST(Lint, SoftenedRefusalWithAlternativePasses) {
    const auto findings = reply::lint_reply("不好意思哦，这款暂时没有了呢，给您推荐同款的米白色哦", {});
    EXPECT_TRUE(of_rule(findings, reply::rule_id::blunt_negative).empty()) << describe(findings);
    // Softened but no way forward: a hint, not a fault.
    expect_span("不好意思哦，没有了呢", {}, reply::rule_id::blunt_negative, "没有", severity::info);
}

TEST(Lint, LookAlikesAreNotFaults) {
    const auto no_problem = reply::lint_reply("好的，没问题，没有问题的哦，这边马上给您安排", {});
    EXPECT_TRUE(of_rule(no_problem, reply::rule_id::blunt_negative).empty()) << describe(no_problem);
    // 不可能 is a flat denial, not the hedge 可能.
    lint_context quality;
    quality.intents = {"quality_issue"};
    const auto denial = reply::lint_reply("不可能少发", quality);
    EXPECT_TRUE(of_rule(denial, reply::rule_id::vague_word).empty()) << describe(denial);
    EXPECT_FALSE(of_rule(denial, reply::rule_id::blunt_negative).empty()) << describe(denial);
}

TEST(Lint, CommandingToneSpans) {
    expect_span("详情页都写了，自己看", {}, reply::rule_id::commanding_tone, "自己看", severity::error);
    expect_span("詳情頁自己看", {}, reply::rule_id::commanding_tone, "自己看", severity::error);
    expect_span("上面写着呢，难道要我再念一遍", {}, reply::rule_id::commanding_tone, "难道要我再念一遍",
                severity::error);
}

TEST(Lint, VagueWordSpans) {
    lint_context product;
    product.intents = {"product_info"};
    expect_span("这款应该是纯棉的哦", product, reply::rule_id::vague_word, "应该");
    expect_span("這款應該是真皮的哦", product, reply::rule_id::vague_word, "應該");
    // Small talk: a hint only.
    lint_context chat;
    chat.intents = {"other"};
    expect_span("哈哈，明天好像会下雨呢", chat, reply::rule_id::vague_word, "好像", severity::info);
}

TEST(Lint, MissingApologyWantsTheApologyFirst) {
    lint_context angry;
    angry.mood = reply::customer_mood::angry;
    expect_span("您好，这边马上给您处理哦", angry, reply::rule_id::missing_apology, "您好，这边马上给您处理哦");
    expect_span("仓库爆仓了，所以晚了，不好意思", angry, reply::rule_id::missing_apology, "不好意思");
    const auto first = reply::lint_reply("您好，非常抱歉让您久等了，今天一定发出", angry);
    EXPECT_TRUE(of_rule(first, reply::rule_id::missing_apology).empty()) << describe(first);
}

TEST(Lint, MissingClosingAndBareReply) {
    lint_context resolved;
    resolved.topic_resolved = true;
    expect_span("好的，地址已经改好了哦", resolved, reply::rule_id::missing_closing, "地址已经改好了哦");
    const auto closed = reply::lint_reply("好的，地址已经改好了哦，还有什么可以帮您的吗？", resolved);
    EXPECT_TRUE(of_rule(closed, reply::rule_id::missing_closing).empty()) << describe(closed);
    expect_span("嗯嗯嗯！", {}, reply::rule_id::bare_reply, "嗯嗯嗯！");
    expect_span("Ok", {}, reply::rule_id::bare_reply, "Ok");
}

TEST(Lint, UnansweredQuestionNamesTheQuestion) {
    lint_context two_questions;
    two_questions.customer = "包郵嗎？什麼時候發貨？";
    const auto findings = reply::lint_reply("包邮的哦", two_questions);
    const auto hits = of_rule(findings, reply::rule_id::unanswered_question);
    ASSERT_EQ(hits.size(), 1u) << describe(findings);
    EXPECT_NE(hits.front().message.find("什么时候发货"), std::string::npos) << hits.front().message;
    EXPECT_TRUE(of_rule(reply::lint_reply("包邮的哦，今天下午发出", two_questions),
                        reply::rule_id::unanswered_question).empty());
}

TEST(Lint, SelfCentredAndDecisive) {
    const std::string agent_story = "我这边帮你查了，我们仓库说明天发，我会盯着物流，我保证不会耽误你的事情";
    const auto findings = reply::lint_reply(agent_story, {});
    const auto hits = of_rule(findings, reply::rule_id::self_centred);
    ASSERT_EQ(hits.size(), 1u) << describe(findings);
    EXPECT_EQ(hits.front().start, 0u);
    EXPECT_EQ(covered(agent_story, hits.front()).substr(0, 3), "我");
    EXPECT_NE(hits.front().suggestion.find("咱们"), std::string::npos) << hits.front().suggestion;

    lint_context decisive;
    decisive.personality = "decisive";
    const std::string long_reply =
        "您好，这款目前黑色和白色都有现货的哦，尺码从S到XXL都齐全，"
        "现在下单还能享受满减活动，今天付款的订单当天就能发出呢";
    expect_span(long_reply, decisive, reply::rule_id::too_long_for_decisive, long_reply);
    EXPECT_TRUE(of_rule(reply::lint_reply("有货，今天发", decisive), reply::rule_id::too_long_for_decisive).empty());
}

// The examples of docs/LINT.md: each bad reply breaks its rule, each rewrite passes.
struct documented_example {
    std::string_view rule;
    std::string_view bad;
    std::string_view good;
    lint_context context;
};

lint_context with(std::vector<std::string> intents, std::string customer = {},
                  reply::customer_mood mood = reply::customer_mood::calm, std::string personality = {},
                  bool resolved = false) {
    return {std::move(customer), mood, std::move(personality), std::move(intents), resolved};
}

TEST(Lint, DocumentedExamplesHold) {
    const std::vector<documented_example> examples = {
        {reply::rule_id::blunt_negative, "这个尺码没有了",
         "不好意思呢，这个尺码暂时没有了，给您推荐颜色相近的同款，您看看喜欢吗？", with({"stock"})},
        {reply::rule_id::commanding_tone, "链接里都有，你自己找", "您可以在商品详情里查看，这边也把链接发您一下哦",
         with({"product_info"})},
        {reply::rule_id::vague_word, "这款杯子应该能进洗碗机吧", "这款杯子可以放进洗碗机清洗的哦，耐温120度呢",
         with({"product_info"})},
        {reply::rule_id::self_centred, "我们仓库我已经问过了，我觉得我明天就能给你发出去，我会一直盯着的",
         "这边已经帮您问过仓库了，明天就能给您发出，这边会一直帮您盯着物流的哦", with({"ship_time"})},
        {reply::rule_id::missing_apology, "仓库最近单子太多了，明天给您发，抱歉",
         "非常抱歉让您久等了，这两天仓库订单较多，明天上午一定给您发出哦",
         with({"ship_urge"}, {}, reply::customer_mood::angry)},
        {reply::rule_id::unanswered_question, "可以开发票的哦",
         "可以开发票的哦，下单时备注抬头就行；现在下单明天发出，一般2-3天送到您手上呢",
         with({"invoice", "ship_time"}, "能开发票吗？几天能到？")},
        {reply::rule_id::missing_closing, "好的，已经给您换成顺丰了",
         "好的，已经给您换成顺丰了，还有什么可以帮您的吗？", with({"courier"}, {}, reply::customer_mood::calm, {}, true)},
        {reply::rule_id::too_long_for_decisive,
         "您好，您拍的这款现在仓库里是有现货的哦，下午四点之前付款的话今天就能给您安排发出，发出之后单号会同步给您的呢",
         "有现货，16点前付款今天发", with({"stock"}, {}, reply::customer_mood::calm, "decisive")},
        {reply::rule_id::bare_reply, "好的", "好的呢，已经给您备注周末送货了，还有什么可以帮您的吗？",
         with({"order_change"})},
    };
    for (const documented_example& e : examples) {
        const auto bad = reply::lint_reply(e.bad, e.context);
        EXPECT_TRUE(faults(bad).count(std::string(e.rule))) << e.rule << ": " << e.bad << '\n' << describe(bad);
        const auto good = reply::lint_reply(e.good, e.context);
        EXPECT_TRUE(faults(good).empty()) << e.rule << ": " << e.good << '\n' << describe(good);
    }
}

// --- Robustness -------------------------------------------------------------------

TEST(Lint, EmptyReplyIsOnlyBare) {
    lint_context angry_resolved;
    angry_resolved.mood = reply::customer_mood::angry;
    angry_resolved.topic_resolved = true;
    angry_resolved.customer = "包邮吗？几天到？";
    for (std::string_view text : {std::string_view(""), std::string_view("   "), std::string_view("。。。")}) {
        const auto findings = reply::lint_reply(text, angry_resolved);
        ASSERT_EQ(findings.size(), 1u) << describe(findings);
        EXPECT_EQ(findings.front().rule, reply::rule_id::bare_reply);
        EXPECT_EQ(findings.front().start, 0u);
        EXPECT_EQ(findings.front().end, text.size());
    }
}

TEST(Lint, InvalidUtf8DoesNotCrash) {
    const std::vector<std::string> hostile = {
        "\xff\xfe", "不\x80行", "没有\xe4\xbd", "\xc0\xaf自己看\xed\xa0\x80", std::string("不行\0没有", 11),
        "\xf4\x90\x80\x80可能", "我\xe6我们\xe6我\xe6我们你",
    };
    lint_context context;
    context.customer = "包邮吗\xff？几天到\xfe？";
    context.mood = reply::customer_mood::angry;
    context.topic_resolved = true;
    context.personality = "decisive";
    for (const std::string& text : hostile) {
        const auto findings = reply::lint_reply(text, context);
        expect_valid_spans(text, findings);
    }
}

void expect_finishes_with_valid_spans(const std::string& text, const lint_context& context) {
    const auto findings = reply::lint_reply(text, context);
    EXPECT_FALSE(findings.empty());
    for (const lint_finding& f : findings) {
        ASSERT_LE(f.start, f.end);
        ASSERT_LE(f.end, text.size());
    }
}

std::string repeated_to_a_megabyte(std::string_view piece) {
    std::string big;
    while (big.size() < (std::size_t{1} << 20)) big += piece;
    return big;
}

TEST(Lint, MegabyteReplyFinishes) {
    lint_context context;
    context.customer = "包邮吗？几天到？";
    context.mood = reply::customer_mood::angry;
    context.personality = "decisive";
    context.topic_resolved = true;
    // Many short clauses, every rule firing, invalid bytes mixed in.
    const std::string every_rule = "我们不行，可能没有，自己看吧！您好呀，還有其他問題嗎？\xff ";
    expect_finishes_with_valid_spans(repeated_to_a_megabyte(every_rule), context);
    // One clause a megabyte long, answering a customer message as long.
    context.customer = repeated_to_a_megabyte("能发顺丰吗可以开发票吗有黑色吗");
    expect_finishes_with_valid_spans(repeated_to_a_megabyte("我们应该不行我可能没有货你要自己看"), context);
}

TEST(Lint, SeverityAndMoodNames) {
    EXPECT_EQ(reply::severity_name(severity::info), "info");
    EXPECT_EQ(reply::severity_name(severity::warning), "warning");
    EXPECT_EQ(reply::severity_name(severity::error), "error");
    EXPECT_EQ(reply::parse_customer_mood("Angry"), reply::customer_mood::angry);
    EXPECT_EQ(reply::parse_customer_mood("anxious"), reply::customer_mood::anxious);
    EXPECT_FALSE(reply::parse_customer_mood("furious").has_value());
}

}  // namespace

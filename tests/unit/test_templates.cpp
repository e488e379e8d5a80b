// Reply templates: the language (errors with file:line:col), slot filling,
// rotation, Traditional output, and the default set — every intent covered,
// and every template passing the reply checker.
#include <gtest/gtest.h>

#include <set>

#include "kefu/error.hpp"
#include "model/default_model.hpp"
#include "model/model.hpp"
#include "reply/lint.hpp"
#include "reply/script.hpp"
#include "reply/templates.hpp"

namespace {

using namespace kefu::detail;

std::shared_ptr<const model::compiled_model> compile(const std::string& text) {
    return model::compiled_model::compile({{"t.kefu", text}});
}

TEST(TemplateLanguage, CompilesKeysStylesAndSlots) {
    const auto m = compile(
        "intent bargain\n"
        "template bargain.ultimatum_offer style warm: \"亲～今天下单的话{floor_offer}给您，还送{gift}哦\"\n"
        "template bargain.ultimatum_offer: \"今天下单{floor_offer}\"\n");
    ASSERT_EQ(m->rules().templates.size(), 2u);
    EXPECT_EQ(m->rules().templates[0].style, reply::reply_style::warm);
    EXPECT_EQ(m->rules().templates[1].style, reply::reply_style::any);
    EXPECT_EQ(m->rules().templates[0].location, "t.kefu:2:1");
    const auto reloaded = model::compiled_model::load(m->save());
    EXPECT_EQ(reloaded->rules().templates[0].text, m->rules().templates[0].text);
}

void expect_error(const std::string& text, const std::string& where, const std::string& what) {
    try {
        compile(text);
        ADD_FAILURE() << "no error for: " << text;
    } catch (const kefu::error& e) {
        EXPECT_EQ(e.code(), KEFU_EPARSE);
        EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
}

TEST(TemplateLanguage, ErrorsNameFileLineAndColumn) {
    expect_error("template a.b style loud: \"x\"\n", "t.kefu:1:1", "unknown style 'loud'");
    expect_error("intent x\ntemplate a.b: \"{prise}\"\n", "t.kefu:2:1", "unknown slot {prise}");
    expect_error("template a.b: \"{price\"\n", "t.kefu:1:1", "'{' without '}'");
    expect_error("template a.b \"x\"\n", "t.kefu:1:14", "expected ':'");
}

TEST(Templates, SlotsAreFormatted) {
    reply::slot_values v;
    v.money["price"] = 59;
    v.money["coupon"] = 9.9;
    v.time_ms["deadline"] = 1795428000000;  // 2026-11-23 18:00 at UTC+08:00
    v.text["courier"] = "顺丰";
    EXPECT_EQ(reply::fill_slots("{price}，券{coupon}，{deadline}前{courier}发出，{order}", v),
              "¥59，券¥9.90，11月23日 18:00前顺丰发出，{order}");
}

TEST(Templates, RotationAvoidsRepeatsThenReusesTheOldest) {
    std::vector<reply::reply_template> set = {{"k", reply::reply_style::warm, "一", ""},
                                              {"k", reply::reply_style::warm, "二", ""},
                                              {"k", reply::reply_style::short_direct, "三", ""}};
    const auto variants = reply::variants_of(set, "k", reply::reply_style::warm);
    ASSERT_EQ(variants.size(), 2u);
    std::vector<std::uint64_t> used;
    const auto* first = reply::rotate(variants, used);
    used.push_back(reply::template_hash(*first));
    const auto* second = reply::rotate(variants, used);
    EXPECT_NE(first, second);
    used.push_back(reply::template_hash(*second));
    EXPECT_EQ(reply::rotate(variants, used), first);  // both used: the least recent
    EXPECT_EQ(reply::variants_of(set, "k", reply::reply_style::formal).size(), 3u);  // no formal: all
}

TEST(Templates, TraditionalOutput) {
    EXPECT_EQ(reply::to_traditional("亲，这款还有货，马上为您发货"), "親，這款還有貨，馬上為您發貨");
    EXPECT_TRUE(reply::looks_traditional("這件有XL嗎"));
    EXPECT_FALSE(reply::looks_traditional("这件有XL吗"));
}

// The context a template is written for, for the reply checker.
reply::lint_context context_for(const reply::reply_template& t) {
    reply::lint_context c;
    const std::string& k = t.key;
    if (k.rfind("intent.", 0) == 0) c.intents.push_back(k.substr(7));
    if (k.rfind("complaint.", 0) == 0 || k.rfind("late_shipment.", 0) == 0 || k == "intent.complaint")
        c.mood = reply::customer_mood::angry;
    if (t.style == reply::reply_style::short_direct) c.personality = "decisive";
    for (const char* closing : {"bargain.accepted", "payment.paid_thanks", "payment.stop_refused", "complaint.resolved",
                                "intent.thanks", "intent.goodbye", "intent.payment_done"})
        if (k == closing) c.topic_resolved = true;
    return c;
}

TEST(DefaultTemplates, CoverEveryIntentInEveryStyle) {
    const auto& m = *model::default_model();
    std::set<std::pair<std::string, reply::reply_style>> have;
    for (const auto& t : m.rules().templates) have.insert({t.key, t.style});
    for (const auto& intent : m.rules().intents)
        for (auto style : {reply::reply_style::short_direct, reply::reply_style::detailed, reply::reply_style::warm,
                           reply::reply_style::formal})
            EXPECT_TRUE(have.count({"intent." + intent.name, style})) << intent.name << " " << reply::style_name(style);
}

TEST(DefaultTemplates, EveryTemplatePassesTheReplyChecker) {
    const auto& m = *model::default_model();
    ASSERT_GE(m.rules().templates.size(), 400u);
    std::size_t failing = 0;
    for (const auto& t : m.rules().templates) {
        for (const auto& f : reply::lint_reply(t.text, context_for(t))) {
            if (f.level == reply::severity::info) continue;
            ++failing;
            ADD_FAILURE() << t.location << " " << t.key << ": " << f.rule << " in " << t.text;
        }
    }
    std::cout << m.rules().templates.size() << " default templates, " << failing << " findings of warning or above\n";
}

}  // namespace

// Composed multi-wish training examples (model/composition.hpp): which
// examples are joined, how they are labelled, determinism, and that a model
// trained with them answers the wish of a joined message.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "kefu/error.hpp"
#include "model/composition.hpp"
#include "model/model.hpp"

namespace {

using namespace kefu::detail::model;

std::vector<labelled_text> chat_data() {
    std::vector<labelled_text> d;
    for (const char* t : {"好的", "嗯嗯", "可以", "行吧", "好滴亲", "没问题", "这是一句很长很长的确认的话呀好的好的"})
        d.push_back({"affirm", t});
    for (const char* t : {"能便宜点吗", "便宜一点呗", "少点吧亲", "再优惠点", "能不能打个折", "太贵了便宜些"})
        d.push_back({"bargain", t});
    for (const char* t : {"什么时候发货", "今天能发吗", "几天能到", "明天发货吗", "多久能发", "啥时候寄出"})
        d.push_back({"ship_time", t});
    for (const char* t : {"哈哈", "今天天气不错", "你吃饭了吗"}) d.push_back({"other", t});
    return d;
}

std::vector<std::size_t> all_of(const std::vector<labelled_text>& data) {
    std::vector<std::size_t> indices(data.size());
    std::iota(indices.begin(), indices.end(), 0);
    return indices;
}

composition_options affirm_leads(float ratio) { return {{"affirm"}, ratio}; }

TEST(Composition, LeadLabelsAreCommaSeparated) {
    EXPECT_EQ(parse_lead_labels("greeting,thanks,,affirm"), (std::vector<std::string>{"greeting", "thanks", "affirm"}));
    EXPECT_TRUE(parse_lead_labels("").empty());
    EXPECT_EQ(parse_lead_labels("inform,"), std::vector<std::string>{"inform"});
}

TEST(Composition, JoinsAShortLeadToAnotherWishAndTakesTheWishsLabel) {
    const auto data = chat_data();
    const auto composed = compose_examples(data, all_of(data), affirm_leads(2.0f), "other", 7);
    ASSERT_EQ(composed.size(), 2 * data.size());
    std::size_t lead_first = 0;
    for (const auto& c : composed) {
        EXPECT_TRUE(c.label == "bargain" || c.label == "ship_time") << c.label;  // never the lead, never other
        EXPECT_EQ(c.text.find("这是一句很长很长"), std::string::npos) << "a lead over 12 characters was used";
        const bool wish_found = std::any_of(data.begin(), data.end(), [&](const labelled_text& d) {
            return d.label == c.label && c.text.find(d.text) != std::string::npos;
        });
        EXPECT_TRUE(wish_found) << c.text;
        const bool starts_with_lead = std::any_of(data.begin(), data.begin() + 6, [&](const labelled_text& d) {
            return c.text.rfind(d.text, 0) == 0;
        });
        lead_first += starts_with_lead;
    }
    // Four in five put the lead first.
    EXPECT_GT(lead_first, composed.size() * 6 / 10);
    EXPECT_LT(lead_first, composed.size());
}

TEST(Composition, IsDeterministicForASeedAndVariesWithIt) {
    const auto data = chat_data();
    const auto a = compose_examples(data, all_of(data), affirm_leads(1.0f), "other", 11);
    const auto b = compose_examples(data, all_of(data), affirm_leads(1.0f), "other", 11);
    const auto c = compose_examples(data, all_of(data), affirm_leads(1.0f), "other", 12);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].text, b[i].text);
    bool differs = false;
    for (std::size_t i = 0; i < a.size(); ++i) differs |= a[i].text != c[i].text;
    EXPECT_TRUE(differs);
}

TEST(Composition, NothingWithoutRatioLeadsOrWishes) {
    const auto data = chat_data();
    EXPECT_TRUE(compose_examples(data, all_of(data), affirm_leads(0.0f), "other", 1).empty());
    EXPECT_TRUE(compose_examples(data, all_of(data), {{"greeting"}, 1.0f}, "other", 1).empty());
    EXPECT_TRUE(compose_examples(data, {0, 1, 2}, affirm_leads(1.0f), "other", 1).empty());  // leads only
    // Only from the given part: indices of affirm and ship_time, never bargain.
    std::vector<std::size_t> part = {0, 1, 13, 14};
    for (const auto& c : compose_examples(data, part, affirm_leads(3.0f), "other", 1)) EXPECT_EQ(c.label, "ship_time");
}

TEST(Composition, TrainingReportsComposedExamplesAndChecksTheLeads) {
    training_options options;
    options.learner.holdout = 0.0f;
    options.composition = affirm_leads(0.5f);
    const auto model = compiled_model::train(chat_data(), options);
    EXPECT_EQ(model->report().composed_examples, chat_data().size() / 2);
    options.composition.lead_labels = {"no_such_label"};
    EXPECT_THROW(compiled_model::train(chat_data(), options), kefu::error);
}

TEST(Composition, AModelTrainedWithItAnswersTheWishOfAJoinedMessage) {
    training_options options;
    options.learner.holdout = 0.0f;
    options.learner.epochs = 30;
    options.composition = affirm_leads(4.0f);
    const auto model = compiled_model::train(chat_data(), options);
    kefu::detail::intent::classify_scratch scratch;
    kefu::detail::intent::classification result;
    for (const auto& [text, expected] : {std::pair{"好的，能便宜点吗", "bargain"}, {"嗯嗯 什么时候发货", "ship_time"}}) {
        kefu::detail::text::normalize(text, {}, scratch.text);
        model->classify(scratch.text, scratch, result);
        EXPECT_EQ(model->rules().intents[result.intent].name, expected) << text;
    }
}

}  // namespace

// The mood heads: label conventions, deterministic training, estimates that
// follow the data, persistence inside a model file, and the default model's
// heads on clear cases.
#include <gtest/gtest.h>

#include <cmath>

#include "model/default_model.hpp"
#include "model/model.hpp"
#include "mood/mood_model.hpp"

namespace {

namespace mood = kefu::detail::mood;
namespace text = kefu::detail::text;
using kefu::detail::model::compiled_model;

std::vector<mood::mood_example> small_data() {
    std::vector<mood::mood_example> data;
    const auto add = [&](const char* label, std::initializer_list<const char*> texts) {
        for (const char* t : texts) {
            mood::mood_example e;
            e.text = t;
            EXPECT_TRUE(mood::label_example(label, e)) << label;
            data.push_back(e);
        }
    };
    add("1", {"质量很好，很满意", "物流快，好评", "非常喜欢，会回购", "做工精细，推荐"});
    add("0", {"质量太差了", "差评，不会再买", "用了两天就坏了，垃圾", "发错货，失望"});
    add("anger", {"你们什么破服务", "气死我了，我要投诉", "骗子店家", "再不处理我就打12315"});
    add("anxiety", {"急用，能快点发吗", "明天就要用了怎么还没到", "会不会有问题啊好担心", "今天能到吗很急"});
    add("satisfaction", {"谢谢亲，很满意", "收到了，很喜欢", "客服真好，点赞", "太棒了谢谢"});
    add("neutral", {"这款有黑色吗", "发什么快递", "尺码怎么选", "什么时候发货"});
    return data;
}

mood::mood_estimate estimate(const mood::mood_model& m, const char* message) {
    text::normalized normalized;
    text::normalize(message, {}, normalized);
    mood::mood_scratch scratch;
    mood::mood_estimate out;
    m.estimate(normalized, scratch, out);
    return out;
}

TEST(MoodLabels, DatasetLabelsMapToMoodClasses) {
    mood::mood_example e;
    ASSERT_TRUE(mood::label_example("生气", e));
    EXPECT_EQ(e.mood, 1);
    EXPECT_EQ(e.polarity, 0);
    ASSERT_TRUE(mood::label_example("开心", e));
    EXPECT_EQ(e.mood, 3);
    EXPECT_EQ(e.polarity, 1);
    ASSERT_TRUE(mood::label_example("惊讶", e));
    EXPECT_EQ(e.mood, -1);
    EXPECT_FALSE(mood::label_example("happy?", e));
}

TEST(MoodModel, LearnsItsDataAndIsDeterministic) {
    const auto a = mood::mood_model::train(small_data(), 7);
    const auto b = mood::mood_model::train(small_data(), 7);
    kefu::detail::model::writer wa, wb;
    a.save(wa, a.format_needed());
    b.save(wb, b.format_needed());
    EXPECT_EQ(std::move(wa).take(), std::move(wb).take());
    const auto angry = estimate(a, "什么破服务，气死我了");
    EXPECT_GT(angry.anger, angry.satisfaction);
    EXPECT_LT(angry.polarity, 0.0f);
    const auto pleased = estimate(a, "很满意，谢谢亲");
    EXPECT_GT(pleased.satisfaction, pleased.anger);
    EXPECT_GT(pleased.polarity, 0.0f);
    EXPECT_NEAR(angry.anger + angry.anxiety + angry.satisfaction + angry.neutral, 1.0f, 1e-4f);
}

TEST(MoodModel, TravelsInTheModelFileAndThroughCompile) {
    auto model = compiled_model::compile({{"a.kefu", "intent greeting\nrule greeting: 你好\n"}});
    model = model->with_mood(mood::mood_model::train(small_data()));
    const auto loaded = compiled_model::load(model->save());
    ASSERT_FALSE(loaded->mood().empty());
    EXPECT_FLOAT_EQ(estimate(loaded->mood(), "质量太差了").polarity, estimate(model->mood(), "质量太差了").polarity);
    const auto extended = compiled_model::compile({{"b.kefu", "intent thanks\nrule thanks: 谢谢\n"}}, loaded.get());
    EXPECT_FALSE(extended->mood().empty());
}

TEST(MoodModel, DefaultModelReadsClearCases) {
    const auto& model = *kefu::detail::model::default_model();
    ASSERT_FALSE(model.mood().empty());
    const auto angry = estimate(model.mood(), "你们这什么破服务，我要投诉");
    EXPECT_GT(angry.anger, 0.5f);
    EXPECT_LT(angry.polarity, 0.0f);
    EXPECT_GT(estimate(model.mood(), "明天就要用了，能不能快点发").anxiety, 0.5f);
    EXPECT_GT(estimate(model.mood(), "收到了，质量很好，很满意").polarity, 0.0f);
}

// Plain questions carry no polarity: the review-trained polarity head alone
// called them strongly negative (在吗 -0.93, 这个多少钱 -0.87).
TEST(MoodModel, NeutralMessagesHaveLittlePolarity) {
    const auto& model = *kefu::detail::model::default_model();
    for (const char* text : {"在吗", "这个多少钱", "什么时候发货", "有没有L码"})
        EXPECT_LT(std::fabs(estimate(model.mood(), text).polarity), 0.3f) << text;
    EXPECT_LT(estimate(model.mood(), "质量太差了，我要退货").polarity, -0.5f);
    EXPECT_GT(estimate(model.mood(), "非常满意，下次还来").polarity, 0.5f);
}

}  // namespace

// The learned model: deterministic training, feature extraction, fusion
// calibration, the out-of-scope rule, and adding classes to a model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <set>

#include "core/fast_exp.hpp"
#include "learn/calibration.hpp"
#include "learn/dataset.hpp"
#include "learn/features.hpp"
#include "learn/linear_model.hpp"
#include "learn/row_sums.hpp"
#include "learn/trainer.hpp"
#include "model/default_model.hpp"
#include "model/model.hpp"

namespace {

namespace learn = kefu::detail::learn;
using kefu::detail::model::compiled_model;
using kefu::detail::model::labelled_text;

std::vector<labelled_text> small_data() {
    std::vector<labelled_text> d;
    for (const char* t : {"能便宜点吗", "便宜一点呗", "少点吧亲", "再优惠点", "能不能打个折", "太贵了便宜些"})
        d.push_back({"bargain", t});
    for (const char* t : {"什么时候发货", "今天能发吗", "几天能到", "明天发货吗", "多久能发", "啥时候寄出"})
        d.push_back({"ship_time", t});
    for (const char* t : {"我要退货", "怎么退货", "不想要了退了吧", "退货地址是哪", "申请退货", "能退吗"})
        d.push_back({"return", t});
    return d;
}

std::string trained_bytes(std::uint32_t seed) {
    kefu::detail::model::training_options options;
    options.learner.seed = seed;
    options.learner.holdout = 0.0f;
    return compiled_model::train(small_data(), options)->save();
}

TEST(Learn, TrainingIsDeterministicForASeed) {
    EXPECT_EQ(trained_bytes(7), trained_bytes(7));
    EXPECT_NE(trained_bytes(7), trained_bytes(8));
}

TEST(Learn, TrainedModelLearnsItsData) {
    kefu::detail::model::training_options options;
    options.learner.holdout = 0.0f;
    const auto model = compiled_model::train(small_data(), options);
    kefu::detail::intent::classify_scratch scratch;
    kefu::detail::intent::classification result;
    // The text is normalised outside the scratch: classify reads the text it
    // is given, not whatever the scratch holds.
    kefu::detail::text::normalized text;
    for (const auto& d : small_data()) {
        kefu::detail::text::normalize(d.text, {}, text);
        model->classify(text, scratch, result);
        EXPECT_EQ(model->rules().intents[result.intent].name, d.label) << d.text;
    }
}

// Enough examples for a held-out share (each text three ways).
std::vector<labelled_text> held_out_data() {
    std::vector<labelled_text> d;
    for (const auto& item : small_data())
        for (const char* tail : {"", "呀", "？"}) d.push_back({item.label, item.text + tail});
    return d;
}

std::size_t right_on(const compiled_model& model, const std::vector<labelled_text>& data) {
    kefu::detail::intent::classify_scratch scratch;
    kefu::detail::intent::classification result;
    std::size_t right = 0;
    for (const auto& d : data) {
        kefu::detail::text::normalize(d.text, {}, scratch.text);
        model.classify(scratch.text, scratch, result);
        right += model.rules().intents[result.intent].name == d.label;
    }
    return right;
}

// A given setting that never updates (no gradient reaches its threshold)
// learns nothing: the held-out share must pick the smoother setting, which
// learns the data.
TEST(Learn, RegularisationIsChosenOnTheHeldOutShare) {
    kefu::detail::model::training_options options;
    options.learner.min_gradient = 2.0f;
    options.select_regularisation = false;
    const auto fixed = compiled_model::train(held_out_data(), options);
    options.select_regularisation = true;
    const auto selected = compiled_model::train(held_out_data(), options);
    EXPECT_EQ(right_on(*selected, held_out_data()), held_out_data().size());
    EXPECT_LT(right_on(*fixed, held_out_data()), right_on(*selected, held_out_data()));
}

// Both settings learn this data; a tie keeps the given one, so the model is
// the one trained without a choice.
TEST(Learn, ATieKeepsTheGivenRegularisation) {
    kefu::detail::model::training_options options;
    options.select_regularisation = false;
    const std::string fixed = compiled_model::train(held_out_data(), options)->save();
    options.select_regularisation = true;
    EXPECT_EQ(compiled_model::train(held_out_data(), options)->save(), fixed);
}

// The two candidate fits run side by side or one after the other; either
// way each is the same fit, so the model is byte-identical. Both outcomes
// of the choice are covered: a given setting that learns nothing (the
// smoother one wins) and the default (a tie keeps it).
TEST(Learn, TheThreadCountDoesNotChangeTheModel) {
    for (float min_gradient : {2.0f, 1e-3f}) {
        kefu::detail::model::training_options options;
        options.learner.min_gradient = min_gradient;
        options.threads = 1;
        const std::string alone = compiled_model::train(held_out_data(), options)->save();
        for (std::uint32_t threads : {0u, 2u}) {
            options.threads = threads;
            EXPECT_EQ(compiled_model::train(held_out_data(), options)->save(), alone) << threads << " threads";
        }
    }
}

TEST(Learn, HeldOutAccuracyCountsTopClasses) {
    kefu::detail::model::training_options options;
    options.learner.holdout = 0.0f;
    const auto model = compiled_model::train(small_data(), options);
    std::vector<learn::example> examples;
    kefu::detail::text::normalized text;
    for (const auto& d : small_data()) {
        kefu::detail::text::normalize(d.text, {}, text);
        learn::example e{{}, static_cast<std::uint32_t>(model->rules().find_intent(d.label))};
        learn::extract_features(text, {}, {}, {}, e.features);
        examples.push_back(std::move(e));
    }
    EXPECT_FLOAT_EQ(learn::accuracy(model->linear(), examples), 1.0f);
    for (auto& e : examples) e.label = (e.label + 1) % 3;
    EXPECT_FLOAT_EQ(learn::accuracy(model->linear(), examples), 0.0f);
    EXPECT_FLOAT_EQ(learn::accuracy(model->linear(), {}), 0.0f);
}

TEST(Learn, FeaturesAreMergedWithTheirCounts) {
    kefu::detail::text::normalized text;
    kefu::detail::text::normalize("哈哈 哈哈", {}, text);
    std::vector<learn::feature> features;
    learn::extract_features(text, {}, {}, {}, features);
    std::set<std::uint64_t> distinct;
    for (const auto& f : features) distinct.insert(f.hash);
    EXPECT_EQ(distinct.size(), features.size()) << "each feature once";
    const auto max = std::max_element(features.begin(), features.end(),
                                      [](const auto& a, const auto& b) { return a.value < b.value; });
    EXPECT_GE(max->value, 4.0f) << "the unigram 哈 occurs four times";
}

// The features of the word block (words, pinyin) of one message.
std::vector<learn::feature> word_block(std::string_view message, const learn::feature_config& config) {
    kefu::detail::text::normalized text;
    kefu::detail::text::normalize(message, {}, text);
    std::vector<learn::feature> features;
    learn::extract_features(text, {}, {}, config, features);
    std::erase_if(features, [](const learn::feature& f) { return f.block != learn::feature_block::words; });
    return features;
}

std::size_t word_features(std::string_view message, bool chinese_words) {
    learn::feature_config config;
    config.chinese_words = chinese_words ? 1 : 0;
    return word_block(message, config).size();
}

TEST(Learn, FeatureSettingsFromAFileAreBounded) {
    EXPECT_TRUE(learn::is_valid(learn::feature_config{}));
    learn::feature_config long_ngrams;
    long_ngrams.max_char_n = 200;  // a damaged file: every message would cost 50 times more
    EXPECT_FALSE(learn::is_valid(long_ngrams));
    learn::feature_config flag;
    flag.chinese_words = 7;
    EXPECT_FALSE(learn::is_valid(flag));
}

TEST(Learn, ChineseWordsComeFromWordBreaksWhenAsked) {
    EXPECT_EQ(word_features("我想退货，运费谁出", false), 0u) << "by default Chinese has character n-grams only";
    // ICU splits each clause into words (我/想/退货, 运费/谁/出): unigrams
    // plus the bigrams inside each clause.
    EXPECT_GE(word_features("我想退货，运费谁出", true), 8u);
    EXPECT_EQ(word_features("hello world", true), word_features("hello world", false)) << "Latin words as before";
}

std::set<std::uint64_t> word_block_hashes(std::string_view message, bool pinyin) {
    learn::feature_config config;
    config.pinyin = pinyin ? 1 : 0;
    std::set<std::uint64_t> hashes;
    for (const learn::feature& f : word_block(message, config)) hashes.insert(f.hash);
    return hashes;
}

TEST(Learn, PinyinBigramsLetATypoThatSoundsRightShareFeatures) {
    EXPECT_TRUE(word_block_hashes("有没有货", false).empty()) << "off: Chinese has character n-grams only";
    const auto typed = word_block_hashes("有没有货", true);
    const auto typo = word_block_hashes("有玫有货", true);  // 玫 and 没 are both "mei"
    EXPECT_EQ(typed.size(), 5u) << "4 characters: 3 bigrams and the 2 at the run's ends";
    learn::feature_config on, off;
    on.pinyin = 1;
    std::vector<learn::feature> with, without;
    kefu::detail::text::normalized text;
    kefu::detail::text::normalize("亲，有没有货？", {}, text);
    learn::extract_features(text, {}, {}, on, with);
    learn::extract_features(text, {}, {}, off, without);
    // 亲 and 有没有货 are two runs: their 3 character bigrams are replaced,
    // and the 4 bigrams at the runs' ends are added.
    EXPECT_EQ(with.size(), without.size() + 4) << "inside a run the bigrams are replaced, not added";
    EXPECT_EQ(typed, typo);
    EXPECT_EQ(typed, word_block_hashes("有美有货", true)) << "tones are dropped: 美 (mei3) as 没 (mei2)";
    EXPECT_NE(typed, word_block_hashes("有人有货", true));
    EXPECT_EQ(word_block_hashes("hello world", true), word_block_hashes("hello world", false)) << "nothing without Han";
    learn::feature_config flag;
    flag.pinyin = 2;
    EXPECT_FALSE(learn::is_valid(flag));
}

// The features of one message: all of them, or the character block's only.
std::set<std::uint64_t> feature_hashes(std::string_view message, const learn::feature_config& config, bool chars_only) {
    kefu::detail::text::normalized text;
    kefu::detail::text::normalize(message, {}, text);
    std::vector<learn::feature> features;
    learn::extract_features(text, {}, {}, config, features);
    std::set<std::uint64_t> hashes;
    for (const learn::feature& f : features)
        if (!chars_only || f.block == learn::feature_block::chars) hashes.insert(f.hash);
    return hashes;
}

std::set<std::uint64_t> char_block_hashes(std::string_view message, const learn::feature_config& config) {
    return feature_hashes(message, config, true);
}

std::set<std::uint64_t> all_hashes(std::string_view message, const learn::feature_config& config) {
    return feature_hashes(message, config, false);
}

std::set<std::uint64_t> char_block_hashes(std::string_view message, bool fold_digits) {
    learn::feature_config config;
    config.fold_digits = fold_digits ? 1 : 0;
    return char_block_hashes(message, config);
}

TEST(Learn, FoldedDigitsMakeAnOrderNumberAFewFeaturesOfItsShape) {
    const auto order = char_block_hashes("催一下 1703120519384042534", true);
    EXPECT_EQ(order, char_block_hashes("催一下 2856120519384042999", true)) << "the value does not matter";
    EXPECT_NE(order, char_block_hashes("催一下 17031205", true)) << "the length class does";
    EXPECT_EQ(char_block_hashes("少20", true), char_block_hashes("少50", true)) << "short numbers read as 00";
    EXPECT_NE(char_block_hashes("少20", true), char_block_hashes("少5", true));
    EXPECT_NE(char_block_hashes("少20", false), char_block_hashes("少50", false)) << "off: digits as they are";
    // Off, the 19 digits give 19 + 18 + 17 distinct-enough n-grams; on, one mark.
    EXPECT_LT(order.size() + 40, char_block_hashes("催一下 1703120519384042534", false).size());
    EXPECT_EQ(char_block_hashes("催一下", true), char_block_hashes("催一下", false)) << "nothing without digits";
    learn::feature_config flag;
    flag.fold_digits = 2;
    EXPECT_FALSE(learn::is_valid(flag));
}

TEST(Learn, AMaskedNumberReadsAsTheDigitsItHid) {
    learn::feature_config folded;
    folded.fold_digits = 1;
    EXPECT_EQ(all_hashes("催一下 [订单号x]", folded), all_hashes("催一下 170312051938404253", folded))
        << "an order number is 18 digits";
    EXPECT_EQ(all_hashes("手机[电话x]", folded), all_hashes("手机13812345678", folded));
    EXPECT_EQ(char_block_hashes("便宜[数字x]块", folded), char_block_hashes("便宜20块", folded))
        << "a number's n-grams read as 00";
    EXPECT_NE(all_hashes("便宜[数字x]块", folded), all_hashes("便宜20块", folded)) << "a short number is also a word";
    EXPECT_EQ(all_hashes("[金额x]包邮吗", folded), all_hashes("[数字1]包邮吗", folded));
    EXPECT_NE(all_hashes("[姓名x] 在吗", folded), all_hashes("12 在吗", folded)) << "a name hides no digits";
    EXPECT_NE(all_hashes("手机[电话x]", folded), all_hashes("手机[订单号x]", folded)) << "the length class differs";
    const learn::feature_config plain;
    EXPECT_NE(all_hashes("手机[电话x]", plain), all_hashes("手机13812345678", plain))
        << "without folding, digits are read one by one and a mask as its token";
}

TEST(Learn, LatinNgramsStartAtTheirOwnLength) {
    learn::feature_config plain, latin, from_three;
    latin.min_latin_n = 3;
    from_three.min_char_n = 3;
    // Letters and word boundaries only: as if the character range began at 3.
    EXPECT_EQ(char_block_hashes("where is my card", latin), char_block_hashes("where is my card", from_three));
    EXPECT_GT(char_block_hashes("where is my card", plain).size(),
              char_block_hashes("where is my card", latin).size() + 10);
    // Han, digits and n-grams that mix letters with them keep the range:
    // of ^XL码有吗^ only X, L, ^X and XL go.
    EXPECT_EQ(char_block_hashes("我要退货", latin), char_block_hashes("我要退货", plain));
    EXPECT_EQ(char_block_hashes("买3件", latin), char_block_hashes("买3件", plain));
    const auto mixed = char_block_hashes("XL码有吗", latin);
    const auto all = char_block_hashes("XL码有吗", plain);
    EXPECT_TRUE(std::includes(all.begin(), all.end(), mixed.begin(), mixed.end()));
    EXPECT_EQ(mixed.size() + 4, all.size());
    latin.min_latin_n = 1;
    EXPECT_EQ(char_block_hashes("where is my card", latin), char_block_hashes("where is my card", plain))
        << "up to the character range's own minimum it changes nothing";
    learn::feature_config flag;
    flag.min_latin_n = learn::max_char_ngram + 1;
    EXPECT_FALSE(learn::is_valid(flag));
}

// The extractor keeps its buffers per thread and only grows them: a short
// message after a long one must read nothing the long one left there.
TEST(Learn, AMessageReadsNothingLeftByTheOneBefore) {
    learn::feature_config config;
    config.pinyin = 1;
    config.fold_digits = 1;
    config.min_latin_n = 3;
    std::string chinese_long, latin_long, huge;  // huge: buffers past the size a thread keeps
    for (int i = 0; i < 300; ++i) {
        chinese_long += "有没有货什么时候发";
        latin_long += "where is my card ";
    }
    for (int i = 0; i < 5000; ++i) huge += "有货吗 where 12 ";
    const std::vector<std::string> short_ones = {"在吗", "hello world", "XL码有吗", "买3件", "12"};
    for (const std::string& before : {chinese_long, latin_long, huge}) {
        for (const std::string& message : short_ones) {
            const auto fresh = all_hashes(message, config);
            all_hashes(before, config);
            EXPECT_EQ(all_hashes(message, config), fresh) << message << " after a long message";
        }
    }
}

// Calibration rows where the learned model is uninformative and the rules
// always decide right: fitting must give the rules' decision a large weight.
TEST(Learn, FusionLearnsHowReliableTheRulesAre) {
    std::vector<learn::calibration_row> rows;
    for (std::uint32_t i = 0; i < 60; ++i) {
        const std::uint32_t label = i % 3;
        rows.push_back({{0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, 0.0f}, static_cast<std::int32_t>(label), label});
    }
    const learn::fusion_params f = learn::fit_fusion(rows);
    EXPECT_GT(f.rule_decision, 1.5f);
    const learn::calibration_scores s = learn::score(rows, f, 0, {});
    EXPECT_FLOAT_EQ(s.accuracy, 1.0f);
}

// Distance in units in the last place between two positive floats.
std::int64_t ulps_apart(float a, float b) {
    std::int32_t ia = 0, ib = 0;
    std::memcpy(&ia, &a, sizeof a);
    std::memcpy(&ib, &b, sizeof b);
    return std::llabs(static_cast<std::int64_t>(ia) - ib);
}

TEST(Learn, FusionExpIsWithinOneUlpOfTheExactValue) {
    // Every 997th float from 0 down to -87 (about a million of them),
    // against exp in double precision rounded once to float.
    std::int64_t worst = 0;
    std::uint32_t bits = 0x80000000u;  // -0.0
    for (float x = -0.0f; x >= -87.0f;) {
        worst = std::max(worst, ulps_apart(kefu::detail::exp_nonpositive(x), static_cast<float>(std::exp(double{x}))));
        bits += 997;
        std::memcpy(&x, &bits, sizeof x);
    }
    EXPECT_LE(worst, 1);
    EXPECT_EQ(kefu::detail::exp_nonpositive(0.0f), 1.0f);
    // Far below the range: the value at -87, a normal float, not zero or a subnormal.
    EXPECT_EQ(kefu::detail::exp_nonpositive(-1000.0f), kefu::detail::exp_nonpositive(-87.0f));
    EXPECT_EQ(kefu::detail::exp_nonpositive(-std::numeric_limits<float>::infinity()),
              kefu::detail::exp_nonpositive(-87.0f));
    EXPECT_TRUE(std::isnormal(kefu::detail::exp_nonpositive(-87.0f)));
    EXPECT_EQ(kefu::detail::exp_nonpositive(std::numeric_limits<float>::quiet_NaN()), kefu::detail::exp_nonpositive(-87.0f));
}

TEST(Learn, FusionIsASoftmaxOfTheWeightedScores) {
    const learn::fusion_params f{0.8f, 1.5f, 2.0f};
    const std::vector<float> logits{1.0f, -3.0f, 0.5f, -40.0f, 2.0f, 0.0f, -1.0f, 0.25f, -7.0f};
    const std::vector<float> rules{0.0f, 0.7f, 0.0f, 0.0f, 0.0f, 1.1f, 0.0f, 0.0f, 0.0f};
    std::vector<float> p;
    learn::fuse(f, logits, rules, 5, p);
    std::vector<double> expected(logits.size());
    double sum = 0;
    for (std::size_t c = 0; c < logits.size(); ++c)
        sum += expected[c] = std::exp(0.8 * logits[c] + 1.5 * rules[c] + (c == 5 ? 2.0 : 0.0));
    for (std::size_t c = 0; c < logits.size(); ++c) EXPECT_NEAR(p[c], expected[c] / sum, 1e-6) << c;
    // A rule decision outside the classes adds nothing.
    std::vector<float> without;
    learn::fuse(f, logits, rules, -1, without);
    learn::fuse(f, logits, rules, 99, p);
    EXPECT_EQ(p, without);
}

// The maximum and the sum run in lanes over every eighth class, with a tail:
// every count of classes from 1 to 200, with the largest score at positions
// spread over the classes (every position up to 16 classes), must give the
// softmax.
TEST(Learn, FusionIsASoftmaxForEveryNumberOfClasses) {
    const learn::fusion_params f{1.0f, 0.0f, 0.0f};
    std::vector<float> p;
    for (std::size_t n = 1; n <= 200; ++n) {
        const std::vector<float> no_rules(n, 0.0f);
        for (std::size_t peak = 0; peak < n; peak += 1 + n / 17) {
            std::vector<float> logits(n);
            for (std::size_t c = 0; c < n; ++c) logits[c] = -0.37f * static_cast<float>((c * 7) % 11);
            logits[peak] = 3.0f;
            learn::fuse(f, logits, no_rules, -1, p);
            double sum = 0;
            for (float l : logits) sum += std::exp(static_cast<double>(l));
            double total = 0;
            for (std::size_t c = 0; c < n; ++c) {
                ASSERT_NEAR(p[c], std::exp(static_cast<double>(logits[c])) / sum, 1e-6) << n << " classes, class " << c;
                total += p[c];
            }
            EXPECT_NEAR(total, 1.0, 1e-5) << n;
        }
    }
}

TEST(Learn, OutOfScopeRuleStaysWithinTheAllowedLoss) {
    // Confident in-scope rows and unsure out-of-scope rows (class 0 is OOS).
    std::vector<learn::calibration_row> rows;
    for (std::uint32_t i = 0; i < 50; ++i) rows.push_back({{-5.0f, 3.0f, -5.0f}, {0, 0, 0}, -1, 1});
    for (std::uint32_t i = 0; i < 50; ++i) rows.push_back({{0.0f, 0.2f, 0.1f}, {0, 0, 0}, -1, 0});
    const learn::fusion_params f;
    const learn::out_of_scope_rule rule = learn::tune_out_of_scope(rows, f, 0, 0.015f);
    const learn::calibration_scores s = learn::score(rows, f, 0, rule);
    EXPECT_FLOAT_EQ(s.in_scope_accuracy, 1.0f);
    EXPECT_FLOAT_EQ(s.oos_recall, 1.0f);
}

// The ranking is the five most probable classes of the whole distribution,
// best first, a lower class before a higher one of the same probability:
// checked against a full sort of every class's probability, on the
// default model and the project's test chats.
TEST(Learn, RankingIsTheFiveMostProbableLowerClassFirst) {
    const auto model = kefu::detail::model::default_model();
    kefu::detail::intent::classify_scratch scratch;
    kefu::detail::intent::classification result;
    const auto chats = learn::read_labelled_tsv(std::string(KEFU_TEST_DATA_DIR) + "/data/intent_test.tsv");
    ASSERT_GT(chats.size(), 500u);
    for (const auto& chat : chats) {
        kefu::detail::text::normalize(chat.text, {}, scratch.text);
        model->classify(scratch.text, scratch, result);
        const std::vector<float>& p = scratch.probabilities;
        std::vector<std::uint32_t> expected(p.size());
        std::iota(expected.begin(), expected.end(), 0u);
        std::stable_sort(expected.begin(), expected.end(), [&](std::uint32_t a, std::uint32_t b) { return p[a] > p[b]; });
        expected.resize(std::min<std::size_t>(expected.size(), 5));
        ASSERT_EQ(result.ranking.size(), expected.size()) << chat.text;
        for (std::size_t i = 0; i < expected.size(); ++i) {
            EXPECT_EQ(result.ranking[i].intent, expected[i]) << chat.text << " place " << i;
            EXPECT_EQ(result.ranking[i].confidence, p[expected[i]]) << chat.text << " place " << i;
        }
    }
}

TEST(Learn, AddedClassesKeepTheOldScores) {
    const learn::linear_model m(2, {11, 22}, {1.0f, 1.0f}, {1.0f, -1.0f, 0.5f, 0.5f}, {0.2f, -0.2f});
    const learn::linear_model wider = m.with_classes(3);
    ASSERT_EQ(wider.classes(), 3u);
    const std::vector<learn::feature> features = {{11, 1.0f, learn::feature_block::chars}};
    std::vector<float> a, b;
    m.logits(features, a);
    wider.logits(features, b);
    EXPECT_FLOAT_EQ(b[0], a[0]);
    EXPECT_FLOAT_EQ(b[1], a[1]);
    EXPECT_FLOAT_EQ(b[2], 0.0f) << "a new class has no weights and the mean bias (0)";
}

std::vector<float> probabilities(const learn::linear_model& m, const std::vector<learn::feature>& features) {
    std::vector<float> p;
    m.logits(features, p);
    learn::softmax(p);
    return p;
}

// Rows of 24 classes for 3 features: two sparse (fewer than an eighth of
// the classes off the row's median), one dense; and the features of one
// message.
constexpr std::uint32_t test_classes = 24;
const std::vector<float> trained_weights = [] {
    std::vector<float> w(3 * test_classes);
    for (std::uint32_t c = 0; c < test_classes; ++c) {
        w[c] = c == 0 ? 2.0f : c == 3 ? -1.05f : -1.0f;
        w[test_classes + c] = c == test_classes - 1 ? 1.5f : 0.3f;
        w[2 * test_classes + c] = static_cast<float>((c * 7) % 11) / 5 - 1;
    }
    return w;
}();
const std::vector<float> test_biases = [] {
    std::vector<float> b(test_classes);
    for (std::uint32_t c = 0; c < test_classes; ++c) b[c] = static_cast<float>(c % 5) / 10 - 0.2f;
    return b;
}();
const std::vector<learn::feature> three_features = {{1, 1.0f, learn::feature_block::chars},
                                                    {2, 2.0f, learn::feature_block::chars},
                                                    {3, 1.0f, learn::feature_block::words}};

TEST(Learn, StoredRowsGiveTheTrainedProbabilities) {
    const learn::linear_model m(test_classes, {1, 2, 3}, {1.0f, 1.5f, 2.0f}, trained_weights, test_biases, 0.0f);
    EXPECT_EQ(m.weight_count(), 2u + 1u + test_classes) << "sparse rows store the classes off their median; dense rows all";
    // The trained model by hand: tf-idf, sublinear tf, block norms.
    const float v1 = 1.0f, v2 = (1.0f + std::log(2.0f)) * 1.5f;
    const float chars = 1.0f / std::sqrt(v1 * v1 + v2 * v2);
    std::vector<float> expected(test_classes);
    for (std::size_t c = 0; c < test_classes; ++c)
        expected[c] = test_biases[c] + trained_weights[c] * v1 * chars +
                      trained_weights[test_classes + c] * v2 * chars + trained_weights[2 * test_classes + c] * 1.0f;
    learn::softmax(expected);
    const std::vector<float> got = probabilities(m, three_features);
    // With 24 classes the whole row is kept in 8 bits: its weights span -1..1,
    // so each is within 1/254 of the trained one, and so is each logit.
    for (std::size_t c = 0; c < test_classes; ++c) EXPECT_NEAR(got[c], expected[c], 1e-3f) << "class " << c;
}

TEST(Learn, AFullerIndexIsSmallerAndFindsTheSameRows) {
    // 300 features of 2 classes: at most half full takes 1,024 slots, at
    // most three quarters 512.
    std::vector<std::uint64_t> hashes;
    std::vector<float> idf, weights;
    for (std::uint64_t f = 0; f < 300; ++f) {
        hashes.push_back(f * 0x9e3779b97f4a7c15ULL + 7);
        idf.push_back(1.0f + static_cast<float>(f % 5) / 4);
        weights.push_back(static_cast<float>(f % 7) / 3 - 1);
        weights.push_back(static_cast<float>(f % 3) / 2 - 0.5f);
    }
    const learn::linear_model half(2, hashes, idf, weights, {0.1f, -0.1f}, 0.0f, 0.5f);
    const learn::linear_model fuller(2, hashes, idf, weights, {0.1f, -0.1f}, 0.0f, 0.75f);
    EXPECT_LT(fuller.memory_bytes(), half.memory_bytes());
    EXPECT_EQ(fuller.feature_count(), 300u);
    for (std::uint64_t f = 0; f < 300; f += 7) {
        const std::vector<learn::feature> message{{hashes[f], 1.0f, learn::feature_block::chars},
                                                  {hashes[(f * 13) % 300], 2.0f, learn::feature_block::chars},
                                                  {12345, 1.0f, learn::feature_block::chars}};  // not in the model
        EXPECT_EQ(probabilities(half, message), probabilities(fuller, message)) << f;
    }
}

TEST(Learn, PruningDropsOnlySmallDifferences) {
    const learn::linear_model exact(test_classes, {1, 2, 3}, {1, 1, 1}, trained_weights, test_biases, 0.0f);
    const learn::linear_model pruned(test_classes, {1, 2, 3}, {1, 1, 1}, trained_weights, test_biases, 0.1f);
    EXPECT_EQ(pruned.weight_count(), exact.weight_count() - 1) << "-1.05 is 0.05 from its row's median -1";
    const std::vector<float> a = probabilities(exact, three_features), b = probabilities(pruned, three_features);
    for (std::size_t c = 0; c < test_classes; ++c) EXPECT_NEAR(a[c], b[c], 0.02f);
}

TEST(Learn, WholeRowsArePrunedLikeSparseOnes) {
    // Three of 24 classes differ from the centre (the median) 0.2: an
    // eighth, so the row is kept whole; the small wobble of the others
    // around it is pruned all the same.
    std::vector<float> noisy(test_classes), clean(test_classes);
    for (std::uint32_t c = 0; c < test_classes; ++c) {
        clean[c] = c == 0 ? 1.0f : c == 1 ? -1.0f : c == 2 ? 0.5f : 0.2f;
        noisy[c] = c < 3 ? clean[c] : clean[c] + (c % 3 == 1 ? 0.03f : c % 3 == 2 ? -0.03f : 0.0f);
    }
    const learn::linear_model a(test_classes, {1}, {1}, noisy, test_biases, 0.1f);
    const learn::linear_model b(test_classes, {1}, {1}, clean, test_biases, 0.1f);
    EXPECT_EQ(a.weight_count(), test_classes) << "kept whole";
    const std::vector<learn::feature> one = {{1, 1.0f, learn::feature_block::chars}};
    EXPECT_EQ(probabilities(a, one), probabilities(b, one));
}

// Eight classes, each with a feature of its own, all sharing two common ones.
std::vector<learn::example> eight_class_examples() {
    std::vector<learn::example> data;
    for (std::uint32_t c = 0; c < 8; ++c)
        for (std::uint32_t i = 0; i < 6; ++i)
            data.push_back({{{100 + c, 1.0f, learn::feature_block::chars},
                             {1, 1.0f, learn::feature_block::chars},
                             {50 + i % 3, 1.0f, learn::feature_block::words}},
                            c});
    return data;
}

TEST(Learn, FittingPrunesWhatTheOptionsAsk) {
    learn::train_options exact_options, pruned_options;
    exact_options.prune_below = 0.0f;
    pruned_options.prune_below = 0.3f;
    const auto data = eight_class_examples();
    const learn::linear_model exact = learn::fit(data, 8, exact_options);
    const learn::linear_model pruned = learn::fit(data, 8, pruned_options);
    EXPECT_LT(pruned.weight_count(), exact.weight_count());
    for (const learn::example& e : data) {
        std::vector<float> a, b;
        exact.logits(e.features, a);
        pruned.logits(e.features, b);
        EXPECT_EQ(std::max_element(a.begin(), a.end()) - a.begin(), std::max_element(b.begin(), b.end()) - b.begin());
    }
}

// sums[c] += weight * value, row after row: what add_weighted_rows must
// give to the bit.
template <typename Row>
std::vector<float> plain_row_sums(const std::vector<Row>& rows, std::uint32_t classes, std::vector<float> sums) {
    for (const Row& r : rows)
        for (std::uint32_t c = 0; c < classes; ++c) sums[c] += static_cast<float>(r.weights[c]) * r.value;
    return sums;
}

// Both weight widths, both paths (the processor's and the baseline).
template <typename Row, typename Weight>
void expect_row_sums_are_the_plain_loop(std::mt19937& random) {
    std::uniform_int_distribution<int> weight(-std::numeric_limits<Weight>::max(), std::numeric_limits<Weight>::max());
    std::uniform_real_distribution<float> value(-0.01f, 0.01f);
    // Block edges (64 logits), step edges (8) and CLINC150's 151 classes.
    for (const std::uint32_t classes : {1u, 7u, 8u, 9u, 63u, 64u, 65u, 130u, 151u, 200u}) {
        for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{37}}) {
            // Each row readable to the padding, as the model's rows are.
            std::vector<Weight> weights(count * classes + learn::row_sum_lanes);
            for (auto& w : weights) w = static_cast<Weight>(weight(random));
            std::vector<Row> rows;
            for (std::size_t r = 0; r < count; ++r) rows.push_back({weights.data() + r * classes, value(random)});
            std::vector<float> start(learn::padded_to_lanes(classes));
            for (float& s : start) s = value(random) * 100;
            const std::vector<float> expected = plain_row_sums(rows, classes, start);
            std::vector<float> fast = start, baseline = start;
            learn::add_weighted_rows(rows.data(), rows.size(), classes, fast.data());
            learn::add_weighted_rows_baseline(rows.data(), rows.size(), classes, baseline.data());
            EXPECT_EQ(std::memcmp(fast.data(), expected.data(), classes * sizeof(float)), 0)
                << sizeof(Weight) << "-byte weights, " << classes << " classes, " << count << " rows";
            EXPECT_EQ(std::memcmp(baseline.data(), expected.data(), classes * sizeof(float)), 0)
                << sizeof(Weight) << "-byte weights, " << classes << " classes, " << count << " rows";
        }
    }
}

TEST(Learn, RowSumsAreThePlainLoopBitForBit) {
    std::mt19937 random(7);
    expect_row_sums_are_the_plain_loop<learn::weighted_row, std::int16_t>(random);
    expect_row_sums_are_the_plain_loop<learn::weighted_narrow_row, std::int8_t>(random);
}

// Logits of one-hot features (value 1 after the block norm) by hand, in floats.
std::vector<float> float_logits(const std::vector<float>& weights, const std::vector<float>& bias, std::size_t row) {
    std::vector<float> out(bias);
    for (std::size_t c = 0; c < bias.size(); ++c) out[c] += weights[row * bias.size() + c];
    return out;
}

// A whole row in 8 bits is its range in 254 steps: each weight within half
// a step of the trained one.
TEST(Learn, NarrowRowsAreWithinHalfAStep) {
    constexpr std::uint32_t classes = 151;
    std::mt19937 random(11);
    std::normal_distribution<float> trained(0.0f, 1.5f);
    std::vector<float> weights(40 * classes), bias(classes, 0.0f);
    std::vector<std::uint64_t> hashes;
    for (float& w : weights) w = trained(random);
    for (std::uint64_t r = 0; r < 40; ++r) hashes.push_back(1000 + r);
    const learn::linear_model m(classes, hashes, std::vector<float>(40, 1.0f), weights, bias, 0.0f);
    EXPECT_EQ(m.format_needed(), learn::first_format_with_narrow_rows);
    for (std::size_t r = 0; r < 40; ++r) {
        const auto [lowest, highest] = std::minmax_element(weights.begin() + r * classes, weights.begin() + (r + 1) * classes);
        const float half_step = (*highest - *lowest) / 254 / 2;
        std::vector<float> got;
        m.logits({{hashes[r], 1.0f, learn::feature_block::chars}}, got);
        const std::vector<float> expected = float_logits(weights, bias, r);
        for (std::uint32_t c = 0; c < classes; ++c)
            EXPECT_NEAR(got[c], expected[c], half_step * 1.001f + 1e-6f) << "row " << r << " class " << c;
    }
}

// A file from before narrow rows holds a 16-bit whole row; such a model
// loads with the row narrowed, and is saved in the newer format.
TEST(Learn, SixteenBitRowsOfAnOlderFileAreNarrowed) {
    constexpr std::uint32_t classes = 20;
    struct stored_slot {  // linear_model's index slot, as stored
        std::uint64_t hash;
        std::uint32_t row;
        float idf;
    };
    std::vector<stored_slot> slots(16, stored_slot{0, 0, 0.0f});
    slots[5 & 15] = {5, 0x80000000u, 1.0f};  // hash 5, the whole row at 0
    std::vector<std::int16_t> row(classes);
    std::vector<float> weights(classes), bias(classes, 0.25f);
    const float scale = 1.0f / 1000;
    for (std::uint32_t c = 0; c < classes; ++c) {
        row[c] = static_cast<std::int16_t>(static_cast<int>(c * 97 % 23) * 100 - 1100);
        weights[c] = static_cast<float>(row[c]) * scale;
    }
    auto older_file = [&](const std::vector<stored_slot>& index) {
        kefu::detail::model::writer w;
        w.u32(classes);
        w.u32(classes);
        w.f32(scale);
        w.vec(index);
        w.vec(std::vector<std::uint32_t>{});  // no sparse rows
        w.vec(row);
        w.vec(bias);
        return w.data();
    };
    const std::string bytes = older_file(slots);
    kefu::detail::model::reader r(bytes);
    const learn::linear_model loaded = learn::linear_model::load(r, learn::first_format_with_narrow_rows - 1);
    std::vector<float> got;
    loaded.logits({{5, 1.0f, learn::feature_block::chars}}, got);
    const float half_step = (2.2f - 0.0f) / 254 / 2;  // the row spans -1.1 .. 1.1
    const std::vector<float> expected = float_logits(weights, bias, 0);
    for (std::uint32_t c = 0; c < classes; ++c) EXPECT_NEAR(got[c], expected[c], half_step * 1.001f) << c;
    // Saved again, it is a narrow model of the newer format.
    EXPECT_EQ(loaded.format_needed(), learn::first_format_with_narrow_rows);
    kefu::detail::model::writer again;
    loaded.save(again);
    kefu::detail::model::reader r2(again.data());
    std::vector<float> reloaded;
    learn::linear_model::load(r2, learn::first_format_with_narrow_rows).logits({{5, 1.0f, learn::feature_block::chars}},
                                                                              reloaded);
    EXPECT_EQ(reloaded, got);
    // Two features sharing the row: kefu never wrote that; narrowing each
    // on its own would let a small file ask for any amount of memory.
    std::vector<stored_slot> shared = slots;
    shared[6] = {6, 0x80000000u, 1.0f};
    const std::string damaged = older_file(shared);
    kefu::detail::model::reader r3(damaged);
    try {
        learn::linear_model::load(r3, learn::first_format_with_narrow_rows - 1);
        ADD_FAILURE() << "a shared whole row loaded";
    } catch (const kefu::error& e) {
        EXPECT_EQ(e.code(), KEFU_ECORRUPT);
    }
}

// Every single-byte change to a saved model either loads or is refused as
// corrupt; none may read out of bounds (the sanitizer builds run this too).
void expect_damage_is_refused(const learn::linear_model& m, std::uint32_t format) {
    kefu::detail::model::writer w;
    m.save(w);
    const std::string good = w.data();
    {
        kefu::detail::model::reader r(good);
        const learn::linear_model loaded = learn::linear_model::load(r, format);
        EXPECT_EQ(loaded.weight_count(), m.weight_count());
        kefu::detail::model::writer again;
        loaded.save(again);
        EXPECT_EQ(again.data(), good) << "the zeros after the last whole row are not stored";
    }
    for (std::size_t at = 0; at < good.size(); ++at) {
        std::string bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 0x7f);
        kefu::detail::model::reader r(bad);
        try {
            const learn::linear_model loaded = learn::linear_model::load(r, format);
            std::vector<float> p;
            loaded.logits(three_features, p);
            EXPECT_EQ(p.size(), loaded.classes());
        } catch (const kefu::error& e) {
            EXPECT_EQ(e.code(), KEFU_ECORRUPT);
        }
    }
}

TEST(Learn, DamagedRowsAreRefused) {
    // 24 classes: whole rows in 8 bits, in the format that holds them.
    const learn::linear_model narrow(test_classes, {1, 2, 3}, {1, 1, 1}, trained_weights, test_biases, 0.0f);
    ASSERT_EQ(narrow.format_needed(), learn::first_format_with_narrow_rows);
    expect_damage_is_refused(narrow, learn::first_format_with_narrow_rows);
    // 12 of them: 16-bit whole rows, in any format.
    constexpr std::uint32_t fewer = 12;
    std::vector<float> weights;
    for (std::size_t r = 0; r < 3; ++r)
        weights.insert(weights.end(), trained_weights.begin() + r * test_classes,
                       trained_weights.begin() + r * test_classes + fewer);
    const learn::linear_model wide(fewer, {1, 2, 3}, {1, 1, 1}, weights,
                                   std::vector<float>(test_biases.begin(), test_biases.begin() + fewer), 0.0f);
    ASSERT_EQ(wide.format_needed(), 0u);
    expect_damage_is_refused(wide, learn::first_format_with_narrow_rows);
}

}  // namespace

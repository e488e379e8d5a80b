// The compiled matcher and rule-only classification: spans, gaps, chains,
// anchors, negation, scripts and widths, priorities and weights; and a
// randomized differential test against a brute-force reference matcher.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "intent/classifier.hpp"
#include "intent/matcher.hpp"
#include "intent/rule_compiler.hpp"
#include "model/model.hpp"
#include "text/normalizer.hpp"

namespace {

namespace intent = kefu::detail::intent;
namespace model = kefu::detail::model;
namespace text = kefu::detail::text;
namespace utf8 = kefu::detail::utf8;

using strings = std::vector<std::string>;

// A model compiled from one rule file, with helpers that describe results by name.
class rules {
public:
    explicit rules(const std::string& source) : model_(model::compiled_model::compile({{"test.kefu", source}})) {}

    const model::compiled_model& model() const { return *model_; }

    const intent::classification& classify(std::string_view message) {
        EXPECT_EQ(text::normalize(message, {}, text_), text::normalize_status::ok);
        model_->classify(text_, scratch_, result_);
        return result_;
    }

    // Every hit as "name[begin,end)", with a trailing "!" when negated.
    strings hits(std::string_view message) {
        classify(message);
        strings out;
        for (const auto& h : result_.hits) {
            std::string s = model_->rules().rules[h.rule].name + "[" + std::to_string(h.begin) + "," +
                            std::to_string(h.end) + ")";
            if (h.negated) s += "!";
            out.push_back(s);
        }
        return out;
    }

    // The names of the rules that fired (negated or not), sorted.
    strings fired(std::string_view message) {
        classify(message);
        strings out;
        for (const auto& h : result_.hits) out.push_back(model_->rules().rules[h.rule].name);
        std::sort(out.begin(), out.end());
        return out;
    }

    std::string intent_of(std::string_view message) {
        classify(message);
        return model_->rules().intents[result_.intent].name;
    }

    const text::normalized& text() const { return text_; }

private:
    std::shared_ptr<const model::compiled_model> model_;
    text::normalized text_;
    intent::classify_scratch scratch_;
    intent::classification result_;
};

// --- spans -----------------------------------------------------------------------

TEST(Matcher, LiteralHitWithNormalisedAndByteSpan) {
    rules r("intent ret\nrule ret r: 退货\n");
    const std::string message = "我要退貨！";
    EXPECT_EQ(r.hits(message), strings{"r[2,4)"});
    const auto& units = r.text().units;
    EXPECT_EQ(units[2].source_begin, 6u);
    EXPECT_EQ(units[3].source_end, 12u);
    EXPECT_EQ(message.substr(units[2].source_begin, units[3].source_end - units[2].source_begin), "退貨");
}

TEST(Matcher, SpansCountSpacesAsCharactersOfTheNormalisedText) {
    rules r("intent ret\nrule ret r: 退货\n");
    const std::string message = "亲 我要问一下这个怎么 退貨";
    EXPECT_EQ(r.hits(message), strings{"r[12,14)"});
    const auto& units = r.text().units;
    EXPECT_EQ(units[12].source_begin, 32u);
    EXPECT_EQ(units[13].source_end, 38u);
    // Rules match the text with spaces removed, so a space inside the match is spanned.
    const std::string spaced = "这件衣服我想要退 货";
    EXPECT_EQ(r.hits(spaced), strings{"r[7,10)"});
    EXPECT_EQ(r.text().units[9].source_end, spaced.size());
}

TEST(Matcher, NoRulesNoHits) {
    rules r("intent a\n");
    EXPECT_TRUE(r.hits("退货").empty());
    EXPECT_TRUE(r.hits("").empty());
}

TEST(Matcher, EmptyMessage) {
    rules r("intent ret\nrule ret r: 退货\nrule ret s: ^ 退货 $\n");
    EXPECT_TRUE(r.hits("").empty());
    EXPECT_TRUE(r.hits("   ").empty());
    EXPECT_TRUE(r.hits("！！😡").empty());
}

TEST(Matcher, AnchorsOnAMessageOfOnlyEmoji) {
    // docs/RULES.md: when the message holds nothing but emoji, anchors match on them.
    rules r("intent affirm\nrule affirm ok: ^ [:ok:] $\nrule affirm word: ^ 好的 $\n");
    EXPECT_EQ(r.hits("👌"), strings{"ok[0,1)"});
    EXPECT_EQ(r.hits("👌👌👌"), strings{"ok[0,1)"});  // squeezed to one token
    EXPECT_EQ(r.fired("好的👌"), strings{"word"});
    EXPECT_EQ(r.fired("👌好的"), strings{"word"});
}

// --- gaps and chains ----------------------------------------------------------------

TEST(Matcher, GapBoundsAreRespectedAtBothEdges) {
    rules r(
        "intent g\n"
        "rule g upto2: 退 {0,2} 货\n"
        "rule g one_two: 退 {1,2} 货\n"
        "rule g exactly2: 退 {2} 货\n");
    EXPECT_EQ(r.fired("退货"), strings{"upto2"});
    EXPECT_EQ(r.hits("退货"), strings{"upto2[0,2)"});
    EXPECT_EQ(r.fired("退一货"), (strings{"one_two", "upto2"}));
    EXPECT_EQ(r.fired("退一二货"), (strings{"exactly2", "one_two", "upto2"}));
    // Hits are sorted by begin, then by rule (declaration order).
    EXPECT_EQ(r.hits("退一二货"), (strings{"upto2[0,4)", "one_two[0,4)", "exactly2[0,4)"}));
    EXPECT_EQ(r.fired("退一二三货"), strings{});
    // Spaces are not characters of the matched text; punctuation is.
    EXPECT_EQ(r.fired("退 一 二 货"), (strings{"exactly2", "one_two", "upto2"}));
    EXPECT_EQ(r.fired("退，一货"), (strings{"exactly2", "one_two", "upto2"}));
    EXPECT_EQ(r.fired("退，一二货"), strings{});
}

TEST(Matcher, GapCanBeFilledByTheNextPartsOwnCharacters) {
    rules r("intent g\nrule g r: 退 {0,3} 货\n");
    EXPECT_EQ(r.hits("退货货货"), strings{"r[0,2)"});
    EXPECT_EQ(r.fired("退退货"), strings{"r"});  // its span: see EachRuleIsReportedAtItsLeftmostMatch
}

TEST(Matcher, ThreePartChain) {
    rules r("intent c\nrule c chain: 我 {0,1} 要 {0,2} 退货\n");
    EXPECT_EQ(r.hits("我要退货"), strings{"chain[0,4)"});
    EXPECT_EQ(r.hits("亲我想要再次退货吧"), strings{"chain[1,8)"});
    EXPECT_EQ(r.fired("我想想要退货"), strings{});     // 2 between the first parts
    EXPECT_EQ(r.fired("我要一二三退货"), strings{});  // 3 between the last parts
    EXPECT_EQ(r.fired("要退货"), strings{});
    EXPECT_EQ(r.fired("我要退"), strings{});
    EXPECT_EQ(r.fired("退货我要"), strings{});
}

TEST(Matcher, ChainSurvivesManyPartialMatches) {
    // Enough first parts to make the matcher prune its partial chains.
    rules r("intent c\nrule c chain: 甲 {0,2} 乙 {0,2} 丙\n");
    std::string message;
    for (int i = 0; i < 600; ++i) message += "甲乙";
    EXPECT_EQ(r.fired(message), strings{});
    message += "丙";
    const auto& c = r.classify(message);
    ASSERT_EQ(c.hits.size(), 1u);
    EXPECT_EQ(c.hits[0].end, 1201u);
    EXPECT_FALSE(c.hits[0].negated);
}

TEST(Matcher, RunOfOneCharacterFirstPartsKeepsTheLeftmostInTheGap) {
    // Every digit starts a partial chain; the later part takes the leftmost
    // that still ends within its gap, before and after the prune threshold.
    rules r("intent p\nlexicon d = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9\nrule p sell: @d {0,3} 卖不卖\n");
    EXPECT_EQ(r.hits("12345卖不卖"), strings{"sell[1,8)"});
    EXPECT_EQ(r.hits("123卖不卖"), strings{"sell[0,6)"});
    EXPECT_EQ(r.hits("5一二三卖不卖"), strings{"sell[0,7)"});
    EXPECT_EQ(r.fired("5一二三四卖不卖"), strings{});
    const std::string digits(400, '7');
    EXPECT_EQ(r.hits(digits + "卖不卖"), strings{"sell[396,403)"});
    EXPECT_EQ(r.hits(digits + "一二三卖不卖"), strings{"sell[399,406)"});
}

// --- anchors --------------------------------------------------------------------------

TEST(Matcher, AnchorsIgnoreLeadingAndTrailingPunctuationAndEmoji) {
    rules r(
        "intent greeting\n"
        "rule greeting both: ^ 在吗 $\n"
        "rule greeting start: ^ {0,2} 在吗\n"
        "rule greeting end: 在吗 {0,1} $\n");
    EXPECT_EQ(r.fired("在吗"), (strings{"both", "end", "start"}));
    EXPECT_EQ(r.fired("在吗？？"), (strings{"both", "end", "start"}));
    EXPECT_EQ(r.fired("！在吗😊"), (strings{"both", "end", "start"}));
    EXPECT_EQ(r.hits("！在吗😊"), (strings{"both[1,3)", "start[1,3)", "end[1,3)"}));
    EXPECT_EQ(r.fired("  在吗  "), (strings{"both", "end", "start"}));
    EXPECT_EQ(r.fired("你好在吗"), (strings{"end", "start"}));
    EXPECT_EQ(r.fired("你好呀在吗"), strings{"end"});
    EXPECT_EQ(r.fired("，亲，在吗"), (strings{"end", "start"}));  // inner punctuation counts
    EXPECT_EQ(r.fired("在吗呀"), (strings{"end", "start"}));
    EXPECT_EQ(r.fired("在吗你好"), strings{"start"});
    EXPECT_EQ(r.fired("在吗, 亲"), strings{"start"});
}

TEST(Matcher, AnchoredPatternMatchesLaterOccurrences) {
    rules r("intent greeting\nrule greeting e: 在吗 $\n");
    EXPECT_EQ(r.hits("在吗在吗"), strings{"e[2,4)"});
}

// One pattern starts anchored variants that may begin at different depths
// into the message, and an unanchored one: each is judged by its own leading
// gap, however far in the pattern stands (starts are tried deepest reach
// first and stop at the first that is out of reach).
TEST(Matcher, AnchoredStartsOfOnePatternEachKeepTheirOwnLeadingGap) {
    rules r(
        "intent t\n"
        "rule t at0: ^ 甲乙\n"
        "rule t at1: ^ {0,1} 甲乙\n"
        "rule t at3: ^ {0,3} 甲乙\n"
        "rule t at2to3: ^ {2,3} 甲乙\n"
        "rule t anywhere: 甲乙\n");
    EXPECT_EQ(r.fired("甲乙"), (strings{"anywhere", "at0", "at1", "at3"}));
    EXPECT_EQ(r.fired("丙甲乙"), (strings{"anywhere", "at1", "at3"}));
    EXPECT_EQ(r.fired("丙丁甲乙"), (strings{"anywhere", "at2to3", "at3"}));
    EXPECT_EQ(r.fired("丙丁戊甲乙"), (strings{"anywhere", "at2to3", "at3"}));
    EXPECT_EQ(r.fired("丙丁戊己甲乙"), strings{"anywhere"});
    EXPECT_EQ(r.fired("！！丙甲乙"), (strings{"anywhere", "at1", "at3"}));  // leading punctuation is no character
    // at2to3 starts where the others cannot: the second 甲乙, three characters in
    EXPECT_EQ(r.hits("甲乙丙甲乙"), (strings{"at0[0,2)", "at1[0,2)", "at3[0,2)", "anywhere[0,2)", "at2to3[3,5)"}));
}

// docs/RULES.md: the characters of a class gap must all be of its class,
// wherever the gap stands: between parts, after ^, before $, and at an
// unanchored edge (there, the minimum it needs).
TEST(Matcher, CharacterClassGapsAskEachOfTheirCharactersToBeOfTheClass) {
    rules r(
        "intent t\n"
        "rule t between: 单号 {digits 3,6} 到哪\n"
        "rule t phone: ^ 1 (3 | 5 | 8) {digits 9} $\n"
        "rule t code: ^ {alnum 0,3} 号 $\n"
        "rule t latin: 型号 {latin 2} $\n"
        "rule t han_lead: {han 2} 发货\n"
        "rule t digits_trail: 尾号 {digits 4}\n");
    EXPECT_EQ(r.fired("单号123到哪了"), strings{"between"});
    EXPECT_EQ(r.fired("单号123456到哪了"), strings{"between"});
    EXPECT_EQ(r.fired("单号12到哪了"), strings{});         // too short
    EXPECT_EQ(r.fired("单号1234567到哪了"), strings{});    // too long
    EXPECT_EQ(r.fired("单号12a4到哪了"), strings{});       // a letter in a digit gap
    EXPECT_EQ(r.fired("单号１２３到哪了"), strings{"between"});  // full-width digits are digits
    EXPECT_EQ(r.fired("13812345678"), strings{"phone"});
    EXPECT_EQ(r.fired("138 1234 5678！"), strings{"phone"});  // spaces are not characters; edge punctuation is ignored
    EXPECT_EQ(r.fired("1381234567"), strings{});
    EXPECT_EQ(r.fired("138123456789"), strings{});
    EXPECT_EQ(r.fired("1381234567a"), strings{});
    EXPECT_EQ(r.fired("a1号"), strings{"code"});
    EXPECT_EQ(r.fired("号"), strings{"code"});
    EXPECT_EQ(r.fired("在1号"), strings{});
    EXPECT_EQ(r.fired("型号xl"), strings{"latin"});
    EXPECT_EQ(r.fired("型号x1"), strings{});
    EXPECT_EQ(r.fired("今天发货"), strings{"han_lead"});
    EXPECT_EQ(r.fired("12发货"), strings{});
    EXPECT_EQ(r.fired("天发货"), strings{});  // an unanchored leading gap needs its minimum
    EXPECT_EQ(r.fired("尾号1234吗"), strings{"digits_trail"});
    EXPECT_EQ(r.fired("尾号123吗"), strings{});
    EXPECT_EQ(r.hits("单号123到哪"), strings{"between[0,7)"});
}

// A class gap between two parts of the same symbols: the chain must not
// take a partial whose gap holds the wrong characters, though the count fits.
TEST(Matcher, ClassGapChainsPickThePartialsWhoseGapHolds) {
    rules r(
        "intent t\n"
        "lexicon d = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9\n"
        "rule t six: ^ {0,12} @d {digits 4} @d {0,16} $\n");
    EXPECT_EQ(r.fired("身份证 110101199003071234"), strings{"six"});
    EXPECT_EQ(r.fired("123456"), strings{"six"});
    EXPECT_EQ(r.fired("12345"), strings{});
    EXPECT_EQ(r.fired("1234x6"), strings{});
    EXPECT_EQ(r.fired("1x34567"), strings{});  // five digits after the x
    EXPECT_EQ(r.hits("1x345678"), strings{"six[2,8)"});
}

TEST(Matcher, AnchoredPatternEndingInAnEmojiToken) {
    // BUG (or a documented limitation that should be an error): `$` skips
    // trailing emoji before comparing, also when the pattern itself ends in
    // the emoji token, so such a pattern can only match a message of nothing
    // but emoji. Input: rule `太慢了 [:angry:] $`, message "太慢了😡".
    // Expected: the rule fires (the message ends with the emoji the pattern
    // asks for). Actual: no hit, because content_end is moved before the
    // emoji and the match ends after it. Likewise `^ [:angry:] 太慢` never
    // matches "😡太慢了".
    rules r(
        "intent complaint\n"
        "rule complaint e: 太慢了 [:angry:] $\n"
        "rule complaint s: ^ [:angry:] 太慢\n");
    EXPECT_EQ(r.fired("太慢了😡"), strings{"e"});
    EXPECT_EQ(r.fired("😡太慢了"), strings{"s"});
}

// --- negation --------------------------------------------------------------------------

const char* const negation_rules =
    "lexicon negator = 不想 | 不要\n"
    "intent ret negatable\n"
    "intent exch\n"
    "rule ret r: 退货\n"
    "rule ret keep: 退款 not negatable\n"
    "rule exch x: 换货\n"
    "rule exch xn: 换个 negatable\n";

TEST(MatcherNegation, NegatorWithinTheWindowNegates) {
    rules r(negation_rules);
    EXPECT_EQ(r.hits("我要退货"), strings{"r[2,4)"});
    EXPECT_EQ(r.hits("不想退货了"), strings{"r[2,4)!"});
    EXPECT_EQ(r.hits("不要一二三退货"), strings{"r[5,7)!"});  // 3 characters between: still within
}

TEST(MatcherNegation, NotBeyondTheWindowNorAcrossPunctuationOrSpace) {
    rules r(negation_rules);
    EXPECT_EQ(r.hits("不想一二三四退货"), strings{"r[6,8)"});
    EXPECT_EQ(r.hits("不想，退货"), strings{"r[3,5)"});
    EXPECT_EQ(r.hits("不想!退货"), strings{"r[3,5)"});
    EXPECT_EQ(r.hits("我真的不想 退货"), strings{"r[6,8)"});
    // Word-segmented text is joined by the normaliser: its spaces break nothing.
    EXPECT_EQ(r.hits("不 想 退 货"), strings{"r[2,4)!"});
    EXPECT_EQ(r.hits("退货不想"), strings{"r[0,2)"});  // a negator after the match does nothing
}

TEST(MatcherNegation, NotNegatableRulesAreNeverNegated) {
    rules r(negation_rules);
    EXPECT_EQ(r.hits("不想退款"), strings{"keep[2,4)"});
    EXPECT_EQ(r.hits("不要换货"), strings{"x[2,4)"});   // the intent is not negatable
    EXPECT_EQ(r.hits("不要换个"), strings{"xn[2,4)!"});  // but this rule is
}

TEST(MatcherNegation, NegatedHitDoesNotDecideTheIntent) {
    rules r(negation_rules);
    const auto& c = r.classify("不想退货");
    ASSERT_EQ(c.hits.size(), 1u);
    EXPECT_TRUE(c.hits[0].negated);
    EXPECT_EQ(r.model().rules().intents[c.intent].name, "other");
    EXPECT_TRUE(c.out_of_scope);
    EXPECT_EQ(r.intent_of("不想退货，要换货"), "exch");
    EXPECT_EQ(r.intent_of("我要退货"), "ret");
}

TEST(MatcherNegation, LaterNonNegatedMatchReplacesANegatedOne) {
    rules r(negation_rules);
    EXPECT_EQ(r.hits("不想退货，我要退货"), strings{"r[7,9)"});
    EXPECT_EQ(r.hits("我要退货，不想退货"), strings{"r[2,4)"});
    EXPECT_EQ(r.hits("不想退货，不要退货"), strings{"r[2,4)!"});
    EXPECT_EQ(r.intent_of("不想退货，我要退货"), "ret");
}

TEST(MatcherNegation, NegatorEndingInsideTheMatchNegates) {
    rules r("lexicon negator = 不想\nintent ret negatable\nrule ret r: 想退\nrule ret s: 不想\n");
    EXPECT_EQ(r.hits("我不想退"), (strings{"s[1,3)", "r[2,4)!"}));
    // A negator that starts where the match starts does not negate it.
    EXPECT_EQ(r.hits("不想"), strings{"s[0,2)"});
    EXPECT_EQ(r.hits("我想退"), strings{"r[1,3)"});
}

TEST(MatcherNegation, NegatorInsideAQuestionFormDoesNotCount) {
    rules r(
        "lexicon negator = 没有 | 不\n"
        "lexicon negator_exception = 有没有 | 是不是\n"
        "intent insurance negatable\n"
        "intent broken negatable\n"
        "rule insurance ins: 运费险\n"
        "rule broken b: 坏了\n");
    EXPECT_EQ(r.hits("没有运费险"), strings{"ins[2,5)!"});
    EXPECT_EQ(r.hits("有没有运费险"), strings{"ins[3,6)"});
    EXPECT_EQ(r.hits("是不是坏了"), strings{"b[3,5)"});
    EXPECT_EQ(r.hits("不坏了"), strings{"b[1,3)!"});
    EXPECT_EQ(r.intent_of("有没有运费险"), "insurance");
}

TEST(MatcherNegation, WindowOption) {
    rules r(std::string(negation_rules) + "option negation_window = 0\n");
    EXPECT_EQ(r.hits("不想退货"), strings{"r[2,4)!"});
    EXPECT_EQ(r.hits("不想一退货"), strings{"r[3,5)"});
}

TEST(MatcherNegation, NegationLooksAtTheStartOfAChain) {
    rules r("lexicon negator = 不想\nintent ret negatable\nrule ret r: 退 {0,4} 货\n");
    EXPECT_EQ(r.hits("不想退了这个货"), strings{"r[2,7)!"});
    EXPECT_EQ(r.hits("不想再等了退这个货"), strings{"r[5,9)!"});  // 3 characters between
    EXPECT_EQ(r.hits("不想再多等一天退了这个货"), strings{"r[7,12)"});
}

TEST(MatcherNegation, ANonNegatedChainIsPreferredOverANegatedOne) {
    // BUG: for a multi-part rule, a later part extends only one compatible
    // partial chain, so when that chain starts right after a negator the rule
    // is reported negated although a non-negated chain ends at the same place
    // (matcher.hpp: "a non-negated match is preferred over a negated one").
    // Negator 不想, negatable rule `退 {0,6} 货`:
    // - "不想退，退货": expected r[4,6) not negated; the original matcher
    //   (extending the earliest partial) gave r[2,6) negated;
    // - "退了不想退货": expected r[0,6) not negated; the matcher being
    //   rewritten (extending the latest partial) gives r[4,6) negated.
    // Either way the message is classified out of scope instead of `ret`.
    rules r("lexicon negator = 不想\nintent ret negatable\nrule ret r: 退 {0,6} 货\n");
    for (const char* message : {"不想退，退货", "退了不想退货"}) {
        const strings h = r.hits(message);
        ASSERT_EQ(h.size(), 1u) << message;
        EXPECT_EQ(h[0].back(), ')') << message << ": " << h[0];
        EXPECT_EQ(r.intent_of(message), "ret") << message;
    }
}

// --- scripts, widths, emoji ---------------------------------------------------------------

TEST(Matcher, TraditionalAndFullWidthInputMatchesSimplifiedRules) {
    rules r(
        "intent size\nintent ship\n"
        "rule size s: xl 有货\n"
        "rule ship t: 發貨\n");
    EXPECT_EQ(r.hits("這件ＸＬ有貨嗎"), strings{"s[2,6)"});
    EXPECT_EQ(r.hits("这件XL有货吗"), strings{"s[2,6)"});
    EXPECT_EQ(r.hits("什么时候发货"), strings{"t[4,6)"});
    EXPECT_EQ(r.hits("什麼時候發貨"), strings{"t[4,6)"});
}

TEST(Matcher, EmojiTokenRulesMatchEmojiAndEmoticons) {
    rules r(
        "intent complaint\n"
        "rule complaint angry: [:angry:]\n"
        "rule complaint slow: 太慢 {0,2} [:angry:]\n");
    EXPECT_EQ(r.hits("太慢了😡😡"), (strings{"slow[0,4)", "angry[3,4)"}));
    EXPECT_EQ(r.hits("太慢了[怒]"), (strings{"slow[0,4)", "angry[3,4)"}));
    EXPECT_EQ(r.hits("太慢了😊"), strings{});
}

TEST(Matcher, EachRuleIsReportedOnceAtItsFirstMatch) {
    rules r("intent ret\nrule ret r: 退货\nrule ret s: 换 {0,2} 货\n");
    EXPECT_EQ(r.hits("退货退货，退货"), strings{"r[0,2)"});
    EXPECT_EQ(r.hits("换货换了货退货"), (strings{"s[0,2)", "r[5,7)"}));
}

TEST(Matcher, EachRuleIsReportedAtItsLeftmostMatch) {
    // BUG (or an inaccurate comment): matcher.hpp promises "once per rule
    // (its leftmost match ...)", but the matcher keeps the match that ends
    // first. Input: rule `(乙 | 甲乙丙)`, message "甲乙丙". Expected r[0,3)
    // (the leftmost match); actual r[1,2). The same happens across the
    // variants of one rule: `(乙 {0,1} 丙 | 甲 {0,3} 丁)` on "甲乙丙丁" gives
    // [1,3), not [0,4). And since the matcher rewrite in progress (partials
    // chained per variant, the latest one extended), even chains ending at
    // the same place start late: `退 {0,3} 货` on "退退货" gives [1,3), not
    // [0,3); `甲 {0,2} 乙 {0,2} 丙` on ("甲乙" x 600) + "丙" gives
    // [1198,1201), not [1194,1201) (the original matcher got these two right).
    rules r("intent a\nrule a r: (乙 | 甲乙丙)\nrule a v: (乙 {0,1} 丙 | 甲 {0,3} 丁)\n");
    EXPECT_EQ(r.hits("甲乙丙"), (strings{"r[0,3)", "v[1,3)"}));
    EXPECT_EQ(r.hits("甲乙丙丁"), (strings{"r[0,3)", "v[0,4)"}));
    rules chains("intent a\nrule a t: 退 {0,3} 货\nrule a chain: 甲 {0,2} 乙 {0,2} 丙\n");
    EXPECT_EQ(chains.hits("退退货"), strings{"t[0,3)"});
    std::string message;
    for (int i = 0; i < 600; ++i) message += "甲乙";
    message += "丙";
    EXPECT_EQ(chains.hits(message), strings{"chain[1194,1201)"});
}

TEST(Matcher, HitsAreSortedByBegin) {
    rules r("intent a\nrule a first: 丙\nrule a second: 甲\nrule a third: 乙\n");
    EXPECT_EQ(r.hits("甲乙丙"), (strings{"second[0,1)", "third[1,2)", "first[2,3)"}));
}

// --- classification ---------------------------------------------------------------------------

const char* const ranking_rules =
    "intent low priority 1\n"
    "intent high priority 2\n"
    "intent a\n"
    "intent b\n"
    "rule low: 甲 weight 10\n"
    "rule high: 乙\n"
    "rule a: 丙 weight 1.5\n"
    "rule b: 丁\n"
    "rule b: 戊\n"
    "rule a: 己 priority 3\n";

TEST(MatcherClassification, PriorityBeatsWeight) {
    rules r(ranking_rules);
    const auto& c = r.classify("甲乙");
    const auto& intents = r.model().rules().intents;
    ASSERT_EQ(c.ranking.size(), 3u);
    EXPECT_EQ(intents[c.ranking[0].intent].name, "high");
    EXPECT_EQ(intents[c.ranking[1].intent].name, "low");
    EXPECT_EQ(intents[c.ranking[2].intent].name, "other");
    EXPECT_FALSE(c.out_of_scope);
    EXPECT_FLOAT_EQ(c.confidence, 1.0f / 12.0f);
    EXPECT_FLOAT_EQ(c.ranking[1].confidence, 10.0f / 12.0f);
}

TEST(MatcherClassification, WeightsDecideWithinEqualPriority) {
    rules r(ranking_rules);
    EXPECT_EQ(r.intent_of("丙丁"), "a");
    // Two rules of b fire: 2 > 1.5.
    const auto& c = r.classify("丙丁戊");
    EXPECT_EQ(r.model().rules().intents[c.intent].name, "b");
    EXPECT_FLOAT_EQ(c.confidence, 2.0f / 4.5f);
    // A rule counts once however often it matches.
    EXPECT_EQ(r.intent_of("丙丁丁丁"), "a");
}

TEST(MatcherClassification, RulePriorityOverridesTheIntents) {
    rules r(ranking_rules);
    EXPECT_EQ(r.intent_of("己甲乙"), "a");
}

TEST(MatcherClassification, NoHitIsOutOfScope) {
    rules r(ranking_rules);
    const auto& c = r.classify("你好");
    EXPECT_TRUE(c.hits.empty());
    EXPECT_EQ(r.model().rules().intents[c.intent].name, "other");
    EXPECT_EQ(c.intent, r.model().out_of_scope_intent());
    EXPECT_TRUE(c.out_of_scope);
    ASSERT_EQ(c.ranking.size(), 1u);
    EXPECT_FLOAT_EQ(c.confidence, 1.0f);
}

TEST(MatcherClassification, ModelWithoutOtherGetsOne) {
    rules r("intent a\nrule a: 甲\n");
    const auto& intents = r.model().rules().intents;
    ASSERT_EQ(intents.size(), 2u);
    EXPECT_EQ(intents[1].name, "other");
    EXPECT_EQ(r.model().out_of_scope_intent(), 1u);
    EXPECT_EQ(r.intent_of("乙"), "other");
    EXPECT_EQ(r.intent_of("甲"), "a");
}

TEST(MatcherClassification, DeclaredOtherIsUsed) {
    rules r("intent other \"chit-chat\" priority -1\nintent a\nrule other: 哈哈\nrule a: 甲\n");
    EXPECT_EQ(r.model().rules().intents.size(), 2u);
    EXPECT_EQ(r.model().out_of_scope_intent(), 0u);
    const auto& c = r.classify("哈哈");
    EXPECT_EQ(c.intent, 0u);
    EXPECT_TRUE(c.out_of_scope);
    EXPECT_EQ(r.intent_of("哈哈甲"), "a");  // priority 0 beats -1
}

TEST(MatcherClassification, ShopFileOnTopOfABaseModel) {
    const auto base = model::compiled_model::compile(
        {{"default.kefu", "intent bargain priority 5\nlexicon cheaper = 便宜 | 优惠\nrule bargain: @cheaper 点\n"}});
    const auto shop = model::compiled_model::compile(
        {{"shop.kefu", "lexicon cheaper += 抹零\nintent gift priority 6\nrule gift: 送 {0,2} @cheaper\n"}}, base.get());
    text::normalized t;
    intent::classify_scratch scratch;
    intent::classification c;
    text::normalize("能送个抹零吗", {}, t);
    shop->classify(t, scratch, c);
    EXPECT_EQ(shop->rules().intents[c.intent].name, "gift");
    text::normalize("优惠点吧", {}, t);
    shop->classify(t, scratch, c);
    EXPECT_EQ(shop->rules().intents[c.intent].name, "bargain");
    // The base's intents (with its "other") come first, the shop's after them.
    ASSERT_EQ(shop->rules().intents.size(), 3u);
    EXPECT_EQ(shop->rules().intents[1].name, "other");
    EXPECT_EQ(shop->rules().intents[2].name, "gift");
    EXPECT_EQ(shop->out_of_scope_intent(), 1u);
}

// --- the matcher on its own -------------------------------------------------------------------

TEST(Matcher, DirectUseWithScratchReuse) {
    intent::rule_compiler c;
    c.add_source("t.kefu", "intent a\nrule a: 退货\nrule a: 换 {1} 货\n");
    const auto rs = std::move(c).finish();
    const auto m = intent::matcher::build(rs);
    EXPECT_GT(m.state_count(), 1u);
    EXPECT_EQ(m.pattern_count(), 3u);  // 退货, 换, 货
    intent::match_scratch scratch;
    std::vector<intent::rule_hit> hits;
    text::normalized t;
    for (int round = 0; round < 3; ++round) {
        text::normalize("我要退货或者换个货", {}, t);
        m.match(t, scratch, hits);
        ASSERT_EQ(hits.size(), 2u);
        EXPECT_EQ(hits[0].rule, 0u);
        EXPECT_EQ(hits[0].begin, 2u);
        EXPECT_EQ(hits[0].end, 4u);
        EXPECT_FALSE(hits[0].negated);
        EXPECT_EQ(hits[1].rule, 1u);
        EXPECT_EQ(hits[1].begin, 6u);
        EXPECT_EQ(hits[1].end, 9u);
        text::normalize("没有", {}, t);
        m.match(t, scratch, hits);
        EXPECT_TRUE(hits.empty());
    }
}

// A found pattern keeps its length in 16 bits, so a longer literal is
// refused when the rules are compiled, with the limit's status and where.
TEST(Matcher, ALiteralLongerThanTheMatcherKeepsIsRefused) {
    std::string longest;  // no character twice in a row: the normaliser squeezes runs
    for (int i = 0; i < 0xFFFF / 3; ++i) longest += "退换货";
    auto compile = [](const std::string& pattern) {
        intent::rule_compiler c;
        c.add_source("t.kefu", "intent a\nrule a: " + pattern + "\n");
        return intent::matcher::build(std::move(c).finish());
    };
    EXPECT_EQ(compile(longest).pattern_count(), 1u);
    // One character too many, written as one literal or made by joining a
    // literal to a group.
    for (const std::string& pattern : {longest + "退", longest + "(退|换)"}) {
        try {
            (void)compile(pattern);
            ADD_FAILURE() << "a pattern part of 65,536 characters was compiled";
        } catch (const kefu::error& e) {
            EXPECT_EQ(e.code(), KEFU_ELIMIT);
            EXPECT_EQ(e.line(), 2u) << e.what();
            EXPECT_NE(std::string(e.what()).find("longer than 65535 characters"), std::string::npos) << e.what();
        }
    }
}

// docs/RULES.md: a gap at an unanchored edge needs at least its minimum of
// characters there (more may follow: the message goes on).
TEST(Matcher, UnanchoredLeadingAndTrailingGapsNeedTheirCharacters) {
    rules r("intent a\nrule a lead: {2} 退货\nrule a trail: 退货 {2,3}\n");
    EXPECT_EQ(r.fired("退货"), strings{});
    EXPECT_EQ(r.fired("我要退货"), strings{"lead"});
    EXPECT_EQ(r.fired("退货了吧"), strings{"trail"});
}

// --- randomized differential test ---------------------------------------------------------------

const std::u32string alphabet = U"甲乙丙丁戊己";

struct gen_gap {
    unsigned min = 0, max = 0;
    intent::gap_class cls = intent::gap_class::any;
};

struct gen_part {
    std::vector<std::u32string> alternatives;  // canonical, non-empty
    gen_gap gap_before;                        // from the previous part
};

struct gen_rule {
    bool anchor_start = false, anchor_end = false;
    gen_gap lead, trail;  // only with the anchors
    std::vector<gen_part> parts;
    bool negatable = false;
    std::string source;
};

// The compiler squeezes runs of one letter to two.
std::u32string squeeze(const std::u32string& s) {
    std::u32string out;
    for (char32_t c : s)
        if (out.size() < 2 || out[out.size() - 1] != c || out[out.size() - 2] != c) out.push_back(c);
    return out;
}

class rule_generator {
public:
    // With `classes`, gaps may be of a character class, and messages hold
    // digits and Latin letters among the Chinese characters.
    explicit rule_generator(std::uint32_t seed, bool classes = false) : rng_(seed), classes_(classes) {}

    gen_rule make(std::size_t index) {
        gen_rule r;
        r.source = "rule t r" + std::to_string(index) + ":";
        r.anchor_start = chance(0.2);
        r.anchor_end = chance(0.2);
        if (r.anchor_start) {
            r.source += " ^";
            if (chance(0.5)) r.lead = gap(r.source);
        }
        const int parts = uniform(1, 3);
        for (int k = 0; k < parts; ++k) {
            gen_part p;
            if (k > 0) p.gap_before = gap(r.source);
            p.alternatives = part(r.source);
            r.parts.push_back(std::move(p));
        }
        if (r.anchor_end) {
            if (chance(0.5)) r.trail = gap(r.source);
            r.source += " $";
        }
        r.negatable = chance(0.3);
        if (r.negatable) r.source += " negatable";
        return r;
    }

    std::string message(std::size_t max_length) {
        const std::size_t n = static_cast<std::size_t>(uniform(0, static_cast<int>(max_length)));
        std::string out;
        for (std::size_t i = 0; i < n; ++i) {
            const int roll = uniform(0, 99);
            if (roll < 4) out += "，";
            else if (roll < 7) out += " ";
            else if (roll < 9) out += "😡";
            else if (roll < 10) out += "!";
            else if (classes_ && roll < 30) out += static_cast<char>('0' + uniform(0, 2));
            else if (classes_ && roll < 40) out += static_cast<char>('a' + uniform(0, 1));
            else out += utf8::from_u32(std::u32string(1, alphabet[static_cast<std::size_t>(uniform(0, 5))]));
        }
        return out;
    }

private:
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

    std::u32string word() {
        std::u32string w;
        const int n = uniform(1, 2);
        for (int i = 0; i < n; ++i) w.push_back(alphabet[static_cast<std::size_t>(uniform(0, 5))]);
        return w;
    }

    gen_gap gap(std::string& source) {
        gen_gap g;
        g.min = static_cast<unsigned>(uniform(0, 3));
        g.max = g.min + static_cast<unsigned>(uniform(0, 2));
        if (classes_ && chance(0.5)) {
            static const std::pair<const char*, intent::gap_class> classes[] = {
                {"digits", intent::gap_class::digits}, {"latin", intent::gap_class::latin},
                {"han", intent::gap_class::han}, {"alnum", intent::gap_class::alnum}};
            const auto& [name, cls] = classes[static_cast<std::size_t>(uniform(0, 3))];
            g.cls = cls;
            source += std::string(" {") + name + " " + std::to_string(g.min) + "," + std::to_string(g.max) + "}";
            return g;
        }
        if (g.min == g.max && chance(0.5)) source += " {" + std::to_string(g.min) + "}";
        else if (g.min == 0 && chance(0.5)) source += " {," + std::to_string(g.max) + "}";
        else source += " {" + std::to_string(g.min) + "," + std::to_string(g.max) + "}";
        return g;
    }

    // A contiguous part: 1 to 3 elements (literal or group, maybe optional),
    // at least one of them mandatory. Returns its expansion.
    std::vector<std::u32string> part(std::string& source) {
        std::vector<std::u32string> acc{U""};
        const int elements = uniform(1, 3);
        const int mandatory = uniform(0, elements - 1);
        for (int e = 0; e < elements; ++e) {
            std::vector<std::u32string> options;
            if (chance(0.3)) {
                const int n = uniform(2, 3);
                source += " (";
                for (int i = 0; i < n; ++i) {
                    options.push_back(word());
                    if (i) source += " | ";
                    source += utf8::from_u32(options.back());
                }
                source += ")";
            } else {
                options.push_back(word());
                source += ' ';
                source += utf8::from_u32(options.back());
            }
            if (e != mandatory && chance(0.3)) {
                source += "?";
                options.push_back(U"");
            }
            std::vector<std::u32string> next;
            for (const auto& a : acc)
                for (const auto& b : options) next.push_back(a + b);
            acc = std::move(next);
        }
        for (auto& s : acc) s = squeeze(s);
        std::sort(acc.begin(), acc.end());
        acc.erase(std::unique(acc.begin(), acc.end()), acc.end());
        return acc;
    }

    std::mt19937 rng_;
    bool classes_ = false;
};

// The message as the matcher sees it: normalised, spaces removed.
struct view {
    std::u32string cps;
    std::vector<text::char_class> classes;  // per view position
    std::vector<std::uint32_t> unit;    // view position -> normalised character index
    std::vector<std::uint32_t> clause;  // view position -> clause number
    std::map<std::uint32_t, std::uint32_t> position_of_unit;
    std::uint32_t content_begin = 0, content_end = 0;  // without edge punctuation, symbols and emoji
    std::uint32_t text_begin = 0, text_end = 0;        // without edge punctuation and symbols only

    explicit view(const text::normalized& t) {
        std::uint32_t c = 0;
        for (std::uint32_t i = 0; i < t.units.size(); ++i) {
            const auto& u = t.units[i];
            if (u.cls == text::char_class::space) {
                ++c;
                continue;
            }
            position_of_unit[i] = static_cast<std::uint32_t>(cps.size());
            cps.push_back(u.cp);
            classes.push_back(u.cls);
            unit.push_back(i);
            clause.push_back(c);
            if (u.cls == text::char_class::punct) ++c;
        }
        auto edge = [&](std::uint32_t p) {
            const auto cls = t.units[unit[p]].cls;
            return cls == text::char_class::punct || cls == text::char_class::symbol || cls == text::char_class::emoji;
        };
        auto punctuation = [&](std::uint32_t p) {
            const auto cls = t.units[unit[p]].cls;
            return cls == text::char_class::punct || cls == text::char_class::symbol;
        };
        content_end = static_cast<std::uint32_t>(cps.size());
        while (content_begin < content_end && edge(content_begin)) ++content_begin;
        while (content_end > content_begin && edge(content_end - 1)) --content_end;
        text_end = static_cast<std::uint32_t>(cps.size());
        while (text_begin < text_end && punctuation(text_begin)) ++text_begin;
        while (text_end > text_begin && punctuation(text_end - 1)) --text_end;
    }

    // docs/RULES.md: anchors ignore edge punctuation and emoji, or edge
    // punctuation only (so a pattern may end in an emoji token).
    // docs/RULES.md: a class gap's characters are all of its class.
    bool of_class(std::uint32_t from, std::uint32_t to, intent::gap_class c) const {
        using cc = text::char_class;
        for (std::uint32_t p = from; p < to; ++p) {
            const cc k = classes[p];
            const bool ok = c == intent::gap_class::any || (c == intent::gap_class::digits && k == cc::digit) ||
                            (c == intent::gap_class::latin && k == cc::latin) ||
                            (c == intent::gap_class::han && k == cc::han) ||
                            (c == intent::gap_class::alnum && (k == cc::digit || k == cc::latin));
            if (!ok) return false;
        }
        return true;
    }
    bool within(std::uint32_t from, std::uint32_t to, const gen_gap& g) const {
        return from <= to && to - from >= g.min && to - from <= g.max && of_class(from, to, g.cls);
    }
    bool ends_at(std::uint32_t pos, const gen_gap& g) const { return within(pos, content_end, g) || within(pos, text_end, g); }
    bool starts_at(std::uint32_t pos, const gen_gap& g) const {
        return within(content_begin, pos, g) || within(text_begin, pos, g);
    }

    bool at(std::uint32_t pos, const std::u32string& s) const {
        return pos + s.size() <= cps.size() && cps.compare(pos, s.size(), s) == 0;
    }
};

using span = std::pair<std::uint32_t, std::uint32_t>;

// Every [begin, end) at which the rule matches, by brute force.
std::set<span> reference_spans(const gen_rule& r, const view& v) {
    std::set<span> out;
    const auto n = static_cast<std::uint32_t>(v.cps.size());
    // Continue matching part k at `pos`, the chain having begun at `begin`.
    auto extend = [&](auto&& self, std::size_t k, std::uint32_t begin, std::uint32_t pos) -> void {
        if (k == r.parts.size()) {
            if (r.anchor_end && !v.ends_at(pos, r.trail)) return;
            out.insert({begin, pos});
            return;
        }
        const gen_part& p = r.parts[k];
        for (unsigned g = p.gap_before.min; g <= p.gap_before.max; ++g) {
            const std::uint32_t at = pos + g;
            if (at > n) break;
            if (!v.of_class(pos, at, p.gap_before.cls)) continue;
            for (const auto& a : p.alternatives)
                if (v.at(at, a)) self(self, k + 1, begin, at + static_cast<std::uint32_t>(a.size()));
        }
    };
    for (std::uint32_t start = 0; start < n; ++start) {
        if (r.anchor_start && !v.starts_at(start, r.lead)) continue;
        for (const auto& a : r.parts[0].alternatives)
            if (v.at(start, a)) extend(extend, 1, start, start + static_cast<std::uint32_t>(a.size()));
    }
    return out;
}

const std::vector<std::u32string> reference_negators = {U"甲乙", U"戊"};
constexpr std::uint32_t reference_window = 2;

// docs/RULES.md: a negator negates a match [begin, end) when it starts
// before the match and ends at most the window before it, or inside it, in
// the same clause.
bool reference_negated(const view& v, span match) {
    const auto [begin, end] = match;
    for (const auto& neg : reference_negators)
        for (std::uint32_t p = 0; p + neg.size() <= v.cps.size(); ++p) {
            if (!v.at(p, neg) || p >= begin) continue;
            const auto neg_end = static_cast<std::uint32_t>(p + neg.size());
            const bool before = neg_end <= begin && begin - neg_end <= reference_window;
            const bool inside = neg_end > begin && neg_end <= end;
            if ((before || inside) && v.clause[p] == v.clause[begin]) return true;
        }
    return false;
}

bool has_class_gap(const gen_rule& r) {
    auto classed = [](const gen_gap& g) { return g.cls != intent::gap_class::any && g.max > 0; };
    return classed(r.lead) || classed(r.trail) ||
           std::any_of(r.parts.begin(), r.parts.end(), [&](const gen_part& p) { return classed(p.gap_before); });
}

struct differential_setup {
    std::vector<gen_rule> rules;
    intent::rule_set set;
    intent::matcher m;
};

differential_setup make_setup(std::uint32_t seed, std::size_t rule_count, bool classes) {
    differential_setup d;
    rule_generator gen(seed, classes);
    std::string source = "intent t\nlexicon negator = 甲乙 | 戊\noption negation_window = 2\n";
    for (std::size_t i = 0; i < rule_count; ++i) {
        d.rules.push_back(gen.make(i));
        source += d.rules.back().source + "\n";
    }
    intent::rule_compiler c;
    c.add_source("random.kefu", source);
    d.set = std::move(c).finish();
    d.m = intent::matcher::build(d.set);
    return d;
}

struct differential_counts {
    std::size_t messages = 0, hits = 0, negated_hits = 0, mixed = 0, preference_errors = 0;
    std::size_t class_gap_hits = 0;  // hits of rules with a gap of a character class
};

// Compares the matcher with the reference on random messages. With
// `check_preference`, also requires that a rule with a non-negated match is
// reported non-negated; otherwise counts those cases.
void run_differential(std::uint32_t seed, std::size_t messages, std::size_t max_length, bool check_preference,
                      differential_counts& counts, bool classes = false) {
    differential_setup d = make_setup(seed, 200, classes);
    EXPECT_EQ(d.set.rules.size(), 200u);
    rule_generator gen(seed * 7919u + 1u, classes);
    intent::match_scratch scratch;
    std::vector<intent::rule_hit> hits;
    text::normalized t;
    for (std::size_t round = 0; round < messages; ++round) {
        const std::string message = gen.message(max_length);
        text::normalize(message, {}, t);
        d.m.match(t, scratch, hits);
        const view v(t);
        ++counts.messages;

        std::map<std::uint32_t, std::set<span>> expected;
        for (std::uint32_t i = 0; i < d.rules.size(); ++i) {
            auto spans = reference_spans(d.rules[i], v);
            if (!spans.empty()) expected[i] = std::move(spans);
        }
        std::set<std::uint32_t> expected_rules, actual_rules;
        for (const auto& [rule, spans] : expected) expected_rules.insert(rule);
        for (const auto& h : hits) {
            EXPECT_TRUE(actual_rules.insert(h.rule).second) << "rule reported twice: r" << h.rule << " in " << message;
        }
        ASSERT_EQ(actual_rules, expected_rules) << "message: " << message << " (seed " << seed << ")";

        for (std::size_t i = 0; i < hits.size(); ++i) {
            const auto& h = hits[i];
            const gen_rule& r = d.rules[h.rule];
            if (i > 0) {
                EXPECT_LE(hits[i - 1].begin, h.begin);
            }
            ASSERT_LT(h.begin, h.end);
            ASSERT_TRUE(v.position_of_unit.count(h.begin) && v.position_of_unit.count(h.end - 1))
                << "hit boundary on a space in " << message;
            const span s{v.position_of_unit.at(h.begin), v.position_of_unit.at(h.end - 1) + 1};
            const auto& spans = expected[h.rule];
            EXPECT_TRUE(spans.count(s)) << "r" << h.rule << " reported at [" << s.first << "," << s.second
                                        << ") which is not a match; message: " << message << "; rule: " << r.source;
            bool any_free = false, any_negated = false;
            for (const auto& sp : spans) {
                const bool neg = r.negatable && reference_negated(v, sp);
                (neg ? any_negated : any_free) = true;
            }
            const bool reported_negated_correctly = h.negated == (r.negatable && reference_negated(v, s));
            EXPECT_TRUE(reported_negated_correctly)
                << "negation flag of the reported span is wrong; message: " << message << "; rule: " << r.source;
            if (!any_free) {
                EXPECT_TRUE(h.negated) << "message: " << message << "; rule: " << r.source;
            }
            if (any_free && any_negated) ++counts.mixed;
            if (any_free && h.negated) {
                ++counts.preference_errors;
                if (check_preference)
                    ADD_FAILURE() << "r" << h.rule << " reported negated although a non-negated match exists; message: "
                                  << message << "; rule: " << r.source;
            }
            ++counts.hits;
            if (h.negated) ++counts.negated_hits;
            if (has_class_gap(r)) ++counts.class_gap_hits;
        }
    }
}

TEST(MatcherDifferential, RandomRulesAgreeWithBruteForceOnShortMessages) {
    differential_counts total;
    for (std::uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
        run_differential(seed, 400, 16, false, total);
        if (HasFatalFailure()) return;
    }
    // The generator must produce a meaningful mix, or the comparison proves little.
    EXPECT_EQ(total.messages, 2000u);
    EXPECT_GT(total.hits, 5000u);
    EXPECT_GT(total.negated_hits, 200u);
}

TEST(MatcherDifferential, RandomRulesAgreeWithBruteForceOnLongMessages) {
    differential_counts total;
    for (std::uint32_t seed : {11u, 12u}) {
        run_differential(seed, 30, 700, false, total);
        if (HasFatalFailure()) return;
    }
    EXPECT_GT(total.hits, 1000u);
}

// Gaps of character classes, on messages that mix digits, Latin letters
// and Chinese characters.
TEST(MatcherDifferential, RandomRulesWithClassGapsAgreeWithBruteForce) {
    differential_counts total;
    for (std::uint32_t seed : {21u, 22u, 23u, 24u, 25u}) {
        run_differential(seed, 400, 16, false, total, true);
        if (HasFatalFailure()) return;
    }
    for (std::uint32_t seed : {31u, 32u}) {
        run_differential(seed, 30, 700, false, total, true);
        if (HasFatalFailure()) return;
    }
    EXPECT_GT(total.hits, 3000u);
    EXPECT_GT(total.class_gap_hits, 400u);  // 592 with these seeds
}

TEST(MatcherDifferential, NonNegatedMatchIsPreferredOnRandomInput) {
    // BUG (see MatcherNegation.ANonNegatedChainIsPreferredOverANegatedOne):
    // a rule with both negated and non-negated matches must be reported
    // non-negated, but for multi-part rules the matcher follows one partial
    // chain per part and may report the negated one. Example from seed 1:
    // rule `甲 {2,4} 戊 己? negatable`, negators 甲乙 | 戊 (window 2), message
    // "甲戊甲 乙甲戊丙乙己甲丁丙": expected not negated ([0,6) has no negator
    // before it); actual negated (the chain from the 甲 at 2, right after 戊).
    differential_counts total;
    for (std::uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
        run_differential(seed, 400, 16, true, total);
        if (HasFatalFailure()) return;
    }
    EXPECT_GT(total.mixed, 20u);
    EXPECT_EQ(total.preference_errors, 0u);
}

}  // namespace

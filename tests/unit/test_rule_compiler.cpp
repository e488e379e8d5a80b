// The rule compiler: name resolution, attributes, literal normalisation,
// pattern expansion into variants, limits, and the position of every
// semantic error (docs/RULES.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/utf8.hpp"
#include "intent/rule_compiler.hpp"
#include "intent/rule_set.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "text/char_class.hpp"

namespace {

namespace intent = kefu::detail::intent;
namespace text = kefu::detail::text;
namespace utf8 = kefu::detail::utf8;

using strings = std::vector<std::string>;

intent::rule_set compile(const std::string& source, const std::string& name = "shop.kefu") {
    intent::rule_compiler c;
    c.add_source(name, source);
    return std::move(c).finish();
}

kefu::error compile_error(const std::string& source, const std::string& name = "shop.kefu") {
    try {
        compile(source, name);
    } catch (const kefu::error& e) {
        return e;
    }
    ADD_FAILURE() << "no error for: " << source;
    return kefu::error(KEFU_OK, "");
}

void expect_error(const std::string& source, int code, std::uint32_t line, std::uint32_t column,
                  const std::string& must_contain) {
    SCOPED_TRACE(source);
    const kefu::error e = compile_error(source);
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_EQ(e.file(), "shop.kefu") << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_NE(std::string(e.what()).find(must_contain), std::string::npos) << e.what();
    const std::string prefix = "shop.kefu:" + std::to_string(line) + ":" + std::to_string(column) + ": error: ";
    EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << e.what();
}

void expect_parse_error(const std::string& source, std::uint32_t line, std::uint32_t column,
                        const std::string& must_contain) {
    expect_error(source, KEFU_EPARSE, line, column, must_contain);
}

// A part's alternatives as UTF-8, in the compiler's (code point) order.
strings alternatives(const intent::part& p) {
    strings out;
    for (const auto& a : p.alternatives) out.push_back(utf8::from_u32(a));
    return out;
}

strings lexicon(const intent::rule_set& rs, const std::string& name) {
    strings out;
    const auto it = rs.lexicons.find(name);
    if (it == rs.lexicons.end()) {
        ADD_FAILURE() << "no lexicon " << name;
        return out;
    }
    for (const auto& a : it->second) out.push_back(utf8::from_u32(a));
    return out;
}

// Expected alternatives, put in the compiler's order (sorted by code point).
strings sorted(strings s) {
    std::sort(s.begin(), s.end(), [](const std::string& a, const std::string& b) {
        return utf8::to_u32(a) < utf8::to_u32(b);
    });
    return s;
}

void expect_gap(const intent::gap_range& g, unsigned min, unsigned max) {
    EXPECT_EQ(g.min, min);
    EXPECT_EQ(g.max, max);
}

// --- resolution errors ---------------------------------------------------------

TEST(RuleCompilerErrors, UnknownIntent) {
    expect_parse_error("intent bargain\nrule bargian: 便宜\n", 2, 1, "unknown intent 'bargian'");
    expect_parse_error("intent bargain\n\nexample bargian: 能便宜点吗\n", 3, 1, "unknown intent 'bargian'");
}

TEST(RuleCompilerErrors, UnknownLexicon) {
    expect_parse_error("intent bargain\nrule bargain: 能 @cheaper\n", 2, 17, "unknown lexicon @cheaper");
    expect_parse_error("lexicon a = @b 甲\n", 1, 13, "unknown lexicon @b");
    // Names must be defined before use.
    expect_parse_error("intent i\nrule i: 甲 @l\nlexicon l = 乙\n", 2, 11, "unknown lexicon @l");
}

TEST(RuleCompilerErrors, LexiconRedefinition) {
    expect_parse_error("lexicon l = 甲\nlexicon l = 乙\n", 2, 1, "already defined");
}

TEST(RuleCompilerErrors, ExtendingAnUndefinedLexicon) {
    expect_parse_error("intent i\nlexicon l += 甲\n", 2, 1, "not defined");
}

TEST(RuleCompilerErrors, AnchorsInTheWrongPlace) {
    expect_parse_error("intent i\nrule i: 退货 ^ 了\n", 2, 12, "'^' must begin the pattern");
    expect_parse_error("intent i\nrule i: $ 退货\n", 2, 9, "'$' must end the pattern");
    expect_parse_error("intent i\nrule i: 退货 $ {0,2}\n", 2, 12, "'$' must end the pattern");
    expect_parse_error("intent i\nrule i: (^ 退货 | 换货)\n", 2, 10, "anchors are not allowed inside groups");
    expect_parse_error("lexicon l = ^ 退货\n", 1, 13, "anchors are not allowed");
}

TEST(RuleCompilerErrors, GapInsideALexicon) {
    expect_parse_error("lexicon l = 退 {0,2} 货\n", 1, 15, "gaps are not allowed in lexicons");
    expect_parse_error("lexicon l = 甲 | (退 {1} 货)\n", 1, 20, "gaps are not allowed in lexicons");
}

TEST(RuleCompilerErrors, PatternsThatCanMatchTheEmptyString) {
    expect_parse_error("intent i\nrule i: (退货)?\n", 2, 1, "empty string");
    expect_parse_error("intent i\nrule i: 退货? {0,3} 换货?\n", 2, 1, "empty string");
    expect_parse_error("intent i\nrule i: ^ $\n", 2, 1, "empty string");
    expect_parse_error("intent i\nrule i: ^ {0,3} $\n", 2, 1, "empty string");
    expect_parse_error("intent i\nrule i: (甲 | 乙?)\n", 2, 1, "empty string");
    expect_parse_error("lexicon l = 甲 | 乙?\n", 1, 1, "empty string");
}

TEST(RuleCompilerErrors, LiteralsThatNormaliseToNothing) {
    expect_parse_error("intent i\nrule i: 甲 \" \"\n", 2, 11, "empty after normalisation");
    expect_parse_error("intent i\nrule i: 甲 \"\"\n", 2, 11, "empty after normalisation");
    expect_parse_error("intent i\nrule i: 甲 \"\xE2\x80\x8B\"\n", 2, 11, "empty after normalisation");  // U+200B
}

TEST(RuleCompilerErrors, WeightOutOfRange) {
    expect_parse_error("intent i\nrule i: 退货 weight 0\n", 2, 12, "weight");
    expect_parse_error("intent i\nrule i: 退货 weight 1001\n", 2, 12, "weight");
    expect_parse_error("intent i\nrule i: 退货 weight -1\n", 2, 12, "weight");
    expect_parse_error("intent i\nrule i: 退货 weight\n", 2, 12, "weight");
    expect_parse_error("intent i\nrule i: 退货 weight 2 priority 1.5\n", 2, 21, "priority");
    expect_parse_error("intent i\nrule i: 退货 negatable 2\n", 2, 12, "negatable");
    const auto rs = compile("intent i\nrule i: 退货 weight 1000\nrule i: 换货 weight 0.25\n");
    ASSERT_EQ(rs.rules.size(), 2u);
    EXPECT_EQ(rs.rules[0].weight, 1000.0f);
    EXPECT_EQ(rs.rules[1].weight, 0.25f);
}

TEST(RuleCompilerErrors, BadIntentAttributes) {
    expect_parse_error("intent a weight 2\n", 1, 10, "intents take");
    expect_parse_error("intent a priority 0.5\n", 1, 10, "intents take");
}

TEST(RuleCompilerErrors, UnknownOption) {
    expect_parse_error("intent i\noption negation_windw = 2\n", 2, 1, "unknown option 'negation_windw'");
    expect_parse_error("option negation_window = 17\n", 1, 1, "negation_window");
    expect_parse_error("option negation_window = 2.5\n", 1, 1, "negation_window");
    expect_parse_error("option negation_window = -1\n", 1, 1, "negation_window");
    EXPECT_EQ(compile("option negation_window = 16\n").negation_window, 16u);
    EXPECT_EQ(compile("option negation_window = 0\n").negation_window, 0u);
    EXPECT_EQ(compile("intent i\n").negation_window, 3u);
}

TEST(RuleCompilerErrors, UnknownEmojiToken) {
    expect_parse_error("intent i\nrule i: 太慢 [:nosuch:]\n", 2, 12, "unknown emoji token [:nosuch:]");
}

TEST(RuleCompilerErrors, BadGaps) {
    expect_parse_error("intent i\nrule i: 甲 {5,2} 乙\n", 2, 11, "lower bound");
    expect_parse_error("intent i\nrule i: 甲 {33} 乙\n", 2, 11, "at most 32");
    expect_parse_error("intent i\nrule i: 甲 {0,33} 乙\n", 2, 11, "at most 32");
    expect_parse_error("intent i\nrule i: 甲 {3,} 乙\n", 2, 11, "upper bound");
    expect_parse_error("intent i\nrule i: 甲 {} 乙\n", 2, 11, "empty gap");
    expect_parse_error("intent i\nrule i: 甲 {3 4} 乙\n", 2, 11, "comma");  // was read as {3}
    expect_parse_error("intent i\nrule i: 甲 {digits 3 4} 乙\n", 2, 11, "comma");
    expect_parse_error("intent i\nrule i: 甲 {0,2}? 乙\n", 2, 11, "cannot be optional");
    // Gaps that merge (directly, or because an optional part is absent) may not exceed 32.
    expect_parse_error("intent i\nrule i: 甲 {0,20} {0,20} 乙\n", 2, 18, "adjacent gaps");
    expect_parse_error("intent i\nrule i: 甲 {0,20} 丙? {0,20} 乙\n", 2, 21, "adjacent gaps");
    EXPECT_NO_THROW(compile("intent i\nrule i: 甲 {0,32} 乙\n"));
}

TEST(RuleCompilerErrors, BadCharacterClassGaps) {
    expect_parse_error("intent i\nrule i: 甲 {digit 3} 乙\n", 2, 11, "unknown character class 'digit'");
    expect_parse_error("intent i\nrule i: 甲 {any 3} 乙\n", 2, 11, "unknown character class 'any'");
    expect_parse_error("intent i\nrule i: 甲 {digits} 乙\n", 2, 11, "needs its length");
    expect_parse_error("intent i\nrule i: 甲 {digits 3,} 乙\n", 2, 11, "upper bound");
    expect_parse_error("intent i\nrule i: 甲 {digits 0,33} 乙\n", 2, 11, "at most 32");
    // One gap, one class: side by side, or when an optional part between them is absent.
    expect_parse_error("intent i\nrule i: 甲 {digits 3} {0,2} 乙\n", 2, 22, "another class");
    expect_parse_error("intent i\nrule i: 甲 {han 1} {digits 3} 乙\n", 2, 19, "another class");
    expect_parse_error("intent i\nrule i: 甲 {digits 3} 丙? {latin 2} 乙\n", 2, 25, "another class");
    expect_parse_error("intent i\nrule i: 甲 {digits 20} {digits 13} 乙\n", 2, 23, "adjacent gaps");
}

TEST(RuleCompilerErrors, ErrorsNameTheFileTheyAreIn) {
    intent::rule_compiler c;
    c.add_source("base.kefu", "intent i\nlexicon l = 甲\n");
    try {
        c.add_source("extra.kefu", "rule i: @l\nrule j: @l\n");
        FAIL() << "no error";
    } catch (const kefu::error& e) {
        EXPECT_EQ(e.code(), KEFU_EPARSE);
        EXPECT_EQ(e.file(), "extra.kefu");
        EXPECT_EQ(e.line(), 2u);
        EXPECT_EQ(e.column(), 1u);
    }
}

// --- limits ----------------------------------------------------------------------

std::string lexicon_of_size(std::size_t n) {
    std::string s = "lexicon l = ";
    for (std::size_t i = 0; i < n; ++i) {
        if (i) s += " | ";
        s += 'a';  // "a0" .. "a64": distinct, and distinct when concatenated
        s += std::to_string(i);
    }
    return s + "\n";
}

TEST(RuleCompilerLimits, PartWithMoreThan4096AlternativesIsALimitError) {
    const std::string source = "intent i\n" + lexicon_of_size(65) + "rule i: @l @l\n";
    const kefu::error e = compile_error(source);
    EXPECT_EQ(e.code(), KEFU_ELIMIT) << e.what();
    EXPECT_EQ(e.file(), "shop.kefu");
    EXPECT_EQ(e.line(), 3u);
    EXPECT_EQ(e.column(), 12u);
    EXPECT_NE(std::string(e.what()).find("4096"), std::string::npos) << e.what();
}

TEST(RuleCompilerLimits, PartWithExactly4096AlternativesIsAccepted) {
    const auto rs = compile("intent i\n" + lexicon_of_size(64) + "rule i: @l @l\n");
    ASSERT_EQ(rs.variants.size(), 1u);
    ASSERT_EQ(rs.variants[0].parts.size(), 1u);
    EXPECT_EQ(rs.variants[0].parts[0].alternatives.size(), 4096u);
}

TEST(RuleCompilerLimits, LexiconProductIsLimitedToo) {
    const kefu::error e = compile_error(lexicon_of_size(65) + "lexicon m = @l @l\n");
    EXPECT_EQ(e.code(), KEFU_ELIMIT) << e.what();
    EXPECT_EQ(e.line(), 2u);
}

TEST(RuleCompilerLimits, AtMostEightParts) {
    const auto eight = compile("intent i\nrule i: 甲 {1} 乙 {1} 丙 {1} 丁 {1} 戊 {1} 己 {1} 庚 {1} 辛\n");
    ASSERT_EQ(eight.variants.size(), 1u);
    EXPECT_EQ(eight.variants[0].parts.size(), 8u);
    const kefu::error e = compile_error("intent i\nrule i: 甲 {1} 乙 {1} 丙 {1} 丁 {1} 戊 {1} 己 {1} 庚 {1} 辛 {1} 壬\n");
    EXPECT_EQ(e.code(), KEFU_ELIMIT) << e.what();
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), 1u);
}

// --- expansion ---------------------------------------------------------------------

TEST(RuleCompilerExpansion, OptionalElementsInsideAPart) {
    const auto rs = compile("intent i\nrule i: 退 (货 | 款)? 了\n");
    ASSERT_EQ(rs.variants.size(), 1u);
    const auto& v = rs.variants[0];
    EXPECT_EQ(v.rule, 0u);
    EXPECT_FALSE(v.anchor_start);
    EXPECT_FALSE(v.anchor_end);
    ASSERT_EQ(v.parts.size(), 1u);
    EXPECT_EQ(alternatives(v.parts[0]), sorted({"退了", "退货了", "退款了"}));
    expect_gap(v.parts[0].gap_before, 0, 0);
}

TEST(RuleCompilerExpansion, OptionalPartBetweenGapsSplitsTheVariant) {
    const auto rs = compile("intent i\nrule i: 退货 {0,2} (马上)? {1,3} 处理\n");
    ASSERT_EQ(rs.variants.size(), 2u);
    // Without the optional part, its two gaps merge.
    const auto& absent = rs.variants[0];
    ASSERT_EQ(absent.parts.size(), 2u);
    EXPECT_EQ(alternatives(absent.parts[0]), strings{"退货"});
    EXPECT_EQ(alternatives(absent.parts[1]), strings{"处理"});
    expect_gap(absent.parts[1].gap_before, 1, 5);
    const auto& present = rs.variants[1];
    ASSERT_EQ(present.parts.size(), 3u);
    EXPECT_EQ(alternatives(present.parts[0]), strings{"退货"});
    EXPECT_EQ(alternatives(present.parts[1]), strings{"马上"});
    expect_gap(present.parts[1].gap_before, 0, 2);
    EXPECT_EQ(alternatives(present.parts[2]), strings{"处理"});
    expect_gap(present.parts[2].gap_before, 1, 3);
}

TEST(RuleCompilerExpansion, PartiallyOptionalPartKeepsItsNonEmptyAlternatives) {
    const auto rs = compile("intent i\nrule i: 甲 {1,2} (乙 | 丙)? 丁? {0,1} 戊\n");
    ASSERT_EQ(rs.variants.size(), 2u);
    ASSERT_EQ(rs.variants[0].parts.size(), 2u);
    expect_gap(rs.variants[0].parts[1].gap_before, 1, 3);
    EXPECT_EQ(alternatives(rs.variants[0].parts[1]), strings{"戊"});
    ASSERT_EQ(rs.variants[1].parts.size(), 3u);
    EXPECT_EQ(alternatives(rs.variants[1].parts[1]), sorted({"乙", "丙", "丁", "乙丁", "丙丁"}));
    expect_gap(rs.variants[1].parts[1].gap_before, 1, 2);
    expect_gap(rs.variants[1].parts[2].gap_before, 0, 1);
}

TEST(RuleCompilerExpansion, GroupWithGapsInsideAlternatives) {
    const auto rs = compile("intent i\nrule i: 退 (货 {0,2} 了 | 款) 吧\n");
    ASSERT_EQ(rs.variants.size(), 2u);
    const auto& with_gap = rs.variants[0];
    ASSERT_EQ(with_gap.parts.size(), 2u);
    EXPECT_EQ(alternatives(with_gap.parts[0]), strings{"退货"});
    expect_gap(with_gap.parts[0].gap_before, 0, 0);
    EXPECT_EQ(alternatives(with_gap.parts[1]), strings{"了吧"});
    expect_gap(with_gap.parts[1].gap_before, 0, 2);
    const auto& plain = rs.variants[1];
    ASSERT_EQ(plain.parts.size(), 1u);
    EXPECT_EQ(alternatives(plain.parts[0]), strings{"退款吧"});
    for (const auto& v : rs.variants) EXPECT_EQ(v.rule, 0u);
}

TEST(RuleCompilerExpansion, OptionalGroupWithGaps) {
    const auto rs = compile("intent i\nrule i: 退货 (马上 {0,3})? 处理\n");
    ASSERT_EQ(rs.variants.size(), 2u);
    ASSERT_EQ(rs.variants[0].parts.size(), 2u);
    EXPECT_EQ(alternatives(rs.variants[0].parts[0]), strings{"退货马上"});
    EXPECT_EQ(alternatives(rs.variants[0].parts[1]), strings{"处理"});
    expect_gap(rs.variants[0].parts[1].gap_before, 0, 3);
    ASSERT_EQ(rs.variants[1].parts.size(), 1u);
    EXPECT_EQ(alternatives(rs.variants[1].parts[0]), strings{"退货处理"});
}

TEST(RuleCompilerExpansion, NestedGroupsMultiply) {
    const auto rs = compile("intent i\nrule i: (甲 (乙 | 丙)? | 丁) 戊\n");
    ASSERT_EQ(rs.variants.size(), 1u);
    EXPECT_EQ(alternatives(rs.variants[0].parts[0]), sorted({"甲戊", "甲乙戊", "甲丙戊", "丁戊"}));
}

TEST(RuleCompilerExpansion, AdjacentGapsMerge) {
    const auto rs = compile("intent i\nrule i: 甲 {1} {0,2} 乙\n");
    ASSERT_EQ(rs.variants.size(), 1u);
    ASSERT_EQ(rs.variants[0].parts.size(), 2u);
    expect_gap(rs.variants[0].parts[1].gap_before, 1, 3);
}

TEST(RuleCompilerExpansion, GapForms) {
    const auto rs = compile("intent i\nrule i: 甲 {2} 乙 {,3} 丙 {1,4} 丁\n");
    ASSERT_EQ(rs.variants.size(), 1u);
    const auto& p = rs.variants[0].parts;
    ASSERT_EQ(p.size(), 4u);
    expect_gap(p[0].gap_before, 0, 0);
    expect_gap(p[1].gap_before, 2, 2);
    expect_gap(p[2].gap_before, 0, 3);
    expect_gap(p[3].gap_before, 1, 4);
}

TEST(RuleCompilerExpansion, CharacterClassGaps) {
    const auto rs = compile(
        "intent i\n"
        "rule i: 甲 {digits 3,14} 乙 {latin 2} 丙 {han 1,4} 丁 {alnum 5} 戊 {2} 己\n"
        "rule i: ^ {digits 0,2} 甲 {digits 9} $\n"
        "rule i: 甲 {0} {digits 2} {digits 1,3} {0} 乙\n");
    ASSERT_EQ(rs.variants.size(), 3u);
    const auto& p = rs.variants[0].parts;
    ASSERT_EQ(p.size(), 6u);
    const intent::gap_class expected[] = {intent::gap_class::any, intent::gap_class::digits, intent::gap_class::latin,
                                          intent::gap_class::han, intent::gap_class::alnum, intent::gap_class::any};
    for (std::size_t k = 0; k < p.size(); ++k) EXPECT_EQ(p[k].gap_before.cls, expected[k]) << "part " << k;
    expect_gap(p[1].gap_before, 3, 14);
    expect_gap(p[3].gap_before, 1, 4);
    const auto& anchored = rs.variants[1];
    EXPECT_EQ(anchored.parts[0].gap_before.cls, intent::gap_class::digits);
    expect_gap(anchored.parts[0].gap_before, 0, 2);
    EXPECT_EQ(anchored.gap_after.cls, intent::gap_class::digits);
    expect_gap(anchored.gap_after, 9, 9);
    // Gaps of one class merge, and {0} joins any gap.
    const auto& merged = rs.variants[2].parts[1].gap_before;
    EXPECT_EQ(merged.cls, intent::gap_class::digits);
    expect_gap(merged, 3, 5);
}

TEST(RuleCompilerExpansion, Anchors) {
    const auto rs = compile(
        "intent i\n"
        "rule i: ^ (在吗 | 你好) $\n"
        "rule i: ^ {0,2} 在吗\n"
        "rule i: 在吗 {1,3} $\n"
        "rule i: 在吗\n");
    ASSERT_EQ(rs.variants.size(), 4u);
    const auto& both = rs.variants[0];
    EXPECT_TRUE(both.anchor_start);
    EXPECT_TRUE(both.anchor_end);
    ASSERT_EQ(both.parts.size(), 1u);
    EXPECT_EQ(alternatives(both.parts[0]), sorted({"在吗", "你好"}));
    expect_gap(both.parts[0].gap_before, 0, 0);
    expect_gap(both.gap_after, 0, 0);
    const auto& start = rs.variants[1];
    EXPECT_TRUE(start.anchor_start);
    EXPECT_FALSE(start.anchor_end);
    ASSERT_EQ(start.parts.size(), 1u);
    expect_gap(start.parts[0].gap_before, 0, 2);
    const auto& end = rs.variants[2];
    EXPECT_FALSE(end.anchor_start);
    EXPECT_TRUE(end.anchor_end);
    expect_gap(end.gap_after, 1, 3);
    EXPECT_FALSE(rs.variants[3].anchor_start);
    EXPECT_FALSE(rs.variants[3].anchor_end);
    for (std::uint32_t i = 0; i < 4; ++i) EXPECT_EQ(rs.variants[i].rule, i);
}

TEST(RuleCompilerExpansion, AnchorsApplyToEveryVariant) {
    const auto rs = compile("intent i\nrule i: ^ 退 (货 {1} 了 | 款) $\n");
    ASSERT_EQ(rs.variants.size(), 2u);
    for (const auto& v : rs.variants) {
        EXPECT_TRUE(v.anchor_start);
        EXPECT_TRUE(v.anchor_end);
    }
}

TEST(RuleCompilerExpansion, LexiconReferencesExpand) {
    const auto rs = compile(
        "intent bargain\n"
        "lexicon can = 能 | 可以\n"
        "lexicon cheaper = 便宜 | 优惠\n"
        "rule bargain: @can {0,4} @cheaper (点)?\n");
    ASSERT_EQ(rs.variants.size(), 1u);
    const auto& p = rs.variants[0].parts;
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(alternatives(p[0]), sorted({"能", "可以"}));
    EXPECT_EQ(alternatives(p[1]), sorted({"便宜", "优惠", "便宜点", "优惠点"}));
    expect_gap(p[1].gap_before, 0, 4);
}

// --- normalisation of literals --------------------------------------------------------

TEST(RuleCompilerNormalisation, TraditionalFullWidthAndSpaces) {
    const auto rs = compile(
        "intent i\n"
        "rule i: 退貨 ＸＬ\n"
        "rule i: \"退 貨\"\n"
        "rule i: OK \"在嗎？\"\n");
    ASSERT_EQ(rs.variants.size(), 3u);
    EXPECT_EQ(alternatives(rs.variants[0].parts[0]), strings{"退货xl"});
    EXPECT_EQ(alternatives(rs.variants[1].parts[0]), strings{"退货"});
    EXPECT_EQ(alternatives(rs.variants[2].parts[0]), strings{"ok在吗?"});
}

TEST(RuleCompilerNormalisation, LexiconEntriesAreNormalised) {
    const auto rs = compile("lexicon size = 尺碼 | ＸＬ號 | \"X L\" | 尺码\n");
    EXPECT_EQ(lexicon(rs, "size"), sorted({"尺码", "xl号", "xl"}));
}

TEST(RuleCompilerNormalisation, RepeatsAreSqueezedAfterConcatenation) {
    const auto rs = compile(
        "intent i\n"
        "rule i: 谢谢谢谢\n"
        "rule i: (谢)(谢谢)\n"
        "rule i: 急 \"！！！\"\n");
    ASSERT_EQ(rs.variants.size(), 3u);
    EXPECT_EQ(alternatives(rs.variants[0].parts[0]), strings{"谢谢"});
    EXPECT_EQ(alternatives(rs.variants[1].parts[0]), strings{"谢谢"});
    EXPECT_EQ(alternatives(rs.variants[2].parts[0]), strings{"急!"});
}

TEST(RuleCompilerNormalisation, EmojiTokensBecomeTokenCodePoints) {
    const auto rs = compile("intent i\nrule i: 太慢 [:angry:]\n");
    ASSERT_EQ(rs.variants.size(), 1u);
    ASSERT_EQ(rs.variants[0].parts[0].alternatives.size(), 1u);
    const std::u32string expected =
        U"太慢" + std::u32string(1, text::token_code_point(static_cast<std::size_t>(text::token_index("angry"))));
    EXPECT_EQ(rs.variants[0].parts[0].alternatives[0], expected);
    EXPECT_EQ(expected.back(), char32_t{0xF000A});
}

// --- lexicons, names, attributes -----------------------------------------------------------

TEST(RuleCompiler, LexiconPlusEqualsExtends) {
    const auto rs = compile(
        "intent i\n"
        "lexicon l = 甲 | 乙\n"
        "rule i first: @l\n"
        "lexicon l += 丙 | 甲\n"
        "rule i second: @l\n");
    EXPECT_EQ(lexicon(rs, "l"), sorted({"甲", "乙", "丙"}));
    ASSERT_EQ(rs.variants.size(), 2u);
    // A rule sees the lexicon as it was when the rule was compiled.
    EXPECT_EQ(alternatives(rs.variants[0].parts[0]), sorted({"甲", "乙"}));
    EXPECT_EQ(alternatives(rs.variants[1].parts[0]), sorted({"甲", "乙", "丙"}));
}

TEST(RuleCompiler, LexiconsMayReferToLexicons) {
    const auto rs = compile("lexicon a = 甲 | 乙\nlexicon b = @a 丙 | 丁\n");
    EXPECT_EQ(lexicon(rs, "b"), sorted({"甲丙", "乙丙", "丁"}));
}

TEST(RuleCompiler, NegatorLexiconBecomesTheNegatorList) {
    const auto rs = compile("lexicon negator = 不想 | 不要\nlexicon negator += 不用\n");
    strings negators;
    for (const auto& n : rs.negators) negators.push_back(utf8::from_u32(n));
    EXPECT_EQ(negators, sorted({"不想", "不要", "不用"}));
    EXPECT_TRUE(compile("intent i\n").negators.empty());
    const auto with_exceptions = compile("lexicon negator = 没有\nlexicon negator_exception = 有没有 | 是不是\n");
    strings exceptions;
    for (const auto& n : with_exceptions.negator_exceptions) exceptions.push_back(utf8::from_u32(n));
    EXPECT_EQ(exceptions, sorted({"有没有", "是不是"}));
}

TEST(RuleCompiler, RuleNamesDefaultToFileAndLine) {
    const auto rs = compile(
        "intent return\n"
        "# 注释\n"
        "rule return: 退货\n"
        "rule return return_it: 退掉\n"
        "   rule return: 退款\n",
        "shop.kefu");
    ASSERT_EQ(rs.rules.size(), 3u);
    EXPECT_EQ(rs.rules[0].name, "shop.kefu:3");
    EXPECT_EQ(rs.rules[0].location, "shop.kefu:3:1");
    EXPECT_EQ(rs.rules[1].name, "return_it");
    EXPECT_EQ(rs.rules[1].location, "shop.kefu:4:1");
    EXPECT_EQ(rs.rules[2].name, "shop.kefu:5");
    EXPECT_EQ(rs.rules[2].location, "shop.kefu:5:4");
}

TEST(RuleCompiler, RuleAttributesAndIntentDefaults) {
    const auto rs = compile(
        "intent return \"wants to return\" priority 6 negatable\n"
        "intent thanks priority 1\n"
        "rule return: 退货\n"
        "rule return: 退掉 weight 2.5 priority 9 not negatable\n"
        "rule thanks: 谢谢\n"
        "rule thanks: 感谢 negatable priority -2\n");
    ASSERT_EQ(rs.intents.size(), 2u);
    EXPECT_EQ(rs.intents[0].name, "return");
    EXPECT_EQ(rs.intents[0].description, "wants to return");
    EXPECT_EQ(rs.intents[0].priority, 6);
    EXPECT_TRUE(rs.intents[0].negatable);
    EXPECT_EQ(rs.intents[1].priority, 1);
    EXPECT_FALSE(rs.intents[1].negatable);
    ASSERT_EQ(rs.rules.size(), 4u);
    EXPECT_EQ(rs.rules[0].intent, 0u);
    EXPECT_EQ(rs.rules[0].weight, 1.0f);
    EXPECT_EQ(rs.rules[0].priority, 6);
    EXPECT_TRUE(rs.rules[0].negatable);
    EXPECT_EQ(rs.rules[1].weight, 2.5f);
    EXPECT_EQ(rs.rules[1].priority, 9);
    EXPECT_FALSE(rs.rules[1].negatable);
    EXPECT_EQ(rs.rules[2].intent, 1u);
    EXPECT_EQ(rs.rules[2].priority, 1);
    EXPECT_FALSE(rs.rules[2].negatable);
    EXPECT_EQ(rs.rules[3].priority, -2);
    EXPECT_TRUE(rs.rules[3].negatable);
    EXPECT_EQ(rs.find_intent("thanks"), 1);
    EXPECT_EQ(rs.find_intent("nope"), -1);
}

TEST(RuleCompiler, RedeclaringAnIntentMerges) {
    const auto rs = compile(
        "intent bargain \"asks for a discount\" priority 5\n"
        "intent bargain priority 7 negatable\n"
        "intent bargain \"wants it cheaper\"\n");
    ASSERT_EQ(rs.intents.size(), 1u);
    EXPECT_EQ(rs.intents[0].description, "wants it cheaper");
    EXPECT_EQ(rs.intents[0].priority, 7);
    EXPECT_TRUE(rs.intents[0].negatable);
}

TEST(RuleCompiler, RedeclaredIntentPriorityAppliesToItsEarlierRules) {
    // BUG: docs/RULES.md says a second `intent` declaration lets "a shop file
    // change the priority of a default intent", but rule_info.priority (and
    // negatable) is copied from the intent when the rule is compiled, and the
    // classifier ranks by rule_info.priority. Input: base file
    // "intent bargain priority 5 / rule bargain: 便宜", shop file
    // "intent bargain priority 9". Expected rules[0].priority == 9 (and
    // negatable true after "intent bargain negatable"); actual 5 (false), so
    // the shop's redeclaration has no effect on the default rules.
    intent::rule_compiler base;
    base.add_source("default.kefu", "intent bargain priority 5\nrule bargain: 便宜\n");
    intent::rule_compiler shop(std::move(base).finish());
    shop.add_source("shop.kefu", "intent bargain priority 9 negatable\n");
    const auto rs = std::move(shop).finish();
    ASSERT_EQ(rs.rules.size(), 1u);
    EXPECT_EQ(rs.intents[0].priority, 9);
    EXPECT_EQ(rs.rules[0].priority, 9);
    EXPECT_TRUE(rs.rules[0].negatable);
}

TEST(RuleCompiler, ExamplesAreRecorded) {
    const auto rs = compile("intent greeting\nintent bargain\n\nexample bargain: 能便宜点吗\n", "ex.kefu");
    ASSERT_EQ(rs.examples.size(), 1u);
    EXPECT_EQ(rs.examples[0].intent, 1u);
    EXPECT_EQ(rs.examples[0].text, "能便宜点吗");
    EXPECT_EQ(rs.examples[0].location, "ex.kefu:4:1");
}

TEST(RuleCompiler, SeveralFilesShareNames) {
    intent::rule_compiler c;
    c.add_source("a.kefu", "intent i\nlexicon l = 甲\n");
    c.add_source("b.kefu", "lexicon l += 乙\nrule i: @l 丙\n");
    const auto rs = std::move(c).finish();
    ASSERT_EQ(rs.rules.size(), 1u);
    EXPECT_EQ(rs.rules[0].name, "b.kefu:2");
    EXPECT_EQ(alternatives(rs.variants[0].parts[0]), sorted({"甲丙", "乙丙"}));
}

TEST(RuleCompiler, SeededCompilerUsesTheBaseLexiconsAndIntents) {
    intent::rule_compiler base_compiler;
    base_compiler.add_source("default.kefu",
                             "intent bargain priority 5\n"
                             "lexicon cheaper = 便宜 | 优惠\n"
                             "lexicon negator = 不要\n"
                             "option negation_window = 2\n"
                             "rule bargain: @cheaper 点\n");
    const intent::rule_set base = std::move(base_compiler).finish();

    intent::rule_compiler shop(base);
    shop.add_source("shop.kefu",
                    "lexicon cheaper += 抹零\n"
                    "intent gift \"asks for a gift\"\n"
                    "rule gift: 送 @cheaper\n"
                    "rule bargain: 再 @cheaper\n");
    const auto rs = std::move(shop).finish();

    ASSERT_EQ(rs.intents.size(), 2u);
    EXPECT_EQ(rs.intents[0].name, "bargain");
    EXPECT_EQ(rs.intents[1].name, "gift");
    ASSERT_EQ(rs.rules.size(), 3u);
    EXPECT_EQ(rs.rules[0].name, "default.kefu:5");
    EXPECT_EQ(rs.rules[1].name, "shop.kefu:3");
    EXPECT_EQ(rs.rules[1].intent, 1u);
    EXPECT_EQ(rs.rules[2].intent, 0u);
    EXPECT_EQ(rs.rules[2].priority, 5);
    ASSERT_EQ(rs.variants.size(), 3u);
    EXPECT_EQ(rs.variants[0].rule, 0u);
    EXPECT_EQ(rs.variants[1].rule, 1u);
    EXPECT_EQ(rs.variants[2].rule, 2u);
    EXPECT_EQ(alternatives(rs.variants[0].parts[0]), sorted({"便宜点", "优惠点"}));
    EXPECT_EQ(alternatives(rs.variants[1].parts[0]), sorted({"送便宜", "送优惠", "送抹零"}));
    EXPECT_EQ(alternatives(rs.variants[2].parts[0]), sorted({"再便宜", "再优惠", "再抹零"}));
    EXPECT_EQ(lexicon(rs, "cheaper"), sorted({"便宜", "优惠", "抹零"}));
    ASSERT_EQ(rs.negators.size(), 1u);
    EXPECT_EQ(rs.negators[0], U"不要");
    EXPECT_EQ(rs.negation_window, 2u);
    // The base itself is unchanged.
    EXPECT_EQ(base.rules.size(), 1u);
    EXPECT_EQ(base.lexicons.at("cheaper").size(), 2u);
}

TEST(RuleCompiler, SeededCompilerStillRejectsRedefinition) {
    intent::rule_compiler base_compiler;
    base_compiler.add_source("default.kefu", "lexicon cheaper = 便宜\n");
    intent::rule_compiler shop(std::move(base_compiler).finish());
    try {
        shop.add_source("shop.kefu", "\nlexicon cheaper = 优惠\n");
        FAIL() << "no error";
    } catch (const kefu::error& e) {
        EXPECT_EQ(e.code(), KEFU_EPARSE);
        EXPECT_EQ(e.file(), "shop.kefu");
        EXPECT_EQ(e.line(), 2u);
        EXPECT_EQ(e.column(), 1u);
    }
}

}  // namespace

// The rules-language parser (docs/RULES.md): every statement kind, the
// pattern elements, and the position and wording of syntax errors.
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "dsl/parser.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace {

namespace dsl = kefu::detail::dsl;
namespace ast = kefu::detail::dsl::ast;
namespace x3 = boost::spirit::x3;

template <typename T>
const T& as(const ast::statement& s) {
    const T* p = boost::get<T>(&s.get());
    if (!p) throw std::logic_error("statement is of another kind");
    return *p;
}

template <typename T>
const T* element_as(const ast::item& item) {
    return boost::get<T>(&item.value.get());
}

const ast::group* group_of(const ast::item& item) {
    const auto* g = boost::get<x3::forward_ast<ast::group>>(&item.value.get());
    return g ? &g->get() : nullptr;
}

std::string literal_text(const ast::item& item) {
    const auto* lit = element_as<ast::literal>(item);
    if (!lit) throw std::logic_error("item is not a literal");
    return lit->text;
}

// The error a text must raise; fails the test when it parses.
kefu::error parse_error(const std::string& name, const std::string& text) {
    try {
        dsl::parse_rules(name, text);
    } catch (const kefu::error& e) {
        return e;
    }
    ADD_FAILURE() << "no error for: " << text;
    return kefu::error(KEFU_OK, "");
}

void expect_syntax_error(const std::string& text, std::uint32_t line, std::uint32_t column,
                         const std::string& must_contain) {
    SCOPED_TRACE(text);
    const kefu::error e = parse_error("shop.kefu", text);
    EXPECT_EQ(e.code(), KEFU_EPARSE) << e.what();
    EXPECT_EQ(e.file(), "shop.kefu");
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_NE(std::string(e.what()).find(must_contain), std::string::npos) << e.what();
    const std::string prefix = "shop.kefu:" + std::to_string(line) + ":" + std::to_string(column) + ": error: ";
    EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << e.what();
}

// --- statements --------------------------------------------------------------

TEST(DslParser, IntentWithDescriptionPriorityAndNegatable) {
    const auto f = dsl::parse_rules("a.kefu", "intent return \"wants to return the item\" priority 6 negatable\n");
    ASSERT_EQ(f.statements.size(), 1u);
    const auto& s = as<ast::intent_statement>(f.statements[0]);
    EXPECT_EQ(s.name, "return");
    ASSERT_TRUE(s.description);
    EXPECT_EQ(*s.description, "wants to return the item");
    ASSERT_EQ(s.attributes.size(), 2u);
    EXPECT_EQ(s.attributes[0].key, "priority");
    ASSERT_TRUE(s.attributes[0].value);
    EXPECT_EQ(*s.attributes[0].value, 6.0);
    EXPECT_EQ(s.attributes[1].key, "negatable");
    EXPECT_FALSE(s.attributes[1].value);
}

TEST(DslParser, BareIntent) {
    const auto f = dsl::parse_rules("a.kefu", "intent greeting");  // no final newline
    ASSERT_EQ(f.statements.size(), 1u);
    const auto& s = as<ast::intent_statement>(f.statements[0]);
    EXPECT_EQ(s.name, "greeting");
    EXPECT_FALSE(s.description);
    EXPECT_TRUE(s.attributes.empty());
}

TEST(DslParser, NegativePriority) {
    const auto f = dsl::parse_rules("a.kefu", "intent other \"out of scope\" priority -1\n");
    const auto& s = as<ast::intent_statement>(f.statements[0]);
    ASSERT_EQ(s.attributes.size(), 1u);
    EXPECT_EQ(*s.attributes[0].value, -1.0);
}

TEST(DslParser, LexiconDefinitionAndExtension) {
    const auto f = dsl::parse_rules("a.kefu",
                                    "lexicon cheaper = 便宜 | 优惠 | 打个折\n"
                                    "lexicon cheaper += 少点 | 抹 零\n");
    ASSERT_EQ(f.statements.size(), 2u);
    const auto& def = as<ast::lexicon_statement>(f.statements[0]);
    EXPECT_EQ(def.name, "cheaper");
    EXPECT_EQ(def.op, "=");
    ASSERT_EQ(def.alternatives.size(), 3u);
    ASSERT_EQ(def.alternatives[0].size(), 1u);
    EXPECT_EQ(literal_text(def.alternatives[0][0]), "便宜");
    EXPECT_EQ(literal_text(def.alternatives[1][0]), "优惠");
    EXPECT_EQ(literal_text(def.alternatives[2][0]), "打个折");
    const auto& ext = as<ast::lexicon_statement>(f.statements[1]);
    EXPECT_EQ(ext.name, "cheaper");
    EXPECT_EQ(ext.op, "+=");
    ASSERT_EQ(ext.alternatives.size(), 2u);
    ASSERT_EQ(ext.alternatives[1].size(), 2u);  // two literals written apart
    EXPECT_EQ(literal_text(ext.alternatives[1][0]), "抹");
    EXPECT_EQ(literal_text(ext.alternatives[1][1]), "零");
}

TEST(DslParser, NamedRuleWithAllAttributes) {
    const auto f =
        dsl::parse_rules("a.kefu", "rule bargain cheaper_please: @can {0,4} @cheaper weight 2.5 priority 7 not negatable\n");
    ASSERT_EQ(f.statements.size(), 1u);
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    EXPECT_EQ(r.intent, "bargain");
    ASSERT_TRUE(r.name);
    EXPECT_EQ(*r.name, "cheaper_please");
    ASSERT_EQ(r.pattern.size(), 3u);
    ASSERT_TRUE(element_as<ast::lexicon_ref>(r.pattern[0]));
    EXPECT_EQ(element_as<ast::lexicon_ref>(r.pattern[0])->name, "can");
    const auto* g = element_as<ast::gap>(r.pattern[1]);
    ASSERT_TRUE(g);
    EXPECT_EQ(g->min.value_or(99), 0u);
    EXPECT_TRUE(g->has_comma);
    EXPECT_EQ(g->max.value_or(99), 4u);
    EXPECT_EQ(element_as<ast::lexicon_ref>(r.pattern[2])->name, "cheaper");
    ASSERT_EQ(r.attributes.size(), 3u);
    EXPECT_EQ(r.attributes[0].key, "weight");
    EXPECT_EQ(*r.attributes[0].value, 2.5);
    EXPECT_EQ(r.attributes[1].key, "priority");
    EXPECT_EQ(*r.attributes[1].value, 7.0);
    EXPECT_EQ(r.attributes[2].key, "not negatable");
    EXPECT_FALSE(r.attributes[2].value);
}

TEST(DslParser, UnnamedNegatableRule) {
    const auto f = dsl::parse_rules("a.kefu", "rule return: 退货 negatable\n");
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    EXPECT_EQ(r.intent, "return");
    EXPECT_FALSE(r.name);
    ASSERT_EQ(r.pattern.size(), 1u);
    EXPECT_EQ(literal_text(r.pattern[0]), "退货");
    ASSERT_EQ(r.attributes.size(), 1u);
    EXPECT_EQ(r.attributes[0].key, "negatable");
}

TEST(DslParser, NotNegatableMayBeSpacedWithTabs) {
    const auto f = dsl::parse_rules("a.kefu", "rule return: 退货 not\t  negatable\n");
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    ASSERT_EQ(r.attributes.size(), 1u);
    EXPECT_EQ(r.attributes[0].key, "not negatable");
}

TEST(DslParser, ExampleKeepsTheTextToTheEndOfTheLine) {
    const auto f = dsl::parse_rules("a.kefu", "example bargain:   能便宜点吗？ 亲 xl\nintent x\n");
    ASSERT_EQ(f.statements.size(), 2u);
    const auto& e = as<ast::example_statement>(f.statements[0]);
    EXPECT_EQ(e.intent, "bargain");
    EXPECT_EQ(e.text, "能便宜点吗？ 亲 xl");
}

TEST(DslParser, Option) {
    const auto f = dsl::parse_rules("a.kefu", "option negation_window = 5\n");
    const auto& o = as<ast::option_statement>(f.statements[0]);
    EXPECT_EQ(o.name, "negation_window");
    EXPECT_EQ(o.value, 5.0);
}

TEST(DslParser, CommentsBlankLinesAndCrLf) {
    const auto f = dsl::parse_rules("a.kefu",
                                    "# 头部注释\n"
                                    "\n"
                                    "   \t\n"
                                    "intent greeting   # 问候\r\n"
                                    "    # indented comment\n"
                                    "rule greeting: 你好 # 注释 with (unbalanced\r\n"
                                    "\n\n");
    ASSERT_EQ(f.statements.size(), 2u);
    EXPECT_EQ(as<ast::intent_statement>(f.statements[0]).name, "greeting");
    const auto& r = as<ast::rule_statement>(f.statements[1]);
    ASSERT_EQ(r.pattern.size(), 1u);
    EXPECT_EQ(literal_text(r.pattern[0]), "你好");
    EXPECT_TRUE(r.attributes.empty());
}

TEST(DslParser, EmptyAndCommentOnlyFilesHaveNoStatements) {
    EXPECT_TRUE(dsl::parse_rules("a.kefu", "").statements.empty());
    EXPECT_TRUE(dsl::parse_rules("a.kefu", "# only a comment").statements.empty());
    EXPECT_TRUE(dsl::parse_rules("a.kefu", "\n\n  \n").statements.empty());
}

TEST(DslParser, BackslashContinuesTheLine) {
    const auto f = dsl::parse_rules("a.kefu",
                                    "rule bargain: 便宜 \\\n"
                                    "      (点 | 些) \\   \n"
                                    "      weight 2\n"
                                    "intent after\n");
    ASSERT_EQ(f.statements.size(), 2u);
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    ASSERT_EQ(r.pattern.size(), 2u);
    EXPECT_EQ(literal_text(r.pattern[0]), "便宜");
    const ast::group* g = group_of(r.pattern[1]);
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->alternatives.size(), 2u);
    ASSERT_EQ(r.attributes.size(), 1u);
    EXPECT_EQ(r.attributes[0].key, "weight");
    EXPECT_EQ(*r.attributes[0].value, 2.0);
    EXPECT_EQ(as<ast::intent_statement>(f.statements[1]).name, "after");
}

TEST(DslParser, BackslashContinuesAnExample) {
    // BUG: "A line ending in \\ continues on the next line" (docs/RULES.md)
    // does not hold for `example`: its text runs to the end of the physical
    // line and swallows the backslash. Input "example greeting: 你好 \\" +
    // newline + "  在吗" + newline. Expected: one example statement whose text
    // is "你好 在吗" (the continued line joined). Actual: the example text is
    // "你好 \\" and line 2 fails with "expected a statement".
    const auto f = dsl::parse_rules("a.kefu", "example greeting: 你好 \\\n  在吗\nintent greeting\n");
    ASSERT_EQ(f.statements.size(), 2u);
    const auto& e = as<ast::example_statement>(f.statements[0]);
    EXPECT_EQ(e.text.find('\\'), std::string::npos) << e.text;
    EXPECT_EQ(e.text.rfind("你好", 0), 0u) << e.text;
    EXPECT_NE(e.text.find("在吗"), std::string::npos) << e.text;
}

TEST(DslParser, BackslashContinuesALexicon) {
    const auto f = dsl::parse_rules("a.kefu", "lexicon l = 甲 | \\\n  乙 | 丙\n");
    const auto& l = as<ast::lexicon_statement>(f.statements[0]);
    ASSERT_EQ(l.alternatives.size(), 3u);
    EXPECT_EQ(literal_text(l.alternatives[1][0]), "乙");
}

TEST(DslParser, QuotedLiteralsWithEscapes) {
    const auto f = dsl::parse_rules("a.kefu", R"x(rule greeting: "在吗?" "a\"b\\c" "# not a comment" "(|)")x" "\n");
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    ASSERT_EQ(r.pattern.size(), 4u);
    EXPECT_EQ(literal_text(r.pattern[0]), "在吗?");
    EXPECT_EQ(literal_text(r.pattern[1]), "a\"b\\c");
    EXPECT_EQ(literal_text(r.pattern[2]), "# not a comment");
    EXPECT_EQ(literal_text(r.pattern[3]), "(|)");
    for (const auto& item : r.pattern) EXPECT_FALSE(item.optional);
}

TEST(DslParser, EmojiTokens) {
    const auto f = dsl::parse_rules("a.kefu", "rule complaint: 太慢了 [:angry:] [:broken_heart:]?\n");
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    ASSERT_EQ(r.pattern.size(), 3u);
    ASSERT_TRUE(element_as<ast::emoji_token>(r.pattern[1]));
    EXPECT_EQ(element_as<ast::emoji_token>(r.pattern[1])->name, "angry");
    EXPECT_FALSE(r.pattern[1].optional);
    ASSERT_TRUE(element_as<ast::emoji_token>(r.pattern[2]));
    EXPECT_EQ(element_as<ast::emoji_token>(r.pattern[2])->name, "broken_heart");
    EXPECT_TRUE(r.pattern[2].optional);
}

TEST(DslParser, GapForms) {
    const auto f = dsl::parse_rules("a.kefu", "rule x: a {2} b {0,4} c {,3} d { 1 , 5 } e\n");
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    ASSERT_EQ(r.pattern.size(), 9u);
    const auto* exact = element_as<ast::gap>(r.pattern[1]);
    ASSERT_TRUE(exact);
    EXPECT_EQ(exact->min.value_or(99), 2u);
    EXPECT_FALSE(exact->has_comma);
    EXPECT_FALSE(exact->max);
    const auto* range = element_as<ast::gap>(r.pattern[3]);
    ASSERT_TRUE(range);
    EXPECT_EQ(range->min.value_or(99), 0u);
    EXPECT_TRUE(range->has_comma);
    EXPECT_EQ(range->max.value_or(99), 4u);
    const auto* upto = element_as<ast::gap>(r.pattern[5]);
    ASSERT_TRUE(upto);
    EXPECT_FALSE(upto->min);
    EXPECT_TRUE(upto->has_comma);
    EXPECT_EQ(upto->max.value_or(99), 3u);
    const auto* spaced = element_as<ast::gap>(r.pattern[7]);
    ASSERT_TRUE(spaced);
    EXPECT_EQ(spaced->min.value_or(99), 1u);
    EXPECT_EQ(spaced->max.value_or(99), 5u);
}

TEST(DslParser, Anchors) {
    const auto f = dsl::parse_rules("a.kefu", "rule greeting: ^ (在吗 | 你好) $\nrule greeting: ^在吗$\n");
    for (const auto& st : f.statements) {
        const auto& r = as<ast::rule_statement>(st);
        ASSERT_EQ(r.pattern.size(), 3u);
        ASSERT_TRUE(element_as<ast::anchor>(r.pattern[0]));
        EXPECT_EQ(element_as<ast::anchor>(r.pattern[0])->which, '^');
        ASSERT_TRUE(element_as<ast::anchor>(r.pattern[2]));
        EXPECT_EQ(element_as<ast::anchor>(r.pattern[2])->which, '$');
    }
}

TEST(DslParser, OptionalElements) {
    const auto f = dsl::parse_rules("a.kefu", "rule bargain: @can? 便宜 (点 | 些)? \"吧\"? 呀\n");
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    ASSERT_EQ(r.pattern.size(), 5u);
    EXPECT_TRUE(r.pattern[0].optional);
    EXPECT_TRUE(element_as<ast::lexicon_ref>(r.pattern[0]));
    EXPECT_FALSE(r.pattern[1].optional);
    EXPECT_TRUE(r.pattern[2].optional);
    EXPECT_TRUE(group_of(r.pattern[2]));
    EXPECT_TRUE(r.pattern[3].optional);
    EXPECT_EQ(literal_text(r.pattern[3]), "吧");
    EXPECT_FALSE(r.pattern[4].optional);
}

TEST(DslParser, NestedGroups) {
    const auto f = dsl::parse_rules("a.kefu", "rule x: (a (b | c (d)?)? | e {1,2} f | @g)\n");
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    ASSERT_EQ(r.pattern.size(), 1u);
    const ast::group* outer = group_of(r.pattern[0]);
    ASSERT_TRUE(outer);
    ASSERT_EQ(outer->alternatives.size(), 3u);
    const auto& first = outer->alternatives[0];
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(literal_text(first[0]), "a");
    const ast::group* inner = group_of(first[1]);
    ASSERT_TRUE(inner);
    EXPECT_TRUE(first[1].optional);
    ASSERT_EQ(inner->alternatives.size(), 2u);
    ASSERT_EQ(inner->alternatives[1].size(), 2u);
    EXPECT_EQ(literal_text(inner->alternatives[1][0]), "c");
    const ast::group* innermost = group_of(inner->alternatives[1][1]);
    ASSERT_TRUE(innermost);
    EXPECT_TRUE(inner->alternatives[1][1].optional);
    EXPECT_EQ(literal_text(innermost->alternatives[0][0]), "d");
    const auto& second = outer->alternatives[1];
    ASSERT_EQ(second.size(), 3u);
    EXPECT_TRUE(element_as<ast::gap>(second[1]));
    ASSERT_EQ(outer->alternatives[2].size(), 1u);
    EXPECT_EQ(element_as<ast::lexicon_ref>(outer->alternatives[2][0])->name, "g");
}

TEST(DslParser, LiteralsStopAtSpecialCharacters) {
    const auto f = dsl::parse_rules("a.kefu", "rule x: xl12315退货?号\n");
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    ASSERT_EQ(r.pattern.size(), 2u);
    EXPECT_EQ(literal_text(r.pattern[0]), "xl12315退货");
    EXPECT_TRUE(r.pattern[0].optional);
    EXPECT_EQ(literal_text(r.pattern[1]), "号");
}

TEST(DslParser, KeywordsAreWholeWords) {
    // `weighty` is literal text, not the attribute `weight`.
    const auto f = dsl::parse_rules("a.kefu", "rule x: weighty notable\n");
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    ASSERT_EQ(r.pattern.size(), 2u);
    EXPECT_EQ(literal_text(r.pattern[0]), "weighty");
    EXPECT_EQ(literal_text(r.pattern[1]), "notable");
    EXPECT_TRUE(r.attributes.empty());
}

TEST(DslParser, NodePositionsAreInCodePoints) {
    const auto f = dsl::parse_rules("a.kefu", "# 注释\n  rule x: 退货 @l\n");
    ASSERT_EQ(f.statements.size(), 1u);
    const auto& r = as<ast::rule_statement>(f.statements[0]);
    const dsl::position rule_pos = f.src->where(r);
    EXPECT_EQ(rule_pos.line, 2u);
    EXPECT_EQ(rule_pos.column, 3u);
    const dsl::position ref_pos = f.src->where(r.pattern[1]);
    EXPECT_EQ(ref_pos.line, 2u);
    EXPECT_EQ(ref_pos.column, 14u);  // "  rule x: 退货 " is 13 code points
    EXPECT_EQ(f.src->location(r.pattern[1]), "a.kefu:2:14");
}

// --- syntax errors -------------------------------------------------------------

TEST(DslParserErrors, UnclosedGroup) {
    // Line 2 holds 22 code points (66 bytes would give a larger column).
    expect_syntax_error("# 砍价\nrule bargain: (便宜 | 优惠\nintent x\n", 2, 23, "expected ')'");
    const kefu::error e = parse_error("shop.kefu", "# 砍价\nrule bargain: (便宜 | 优惠\n");
    EXPECT_NE(std::string(e.what()).find("end of line"), std::string::npos) << e.what();
}

TEST(DslParserErrors, UnclosedGroupAtEndOfFile) {
    expect_syntax_error("rule bargain: (便宜 | 优惠", 1, 23, "expected ')'");
    const kefu::error e = parse_error("shop.kefu", "rule bargain: (便宜 | 优惠");
    EXPECT_NE(std::string(e.what()).find("end of file"), std::string::npos) << e.what();
}

TEST(DslParserErrors, MissingColonInRule) {
    expect_syntax_error("intent bargain\nrule bargain cheaper 便宜\n", 2, 22, "expected ':'");
}

TEST(DslParserErrors, MissingColonInExample) {
    expect_syntax_error("example greeting 你好\n", 1, 18, "expected ':'");
}

TEST(DslParserErrors, BadGap) {
    // "rule bargain: 便宜 {" is 18 code points: the error is at 'X', column 19
    // (a lower-case word there is a character class: {digits 3}).
    expect_syntax_error("rule bargain: 便宜 {X} 点\n", 1, 19, "expected '}'");
    expect_syntax_error("rule bargain: 便宜 {1,2,3} 点\n", 1, 22, "expected '}'");
    expect_syntax_error("rule bargain: 便宜 {0,4 点\n", 1, 23, "expected '}'");
}

TEST(DslParserErrors, UnknownStatementWord) {
    expect_syntax_error("intent a\nrules a: 退货\n", 2, 1, "expected a statement");
    expect_syntax_error("intent a\n   Rule a: 退货\n", 2, 4, "expected a statement");
    expect_syntax_error("退货\n", 1, 1, "expected a statement");
}

TEST(DslParserErrors, GarbageAfterAStatement) {
    // `intent bargain "砍价" priority 5 ` is 31 code points.
    expect_syntax_error("intent bargain \"砍价\" priority 5 garbage\n", 1, 32, "expected the end of the statement");
    expect_syntax_error("option negation_window = 3 4\n", 1, 28, "expected the end of the statement");
    expect_syntax_error("rule x: 退货 weight 2 )\n", 1, 21, "expected the end of the statement");
}

TEST(DslParserErrors, UnclosedQuote) {
    expect_syntax_error("rule x: \"在吗\n", 1, 12, "expected");
}

TEST(DslParserErrors, BadEscape) {
    expect_syntax_error("rule x: \"在\\n\"\n", 1, 12, "expected");
}

TEST(DslParserErrors, LexiconReferenceWithoutName) {
    expect_syntax_error("rule x: 退货 @\n", 1, 13, "expected identifier");
    expect_syntax_error("rule x: 退货 @了\n", 1, 13, "expected identifier");
}

TEST(DslParserErrors, ColumnPointsAtTheOffendingTextNotAtTheBlankBeforeIt) {
    // BUG: when an expected sub-rule (identifier, pattern, ...) fails after
    // blanks, the error is placed on the blank before the offending text,
    // because X3 rules restore the iterator on failure. Input "rule x: 退货 @ 了":
    // expected column 14 (at '了'), actual 13 (the blank; message "found ' 了'").
    // Input "intent 退货": expected column 8, actual 7.
    expect_syntax_error("rule x: 退货 @ 了\n", 1, 14, "expected identifier");
    expect_syntax_error("intent 退货\n", 1, 8, "expected identifier");
    expect_syntax_error("rule 退货: 甲\n", 1, 6, "expected identifier");
}

TEST(DslParserErrors, UnclosedGroupNamesWhereTheGroupOpened) {
    // BUG (message differs from docs/RULES.md, which shows "expected ')' to
    // close the group opened at 12:9, found end of line"). Input line 2
    // "rule bargain: (便宜 | 优惠": expected a message containing
    // "to close the group opened at 2:15"; actual
    // "shop.kefu:2:23: error: expected ')', found end of line".
    expect_syntax_error("# 砍价\nrule bargain: (便宜 | 优惠\n", 2, 23, "to close the group opened at 2:15");
}

TEST(DslParserErrors, LexiconWithoutOperator) {
    expect_syntax_error("lexicon l 甲 | 乙\n", 1, 11, "expected");
}

TEST(DslParserErrors, EmptyAlternative) {
    // The list of alternatives ends before the '|', so a ')' is expected there.
    expect_syntax_error("rule x: (甲 | )\n", 1, 12, "expected ')'");
}

TEST(DslParserErrors, RuleWithoutPattern) {
    expect_syntax_error("rule x:\n", 1, 8, "expected");
}

TEST(DslParserErrors, ErrorOnTheLastOfManyLines) {
    std::string text;
    for (int i = 0; i < 50; ++i) text += "rule x: 退货 # 第" + std::to_string(i) + "行\n";
    text += "rule x: (退货\n";
    expect_syntax_error(text, 51, 12, "expected ')'");
}

TEST(DslParserErrors, ContinuedLineReportsThePhysicalLine) {
    expect_syntax_error("rule x: 退货 \\\n   (换货\n", 2, 7, "expected ')'");
}

TEST(DslParserErrors, InvalidUtf8IsRejected) {
    const std::string text = "intent a\nrule a: 退\xFF货\n";
    const kefu::error e = parse_error("bad.kefu", text);
    EXPECT_EQ(e.code(), KEFU_EPARSE);
    EXPECT_EQ(e.file(), "bad.kefu");
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), 10u);
    EXPECT_EQ(e.byte_offset(), 20);
    EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos) << e.what();
}

TEST(DslParserErrors, InvalidUtf8InACommentIsRejectedToo) {
    const kefu::error e = parse_error("bad.kefu", "# \xE9\x80 truncated\nintent a\n");
    EXPECT_EQ(e.code(), KEFU_EPARSE);
    EXPECT_EQ(e.line(), 1u);
    EXPECT_EQ(e.column(), 3u);
}

TEST(DslParserErrors, OverlongEncodingIsRejected) {
    const kefu::error e = parse_error("bad.kefu", "intent a\xC0\xAF\n");
    EXPECT_EQ(e.code(), KEFU_EPARSE);
    EXPECT_EQ(e.line(), 1u);
    EXPECT_EQ(e.column(), 9u);
}

TEST(DslParserLimits, FileOfExactlyFourMiBIsAccepted) {
    std::string text = "intent a\n# ";
    text.resize(dsl::max_file_bytes, 'x');
    const auto f = dsl::parse_rules("big.kefu", text);
    EXPECT_EQ(f.statements.size(), 1u);
}

TEST(DslParserLimits, FileOverFourMiBIsALimitError) {
    std::string text = "intent a\n# ";
    text.resize(dsl::max_file_bytes + 1, 'x');
    const kefu::error e = parse_error("big.kefu", text);
    EXPECT_EQ(e.code(), KEFU_ELIMIT);
    EXPECT_EQ(e.file(), "big.kefu");
    EXPECT_NE(std::string(e.what()).find("big.kefu"), std::string::npos);
}

TEST(DslParserLimits, TooManyStatements) {
    std::string text;
    text.reserve(dsl::max_statements * 9 + 9);
    for (std::size_t i = 0; i < dsl::max_statements; ++i) text += "intent a\n";
    EXPECT_EQ(dsl::parse_rules("many.kefu", text).statements.size(), dsl::max_statements);
    text += "intent b\n";
    const kefu::error e = parse_error("many.kefu", text);
    EXPECT_EQ(e.code(), KEFU_ELIMIT);
    EXPECT_EQ(e.file(), "many.kefu");
}

// Nesting deeper than max_nesting is a limit error at the first level too
// deep, found while parsing: before the limit, 20,000 nested "(" overflowed
// the stack (the parser recurses once per level).
TEST(DslParserLimits, NestingDepthIsBounded) {
    const auto nested = [](std::size_t depth) {
        return "intent a\nrule a: " + std::string(depth, '(') + "好" + std::string(depth, ')') + "\n";
    };
    EXPECT_EQ(dsl::parse_rules("deep.kefu", nested(dsl::max_nesting)).statements.size(), 2u);
    for (std::size_t depth : {std::size_t{dsl::max_nesting + 1}, std::size_t{20000}}) {
        const kefu::error e = parse_error("deep.kefu", nested(depth));
        EXPECT_EQ(e.code(), KEFU_ELIMIT) << e.what();
        EXPECT_EQ(e.file(), "deep.kefu");
        EXPECT_EQ(e.line(), 2u);
        EXPECT_EQ(e.column(), 10u + dsl::max_nesting) << e.what();  // just inside the first "(" too many
        EXPECT_NE(std::string(e.what()).find("nest more than 64 deep"), std::string::npos) << e.what();
    }
}

TEST(DslParserLimits, NestingInFlowExpressionsIsBounded) {
    const std::string head = "flow f\nslot n: number = 0\nstate s initial\nstate e final\nfrom s on message when ";
    const std::string deep[] = {
        std::string(20000, '(') + "true" + std::string(20000, ')'),  // parentheses
        [] { std::string t; for (int i = 0; i < 20000; ++i) t += "not "; return t + "true"; }(),
        [] { std::string t; for (int i = 0; i < 20000; ++i) t += "- "; return t + "1 > 0"; }(),
        [] { std::string t; for (int i = 0; i < 20000; ++i) t += "min(1, "; return t + "1" + std::string(20000, ')') + " > 0"; }(),
    };
    for (const std::string& guard : deep) {
        const kefu::error e = parse_error("deep.kefu", head + guard + " -> e\n");
        EXPECT_EQ(e.code(), KEFU_ELIMIT) << e.what();
        EXPECT_EQ(e.line(), 5u) << e.what();
    }
    EXPECT_EQ(dsl::parse_rules("ok.kefu", head + std::string(64, '(') + "true" + std::string(64, ')') + " -> e\n")
                  .statements.size(),
              5u);
}

}  // namespace

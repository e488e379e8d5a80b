// Definitions of the rule-file grammar (docs/RULES.md). Included only by
// grammar.cpp, so Spirit is compiled once.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/annotate_on_success.hpp>

#include "dsl/ast.hpp"
#include "dsl/ast_adapted.hpp"
#include "dsl/grammar.hpp"

namespace kefu::detail::dsl::grammar {

using x3::attr;
using x3::char_;
using x3::double_;
using x3::eoi;
using x3::eol;
using x3::lexeme;
using x3::lit;
using x3::uint_;

// Characters with a meaning in patterns; everything else is literal text.
inline constexpr char special_chars[] = "@()|?{}^$\"#:\\ \t\r\n";

// A keyword is a whole word: `rule` does not match the start of `rules`.
inline auto keyword(const char* word) { return lexeme[lit(word) >> !char_("a-z0-9_")]; }

struct identifier_class;
struct quoted_class;
struct bare_text_class;
struct token_name_class;
struct alternatives_class;
struct literal_class;
struct lexicon_ref_class;
struct emoji_token_class;
struct gap_class;
struct anchor_class;
struct item_class;
struct sequence_class;
struct group_class;
struct attribute_class;
struct intent_class;
struct lexicon_class;
struct rule_class;
struct example_class;
struct option_class;
struct template_class;
struct template_key_class;

x3::rule<identifier_class, std::string> const identifier = "identifier";
x3::rule<quoted_class, std::string> const quoted = "quoted text";
x3::rule<bare_text_class, std::string> const bare_text = "literal";
x3::rule<token_name_class, std::string> const token_name = "emoji token";
x3::rule<alternatives_class, std::vector<ast::sequence>> const alternatives = "alternatives";
x3::rule<literal_class, ast::literal> const literal = "literal";
x3::rule<lexicon_ref_class, ast::lexicon_ref> const lexicon_ref = "lexicon reference";
x3::rule<emoji_token_class, ast::emoji_token> const emoji_token = "emoji token";
x3::rule<gap_class, ast::gap> const gap = "gap";
x3::rule<anchor_class, ast::anchor> const anchor = "anchor";
x3::rule<item_class, ast::item> const item = "pattern element";
x3::rule<sequence_class, ast::sequence> const sequence = "pattern";
x3::rule<group_class, ast::group> const group = "group";
x3::rule<attribute_class, ast::attribute> const attribute = "attribute";
x3::rule<intent_class, ast::intent_statement> const intent_statement = "intent statement";
x3::rule<lexicon_class, ast::lexicon_statement> const lexicon_statement = "lexicon statement";
x3::rule<rule_class, ast::rule_statement> const rule_statement = "rule statement";
x3::rule<example_class, ast::example_statement> const example_statement = "example statement";
x3::rule<option_class, ast::option_statement> const option_statement = "option statement";
x3::rule<template_class, ast::template_statement> const template_statement = "template statement";
x3::rule<template_key_class, std::string> const template_key = "template key";

skipper_type const skipper = "skipper";
statement_type const statement = "statement";

auto const skipper_def = char_(" \t") | (lit('\\') >> *char_(" \t") >> eol) | (lit('#') >> *(char_ - eol));

auto const identifier_def = lexeme[char_("a-z_") >> *char_("a-z0-9_")];

auto const escaped = lit('\\') > char_("\"\\");
auto const quoted_def = lexeme[lit('"') > *(escaped | (char_ - char_("\"\\\r\n"))) > lit('"')];

auto const attribute_keyword = keyword("weight") | keyword("priority") | keyword("negatable") | keyword("not");
auto const bare_text_def = lexeme[!attribute_keyword >> +(char_ - char_(special_chars))];
auto const literal_def = quoted | bare_text;

auto const lexicon_ref_def = lit('@') > identifier;
auto const token_name_def = lexeme[lit("[:") >> +char_("a-z_") >> lit(":]")];
auto const emoji_token_def = token_name;

auto const gap_bound = -uint_;
auto const gap_def = lit('{') > gap_bound > x3::matches[lit(',')] > gap_bound > lit('}');

auto const anchor_def = char_("^$");

auto const element = emoji_token | lexicon_ref | group | gap | anchor | literal;
auto const item_def = element >> x3::matches[lit('?')];
auto const sequence_def = +item;
auto const alternatives_def = sequence % '|';
auto const group_def = lit('(') > alternatives > lit(')');

auto const not_negatable = lit("not") >> x3::omit[+char_(" \t")] >> lit("negatable") >> attr(std::string("not negatable"));
auto const attribute_name = not_negatable | x3::string("weight") | x3::string("priority") | x3::string("negatable");
auto const attribute_def = lexeme[attribute_name >> !char_("a-z0-9_")] >> -double_;

auto const intent_statement_def = keyword("intent") > identifier > -quoted > *attribute;
auto const lexicon_op = x3::string("+=") | x3::string("=");
auto const lexicon_statement_def = keyword("lexicon") > identifier > lexicon_op > alternatives;
auto const rule_statement_def = keyword("rule") > identifier > -identifier > lit(':') > sequence > *attribute;
// Example text runs to the end of the line; a `\` at the end of a line
// continues it (the line break reads as a space).
auto const example_continuation = x3::omit[lit('\\') >> *char_(" \t") >> eol] >> attr(' ');
auto const example_text = lexeme[+(example_continuation | (char_ - eol))];
auto const example_statement_def = keyword("example") > identifier > lit(':') > example_text;
auto const option_statement_def = keyword("option") > identifier > lit('=') > double_;
auto const template_key_def = lexeme[char_("a-z_") >> *(char_("a-z0-9_") | (char_('.') >> &char_("a-z_")))];
auto const template_statement_def = keyword("template") > template_key > -(keyword("style") > identifier) > lit(':')
                                    > quoted;

auto const statement_def =
    intent_statement | lexicon_statement | rule_statement | example_statement | option_statement | template_statement;

BOOST_SPIRIT_DEFINE(skipper, statement, identifier, quoted, bare_text, token_name, alternatives, literal, lexicon_ref, emoji_token, gap, anchor, item,
                    sequence, group, attribute, intent_statement, lexicon_statement, rule_statement,
                    example_statement, option_statement, template_key, template_statement)

// Nodes that record their source position (for file:line:col in errors).
struct literal_class : x3::annotate_on_success {};
struct lexicon_ref_class : x3::annotate_on_success {};
struct emoji_token_class : x3::annotate_on_success {};
struct gap_class : x3::annotate_on_success {};
struct anchor_class : x3::annotate_on_success {};
struct item_class : x3::annotate_on_success {};
struct group_class : x3::annotate_on_success {};
struct attribute_class : x3::annotate_on_success {};
struct intent_class : x3::annotate_on_success {};
struct lexicon_class : x3::annotate_on_success {};
struct rule_class : x3::annotate_on_success {};
struct example_class : x3::annotate_on_success {};
struct option_class : x3::annotate_on_success {};
struct template_class : x3::annotate_on_success {};

}  // namespace kefu::detail::dsl::grammar

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

// nested[p]: p one level deeper (groups, parentheses, calls, `not`, unary
// minus). The depth is per thread, since one thread parses a file at a time,
// and the guard restores it however p returns (backtracking, exceptions).
inline thread_local unsigned nesting_depth = 0;

template <typename Subject>
struct nested_directive : x3::unary_parser<Subject, nested_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, nested_directive<Subject>>;
    static bool const is_pass_through_unary = true;
    static bool const handles_container = Subject::handles_container;
    constexpr explicit nested_directive(Subject const& inner) : base_type(inner) {}

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext& rcontext,
               Attribute& attribute) const {
        if (nesting_depth >= max_nesting) throw nesting_too_deep{first};
        struct level {
            level() noexcept { ++nesting_depth; }
            ~level() { --nesting_depth; }
            level(const level&) = delete;
            level& operator=(const level&) = delete;
        } const entered;
        return this->subject.parse(first, last, context, rcontext, attribute);
    }
};

struct nested_gen {
    template <typename Subject>
    constexpr nested_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
        Subject const& subject) const {
        return nested_directive<typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(subject));
    }
};
inline constexpr nested_gen nested{};

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
struct number_class;
struct truth_class;
struct clock_class;
struct text_literal_class;
struct reference_class;
struct call_class;
struct negation_class;
struct has_class;
struct minus_class;
struct factor_class;
struct term_class;
struct sum_class;
struct comparison_class;
struct not_level_class;
struct and_level_class;
struct expression_class;
struct flow_class;
struct variable_class;
struct timer_class;
struct state_class;
struct trigger_class;
struct say_class;
struct set_class;
struct schedule_class;
struct cancel_class;
struct offer_class;
struct escalate_class;
struct emit_class;
struct end_class;
struct transition_class;

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

x3::rule<number_class, ast::number_literal> const number = "number";
x3::rule<truth_class, ast::number_literal> const truth = "true or false";
x3::rule<clock_class, ast::clock_literal> const clock = "clock time";
x3::rule<text_literal_class, ast::text_literal> const text_literal = "quoted text";
x3::rule<reference_class, ast::reference> const reference = "name";
x3::rule<call_class, ast::call> const call = "function call";
x3::rule<negation_class, ast::unary> const negation = "negation";
x3::rule<has_class, ast::unary> const has = "has";
x3::rule<minus_class, ast::unary> const minus = "negative value";
x3::rule<factor_class, ast::operand> const factor = "value";
x3::rule<term_class, ast::expression> const term = "value";
x3::rule<sum_class, ast::expression> const sum = "value";
x3::rule<comparison_class, ast::expression> const comparison = "comparison";
x3::rule<not_level_class, ast::operand> const not_level = "condition";
x3::rule<and_level_class, ast::expression> const and_level = "condition";
x3::rule<expression_class, ast::expression> const expression = "expression";
x3::rule<flow_class, ast::flow_statement> const flow_statement = "flow statement";
x3::rule<variable_class, ast::variable_statement> const variable_statement = "policy or slot statement";
x3::rule<timer_class, ast::timer_statement> const timer_statement = "timer statement";
x3::rule<state_class, ast::state_statement> const state_statement = "state statement";
x3::rule<trigger_class, ast::trigger> const trigger = "trigger (intent, event, timer or message)";
x3::rule<say_class, ast::say_action> const say_action = "say";
x3::rule<set_class, ast::set_action> const set_action = "set";
x3::rule<schedule_class, ast::schedule_action> const schedule_action = "schedule";
x3::rule<cancel_class, ast::cancel_action> const cancel_action = "cancel";
x3::rule<offer_class, ast::offer_action> const offer_action = "offer";
x3::rule<escalate_class, ast::escalate_action> const escalate_action = "escalate";
x3::rule<emit_class, ast::emit_action> const emit_action = "emit";
x3::rule<end_class, ast::end_action> const end_action = "end";
x3::rule<transition_class, ast::transition_statement> const transition_statement = "transition";

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
auto const gap_def = lit('{') > -identifier > gap_bound > x3::matches[lit(',')] > gap_bound > lit('}');

auto const anchor_def = char_("^$");

auto const element = emoji_token | lexicon_ref | group | gap | anchor | literal;
auto const item_def = element >> x3::matches[lit('?')];
auto const sequence_def = +item;
auto const alternatives_def = sequence % '|';
auto const group_def = lit('(') > nested[alternatives] > lit(')');

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

// ----------------------------------------------------------------- flows
// A word as a token: `has` does not match the start of `hash`.
auto const word_end = !char_("a-z0-9_");
inline auto word(const char* w) { return lexeme[x3::string(w) >> word_end]; }
auto const reserved = keyword("and") | keyword("or") | keyword("not") | keyword("has") | keyword("do") |
                      keyword("when") | keyword("true") | keyword("false");

// Pins a parser's attribute: X3 otherwise flattens (operator text, operand)
// sequences into one container of characters.
template <typename Attribute>
struct as_tag;
template <typename Attribute, typename Parser>
auto as(Parser p) {
    return x3::rule<as_tag<Attribute>, Attribute>{"operator"} = p;
}
template <typename Operator, typename Operand>
auto operation(Operator op, Operand rhs) {
    return as<ast::operation>(as<std::string>(op) > rhs);
}

// Numbers without sign, infinity or NaN (a minus is an operator).
struct plain_real_policies : x3::ureal_policies<double> {
    template <typename It, typename Attr>
    static bool parse_nan(It&, It const&, Attr&) { return false; }
    template <typename It, typename Attr>
    static bool parse_inf(It&, It const&, Attr&) { return false; }
};
x3::real_parser<double, plain_real_policies> const plain_real;
x3::uint_parser<unsigned, 10, 1, 2> const two_digits;
x3::uint_parser<unsigned, 10, 2, 2> const exactly_two_digits;

auto const unit = x3::string("min") | x3::string("s") | x3::string("h") | x3::string("d");
auto const number_def = lexeme[plain_real >> -as<std::string>(unit >> word_end)];
auto const clock_def = lexeme[two_digits >> lit(':') >> exactly_two_digits];
auto const text_literal_def = quoted;
auto const reference_def = !reserved >> as<std::vector<std::string>>(identifier % '.');
auto const call_def = identifier >> lit('(') >> nested[expression % ','] > lit(')');
auto const negation_def = as<std::string>(word("not")) > nested[not_level];
auto const has_def = as<std::string>(word("has")) > reference;
auto const minus_def = as<std::string>(x3::string("-")) >> nested[factor];
// true and false are numbers with the unit "flag".
auto const truth_def = (x3::omit[word("true")] >> attr(1.0) >> attr(boost::optional<std::string>("flag"))) |
                       (x3::omit[word("false")] >> attr(0.0) >> attr(boost::optional<std::string>("flag")));
auto const factor_def =
    clock | number | truth | text_literal | has | minus | call | reference | (lit('(') > nested[expression] > lit(')'));
auto const mul_op = x3::string("*") | x3::string("/");
auto const add_op = x3::string("+") | (x3::string("-") >> !lit('>'));
auto const compare_op =
    x3::string("==") | x3::string("!=") | x3::string("<=") | x3::string(">=") | x3::string("<") | x3::string(">");
auto const term_def = factor >> *operation(mul_op, factor);
auto const sum_def = term >> *operation(add_op, term);
// Chains (a < b < c) parse and are refused by the flow compiler.
auto const comparison_def = sum >> *operation(compare_op, sum);
auto const not_level_def = negation | comparison;
auto const and_level_def = not_level >> *operation(word("and"), not_level);
auto const expression_def = and_level >> *operation(word("or"), and_level);

auto const flow_statement_def = keyword("flow") > identifier > -quoted;
auto const variable_statement_def =
    (word("policy") | word("slot")) > identifier > lit(':') > identifier > -(lit('=') > expression);
auto const timer_statement_def = keyword("timer") > identifier > -(keyword("for") > identifier);
auto const state_statement_def = keyword("state") > identifier > *(word("initial") | word("final"));
auto const trigger_name = !reserved >> identifier;
auto const trigger_def = (word("intent") | word("event") | word("timer") | word("message")) >
                         ((trigger_name % ',') | attr(std::vector<std::string>{}));
auto const say_action_def = keyword("say") > template_key;
auto const set_action_def = keyword("set") > identifier > lit('=') > expression;
auto const schedule_action_def =
    keyword("schedule") > identifier > keyword("in") > expression > x3::matches[keyword("daytime")];
auto const cancel_action_def = keyword("cancel") > identifier;
auto const offer_action_def = keyword("offer") > identifier > expression;
auto const escalate_action_def = keyword("escalate") > identifier;
auto const emit_action_def = keyword("emit") > identifier > -(keyword("with") > template_key);
auto const end_action_def = keyword("end") >> attr(std::string("end"));
auto const action = say_action | set_action | schedule_action | cancel_action | offer_action | escalate_action |
                    emit_action | end_action;
auto const sources = (lit('*') >> attr(std::vector<std::string>{"*"})) | (identifier % ',');
auto const transition_statement_def = keyword("from") > sources > keyword("on") > trigger >
                                      -(keyword("when") > expression) > lit("->") > identifier >
                                      ((keyword("do") > (action % ';')) | attr(std::vector<ast::action>{}));

auto const statement_def = intent_statement | lexicon_statement | rule_statement | example_statement |
                           option_statement | template_statement | flow_statement | variable_statement |
                           timer_statement | state_statement | transition_statement;

BOOST_SPIRIT_DEFINE(skipper, statement, identifier, quoted, bare_text, token_name, alternatives, literal, lexicon_ref, emoji_token, gap, anchor, item,
                    sequence, group, attribute, intent_statement, lexicon_statement, rule_statement,
                    example_statement, option_statement, template_key, template_statement)
BOOST_SPIRIT_DEFINE(number, truth, clock, text_literal, reference, call, negation, has, minus, factor, term, sum, comparison,
                    not_level, and_level, expression, flow_statement, variable_statement, timer_statement,
                    state_statement, trigger, say_action, set_action, schedule_action, cancel_action, offer_action,
                    escalate_action, emit_action, end_action, transition_statement)

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
struct number_class : x3::annotate_on_success {};
struct clock_class : x3::annotate_on_success {};
struct truth_class : x3::annotate_on_success {};
struct text_literal_class : x3::annotate_on_success {};
struct reference_class : x3::annotate_on_success {};
struct call_class : x3::annotate_on_success {};
struct negation_class : x3::annotate_on_success {};
struct has_class : x3::annotate_on_success {};
struct minus_class : x3::annotate_on_success {};
struct term_class : x3::annotate_on_success {};
struct sum_class : x3::annotate_on_success {};
struct comparison_class : x3::annotate_on_success {};
struct and_level_class : x3::annotate_on_success {};
struct expression_class : x3::annotate_on_success {};
struct flow_class : x3::annotate_on_success {};
struct variable_class : x3::annotate_on_success {};
struct timer_class : x3::annotate_on_success {};
struct state_class : x3::annotate_on_success {};
struct trigger_class : x3::annotate_on_success {};
struct say_class : x3::annotate_on_success {};
struct set_class : x3::annotate_on_success {};
struct schedule_class : x3::annotate_on_success {};
struct cancel_class : x3::annotate_on_success {};
struct offer_class : x3::annotate_on_success {};
struct escalate_class : x3::annotate_on_success {};
struct emit_class : x3::annotate_on_success {};
struct end_class : x3::annotate_on_success {};
struct transition_class : x3::annotate_on_success {};

}  // namespace kefu::detail::dsl::grammar

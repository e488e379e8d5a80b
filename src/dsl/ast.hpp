// The syntax tree of a rule file (docs/RULES.md), as the X3 grammar builds it.
#pragma once

#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include <string>
#include <vector>

namespace kefu::detail::dsl::ast {

namespace x3 = boost::spirit::x3;

// Single-member nodes take their value by assignment: X3 moves a parser's
// attribute into them that way.
struct literal : x3::position_tagged {
    std::string text;  // as written (quotes removed); normalised when compiled
    literal& operator=(std::string value) { text = std::move(value); return *this; }
};

struct lexicon_ref : x3::position_tagged {
    std::string name;
    lexicon_ref& operator=(std::string value) { name = std::move(value); return *this; }
};

struct emoji_token : x3::position_tagged {
    std::string name;  // "angry" for [:angry:]
    emoji_token& operator=(std::string value) { name = std::move(value); return *this; }
};

struct gap : x3::position_tagged {
    boost::optional<std::string> character_class;  // {digits 11,19}; absent: any characters
    boost::optional<unsigned> min;
    boost::optional<unsigned> max;  // absent with a comma: open; absent without: {n}
    bool has_comma = false;
};

struct anchor : x3::position_tagged {
    char which = '^';  // '^' start of message, '$' end of message
    anchor& operator=(char value) { which = value; return *this; }
};

struct group;

struct element : x3::variant<literal, lexicon_ref, emoji_token, gap, anchor, x3::forward_ast<group>> {
    using base_type::base_type;
    using base_type::operator=;
};

struct item : x3::position_tagged {
    element value;
    bool optional = false;
};

using sequence = std::vector<item>;

struct group : x3::position_tagged {
    std::vector<sequence> alternatives;
    group& operator=(std::vector<sequence> value) { alternatives = std::move(value); return *this; }
};

// `weight 2`, `priority 5`, `negatable`, `not negatable`.
struct attribute : x3::position_tagged {
    std::string key;
    boost::optional<double> value;
};

struct intent_statement : x3::position_tagged {
    std::string name;
    boost::optional<std::string> description;
    std::vector<attribute> attributes;
};

struct lexicon_statement : x3::position_tagged {
    std::string name;
    std::string op;  // "=" or "+="
    std::vector<sequence> alternatives;
};

struct rule_statement : x3::position_tagged {
    std::string intent;
    boost::optional<std::string> name;
    sequence pattern;
    std::vector<attribute> attributes;
};

struct example_statement : x3::position_tagged {
    std::string intent;
    std::string text;
};

// `template intent.greeting style warm: "亲，您好呀～"` (docs/TEMPLATES.md).
struct template_statement : x3::position_tagged {
    std::string key;
    boost::optional<std::string> style;
    std::string text;
};

struct option_statement : x3::position_tagged {
    std::string name;
    double value = 0;
};

// ---------------------------------------------------------------- flows
// Expressions of guards and actions (docs/FLOWS.md). Every precedence level
// is an `expression`: a first operand and (operator, operand) pairs.

struct number_literal : x3::position_tagged {
    double value = 0;
    boost::optional<std::string> unit;  // s, min, h, d
};

struct clock_literal : x3::position_tagged {
    unsigned hour = 0;
    unsigned minute = 0;
};

struct text_literal : x3::position_tagged {
    std::string text;
    text_literal& operator=(std::string value) { text = std::move(value); return *this; }
};

struct reference : x3::position_tagged {
    std::vector<std::string> path;  // entity.money → {"entity", "money"}
    reference& operator=(std::vector<std::string> value) { path = std::move(value); return *this; }
};

struct expression;
struct unary;
struct call;

struct operand : x3::variant<number_literal, clock_literal, text_literal, reference, x3::forward_ast<unary>,
                             x3::forward_ast<call>, x3::forward_ast<expression>> {
    using base_type::base_type;
    using base_type::operator=;
};

struct operation {
    std::string op;
    operand rhs;
};

struct expression : x3::position_tagged {
    operand first;
    std::vector<operation> rest;
};

// `not x`, `-x`, `has x`.
struct unary : x3::position_tagged {
    std::string op;
    operand value;
};

struct call : x3::position_tagged {
    std::string name;
    std::vector<expression> arguments;
};

struct flow_statement : x3::position_tagged {
    std::string name;
    boost::optional<std::string> description;
};

// `policy NAME: TYPE [= VALUE]` and `slot NAME: TYPE [= VALUE]`.
struct variable_statement : x3::position_tagged {
    std::string kind;  // "policy" or "slot"
    std::string name;
    std::string type;
    boost::optional<expression> initial;
};

struct timer_statement : x3::position_tagged {
    std::string name;
    boost::optional<std::string> host_action;
};

struct state_statement : x3::position_tagged {
    std::string name;
    std::vector<std::string> flags;  // initial, final
};

struct trigger : x3::position_tagged {
    std::string kind;                // intent, event, timer, message
    std::vector<std::string> names;  // empty for message
};

struct say_action : x3::position_tagged {
    std::string key;
    say_action& operator=(std::string value) { key = std::move(value); return *this; }
};
struct set_action : x3::position_tagged {
    std::string slot;
    expression value;
};
struct schedule_action : x3::position_tagged {
    std::string timer;
    expression delay;
    bool daytime = false;
};
struct cancel_action : x3::position_tagged {
    std::string timer;  // or "all"
    cancel_action& operator=(std::string value) { timer = std::move(value); return *this; }
};
struct offer_action : x3::position_tagged {
    std::string kind;  // discount, gift, cashback
    expression value;
};
struct escalate_action : x3::position_tagged {
    std::string to;
    escalate_action& operator=(std::string value) { to = std::move(value); return *this; }
};
struct emit_action : x3::position_tagged {
    std::string host_action;
    boost::optional<std::string> template_key;
};
struct end_action : x3::position_tagged {
    std::string word;  // "end"
    end_action& operator=(std::string value) { word = std::move(value); return *this; }
};

struct action : x3::variant<say_action, set_action, schedule_action, cancel_action, offer_action, escalate_action,
                            emit_action, end_action> {
    using base_type::base_type;
    using base_type::operator=;
};

struct transition_statement : x3::position_tagged {
    std::vector<std::string> sources;  // {"*"} for every active state
    ast::trigger trigger;
    boost::optional<expression> guard;
    std::string target;  // a state or "stay"
    std::vector<action> actions;
};

struct statement : x3::variant<intent_statement, lexicon_statement, rule_statement, example_statement,
                               option_statement, template_statement, flow_statement, variable_statement,
                               timer_statement, state_statement, transition_statement> {
    using base_type::base_type;
    using base_type::operator=;
};

using file = std::vector<statement>;

}  // namespace kefu::detail::dsl::ast

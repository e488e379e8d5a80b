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

struct statement : x3::variant<intent_statement, lexicon_statement, rule_statement, example_statement,
                               option_statement, template_statement> {
    using base_type::base_type;
    using base_type::operator=;
};

using file = std::vector<statement>;

}  // namespace kefu::detail::dsl::ast

// The X3 grammar of rule files: declarations only (see grammar_def.hpp for
// the definitions and grammar.cpp for the single instantiation).
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/error_reporting.hpp>

#include "dsl/ast.hpp"

namespace kefu::detail::dsl {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

// How deep groups, parenthesised expressions, function calls and the
// prefix operators `not` and `-` may nest. The parser, the compilers and the
// syntax tree's destructor each recurse once per level, so without a bound a
// file of a few thousand "(" overflows the stack (docs/RULES.md, Limits).
inline constexpr unsigned max_nesting = 64;

// Thrown by the grammar at the first level beyond max_nesting; parse_rules
// reports it as KEFU_ELIMIT at `where`.
struct nesting_too_deep {
    iterator_type where;
};

namespace grammar {

// Blanks, `\` line continuations and `#` comments; newlines end statements.
struct skipper_class;
using skipper_type = x3::rule<skipper_class>;
BOOST_SPIRIT_DECLARE(skipper_type)

struct statement_class;
using statement_type = x3::rule<statement_class, ast::statement>;
BOOST_SPIRIT_DECLARE(statement_type)

}  // namespace grammar

grammar::skipper_type const& skipper();
grammar::statement_type const& statement();

using error_handler_type = x3::error_handler<iterator_type>;
using phrase_context_type = x3::phrase_parse_context<grammar::skipper_type>::type;
using context_type =
    x3::context<x3::error_handler_tag, std::reference_wrapper<error_handler_type>, phrase_context_type>;

}  // namespace kefu::detail::dsl

// Fusion adaptation of the syntax tree, needed by X3's attribute handling.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "dsl/ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::gap, min, has_comma, max)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::item, value, optional)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::attribute, key, value)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::intent_statement, name, description, attributes)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::lexicon_statement, name, op, alternatives)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::rule_statement, intent, name, pattern, attributes)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::example_statement, intent, text)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::option_statement, name, value)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::template_statement, key, style, text)

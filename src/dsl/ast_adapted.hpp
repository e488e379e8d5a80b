// Fusion adaptation of the syntax tree, needed by X3's attribute handling.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "dsl/ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::gap, character_class, min, has_comma, max)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::item, value, optional)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::attribute, key, value)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::intent_statement, name, description, attributes)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::lexicon_statement, name, op, alternatives)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::rule_statement, intent, name, pattern, attributes)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::example_statement, intent, text)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::option_statement, name, value)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::template_statement, key, style, text)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::number_literal, value, unit)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::clock_literal, hour, minute)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::operation, op, rhs)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::expression, first, rest)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::unary, op, value)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::call, name, arguments)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::flow_statement, name, description)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::variable_statement, kind, name, type, initial)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::timer_statement, name, host_action)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::state_statement, name, flags)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::trigger, kind, names)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::set_action, slot, value)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::schedule_action, timer, delay, daytime)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::offer_action, kind, value)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::emit_action, host_action, template_key)
BOOST_FUSION_ADAPT_STRUCT(kefu::detail::dsl::ast::transition_statement, sources, trigger, guard, target, actions)

// Guards and action values: from the syntax tree to stack code, with the
// names resolved and the operand types checked (docs/FLOWS.md).
#pragma once

#include "dsl/ast.hpp"
#include "dsl/parser.hpp"
#include "flow/flow.hpp"

namespace kefu::detail::flow {

enum class static_kind : std::uint8_t { number, text };

struct compiled_expression {
    code program;
    static_kind kind = static_kind::number;
};

// Throws kefu::error(KEFU_EPARSE) at the offending node. `flow` is null for
// constants (policy and slot defaults), which may not read anything.
compiled_expression compile_expression(const dsl::ast::expression& e, const flow_definition* flow,
                                       const dsl::source& src);

// A constant expression's value (policy and slot defaults).
value constant_value(const compiled_expression& e);

// The static kind values of a declared type have.
inline static_kind kind_of(value_type t) noexcept { return is_text(t) ? static_kind::text : static_kind::number; }

}  // namespace kefu::detail::flow

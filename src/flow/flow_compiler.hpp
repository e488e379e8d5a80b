// From the flow statements of parsed rule files to flow definitions
// (docs/FLOWS.md). Names are resolved as statements arrive: intents,
// states, slots, policies and timers must be declared before use. Template
// references and the flow graph are checked once every file is in
// (flow/validate.hpp).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/parser.hpp"
#include "flow/flow.hpp"
#include "intent/rule_set.hpp"

namespace kefu::detail::flow {

namespace x3 = boost::spirit::x3;

class flow_compiler {
public:
    // Adds to `flows`; a flow declared again replaces the earlier one (a shop
    // file redefining a built-in flow).
    flow_compiler(std::vector<flow_definition>& flows, const intent::rule_set& rules) : flows_(flows), rules_(rules) {}

    // Throw kefu::error(KEFU_EPARSE) at the statement's file:line:col.
    void add(const dsl::source& src, const dsl::ast::flow_statement& s);
    void add(const dsl::source& src, const dsl::ast::variable_statement& s);
    void add(const dsl::source& src, const dsl::ast::timer_statement& s);
    void add(const dsl::source& src, const dsl::ast::state_statement& s);
    void add(const dsl::source& src, const dsl::ast::transition_statement& s);

    // A flow does not continue into the next file.
    void end_file() noexcept { current_ = -1; }

private:
    flow_definition& current(const dsl::source& src, const x3::position_tagged& at, const char* what);
    void check_new_name(const dsl::source& src, const x3::position_tagged& at, const flow_definition& f,
                        const std::string& name) const;
    void compile_trigger(const dsl::source& src, const dsl::ast::trigger& t, const flow_definition& f,
                         transition& out) const;

    std::vector<flow_definition>& flows_;
    const intent::rule_set& rules_;
    int current_ = -1;
    std::set<std::string> explicit_initial_;  // flows with a state marked `initial`
};

}  // namespace kefu::detail::flow

// Flows drawn as Graphviz DOT digraphs (`kefu flow dot`, docs/FLOWS.md).
#pragma once

#include <string>

#include "flow/flow.hpp"

namespace kefu::detail::flow {

// Drawn left to right, one node per state: a point arrow leads into the
// initial state, which is bold; final states are double octagons. One edge
// per (source state, transition), labelled "trigger [guard] / actions" with
// the guard cut short and each action reduced to its kind and name. `from *`
// edges are dashed and grey and leave every active state; `stay`
// transitions are self-loops. The same flow always gives the same text.
std::string to_dot(const flow_definition& flow);

}  // namespace kefu::detail::flow

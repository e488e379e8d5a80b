// Flows in model files. Reading checks everything a damaged file could break:
// indices, enum values, and that stack code is balanced, so running a
// loaded guard can never read outside its stack.
#pragma once

#include <vector>

#include "flow/flow.hpp"
#include "model/binary.hpp"

namespace kefu::detail::flow {

void save_flows(const std::vector<flow_definition>& flows, model::writer& w);

// One value (also in session blobs). Throws kefu::error(KEFU_ECORRUPT).
void save_value(const value& v, model::writer& w);
value load_value(model::reader& r);

// Throws kefu::error(KEFU_ECORRUPT). `intents` and `event_types` bound trigger ids.
std::vector<flow_definition> load_flows(model::reader& r, std::uint32_t intents, std::uint32_t event_types);

}  // namespace kefu::detail::flow

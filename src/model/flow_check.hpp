// `kefu flow check`: every finding on the flows that rule files define,
// compiled on top of a model's rules (docs/FLOWS.md, Validation).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "flow/validate.hpp"
#include "intent/rule_set.hpp"
#include "model/model.hpp"

namespace kefu::detail::model {

// Compiles `files` on top of `base` (null: alone) and validates the flows
// they define, sorted by file (in the given order), line and column. A syntax
// or reference error ends compilation, so it is the one finding then. Other
// failures (KEFU_ELIMIT) throw kefu::error.
std::vector<flow::finding> check_flows(const std::vector<source_file>& files, const intent::rule_set* base);

// {"findings": [{"file", "line", "column", "severity", "message"}...],
//  "errors": N, "warnings": N}
nlohmann::json findings_json(const std::vector<flow::finding>& findings);

}  // namespace kefu::detail::model

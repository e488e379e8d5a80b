// A JSON description of a compiled model, for `kefu info` and hosts.
#pragma once

#include <nlohmann/json.hpp>

#include "model/model.hpp"

namespace kefu::detail::model {

nlohmann::json info_json(const compiled_model& model);

}  // namespace kefu::detail::model

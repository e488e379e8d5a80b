// The JSON form of a normalised text, shared by the C API's JSON twin and tests.
#pragma once

#include <nlohmann/json.hpp>

#include "text/normalizer.hpp"

namespace kefu::detail::text {

nlohmann::json to_json(const normalized& n);

}  // namespace kefu::detail::text

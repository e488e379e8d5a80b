// The JSON form of lint findings (CLI `lint`, the C ABI's JSON twin, and
// `lint` actions of the session step).
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

#include "reply/lint.hpp"

namespace kefu::detail::reply {

nlohmann::json to_json(const std::vector<lint_finding>& findings, std::string_view reply);

}  // namespace kefu::detail::reply

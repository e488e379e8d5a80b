// The JSON form of entities (the CLI contract's "entities" array).
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

#include "entity/entity.hpp"

namespace kefu::detail::entity {

nlohmann::json to_json(const entity& e, std::string_view original);
nlohmann::json to_json(const std::vector<entity>& entities, std::string_view original);

}  // namespace kefu::detail::entity

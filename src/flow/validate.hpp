// Checks of compiled flows (docs/FLOWS.md, Validation): template references,
// the shape of the transition graph (Boost.Graph searches), shadowed and
// overlapping transitions, and timers that nothing fires or cancels.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "flow/flow.hpp"
#include "reply/templates.hpp"

namespace kefu::detail::flow {

struct finding {
    bool error = true;     // false: a warning
    std::string location;  // file:line:col
    std::string message;

    std::string to_string() const { return location + ": " + (error ? "error: " : "warning: ") + message; }
};

// A "file:line:col" location in its parts; a location without the numbers
// is all file, with line and column 0.
struct location_parts {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

location_parts split_location(const std::string& location);

std::vector<finding> validate(const flow_definition& flow, const std::vector<reply::reply_template>& templates);
std::vector<finding> validate(const std::vector<flow_definition>& flows,
                              const std::vector<reply::reply_template>& templates);

// Throws kefu::error(KEFU_EPARSE) with the first error, if any.
void require_valid(const std::vector<flow_definition>& flows, const std::vector<reply::reply_template>& templates);

}  // namespace kefu::detail::flow

// Running compiled guard and value code against what a step knows.
#pragma once

#include "flow/flow.hpp"

namespace kefu::detail::flow {

// What guards read. A value kefu does not know is `value{}` (kind none):
// comparisons with it are false, arithmetic with it stays unknown.
class environment {
public:
    virtual ~environment() = default;
    virtual value builtin(flow::builtin which, std::uint32_t param) const = 0;
    virtual value slot(std::uint32_t index) const = 0;
    virtual value policy(std::uint32_t index) const = 0;
};

value evaluate(const code& c, const environment& env);

// A guard holds when its code yields a true value; an empty guard always holds.
inline bool holds(const code& guard, const environment& env) { return guard.empty() || evaluate(guard, env).truthy(); }

}  // namespace kefu::detail::flow

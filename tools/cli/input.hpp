// Reading the texts a command works on: its arguments, or lines of stdin.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace kefu::cli {

// Calls `each` for every text: the arguments when there are any, otherwise
// every line of standard input (a trailing '\r' is dropped).
void for_each_text(const std::vector<std::string>& args, const std::function<void(const std::string&)>& each);

}  // namespace kefu::cli

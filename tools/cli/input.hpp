// Reading the texts a command works on: its arguments, lines of stdin, or
// rule files.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kefu/kefu.hpp"

namespace kefu::cli {

// Calls `each` for every text: the arguments when there are any, otherwise
// every line of standard input (a trailing '\r' is dropped).
void for_each_text(const std::vector<std::string>& args, const std::function<void(const std::string&)>& each);

// A rule file named by its path, as compile errors will name it. Throws
// kefu::error(KEFU_EIO) when it cannot be read.
kefu::source read_source(const std::string& path);

}  // namespace kefu::cli

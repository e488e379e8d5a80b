// Whole-file reads and atomic writes, with failures as kefu::error(KEFU_EIO).
#pragma once

#include <string>
#include <string_view>

namespace kefu::detail {

std::string read_file(const std::string& path);

// Writes through a temporary file and a rename, so a crash never leaves a
// half-written file behind.
void write_file_atomically(const std::string& path, std::string_view data);

}  // namespace kefu::detail

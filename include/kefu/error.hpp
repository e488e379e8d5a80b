// kefu::error: the exception the C++ API throws, carrying the C status code
// and, for parse errors, the file position.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace kefu {
inline namespace v1 {

class error : public std::runtime_error {
public:
    error(int code, const std::string& message, std::string file = {}, std::uint32_t line = 0,
          std::uint32_t column = 0, std::int64_t byte_offset = -1)
        : std::runtime_error(message),
          code_(code),
          file_(std::move(file)),
          line_(line),
          column_(column),
          byte_offset_(byte_offset) {}

    // The KEFU_E* status code.
    int code() const noexcept { return code_; }
    // For parse errors: the file, 1-based line and column; otherwise "" and 0.
    const std::string& file() const noexcept { return file_; }
    std::uint32_t line() const noexcept { return line_; }
    std::uint32_t column() const noexcept { return column_; }
    // Offset of the offending byte in the input, or -1.
    std::int64_t byte_offset() const noexcept { return byte_offset_; }

private:
    int code_;
    std::string file_;
    std::uint32_t line_;
    std::uint32_t column_;
    std::int64_t byte_offset_;
};

}  // namespace v1
}  // namespace kefu

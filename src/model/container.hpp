// The model file container: magic, format version, checksum, and tagged
// sections. Any damage is reported as KEFU_ECORRUPT, a file from another
// format version as KEFU_EVERSION.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace kefu::detail::model {

inline constexpr char magic[8] = {'K', 'E', 'F', 'U', 'M', 'O', 'D', 'L'};
inline constexpr std::uint32_t format_version = 1;

// Four-character section tags.
constexpr std::uint32_t tag(const char (&name)[5]) {
    return static_cast<std::uint32_t>(name[0]) | static_cast<std::uint32_t>(name[1]) << 8 |
           static_cast<std::uint32_t>(name[2]) << 16 | static_cast<std::uint32_t>(name[3]) << 24;
}

using sections = std::map<std::uint32_t, std::string>;

std::string pack(const sections& parts);

// Checks magic, version, size and checksum; the views point into `file`.
std::map<std::uint32_t, std::string_view> unpack(std::string_view file);

}  // namespace kefu::detail::model

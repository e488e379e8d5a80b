// The container of model files and session blobs: magic, format version,
// checksum, and tagged sections. Any damage is reported as KEFU_ECORRUPT, a
// file from another format version as KEFU_EVERSION.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace kefu::detail::model {

// What a container holds: its magic, the format version this kefu writes,
// the oldest it still reads, and a name for messages.
struct container_kind {
    char magic[8];
    std::uint32_t version;
    std::uint32_t oldest_readable;
    const char* what;
};

// Model format 3: flows; 4: sparse learned rows; 5: pinyin bigrams, a flag
// in the feature settings that format 4 files hold as 0 (so they still read,
// and an older kefu refuses files whose features it would compute wrongly);
// 6: character classes of gaps, written only by models whose rules have
// such gaps (intent/gap_io.hpp); 7: the shortest n-gram of Latin letters in
// the feature settings, written only by models that set it
// (learn/features.hpp); 8: whole rows in 8 bits, written only by learned
// models with many classes (learn/linear_model.hpp).
inline constexpr container_kind model_file{{'K', 'E', 'F', 'U', 'M', 'O', 'D', 'L'}, 8, 4, "model file"};
inline constexpr container_kind session_blob{{'K', 'E', 'F', 'U', 'S', 'E', 'S', 'S'}, 2, 2, "session blob"};  // 2: flows

// Four-character section tags.
constexpr std::uint32_t tag(const char (&name)[5]) {
    return static_cast<std::uint32_t>(name[0]) | static_cast<std::uint32_t>(name[1]) << 8 |
           static_cast<std::uint32_t>(name[2]) << 16 | static_cast<std::uint32_t>(name[3]) << 24;
}

using sections = std::map<std::uint32_t, std::string>;

// `version`: the format the sections are written in, from the oldest
// readable to the newest (by default the newest).
std::string pack(const container_kind& kind, const sections& parts);
std::string pack(const container_kind& kind, std::uint32_t version, const sections& parts);

struct unpacked {
    std::uint32_t version;
    std::map<std::uint32_t, std::string_view> sections;  // views into the file
};

// Checks magic, version, size and checksum.
unpacked unpack(const container_kind& kind, std::string_view file);

// The body of section `tag`, which the file must have: otherwise
// KEFU_ECORRUPT, "<context>missing section <tag>".
std::string_view required_section(const unpacked& file, std::uint32_t tag, std::string_view context = {});

}  // namespace kefu::detail::model

#include "model/container.hpp"

#include <cstring>

#include "core/crc32.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "model/binary.hpp"

namespace kefu::detail::model {
namespace {

constexpr std::size_t header_size = 8 + 4 + 4 + 8 + 4 + 4;

}  // namespace

std::string pack(const container_kind& kind, const sections& parts) { return pack(kind, kind.version, parts); }

std::string pack(const container_kind& kind, std::uint32_t version, const sections& parts) {
    if (version < kind.oldest_readable || version > kind.version)
        throw kefu::error(KEFU_EINTERNAL, std::string("cannot write ") + kind.what + " format " + std::to_string(version));
    writer payload;
    payload.u32(static_cast<std::uint32_t>(parts.size()));
    for (const auto& [t, body] : parts) {
        payload.u32(t);
        payload.bytes(body);
    }
    writer file;
    for (char c : kind.magic) file.pod(c);
    file.u32(version);
    file.u32(0);  // flags, reserved
    file.u64(payload.data().size());
    file.u32(detail::crc32(payload.data()));
    file.u32(0);  // reserved
    std::string out = std::move(file).take();
    out += payload.data();
    return out;
}

unpacked unpack(const container_kind& kind, std::string_view file) {
    const std::string what = kind.what;
    if (file.size() < header_size || std::memcmp(file.data(), kind.magic, sizeof kind.magic) != 0)
        throw kefu::error(KEFU_ECORRUPT, "not a kefu " + what + " (bad magic)");
    reader header(file.substr(sizeof kind.magic, header_size - sizeof kind.magic));
    const std::uint32_t version = header.u32();
    if (version < kind.oldest_readable || version > kind.version)
        throw kefu::error(KEFU_EVERSION, what + " format " + std::to_string(version) +
                                             " is not supported (this kefu reads formats " +
                                             std::to_string(kind.oldest_readable) + " to " +
                                             std::to_string(kind.version) + ")");
    if (header.u32() != 0)  // flags: a later format may set some, this reader knows none
        throw kefu::error(KEFU_EVERSION, what + " uses features this kefu does not know (flags are set)");
    const std::uint64_t size = header.u64();
    const std::uint32_t checksum = header.u32();
    if (header.u32() != 0) throw kefu::error(KEFU_ECORRUPT, what + " header is damaged (reserved field)");
    if (size != file.size() - header_size)
        throw kefu::error(KEFU_ECORRUPT, what + " is truncated or has trailing bytes");
    const std::string_view payload = file.substr(header_size);
    if (detail::crc32(payload) != checksum) throw kefu::error(KEFU_ECORRUPT, what + " checksum mismatch");
    reader r(payload);
    unpacked out{version, {}};
    for (std::uint32_t n = r.u32(); n > 0; --n) {
        const std::uint32_t t = r.u32();
        out.sections[t] = r.bytes();
    }
    if (!r.at_end()) reader::corrupt("bytes after the last section");
    return out;
}

std::string_view required_section(const unpacked& file, std::uint32_t tag, std::string_view context) {
    const auto it = file.sections.find(tag);
    if (it != file.sections.end()) return it->second;
    std::string name;
    for (int shift = 0; shift < 32; shift += 8) name += static_cast<char>(tag >> shift & 0xFF);
    reader::corrupt(std::string(context) + "missing section " + name);
}

}  // namespace kefu::detail::model

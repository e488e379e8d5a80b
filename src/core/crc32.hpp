// CRC-32 (ISO-HDLC: the checksum of zlib, PNG and boost::crc_32_type), which
// model files and session blobs carry over their payload.
//
// Loading the default model spent two thirds of its time checking 54 MB a
// byte at a time. Where the processor multiplies without carries (PCLMULQDQ,
// on x86-64 processors since 2010), the bulk is folded 64 bytes at a time
// instead; the checksum is the same either way.
#pragma once

#include <cstdint>
#include <string_view>

namespace kefu::detail {

std::uint32_t crc32(std::string_view data) noexcept;

// The same checksum a byte at a time: the path of processors without
// carry-less multiplication, and the reference the fast path is tested
// against.
std::uint32_t crc32_bytewise(std::string_view data) noexcept;

}  // namespace kefu::detail

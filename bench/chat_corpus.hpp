// Realistic short chat messages for benchmarks: the mix of scripts, widths,
// emoji and fragments that customers type. Written for kefu's benchmarks.
#pragma once

#include <string>
#include <vector>

namespace kefu::bench {

const std::vector<std::string>& chat_messages();

// Messages carrying order, waybill and phone numbers, prices and sizes: the
// matcher keeps a partial match per digit for rules that start with one.
const std::vector<std::string>& digit_messages();

// Total size in bytes of chat_messages().
std::size_t chat_bytes();

}  // namespace kefu::bench

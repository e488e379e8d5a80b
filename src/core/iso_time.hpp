// ISO-8601 date-times with a UTC offset, the form hosts give timestamps in
// ("2026-11-22T10:00:00+08:00") and the form kefu prints resolved times in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::detail {

struct zoned_time {
    std::int64_t epoch_seconds = 0;
    std::int32_t utc_offset_minutes = 0;
};

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)"; a space may replace T.
std::optional<zoned_time> parse_iso_time(std::string_view text) noexcept;

std::string format_iso_time(std::int64_t epoch_seconds, std::int32_t utc_offset_minutes);

}  // namespace kefu::detail

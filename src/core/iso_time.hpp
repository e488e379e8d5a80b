// ISO-8601 date-times with a UTC offset, the form hosts give timestamps in
// ("2026-11-22T10:00:00+08:00") and the form kefu prints resolved times in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kefu::detail {

// The instants kefu handles: the years 0000 to 9999 of ISO-8601's four-digit
// form, in ms since the epoch, and offsets within ±18 hours. Clocks outside
// are refused, so that calendar arithmetic on them cannot overflow.
inline constexpr std::int64_t min_time_ms = -62167219200000;  // 0000-01-01T00:00:00Z
inline constexpr std::int64_t max_time_ms = 253402300799999;  // 9999-12-31T23:59:59.999Z
inline constexpr std::int32_t max_utc_offset_minutes = 18 * 60;

// ms since the epoch to whole seconds, rounding down (also before 1970); no
// value overflows, INT64_MIN included.
constexpr std::int64_t floor_seconds(std::int64_t ms) noexcept { return ms / 1000 - (ms % 1000 < 0 ? 1 : 0); }

struct zoned_time {
    std::int64_t epoch_seconds = 0;
    std::int32_t utc_offset_minutes = 0;
};

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)"; a space may replace T.
std::optional<zoned_time> parse_iso_time(std::string_view text) noexcept;

std::string format_iso_time(std::int64_t epoch_seconds, std::int32_t utc_offset_minutes);

}  // namespace kefu::detail

#include "core/iso_time.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace kefu::detail {
namespace {

// Reads exactly `width` digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t k = 0; k < width; ++k) {
        const char c = text[pos + k];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += width;
    return value;
}

bool expect(std::string_view text, std::size_t& pos, std::string_view chars) {
    if (pos >= text.size() || chars.find(text[pos]) == std::string_view::npos) return false;
    ++pos;
    return true;
}

std::optional<std::int32_t> offset_minutes(std::string_view text, std::size_t& pos) {
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
        return 0;
    }
    if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return std::nullopt;
    const int sign = text[pos++] == '-' ? -1 : 1;
    const auto hours = digits(text, pos, 2);
    if (!hours) return std::nullopt;
    if (pos < text.size() && text[pos] == ':') ++pos;
    const auto minutes = digits(text, pos, 2);
    if (!minutes || *hours > 14 || *minutes > 59) return std::nullopt;
    return sign * (*hours * 60 + *minutes);
}

}  // namespace

std::optional<zoned_time> parse_iso_time(std::string_view text) noexcept {
    namespace chr = std::chrono;
    std::size_t pos = 0;
    const auto year = digits(text, pos, 4);
    if (!year || !expect(text, pos, "-")) return std::nullopt;
    const auto month = digits(text, pos, 2);
    if (!month || !expect(text, pos, "-")) return std::nullopt;
    const auto day = digits(text, pos, 2);
    if (!day || !expect(text, pos, "T ")) return std::nullopt;
    const auto hour = digits(text, pos, 2);
    if (!hour || !expect(text, pos, ":")) return std::nullopt;
    const auto minute = digits(text, pos, 2);
    if (!minute) return std::nullopt;
    int second = 0;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        const auto s = digits(text, pos, 2);
        if (!s) return std::nullopt;
        second = *s;
        if (pos < text.size() && text[pos] == '.')
            for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9';) ++pos;
    }
    const auto offset = offset_minutes(text, pos);
    if (!offset || pos != text.size()) return std::nullopt;
    const chr::year_month_day ymd{chr::year{*year}, chr::month{static_cast<unsigned>(*month)},
                                  chr::day{static_cast<unsigned>(*day)}};
    if (!ymd.ok() || *hour > 23 || *minute > 59 || second > 60) return std::nullopt;
    const std::int64_t local = std::int64_t{chr::sys_days{ymd}.time_since_epoch().count()} * 86400
                               + std::int64_t{*hour} * 3600 + std::int64_t{*minute} * 60 + second;
    return zoned_time{local - std::int64_t{*offset} * 60, *offset};
}

std::string format_iso_time(std::int64_t epoch_seconds, std::int32_t utc_offset_minutes) {
    namespace chr = std::chrono;
    const chr::sys_seconds local{chr::seconds{epoch_seconds + std::int64_t{utc_offset_minutes} * 60}};
    const auto day = chr::floor<chr::days>(local);
    const chr::year_month_day ymd{day};
    const chr::hh_mm_ss hms{local - day};
    const int offset = std::abs(utc_offset_minutes);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                  int(hms.seconds().count()), utc_offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
    return buffer;
}

}  // namespace kefu::detail

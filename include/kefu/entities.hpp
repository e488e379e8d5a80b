// Entities (C++ API over the C ABI): the typed facts in a customer message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kefu/detail/c_handle.hpp"
#include "kefu/text.hpp"

namespace kefu {
inline namespace v1 {

// When a message was sent, as the host knows it: relative times ("明天",
// "下周一前") resolve against it.
struct message_clock {
    std::int64_t now_ms = 0;             // ms since the epoch
    std::int32_t utc_offset_minutes = 480;  // China
};

// One entity; see kefu_entity in kefu.h for which fields each type uses.
struct entity {
    int type = 0;              // KEFU_ENTITY_*
    std::string type_name;     // "money", "discount", ...
    std::size_t start = 0;     // byte range in the original text
    std::size_t end = 0;
    std::optional<double> value;
    double min = 0, max = 0;   // money ranges
    bool is_range = false;
    bool approx = false;
    int kind = 0;              // KEFU_DISCOUNT_*
    double threshold = 0;
    std::uint32_t nth = 0;
    std::int64_t seconds = 0;
    std::optional<std::int64_t> time_ms;  // resolved times
    std::int32_t utc_offset_minutes = 0;
    int grain = 0;             // KEFU_GRAIN_*
    int relation = 0;          // KEFU_RELATION_*
    std::string canonical;
    std::string unit;
    std::string courier;
};

namespace detail {
inline entity to_entity(const kefu_entity& e) {
    entity out;
    out.type = e.type;
    out.type_name = e.type_name;
    out.start = e.start;
    out.end = e.end;
    if (e.has_value) out.value = e.value;
    out.min = e.min;
    out.max = e.max;
    out.is_range = e.is_range != 0;
    out.approx = e.approx != 0;
    out.kind = e.kind;
    out.threshold = e.threshold;
    out.nth = e.nth;
    out.seconds = e.seconds;
    if (e.resolved) out.time_ms = e.time_ms;
    out.utc_offset_minutes = e.utc_offset_minutes;
    out.grain = e.grain;
    out.relation = e.relation;
    out.canonical = e.canonical;
    out.unit = e.unit;
    out.courier = e.courier;
    return out;
}

inline kefu_entity_options to_c(const std::optional<message_clock>& clock) {
    kefu_entity_options c;
    check(kefu_entity_options_init(&c, KEFU_ENTITY_OPTIONS_VERSION));
    if (clock) {
        c.has_clock = 1;
        c.now_ms = clock->now_ms;
        c.utc_offset_minutes = clock->utc_offset_minutes;
    }
    return c;
}
}  // namespace detail

// Extracts the entities of one message. Thread-safe; needs no model.
inline std::vector<entity> extract_entities(std::string_view text, const std::optional<message_clock>& clock = {}) {
    const kefu_entity_options c = detail::to_c(clock);
    kefu_entities* raw = nullptr;
    detail::check(kefu_extract_entities(&raw, text.data(), text.size(), &c));
    detail::c_handle<kefu_entities, kefu_entities_free> owner(raw);
    std::vector<entity> out;
    for (std::size_t i = 0, n = kefu_entities_count(raw); i < n; ++i) {
        kefu_entity e;
        detail::check(kefu_entities_get(&e, raw, i));
        out.push_back(detail::to_entity(e));
    }
    return out;
}

// The JSON twin: {"text": ..., "entities": [...]}.
inline std::string extract_entities_json(std::string_view text, const std::optional<message_clock>& clock = {}) {
    const kefu_entity_options c = detail::to_c(clock);
    kefu_string* out = nullptr;
    detail::check(kefu_extract_entities_json(&out, text.data(), text.size(), &c));
    return detail::take_string(out);
}

}  // namespace v1
}  // namespace kefu

namespace kefu {
inline namespace v1 {

// Parses "2026-11-22T10:00:00+08:00" (see kefu_time_parse); throws kefu::error.
inline message_clock parse_time(std::string_view iso) {
    message_clock clock;
    detail::check(kefu_time_parse(&clock.now_ms, &clock.utc_offset_minutes, iso.data(), iso.size()));
    return clock;
}

inline std::string format_time(std::int64_t ms, std::int32_t utc_offset_minutes) {
    kefu_string* out = nullptr;
    detail::check(kefu_time_format(&out, ms, utc_offset_minutes));
    return detail::take_string(out);
}

}  // namespace v1
}  // namespace kefu

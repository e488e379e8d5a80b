// Entity extraction.
#include "c_api/entity_view.hpp"

#include <cstring>

#include "core/iso_time.hpp"
#include "entity/entity_json.hpp"

struct kefu_entities {
    std::vector<kefu::detail::entity::entity> value;
};

using namespace kefu::detail::c_api;
using kefu::detail::guarded;
namespace entity = kefu::detail::entity;

namespace kefu::detail::c_api {

int clock_of(int32_t has_clock, int64_t now_ms, int32_t utc_offset_minutes, const char* who,
             std::optional<entity::message_clock>& out) {
    out.reset();
    if (has_clock == 0) return KEFU_OK;
    if (now_ms < kefu::detail::min_time_ms || now_ms > kefu::detail::max_time_ms)
        return invalid_argument(std::string(who) + ": now_ms is outside the years 0000 to 9999");
    if (utc_offset_minutes < -kefu::detail::max_utc_offset_minutes ||
        utc_offset_minutes > kefu::detail::max_utc_offset_minutes)
        return invalid_argument(std::string(who) + ": utc_offset_minutes must be within ±18 hours");
    // Rounded down: a clock before 1970 still lands on the right second.
    out = entity::message_clock{kefu::detail::floor_seconds(now_ms), utc_offset_minutes};
    return KEFU_OK;
}

entity::extract_scratch& thread_entity_scratch() {
    thread_local entity::extract_scratch scratch;
    return scratch;
}

void fill_entity(kefu_entity& out, const entity::entity& e) {
    std::memset(&out, 0, sizeof out);
    out.type = static_cast<int32_t>(e.type);
    out.type_name = entity::type_name(e.type).data();
    out.start = e.start;
    out.end = e.stop;
    out.value = e.value;
    out.min = e.min;
    out.max = e.max;
    out.has_value = e.has_value ? 1 : 0;
    out.is_range = e.is_range ? 1 : 0;
    out.approx = e.approx ? 1 : 0;
    out.kind = static_cast<int32_t>(e.kind);
    out.threshold = e.threshold;
    out.nth = e.nth;
    out.seconds = e.seconds;
    out.time_ms = e.epoch_seconds * 1000;
    out.utc_offset_minutes = e.utc_offset_minutes;
    out.grain = static_cast<int32_t>(e.grain);
    out.relation = static_cast<int32_t>(e.relation);
    out.resolved = e.resolved ? 1 : 0;
    out.canonical = e.canonical.c_str();
    out.unit = e.unit.c_str();
    out.courier = e.courier.c_str();
}

int entity_at(kefu_entity* out, const std::vector<entity::entity>& entities, size_t index) {
    if (index >= entities.size()) return invalid_argument("entity index out of range");
    fill_entity(*out, entities[index]);
    return KEFU_OK;
}

}  // namespace kefu::detail::c_api

namespace {

int run_extract(std::vector<entity::entity>& out, const char* text, size_t len, const kefu_entity_options* opts) {
    kefu::detail::text::normalize_options options;
    std::optional<entity::message_clock> clock;
    if (opts != nullptr) {
        if (opts->version != KEFU_ENTITY_OPTIONS_VERSION)
            return unsupported_version("kefu_entity_options", opts->version);
        if (const int status = read_text_options(opts->invalid_utf8, opts->max_length, "kefu_entity_options", options);
            status != KEFU_OK)
            return status;
        if (const int status =
                clock_of(opts->has_clock, opts->now_ms, opts->utc_offset_minutes, "kefu_entity_options", clock);
            status != KEFU_OK)
            return status;
    }
    auto& scratch = thread_entity_scratch();
    thread_local kefu::detail::text::normalized normalized;
    // Entities are found in the units and located in the caller's bytes.
    if (const int status = normalize_with(normalized, text, len, kefu::detail::text::units_only(options));
        status != KEFU_OK)
        return status;
    entity::extract(normalized, clock, scratch, out);
    return KEFU_OK;
}

}  // namespace

extern "C" {

int kefu_entity_options_init(kefu_entity_options* opts, uint32_t version) {
    if (opts == nullptr) return invalid_argument("opts is NULL");
    if (version != KEFU_ENTITY_OPTIONS_VERSION) return unsupported_version("kefu_entity_options", version);
    std::memset(opts, 0, sizeof *opts);
    opts->version = version;
    opts->invalid_utf8 = KEFU_INVALID_UTF8_REPLACE;
    opts->max_length = KEFU_DEFAULT_MAX_TEXT_BYTES;
    opts->utc_offset_minutes = 8 * 60;
    return KEFU_OK;
}

int kefu_extract_entities(kefu_entities** out, const char* text, size_t len, const kefu_entity_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        auto result = std::make_unique<kefu_entities>();
        if (const int status = run_extract(result->value, text, len, opts); status != KEFU_OK) return status;
        *out = result.release();
        return KEFU_OK;
    });
}

size_t kefu_entities_count(const kefu_entities* e) { return e ? e->value.size() : 0; }

int kefu_entities_get(kefu_entity* out, const kefu_entities* e, size_t index) {
    if (out == nullptr || e == nullptr) return invalid_argument("out or entities is NULL");
    return entity_at(out, e->value, index);
}

void kefu_entities_free(kefu_entities* e) { delete e; }

int kefu_extract_entities_json(kefu_string** out, const char* text, size_t len, const kefu_entity_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        std::vector<entity::entity> found;
        if (const int status = run_extract(found, text, len, opts); status != KEFU_OK) return status;
        const std::string_view original(text ? text : "", len);
        nlohmann::json j;
        j["text"] = std::string(original);  // new_json_string replaces invalid UTF-8
        j["entities"] = entity::to_json(found, original);
        return new_json_string(out, j);
    });
}

}  // extern "C"

// Version, status names, the last error and library-owned strings.
#include "c_api/common.hpp"


using namespace kefu::detail::c_api;
using kefu::detail::guarded;
using kefu::detail::set_last_error;

extern "C" {

const char* kefu_version(void) { return KEFU_VERSION_STRING; }

void kefu_version_numbers(int* major, int* minor, int* patch) {
    if (major) *major = KEFU_VERSION_MAJOR;
    if (minor) *minor = KEFU_VERSION_MINOR;
    if (patch) *patch = KEFU_VERSION_PATCH;
}

const char* kefu_status_name(int status) {
    switch (status) {
        case KEFU_OK: return "KEFU_OK";
        case KEFU_EINVAL: return "KEFU_EINVAL";
        case KEFU_ENOMEM: return "KEFU_ENOMEM";
        case KEFU_EUTF8: return "KEFU_EUTF8";
        case KEFU_ETOOLONG: return "KEFU_ETOOLONG";
        case KEFU_EPARSE: return "KEFU_EPARSE";
        case KEFU_EVERSION: return "KEFU_EVERSION";
        case KEFU_ECORRUPT: return "KEFU_ECORRUPT";
        case KEFU_EIO: return "KEFU_EIO";
        case KEFU_ENOTFOUND: return "KEFU_ENOTFOUND";
        case KEFU_ESTATE: return "KEFU_ESTATE";
        case KEFU_ELIMIT: return "KEFU_ELIMIT";
        case KEFU_EINTERNAL: return "KEFU_EINTERNAL";
        default: return "KEFU_EUNKNOWN";
    }
}

const kefu_error* kefu_last_error(void) { return kefu::detail::last_error(); }

void kefu_clear_error(void) { kefu::detail::clear_last_error(); }

const char* kefu_string_data(const kefu_string* s) { return s ? s->value.c_str() : nullptr; }

size_t kefu_string_size(const kefu_string* s) { return s ? s->value.size() : 0; }

void kefu_string_free(kefu_string* s) { delete s; }

}  // extern "C"

#include "core/iso_time.hpp"

extern "C" {

int kefu_time_parse(int64_t* ms, int32_t* utc_offset_minutes, const char* text, size_t len) {
    return guarded([&] {
        if (ms == nullptr || utc_offset_minutes == nullptr || (text == nullptr && len != 0))
            return invalid_argument("ms, utc_offset_minutes or text is NULL");
        // An ISO-8601 time is short: a longer text is refused before it is read.
        if (len > 64) return invalid_argument("not an ISO-8601 time with an offset: longer than 64 bytes");
        const std::string_view input(text ? text : "", len);
        const auto parsed = kefu::detail::parse_iso_time(input);
        if (!parsed)
            return invalid_argument("not an ISO-8601 time with an offset (such as 2026-11-22T10:00:00+08:00): " +
                                    std::string(input.substr(0, 64)));
        *ms = parsed->epoch_seconds * 1000;
        *utc_offset_minutes = parsed->utc_offset_minutes;
        return KEFU_OK;
    });
}

int kefu_time_format(kefu_string** out, int64_t ms, int32_t utc_offset_minutes) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        if (utc_offset_minutes < -kefu::detail::max_utc_offset_minutes ||
            utc_offset_minutes > kefu::detail::max_utc_offset_minutes)
            return invalid_argument("utc_offset_minutes must be within ±18 hours");
        if (ms < kefu::detail::min_time_ms || ms > kefu::detail::max_time_ms)
            return invalid_argument("ms is outside the years 0000 to 9999");
        return new_string(out, kefu::detail::format_iso_time(kefu::detail::floor_seconds(ms), utc_offset_minutes));
    });
}

}  // extern "C"

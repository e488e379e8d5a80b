#include "c_api/common.hpp"

namespace kefu::detail::c_api {

int invalid_argument(const char* what) { return set_last_error(KEFU_EINVAL, what); }

int invalid_argument(const std::string& what) { return set_last_error(KEFU_EINVAL, what); }

int new_json_string(kefu_string** out, const nlohmann::json& value) {
    return new_string(out, value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

int check_event_size(size_t len) {
    if (len <= KEFU_MAX_EVENT_BYTES) return KEFU_OK;
    return set_last_error(KEFU_ETOOLONG, "event of " + std::to_string(len) + " bytes is longer than the maximum of " +
                                             std::to_string(KEFU_MAX_EVENT_BYTES));
}

int read_sources(std::vector<model::source_file>& out, const kefu_source* sources, size_t count) {
    size_t left = KEFU_MAX_SOURCE_BYTES;
    for (size_t i = 0; i < count; ++i) {
        const kefu_source& s = sources[i];
        if (s.len > left)
            return set_last_error(KEFU_ELIMIT, "rule sources are larger than the maximum of " +
                                                   std::to_string(KEFU_MAX_SOURCE_BYTES) + " bytes");
        if (s.text == nullptr && s.len != 0) return invalid_argument("a source's text is NULL but its len is not 0");
        left -= s.len;
        std::string name = s.name ? s.name : "<source " + std::to_string(i + 1) + ">";
        out.push_back({std::move(name), std::string(s.text ? s.text : "", s.len)});
    }
    return KEFU_OK;
}

int unsupported_version(const char* who, uint32_t version) {
    return set_last_error(KEFU_EVERSION, std::string(who) + ": unsupported version " + std::to_string(version));
}

int new_string(kefu_string** out, std::string value) {
    *out = new kefu_string{std::move(value)};
    return KEFU_OK;
}

int normalize_with(text::normalized& out, const char* text, size_t len,
                   const text::normalize_options& options) {
    if (text == nullptr && len != 0) return invalid_argument("text is NULL but len is not 0");
    using text::normalize_status;
    switch (text::normalize({text == nullptr ? "" : text, len}, options, out)) {
        case normalize_status::ok: return KEFU_OK;
        case normalize_status::too_long:
            return set_last_error(KEFU_ETOOLONG, "text of " + std::to_string(len) + " bytes is longer than the maximum of " +
                                                     std::to_string(options.max_length) + " bytes");
        case normalize_status::invalid_utf8:
            return set_last_error(KEFU_EUTF8, "invalid UTF-8 at byte " + std::to_string(out.error_offset),
                                  {{}, 0, 0, static_cast<std::int64_t>(out.error_offset)});
    }
    return set_last_error(KEFU_EINTERNAL, "unknown normalisation status");
}

// Checks the shared text options (invalid_utf8, max_length) of any options struct.
int read_text_options(int32_t invalid_utf8, size_t max_length, const char* who,
                      text::normalize_options& out) {
    if (invalid_utf8 != KEFU_INVALID_UTF8_REPLACE && invalid_utf8 != KEFU_INVALID_UTF8_REJECT)
        return invalid_argument((std::string(who) + ": invalid_utf8 must be KEFU_INVALID_UTF8_REPLACE or _REJECT").c_str());
    if (max_length > text::max_length_limit)
        return invalid_argument((std::string(who) + ": max_length is above the 1 GiB limit").c_str());
    out.invalid_utf8 = invalid_utf8 == KEFU_INVALID_UTF8_REJECT ? text::invalid_utf8_policy::reject
                                                                : text::invalid_utf8_policy::replace;
    if (max_length != 0) out.max_length = max_length;
    return KEFU_OK;
}


int new_model(kefu_model** out, std::shared_ptr<const model::compiled_model> value) {
    *out = new kefu_model{std::move(value)};
    return KEFU_OK;
}

}  // namespace kefu::detail::c_api

// Text normalisation.
#include "c_api/common.hpp"

#include <cstring>

#include "text/normalized_json.hpp"

struct kefu_normalized {
    kefu::detail::text::normalized value;
};

using namespace kefu::detail::c_api;
using kefu::detail::guarded;

namespace {

int read_normalize_options(const kefu_normalize_options* opts, kefu::detail::text::normalize_options& out) {
    if (opts == nullptr) return KEFU_OK;
    if (opts->version != KEFU_NORMALIZE_OPTIONS_VERSION)
        return unsupported_version("kefu_normalize_options", opts->version);
    return read_text_options(opts->invalid_utf8, opts->max_length, "kefu_normalize_options", out);
}

int run_normalize(kefu::detail::text::normalized& out, const char* text, size_t len,
                  const kefu_normalize_options* opts) {
    kefu::detail::text::normalize_options options;
    if (const int status = read_normalize_options(opts, options); status != KEFU_OK) return status;
    return normalize_with(out, text, len, options);
}

}  // namespace

extern "C" {

int kefu_normalize_options_init(kefu_normalize_options* opts, uint32_t version) {
    if (opts == nullptr) return invalid_argument("opts is NULL");
    if (version != KEFU_NORMALIZE_OPTIONS_VERSION)
        return unsupported_version("kefu_normalize_options", version);
    std::memset(opts, 0, sizeof *opts);
    opts->version = version;
    opts->invalid_utf8 = KEFU_INVALID_UTF8_REPLACE;
    opts->max_length = KEFU_DEFAULT_MAX_TEXT_BYTES;
    return KEFU_OK;
}

int kefu_normalize(kefu_normalized** out, const char* text, size_t len, const kefu_normalize_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        auto result = std::make_unique<kefu_normalized>();
        if (const int status = run_normalize(result->value, text, len, opts); status != KEFU_OK) return status;
        *out = result.release();
        return KEFU_OK;
    });
}

const char* kefu_normalized_text(const kefu_normalized* n, size_t* len) {
    if (n == nullptr) {
        if (len) *len = 0;
        return nullptr;
    }
    if (len) *len = n->value.text.size();
    return n->value.text.c_str();
}

size_t kefu_normalized_char_count(const kefu_normalized* n) { return n ? n->value.units.size() : 0; }

int kefu_normalized_char(kefu_char_info* out, const kefu_normalized* n, size_t index) {
    if (out == nullptr || n == nullptr) return invalid_argument("out or n is NULL");
    if (index >= n->value.units.size()) return invalid_argument("character index out of range");
    const auto& u = n->value.units[index];
    *out = {u.cp, u.repeat, n->value.text_starts[index], n->value.text_starts[index + 1], u.source_begin,
            u.source_end};
    return KEFU_OK;
}

void kefu_normalized_free(kefu_normalized* n) { delete n; }

int kefu_normalize_json(kefu_string** out, const char* text, size_t len, const kefu_normalize_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        kefu::detail::text::normalized result;
        if (const int status = run_normalize(result, text, len, opts); status != KEFU_OK) return status;
        return new_json_string(out, kefu::detail::text::to_json(result));
    });
}

}  // extern "C"

// Shared by the C ABI's translation units: the handle types more than one
// of them needs, and the conversions every entry point uses. Each file of
// src/c_api/ defines the extern "C" functions of one capability; each
// function checks its arguments, runs the C++ implementation inside
// kefu::detail::guarded (no exception crosses this boundary) and converts
// results to C types.
#pragma once

#include "kefu/kefu.h"

#include <memory>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/last_error.hpp"
#include "model/model.hpp"
#include "text/normalizer.hpp"

struct kefu_string {
    std::string value;
};

struct kefu_model {
    std::shared_ptr<const kefu::detail::model::compiled_model> value;
};

namespace kefu::detail::c_api {

int invalid_argument(const char* what);
int invalid_argument(const std::string& what);
int new_string(kefu_string** out, std::string value);

// A JSON twin's text. Strings copied from the caller's text may hold invalid
// UTF-8 (kept byte-exact elsewhere); in JSON each bad byte becomes U+FFFD.
int new_json_string(kefu_string** out, const nlohmann::json& value);
int new_model(kefu_model** out, std::shared_ptr<const model::compiled_model> value);

// Normalises (text, len) into `out`; a status and kefu_last_error on failure.
int normalize_with(text::normalized& out, const char* text, size_t len, const text::normalize_options& options);

// Checks the shared text options (invalid_utf8, max_length) of any options struct.
int read_text_options(int32_t invalid_utf8, size_t max_length, const char* who, text::normalize_options& out);

// KEFU_ETOOLONG for a JSON event above KEFU_MAX_EVENT_BYTES, else KEFU_OK.
int check_event_size(size_t len);

// The caller's rule sources as files, within KEFU_MAX_SOURCE_BYTES in all
// (KEFU_ELIMIT); a NULL name is "<source N>".
int read_sources(std::vector<model::source_file>& out, const kefu_source* sources, size_t count);

// The status for an options struct of an unsupported version.
int unsupported_version(const char* who, uint32_t version);

}  // namespace kefu::detail::c_api

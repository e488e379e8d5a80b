#include "core/last_error.hpp"

#include <utility>

namespace kefu::detail {
namespace {

struct error_record {
    std::string message;
    std::string file;
    kefu_error view{KEFU_OK, "", "", 0, 0, -1};
};

error_record& record() noexcept {
    thread_local error_record r;
    return r;
}

}  // namespace

int set_last_error(int code, std::string message, error_location where) noexcept {
    error_record& r = record();
    try {
        r.message = std::move(message);
        r.file = std::move(where.file);
    } catch (...) {  // keep the code even when the text cannot be stored
        r.message.clear();
        r.file.clear();
    }
    r.view = {code, r.message.c_str(), r.file.c_str(), where.line, where.column, where.byte_offset};
    return code;
}

void clear_last_error() noexcept { set_last_error(KEFU_OK, {}); }

const kefu_error* last_error() noexcept { return &record().view; }

}  // namespace kefu::detail

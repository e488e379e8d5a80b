// The thread-local error record behind kefu_last_error(), and the guard that
// turns every exception into a status code at the C boundary.
#pragma once

#include <cstdint>
#include <new>
#include <string>

#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail {

struct error_location {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::int64_t byte_offset = -1;
};

// Records an error for the calling thread and returns `code`.
int set_last_error(int code, std::string message, error_location where = {}) noexcept;

void clear_last_error() noexcept;

const kefu_error* last_error() noexcept;

// Runs `body` (which returns a status) and maps any exception to a status
// with a recorded message. Every extern "C" function goes through this.
template <typename Body>
int guarded(Body&& body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return set_last_error(KEFU_ENOMEM, "out of memory");
    } catch (const kefu::error& e) {
        return set_last_error(e.code(), e.what(), {e.file(), e.line(), e.column(), e.byte_offset()});
    } catch (const std::exception& e) {
        return set_last_error(KEFU_EINTERNAL, std::string("internal error: ") + e.what());
    } catch (...) {
        return set_last_error(KEFU_EINTERNAL, "internal error: unknown exception");
    }
}

}  // namespace kefu::detail

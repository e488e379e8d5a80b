// Glue shared by the inline C++ API: owning handles for C objects and the
// conversion of a failed status into kefu::error.
#pragma once

#include <memory>
#include <string>

#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu {
inline namespace v1 {
namespace detail {

// Throws kefu::error built from this thread's last error when status fails.
inline void check(int status) {
    if (status == KEFU_OK) return;
    const kefu_error* e = kefu_last_error();
    const bool same = e->code == status;
    throw kefu::error(status, same && e->message[0] ? e->message : kefu_status_name(status),
                      same ? e->file : "", same ? e->line : 0, same ? e->column : 0, same ? e->byte_offset : -1);
}

template <typename T, void (*Free)(T*)>
struct c_deleter {
    void operator()(T* p) const noexcept { Free(p); }
};

template <typename T, void (*Free)(T*)>
using c_handle = std::unique_ptr<T, c_deleter<T, Free>>;

using string_handle = c_handle<kefu_string, kefu_string_free>;

// Takes ownership of a kefu_string and copies it into a std::string.
inline std::string take_string(kefu_string* s) {
    string_handle owner(s);
    return std::string(kefu_string_data(s), kefu_string_size(s));
}

}  // namespace detail
}  // namespace v1
}  // namespace kefu

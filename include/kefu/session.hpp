// Sessions (C++ API over the C ABI).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kefu/detail/c_handle.hpp"
#include "kefu/model.hpp"

namespace kefu {
inline namespace v1 {

// One customer's session (see kefu_session_*). Movable, not copyable; one
// thread at a time.
class session {
public:
    session(const model& m, const std::string& id) {
        kefu_session* raw = nullptr;
        detail::check(kefu_session_new(&raw, m.handle(), id.c_str()));
        handle_.reset(raw);
    }

    static session restore(const model& m, std::string_view blob) {
        kefu_session* raw = nullptr;
        detail::check(kefu_session_restore(&raw, m.handle(), blob.data(), blob.size()));
        return session(raw);
    }

    // One event (JSON, the `kefu run` input format) → its output line.
    std::string step_json(std::string_view event) {
        kefu_string* out = nullptr;
        detail::check(kefu_session_step_json(&out, handle_.get(), event.data(), event.size()));
        return detail::take_string(out);
    }

    // Moves the clock to `now_ms` and fires the timers due: a JSON array of
    // their output lines.
    std::string advance(std::int64_t now_ms) {
        kefu_string* out = nullptr;
        detail::check(kefu_session_advance(&out, handle_.get(), now_ms));
        return detail::take_string(out);
    }

    // When the earliest pending timer is due, if any.
    std::optional<std::int64_t> next_deadline() const {
        int has = 0;
        std::int64_t at = 0;
        detail::check(kefu_session_next_deadline(handle_.get(), &has, &at));
        return has ? std::optional<std::int64_t>(at) : std::nullopt;
    }

    // Shop policies, JSON {"flow": {"policy": value}}.
    void set_policies(std::string_view json) {
        detail::check(kefu_session_set_policies(handle_.get(), json.data(), json.size()));
    }

    // Active flows, pending timers, policies and the audit trail (JSON).
    std::string flows_json() const {
        kefu_string* out = nullptr;
        detail::check(kefu_session_flows_json(&out, handle_.get()));
        return detail::take_string(out);
    }

    std::string snapshot() const {
        kefu_string* out = nullptr;
        detail::check(kefu_session_snapshot(&out, handle_.get()));
        return detail::take_string(out);
    }

    std::string profile_json(bool evidence = true) const {
        kefu_string* out = nullptr;
        detail::check(kefu_session_profile_json(&out, handle_.get(), evidence ? 1 : 0));
        return detail::take_string(out);
    }

private:
    explicit session(kefu_session* raw) : handle_(raw) {}
    struct deleter {
        void operator()(kefu_session* s) const noexcept { kefu_session_free(s); }
    };
    std::unique_ptr<kefu_session, deleter> handle_;
};

}  // namespace v1
}  // namespace kefu

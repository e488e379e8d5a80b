// Sessions.
#include "c_api/common.hpp"

#include "core/iso_time.hpp"
#include "core/utf8.hpp"
#include "session/session.hpp"

struct kefu_session {
    kefu::detail::session::customer_session value;
};

using namespace kefu::detail::c_api;
using kefu::detail::guarded;
namespace session = kefu::detail::session;

extern "C" {

int kefu_session_new(kefu_session** out, const kefu_model* model, const char* id) {
    return guarded([&] {
        if (out == nullptr || model == nullptr) return invalid_argument("out or model is NULL");
        *out = nullptr;
        const std::string_view name = id ? id : "";
        // The id goes into the blob, whose strings must be UTF-8: an id that
        // is not made a session whose own snapshot did not restore.
        if (name.size() > session::max_field_bytes || !kefu::detail::utf8::is_valid(name))
            return invalid_argument("id must be UTF-8 of at most " + std::to_string(session::max_field_bytes) + " bytes");
        *out = new kefu_session{session::customer_session(model->value, std::string(name))};
        return KEFU_OK;
    });
}

int kefu_session_step_json(kefu_string** out, kefu_session* s, const char* event, size_t len) {
    return guarded([&] {
        if (out == nullptr || s == nullptr || event == nullptr) return invalid_argument("out, session or event is NULL");
        *out = nullptr;
        if (const int status = check_event_size(len); status != KEFU_OK) return status;
        const session::event e = session::parse_event(std::string_view(event, len));
        return new_json_string(out, s->value.step(e));
    });
}

int kefu_session_advance(kefu_string** out, kefu_session* s, int64_t now_ms) {
    return guarded([&] {
        if (out == nullptr || s == nullptr) return invalid_argument("out or session is NULL");
        *out = nullptr;
        if (now_ms < kefu::detail::min_time_ms || now_ms > kefu::detail::max_time_ms)
            return invalid_argument("now_ms is outside the years 0000..9999");
        return new_json_string(out, nlohmann::json(s->value.advance(now_ms)));
    });
}

int kefu_session_next_deadline(const kefu_session* s, int* has_deadline, int64_t* deadline_ms) {
    return guarded([&] {
        if (s == nullptr || has_deadline == nullptr || deadline_ms == nullptr)
            return invalid_argument("session, has_deadline or deadline_ms is NULL");
        const auto next = s->value.next_deadline();
        *has_deadline = next.has_value() ? 1 : 0;
        *deadline_ms = next.value_or(0);
        return KEFU_OK;
    });
}

int kefu_session_set_policies(kefu_session* s, const char* json, size_t len) {
    return guarded([&] {
        if (s == nullptr || json == nullptr) return invalid_argument("session or json is NULL");
        if (const int status = check_event_size(len); status != KEFU_OK) return status;
        const nlohmann::json policies = nlohmann::json::parse(std::string_view(json, len), nullptr, false);
        if (policies.is_discarded()) return invalid_argument("policies: not valid JSON");
        s->value.set_policies(policies);
        return KEFU_OK;
    });
}

int kefu_session_flows_json(kefu_string** out, const kefu_session* s) {
    return guarded([&] {
        if (out == nullptr || s == nullptr) return invalid_argument("out or session is NULL");
        *out = nullptr;
        return new_json_string(out, s->value.flow_state_json());
    });
}

int kefu_session_profile_json(kefu_string** out, const kefu_session* s, int evidence) {
    return guarded([&] {
        if (out == nullptr || s == nullptr) return invalid_argument("out or session is NULL");
        *out = nullptr;
        return new_json_string(out, kefu::detail::profile::to_json(s->value.profile(), evidence != 0));
    });
}

int kefu_session_snapshot(kefu_string** out, const kefu_session* s) {
    return guarded([&] {
        if (out == nullptr || s == nullptr) return invalid_argument("out or session is NULL");
        *out = nullptr;
        return new_string(out, s->value.snapshot());
    });
}

int kefu_session_restore(kefu_session** out, const kefu_model* model, const void* blob, size_t len) {
    return guarded([&] {
        if (out == nullptr || model == nullptr || (blob == nullptr && len != 0))
            return invalid_argument("out, model or blob is NULL");
        *out = nullptr;
        const std::string_view bytes(static_cast<const char*>(blob), len);
        *out = new kefu_session{session::customer_session::restore(model->value, bytes)};
        return KEFU_OK;
    });
}

void kefu_session_free(kefu_session* s) { delete s; }

}  // extern "C"

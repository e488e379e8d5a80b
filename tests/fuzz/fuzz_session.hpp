// Shared by the session targets (fuzz_session_blob, fuzz_session_steps):
// the session calls of the C ABI with the checks every answer must pass.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"

namespace kefu_fuzz {

// The instants kefu takes: the years 0000..9999, in ms since the epoch.
constexpr int64_t min_clock_ms = -62167219200000;  // 0000-01-01T00:00:00Z
constexpr int64_t max_clock_ms = 253402300799999;  // 9999-12-31T23:59:59.999Z
// 2026-11-22T10:00:00+08:00, a realistic clock.
constexpr int64_t fixed_now_ms = 1795312800000;

inline bool clock_in_range(int64_t ms) { return ms >= min_clock_ms && ms <= max_clock_ms; }

// A kefu_string's bytes; frees it.
inline std::string take(kefu_string* s) {
    std::string out(kefu_string_data(s), kefu_string_size(s));
    kefu_string_free(s);
    return out;
}

// A JSON answer of a session call: it parses, and is of the given kind.
inline nlohmann::json parse_answer(const std::string& text, bool array, const char* what) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    KEFU_FUZZ_CHECK(!j.is_discarded() && (array ? j.is_array() : j.is_object()),
                    "%s returned unparsable JSON: %.300s", what, text.c_str());
    return j;
}

// A failed call: one of the statuses it may give, described by kefu_last_error().
inline void check_failure(int status, std::initializer_list<int> allowed, const char* what) {
    bool ok = false;
    for (int a : allowed) ok = ok || status == a;
    KEFU_FUZZ_CHECK(ok, "%s failed with %s: %s", what, kefu_status_name(status), kefu_last_error()->message);
    check_error_reported(status, what);
}

inline std::string snapshot(const kefu_session* s) {
    kefu_string* blob = nullptr;
    const int status = kefu_session_snapshot(&blob, s);
    KEFU_FUZZ_CHECK(status == KEFU_OK && blob != nullptr, "kefu_session_snapshot: %s", kefu_last_error()->message);
    return take(blob);
}

inline std::string flows_json(const kefu_session* s) {
    kefu_string* out = nullptr;
    const int status = kefu_session_flows_json(&out, s);
    KEFU_FUZZ_CHECK(status == KEFU_OK, "kefu_session_flows_json: %s", kefu_last_error()->message);
    std::string text = take(out);
    parse_answer(text, false, "kefu_session_flows_json");
    return text;
}

inline std::string profile_json(const kefu_session* s) {
    kefu_string* out = nullptr;
    const int status = kefu_session_profile_json(&out, s, 1);
    KEFU_FUZZ_CHECK(status == KEFU_OK, "kefu_session_profile_json: %s", kefu_last_error()->message);
    std::string text = take(out);
    parse_answer(text, false, "kefu_session_profile_json");
    return text;
}

struct deadline {
    bool has = false;
    int64_t ms = 0;
};

inline deadline next_deadline(const kefu_session* s) {
    deadline d;
    int has = -1;
    const int status = kefu_session_next_deadline(s, &has, &d.ms);
    KEFU_FUZZ_CHECK(status == KEFU_OK && (has == 0 || has == 1), "kefu_session_next_deadline: %s",
                    kefu_last_error()->message);
    d.has = has == 1;
    return d;
}

// Steps one JSON event. Returns the output line ("" when the event was
// refused: only a malformed event may be, with KEFU_EPARSE).
inline std::string step(kefu_session* s, std::string_view event) {
    kefu_string* out = nullptr;
    const int status = kefu_session_step_json(&out, s, event.data(), event.size());
    if (status != KEFU_OK) {
        KEFU_FUZZ_CHECK(out == nullptr, "kefu_session_step_json failed but returned a string");
        check_failure(status, {KEFU_EPARSE}, "kefu_session_step_json");
        return {};
    }
    std::string line = take(out);
    const nlohmann::json j = parse_answer(line, false, "kefu_session_step_json");
    KEFU_FUZZ_CHECK(j.contains("event") && j.contains("actions") && j["actions"].is_array(),
                    "a step's line lacks event or actions: %.300s", line.c_str());
    return line;
}

// Moves the clock to `now_ms`: KEFU_EINVAL exactly for a clock outside the
// years 0000..9999; otherwise every timer due by then fires (unless the
// 4096 timers one call fires at most were reached).
inline std::string advance(kefu_session* s, int64_t now_ms) {
    kefu_string* out = nullptr;
    const int status = kefu_session_advance(&out, s, now_ms);
    if (!clock_in_range(now_ms)) {
        KEFU_FUZZ_CHECK(status == KEFU_EINVAL && out == nullptr, "kefu_session_advance(%lld) out of range gave %s",
                        static_cast<long long>(now_ms), kefu_status_name(status));
        check_error_reported(status, "kefu_session_advance");
        return {};
    }
    KEFU_FUZZ_CHECK(status == KEFU_OK, "kefu_session_advance(%lld): %s", static_cast<long long>(now_ms),
                    kefu_last_error()->message);
    std::string text = take(out);
    const nlohmann::json lines = parse_answer(text, true, "kefu_session_advance");
    for (const auto& line : lines)
        KEFU_FUZZ_CHECK(line.is_object() && line.value("event", "") == "timer", "advance gave a line that is not a "
                        "timer's: %.300s", line.dump().c_str());
    const deadline d = next_deadline(s);
    KEFU_FUZZ_CHECK(lines.size() >= 4096 || !d.has || d.ms > now_ms,
                    "after advance(%lld) a timer due at %lld is still pending (%zu fired)",
                    static_cast<long long>(now_ms), static_cast<long long>(d.ms), lines.size());
    return text;
}

// Restores a blob that a session wrote: it must restore, snapshot to the
// same bytes, and describe its flows and profile as the original does.
inline kefu_session* restore_own(const kefu_model* model, const std::string& blob) {
    kefu_session* restored = nullptr;
    const int status = kefu_session_restore(&restored, model, blob.data(), blob.size());
    KEFU_FUZZ_CHECK(status == KEFU_OK && restored != nullptr, "a session's own blob does not restore: %s",
                    kefu_last_error()->message);
    KEFU_FUZZ_CHECK(snapshot(restored) == blob, "a restored session snapshots to other bytes (%zu bytes)",
                    blob.size());
    return restored;
}

// Snapshot and restore in the middle of a conversation: the restored
// session has the same bytes, flows and profile as `s`, and answers `probe`
// (when not empty) exactly as `s` does. Frees `s`; returns the restored one.
inline kefu_session* restore_and_compare(kefu_session* s, const std::string& probe) {
    kefu_session* restored = restore_own(default_model(), snapshot(s));
    KEFU_FUZZ_CHECK(flows_json(restored) == flows_json(s), "a restored session has other flows");
    KEFU_FUZZ_CHECK(profile_json(restored) == profile_json(s), "a restored session has another profile");
    if (!probe.empty()) {
        const std::string a = step(s, probe), b = step(restored, probe);
        KEFU_FUZZ_CHECK(a == b, "a restored session answers otherwise:\n  %.400s\n  %.400s", a.c_str(), b.c_str());
    }
    kefu_session_free(s);
    return restored;
}

}  // namespace kefu_fuzz

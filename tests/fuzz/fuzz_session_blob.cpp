// fuzz_session_blob: session blobs from anywhere (a database, a file, the
// network). kefu_session_restore on the default model must either refuse
// the bytes with KEFU_ECORRUPT, KEFU_EVERSION or KEFU_ENOMEM and an error
// message, or return a session that snapshots to exactly the bytes it was
// restored from, describes its flows and profile in JSON, takes an event
// and a time advance, and snapshots again to a blob that restores.
//
// The first byte of the input chooses the blob:
//   0x00, 0x01  the rest of the input; with 0x01 its payload size and
//               checksum are repaired first, so that the damage reaches the
//               section readers instead of the checksum (seeds are real
//               blobs behind 0x01)
//   otherwise   the whole input (seeds are real blobs, which start with the
//               magic "KEFUSESS")
#include <cstdint>
#include <string>

#include "fuzz_session.hpp"

namespace {

using namespace kefu_fuzz;

constexpr const char* message_event =
    "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"最低多少？不便宜点我就不要了\"}";
constexpr const char* order_event =
    "{\"type\":\"order_created\",\"time\":\"2026-11-22T10:05:00+08:00\",\"order\":\"A1\",\"amount\":99}";

void exercise(kefu_session* s) {
    flows_json(s);
    profile_json(s);
    const deadline d = next_deadline(s);
    if (d.has) advance(s, d.ms);  // a deadline outside 0000..9999 must give KEFU_EINVAL
    step(s, message_event);
    step(s, order_event);
    advance(s, fixed_now_ms + 86400000);
    advance(s, max_clock_ms);
    flows_json(s);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    default_model();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string blob;
    if (size >= 1 && data[0] <= 1) {
        blob.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
        if (data[0] == 1) repair_container_header(blob);
    } else {
        blob.assign(reinterpret_cast<const char*>(data), size);
    }

    kefu_session* s = nullptr;
    const int status = kefu_session_restore(&s, default_model(), blob.data(), blob.size());
    if (status != KEFU_OK) {
        KEFU_FUZZ_CHECK(s == nullptr, "kefu_session_restore failed but returned a session");
        check_failure(status, {KEFU_ECORRUPT, KEFU_EVERSION, KEFU_ENOMEM}, "kefu_session_restore");
        return 0;
    }
    // Bit-exact: what restores snapshots to the very bytes it came from.
    KEFU_FUZZ_CHECK(snapshot(s) == blob, "a restored blob of %zu bytes snapshots to other bytes", blob.size());
    exercise(s);
    kefu_session* again = restore_own(default_model(), snapshot(s));
    kefu_session_free(again);
    kefu_session_free(s);
    return 0;
}

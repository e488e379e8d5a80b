// fuzz_session_steps: one session on the default model driven by a program
// decoded from the input (libFuzzer's FuzzedDataProvider), at most 48
// operations:
//   - step an event: its type (message, agent_reply, order_created,
//     order_paid, order_closed, call_result, return_requested,
//     shipment_delayed, policy, tick, delivered, receipt_confirmed, or a
//     name from the input), its time (forwards, backwards, the years 0001 and
//     9999, the pending deadline, any 64-bit number, ISO-8601 with any
//     offset), and its fields from the input: texts (customer phrases, long
//     messages, raw bytes with invalid UTF-8 and NUL), order, amount, call result,
//     new date, policies;
//   - advance the clock to any 64-bit instant;
//   - set policies from any JSON text, or bargaining prices from the input;
//   - snapshot and restore in the middle: the restored session snapshots to
//     the same bytes and answers the next event exactly as the original;
//   - read the flows, profile and next deadline.
// An input that starts with "#steps\n" is a script instead, one operation a
// line (the hand-made seeds are such scripts, from the built-in flows'
// conversations): a JSON event; "advance MS"; "deadline" (advance to the
// next deadline); "policies JSON"; "roundtrip"; "state".
//
// Refusals are fine when they are the documented statuses (KEFU_EPARSE for a
// malformed event, KEFU_EINVAL for bad policies or a clock outside the years
// 0000..9999); crashes, leaks, hangs, KEFU_EINTERNAL and sanitizer reports
// are findings. The checks are in fuzz_session.hpp.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "fuzz_session.hpp"

namespace {

using namespace kefu_fuzz;

constexpr std::array<const char*, 12> event_types = {
    "message",          "agent_reply", "order_created", "order_paid",       "order_closed", "call_result",
    "return_requested", "shipment_delayed", "policy",  "tick",             "delivered",    "receipt_confirmed"};

// Customer messages that move the built-in flows (bargaining, payment,
// after-sale, late shipment, complaints), in both scripts.
constexpr std::array<const char*, 20> phrases = {
    "能便宜点吗",           "别家才卖80，你们太贵了",   "最低多少？不便宜我就不要了", "好吧 那就这个价",
    "我再考虑考虑",         "已经付款了",               "不要了，不买了",             "拍下了 怎么还没发货",
    "我要退货",             "质量太差了 我要投诉",      "你们什么破服务😡",           "好的谢谢 拜拜",
    "在嗎？能便宜點嗎",     "東西壞了 我要退貨",        "什么时候发货？明天能到吗",   "订单号123456789012345678",
    "亲，下单了，马上付",   "算了 不想要了",            "我已经等了三天了！！！",     "满意 下次还来"};

constexpr std::array<const char*, 4> call_results = {"answered", "unreachable", "declined", ""};

// A JSON string literal of `bytes`; bytes >= 0x80 are copied as they are,
// so that invalid UTF-8 reaches the event parser.
std::string json_string(const std::string& bytes) {
    std::string out = "\"";
    for (unsigned char c : bytes) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

// `bytes` with each invalid UTF-8 byte replaced by U+FFFD, so that the text
// gets past the JSON parser into the session.
std::string valid_utf8(std::string bytes) {
    for (std::size_t at = first_invalid_utf8(bytes); at < bytes.size(); at = first_invalid_utf8(bytes))
        bytes.replace(at, 1, "\xEF\xBF\xBD");
    return bytes;
}

class program {
public:
    program(const uint8_t* data, size_t size) : in_(data, size) {}

    void run() {
        kefu_session* s = nullptr;
        KEFU_FUZZ_CHECK(kefu_session_new(&s, default_model(), "fuzz") == KEFU_OK, "kefu_session_new: %s",
                        kefu_last_error()->message);
        current_ = s;
        for (int op = 0; op < 48 && in_.remaining_bytes() > 0; ++op) {
            switch (in_.ConsumeIntegralInRange(0, 9)) {
                case 0: case 1: case 2: case 3: step(s, event()); break;
                case 4: advance(s, instant()); break;
                case 5: set_policies(s); break;
                case 6: s = round_trip(s); break;
                case 7: flows_json(s); profile_json(s); next_deadline(s); break;
                case 8: {  // straight to the next deadline, or just before it
                    const deadline d = next_deadline(s);
                    if (d.has) advance(s, d.ms - (in_.ConsumeBool() ? 1 : 0));
                    break;
                }
                default: step(s, event()); step(s, event()); break;
            }
        }
        s = round_trip(s);
        kefu_session_free(s);
    }

private:
    // An instant for advance() or an event: mostly near the program's clock,
    // sometimes far away or outside what kefu takes.
    int64_t instant() {
        switch (in_.ConsumeIntegralInRange(0, 9)) {
            case 0: return now_ = now_ - in_.ConsumeIntegralInRange<int64_t>(0, 7LL * 86400000);  // backwards
            case 1: return -62135596800000 + in_.ConsumeIntegralInRange<int64_t>(-86400000, 86400000);  // 0001
            case 2: return max_clock_ms - in_.ConsumeIntegralInRange<int64_t>(-86400000, 86400000);     // 9999
            case 3: return in_.ConsumeIntegral<int64_t>();
            case 4: return in_.PickValueInArray({std::numeric_limits<int64_t>::min(),
                                                 std::numeric_limits<int64_t>::max(), min_clock_ms, max_clock_ms,
                                                 min_clock_ms - 1, max_clock_ms + 1, int64_t{0}, int64_t{-1}});
            case 5: {
                const deadline d = next_deadline(current_);
                if (d.has) return d.ms + in_.ConsumeIntegralInRange<int64_t>(-1, 1);
                [[fallthrough]];
            }
            case 6: return now_ = now_ + in_.ConsumeIntegralInRange<int64_t>(0, 400LL * 86400000);  // far ahead
            default: return now_ = now_ + in_.ConsumeIntegralInRange<int64_t>(0, 3 * 3600000);       // ahead
        }
    }

    // A time field: milliseconds, or ISO-8601 in some offset.
    std::string time_field() {
        const int64_t ms = instant();
        switch (in_.ConsumeIntegralInRange(0, 3)) {
            case 0: return std::to_string(ms);
            case 1: return "\"" + in_.ConsumeRandomLengthString(40) + "\"";
            default: {
                const int32_t offset = in_.ConsumeBool() ? 480 : in_.ConsumeIntegralInRange(-18 * 60, 18 * 60);
                kefu_string* iso = nullptr;
                if (kefu_time_format(&iso, ms, offset) != KEFU_OK) return std::to_string(ms);
                return "\"" + take(iso) + "\"";
            }
        }
    }

    std::string text_field() {
        switch (in_.ConsumeIntegralInRange(0, 4)) {
            case 0: case 1: return json_string(in_.PickValueInArray(phrases));
            case 4: {  // a long message: a phrase repeated past the 1 KiB a session keeps, cut anywhere
                std::string text;
                const std::string phrase = in_.PickValueInArray(phrases);
                const std::size_t bytes = in_.ConsumeIntegralInRange<std::size_t>(900, 3000);
                while (text.size() < bytes) text += phrase;
                return json_string(valid_utf8(text.substr(0, bytes)));
            }
            case 2: return json_string(valid_utf8(in_.ConsumeRandomLengthString(400)));
            default: return json_string(in_.ConsumeRandomLengthString(400));  // maybe invalid UTF-8: KEFU_EPARSE
        }
    }

    std::string policies_json() {
        if (in_.ConsumeBool()) return in_.ConsumeRandomLengthString(200);
        const double list = in_.ConsumeFloatingPointInRange(-10.0, 1000.0);
        const double floor = in_.ConsumeFloatingPointInRange(-10.0, 1000.0);
        return "{\"bargaining\":{\"list_price\":" + std::to_string(list) + ",\"floor_price\":" + std::to_string(floor) +
               ",\"concessions\":" + std::to_string(in_.ConsumeIntegralInRange(-1, 5)) + "},"
               "\"payment_followup\":{\"quiet_start\":\"" + std::to_string(in_.ConsumeIntegralInRange(0, 25)) +
               ":00\",\"call_after\":" + std::to_string(in_.ConsumeIntegralInRange(-5, 100000)) + "}}";
    }

    std::string event() {
        const std::string type = in_.ConsumeIntegralInRange(0, 20) == 0 ? in_.ConsumeRandomLengthString(20)
                                                                         : in_.PickValueInArray(event_types);
        std::string e = "{\"type\":" + json_string(type) + ",\"time\":" + time_field();
        if (type == "message" || type == "agent_reply" || in_.ConsumeIntegralInRange(0, 7) == 0)
            e += ",\"text\":" + text_field();
        if (in_.ConsumeBool())
            e += ",\"order\":" + (in_.ConsumeBool() ? json_string(in_.PickValueInArray({"A1", "A2", "B7"}))
                                                    : json_string(in_.ConsumeRandomLengthString(30)));
        if (in_.ConsumeBool())
            e += ",\"amount\":" + std::to_string(in_.PickValueInArray({99.0, 0.0, -5.0, 1e300, 0.01, 250.5}));
        if (type == "call_result" || in_.ConsumeIntegralInRange(0, 7) == 0)
            e += ",\"result\":" + json_string(in_.PickValueInArray(call_results));
        if (type == "shipment_delayed" || in_.ConsumeIntegralInRange(0, 7) == 0) e += ",\"new_date\":" + time_field();
        if (type == "policy") e += ",\"policies\":" + policies_json();
        if (in_.ConsumeIntegralInRange(0, 15) == 0) e += in_.ConsumeRandomLengthString(30);  // trailing garbage
        return e + "}";
    }

    void set_policies(kefu_session* s) {
        const std::string json = policies_json();
        const int status = kefu_session_set_policies(s, json.data(), json.size());
        if (status != KEFU_OK) check_failure(status, {KEFU_EINVAL}, "kefu_session_set_policies");
    }

    // Snapshot and restore (fuzz_session.hpp), probed with an event.
    kefu_session* round_trip(kefu_session* s) {
        const std::string probe = in_.remaining_bytes() > 0 ? event() : std::string();
        current_ = restore_and_compare(s, probe);
        return current_;
    }

    void step(kefu_session* s, const std::string& e) {
        current_ = s;
        kefu_fuzz::step(s, e);
    }
    void advance(kefu_session* s, int64_t t) {
        current_ = s;
        kefu_fuzz::advance(s, t);
    }

    FuzzedDataProvider in_;
    int64_t now_ = fixed_now_ms;
    kefu_session* current_ = nullptr;
};

// The script form: one operation a line.
void run_script(std::string_view text) {
    kefu_session* s = nullptr;
    KEFU_FUZZ_CHECK(kefu_session_new(&s, default_model(), "script") == KEFU_OK, "kefu_session_new: %s",
                    kefu_last_error()->message);
    for (int n = 0; n < 256 && !text.empty(); ++n) {
        const std::size_t end = text.find('\n');
        const std::string line(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (line.empty() || line[0] == '#') continue;
        if (line[0] == '{') {
            step(s, line);
        } else if (line.rfind("advance ", 0) == 0) {
            char* stop = nullptr;
            const long long t = std::strtoll(line.c_str() + 8, &stop, 10);
            advance(s, static_cast<int64_t>(t));
        } else if (line == "deadline") {
            if (const deadline d = next_deadline(s); d.has) advance(s, d.ms);
        } else if (line.rfind("policies ", 0) == 0) {
            const int status = kefu_session_set_policies(s, line.data() + 9, line.size() - 9);
            if (status != KEFU_OK) check_failure(status, {KEFU_EINVAL}, "kefu_session_set_policies");
        } else if (line == "roundtrip") {
            s = restore_and_compare(s, {});
        } else if (line == "state") {
            flows_json(s);
            profile_json(s);
            next_deadline(s);
        }
    }
    s = restore_and_compare(s, {});
    kefu_session_free(s);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    default_model();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (text.rfind("#steps\n", 0) == 0) run_script(text.substr(7));
    else program(data, size).run();
    return 0;
}

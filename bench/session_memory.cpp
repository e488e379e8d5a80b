// session_memory: the resident memory of the default model and of idle
// sessions, measured in one process through the C ABI (docs/BENCHMARKS.md,
// "Memory"). Prints VmRSS from /proc/self/status at three points: at start,
// after loading the default model (and classifying one message, so that the
// lazily built parts exist), and after creating N sessions that each took
// one customer message (so that each holds a profile) and are kept alive.
//
//   session_memory [N]      N sessions, default 100000
#include <kefu/kefu.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

// VmRSS in bytes, or -1 when /proc is not there.
long long resident_bytes() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::atoll(line.c_str() + 6) * 1024;
    return -1;
}

double mb(long long bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

int fail(const char* what) {
    std::fprintf(stderr, "%s: %s\n", what, kefu_last_error()->message);
    return 1;
}

constexpr const char* messages[] = {"在吗？这款还有货吗", "能便宜点吗", "我要退货，尺码不合适", "什么时候发货",
                                    "好的谢谢", "你们这什么破服务", "在嗎？這件有ＸＬ嗎", "好的👌 那我下单了"};

}  // namespace

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 100000;
    if (n <= 0) {
        std::fprintf(stderr, "usage: %s [SESSIONS]\n", argv[0]);
        return 1;
    }
    const long long at_start = resident_bytes();

    kefu_model* model = nullptr;
    if (kefu_model_default(&model) != KEFU_OK) return fail("kefu_model_default");
    kefu_classification* c = nullptr;
    if (kefu_classify(&c, model, messages[0], std::strlen(messages[0]), nullptr) != KEFU_OK) return fail("kefu_classify");
    kefu_classification_free(c);
    const long long with_model = resident_bytes();

    std::vector<kefu_session*> sessions;
    sessions.reserve(static_cast<std::size_t>(n));
    const long long before_sessions = resident_bytes();
    std::size_t blob_bytes = 0;
    for (long i = 0; i < n; ++i) {
        kefu_session* s = nullptr;
        const std::string id = "c" + std::to_string(i);
        if (kefu_session_new(&s, model, id.c_str()) != KEFU_OK) return fail("kefu_session_new");
        const char* text = messages[i % (sizeof messages / sizeof *messages)];
        const std::string event = "{\"type\":\"message\",\"time\":\"2026-11-22T10:00:00+08:00\",\"text\":\"" +
                                  std::string(text) + "\"}";
        kefu_string* out = nullptr;
        if (kefu_session_step_json(&out, s, event.data(), event.size()) != KEFU_OK) return fail("kefu_session_step_json");
        kefu_string_free(out);
        if (i < 1000) {  // the blob size of the first thousand, for comparison
            kefu_string* blob = nullptr;
            if (kefu_session_snapshot(&blob, s) != KEFU_OK) return fail("kefu_session_snapshot");
            blob_bytes += kefu_string_size(blob);
            kefu_string_free(blob);
        }
        sessions.push_back(s);
    }
    const long long with_sessions = resident_bytes();
    const double per_session = static_cast<double>(with_sessions - before_sessions) / static_cast<double>(n);

    std::printf("RSS at start:                    %8.1f MB\n", mb(at_start));
    std::printf("RSS with the default model:      %8.1f MB (+%.1f MB)\n", mb(with_model), mb(with_model - at_start));
    std::printf("RSS with %ld idle sessions:  %8.1f MB (+%.1f MB, %.0f bytes per session)\n", n, mb(with_sessions),
                mb(with_sessions - before_sessions), per_session);
    std::printf("mean session blob (first %ld):  %8.0f bytes\n", n < 1000 ? n : 1000L,
                static_cast<double>(blob_bytes) / static_cast<double>(n < 1000 ? n : 1000));

    for (kefu_session* s : sessions) kefu_session_free(s);
    kefu_model_free(model);
    return 0;
}

// Shared by the fuzz targets: invariant checks that abort with a message
// (libFuzzer then saves the input as a reproducer), and an independent
// strict UTF-8 validator to check the library's spans against.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <kefu/kefu.h>

#include <nlohmann/json.hpp>

#define KEFU_FUZZ_CHECK(condition, ...)                                                    \
    do {                                                                                   \
        if (!(condition)) {                                                                \
            std::fprintf(stderr, "%s:%d: invariant violated: %s\n  ", __FILE__, __LINE__, \
                         #condition);                                                      \
            std::fprintf(stderr, __VA_ARGS__);                                             \
            std::fprintf(stderr, "\n");                                                    \
            std::abort();                                                                  \
        }                                                                                  \
    } while (0)

namespace kefu_fuzz {

// The offset of the first byte that is not part of well-formed UTF-8
// (Unicode §3.9, table 3-7), or text.size() when the whole text is valid.
inline std::size_t first_invalid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char b = s[i];
        std::size_t need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b < 0x80) {
            ++i;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        } else {
            return i;
        }
        if (i + need >= n) return i;  // truncated
        for (std::size_t k = 1; k <= need; ++k) {
            const unsigned char c = s[i + k];
            if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return i;
        }
        i += need + 1;
    }
    return n;
}

inline bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// True when `offset` does not fall inside a code point of valid UTF-8 text.
inline bool on_boundary(std::string_view text, std::size_t offset) {
    return offset == 0 || offset >= text.size() || !is_continuation(static_cast<unsigned char>(text[offset]));
}

// A byte span [start, end) returned for `text` must lie inside it, and on
// code point boundaries when the text is valid UTF-8.
inline void check_span(std::string_view text, bool valid_utf8, std::size_t start, std::size_t end, const char* what) {
    KEFU_FUZZ_CHECK(start <= end && end <= text.size(), "%s span [%zu, %zu) of a %zu-byte text", what, start, end,
                    text.size());
    if (valid_utf8)
        KEFU_FUZZ_CHECK(on_boundary(text, start) && on_boundary(text, end),
                        "%s span [%zu, %zu) splits a UTF-8 sequence", what, start, end);
}

inline void check_probability(double p, const char* what) {
    KEFU_FUZZ_CHECK(std::isfinite(p) && p >= 0.0 && p <= 1.0, "%s %g is not in [0, 1]", what, p);
}

// A JSON twin's output: it must parse (and be an object).
inline nlohmann::json parse_json(const kefu_string* s, const char* what) {
    const std::string_view text(kefu_string_data(s), kefu_string_size(s));
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    KEFU_FUZZ_CHECK(!j.is_discarded() && j.is_object(), "%s returned unparsable JSON: %.200s", what,
                    std::string(text).c_str());
    return j;
}

// After a failed call, kefu_last_error() must describe it.
inline void check_error_reported(int status, const char* what) {
    const kefu_error* e = kefu_last_error();
    KEFU_FUZZ_CHECK(e != nullptr && e->code == status && e->message != nullptr && e->message[0] != '\0',
                    "%s failed with %s but kefu_last_error() does not describe it", what, kefu_status_name(status));
}

// A small model with every part a model file can hold (intents, lexicons,
// negators, rules, examples, a learned model with its calibration), built
// once: fast enough to compile on top of and to damage on every run, where
// the 40 MB default model takes about a second per use in this build.
constexpr const char small_rules[] =
    "lexicon negator = 不想 | 不要 | 没有\n"
    "lexicon negator_exception = 有没有\n"
    "option negation_window = 2\n"
    "intent greeting \"opens the chat\" priority 0\n"
    "intent return \"wants to return the item\" priority 6 negatable\n"
    "intent bargain \"asks for a lower price\" priority 5\n"
    "intent other \"out of scope\" priority -1\n"
    "lexicon cheaper = 便宜 | 优惠 | 少点\n"
    "rule greeting hello: ^ (你好 | 在吗 | 亲) $ weight 2\n"
    "rule return: (退货 | 退款) {0,3} (吗 | 吧)? weight 1.5\n"
    "rule return angry: [:angry:] priority 2\n"
    "rule bargain: (能 | 可以) {0,4} @cheaper (点 | 些)? weight 1\n"
    "example return: 我要退货\n"
    "example bargain: 能便宜点吗\n";

inline const kefu_model* small_model() {
    static const kefu_model* model = [] {
        const kefu_source source = {"small.kefu", small_rules, sizeof small_rules - 1};
        kefu_model* rules = nullptr;
        KEFU_FUZZ_CHECK(kefu_model_compile(&rules, nullptr, &source, 1) == KEFU_OK, "small rules: %s",
                        kefu_last_error()->message);
        static const char* const labelled[][2] = {
            {"greeting", "你好"},     {"greeting", "在吗"},         {"greeting", "亲 在不在"},
            {"return", "我要退货"},   {"return", "这个能退吗"},     {"return", "不合适 退了吧"},
            {"bargain", "能便宜点吗"}, {"bargain", "少点呗"},        {"bargain", "有优惠吗"},
            {"other", "今天天气不错"}, {"other", "哈哈哈"},          {"other", "你是机器人吗"},
        };
        std::vector<kefu_example> examples;
        for (const auto& [label, text] : labelled) examples.push_back({label, text, std::strlen(text)});
        kefu_train_options opts;
        kefu_train_options_init(&opts, KEFU_TRAIN_OPTIONS_VERSION);
        opts.epochs = 5;
        kefu_model* trained = nullptr;
        KEFU_FUZZ_CHECK(kefu_model_train(&trained, rules, examples.data(), examples.size(), &opts) == KEFU_OK,
                        "small model training: %s", kefu_last_error()->message);
        kefu_model_free(rules);
        return trained;
    }();
    return model;
}

inline const kefu_model* default_model() {
    static const kefu_model* model = [] {
        kefu_model* m = nullptr;
        const int status = kefu_model_default(&m);
        KEFU_FUZZ_CHECK(status == KEFU_OK, "kefu_model_default: %s", kefu_last_error()->message);
        return m;
    }();
    return model;
}

// CRC-32 (IEEE), as the container of model files and session blobs uses.
inline uint32_t crc32(std::string_view data) {
    static const auto table = [] {
        struct { uint32_t v[256]; } t{};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t.v[i] = c;
        }
        return t;
    }();
    uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : data) c = table.v[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

// The container header of model files and session blobs: magic (8 bytes),
// version, flags, payload size (u64 at 16), checksum (u32 at 24), reserved.
constexpr std::size_t container_header_size = 32;

// Rewrites the payload size and checksum of a container so that damage to
// the payload reaches the section readers instead of the checksum. Bytes
// shorter than a header are left alone.
inline void repair_container_header(std::string& bytes) {
    if (bytes.size() < container_header_size) return;
    const uint64_t payload = bytes.size() - container_header_size;
    const uint32_t checksum = crc32(std::string_view(bytes).substr(container_header_size));
    std::memcpy(bytes.data() + 16, &payload, 8);
    std::memcpy(bytes.data() + 24, &checksum, 4);
}

// FNV-1a, to pick a deterministic share of inputs for the slow checks.
inline uint64_t input_hash(const uint8_t* data, size_t size) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 0x100000001b3ULL;
    return h;
}

}  // namespace kefu_fuzz

// fuzz_model: model bytes from anywhere. kefu_model_load_bytes must either
// refuse them with a status that kefu_last_error() describes, or return a
// model that classifies, describes itself, and saves bytes that load again.
//
// The first byte of the input chooses what is loaded:
//   0x00..0x03  an edit script applied to the saved bytes of the small
//               trained model of fuzz_check.hpp and, for one input in 128
//               (picked by hash), of the 40 MB default model too, which takes
//               about a second to load in this build. Bit 1 repairs the
//               payload size and checksum after editing, so that the damage
//               reaches the section readers instead of the checksum. The
//               script is a list of 5-byte records, a little-endian u32 and
//               a byte: the byte is XORed into offset % size, or, when it is
//               0, the bytes are truncated to offset % size.
//   otherwise   the whole input is the model file (seeds are real files,
//               which start with the magic "KEFUMODL").
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"

namespace {

using namespace kefu_fuzz;

constexpr const char* message = "你好 我要退货😡 明天能到吗 ¥199 订单号123456789012345678";

std::string save(const kefu_model* model) {
    kefu_string* bytes = nullptr;
    const int status = kefu_model_save_bytes(&bytes, model);
    KEFU_FUZZ_CHECK(status == KEFU_OK, "kefu_model_save_bytes: %s", kefu_last_error()->message);
    std::string out(kefu_string_data(bytes), kefu_string_size(bytes));
    kefu_string_free(bytes);
    return out;
}

const std::string& default_model_bytes() {
    static const std::string bytes = [] {
        kefu_model* m = nullptr;
        KEFU_FUZZ_CHECK(kefu_model_default(&m) == KEFU_OK, "kefu_model_default: %s", kefu_last_error()->message);
        std::string b = save(m);
        kefu_model_free(m);
        return b;
    }();
    return bytes;
}

const std::string& small_model_bytes() {
    static const std::string bytes = save(small_model());
    return bytes;
}

std::string edited(std::string bytes, const uint8_t* data, size_t size) {
    const uint8_t mode = data[0];
    for (size_t i = 1; i + 5 <= size && !bytes.empty(); i += 5) {
        uint32_t offset;
        std::memcpy(&offset, data + i, 4);
        const uint8_t value = data[i + 4];
        if (value == 0) bytes.resize(offset % bytes.size());
        else bytes[offset % bytes.size()] = static_cast<char>(bytes[offset % bytes.size()] ^ value);
    }
    if (mode & 2) repair_container_header(bytes);  // the damage is past the checksum
    return bytes;
}

void check_loaded(const kefu_model* model, size_t file_size) {
    KEFU_FUZZ_CHECK(kefu_model_out_of_scope_label(model) != nullptr, "no out-of-scope label");
    const size_t intents = kefu_model_intent_count(model);
    for (size_t i = 0; i < intents; ++i)
        KEFU_FUZZ_CHECK(kefu_model_intent_name(model, i) != nullptr, "intent %zu has no name", i);

    const size_t len = std::strlen(message);
    kefu_classification* c = nullptr;
    const int status = kefu_classify(&c, model, message, len, nullptr);
    KEFU_FUZZ_CHECK(status == KEFU_OK, "kefu_classify on a loaded model: %s", kefu_last_error()->message);
    KEFU_FUZZ_CHECK(kefu_classification_intent(c) != nullptr, "no intent");
    for (size_t i = 0; i < kefu_classification_ranking_size(c); ++i) {
        const char* name = nullptr;
        KEFU_FUZZ_CHECK(kefu_classification_ranking(&name, nullptr, c, i) == KEFU_OK && name, "ranking(%zu)", i);
    }
    for (size_t i = 0; i < kefu_classification_hit_count(c); ++i) {
        kefu_rule_hit h;
        KEFU_FUZZ_CHECK(kefu_classification_hit(&h, c, i) == KEFU_OK && h.rule && h.intent, "hit(%zu)", i);
        check_span(std::string_view(message, len), true, h.start, h.end, "rule hit");
    }
    kefu_classification_free(c);

    kefu_string* json = nullptr;
    KEFU_FUZZ_CHECK(kefu_classify_json(&json, model, message, len, nullptr) == KEFU_OK, "kefu_classify_json: %s",
                    kefu_last_error()->message);
    parse_json(json, "kefu_classify_json");
    kefu_string_free(json);
    KEFU_FUZZ_CHECK(kefu_model_info_json(&json, model) == KEFU_OK, "kefu_model_info_json: %s",
                    kefu_last_error()->message);
    parse_json(json, "kefu_model_info_json");
    kefu_string_free(json);

    // A shop's rules compile on top of any model that loads (which rebuilds
    // the automaton from the loaded rule set); what they cannot refer to is
    // refused with a status.
    if (file_size <= (1u << 22)) {
        static const char shop_rules[] =
            "intent shop_hours \"asks when the shop is open\" priority 3\n"
            "lexicon shop_when = 几点 | 什么时候\n"
            "rule shop_hours: @shop_when {0,2} (开门 | 营业)\n";
        const kefu_source source = {"shop.kefu", shop_rules, sizeof shop_rules - 1};
        kefu_model* shop = nullptr;
        const int compiled = kefu_model_compile(&shop, model, &source, 1);
        if (compiled == KEFU_OK) {
            kefu_classification* sc = nullptr;
            KEFU_FUZZ_CHECK(kefu_classify(&sc, shop, message, len, nullptr) == KEFU_OK,
                            "kefu_classify on a model compiled on a loaded one: %s", kefu_last_error()->message);
            kefu_classification_free(sc);
        } else {
            KEFU_FUZZ_CHECK(compiled == KEFU_EPARSE || compiled == KEFU_ELIMIT || compiled == KEFU_ECORRUPT,
                            "compiling on a loaded model: %s: %s", kefu_status_name(compiled),
                            kefu_last_error()->message);
            check_error_reported(compiled, "compiling on a loaded model");
        }
        kefu_model_free(shop);
    }

    // A model that loads saves bytes that load again (checked for small
    // models: the default model's 40 MB take over a second to do so).
    if (file_size > (1u << 22)) return;
    const std::string again = save(model);
    kefu_model* reloaded = nullptr;
    KEFU_FUZZ_CHECK(kefu_model_load_bytes(&reloaded, again.data(), again.size()) == KEFU_OK,
                    "a loaded model's saved bytes do not load: %s", kefu_last_error()->message);
    kefu_model_free(reloaded);
}

void load(std::string_view bytes) {
    kefu_model* model = nullptr;
    const int status = kefu_model_load_bytes(&model, bytes.data(), bytes.size());
    if (status != KEFU_OK) {
        KEFU_FUZZ_CHECK(model == nullptr, "failed but returned a model");
        KEFU_FUZZ_CHECK(status == KEFU_ECORRUPT || status == KEFU_EVERSION || status == KEFU_ENOMEM,
                        "unexpected status %s: %s", kefu_status_name(status), kefu_last_error()->message);
        check_error_reported(status, "kefu_model_load_bytes");
        return;
    }
    check_loaded(model, bytes.size());
    kefu_model_free(model);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    default_model_bytes();
    small_model_bytes();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size >= 1 && data[0] <= 3) {
        load(edited(small_model_bytes(), data, size));
        if (input_hash(data, size) % 128 == 0) load(edited(default_model_bytes(), data, size));
    } else {
        load(std::string_view(reinterpret_cast<const char*>(data), size));
    }
    return 0;
}

// fuzz_text: any bytes as a customer message, through every text entry point
// of the C ABI: kefu_normalize (both invalid-UTF-8 policies) and its JSON
// twin, kefu_classify with the default model and its JSON twin,
// kefu_extract_entities without a clock, with a fixed one and with one taken
// from the input's first 8 bytes, and its JSON twin. Invariants: see
// docs/FUZZING.md.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"

namespace {

using namespace kefu_fuzz;

// 2026-11-22T10:00:00+08:00, a realistic message clock.
constexpr int64_t fixed_now_ms = 1795312800000;
// The clocks kefu accepts: the years 0000 to 9999.
constexpr int64_t min_clock_ms = -62167219200000;
constexpr int64_t max_clock_ms = 253402300799999;

bool clock_in_range(int64_t ms) { return ms >= min_clock_ms && ms <= max_clock_ms; }

// Any 64-bit value folded into the accepted range.
int64_t folded_clock(int64_t ms) {
    const uint64_t span = static_cast<uint64_t>(max_clock_ms - min_clock_ms) + 1;
    return min_clock_ms + static_cast<int64_t>(static_cast<uint64_t>(ms) % span);
}

struct input {
    const char* data;
    std::size_t size;
    std::string_view view;
    bool valid;         // the whole input is well-formed UTF-8
    std::size_t bad;    // its first invalid byte, or size
    bool has_clock;     // at least 8 bytes: they give a clock
    int64_t clock_ms;
};

void check_normalize(const input& in) {
    kefu_normalize_options opts;
    KEFU_FUZZ_CHECK(kefu_normalize_options_init(&opts, KEFU_NORMALIZE_OPTIONS_VERSION) == KEFU_OK, "init");

    kefu_normalized* n = nullptr;
    int status = kefu_normalize(&n, in.data, in.size, &opts);
    KEFU_FUZZ_CHECK(status == KEFU_OK && n != nullptr, "kefu_normalize (replace): %s", kefu_status_name(status));
    size_t text_len = 0;
    const char* text = kefu_normalized_text(n, &text_len);
    KEFU_FUZZ_CHECK(text != nullptr && text[text_len] == '\0', "normalised text is not NUL-terminated");
    const std::string_view normal(text, text_len);
    KEFU_FUZZ_CHECK(first_invalid_utf8(normal) == text_len, "normalised text is not valid UTF-8");

    const size_t count = kefu_normalized_char_count(n);
    size_t text_pos = 0, previous_source = 0;
    for (size_t i = 0; i < count; ++i) {
        kefu_char_info c;
        KEFU_FUZZ_CHECK(kefu_normalized_char(&c, n, i) == KEFU_OK, "kefu_normalized_char(%zu)", i);
        KEFU_FUZZ_CHECK(c.text_start == text_pos && c.text_end > c.text_start && c.text_end <= text_len,
                        "char %zu covers [%zu, %zu) of the normalised text, expected to start at %zu", i, c.text_start,
                        c.text_end, text_pos);
        text_pos = c.text_end;
        check_span(in.view, in.valid, c.source_start, c.source_end, "normalised char source");
        KEFU_FUZZ_CHECK(c.source_start >= previous_source, "char %zu source range goes backwards", i);
        previous_source = c.source_start;
        KEFU_FUZZ_CHECK(c.repeat >= 1, "char %zu repeat %u", i, c.repeat);
        KEFU_FUZZ_CHECK(c.codepoint <= 0x10FFFF && (c.codepoint < 0xD800 || c.codepoint > 0xDFFF),
                        "char %zu is not a scalar value: U+%X", i, c.codepoint);
    }
    KEFU_FUZZ_CHECK(text_pos == text_len, "characters cover %zu of %zu normalised bytes", text_pos, text_len);
    kefu_char_info beyond;
    KEFU_FUZZ_CHECK(kefu_normalized_char(&beyond, n, count) == KEFU_EINVAL, "char index past the end accepted");

    kefu_string* json = nullptr;
    status = kefu_normalize_json(&json, in.data, in.size, &opts);
    KEFU_FUZZ_CHECK(status == KEFU_OK, "kefu_normalize_json: %s", kefu_status_name(status));
    const nlohmann::json j = parse_json(json, "kefu_normalize_json");
    KEFU_FUZZ_CHECK(j.at("text").get<std::string>() == normal && j.at("chars").size() == count,
                    "kefu_normalize_json disagrees with kefu_normalize");
    kefu_string_free(json);

    // Strict decoding: accepted exactly when the input is valid, with the same result.
    opts.invalid_utf8 = KEFU_INVALID_UTF8_REJECT;
    kefu_normalized* strict = nullptr;
    status = kefu_normalize(&strict, in.data, in.size, &opts);
    if (in.valid) {
        KEFU_FUZZ_CHECK(status == KEFU_OK, "kefu_normalize (reject) refused valid UTF-8: %s",
                        kefu_last_error()->message);
        size_t strict_len = 0;
        const char* strict_text = kefu_normalized_text(strict, &strict_len);
        KEFU_FUZZ_CHECK(std::string_view(strict_text, strict_len) == normal, "policies disagree on valid UTF-8");
    } else {
        KEFU_FUZZ_CHECK(status == KEFU_EUTF8 && strict == nullptr, "kefu_normalize (reject) gave %s on invalid UTF-8",
                        kefu_status_name(status));
        check_error_reported(status, "kefu_normalize (reject)");
        KEFU_FUZZ_CHECK(kefu_last_error()->byte_offset == static_cast<int64_t>(in.bad),
                        "invalid byte reported at %lld, first invalid byte is %zu",
                        static_cast<long long>(kefu_last_error()->byte_offset), in.bad);
    }
    kefu_normalized_free(strict);
    kefu_normalized_free(n);
}

void check_entity(const input& in, const kefu_entity& e, bool clock) {
    KEFU_FUZZ_CHECK(e.type >= KEFU_ENTITY_MONEY && e.type <= KEFU_ENTITY_ATTRIBUTE, "entity type %d", e.type);
    KEFU_FUZZ_CHECK(e.type_name && e.type_name[0] && e.canonical && e.unit && e.courier, "entity strings are NULL");
    check_span(in.view, in.valid, e.start, e.end, e.type_name);
    KEFU_FUZZ_CHECK(e.start < e.end, "empty %s entity at %zu", e.type_name, e.start);
    KEFU_FUZZ_CHECK(std::isfinite(e.value) && std::isfinite(e.min) && std::isfinite(e.max) && std::isfinite(e.threshold),
                    "%s entity has a non-finite number", e.type_name);
    KEFU_FUZZ_CHECK(clock || !e.resolved, "%s entity resolved without a clock", e.type_name);
    KEFU_FUZZ_CHECK(e.type != KEFU_ENTITY_DURATION || e.seconds >= 0, "negative duration %lld s",
                    static_cast<long long>(e.seconds));
    KEFU_FUZZ_CHECK(e.reserved[0] == 0 && e.reserved[1] == 0 && e.reserved[2] == 0 && e.reserved[3] == 0,
                    "reserved entity fields are set");
}

// The JSON entities must list the same spans as the structs.
void check_json_entities(const nlohmann::json& list, const kefu_entity* entities, size_t count, const char* what) {
    KEFU_FUZZ_CHECK(list.is_array() && list.size() == count, "%s lists %zu entities, the structs %zu", what,
                    list.is_array() ? list.size() : 0, count);
    for (size_t i = 0; i < count; ++i)
        KEFU_FUZZ_CHECK(list[i].at("start").get<size_t>() == entities[i].start &&
                            list[i].at("end").get<size_t>() == entities[i].end &&
                            list[i].at("type").get<std::string>() == entities[i].type_name,
                        "%s entity %zu differs from the struct", what, i);
}

void check_entities(const input& in, const kefu_entity_options* opts, bool clock) {
    kefu_entities* found = nullptr;
    int status = kefu_extract_entities(&found, in.data, in.size, opts);
    if (clock && !clock_in_range(opts->now_ms)) {  // refused, and so is the JSON twin
        KEFU_FUZZ_CHECK(status == KEFU_EINVAL && found == nullptr, "kefu_extract_entities accepted the clock %lld",
                        static_cast<long long>(opts->now_ms));
        check_error_reported(status, "kefu_extract_entities");
        kefu_string* json = nullptr;
        status = kefu_extract_entities_json(&json, in.data, in.size, opts);
        KEFU_FUZZ_CHECK(status == KEFU_EINVAL && json == nullptr, "kefu_extract_entities_json accepted the clock");
        return;
    }
    KEFU_FUZZ_CHECK(status == KEFU_OK && found != nullptr, "kefu_extract_entities: %s", kefu_last_error()->message);
    const size_t count = kefu_entities_count(found);
    std::vector<kefu_entity> entities(count);
    for (size_t i = 0; i < count; ++i) {
        KEFU_FUZZ_CHECK(kefu_entities_get(&entities[i], found, i) == KEFU_OK, "kefu_entities_get(%zu)", i);
        check_entity(in, entities[i], clock);
        if (i > 0)
            KEFU_FUZZ_CHECK(entities[i].start >= entities[i - 1].start, "entities out of position order");
    }
    kefu_entity beyond;
    KEFU_FUZZ_CHECK(kefu_entities_get(&beyond, found, count) == KEFU_EINVAL, "entity index past the end accepted");

    kefu_string* json = nullptr;
    status = kefu_extract_entities_json(&json, in.data, in.size, opts);
    KEFU_FUZZ_CHECK(status == KEFU_OK, "kefu_extract_entities_json: %s", kefu_last_error()->message);
    const nlohmann::json j = parse_json(json, "kefu_extract_entities_json");
    check_json_entities(j.at("entities"), entities.data(), count, "kefu_extract_entities_json");
    kefu_string_free(json);
    // The borrowed strings stay valid until the parent is freed: read them once more.
    for (const kefu_entity& e : entities)
        KEFU_FUZZ_CHECK(std::strlen(e.canonical) + std::strlen(e.unit) + std::strlen(e.courier) < (1u << 20), "strings");
    kefu_entities_free(found);
}

void check_all_entities(const input& in) {
    check_entities(in, nullptr, false);
    kefu_entity_options opts;
    KEFU_FUZZ_CHECK(kefu_entity_options_init(&opts, KEFU_ENTITY_OPTIONS_VERSION) == KEFU_OK, "init");
    opts.has_clock = 1;
    opts.now_ms = fixed_now_ms;
    check_entities(in, &opts, true);
    if (in.has_clock) {
        opts.now_ms = in.clock_ms;
        check_entities(in, &opts, true);
        if (!clock_in_range(in.clock_ms)) {
            opts.now_ms = folded_clock(in.clock_ms);
            check_entities(in, &opts, true);
        }
    }
}

struct classified {
    std::string intent;
    size_t hits = 0;
    std::vector<kefu_rule_hit> hit_list;
    std::vector<kefu_entity> entities;
};

classified check_classification(const input& in, const kefu_classify_options* opts, bool clock) {
    const kefu_model* model = default_model();
    kefu_classification* c = nullptr;
    const int status = kefu_classify(&c, model, in.data, in.size, opts);
    KEFU_FUZZ_CHECK(status == KEFU_OK && c != nullptr, "kefu_classify: %s", kefu_last_error()->message);
    classified out;
    const char* intent = kefu_classification_intent(c);
    KEFU_FUZZ_CHECK(intent != nullptr && intent[0] != '\0', "no intent");
    out.intent = intent;
    check_probability(kefu_classification_confidence(c), "confidence");
    if (kefu_classification_out_of_scope(c))
        KEFU_FUZZ_CHECK(out.intent == kefu_model_out_of_scope_label(model), "out of scope but intent %s", intent);

    const size_t ranked = kefu_classification_ranking_size(c);
    KEFU_FUZZ_CHECK(ranked >= 1, "empty ranking");
    float previous = 2.0f;
    for (size_t i = 0; i < ranked; ++i) {
        const char* name = nullptr;
        float p = -1.0f;
        KEFU_FUZZ_CHECK(kefu_classification_ranking(&name, &p, c, i) == KEFU_OK && name, "ranking(%zu)", i);
        check_probability(p, "ranking confidence");
        KEFU_FUZZ_CHECK(p <= previous, "ranking is not best first at %zu", i);
        previous = p;
    }

    out.hits = kefu_classification_hit_count(c);
    size_t previous_start = 0;
    for (size_t i = 0; i < out.hits; ++i) {
        kefu_rule_hit h;
        KEFU_FUZZ_CHECK(kefu_classification_hit(&h, c, i) == KEFU_OK, "hit(%zu)", i);
        KEFU_FUZZ_CHECK(h.rule && h.rule[0] && h.intent && h.intent[0], "hit %zu has no rule or intent name", i);
        KEFU_FUZZ_CHECK(std::isfinite(h.weight), "hit %zu weight", i);
        check_span(in.view, in.valid, h.start, h.end, "rule hit");
        KEFU_FUZZ_CHECK(h.start < h.end, "empty rule hit %s at %zu", h.rule, h.start);
        KEFU_FUZZ_CHECK(h.start >= previous_start, "rule hits out of position order");
        previous_start = h.start;
        out.hit_list.push_back(h);
    }
    kefu_rule_hit beyond;
    KEFU_FUZZ_CHECK(kefu_classification_hit(&beyond, c, out.hits) == KEFU_EINVAL, "hit index past the end accepted");

    const size_t entities = kefu_classification_entity_count(c);
    for (size_t i = 0; i < entities; ++i) {
        kefu_entity e;
        KEFU_FUZZ_CHECK(kefu_classification_entity(&e, c, i) == KEFU_OK, "entity(%zu)", i);
        check_entity(in, e, clock);
        if (i > 0) KEFU_FUZZ_CHECK(e.start >= out.entities.back().start, "classification entities out of position order");
        out.entities.push_back(e);
    }
    // Names borrowed from the classification are copied above; rule hits keep
    // pointers into the model, which outlives every classification.
    kefu_classification_free(c);
    return out;
}

void check_classify(const input& in) {
    check_classification(in, nullptr, false);

    kefu_classify_options opts;
    KEFU_FUZZ_CHECK(kefu_classify_options_init(&opts, KEFU_CLASSIFY_OPTIONS_VERSION) == KEFU_OK, "init");
    opts.explain = 1;
    opts.has_clock = in.has_clock;
    opts.now_ms = in.clock_ms;
    if (in.has_clock && !clock_in_range(in.clock_ms)) {
        kefu_classification* refused = nullptr;
        const int status = kefu_classify(&refused, default_model(), in.data, in.size, &opts);
        KEFU_FUZZ_CHECK(status == KEFU_EINVAL && refused == nullptr, "kefu_classify accepted the clock %lld",
                        static_cast<long long>(in.clock_ms));
        check_error_reported(status, "kefu_classify");
        opts.now_ms = folded_clock(in.clock_ms);
    }
    const classified c = check_classification(in, &opts, in.has_clock);

    kefu_string* json = nullptr;
    int status = kefu_classify_json(&json, default_model(), in.data, in.size, &opts);
    KEFU_FUZZ_CHECK(status == KEFU_OK, "kefu_classify_json: %s", kefu_last_error()->message);
    const nlohmann::json j = parse_json(json, "kefu_classify_json");
    KEFU_FUZZ_CHECK(j.at("intent").get<std::string>() == c.intent, "kefu_classify_json says %s, kefu_classify %s",
                    j.at("intent").get<std::string>().c_str(), c.intent.c_str());
    check_probability(j.at("confidence").get<double>(), "JSON confidence");
    const nlohmann::json& explain = j.at("explain");
    KEFU_FUZZ_CHECK(explain.size() == c.hits, "JSON explains %zu hits, kefu_classify has %zu", explain.size(), c.hits);
    for (size_t i = 0; i < c.hits; ++i)
        KEFU_FUZZ_CHECK(explain[i].at("start").get<size_t>() == c.hit_list[i].start &&
                            explain[i].at("end").get<size_t>() == c.hit_list[i].end,
                        "JSON hit %zu differs from the struct", i);
    check_json_entities(j.at("entities"), c.entities.data(), c.entities.size(), "kefu_classify_json");
    kefu_string_free(json);

    // Strict decoding refuses invalid input, and nothing else.
    opts.invalid_utf8 = KEFU_INVALID_UTF8_REJECT;
    opts.explain = 0;
    opts.skip_entities = 1;
    kefu_classification* strict = nullptr;
    status = kefu_classify(&strict, default_model(), in.data, in.size, &opts);
    KEFU_FUZZ_CHECK(in.valid ? status == KEFU_OK : status == KEFU_EUTF8, "kefu_classify (reject): %s",
                    kefu_status_name(status));
    if (strict) KEFU_FUZZ_CHECK(kefu_classification_entity_count(strict) == 0, "entities despite skip_entities");
    kefu_classification_free(strict);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    default_model();  // load once, outside the timed runs
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    input in;
    in.data = reinterpret_cast<const char*>(data);
    in.size = size;
    in.view = std::string_view(in.data, size);
    in.bad = first_invalid_utf8(in.view);
    in.valid = in.bad == size;
    in.has_clock = size >= 8;
    in.clock_ms = 0;
    if (in.has_clock) std::memcpy(&in.clock_ms, data, sizeof in.clock_ms);

    check_normalize(in);
    check_all_entities(in);
    check_classify(in);
    return 0;
}

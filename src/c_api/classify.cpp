// Intent classification.
#include "c_api/entity_view.hpp"

#include <cstring>
#include <vector>

#include "entity/entity_json.hpp"
#include "intent/classification_json.hpp"

struct kefu_classification {
    std::shared_ptr<const kefu::detail::model::compiled_model> model;  // keeps borrowed names alive
    kefu::detail::intent::classification value;
    std::vector<kefu::detail::intent::byte_span> hit_spans;
    std::vector<kefu::detail::entity::entity> entities;
};

using namespace kefu::detail::c_api;
using kefu::detail::guarded;
namespace entity = kefu::detail::entity;

namespace {

// The options of one classify call, from a version 1 or 2 struct.
struct classify_settings {
    kefu::detail::text::normalize_options text;
    bool explain = false;
    bool entities = true;
    std::optional<entity::message_clock> clock;
};

int read_classify_options(const kefu_classify_options* opts, classify_settings& out) {
    if (opts == nullptr) return KEFU_OK;
    if (opts->version != 1 && opts->version != KEFU_CLASSIFY_OPTIONS_VERSION)
        return unsupported_version("kefu_classify_options", opts->version);
    out.explain = opts->explain != 0;
    if (opts->version >= 2) {  // a version 1 struct ends before these fields
        out.entities = opts->skip_entities == 0;
        if (const int status = clock_of(opts->has_clock, opts->now_ms, opts->utc_offset_minutes, "kefu_classify_options",
                                        out.clock);
            status != KEFU_OK)
            return status;
    }
    return read_text_options(opts->invalid_utf8, opts->max_length, "kefu_classify_options", out.text);
}

// Working memory for classification, one per thread, so that the hot path
// does not allocate once warm.
kefu::detail::intent::classify_scratch& thread_scratch() {
    thread_local kefu::detail::intent::classify_scratch scratch;
    return scratch;
}

int run_classify(kefu::detail::intent::classify_scratch& scratch, kefu::detail::intent::classification& result,
                 std::vector<entity::entity>& entities, classify_settings& settings, const kefu_model* model,
                 const char* text, size_t len, const kefu_classify_options* opts) {
    if (model == nullptr) return invalid_argument("model is NULL");
    if (const int status = read_classify_options(opts, settings); status != KEFU_OK) return status;
    if (const int status = normalize_with(scratch.text, text, len, settings.text); status != KEFU_OK) return status;
    model->value->classify(scratch.text, scratch, result);
    entities.clear();
    if (settings.entities) entity::extract(scratch.text, settings.clock, thread_entity_scratch(), entities);
    return KEFU_OK;
}

}  // namespace

extern "C" {

int kefu_classify_options_init(kefu_classify_options* opts, uint32_t version) {
    if (opts == nullptr) return invalid_argument("opts is NULL");
    if (version != 1 && version != KEFU_CLASSIFY_OPTIONS_VERSION)
        return unsupported_version("kefu_classify_options", version);
    // A version 1 caller's struct is shorter: touch only its fields.
    std::memset(opts, 0, version == 1 ? offsetof(kefu_classify_options, has_clock) : sizeof *opts);
    opts->version = version;
    opts->invalid_utf8 = KEFU_INVALID_UTF8_REPLACE;
    opts->max_length = KEFU_DEFAULT_MAX_TEXT_BYTES;
    if (version >= 2) opts->utc_offset_minutes = 8 * 60;
    return KEFU_OK;
}

int kefu_classify(kefu_classification** out, const kefu_model* model, const char* text, size_t len,
                  const kefu_classify_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        auto result = std::make_unique<kefu_classification>();
        auto& scratch = thread_scratch();
        classify_settings settings;
        if (const int status = run_classify(scratch, result->value, result->entities, settings, model, text, len, opts);
            status != KEFU_OK)
            return status;
        result->model = model->value;
        for (const auto& h : result->value.hits)
            result->hit_spans.push_back(kefu::detail::intent::source_span(scratch.text, h.begin, h.end));
        *out = result.release();
        return KEFU_OK;
    });
}

const char* kefu_classification_intent(const kefu_classification* c) {
    return c ? c->model->rules().intents[c->value.intent].name.c_str() : nullptr;
}

float kefu_classification_confidence(const kefu_classification* c) { return c ? c->value.confidence : 0.0f; }

int kefu_classification_out_of_scope(const kefu_classification* c) { return c && c->value.out_of_scope ? 1 : 0; }

size_t kefu_classification_ranking_size(const kefu_classification* c) { return c ? c->value.ranking.size() : 0; }

int kefu_classification_ranking(const char** intent, float* confidence, const kefu_classification* c, size_t index) {
    if (c == nullptr) return invalid_argument("classification is NULL");
    if (index >= c->value.ranking.size()) return invalid_argument("ranking index out of range");
    const auto& r = c->value.ranking[index];
    if (intent) *intent = c->model->rules().intents[r.intent].name.c_str();
    if (confidence) *confidence = r.confidence;
    return KEFU_OK;
}

size_t kefu_classification_hit_count(const kefu_classification* c) { return c ? c->value.hits.size() : 0; }

int kefu_classification_hit(kefu_rule_hit* out, const kefu_classification* c, size_t index) {
    if (out == nullptr || c == nullptr) return invalid_argument("out or classification is NULL");
    if (index >= c->value.hits.size()) return invalid_argument("hit index out of range");
    const auto& h = c->value.hits[index];
    const auto& rule = c->model->rules().rules[h.rule];
    *out = {rule.name.c_str(), c->model->rules().intents[rule.intent].name.c_str(), rule.weight, h.negated ? 1 : 0,
            c->hit_spans[index].start, c->hit_spans[index].end};
    return KEFU_OK;
}

size_t kefu_classification_entity_count(const kefu_classification* c) { return c ? c->entities.size() : 0; }

int kefu_classification_entity(kefu_entity* out, const kefu_classification* c, size_t index) {
    if (out == nullptr || c == nullptr) return invalid_argument("out or classification is NULL");
    return entity_at(out, c->entities, index);
}

void kefu_classification_free(kefu_classification* c) { delete c; }

int kefu_classify_json(kefu_string** out, const kefu_model* model, const char* text, size_t len,
                       const kefu_classify_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        auto& scratch = thread_scratch();
        kefu::detail::intent::classification result;
        thread_local std::vector<entity::entity> entities;
        classify_settings settings;
        if (const int status = run_classify(scratch, result, entities, settings, model, text, len, opts);
            status != KEFU_OK)
            return status;
        const std::string_view original(text ? text : "", len);
        nlohmann::json j = kefu::detail::intent::to_json(*model->value, original, scratch.text, result, settings.explain);
        if (settings.entities) j["entities"] = entity::to_json(entities, original);
        return new_string(out, j.dump());
    });
}

}  // extern "C"

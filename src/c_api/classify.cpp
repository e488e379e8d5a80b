// Intent classification.
#include "c_api/entity_view.hpp"

#include <cstring>
#include <vector>

#include "entity/entity_json.hpp"
#include "intent/classification_json.hpp"
#include "session/message_analysis.hpp"

struct kefu_classification {
    std::shared_ptr<const kefu::detail::model::compiled_model> model;  // keeps borrowed names alive
    kefu::detail::session::message_analysis value;
    std::vector<kefu::detail::intent::byte_span> hit_spans;
};

using namespace kefu::detail::c_api;
using kefu::detail::guarded;
namespace entity = kefu::detail::entity;
namespace session = kefu::detail::session;

namespace {

// The options of one classify call, from a version 1 or 2 struct.
struct classify_settings {
    session::analysis_options analysis;
    bool explain = false;
};

int read_classify_options(const kefu_classify_options* opts, classify_settings& out) {
    if (opts == nullptr) return KEFU_OK;
    if (opts->version != 1 && opts->version != KEFU_CLASSIFY_OPTIONS_VERSION)
        return unsupported_version("kefu_classify_options", opts->version);
    out.explain = opts->explain != 0;
    if (opts->version >= 2) {  // a version 1 struct ends before these fields
        out.analysis.entities = opts->skip_entities == 0;
        out.analysis.mood = opts->skip_mood == 0;
        if (const int status = clock_of(opts->has_clock, opts->now_ms, opts->utc_offset_minutes, "kefu_classify_options",
                                        out.analysis.clock);
            status != KEFU_OK)
            return status;
    }
    return read_text_options(opts->invalid_utf8, opts->max_length, "kefu_classify_options", out.analysis.text);
}

int run_classify(session::analysis_scratch& scratch, session::message_analysis& result, classify_settings& settings,
                 const kefu_model* model, const char* text, size_t len, const kefu_classify_options* opts) {
    if (model == nullptr) return invalid_argument("model is NULL");
    if (const int status = read_classify_options(opts, settings); status != KEFU_OK) return status;
    // The result reports spans in the caller's bytes, from the units: the
    // rendered text would be written and never read.
    const int status =
        normalize_with(scratch.classify.text, text, len, kefu::detail::text::units_only(settings.analysis.text));
    if (status != KEFU_OK) return status;
    session::analyse_normalized(*model->value, settings.analysis, scratch, result);
    return KEFU_OK;
}

kefu_mood mood_view(const std::optional<kefu::detail::mood::mood_estimate>& m) {
    if (!m) return kefu_mood{};
    return {m->polarity, m->anger, m->anxiety, m->satisfaction, m->neutral, 1, {0, 0}};
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
        auto& scratch = session::thread_workspace().scratch;
        classify_settings settings;
        if (const int status = run_classify(scratch, result->value, settings, model, text, len, opts); status != KEFU_OK)
            return status;
        result->model = model->value;
        for (const auto& h : result->value.intents.hits)
            result->hit_spans.push_back(kefu::detail::intent::source_span(scratch.classify.text, h.begin, h.end));
        *out = result.release();
        return KEFU_OK;
    });
}

const char* kefu_classification_intent(const kefu_classification* c) {
    return c ? c->model->rules().intents[c->value.intents.intent].name.c_str() : nullptr;
}

float kefu_classification_confidence(const kefu_classification* c) { return c ? c->value.intents.confidence : 0.0f; }

int kefu_classification_out_of_scope(const kefu_classification* c) {
    return c && c->value.intents.out_of_scope ? 1 : 0;
}

size_t kefu_classification_ranking_size(const kefu_classification* c) {
    return c ? c->value.intents.ranking.size() : 0;
}

int kefu_classification_ranking(const char** intent, float* confidence, const kefu_classification* c, size_t index) {
    if (c == nullptr) return invalid_argument("classification is NULL");
    if (index >= c->value.intents.ranking.size()) return invalid_argument("ranking index out of range");
    const auto& r = c->value.intents.ranking[index];
    if (intent) *intent = c->model->rules().intents[r.intent].name.c_str();
    if (confidence) *confidence = r.confidence;
    return KEFU_OK;
}

size_t kefu_classification_hit_count(const kefu_classification* c) { return c ? c->value.intents.hits.size() : 0; }

int kefu_classification_hit(kefu_rule_hit* out, const kefu_classification* c, size_t index) {
    if (out == nullptr || c == nullptr) return invalid_argument("out or classification is NULL");
    if (index >= c->value.intents.hits.size()) return invalid_argument("hit index out of range");
    const auto& h = c->value.intents.hits[index];
    const auto& rule = c->model->rules().rules[h.rule];
    *out = {rule.name.c_str(), c->model->rules().intents[rule.intent].name.c_str(), rule.weight, h.negated ? 1 : 0,
            c->hit_spans[index].start, c->hit_spans[index].end};
    return KEFU_OK;
}

size_t kefu_classification_entity_count(const kefu_classification* c) { return c ? c->value.entities.size() : 0; }

int kefu_classification_entity(kefu_entity* out, const kefu_classification* c, size_t index) {
    if (out == nullptr || c == nullptr) return invalid_argument("out or classification is NULL");
    return entity_at(out, c->value.entities, index);
}

int kefu_classification_mood(kefu_mood* out, const kefu_classification* c) {
    if (out == nullptr || c == nullptr) return invalid_argument("out or classification is NULL");
    *out = mood_view(c->value.mood);
    return KEFU_OK;
}

int kefu_mood_class_of_label(const char* label, size_t len) {
    if (label == nullptr) return -1;
    kefu::detail::mood::mood_example e;
    if (!kefu::detail::mood::label_example(std::string_view(label, len), e)) return -1;
    return e.mood;
}

void kefu_classification_free(kefu_classification* c) { delete c; }

int kefu_classify_json(kefu_string** out, const kefu_model* model, const char* text, size_t len,
                       const kefu_classify_options* opts) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        auto& scratch = session::thread_workspace().scratch;
        thread_local session::message_analysis result;
        classify_settings settings;
        if (const int status = run_classify(scratch, result, settings, model, text, len, opts); status != KEFU_OK)
            return status;
        const std::string_view original(text ? text : "", len);
        nlohmann::json j = kefu::detail::intent::to_json(*model->value, original, scratch.classify.text, result.intents,
                                                          settings.explain);
        if (settings.analysis.entities) j["entities"] = entity::to_json(result.entities, original);
        if (result.mood)
            j["mood"] = {{"polarity", result.mood->polarity}, {"anger", result.mood->anger},
                         {"anxiety", result.mood->anxiety}, {"satisfaction", result.mood->satisfaction}};
        return new_json_string(out, j);
    });
}

}  // extern "C"

#include "session/message_analysis.hpp"

namespace kefu::detail::session {

message_workspace& thread_workspace() {
    thread_local message_workspace workspace;
    return workspace;
}

text::normalize_status analyse(const model::compiled_model& model, std::string_view text,
                               const analysis_options& options, analysis_scratch& scratch, message_analysis& out) {
    const auto status = text::normalize(text, options.text, scratch.classify.text);
    if (status == text::normalize_status::ok) analyse_normalized(model, options, scratch, out);
    return status;
}

void analyse_normalized(const model::compiled_model& model, const analysis_options& options, analysis_scratch& scratch,
                        message_analysis& out) {
    const text::normalized& normalized = scratch.classify.text;
    model.classify(normalized, scratch.classify, out.intents);
    out.entities.clear();
    if (options.entities) entity::extract(normalized, options.clock, scratch.entities, out.entities);
    out.mood.reset();
    if (options.mood && !model.mood().empty()) {
        mood::mood_estimate m;
        model.mood().estimate(normalized, scratch.mood, m);
        out.mood = m;
    }
}

std::vector<std::string_view> salient_intents(const model::compiled_model& model,
                                              const intent::classification& intents) {
    std::vector<std::string_view> out;
    const auto& names = model.rules().intents;
    out.push_back(names[intents.intent].name);
    if (intents.ranking.size() >= 2 && intents.ranking[1].confidence >= 0.25f)
        out.push_back(names[intents.ranking[1].intent].name);
    return out;
}

}  // namespace kefu::detail::session

#include "intent/classification_json.hpp"

#include "core/utf8.hpp"

namespace kefu::detail::intent {

byte_span source_span(const text::normalized& text, std::uint32_t begin, std::uint32_t end) {
    if (begin >= end || end > text.units.size()) return {0, 0};
    return {text.units[begin].source_begin, text.units[end - 1].source_end};
}

nlohmann::json to_json(const model::compiled_model& model, std::string_view original, const text::normalized& text,
                       const classification& result, bool explain) {
    const auto& intents = model.rules().intents;
    nlohmann::json ranking = nlohmann::json::array();
    for (const ranked_intent& r : result.ranking)
        ranking.push_back({{"intent", intents[r.intent].name}, {"confidence", r.confidence}});
    // The input may hold invalid UTF-8; JSON output must not.
    const std::string safe_text = utf8::from_u32(utf8::to_u32(original));
    nlohmann::json out = {{"text", safe_text},
                          {"intent", intents[result.intent].name},
                          {"confidence", result.confidence},
                          {"out_of_scope", result.out_of_scope},
                          {"ranking", std::move(ranking)}};
    if (explain) {
        nlohmann::json hits = nlohmann::json::array();
        for (const rule_hit& h : result.hits) {
            const rule_info& rule = model.rules().rules[h.rule];
            const byte_span span = source_span(text, h.begin, h.end);
            hits.push_back({{"rule", rule.name},
                            {"intent", intents[rule.intent].name},
                            {"weight", rule.weight},
                            {"negated", h.negated},
                            {"start", span.start},
                            {"end", span.end},
                            {"text", utf8::from_u32(utf8::to_u32(original.substr(span.start, span.end - span.start)))}});
        }
        out["explain"] = std::move(hits);
    }
    return out;
}

}  // namespace kefu::detail::intent

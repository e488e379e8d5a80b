#include "model/model_info.hpp"

namespace kefu::detail::model {
namespace {

// What the learned model reads of a message.
nlohmann::json feature_settings(const learn::feature_config& c) {
    return {{"char_ngrams", {c.min_char_n, c.max_char_n}},
            {"latin_ngram_min", learn::latin_ngram_min_in_effect(c)},
            {"word_ngrams", c.word_ngrams},
            {"chinese_words", c.chinese_words != 0},
            {"pinyin", c.pinyin != 0},
            {"fold_digits", c.fold_digits != 0},
            {"shape", c.use_shape != 0},
            {"rule_hits", c.use_rules != 0}};
}

nlohmann::json flow_names(const compiled_model& model) {
    nlohmann::json names = nlohmann::json::array();
    for (const auto& f : model.rules().flows) names.push_back(f.name);
    return names;
}

}  // namespace

nlohmann::json info_json(const compiled_model& model) {
    nlohmann::json intents = nlohmann::json::array();
    for (const auto& i : model.rules().intents)
        intents.push_back({{"name", i.name}, {"description", i.description}, {"priority", i.priority}});
    nlohmann::json out = {{"intents", std::move(intents)},
                          {"out_of_scope", model.rules().intents[model.out_of_scope_intent()].name},
                          {"rules", model.rules().rules.size()},
                          {"patterns", model.matcher().pattern_count()},
                          {"matcher_bytes", model.matcher().memory_bytes()},
                          {"examples", model.rules().examples.size()},
                          {"templates", model.rules().templates.size()},
                          {"flows", flow_names(model)}};
    if (!model.linear().empty()) {
        const auto& r = model.report();
        out["learned"] = {{"features", model.linear().feature_count()},
                          {"weights", model.linear().weight_count()},
                          {"bytes", model.linear().memory_bytes()},
                          {"feature_settings", feature_settings(model.features())},
                          {"fusion", {{"model_scale", model.fusion().model_scale},
                                      {"rule_weight", model.fusion().rule_weight},
                                      {"rule_decision", model.fusion().rule_decision}}},
                          {"oos_min_confidence", model.out_of_scope_rule().min_confidence},
                          {"oos_min_gap", model.out_of_scope_rule().min_gap},
                          {"training_examples", r.examples},
                          {"composed_examples", r.composed_examples},
                          {"calibration_examples", r.calibration_examples},
                          {"calibration_accuracy", r.calibration_accuracy},
                          {"calibration_in_scope_accuracy", r.calibration_in_scope_accuracy},
                          {"calibration_oos_recall", r.calibration_oos_recall}};
    }
    if (!model.mood().empty()) out["mood"] = {{"bytes", model.mood().memory_bytes()}};
    return out;
}

}  // namespace kefu::detail::model

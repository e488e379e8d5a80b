#include "model/model_info.hpp"

namespace kefu::detail::model {

nlohmann::json info_json(const compiled_model& model) {
    nlohmann::json intents = nlohmann::json::array();
    for (const auto& i : model.rules().intents)
        intents.push_back({{"name", i.name}, {"description", i.description}, {"priority", i.priority}});
    nlohmann::json out = {{"intents", std::move(intents)},
                          {"out_of_scope", model.rules().intents[model.out_of_scope_intent()].name},
                          {"rules", model.rules().rules.size()},
                          {"patterns", model.matcher().pattern_count()},
                          {"matcher_bytes", model.matcher().memory_bytes()},
                          {"examples", model.rules().examples.size()}};
    if (!model.linear().empty()) {
        const auto& r = model.training_report();
        out["learned"] = {{"features", model.linear().feature_count()},
                          {"bytes", model.linear().memory_bytes()},
                          {"temperature", model.linear().temperature()},
                          {"oos_min_confidence", model.linear().out_of_scope().min_confidence},
                          {"oos_min_gap", model.linear().out_of_scope().min_gap},
                          {"training_examples", r.examples},
                          {"holdout_accuracy", r.holdout_accuracy},
                          {"holdout_in_scope_accuracy", r.holdout_in_scope_accuracy},
                          {"holdout_oos_recall", r.holdout_oos_recall}};
    }
    return out;
}

}  // namespace kefu::detail::model

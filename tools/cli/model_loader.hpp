// The model a command works with: --model FILE, or the embedded default;
// and what commands ask of it beyond the C++ API.
#pragma once

#include <string>

#include "command.hpp"
#include "kefu/kefu.hpp"

namespace kefu::cli {

inline kefu::model load_model(const global_options& global) {
    return global.model_path.empty() ? kefu::model::default_model() : kefu::model::load(global.model_path);
}

// Whether the model has a scenario flow of that name (the C++ API has no
// flow wrappers yet, so through the C ABI).
inline bool has_flow(const kefu::model& model, const std::string& name) {
    for (std::size_t i = 0, n = kefu_model_flow_count(model.handle()); i < n; ++i)
        if (name == kefu_model_flow_name(model.handle(), i)) return true;
    return false;
}

}  // namespace kefu::cli

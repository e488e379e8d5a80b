// The model a command works with: --model FILE, or the embedded default.
#pragma once

#include "command.hpp"
#include "kefu/kefu.hpp"

namespace kefu::cli {

inline kefu::model load_model(const global_options& global) {
    return global.model_path.empty() ? kefu::model::default_model() : kefu::model::load(global.model_path);
}

}  // namespace kefu::cli

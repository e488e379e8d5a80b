// The embedded default Chinese e-commerce model.
#pragma once

#include <memory>
#include <string_view>

#include "model/model.hpp"

namespace kefu::detail::model {

// The model file bytes embedded at build time.
std::string_view default_model_bytes() noexcept;

// The default model, loaded on first use (thread-safe) and shared.
std::shared_ptr<const compiled_model> default_model();

}  // namespace kefu::detail::model

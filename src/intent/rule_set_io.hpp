// Serialisation of a rule_set inside a model file (its source form is kept so
// that a shop's files can later be compiled on top of a loaded model).
#pragma once

#include <cstdint>

#include "intent/rule_set.hpp"
#include "model/binary.hpp"

namespace kefu::detail::intent {

// `format`: the model file's format version (intent/gap_io.hpp).
void save_rule_set(const rule_set& rules, model::writer& w, std::uint32_t format);
rule_set load_rule_set(model::reader& r, std::uint32_t format);

}  // namespace kefu::detail::intent

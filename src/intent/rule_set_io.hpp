// Serialisation of a rule_set inside a model file (its source form is kept so
// that a shop's files can later be compiled on top of a loaded model).
#pragma once

#include "intent/rule_set.hpp"
#include "model/binary.hpp"

namespace kefu::detail::intent {

void save_rule_set(const rule_set& rules, model::writer& w);
rule_set load_rule_set(model::reader& r);

}  // namespace kefu::detail::intent

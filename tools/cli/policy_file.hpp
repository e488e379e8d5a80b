// The --policy file of `kefu run` and `kefu chat`: shop policies for the
// scenario flows, JSON {"flow": {"policy": value}} (docs/FLOWS.md).
#pragma once

#include <string>

#include "kefu/model.hpp"

namespace kefu::cli {

// The file's text, checked against the model's flows so that a typo fails
// before the first event rather than in the middle of a day; "" for no
// path. Throws kefu::error naming the file.
std::string read_policies(const kefu::model& model, const std::string& path);

}  // namespace kefu::cli

// Labelled training files: TSV with a `label<TAB>text` header line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace kefu::detail::learn {

// Parses TSV text (name is used in error messages). A first line starting
// with "label<TAB>" is a header. Extra columns are ignored. Throws
// kefu::error(KEFU_EPARSE) naming file and line for a line without a TAB or
// with an empty label.
std::vector<model::labelled_text> parse_labelled_tsv(const std::string& name, std::string_view text);

std::vector<model::labelled_text> read_labelled_tsv(const std::string& path);

}  // namespace kefu::detail::learn

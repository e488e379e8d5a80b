// The JSON form of one classification (the CLI contract's classify line).
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "intent/classifier.hpp"
#include "model/model.hpp"

namespace kefu::detail::intent {

// Byte range in the original text of normalised characters [begin, end).
struct byte_span {
    std::size_t start;
    std::size_t end;
};
byte_span source_span(const text::normalized& text, std::uint32_t begin, std::uint32_t end);

nlohmann::json to_json(const model::compiled_model& model, std::string_view original, const text::normalized& text,
                       const classification& result, bool explain);

}  // namespace kefu::detail::intent

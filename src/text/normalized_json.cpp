#include "text/normalized_json.hpp"

#include "core/utf8.hpp"

namespace kefu::detail::text {

nlohmann::json to_json(const normalized& n) {
    nlohmann::json chars = nlohmann::json::array();
    for (std::size_t i = 0; i < n.units.size(); ++i) {
        const unit& u = n.units[i];
        chars.push_back({{"char", n.text.substr(n.text_starts[i], n.text_starts[i + 1] - n.text_starts[i])},
                         {"repeat", u.repeat},
                         {"start", n.text_starts[i]},
                         {"end", n.text_starts[i + 1]},
                         {"source_start", u.source_begin},
                         {"source_end", u.source_end}});
    }
    return {{"text", n.text}, {"chars", std::move(chars)}, {"max_repeat", n.max_run}};
}

}  // namespace kefu::detail::text

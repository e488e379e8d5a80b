#include "reply/lint_json.hpp"

namespace kefu::detail::reply {

nlohmann::json to_json(const std::vector<lint_finding>& findings, std::string_view reply) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : findings)
        list.push_back({{"rule", f.rule},
                        {"severity", severity_name(f.level)},
                        {"start", f.start},
                        {"end", f.end},
                        {"text", std::string(reply.substr(f.start, f.end - f.start))},
                        {"message", f.message},
                        {"suggestion", f.suggestion}});
    return list;
}

}  // namespace kefu::detail::reply

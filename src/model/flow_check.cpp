#include "model/flow_check.hpp"

#include <algorithm>
#include <tuple>

#include "intent/rule_compiler.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail::model {
namespace {

// A compile error as a finding; its message carries the location the
// finding keeps apart.
flow::finding finding_of(const kefu::error& e) {
    const std::string location = e.file() + ":" + std::to_string(e.line()) + ":" + std::to_string(e.column());
    const std::string prefix = location + ": error: ";
    std::string message = e.what();
    if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
    return {true, location, message};
}

// The index of the file a location is in, or files.size().
std::size_t file_index(const std::vector<source_file>& files, const std::string& file) {
    const auto it = std::find_if(files.begin(), files.end(), [&](const source_file& f) { return f.name == file; });
    return static_cast<std::size_t>(it - files.begin());
}

void sort_by_position(std::vector<flow::finding>& findings, const std::vector<source_file>& files) {
    const auto key = [&](const flow::finding& f) {
        const flow::location_parts at = flow::split_location(f.location);
        return std::make_tuple(file_index(files, at.file), at.line, at.column);
    };
    std::stable_sort(findings.begin(), findings.end(),
                     [&](const flow::finding& a, const flow::finding& b) { return key(a) < key(b); });
}

}  // namespace

std::vector<flow::finding> check_flows(const std::vector<source_file>& files, const intent::rule_set* base) {
    intent::rule_compiler compiler = base ? intent::rule_compiler(*base) : intent::rule_compiler();
    intent::rule_set rules;
    try {
        for (const source_file& f : files) compiler.add_source(f.name, f.text);
        rules = std::move(compiler).finish(intent::invalid_flows::keep);
    } catch (const kefu::error& e) {
        if (e.code() != KEFU_EPARSE) throw;
        return {finding_of(e)};
    }
    std::vector<flow::finding> out;
    for (const flow::flow_definition& f : rules.flows) {
        // The base's flows were checked when it was compiled.
        if (file_index(files, flow::split_location(f.location).file) == files.size()) continue;
        const std::vector<flow::finding> more = flow::validate(f, rules.templates);
        out.insert(out.end(), more.begin(), more.end());
    }
    sort_by_position(out, files);
    return out;
}

nlohmann::json findings_json(const std::vector<flow::finding>& findings) {
    nlohmann::json list = nlohmann::json::array();
    std::size_t errors = 0;
    for (const flow::finding& f : findings) {
        const flow::location_parts at = flow::split_location(f.location);
        list.push_back({{"file", at.file},
                        {"line", at.line},
                        {"column", at.column},
                        {"severity", f.error ? "error" : "warning"},
                        {"message", f.message}});
        errors += f.error ? 1 : 0;
    }
    return {{"findings", std::move(list)}, {"errors", errors}, {"warnings", findings.size() - errors}};
}

}  // namespace kefu::detail::model

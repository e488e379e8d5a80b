// `kefu flow check` and `kefu flow dot` (docs/FLOWS.md). The C++ API has no
// wrappers for the flow tools yet, so these call the C ABI directly, with
// the C++ API's own error glue.
#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "input.hpp"
#include "model_loader.hpp"

namespace kefu::cli {
namespace {

std::string check_json(const kefu::model& base, const std::vector<kefu::source>& files) {
    std::vector<kefu_source> sources;
    for (const auto& f : files) sources.push_back({f.name.c_str(), f.text.data(), f.text.size()});
    kefu_string* out = nullptr;
    kefu::detail::check(kefu_flow_check_json(&out, base.handle(), sources.data(), sources.size()));
    return kefu::detail::take_string(out);
}

std::string dot_of(const kefu::model& m, const std::string& flow) {
    kefu_string* out = nullptr;
    kefu::detail::check(kefu_flow_dot(&out, m.handle(), flow.c_str()));
    return kefu::detail::take_string(out);
}

// The file part of "file:line:col".
std::string file_of(const std::string& location) {
    const std::size_t column = location.rfind(':');
    const std::size_t line = column == std::string::npos || column == 0 ? column : location.rfind(':', column - 1);
    return line == std::string::npos ? location : location.substr(0, line);
}

// The flows whose `flow` statement is in `path`, in model order.
std::vector<std::string> flows_defined_in(const kefu::model& m, const std::string& path) {
    std::vector<std::string> out;
    const kefu_model* handle = m.handle();
    for (std::size_t i = 0, n = kefu_model_flow_count(handle); i < n; ++i)
        if (file_of(kefu_model_flow_location(handle, i)) == path) out.emplace_back(kefu_model_flow_name(handle, i));
    return out;
}

int check(const std::vector<std::string>& paths, bool json, const global_options& global) {
    std::vector<kefu::source> files;
    for (const std::string& path : paths) files.push_back(read_source(path));
    const nlohmann::json report = nlohmann::json::parse(check_json(load_model(global), files));
    if (json) {
        std::cout << report.dump() << '\n';
    } else {
        for (const nlohmann::json& f : report["findings"])
            std::cout << f["file"].get<std::string>() << ':' << f["line"] << ':' << f["column"] << ": "
                      << f["severity"].get<std::string>() << ": " << f["message"].get<std::string>() << '\n';
    }
    return report["errors"].get<std::size_t>() > 0 ? exit_bad_input : exit_ok;
}

// A flow of the model by name; otherwise every flow a rule file defines,
// compiled on top of the model.
int dot(const std::string& target, const global_options& global) {
    const kefu::model base = load_model(global);
    if (has_flow(base, target)) {
        std::cout << dot_of(base, target);
        return exit_ok;
    }
    if (!std::filesystem::is_regular_file(target))
        throw kefu::error(KEFU_ENOTFOUND,
                          "the model has no flow named '" + target + "' and there is no file " + target);
    const kefu::model compiled = kefu::model::compile({read_source(target)}, &base);
    const std::vector<std::string> flows = flows_defined_in(compiled, target);
    if (flows.empty()) throw kefu::error(KEFU_ENOTFOUND, target + " defines no flow");
    for (const std::string& flow : flows) std::cout << dot_of(compiled, flow);
    return exit_ok;
}

}  // namespace

void add_flow_command(CLI::App& app, const global_options& global, command_body& body) {
    struct settings {
        std::vector<std::string> files;
        bool json = false;
        std::string target;
    };
    auto s = std::make_shared<settings>();
    CLI::App* flow = app.add_subcommand("flow", "Scenario flows (docs/FLOWS.md): check flow files, draw flows");
    flow->require_subcommand(1);

    CLI::App* check_cmd = flow->add_subcommand(
        "check", "Validate flow files on top of the model: every error and warning as file:line:col on stdout; "
                 "exit status 2 when there is an error");
    check_cmd->add_option("FILE", s->files, "Rule files (.kefu) with flows")->required();
    check_cmd->add_flag("--json", s->json, "Print the findings as one JSON object instead");
    check_cmd->callback([s, &global, &body] { body = [s, &global] { return check(s->files, s->json, global); }; });

    CLI::App* dot_cmd = flow->add_subcommand(
        "dot", "Draw a flow of the model, or every flow of a rule file, as a Graphviz DOT digraph on stdout");
    dot_cmd->add_option("NAME|FILE", s->target, "A flow of the model, else a rule file (.kefu)")->required();
    dot_cmd->callback([s, &global, &body] { body = [s, &global] { return dot(s->target, global); }; });
}

}  // namespace kefu::cli

#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "kefu/kefu.hpp"
#include "model_loader.hpp"

namespace kefu::cli {
namespace {

// One profiler per session, in order of first appearance.
struct sessions {
    std::vector<std::string> order;
    std::map<std::string, kefu::profiler> by_id;
};

void feed(sessions& all, const kefu::model& model, const std::string& line, const std::string& where) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw kefu::error(KEFU_EPARSE, where + ": error: not a JSON object");
    const std::string id = j.value("session", std::string());
    auto it = all.by_id.find(id);
    if (it == all.by_id.end()) {
        it = all.by_id.emplace(id, kefu::profiler(model)).first;
        all.order.push_back(id);
    }
    try {
        it->second.event_json(line);
    } catch (const kefu::error& e) {
        throw kefu::error(e.code(), where + ": error: " + e.what());
    }
}

}  // namespace

void add_profile_command(CLI::App& app, const global_options& global, command_body& body) {
    auto file = std::make_shared<std::string>();
    auto scores_only = std::make_shared<bool>(false);
    CLI::App* cmd = app.add_subcommand("profile", "A conversation's events (JSON Lines, as for run) → the customer "
                                                  "profile with evidence; one JSON line per session");
    cmd->add_option("FILE", *file, "Events file (default: stdin)");
    cmd->add_flag("--scores-only", *scores_only, "Scores without the evidence");
    cmd->callback([file, scores_only, &global, &body] {
        body = [file, scores_only, &global] {
            const kefu::model model = load_model(global);
            std::ifstream in;
            if (!file->empty()) {
                in.open(*file, std::ios::binary);
                if (!in) throw kefu::error(KEFU_EIO, "cannot read " + *file);
            }
            std::istream& input = file->empty() ? std::cin : in;
            const std::string name = file->empty() ? "<stdin>" : *file;
            sessions all;
            std::string line;
            for (std::size_t number = 1; std::getline(input, line); ++number) {
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (!line.empty()) feed(all, model, line, name + ":" + std::to_string(number));
            }
            for (const std::string& id : all.order) {
                nlohmann::json j = nlohmann::json::parse(all.by_id.at(id).json(!*scores_only));
                j["session"] = id;
                std::cout << j.dump() << '\n';
            }
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli

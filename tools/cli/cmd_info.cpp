#include <iostream>

#include "command.hpp"
#include "model_loader.hpp"

namespace kefu::cli {

void add_info_command(CLI::App& app, const global_options& global, command_body& body) {
    CLI::App* cmd = app.add_subcommand(
        "info", "Describe the model as one JSON line: intents, rules and patterns, the learned model's features, "
                "calibration and training figures, mood heads, templates, flows and their sizes in memory");
    cmd->callback([&global, &body] {
        body = [&global] {
            std::cout << load_model(global).info_json() << '\n';
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli

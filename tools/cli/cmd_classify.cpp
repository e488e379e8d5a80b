#include <iostream>
#include <memory>

#include "clock_option.hpp"
#include "command.hpp"
#include "input.hpp"
#include "model_loader.hpp"

namespace kefu::cli {

void add_classify_command(CLI::App& app, const global_options& global, command_body& body) {
    struct settings {
        std::vector<std::string> texts;
        bool explain = false;
        std::string now;
    };
    auto s = std::make_shared<settings>();
    CLI::App* cmd = app.add_subcommand("classify", "Classify each message: one JSON line per message "
                                                   "(stdin lines when no TEXT is given)");
    cmd->add_option("TEXT", s->texts, "Messages to classify");
    cmd->add_flag("--explain", s->explain, "Add the rules that fired, with their spans");
    add_now_option(*cmd, s->now);
    cmd->callback([s, &global, &body] {
        body = [s, &global] {
            const kefu::model model = load_model(global);
            kefu::classify_options options;
            options.explain = s->explain;
            options.clock = clock_from(s->now);
            for_each_text(s->texts, [&](const std::string& text) {
                std::cout << model.classify_json(text, options) << '\n';
            });
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli

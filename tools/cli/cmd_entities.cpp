#include <iostream>
#include <memory>

#include "clock_option.hpp"
#include "command.hpp"
#include "input.hpp"

namespace kefu::cli {

void add_entities_command(CLI::App& app, const global_options&, command_body& body) {
    struct settings {
        std::vector<std::string> texts;
        std::string now;
    };
    auto s = std::make_shared<settings>();
    CLI::App* cmd = app.add_subcommand("entities", "Extract entities: one JSON line per message "
                                                   "(stdin lines when no TEXT is given)");
    cmd->add_option("TEXT", s->texts, "Messages");
    add_now_option(*cmd, s->now);
    cmd->callback([s, &body] {
        body = [s] {
            const message_clock clock = clock_from(s->now);
            for_each_text(s->texts, [&](const std::string& text) {
                std::cout << kefu::extract_entities_json(text, clock) << '\n';
            });
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli

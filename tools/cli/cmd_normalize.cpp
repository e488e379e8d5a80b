#include <iostream>
#include <memory>

#include "command.hpp"
#include "input.hpp"
#include "kefu/kefu.hpp"

namespace kefu::cli {

void add_normalize_command(CLI::App& app, const global_options&, command_body& body) {
    struct settings {
        std::vector<std::string> texts;
        bool json = false;
        bool strict_utf8 = false;
    };
    auto s = std::make_shared<settings>();
    CLI::App* cmd = app.add_subcommand("normalize", "Print the normalised form of each text, one line per input "
                                                    "(stdin lines when no TEXT is given)");
    cmd->add_option("TEXT", s->texts, "Texts to normalise");
    cmd->add_flag("--json", s->json, "Print the JSON form with the offset map");
    cmd->add_flag("--strict-utf8", s->strict_utf8, "Fail on invalid UTF-8 instead of replacing it with U+FFFD");
    cmd->callback([s, &body] {
        body = [s] {
            kefu::normalize_options options;
            if (s->strict_utf8) options.invalid_utf8 = kefu::invalid_utf8::reject;
            for_each_text(s->texts, [&](const std::string& text) {
                std::cout << (s->json ? kefu::normalize_json(text, options) : kefu::normalize(text, options).text)
                          << '\n';
            });
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli

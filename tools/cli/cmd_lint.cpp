#include <iostream>
#include <memory>
#include <sstream>

#include "command.hpp"
#include "input.hpp"
#include "kefu/kefu.hpp"

namespace kefu::cli {

void add_lint_command(CLI::App& app, const global_options&, command_body& body) {
    struct settings {
        std::vector<std::string> replies;
        kefu::lint_context context;
        std::string intents;
    };
    auto s = std::make_shared<settings>();
    CLI::App* cmd = app.add_subcommand("lint", "Check agent replies against the service standard: one JSON line of "
                                               "findings per reply (stdin lines when no TEXT is given)");
    cmd->add_option("TEXT", s->replies, "Replies written by an agent");
    cmd->add_option("--customer", s->context.customer, "The customer's message the replies answer");
    cmd->add_option("--mood", s->context.mood, "The customer's mood")
        ->check(CLI::IsMember({"calm", "anxious", "angry", "happy"}));
    cmd->add_option("--personality", s->context.personality, "The customer's top personality type")
        ->check(CLI::IsMember({"decisive", "aloof", "self_centred", "friendly", "difficult", "analytical"}));
    cmd->add_option("--intents", s->intents, "The customer's last intents, comma-separated");
    cmd->add_flag("--resolved", s->context.topic_resolved, "The topic is resolved: a closing question is expected");
    cmd->callback([s, &body] {
        body = [s] {
            std::stringstream list(s->intents);
            for (std::string intent; std::getline(list, intent, ',');)
                if (!intent.empty()) s->context.intents.push_back(intent);
            for_each_text(s->replies, [&](const std::string& reply) {
                std::cout << kefu::lint_json(reply, s->context) << '\n';
            });
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli

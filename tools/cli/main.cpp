// kefu: the command-line face of the library (see docs/CLI.md).
#include <iostream>

#include "bracketed_arguments.hpp"
#include "command.hpp"
#include "kefu/kefu.hpp"

int main(int argc, char** argv) {
    using namespace kefu::cli;
    CLI::App app{"kefu: understand and steer customer-service chats of Chinese online shops", "kefu"};
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", kefu::version());
    global_options global;
    app.add_option("--model", global.model_path, "A compiled model file to use instead of the embedded default");

    command_body body;
    add_normalize_command(app, global, body);
    add_classify_command(app, global, body);
    add_entities_command(app, global, body);
    add_lint_command(app, global, body);
    add_profile_command(app, global, body);
    add_run_command(app, global, body);
    add_chat_command(app, global, body);
    add_compile_command(app, global, body);
    add_flow_command(app, global, body);
    add_train_command(app, global, body);
    add_eval_command(app, global, body);
    add_info_command(app, global, body);

    unguard_every_option(app);

    try {
        std::vector<std::string> args = guarded_arguments(argc, argv);
        app.parse(args);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage;
    }
    if (!body) {
        std::cerr << "kefu: a command is required\n" << app.help();
        return exit_usage;
    }
    try {
        return body();
    } catch (const kefu::error& e) {  // the library's message already names file:line:col
        std::cerr << "kefu: " << e.what() << "\n";
        return exit_bad_input;
    } catch (const std::exception& e) {
        std::cerr << "kefu: " << e.what() << "\n";
        return exit_bad_input;
    }
}

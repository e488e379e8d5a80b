#include <iostream>
#include <memory>

#include "command.hpp"
#include "input.hpp"
#include "model_loader.hpp"

namespace kefu::cli {

void add_compile_command(CLI::App& app, const global_options& global, command_body& body) {
    struct settings {
        std::vector<std::string> files;
        std::string out;
        bool no_default = false;
    };
    auto s = std::make_shared<settings>();
    CLI::App* cmd = app.add_subcommand("compile", "Compile rule files into a model file (on top of the default "
                                                  "model unless --no-default); errors as file:line:col");
    cmd->add_option("FILE", s->files, "Rule files (.kefu)")->required();
    cmd->add_option("--out", s->out, "The model file to write")->required();
    cmd->add_flag("--no-default", s->no_default, "Compile the files alone, without the default model's rules");
    cmd->callback([s, &global, &body] {
        body = [s, &global] {
            std::vector<kefu::source> sources;
            for (const auto& f : s->files) sources.push_back(read_source(f));
            const kefu::model base = load_model(global);
            const kefu::model compiled = kefu::model::compile(sources, s->no_default ? nullptr : &base);
            compiled.save(s->out);
            std::cerr << "kefu: wrote " << s->out << " (" << compiled.intents().size() << " intents)\n";
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli

// Each CLI command registers itself on the app and runs through `run`, which
// maps errors to the exit codes of the CLI contract.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace kefu::cli {

// Exit status of the CLI contract.
inline constexpr int exit_ok = 0;
inline constexpr int exit_usage = 1;
inline constexpr int exit_bad_input = 2;

// Options shared by every command.
struct global_options {
    std::string model_path;  // --model: a compiled model file instead of the default
};

// A command's body returns an exit status; kefu::error and I/O failures
// thrown inside become one line on stderr and exit status 2.
using command_body = std::function<int()>;

void add_normalize_command(CLI::App& app, const global_options& global, command_body& body);
void add_classify_command(CLI::App& app, const global_options& global, command_body& body);
void add_entities_command(CLI::App& app, const global_options& global, command_body& body);
void add_profile_command(CLI::App& app, const global_options& global, command_body& body);
void add_run_command(CLI::App& app, const global_options& global, command_body& body);
void add_chat_command(CLI::App& app, const global_options& global, command_body& body);
void add_lint_command(CLI::App& app, const global_options& global, command_body& body);
void add_compile_command(CLI::App& app, const global_options& global, command_body& body);
void add_flow_command(CLI::App& app, const global_options& global, command_body& body);
void add_train_command(CLI::App& app, const global_options& global, command_body& body);
void add_eval_command(CLI::App& app, const global_options& global, command_body& body);
void add_info_command(CLI::App& app, const global_options& global, command_body& body);

}  // namespace kefu::cli

// Arguments in square brackets reach the commands as typed.
//
// CLI11 reads an argument that starts with '[' and ends with ']' as a list
// literal ("[a,b]") whenever its option takes several values, as the texts of
// `classify`, `entities`, `normalize` and `lint` do. Platform codes are
// written that way, so "[图片]" reached kefu as "图片", and
// "[微笑]好的,谢谢[微笑]" as two messages. Such an argument is passed to
// CLI11 with a guard character after its ']', which every option removes
// again before the value is stored.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace kefu::cli {

// argv[1..argc) in the reversed order CLI11's parse(std::vector&) takes,
// each bracketed argument guarded.
std::vector<std::string> guarded_arguments(int argc, char** argv);

// Adds the guard's removal to every option of `app` and its subcommands.
// Call once, after every option is registered and before parsing.
void unguard_every_option(CLI::App& app);

}  // namespace kefu::cli

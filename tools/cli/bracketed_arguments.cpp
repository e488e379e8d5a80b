#include "bracketed_arguments.hpp"

// GCC 12 sees a possible null std::function inside std::vector's
// reallocation when Option::transform inserts a validator at the front: a
// false positive in the standard library's code (the validator is never
// empty), which this file alone reaches.
#pragma GCC diagnostic ignored "-Wnull-dereference"

namespace kefu::cli {
namespace {

// The unit separator: a control character no message or path is typed with.
constexpr char guard = '\x1f';

bool is_bracketed(const std::string& s) { return s.size() >= 2 && s.front() == '[' && s.back() == ']'; }

// Only a guard that guarded_arguments added: one right after a closing ']'
// of a value that starts with '['.
std::string unguard(std::string s) {
    if (s.size() >= 3 && s.back() == guard && s.front() == '[' && s[s.size() - 2] == ']') s.pop_back();
    return s;
}

}  // namespace

std::vector<std::string> guarded_arguments(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = argc - 1; i >= 1; --i) {
        std::string a = argv[i];
        if (is_bracketed(a)) a.push_back(guard);
        args.push_back(std::move(a));
    }
    return args;
}

void unguard_every_option(CLI::App& app) {
    const CLI::Validator remove_guard(
        [](std::string& value) {
            value = unguard(std::move(value));
            return std::string();
        },
        "", "");
    for (CLI::Option* option : app.get_options()) option->transform(remove_guard);
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) unguard_every_option(*sub);
}

}  // namespace kefu::cli

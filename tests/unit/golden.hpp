// Golden files: TSV lines of input<TAB>expected, with escapes so that broken
// bytes can be written down (\xHH, \uHHHH, \UHHHHHHHH, \t, \n, \0, \\).
#pragma once

#include <string>
#include <vector>

namespace kefu::test {

struct golden_case {
    int line;
    std::string input;
    std::string expected;
};

// Reads tests/golden/<name>; lines starting with '#' and empty lines are skipped.
std::vector<golden_case> read_golden(const std::string& name);

// Expands the escapes above into raw bytes.
std::string unescape(const std::string& s);

}  // namespace kefu::test

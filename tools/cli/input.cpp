#include "input.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace kefu::cli {

void for_each_text(const std::vector<std::string>& args, const std::function<void(const std::string&)>& each) {
    if (!args.empty()) {
        for (const std::string& text : args) each(text);
        return;
    }
    std::string line;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        each(line);
    }
}

kefu::source read_source(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw kefu::error(KEFU_EIO, "cannot read " + path, path);
    std::ostringstream text;
    text << in.rdbuf();
    return {path, text.str()};
}

}  // namespace kefu::cli

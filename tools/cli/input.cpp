#include "input.hpp"

#include <iostream>

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

}  // namespace kefu::cli

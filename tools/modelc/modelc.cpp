// Build-time compiler of the embedded default model: rule files in, model
// file out. (Shops use `kefu compile`, which does the same through the API.)
//
// Usage: kefu_modelc OUT.kfm RULES.kefu...
#include <fstream>
#include <iostream>
#include <sstream>

#include "kefu/error.hpp"
#include "model/model.hpp"

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: kefu_modelc OUT.kfm RULES.kefu...\n";
        return 1;
    }
    try {
        std::vector<kefu::detail::model::source_file> files;
        for (int i = 2; i < argc; ++i) files.push_back({argv[i], read_file(argv[i])});
        const auto model = kefu::detail::model::compiled_model::compile(files);
        std::ofstream out(argv[1], std::ios::binary);
        out << model->save();
        if (!out) throw std::runtime_error(std::string("cannot write ") + argv[1]);
        std::cerr << "kefu_modelc: " << model->rules().intents.size() << " intents, " << model->rules().rules.size()
                  << " rules, " << model->matcher().pattern_count() << " patterns, "
                  << model->matcher().state_count() << " states\n";
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    return 0;
}

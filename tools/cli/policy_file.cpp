#include "policy_file.hpp"

#include <fstream>
#include <iterator>

#include "kefu/session.hpp"

namespace kefu::cli {

std::string read_policies(const kefu::model& model, const std::string& path) {
    if (path.empty()) return {};
    std::ifstream in(path, std::ios::binary);
    if (!in) throw kefu::error(KEFU_EIO, "cannot read " + path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        kefu::session probe(model, "");
        probe.set_policies(text);
    } catch (const kefu::error& e) {
        throw kefu::error(e.code(), path + ": error: " + e.what());
    }
    return text;
}

}  // namespace kefu::cli

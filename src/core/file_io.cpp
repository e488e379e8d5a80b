#include "core/file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw kefu::error(KEFU_EIO, "cannot read " + path + ": " + std::strerror(errno), path);
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) throw kefu::error(KEFU_EIO, "error while reading " + path, path);
    return s.str();
}

void write_file_atomically(const std::string& path, std::string_view data) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        out.flush();
        if (!out) throw kefu::error(KEFU_EIO, "cannot write " + tmp + ": " + std::strerror(errno), path);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw kefu::error(KEFU_EIO, "cannot rename " + tmp + " to " + path + ": " + std::strerror(errno), path);
    }
}

}  // namespace kefu::detail

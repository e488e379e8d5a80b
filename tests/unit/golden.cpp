#include "golden.hpp"

#include <fstream>
#include <stdexcept>

#include "core/utf8.hpp"

namespace kefu::test {
namespace {

unsigned long parse_hex(const std::string& s, std::size_t pos, std::size_t digits) {
    if (pos + digits > s.size()) throw std::runtime_error("truncated escape in: " + s);
    return std::stoul(s.substr(pos, digits), nullptr, 16);
}

}  // namespace

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out.push_back(s[i]);
            continue;
        }
        const char kind = s[++i];
        switch (kind) {
            case 't': out.push_back('\t'); break;
            case 'n': out.push_back('\n'); break;
            case '0': out.push_back('\0'); break;
            case '\\': out.push_back('\\'); break;
            case 'x': out.push_back(static_cast<char>(parse_hex(s, i + 1, 2))); i += 2; break;
            case 'u': detail::utf8::append(out, static_cast<char32_t>(parse_hex(s, i + 1, 4))); i += 4; break;
            case 'U': detail::utf8::append(out, static_cast<char32_t>(parse_hex(s, i + 1, 8))); i += 8; break;
            default: throw std::runtime_error(std::string("unknown escape \\") + kind + " in: " + s);
        }
    }
    return out;
}

std::vector<golden_case> read_golden(const std::string& name) {
    const std::string path = std::string(KEFU_TEST_DATA_DIR) + "/golden/" + name;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::vector<golden_case> cases;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos) throw std::runtime_error(path + ":" + std::to_string(number) + ": no TAB");
        cases.push_back({number, unescape(line.substr(0, tab)), unescape(line.substr(tab + 1))});
    }
    return cases;
}

}  // namespace kefu::test

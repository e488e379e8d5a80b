#include "learn/dataset.hpp"

#include "core/file_io.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail::learn {

std::vector<model::labelled_text> parse_labelled_tsv(const std::string& name, std::string_view text) {
    std::vector<model::labelled_text> out;
    std::size_t pos = 0;
    for (std::uint32_t line = 1; pos < text.size(); ++line) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view row = text.substr(pos, end - pos);
        pos = end + 1;
        if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
        if (row.empty() || (line == 1 && row.substr(0, 6) == "label\t")) continue;
        const std::size_t tab = row.find('\t');
        if (tab == std::string_view::npos || tab == 0)
            throw kefu::error(KEFU_EPARSE, name + ":" + std::to_string(line) + ":1: error: expected label<TAB>text", name,
                              line, 1);
        std::string_view rest = row.substr(tab + 1);
        rest = rest.substr(0, rest.find('\t'));  // a third column (other acceptable labels) is not training data
        out.push_back({std::string(row.substr(0, tab)), std::string(rest)});
    }
    return out;
}

std::vector<model::labelled_text> read_labelled_tsv(const std::string& path) {
    return parse_labelled_tsv(path, read_file(path));
}

}  // namespace kefu::detail::learn

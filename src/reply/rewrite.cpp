#include "reply/rewrite.hpp"

namespace kefu::detail::reply {

std::string rewritten(const analysed_text& text, const std::vector<replacement>& replacements) {
    const std::string_view original = text.original();
    std::string out;
    std::uint32_t copied = 0;
    for (const replacement& r : replacements) {
        const byte_span span = text.bytes_of(r.range);
        if (span.start < copied) continue;  // overlapping: keep the first
        out.append(original.substr(copied, span.start - copied));
        out.append(r.text);
        copied = span.end;
    }
    out.append(original.substr(copied));
    return out;
}

std::string_view through_last_clause(const analysed_text& text) {
    if (text.clauses().empty()) return {};
    return text.original().substr(0, text.bytes_of(text.clauses().back().range).end);
}

std::string joined_clauses(const analysed_text& text, const std::vector<std::size_t>& indices) {
    std::string out;
    for (std::size_t index : indices) {
        if (index >= text.clauses().size()) continue;
        if (!out.empty()) out.append("，");
        out.append(text.original_of(text.clauses()[index].range));
    }
    return out;
}

std::vector<std::size_t> clauses_except(const analysed_text& text, std::size_t skip) {
    std::vector<std::size_t> indices;
    for (std::size_t i = 0; i < text.clauses().size(); ++i)
        if (i != skip) indices.push_back(i);
    return indices;
}

std::string quoted(std::string_view text) {
    std::string out = "“";
    out.append(text);
    out.append("”");
    return out;
}

}  // namespace kefu::detail::reply

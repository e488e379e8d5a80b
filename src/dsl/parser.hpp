// Parsing rule files into syntax trees, with positions for error messages.
#pragma once

#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/grammar.hpp"

namespace kefu::detail::dsl {

// Size limits of one rule file (docs/RULES.md).
inline constexpr std::size_t max_file_bytes = 4u * 1024u * 1024u;
inline constexpr std::size_t max_statements = 200000;

struct position {
    std::uint32_t line = 0;
    std::uint32_t column = 0;  // in code points, 1-based
};

// A rule file's text and name. Its address is stable (the parsed tree points
// into it), so it lives behind a unique_ptr.
class source {
public:
    source(std::string name, std::string text);
    source(const source&) = delete;
    source& operator=(const source&) = delete;

    const std::string& name() const noexcept { return name_; }
    const std::string& text() const noexcept { return text_; }
    error_handler_type& handler() noexcept { return handler_; }

    position where(iterator_type at) const noexcept;
    position where(const x3::position_tagged& node) const;
    // "file:line:col" of a node.
    std::string location(const x3::position_tagged& node) const;
    // The text a node was parsed from.
    std::string_view text_of(const x3::position_tagged& node) const;

    // Throws kefu::error(KEFU_EPARSE) located at `at` / at a node.
    [[noreturn]] void fail(iterator_type at, const std::string& message) const;
    [[noreturn]] void fail(const x3::position_tagged& node, const std::string& message) const;

private:
    std::string name_;
    std::string text_;
    std::ostringstream sink_;  // X3's handler wants a stream; kefu reports through exceptions
    error_handler_type handler_;
    std::vector<std::size_t> line_starts_;
};

struct parsed_file {
    std::unique_ptr<source> src;
    ast::file statements;
};

// Parses one rule file. Throws kefu::error with code KEFU_EPARSE and the
// file, line and column of the first syntax error, or KEFU_ELIMIT when the
// file is above the size limits.
parsed_file parse_rules(std::string name, std::string text);

}  // namespace kefu::detail::dsl

#include "dsl/parser.hpp"

#include <algorithm>
#include <vector>

#include "core/utf8.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail::dsl {
namespace {

// What stands at `at`, for "found ..." in messages: the rest of the line,
// cut to a few characters.
std::string describe(iterator_type at, iterator_type last) {
    if (at == last) return "end of file";
    if (*at == '\n' || *at == '\r') return "end of line";
    iterator_type end = at;
    std::size_t chars = 0;
    while (end != last && *end != '\n' && *end != '\r' && chars < 16) {
        end += utf8::decode(std::string_view(end, static_cast<std::size_t>(last - end)), 0).length;
        ++chars;
    }
    std::string quoted = "'";  // built with append: GCC 12 warns falsely on operator+ chains here
    quoted.append(at, end);
    quoted.append(end != last && *end != '\n' && *end != '\r' ? "…'" : "'");
    return quoted;
}

std::string expected_text(const std::string& which) {
    // X3 names literal parsers by their text in quotes; rules by their name.
    return which.empty() ? "more input" : which;
}

iterator_type skip_blanks(iterator_type at, iterator_type last) {
    while (at != last && (*at == ' ' || *at == '\t')) ++at;
    return at;
}

// The '(' left open before `at` in a statement, or nullptr; quoted text is
// skipped, since parentheses there are literal.
iterator_type unclosed_group(iterator_type from, iterator_type at) {
    std::vector<iterator_type> open;
    bool quoted = false;
    for (iterator_type p = from; p < at; ++p) {
        if (quoted) {
            if (*p == '\\') ++p;
            else if (*p == '"') quoted = false;
        } else if (*p == '"') {
            quoted = true;
        } else if (*p == '(') {
            open.push_back(p);
        } else if (*p == ')' && !open.empty()) {
            open.pop_back();
        }
    }
    return open.empty() ? nullptr : open.back();
}

// Skips blank lines, comments and continuation lines between statements.
void skip_blank_lines(iterator_type& first, iterator_type last) {
    x3::phrase_parse(first, last, *x3::eol, skipper());
}

}  // namespace

source::source(std::string name, std::string text)
    : name_(std::move(name)),
      text_(std::move(text)),
      handler_(text_.data(), text_.data() + text_.size(), sink_, name_) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
        if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

position source::where(iterator_type at) const noexcept {
    const auto offset = static_cast<std::size_t>(at - text_.data());
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line_start = *(it - 1);
    std::uint32_t column = 1;
    for (std::size_t i = line_start; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // count code points
    return {static_cast<std::uint32_t>(it - line_starts_.begin()), column};
}

position source::where(const x3::position_tagged& node) const {
    auto& handler = const_cast<error_handler_type&>(handler_);  // position_of is not const in X3
    return where(handler.position_of(node).begin());
}

std::string source::location(const x3::position_tagged& node) const {
    const position p = where(node);
    return name_ + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

std::string_view source::text_of(const x3::position_tagged& node) const {
    auto& handler = const_cast<error_handler_type&>(handler_);
    const auto range = handler.position_of(node);
    return {range.begin(), static_cast<std::size_t>(range.end() - range.begin())};
}

void source::fail(iterator_type at, const std::string& message) const {
    const position p = where(at);
    throw kefu::error(KEFU_EPARSE, name_ + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                                       ": error: " + message,
                      name_, p.line, p.column, at - text_.data());
}

void source::fail(const x3::position_tagged& node, const std::string& message) const {
    auto& handler = const_cast<error_handler_type&>(handler_);
    fail(handler.position_of(node).begin(), message);
}

parsed_file parse_rules(std::string name, std::string text) {
    if (text.size() > max_file_bytes)
        throw kefu::error(KEFU_ELIMIT, name + ": rule file of " + std::to_string(text.size()) +
                                           " bytes is above the limit of " + std::to_string(max_file_bytes),
                          name);
    parsed_file out{std::make_unique<source>(std::move(name), std::move(text)), {}};
    source& src = *out.src;
    if (std::size_t bad = 0; !utf8::is_valid(src.text(), &bad)) src.fail(src.text().data() + bad, "invalid UTF-8");
    iterator_type first = src.text().data();
    const iterator_type last = first + src.text().size();
    auto const parser = x3::with<x3::error_handler_tag>(std::ref(src.handler()))[statement()];
    for (skip_blank_lines(first, last); first != last; skip_blank_lines(first, last)) {
        if (out.statements.size() >= max_statements)
            throw kefu::error(KEFU_ELIMIT, src.name() + ": more than " + std::to_string(max_statements) + " statements",
                              src.name());
        ast::statement parsed;
        const iterator_type statement_start = first;
        try {
            if (!x3::phrase_parse(first, last, parser, skipper(), parsed))
                src.fail(first, "expected a statement (intent, lexicon, rule, example, option, template, flow, policy, slot, "
                                    "timer, state or from), found " +
                                    describe(first, last));
        } catch (const x3::expectation_failure<iterator_type>& e) {
            const iterator_type at = skip_blanks(e.where(), last);  // X3 reports the position before skipping
            std::string message = "expected " + expected_text(e.which());
            if (e.which() == "')'")
                if (const iterator_type open = unclosed_group(statement_start, at); open != nullptr) {
                    const position p = src.where(open);
                    message += " to close the group opened at " + std::to_string(p.line) + ":" + std::to_string(p.column);
                }
            src.fail(at, message + ", found " + describe(at, last));
        } catch (const nesting_too_deep& e) {
            const position p = src.where(e.where);
            throw kefu::error(KEFU_ELIMIT,
                              src.name() + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                                  ": error: groups, parentheses or operators nest more than " +
                                  std::to_string(max_nesting) + " deep",
                              src.name(), p.line, p.column, e.where - src.text().data());
        }
        if (!x3::phrase_parse(first, last, x3::eol | x3::eoi, skipper()))
            src.fail(first, "expected the end of the statement, found " + describe(first, last));
        out.statements.push_back(std::move(parsed));
    }
    return out;
}

}  // namespace kefu::detail::dsl

// From parsed rule files to a rule_set: resolves names, applies attributes,
// normalises literals and expands patterns (docs/RULES.md).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dsl/parser.hpp"
#include "intent/rule_set.hpp"

namespace kefu::detail::intent {

// What finish() does with flows that validation finds errors in
// (flow/validate.hpp): reject them, or keep them for a caller that reports
// every finding itself (`kefu flow check`).
enum class invalid_flows : bool { reject, keep };

class rule_compiler {
public:
    rule_compiler();
    ~rule_compiler();
    rule_compiler(const rule_compiler&) = delete;
    rule_compiler& operator=(const rule_compiler&) = delete;

    // Starts from an existing rule set (a shop's files on top of the default).
    explicit rule_compiler(rule_set base);

    // Adds one parsed file. Files are processed in order; names must be
    // declared before use. Throws kefu::error (KEFU_EPARSE with the position,
    // or KEFU_ELIMIT).
    void add(const dsl::parsed_file& file);

    // Parses and adds a file's text.
    void add_source(std::string name, std::string text);

    // Throws kefu::error(KEFU_EPARSE) with the first flow validation error,
    // unless `flows` is keep.
    rule_set finish(invalid_flows flows = invalid_flows::reject) &&;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace kefu::detail::intent

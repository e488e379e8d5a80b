// A compiled kefu model: everything immutable that classification needs
// (rules, their automaton, and the metadata). Built once, shared by any
// number of threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "intent/classifier.hpp"
#include "intent/matcher.hpp"
#include "intent/rule_set.hpp"
#include "text/normalizer.hpp"

namespace kefu::detail::model {

// A rule file given by name and text.
struct source_file {
    std::string name;
    std::string text;
};

class compiled_model {
public:
    // Compiles rule files, optionally on top of an existing model's rules.
    // Throws kefu::error (KEFU_EPARSE with file:line:col, KEFU_ELIMIT).
    static std::shared_ptr<const compiled_model> compile(const std::vector<source_file>& files,
                                                         const compiled_model* base = nullptr);

    // Reads a model file (KEFU_ECORRUPT / KEFU_EVERSION on damage).
    static std::shared_ptr<const compiled_model> load(std::string_view bytes);

    std::string save() const;

    const intent::rule_set& rules() const noexcept { return rules_; }
    const intent::matcher& matcher() const noexcept { return matcher_; }
    std::uint32_t out_of_scope_intent() const noexcept { return out_of_scope_; }

    // Classifies an already normalised text.
    void classify(const text::normalized& text, intent::classify_scratch& scratch,
                  intent::classification& out) const;

private:
    void finish();  // resolves the out-of-scope intent after rules are set

    intent::rule_set rules_;
    intent::matcher matcher_;
    std::string out_of_scope_label_ = "other";
    std::uint32_t out_of_scope_ = 0;
};

}  // namespace kefu::detail::model

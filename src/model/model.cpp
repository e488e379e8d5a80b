#include "model/model.hpp"

#include "intent/rule_compiler.hpp"
#include "intent/rule_set_io.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "model/container.hpp"

namespace kefu::detail::model {
namespace {

constexpr std::uint32_t meta_section = tag("META");
constexpr std::uint32_t rules_section = tag("RULE");
constexpr std::uint32_t matcher_section = tag("MTCH");

}  // namespace

void compiled_model::finish() {
    int index = rules_.find_intent(out_of_scope_label_);
    if (index < 0) {  // a model always has somewhere to put what it does not understand
        rules_.intents.push_back({out_of_scope_label_, "out of scope", 0, false});
        index = static_cast<int>(rules_.intents.size() - 1);
    }
    out_of_scope_ = static_cast<std::uint32_t>(index);
}

std::shared_ptr<const compiled_model> compiled_model::compile(const std::vector<source_file>& files,
                                                              const compiled_model* base) {
    intent::rule_compiler compiler = base ? intent::rule_compiler(base->rules_) : intent::rule_compiler();
    for (const auto& f : files) compiler.add_source(f.name, f.text);
    auto m = std::make_shared<compiled_model>();
    m->rules_ = std::move(compiler).finish();
    if (base) m->out_of_scope_label_ = base->out_of_scope_label_;
    m->finish();
    m->matcher_ = intent::matcher::build(m->rules_);
    return m;
}

std::shared_ptr<const compiled_model> compiled_model::load(std::string_view bytes) {
    const auto parts = unpack(bytes);
    auto section = [&](std::uint32_t t, const char* name) {
        const auto it = parts.find(t);
        if (it == parts.end()) reader::corrupt(std::string("missing section ") + name);
        return reader(it->second);
    };
    auto m = std::make_shared<compiled_model>();
    reader meta = section(meta_section, "META");
    m->out_of_scope_label_ = meta.str();
    reader rules = section(rules_section, "RULE");
    m->rules_ = intent::load_rule_set(rules);
    reader automaton = section(matcher_section, "MTCH");
    m->matcher_ = intent::matcher::load(automaton);
    const int oos = m->rules_.find_intent(m->out_of_scope_label_);
    if (oos < 0) reader::corrupt("the out-of-scope label is not an intent");
    m->out_of_scope_ = static_cast<std::uint32_t>(oos);
    return m;
}

std::string compiled_model::save() const {
    sections parts;
    writer meta;
    meta.str(out_of_scope_label_);
    parts[meta_section] = std::move(meta).take();
    writer rules;
    intent::save_rule_set(rules_, rules);
    parts[rules_section] = std::move(rules).take();
    writer automaton;
    matcher_.save(automaton);
    parts[matcher_section] = std::move(automaton).take();
    return pack(parts);
}

void compiled_model::classify(const text::normalized& text, intent::classify_scratch& scratch,
                              intent::classification& out) const {
    matcher_.match(text, scratch.match, out.hits);
    intent::rank_by_rules(rules_, out_of_scope_, scratch, out);
}

}  // namespace kefu::detail::model

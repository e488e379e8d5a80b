#include "model/model.hpp"

#include <algorithm>
#include <array>

#include "flow/flow_io.hpp"
#include "session/event.hpp"

#include "intent/gap_io.hpp"
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
constexpr std::uint32_t linear_section = tag("LINR");
constexpr std::uint32_t mood_section = tag("MOOD");
constexpr std::uint32_t flows_section = tag("FLOW");
constexpr std::size_t ranking_size = 5;

// The ranking_size most probable classes, best first; of equal probabilities
// the lower class comes first. The running list lives in locals: kept in
// `ranking`, its size was reloaded for every class, and on a model of 151
// classes that loop took a tenth of a message's time. Once the list is full
// a class is only compared with its last entry, and one that gets in moves
// the lower ones down a place instead of being swapped up step by step.
void rank_most_probable(const std::vector<float>& p, std::vector<intent::ranked_intent>& ranking) {
    std::array<intent::ranked_intent, ranking_size> top;
    const auto classes = static_cast<std::uint32_t>(p.size());
    const std::uint32_t filled = std::min<std::uint32_t>(classes, ranking_size);
    auto insert = [&](std::uint32_t c, std::size_t last) {
        std::size_t i = last;
        for (; i > 0 && p[c] > top[i - 1].confidence; --i) top[i] = top[i - 1];
        top[i] = {c, p[c]};
    };
    for (std::uint32_t c = 0; c < filled; ++c) insert(c, c);
    for (std::uint32_t c = filled; c < classes; ++c)
        if (p[c] > top[ranking_size - 1].confidence) insert(c, ranking_size - 1);
    ranking.assign(top.begin(), top.begin() + filled);
}

}  // namespace

void compiled_model::index_rule_intents() {
    rule_intents_.clear();
    for (const auto& r : rules_.rules) rule_intents_.push_back(r.intent);
}

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
    if (base) {
        m->out_of_scope_label_ = base->out_of_scope_label_;
        m->mood_ = base->mood_;
    }
    m->finish();
    m->matcher_ = intent::matcher::build(m->rules_);
    m->index_rule_intents();
    if (base && !base->linear_.empty()) {  // the shop's rules join the base's learned model and calibration
        m->features_ = base->features_;
        m->linear_ = base->linear_.with_classes(static_cast<std::uint32_t>(m->rules_.intents.size()));
        m->fusion_ = base->fusion_;
        m->oos_rule_ = base->oos_rule_;
        m->report_ = base->report_;
    }
    return m;
}

std::shared_ptr<const compiled_model> compiled_model::load(std::string_view bytes) {
    const unpacked file = unpack(model_file, bytes);
    const std::uint32_t format = file.version;
    const auto& parts = file.sections;
    auto section = [&](std::uint32_t t) { return reader(required_section(file, t)); };
    auto m = std::make_shared<compiled_model>();
    reader meta = section(meta_section);
    m->out_of_scope_label_ = meta.str();
    reader rules = section(rules_section);
    m->rules_ = intent::load_rule_set(rules, format);
    reader automaton = section(matcher_section);
    m->matcher_ = intent::matcher::load(automaton, format);
    reader flows = section(flows_section);
    m->rules_.flows = flow::load_flows(flows, static_cast<std::uint32_t>(m->rules_.intents.size()),
                                       static_cast<std::uint32_t>(session::last_event_type) + 1);
    if (!flows.at_end()) reader::corrupt("bytes after the flows");
    if (const auto it = parts.find(linear_section); it != parts.end()) {
        reader linear(it->second);
        m->features_ = learn::load_feature_config(linear, format);
        m->linear_ = learn::linear_model::load(linear, format);
        m->fusion_ = linear.pod<learn::fusion_params>();
        m->oos_rule_ = linear.pod<learn::out_of_scope_rule>();
        m->report_ = linear.pod<training_report>();
        if (m->linear_.classes() != m->rules_.intents.size()) reader::corrupt("learned model does not fit the intents");
    }
    if (const auto it = parts.find(mood_section); it != parts.end()) {
        reader mood(it->second);
        m->mood_ = mood::mood_model::load(mood, format);
    }
    if (m->matcher_.rule_count() != m->rules_.rules.size()) reader::corrupt("matcher does not fit the rules");
    m->index_rule_intents();
    const int oos = m->rules_.find_intent(m->out_of_scope_label_);
    if (oos < 0) reader::corrupt("the out-of-scope label is not an intent");
    m->out_of_scope_ = static_cast<std::uint32_t>(oos);
    return m;
}

std::string compiled_model::save() const {
    const std::uint32_t format =
        std::max({intent::format_for_gaps(rules_), linear_.empty() ? 0 : learn::format_for(features_),
                  linear_.format_needed(), mood_.empty() ? 0 : mood_.format_needed()});
    sections parts;
    writer meta;
    meta.str(out_of_scope_label_);
    parts[meta_section] = std::move(meta).take();
    writer rules;
    intent::save_rule_set(rules_, rules, format);
    parts[rules_section] = std::move(rules).take();
    writer automaton;
    matcher_.save(automaton, format);
    parts[matcher_section] = std::move(automaton).take();
    writer flows;
    flow::save_flows(rules_.flows, flows);
    parts[flows_section] = std::move(flows).take();
    if (!linear_.empty()) {
        writer linear;
        learn::save_feature_config(linear, features_, format);
        linear_.save(linear);
        linear.pod(fusion_);
        linear.pod(oos_rule_);
        linear.pod(report_);
        parts[linear_section] = std::move(linear).take();
    }
    if (!mood_.empty()) {
        writer mood;
        mood_.save(mood, format);
        parts[mood_section] = std::move(mood).take();
    }
    return pack(model_file, format, parts);
}

std::shared_ptr<const compiled_model> compiled_model::with_mood(mood::mood_model mood) const {
    auto m = std::make_shared<compiled_model>(*this);
    m->mood_ = std::move(mood);
    return m;
}

void compiled_model::classify(const text::normalized& text, intent::classify_scratch& scratch,
                              intent::classification& out) const {
    matcher_.match(text, scratch.match, out.hits);
    if (linear_.empty()) intent::rank_by_rules(rules_, out_of_scope_, scratch, out);
    else rank_by_model(text, scratch, out);
}

// A shop's intent that the learned model was not trained on is, to that
// model, out of scope: when the shop's rules fire for it, it starts from the
// out-of-scope class's logit instead of a typical class's, so the rules take
// it out of "other" rather than having to beat the model's doubt.
void compiled_model::carve_fired_from_out_of_scope(intent::classify_scratch& scratch) const {
    auto& logits = scratch.logits;
    const float out_of_scope = logits[out_of_scope_];
    for (const std::uint32_t c : scratch.fired_intents)
        if (c >= linear_.trained_classes() && scratch.scores[c] > 0) logits[c] = std::max(logits[c], out_of_scope);
}

// The learned model and the rules are fused with calibrated weights; the
// out-of-scope rule turns unsure or ambiguous answers into the OOS intent.
void compiled_model::rank_by_model(const text::normalized& text, intent::classify_scratch& scratch,
                                   intent::classification& out) const {
    learn::extract_features(text, out.hits, rule_intents_, features_, scratch.features);
    linear_.logits(scratch.features, scratch.logits);  // the softmax normaliser cancels in fusion
    const std::int32_t decision = intent::rule_evidence(rules_, out.hits, scratch);
    if (linear_.classes() > linear_.trained_classes()) carve_fired_from_out_of_scope(scratch);
    learn::fuse(fusion_, scratch.logits, scratch.scores, decision, scratch.probabilities);
    const auto& p = scratch.probabilities;
    rank_most_probable(p, out.ranking);
    const float top = out.ranking[0].confidence;
    const float gap = out.ranking.size() > 1 ? top - out.ranking[1].confidence : top;
    const bool unsure = top < oos_rule_.min_confidence || gap < oos_rule_.min_gap;
    out.intent = unsure ? out_of_scope_ : out.ranking[0].intent;
    out.confidence = unsure ? p[out_of_scope_] : top;
    out.out_of_scope = out.intent == out_of_scope_;
}

}  // namespace kefu::detail::model

// Training a model: features of the labelled texts, the learned model, then
// fusion with the rules and the out-of-scope rule calibrated on data the
// learner was not fitted on (a held-out share and the calibration set).
#include <numeric>

#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "model/model.hpp"

namespace kefu::detail::model {
namespace {

constexpr std::size_t min_examples_for_holdout = 50;

text::normalize_options training_text_options() {
    text::normalize_options o;
    o.max_length = text::max_length_limit;
    return o;
}

}  // namespace

std::vector<learn::example> compiled_model::featurize(const std::vector<labelled_text>& data) const {
    intent::classify_scratch scratch;
    std::vector<learn::example> examples;
    examples.reserve(data.size());
    for (const auto& d : data) {
        text::normalize(d.text, training_text_options(), scratch.text);
        std::vector<intent::rule_hit> hits;
        matcher_.match(scratch.text, scratch.match, hits);
        learn::example e{{}, static_cast<std::uint32_t>(rules_.find_intent(d.label))};
        learn::extract_features(scratch.text, hits, rule_intents_, features_, e.features);
        examples.push_back(std::move(e));
    }
    return examples;
}

learn::calibration_row compiled_model::calibration_row_for(const learn::linear_model& linear, const labelled_text& item,
                                                           intent::classify_scratch& scratch) const {
    text::normalize(item.text, training_text_options(), scratch.text);
    std::vector<intent::rule_hit> hits;
    matcher_.match(scratch.text, scratch.match, hits);
    learn::extract_features(scratch.text, hits, rule_intents_, features_, scratch.features);
    learn::calibration_row row;
    linear.logits(scratch.features, row.log_probs);  // as in classification: the softmax normaliser cancels in fusion
    row.rule_decision = intent::rule_evidence(rules_, hits, scratch);
    row.rule_scores = scratch.scores;
    row.label = static_cast<std::uint32_t>(rules_.find_intent(item.label));
    return row;
}

void compiled_model::calibrate(const std::vector<learn::calibration_row>& rows, float max_in_scope_loss) {
    if (rows.empty()) return;
    fusion_ = learn::fit_fusion(rows);
    oos_rule_ = learn::tune_out_of_scope(rows, fusion_, out_of_scope_, max_in_scope_loss);
    const learn::calibration_scores s = learn::score(rows, fusion_, out_of_scope_, oos_rule_);
    report_.calibration_examples = rows.size();
    report_.calibration_accuracy = s.accuracy;
    report_.calibration_in_scope_accuracy = s.in_scope_accuracy;
    report_.calibration_oos_recall = s.oos_recall;
}

std::shared_ptr<const compiled_model> compiled_model::train(const std::vector<labelled_text>& data,
                                                            const training_options& options,
                                                            const compiled_model* base) {
    if (data.empty()) throw kefu::error(KEFU_EINVAL, "no training examples");
    auto m = std::make_shared<compiled_model>();
    if (base) {
        m->rules_ = base->rules_;
        m->matcher_ = base->matcher_;
        m->out_of_scope_label_ = base->out_of_scope_label_;
        m->mood_ = base->mood_;
    } else {
        m->matcher_ = intent::matcher::build(m->rules_);
    }
    if (!options.out_of_scope_label.empty()) m->out_of_scope_label_ = options.out_of_scope_label;
    for (const auto& d : data)
        if (m->rules_.find_intent(d.label) < 0) m->rules_.intents.push_back({d.label, {}, 0, false});
    for (const auto& d : options.calibration)
        if (m->rules_.find_intent(d.label) < 0)
            throw kefu::error(KEFU_EINVAL, "calibration label '" + d.label + "' is not a label of the training data");
    m->finish();
    m->index_rule_intents();
    m->features_ = options.features;

    const auto classes = static_cast<std::uint32_t>(m->rules_.intents.size());
    const std::vector<learn::example> examples = m->featurize(data);
    std::vector<learn::calibration_row> rows;
    intent::classify_scratch scratch;
    // The learner is first fitted without the held-out share; calibration
    // rows come from that share and from the calibration set, which that fit
    // never saw. The final learner is then fitted on everything.
    const bool hold_out = options.learner.holdout > 0 && examples.size() >= min_examples_for_holdout;
    std::vector<std::size_t> train_part(examples.size()), held_part;
    std::iota(train_part.begin(), train_part.end(), 0);
    if (hold_out) {
        std::vector<std::uint32_t> labels;
        for (const auto& e : examples) labels.push_back(e.label);
        learn::split_indices split = learn::stratified_split(labels, classes, options.learner.holdout, options.learner.seed);
        train_part = std::move(split.train);
        held_part = std::move(split.holdout);
    }
    if (hold_out || !options.calibration.empty()) {
        std::vector<learn::example> part;
        for (std::size_t i : train_part) part.push_back(examples[i]);
        const learn::linear_model first = learn::fit(part, classes, options.learner);
        for (std::size_t i : held_part) rows.push_back(m->calibration_row_for(first, data[i], scratch));
        for (const auto& item : options.calibration) rows.push_back(m->calibration_row_for(first, item, scratch));
    }
    std::vector<learn::example> all = examples;
    const std::vector<learn::example> calibration_examples = m->featurize(options.calibration);
    all.insert(all.end(), calibration_examples.begin(), calibration_examples.end());
    m->linear_ = learn::fit(all, classes, options.learner);
    m->calibrate(rows, options.learner.max_in_scope_loss);
    m->report_.examples = examples.size();
    m->report_.features = m->linear_.feature_count();
    return m;
}

}  // namespace kefu::detail::model

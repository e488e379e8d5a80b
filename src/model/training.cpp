// Training a model: features of the labelled texts, the learned model, then
// fusion with the rules and the out-of-scope rule calibrated on data the
// learner was not fitted on (a held-out share and the calibration set).
#include <numeric>

#include "core/parallel.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "model/composition.hpp"
#include "model/model.hpp"

namespace kefu::detail::model {
namespace {

constexpr std::size_t min_examples_for_holdout = 50;

text::normalize_options training_text_options() {
    text::normalize_options o;
    o.max_length = text::max_length_limit;
    return text::units_only(o);
}

std::vector<std::size_t> all_indices(std::size_t count) {
    std::vector<std::size_t> indices(count);
    std::iota(indices.begin(), indices.end(), 0);
    return indices;
}

// Composed examples (model/composition.hpp) from data[part]; each use gets
// its own salt, so that the parts do not repeat one another's pairs.
enum composition_salt : std::uint64_t { first_fit_salt = 1, held_out_salt = 2, final_fit_salt = 3 };
std::vector<labelled_text> composed_examples(const std::vector<labelled_text>& data, const std::vector<std::size_t>& part,
                                             const training_options& options, const std::string& out_of_scope_label,
                                             composition_salt salt) {
    return compose_examples(data, part, options.composition, out_of_scope_label,
                            options.learner.seed * 0x9E3779B97F4A7C15ull + salt);
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

learn::linear_model compiled_model::select_learner(const std::vector<learn::example>& part,
                                                  const std::vector<learn::example>& held,
                                                  learn::train_options& learner, std::uint32_t threads) const {
    if (held.empty()) return learn::fit(part, class_count(), learner);
    const learn::train_options smoother = learn::smoother(learner);
    auto [given, smooth] = core::run_both(
        threads, [&] { return learn::fit(part, class_count(), learner); },
        [&] { return learn::fit(part, class_count(), smoother); });
    // Ties keep the given setting: the smoother one has to earn its place.
    if (learn::accuracy(smooth, held) <= learn::accuracy(given, held)) return std::move(given);
    learner = smoother;
    return std::move(smooth);
}

calibration_fit compiled_model::held_out_fit(const std::vector<labelled_text>& data,
                                             const std::vector<learn::example>& examples,
                                             const std::vector<learn::example>& calibration_examples,
                                             const training_options& options) const {
    calibration_fit out{{}, options.learner};
    const bool hold_out = options.learner.holdout > 0 && examples.size() >= min_examples_for_holdout;
    if (!hold_out && options.calibration.empty()) return out;
    std::vector<std::size_t> train_part = all_indices(examples.size()), held_part;
    if (hold_out) {
        std::vector<std::uint32_t> labels;
        for (const auto& e : examples) labels.push_back(e.label);
        learn::split_indices split =
            learn::stratified_split(labels, class_count(), options.learner.holdout, options.learner.seed);
        train_part = std::move(split.train);
        held_part = std::move(split.holdout);
    }
    // Composed examples come from within each part, so that no calibration
    // row shares a half with an example the first learner was fitted on.
    std::vector<learn::example> part =
        featurize(composed_examples(data, train_part, options, out_of_scope_label_, first_fit_salt));
    for (std::size_t i : train_part) part.push_back(examples[i]);
    std::vector<learn::example> held;
    if (options.select_regularisation) {
        held = calibration_examples;
        for (std::size_t i : held_part) held.push_back(examples[i]);
    }
    const learn::linear_model first = select_learner(part, held, out.learner, options.threads);
    intent::classify_scratch scratch;
    for (std::size_t i : held_part) out.rows.push_back(calibration_row_for(first, data[i], scratch));
    for (const auto& item : composed_examples(data, held_part, options, out_of_scope_label_, held_out_salt))
        out.rows.push_back(calibration_row_for(first, item, scratch));
    for (const auto& item : options.calibration) out.rows.push_back(calibration_row_for(first, item, scratch));
    return out;
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
    for (const auto& label : options.composition.lead_labels)
        if (m->rules_.find_intent(label) < 0)
            throw kefu::error(KEFU_EINVAL, "composition lead label '" + label + "' is not a label of the training data");
    m->finish();
    m->index_rule_intents();
    m->features_ = options.features;

    const std::vector<learn::example> examples = m->featurize(data);
    const std::vector<learn::example> calibration_examples = m->featurize(options.calibration);
    const calibration_fit calibration = m->held_out_fit(data, examples, calibration_examples, options);
    // The final learner is fitted on everything.
    const std::vector<labelled_text> composed = composed_examples(data, all_indices(data.size()), options,
                                                                  m->out_of_scope_label_, final_fit_salt);
    std::vector<learn::example> all = examples;
    all.insert(all.end(), calibration_examples.begin(), calibration_examples.end());
    const std::vector<learn::example> composed_features = m->featurize(composed);
    all.insert(all.end(), composed_features.begin(), composed_features.end());
    m->linear_ = learn::fit(all, m->class_count(), calibration.learner);
    m->calibrate(calibration.rows, options.learner.max_in_scope_loss);
    m->report_.examples = examples.size();
    m->report_.features = m->linear_.feature_count();
    m->report_.composed_examples = static_cast<std::uint32_t>(composed.size());
    return m;
}

}  // namespace kefu::detail::model

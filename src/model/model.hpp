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
#include "learn/calibration.hpp"
#include "learn/features.hpp"
#include "learn/linear_model.hpp"
#include "learn/trainer.hpp"
#include "mood/mood_model.hpp"
#include "text/normalizer.hpp"

namespace kefu::detail::model {

// A rule file given by name and text.
struct source_file {
    std::string name;
    std::string text;
};

// One labelled training message.
struct labelled_text {
    std::string label;
    std::string text;
};

// Composed multi-wish examples (model/composition.hpp).
struct composition_options {
    std::vector<std::string> lead_labels;  // intents that need no answer of their own
    float ratio = 0.0f;                    // composed examples per training example; 0 = none
};

// What training extracts unless told otherwise: the stored defaults with Han
// bigrams hashed by sound, which carries typos that sound right and leaves
// text without Han characters alone.
inline learn::feature_config training_features() {
    learn::feature_config c;
    c.pinyin = 1;
    c.fold_digits = 1;
    c.min_latin_n = 3;
    return c;
}

struct training_options {
    learn::train_options learner;
    // With held-out data, the learner is fitted with the given setting and
    // with learn::smoother(given), and the one that scores better on the
    // held-out data is the one fitted on everything.
    bool select_regularisation = true;
    // Threads training may use (core/parallel.hpp): 0 = as many as the
    // machine has cores. The two candidate fits of the selection run side by
    // side; the model is the same for any value.
    std::uint32_t threads = 0;
    composition_options composition;
    learn::feature_config features = training_features();
    std::string out_of_scope_label;         // "" = keep the base model's ("other" by default)
    std::vector<labelled_text> calibration;  // with the held-out share, fits fusion and the OOS rule;
                                             // the final learner is fitted on it too
};

// Calibration rows scored by a learner fitted without them, and the learner
// setting that fitted best.
struct calibration_fit {
    std::vector<learn::calibration_row> rows;
    learn::train_options learner;
};

// What training measured on the calibration data. Stored in model files
// byte for byte: fixed-size fields only.
struct training_report {
    std::uint64_t examples = 0;
    std::uint64_t calibration_examples = 0;
    std::uint64_t features = 0;
    float calibration_accuracy = 0;
    float calibration_in_scope_accuracy = 0;
    float calibration_oos_recall = 0;
    std::uint32_t composed_examples = 0;  // of the final fit (model/composition.hpp)
};

class compiled_model {
public:
    // Compiles rule files, optionally on top of an existing model's rules.
    // Throws kefu::error (KEFU_EPARSE with file:line:col, KEFU_ELIMIT).
    static std::shared_ptr<const compiled_model> compile(const std::vector<source_file>& files,
                                                         const compiled_model* base = nullptr);

    // Trains the learned intent model on labelled texts, keeping the rules of
    // `base` (when given) as features. Labels that are not intents yet become
    // intents. Throws kefu::error(KEFU_EINVAL) on empty data.
    static std::shared_ptr<const compiled_model> train(const std::vector<labelled_text>& data,
                                                       const training_options& options,
                                                       const compiled_model* base = nullptr);

    // Reads a model file (KEFU_ECORRUPT / KEFU_EVERSION on damage).
    static std::shared_ptr<const compiled_model> load(std::string_view bytes);

    std::string save() const;

    const intent::rule_set& rules() const noexcept { return rules_; }
    const intent::matcher& matcher() const noexcept { return matcher_; }
    std::uint32_t out_of_scope_intent() const noexcept { return out_of_scope_; }
    const learn::linear_model& linear() const noexcept { return linear_; }
    const learn::feature_config& features() const noexcept { return features_; }
    const training_report& report() const noexcept { return report_; }
    const learn::fusion_params& fusion() const noexcept { return fusion_; }
    const learn::out_of_scope_rule& out_of_scope_rule() const noexcept { return oos_rule_; }

    // The mood heads (empty when the model has none).
    const mood::mood_model& mood() const noexcept { return mood_; }

    // A copy of this model with `mood` as its mood heads.
    std::shared_ptr<const compiled_model> with_mood(mood::mood_model mood) const;

    // Classifies an already normalised text.
    void classify(const text::normalized& text, intent::classify_scratch& scratch,
                  intent::classification& out) const;

private:
    void finish();  // resolves the out-of-scope intent after rules are set
    std::uint32_t class_count() const noexcept { return static_cast<std::uint32_t>(rules_.intents.size()); }
    void index_rule_intents();
    void rank_by_model(const text::normalized& text, intent::classify_scratch& scratch,
                       intent::classification& out) const;
    void carve_fired_from_out_of_scope(intent::classify_scratch& scratch) const;
    std::vector<learn::example> featurize(const std::vector<labelled_text>& data) const;
    learn::calibration_row calibration_row_for(const learn::linear_model& linear, const labelled_text& item,
                                               intent::classify_scratch& scratch) const;
    void calibrate(const std::vector<learn::calibration_row>& rows, float max_in_scope_loss);
    // Calibration rows of the held-out share of `data` and of the
    // calibration set, scored by a learner fitted on the rest.
    // `examples` and `calibration_examples` are the features of `data` and
    // of options.calibration.
    calibration_fit held_out_fit(const std::vector<labelled_text>& data, const std::vector<learn::example>& examples,
                                 const std::vector<learn::example>& calibration_examples,
                                 const training_options& options) const;
    // The learner fitted on `part` with `learner`'s setting or its smoother
    // twin, whichever scores better on `held` (which may be empty: no choice).
    // The two fits run side by side when `threads` allows.
    learn::linear_model select_learner(const std::vector<learn::example>& part, const std::vector<learn::example>& held,
                                       learn::train_options& learner, std::uint32_t threads) const;

    intent::rule_set rules_;
    intent::matcher matcher_;
    std::vector<std::uint32_t> rule_intents_;  // intent of each rule, for rule-hit features
    learn::feature_config features_;
    learn::linear_model linear_;               // empty: rules only
    learn::fusion_params fusion_;
    learn::out_of_scope_rule oos_rule_;
    training_report report_;
    mood::mood_model mood_;                    // kept through compile and train on top
    std::string out_of_scope_label_ = "other";
    std::uint32_t out_of_scope_ = 0;
};

}  // namespace kefu::detail::model

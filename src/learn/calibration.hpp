// Calibrated fusion of the learned model with the rule matcher, and the
// out-of-scope rule. Both are fitted on calibration data: examples that
// neither the rules nor the learner were fitted on, so that the rules'
// reliability is measured, not assumed.
//
//   p(c) = softmax_c( a * log p_model(c) + b * log(1 + rule weight of c) + d * [c is the rules' decision] )
//
// log p_model(c) = logit(c) - logsumexp(logits), and the second term is the
// same for every class, so it cancels: fusing raw logits gives the same
// probabilities without computing the model's own softmax.
#pragma once

#include <cstdint>
#include <vector>

namespace kefu::detail::learn {

struct fusion_params {
    float model_scale = 1.0f;    // a: also acts as an inverse temperature
    float rule_weight = 0.0f;    // b
    float rule_decision = 0.0f;  // d
};

struct out_of_scope_rule {
    float min_confidence = 0.0f;  // below this top probability: out of scope
    float min_gap = 0.0f;         // below this lead over the second: out of scope
};

// One calibration example, scored by the parts being fused.
struct calibration_row {
    std::vector<float> log_probs;    // the learned model's logits (log-probabilities would give the same fit)
    std::vector<float> rule_scores;  // log(1 + weight of fired rules) per class
    std::int32_t rule_decision;      // the rules' intent, or -1 when none fired
    std::uint32_t label;
};

// Fused probabilities into `out`.
void fuse(const fusion_params& f, const std::vector<float>& log_probs, const std::vector<float>& rule_scores,
          std::int32_t rule_decision, std::vector<float>& out);

// Maximum-likelihood fusion parameters (gradient descent; 3 parameters).
fusion_params fit_fusion(const std::vector<calibration_row>& rows);

struct calibration_scores {
    float accuracy = 0, in_scope_accuracy = 0, oos_recall = 0;
};

// Scores of the fused classifier with an out-of-scope rule.
calibration_scores score(const std::vector<calibration_row>& rows, const fusion_params& f, std::uint32_t oos,
                         out_of_scope_rule rule);

// The out-of-scope rule with the most out-of-scope recall for at most
// `max_loss` of in-scope accuracy; without out-of-scope examples, the one
// that rejects at most that share of in-scope messages.
out_of_scope_rule tune_out_of_scope(const std::vector<calibration_row>& rows, const fusion_params& f, std::uint32_t oos,
                                    float max_loss);

}  // namespace kefu::detail::learn

// Intent classification of one message from the rule hits. Rules alone give
// a ranked list; the learned model (when present) is fused on top.
#pragma once

#include <cstdint>
#include <vector>

#include "intent/matcher.hpp"
#include "intent/rule_set.hpp"
#include "learn/features.hpp"

namespace kefu::detail::intent {

struct ranked_intent {
    std::uint32_t intent;
    float confidence;
};

struct classification {
    std::uint32_t intent = 0;
    float confidence = 0;
    bool out_of_scope = true;
    std::vector<ranked_intent> ranking;  // best first
    std::vector<rule_hit> hits;          // every rule that fired (for explanations and features)
};

// Per-thread working memory for classification.
struct classify_scratch {
    text::normalized text;
    match_scratch match;
    std::vector<float> scores;
    std::vector<std::int32_t> priorities;
    std::vector<std::uint32_t> fired_intents;  // of the rule hits not negated (rule_evidence sorts them)
    std::vector<learn::feature> features;
    std::vector<float> logits;  // the learned model's raw scores
    std::vector<float> probabilities;
};

// The rules' evidence: scratch.scores gets log(1 + weight of the rules that
// fired) per intent, scratch.priorities their priority; returns the intent
// the rules decide for (highest priority, then weight), or -1.
std::int32_t rule_evidence(const rule_set& rules, const std::vector<rule_hit>& hits, classify_scratch& scratch);

// Ranks intents by the rules that fired: highest priority first, then the
// sum of rule weights. Confidence is the intent's share of the total weight,
// with one unit of weight reserved for "none of these" (not calibrated).
void rank_by_rules(const rule_set& rules, std::uint32_t out_of_scope_intent, classify_scratch& scratch,
                   classification& out);

}  // namespace kefu::detail::intent

#include "intent/classifier.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kefu::detail::intent {

namespace {

// Per intent, the summed weight and the highest priority of the rules that
// fired (negated hits excluded); returns the total weight.
float sum_rule_weights(const rule_set& rules, const std::vector<rule_hit>& hits, classify_scratch& scratch) {
    const std::size_t n = rules.intents.size();
    scratch.scores.assign(n, 0.0f);
    scratch.priorities.assign(n, std::numeric_limits<std::int32_t>::min());
    scratch.fired_intents.clear();
    float total = 0;
    for (const rule_hit& h : hits) {
        if (h.negated) continue;
        const rule_info& r = rules.rules[h.rule];
        scratch.fired_intents.push_back(r.intent);
        scratch.scores[r.intent] += r.weight;
        scratch.priorities[r.intent] = std::max(scratch.priorities[r.intent], r.priority);
        total += r.weight;
    }
    return total;
}

}  // namespace

std::int32_t rule_evidence(const rule_set& rules, const std::vector<rule_hit>& hits, classify_scratch& scratch) {
    sum_rule_weights(rules, hits, scratch);
    // Only the few intents that rules fired for can win or need their log
    // (log1p(0) = 0): a pass over every intent, with a branch each, cost more
    // than the work. In ascending order, so that a tie goes to the lower
    // intent.
    auto& fired = scratch.fired_intents;
    std::sort(fired.begin(), fired.end());
    fired.erase(std::unique(fired.begin(), fired.end()), fired.end());
    std::int32_t best = -1;
    for (const std::uint32_t i : fired) {
        if (scratch.scores[i] <= 0) continue;
        if (best < 0 || scratch.priorities[i] > scratch.priorities[best] ||
            (scratch.priorities[i] == scratch.priorities[best] && scratch.scores[i] > scratch.scores[best]))
            best = static_cast<std::int32_t>(i);
    }
    for (const std::uint32_t i : fired)
        if (scratch.scores[i] > 0) scratch.scores[i] = std::log1p(scratch.scores[i]);
    return best;
}

void rank_by_rules(const rule_set& rules, std::uint32_t out_of_scope_intent, classify_scratch& scratch,
                   classification& out) {
    const std::size_t n = rules.intents.size();
    const float total = sum_rule_weights(rules, out.hits, scratch);
    out.ranking.clear();
    for (std::uint32_t i = 0; i < n; ++i)
        if (scratch.scores[i] > 0) out.ranking.push_back({i, scratch.scores[i] / (total + 1.0f)});
    std::sort(out.ranking.begin(), out.ranking.end(), [&](const ranked_intent& a, const ranked_intent& b) {
        if (scratch.priorities[a.intent] != scratch.priorities[b.intent])
            return scratch.priorities[a.intent] > scratch.priorities[b.intent];
        if (a.confidence != b.confidence) return a.confidence > b.confidence;
        return a.intent < b.intent;
    });
    const bool oos_ranked = std::any_of(out.ranking.begin(), out.ranking.end(),
                                        [&](const ranked_intent& r) { return r.intent == out_of_scope_intent; });
    if (!oos_ranked) out.ranking.push_back({out_of_scope_intent, 1.0f / (total + 1.0f)});
    out.intent = out.ranking.front().intent;
    out.confidence = out.ranking.front().confidence;
    out.out_of_scope = out.intent == out_of_scope_intent;
}

}  // namespace kefu::detail::intent

#include "learn/calibration.hpp"

#include <algorithm>
#include <cmath>

#include "core/fast_exp.hpp"
#include "core/vector_clones.hpp"

namespace kefu::detail::learn {
namespace {

constexpr int descent_steps = 300;
constexpr float step_size = 0.05f;

struct decision {
    std::uint32_t predicted;
    float top, gap;
    std::uint32_t label;
};

std::vector<decision> decide(const std::vector<calibration_row>& rows, const fusion_params& f) {
    std::vector<decision> out;
    std::vector<float> p;
    for (const auto& r : rows) {
        fuse(f, r.log_probs, r.rule_scores, r.rule_decision, p);
        std::size_t best = 0;
        for (std::size_t c = 1; c < p.size(); ++c)
            if (p[c] > p[best]) best = c;
        float second = 0;
        for (std::size_t c = 0; c < p.size(); ++c)
            if (c != best) second = std::max(second, p[c]);
        out.push_back({static_cast<std::uint32_t>(best), p[best], p[best] - second, r.label});
    }
    return out;
}

calibration_scores score_decisions(const std::vector<decision>& ds, std::uint32_t oos, out_of_scope_rule rule) {
    std::size_t in = 0, in_right = 0, out = 0, out_right = 0;
    for (const auto& d : ds) {
        const bool rejected = d.top < rule.min_confidence || d.gap < rule.min_gap;
        const std::uint32_t predicted = rejected ? oos : d.predicted;
        if (d.label == oos) {
            ++out;
            out_right += predicted == oos;
        } else {
            ++in;
            in_right += predicted == d.label;
        }
    }
    const auto ratio = [](std::size_t a, std::size_t b) { return b ? static_cast<float>(a) / static_cast<float>(b) : 0.0f; };
    return {ratio(in_right + out_right, in + out), ratio(in_right, in), ratio(out_right, out)};
}

// A running maximum or sum over classes is kept in this many lanes, each
// over every lanes-th class, and the lanes are joined in a fixed order: the
// compiler vectorises the loop, and the result is the same bits on every
// processor (a single running sum cannot be vectorised without reordering
// its additions, which would make the result depend on the build). On a
// model of 151 classes the single sum was a chain of 151 dependent additions.
constexpr std::size_t lanes = 8;

// Inlined so that fuse's AVX2 clone compiles it for AVX2 too.
template <typename Join>
[[gnu::always_inline]] inline float reduce_in_lanes(const float* v, std::size_t n, float initial, Join join) {
    float lane[lanes];
    std::fill(lane, lane + lanes, initial);
    std::size_t c = 0;
    for (; c + lanes <= n; c += lanes)
        for (std::size_t l = 0; l < lanes; ++l) lane[l] = join(lane[l], v[c + l]);
    for (std::size_t l = 0; c + l < n; ++l) lane[l] = join(lane[l], v[c + l]);
    for (std::size_t width = lanes / 2; width > 0; width /= 2)
        for (std::size_t l = 0; l < width; ++l) lane[l] = join(lane[l], lane[l + width]);
    return lane[0];
}

}  // namespace

KEFU_VECTOR_CLONES
void fuse(const fusion_params& f, const std::vector<float>& log_probs, const std::vector<float>& rule_scores,
          std::int32_t rule_decision, std::vector<float>& out) {
    const std::size_t n = log_probs.size();
    out.resize(n);
    float* v = out.data();
    const float* model = log_probs.data();
    const float* rules = rule_scores.data();
    for (std::size_t c = 0; c < n; ++c) v[c] = f.model_scale * model[c] + f.rule_weight * rules[c];
    if (rule_decision >= 0 && static_cast<std::size_t>(rule_decision) < n) v[rule_decision] += f.rule_decision;
    const float top = reduce_in_lanes(v, n, -1e30f, [](float a, float b) { return std::max(a, b); });
    for (std::size_t c = 0; c < n; ++c) v[c] = exp_nonpositive(v[c] - top);
    const float sum = reduce_in_lanes(v, n, 0.0f, [](float a, float b) { return a + b; });
    for (std::size_t c = 0; c < n; ++c) v[c] /= sum;
}

fusion_params fit_fusion(const std::vector<calibration_row>& rows) {
    fusion_params f;
    if (rows.empty()) return f;
    std::vector<float> p;
    const float n = static_cast<float>(rows.size());
    for (int step = 0; step < descent_steps; ++step) {
        float ga = 0, gb = 0, gd = 0;  // gradient of the mean negative log-likelihood
        for (const auto& r : rows) {
            fuse(f, r.log_probs, r.rule_scores, r.rule_decision, p);
            for (std::size_t c = 0; c < p.size(); ++c) {
                const float err = p[c] - (c == r.label ? 1.0f : 0.0f);
                ga += err * r.log_probs[c];
                gb += err * r.rule_scores[c];
                gd += static_cast<std::int32_t>(c) == r.rule_decision ? err : 0.0f;
            }
        }
        f.model_scale = std::clamp(f.model_scale - step_size * ga / n, 0.05f, 20.0f);
        f.rule_weight = std::clamp(f.rule_weight - step_size * gb / n, -5.0f, 20.0f);
        f.rule_decision = std::clamp(f.rule_decision - step_size * gd / n, -5.0f, 20.0f);
    }
    return f;
}

calibration_scores score(const std::vector<calibration_row>& rows, const fusion_params& f, std::uint32_t oos,
                         out_of_scope_rule rule) {
    return score_decisions(decide(rows, f), oos, rule);
}

out_of_scope_rule tune_out_of_scope(const std::vector<calibration_row>& rows, const fusion_params& f, std::uint32_t oos,
                                    float max_loss) {
    const std::vector<decision> ds = decide(rows, f);
    const float base = score_decisions(ds, oos, {}).in_scope_accuracy;
    out_of_scope_rule best{};
    float best_recall = -1, best_in = 0;
    for (int ci = 0; ci <= 40; ++ci) {
        for (int gi = 0; gi <= 20; ++gi) {
            const out_of_scope_rule r{static_cast<float>(ci) * 0.02f, static_cast<float>(gi) * 0.02f};
            const calibration_scores s = score_decisions(ds, oos, r);
            if (s.in_scope_accuracy < base - max_loss) continue;
            if (s.oos_recall > best_recall || (s.oos_recall == best_recall && s.in_scope_accuracy > best_in)) {
                best = r;
                best_recall = s.oos_recall;
                best_in = s.in_scope_accuracy;
            }
        }
    }
    return best;
}

}  // namespace kefu::detail::learn

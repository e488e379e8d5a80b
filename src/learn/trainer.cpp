#include "learn/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_map>

namespace kefu::detail::learn {
namespace {

// Dense training state: one row per distinct feature seen.
struct training_state {
    std::uint32_t classes;
    std::unordered_map<std::uint64_t, std::uint32_t> rows;
    std::vector<std::uint64_t> row_hash;
    std::vector<float> idf;
    std::vector<float> weights, squared;        // rows x classes
    std::vector<float> bias, bias_squared;
};

// Rows indexed and weighted (tf-idf, block norms) per example, so that the
// epochs do no hashing.
std::vector<std::vector<row_feature>> index_rows(const std::vector<example>& data, training_state& s) {
    std::vector<std::vector<row_feature>> indexed(data.size());
    std::vector<std::size_t> document_frequency;
    for (std::size_t i = 0; i < data.size(); ++i) {
        for (const feature& f : data[i].features) {
            auto [it, inserted] = s.rows.emplace(f.hash, static_cast<std::uint32_t>(s.row_hash.size()));
            if (inserted) {
                s.row_hash.push_back(f.hash);
                document_frequency.push_back(0);
            }
            ++document_frequency[it->second];  // features are unique within an example
            indexed[i].push_back({it->second, f.value, f.block});
        }
    }
    s.idf.resize(document_frequency.size());
    for (std::size_t r = 0; r < s.idf.size(); ++r) s.idf[r] = inverse_document_frequency(document_frequency[r], data.size());
    for (auto& x : indexed) weigh(x, s.idf);
    s.weights.assign(s.row_hash.size() * s.classes, 0.0f);
    s.squared.assign(s.weights.size(), 1e-6f);
    s.bias.assign(s.classes, 0.0f);
    s.bias_squared.assign(s.classes, 1e-6f);
    return indexed;
}

std::vector<float> class_weights(const std::vector<example>& data, std::uint32_t classes, bool balance) {
    std::vector<float> w(classes, 1.0f);
    if (!balance || data.empty()) return w;
    std::vector<std::size_t> count(classes, 0);
    for (const auto& e : data) ++count[e.label];
    std::size_t present = 0;
    for (auto c : count) present += c > 0;
    for (std::uint32_t c = 0; c < classes; ++c)
        if (count[c]) w[c] = static_cast<float>(data.size()) / static_cast<float>(present * count[c]);
    return w;
}

constexpr float active_gradient = 1e-3f;

void sgd_step(training_state& s, const std::vector<row_feature>& x, std::uint32_t label,
              float example_weight, const train_options& o, std::vector<float>& p, std::vector<std::uint32_t>& active) {
    const std::uint32_t C = s.classes;
    p.assign(s.bias.begin(), s.bias.end());
    for (const row_feature& f : x) {
        const float* w = s.weights.data() + static_cast<std::size_t>(f.row) * C;
        for (std::uint32_t c = 0; c < C; ++c) p[c] += w[c] * f.value;
    }
    softmax(p);
    // Only classes with a noticeable gradient are updated: with many classes
    // almost all probabilities are ~0 after the first epoch, and skipping them
    // makes an update cost O(features x active classes) instead of x all.
    active.clear();
    for (std::uint32_t c = 0; c < C; ++c) {
        p[c] = (p[c] - (c == label ? 1.0f : 0.0f)) * example_weight;
        if (std::fabs(p[c]) > active_gradient) active.push_back(c);
    }
    for (const row_feature& f : x) {
        float* w = s.weights.data() + static_cast<std::size_t>(f.row) * C;
        float* g2 = s.squared.data() + static_cast<std::size_t>(f.row) * C;
        for (std::uint32_t c : active) {
            const float g = p[c] * f.value + o.l2 * w[c];
            g2[c] += g * g;
            w[c] -= o.learning_rate * g / std::sqrt(g2[c]);
        }
    }
    for (std::uint32_t c : active) {
        s.bias_squared[c] += p[c] * p[c];
        s.bias[c] -= o.learning_rate * p[c] / std::sqrt(s.bias_squared[c]);
    }
}

struct split_result {
    std::vector<example> train, holdout;
};

// Stratified: every class keeps the same share in the held-out part.
split_result stratified_split(const std::vector<example>& data, std::uint32_t classes, float share, std::uint32_t seed) {
    std::vector<std::vector<std::size_t>> by_class(classes);
    for (std::size_t i = 0; i < data.size(); ++i) by_class[data[i].label].push_back(i);
    std::mt19937 rng(seed ^ 0x5eedu);
    split_result out;
    for (auto& members : by_class) {
        std::shuffle(members.begin(), members.end(), rng);
        const auto held = static_cast<std::size_t>(std::floor(static_cast<float>(members.size()) * share));
        for (std::size_t k = 0; k < members.size(); ++k) (k < held ? out.holdout : out.train).push_back(data[members[k]]);
    }
    return out;
}

struct scored {
    std::vector<float> logits;
    std::uint32_t label;
};

float nll(const std::vector<scored>& rows, float t) {
    double total = 0;
    std::vector<float> p;
    for (const auto& r : rows) {
        p = r.logits;
        softmax(p, t);
        total -= std::log(std::max(p[r.label], 1e-12f));
    }
    return static_cast<float>(total / static_cast<double>(std::max<std::size_t>(rows.size(), 1)));
}

// Golden-section search of the temperature on a log scale.
float fit_temperature(const std::vector<scored>& rows) {
    if (rows.empty()) return 1.0f;
    double lo = std::log(0.05), hi = std::log(20.0);
    const double phi = (std::sqrt(5.0) - 1) / 2;
    for (int i = 0; i < 60; ++i) {
        const double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
        if (nll(rows, static_cast<float>(std::exp(a))) < nll(rows, static_cast<float>(std::exp(b)))) hi = b;
        else lo = a;
    }
    return static_cast<float>(std::exp((lo + hi) / 2));
}

struct decision {
    std::uint32_t predicted;
    float top, gap;
    std::uint32_t label;
};

std::vector<decision> decide(const std::vector<scored>& rows, float t) {
    std::vector<decision> out;
    std::vector<float> p;
    for (const auto& r : rows) {
        p = r.logits;
        softmax(p, t);
        std::size_t best = 0, second = 0;
        for (std::size_t c = 0; c < p.size(); ++c)
            if (p[c] > p[best]) best = c;
        second = best == 0 ? 1 : 0;
        for (std::size_t c = 0; c < p.size(); ++c)
            if (c != best && p[c] > p[second]) second = c;
        out.push_back({static_cast<std::uint32_t>(best), p[best], p.size() > 1 ? p[best] - p[second] : 1.0f, r.label});
    }
    return out;
}

struct oos_scores {
    float in_scope_accuracy, oos_recall, accuracy;
};

oos_scores evaluate_rule(const std::vector<decision>& ds, std::uint32_t oos, out_of_scope_rule rule) {
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
    return {ratio(in_right, in), ratio(out_right, out), ratio(in_right + out_right, in + out)};
}

// The out-of-scope rule: as much out-of-scope recall as possible for at most
// `max_in_scope_loss` of in-scope accuracy. Without out-of-scope examples,
// it rejects at most that share of in-scope messages.
out_of_scope_rule tune_oos(const std::vector<decision>& ds, std::uint32_t oos, float max_loss) {
    const float base = evaluate_rule(ds, oos, {}).in_scope_accuracy;
    out_of_scope_rule best{};
    float best_recall = -1, best_in = 0;
    for (int ci = 0; ci <= 40; ++ci) {
        for (int gi = 0; gi <= 20; ++gi) {
            const out_of_scope_rule r{static_cast<float>(ci) * 0.02f, static_cast<float>(gi) * 0.02f};
            const oos_scores s = evaluate_rule(ds, oos, r);
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

}  // namespace

linear_model fit(const std::vector<example>& data, std::uint32_t classes, const train_options& o) {
    training_state s{classes, {}, {}, {}, {}, {}, {}, {}};
    const auto indexed = index_rows(data, s);
    const std::vector<float> weight_of = class_weights(data, classes, o.balance_classes);
    std::vector<std::size_t> order(data.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937 rng(o.seed);
    std::vector<float> p;
    std::vector<std::uint32_t> active;
    for (std::uint32_t epoch = 0; epoch < o.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        for (std::size_t i : order) sgd_step(s, indexed[i], data[i].label, weight_of[data[i].label], o, p, active);
    }
    return linear_model(classes, std::move(s.row_hash), std::move(s.idf), std::move(s.weights), std::move(s.bias));
}

linear_model train(const std::vector<example>& data, std::uint32_t classes, const train_options& o,
                   train_report* report) {
    train_report r;
    r.examples = data.size();
    if (o.holdout > 0 && data.size() >= 50) {
        const split_result split = stratified_split(data, classes, o.holdout, o.seed);
        const linear_model first = fit(split.train, classes, o);
        std::vector<scored> rows;
        for (const auto& e : split.holdout) {
            rows.push_back({{}, e.label});
            first.logits(e.features, rows.back().logits);
        }
        r.temperature = fit_temperature(rows);
        const auto ds = decide(rows, r.temperature);
        if (o.oos_label >= 0) r.oos = tune_oos(ds, static_cast<std::uint32_t>(o.oos_label), o.max_in_scope_loss);
        const oos_scores tuned = evaluate_rule(ds, static_cast<std::uint32_t>(std::max<std::int64_t>(o.oos_label, 0)), r.oos);
        r.holdout_accuracy = o.oos_label >= 0 ? tuned.accuracy : evaluate_rule(ds, classes, {}).in_scope_accuracy;
        r.holdout_in_scope_accuracy = tuned.in_scope_accuracy;
        r.holdout_oos_recall = tuned.oos_recall;
    }
    linear_model final_model = fit(data, classes, o);
    final_model.set_temperature(r.temperature);
    final_model.set_out_of_scope(r.oos);
    r.features = final_model.feature_count();
    if (report) *report = r;
    return final_model;
}

}  // namespace kefu::detail::learn

#include "eval_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace kefu::cli {
namespace {

constexpr int calibration_bins = 10;
constexpr std::size_t confused_pairs_shown = 10;

double ratio(std::size_t a, std::size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; }

// Expected calibration error over equal-width confidence bins.
double expected_calibration_error(const std::vector<eval_row>& rows) {
    std::vector<double> confidence(calibration_bins, 0), correct(calibration_bins, 0);
    std::vector<std::size_t> count(calibration_bins, 0);
    for (const auto& r : rows) {
        const int bin = std::min(calibration_bins - 1, static_cast<int>(r.confidence * calibration_bins));
        confidence[bin] += r.confidence;
        correct[bin] += r.predicted == r.gold ? 1.0 : 0.0;
        ++count[bin];
    }
    double ece = 0;
    for (int b = 0; b < calibration_bins; ++b)
        if (count[b]) ece += std::fabs(correct[b] - confidence[b]) / static_cast<double>(rows.size());
    return ece;
}

std::string fixed(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", v);
    return buffer;
}

}  // namespace

eval_result evaluate(const std::vector<eval_row>& rows, const std::string& oos_label) {
    eval_result r;
    r.n = rows.size();
    std::map<std::string, std::size_t> tp, fp, fn;
    std::map<std::pair<std::string, std::string>, std::size_t> confusion;
    std::size_t right = 0, lenient = 0, in = 0, in_right = 0, out = 0, out_right = 0;
    for (const auto& row : rows) {
        const bool ok = row.predicted == row.gold;
        right += ok;
        lenient += ok || row.also_acceptable.count(row.predicted);
        r.per_label[row.gold].support++;
        if (ok) {
            ++tp[row.gold];
        } else {
            ++fp[row.predicted];
            ++fn[row.gold];
            ++confusion[{row.gold, row.predicted}];
        }
        if (!oos_label.empty() && row.gold == oos_label) {
            ++out;
            out_right += ok;
        } else {
            ++in;
            in_right += ok;
        }
    }
    r.accuracy = ratio(right, r.n);
    r.lenient_accuracy = ratio(lenient, r.n);
    double f1_sum = 0;
    for (auto& [label, m] : r.per_label) {
        m.precision = ratio(tp[label], tp[label] + fp[label]);
        m.recall = ratio(tp[label], tp[label] + fn[label]);
        m.f1 = tp[label] ? 2.0 * static_cast<double>(tp[label]) / static_cast<double>(2 * tp[label] + fp[label] + fn[label]) : 0.0;
        f1_sum += m.f1;
    }
    r.macro_f1 = r.per_label.empty() ? 0 : f1_sum / static_cast<double>(r.per_label.size());
    r.ece = expected_calibration_error(rows);
    r.has_oos = out > 0;
    r.in_scope_accuracy = ratio(in_right, in);
    r.oos_recall = ratio(out_right, out);
    for (const auto& [pair, count] : confusion) r.confused.emplace_back(pair.first, pair.second, count);
    std::stable_sort(r.confused.begin(), r.confused.end(),
                     [](const auto& a, const auto& b) { return std::get<2>(a) > std::get<2>(b); });
    if (r.confused.size() > confused_pairs_shown) r.confused.resize(confused_pairs_shown);
    return r;
}

nlohmann::json to_json(const eval_result& r) {
    nlohmann::json per_label = nlohmann::json::object();
    for (const auto& [label, m] : r.per_label)
        per_label[label] = {{"p", m.precision}, {"r", m.recall}, {"f1", m.f1}, {"support", m.support}};
    nlohmann::json confused = nlohmann::json::array();
    for (const auto& [gold, predicted, count] : r.confused)
        confused.push_back({{"gold", gold}, {"predicted", predicted}, {"count", count}});
    nlohmann::json out = {{"n", r.n},           {"accuracy", r.accuracy}, {"lenient_accuracy", r.lenient_accuracy},
                          {"macro_f1", r.macro_f1}, {"ece", r.ece},      {"per_label", std::move(per_label)},
                          {"confused", std::move(confused)}};
    if (r.has_oos) {
        out["in_scope_accuracy"] = r.in_scope_accuracy;
        out["oos_recall"] = r.oos_recall;
    }
    return out;
}

std::string to_text(const eval_result& r) {
    std::ostringstream s;
    s << "n " << r.n << "  accuracy " << fixed(r.accuracy) << "  macro-F1 " << fixed(r.macro_f1) << "  ECE "
      << fixed(r.ece) << "  lenient accuracy " << fixed(r.lenient_accuracy) << "\n";
    if (r.has_oos)
        s << "in-scope accuracy " << fixed(r.in_scope_accuracy) << "  out-of-scope recall " << fixed(r.oos_recall) << "\n";
    s << "\nlabel                 precision  recall     F1  support\n";
    for (const auto& [label, m] : r.per_label) {
        char line[160];
        std::snprintf(line, sizeof line, "%-20s  %9.3f  %6.3f  %5.3f  %7zu\n", label.c_str(), m.precision, m.recall, m.f1,
                      m.support);
        s << line;
    }
    if (!r.confused.empty()) {
        s << "\nmost confused (gold -> predicted: count)\n";
        for (const auto& [gold, predicted, count] : r.confused) s << "  " << gold << " -> " << predicted << ": " << count << "\n";
    }
    return s.str();
}

}  // namespace kefu::cli

// Classification metrics for `kefu eval`: accuracy, macro-F1, per-label
// precision/recall/F1, the most confused pairs, expected calibration error,
// and in-scope accuracy / out-of-scope recall when there is an OOS label.
#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace kefu::cli {

struct eval_row {
    std::string gold;
    std::set<std::string> also_acceptable;
    std::string predicted;
    float confidence;
};

struct label_metrics {
    double precision = 0, recall = 0, f1 = 0;
    std::size_t support = 0;
};

struct eval_result {
    std::size_t n = 0;
    double accuracy = 0, lenient_accuracy = 0, macro_f1 = 0, ece = 0;
    bool has_oos = false;
    double in_scope_accuracy = 0, oos_recall = 0;
    std::map<std::string, label_metrics> per_label;
    std::vector<std::tuple<std::string, std::string, std::size_t>> confused;  // gold, predicted, count
};

// `oos_label` names the out-of-scope label; "" when the task has none.
eval_result evaluate(const std::vector<eval_row>& rows, const std::string& oos_label);

nlohmann::json to_json(const eval_result& r);
std::string to_text(const eval_result& r);

}  // namespace kefu::cli

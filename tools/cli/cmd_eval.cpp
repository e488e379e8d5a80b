#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "command.hpp"
#include "eval_metrics.hpp"
#include "model_loader.hpp"

namespace kefu::cli {
namespace {

struct labelled_line {
    std::string gold, text;
    std::set<std::string> also;
};

// label<TAB>text[<TAB>also,acceptable]; the header line is skipped.
std::vector<labelled_line> read_eval_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw kefu::error(KEFU_EIO, "cannot read " + path, path);
    std::vector<labelled_line> rows;
    std::string line;
    for (std::uint32_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || (number == 1 && line.rfind("label\t", 0) == 0)) continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0)
            throw kefu::error(KEFU_EPARSE, path + ":" + std::to_string(number) + ":1: error: expected label<TAB>text", path,
                              number, 1);
        labelled_line row{line.substr(0, tab), line.substr(tab + 1), {}};
        if (const auto third = row.text.find('\t'); third != std::string::npos) {
            std::stringstream also(row.text.substr(third + 1));
            for (std::string label; std::getline(also, label, ',');)
                if (!label.empty()) row.also.insert(label);
            row.text.resize(third);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

eval_result evaluate_intents(const kefu::model& model, const std::vector<labelled_line>& lines) {
    std::vector<eval_row> rows;
    kefu::classify_options options;
    options.entities = options.mood = false;
    for (const auto& line : lines) {
        const kefu::classification c = model.classify(line.text, options);
        rows.push_back({line.gold, line.also, c.intent, c.confidence});
    }
    return evaluate(rows, model.out_of_scope_label());
}

// The mood of each line; fails when the model has no mood heads.
kefu_mood mood_of(const kefu::model& model, const std::string& text) {
    kefu::classify_options options;
    options.entities = false;
    const kefu_mood mood = model.classify(text, options).mood;
    if (!mood.available) throw kefu::error(KEFU_EINVAL, "this model has no mood heads");
    return mood;
}

// Labels 1 (positive) and 0 (negative) against the sign of the polarity. The
// confidence is the polarity head's own: kefu_mood's polarity is damped by
// 1 - neutral, which this undoes (a review is never neutral).
eval_result evaluate_sentiment(const kefu::model& model, const std::vector<labelled_line>& lines) {
    std::vector<eval_row> rows;
    for (const auto& line : lines) {
        if (line.gold != "1" && line.gold != "0")
            throw kefu::error(KEFU_EPARSE, "sentiment labels are 1 (positive) and 0 (negative), not '" + line.gold + "'");
        const kefu_mood mood = mood_of(model, line.text);
        const float feeling = 1 - mood.neutral;
        const float head_polarity = feeling > 1e-6f ? std::clamp(mood.polarity / feeling, -1.0f, 1.0f) : 0.0f;
        const float p_positive = (head_polarity + 1) / 2;
        rows.push_back({line.gold, {}, p_positive >= 0.5f ? "1" : "0", std::max(p_positive, 1 - p_positive)});
    }
    return evaluate(rows, "");
}

// Rows whose label maps to a mood class; the predicted class is the most
// probable one of the emotion head.
eval_result evaluate_emotion(const kefu::model& model, const std::vector<labelled_line>& lines) {
    static const char* const names[] = {"neutral", "anger", "anxiety", "satisfaction"};
    std::vector<eval_row> rows;
    for (const auto& line : lines) {
        const int gold = kefu_mood_class_of_label(line.gold.data(), line.gold.size());
        if (gold < 0) continue;
        const kefu_mood mood = mood_of(model, line.text);
        const float p[] = {mood.neutral, mood.anger, mood.anxiety, mood.satisfaction};
        const auto best = static_cast<std::size_t>(std::max_element(std::begin(p), std::end(p)) - std::begin(p));
        rows.push_back({names[gold], {}, names[best], p[best]});
    }
    return evaluate(rows, "");
}

}  // namespace

void add_eval_command(CLI::App& app, const global_options& global, command_body& body) {
    struct settings {
        std::string file;
        std::string task = "intent";
        bool json = false;
    };
    auto s = std::make_shared<settings>();
    CLI::App* cmd = app.add_subcommand("eval", "Measure the model against label<TAB>text lines: accuracy, macro-F1, "
                                               "per-label P/R/F1, confusions, calibration");
    cmd->add_option("FILE", s->file, "Labelled TSV file")->required();
    cmd->add_option("--task", s->task,
                    "What the labels are: intents; sentiment (1 positive, 0 negative); emotion (mood classes "
                    "anger/anxiety/satisfaction/neutral, or the emotion dialogue set's labels)")
        ->check(CLI::IsMember({"intent", "sentiment", "emotion"}));
    cmd->add_flag("--json", s->json, "Print every figure as one JSON line");
    cmd->callback([s, &global, &body] {
        body = [s, &global] {
            const kefu::model model = load_model(global);
            const auto lines = read_eval_file(s->file);
            const eval_result result = s->task == "intent"      ? evaluate_intents(model, lines)
                                       : s->task == "sentiment" ? evaluate_sentiment(model, lines)
                                                                : evaluate_emotion(model, lines);
            std::cout << (s->json ? to_json(result).dump() + "\n" : to_text(result));
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli

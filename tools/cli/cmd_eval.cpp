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
    cmd->add_option("--task", s->task, "What the labels are")->check(CLI::IsMember({"intent"}));
    cmd->add_flag("--json", s->json, "Print every figure as one JSON line");
    cmd->callback([s, &global, &body] {
        body = [s, &global] {
            const kefu::model model = load_model(global);
            std::vector<eval_row> rows;
            for (const auto& line : read_eval_file(s->file)) {
                const kefu::classification c = model.classify(line.text);
                rows.push_back({line.gold, line.also, c.intent, c.confidence});
            }
            const eval_result result = evaluate(rows, model.out_of_scope_label());
            std::cout << (s->json ? to_json(result).dump() + "\n" : to_text(result));
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli

// Build-time compiler of the embedded default model: compiles the rule files,
// trains the learned intent model on the training sentences plus the rules'
// own examples, and calibrates its fusion with the rules (and the
// out-of-scope rule) on separate calibration chats that neither the rules
// nor the learner were written or fitted on. Deterministic: the same data
// gives the same bytes.
//
// It also trains the mood heads on labelled reviews and chat messages
// (mood/mood_model.hpp lists the labels it understands).
//
// Usage: kefu_modelc OUT.kfm --rules RULES.kefu... --train TRAIN.tsv... [--calibrate CAL.tsv...]
//                    [--mood MOOD.tsv...] [--compose-leads LABEL,LABEL... --compose-ratio R]
//                    [--min-df N] [--char-ngram-max N] [--latin-ngram-min N] [--prune-below D]
//                    [--max-in-scope-loss L] [--l2 X] [--learning-rate X]
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "core/file_io.hpp"
#include "kefu/error.hpp"
#include "learn/dataset.hpp"
#include "learn/trainer.hpp"
#include "model/composition.hpp"
#include "model/model.hpp"

namespace {

using kefu::detail::model::compiled_model;

struct arguments {
    std::string out;
    std::vector<std::string> rules, training, calibration, mood;
    kefu::detail::model::composition_options composition;
    std::uint32_t min_document_frequency = 1;  // of the intent model; the mood heads keep every feature
    std::uint8_t char_ngram_max = kefu::detail::learn::feature_config{}.max_char_n;  // of the intent model
    std::uint8_t latin_ngram_min = kefu::detail::model::training_features().min_latin_n;  // of the intent model
    float prune_below = kefu::detail::learn::train_options{}.prune_below;            // of the intent model
    float max_in_scope_loss = kefu::detail::learn::train_options{}.max_in_scope_loss;  // of the out-of-scope rule
    float l2 = kefu::detail::learn::train_options{}.l2;                        // of the intent model
    float learning_rate = kefu::detail::learn::train_options{}.learning_rate;  // of the intent model
};

// An option with a float value, and the values it accepts.
struct float_option {
    const char* name;
    float arguments::*target;
    bool (*accepts)(float);
};

constexpr float_option float_options[] = {
    {"--prune-below", &arguments::prune_below,
     [](float v) { return v >= 0.0f && v <= kefu::detail::learn::max_prune_below; }},
    {"--max-in-scope-loss", &arguments::max_in_scope_loss, [](float v) { return v >= 0.0f && v <= 1.0f; }},
    {"--l2", &arguments::l2, [](float v) { return v >= 0.0f && v < 1.0f; }},
    {"--learning-rate", &arguments::learning_rate, [](float v) { return v > 0.0f && v <= 10.0f; }},
};

// Sets the float option `arg` names from `value`; false when `arg` is none.
bool read_float_option(const std::string& arg, const char* value, arguments& a) {
    for (const float_option& o : float_options) {
        if (arg != o.name) continue;
        const float v = std::stof(value);
        if (!o.accepts(v)) throw std::runtime_error(arg + " out of range");
        a.*o.target = v;
        return true;
    }
    return false;
}

arguments parse_arguments(int argc, char** argv) {
    arguments a;
    std::vector<std::string>* list = nullptr;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--compose-leads" || arg == "--compose-ratio") && i + 1 < argc) {
            const std::string value = argv[++i];
            if (arg == "--compose-leads") a.composition.lead_labels = kefu::detail::model::parse_lead_labels(value);
            else a.composition.ratio = std::stof(value);
            list = nullptr;
        } else if (arg == "--min-df" && i + 1 < argc) {
            a.min_document_frequency = static_cast<std::uint32_t>(std::stoul(argv[++i]));
            list = nullptr;
        } else if ((arg == "--char-ngram-max" || arg == "--latin-ngram-min") && i + 1 < argc) {
            const unsigned long n = std::stoul(argv[++i]);
            if (n < 1 || n > kefu::detail::learn::max_char_ngram) throw std::runtime_error(arg + " out of range");
            (arg == "--char-ngram-max" ? a.char_ngram_max : a.latin_ngram_min) = static_cast<std::uint8_t>(n);
            list = nullptr;
        } else if (i + 1 < argc && read_float_option(arg, argv[i + 1], a)) {
            ++i;
            list = nullptr;
        } else if (arg == "--rules") list = &a.rules;
        else if (arg == "--train") list = &a.training;
        else if (arg == "--calibrate") list = &a.calibration;
        else if (arg == "--mood") list = &a.mood;
        else if (a.out.empty() && list == nullptr) a.out = arg;
        else if (list) list->push_back(arg);
        else throw std::runtime_error("unexpected argument " + arg);
    }
    if (a.out.empty() || a.rules.empty()) throw std::runtime_error("usage: kefu_modelc OUT.kfm --rules F... --train F...");
    return a;
}

// The rows of all files, plus (for training) the rules' own examples.
std::vector<kefu::detail::model::labelled_text> read_all(const std::vector<std::string>& files,
                                                          const compiled_model& model, bool with_examples = true) {
    std::vector<kefu::detail::model::labelled_text> data;
    for (const auto& f : files) {
        auto rows = kefu::detail::learn::read_labelled_tsv(f);
        data.insert(data.end(), rows.begin(), rows.end());
    }
    if (with_examples && !files.empty())
        for (const auto& e : model.rules().examples) data.push_back({model.rules().intents[e.intent].name, e.text});
    return data;
}

// Mood examples from label<TAB>text files; an unknown label is an error.
std::vector<kefu::detail::mood::mood_example> read_mood_examples(const std::vector<std::string>& files) {
    std::vector<kefu::detail::mood::mood_example> out;
    for (const auto& f : files) {
        for (const auto& row : kefu::detail::learn::read_labelled_tsv(f)) {
            kefu::detail::mood::mood_example e;
            e.text = row.text;
            if (!kefu::detail::mood::label_example(row.label, e))
                throw std::runtime_error(f + ": unknown mood label '" + row.label + "'");
            if (e.polarity >= 0 || e.mood >= 0) out.push_back(std::move(e));
        }
    }
    return out;
}

// The name a shipped file goes by in rule and flow locations: its path from
// the project's data/ folder, so that the model does not carry the paths of
// the machine that built it.
std::string shipped_name(const std::string& path) {
    const std::size_t data = path.rfind("/data/");
    return data == std::string::npos ? path : path.substr(data + 1);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const arguments args = parse_arguments(argc, argv);
        std::vector<kefu::detail::model::source_file> sources;
        for (const auto& f : args.rules) sources.push_back({shipped_name(f), kefu::detail::read_file(f)});
        auto model = compiled_model::compile(sources);
        const auto data = read_all(args.training, *model);
        if (!data.empty()) {
            kefu::detail::model::training_options options;
            options.calibration = read_all(args.calibration, *model, false);
            options.composition = args.composition;
            options.learner.min_document_frequency = args.min_document_frequency;
            options.features.max_char_n = args.char_ngram_max;
            options.features.min_latin_n = args.latin_ngram_min;
            options.learner.prune_below = args.prune_below;
            options.learner.max_in_scope_loss = args.max_in_scope_loss;
            options.learner.l2 = args.l2;
            options.learner.learning_rate = args.learning_rate;
            model = compiled_model::train(data, options, model.get());
            const auto& r = model->report();
            std::cerr << "kefu_modelc: trained on " << r.examples << " examples (and " << r.composed_examples
                      << " composed), " << r.features
                      << " features; calibration accuracy " << r.calibration_accuracy << " on "
                      << r.calibration_examples << " examples; fusion " << model->fusion().model_scale << " / "
                      << model->fusion().rule_weight << " / " << model->fusion().rule_decision << "\n";
        }
        if (!args.mood.empty()) {
            const auto examples = read_mood_examples(args.mood);
            model = model->with_mood(kefu::detail::mood::mood_model::train(examples));
            std::cerr << "kefu_modelc: mood heads trained on " << examples.size() << " examples\n";
        }
        kefu::detail::write_file_atomically(args.out, model->save());
        std::cerr << "kefu_modelc: " << model->rules().intents.size() << " intents, " << model->rules().rules.size()
                  << " rules, " << model->matcher().pattern_count() << " patterns\n";
    } catch (const std::exception& e) {
        std::cerr << "kefu_modelc: " << e.what() << "\n";
        return 2;
    }
    return 0;
}

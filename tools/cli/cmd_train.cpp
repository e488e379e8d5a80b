#include <iostream>
#include <memory>

#include "command.hpp"
#include "model_loader.hpp"

namespace kefu::cli {

void add_train_command(CLI::App& app, const global_options& global, command_body& body) {
    struct settings {
        std::string in, out;
        kefu::train_options options;
    };
    auto s = std::make_shared<settings>();
    CLI::App* cmd = app.add_subcommand("train", "Train a learned intent model on label<TAB>text lines and write a "
                                                "model file (on top of --model's rules when given)");
    cmd->add_option("--in", s->in, "Training TSV file")->required();
    cmd->add_option("--out", s->out, "The model file to write")->required();
    cmd->add_option("--oos-label", s->options.oos_label, "The out-of-scope label of the data (e.g. oos)");
    cmd->add_option("--seed", s->options.seed, "Seed for shuffling and the held-out split")->capture_default_str();
    cmd->add_option("--epochs", s->options.epochs, "Passes over the data")->capture_default_str();
    cmd->add_option("--learning-rate", s->options.learning_rate, "AdaGrad step size")->capture_default_str();
    cmd->add_option("--l2", s->options.l2, "L2 regularisation")->capture_default_str();
    cmd->add_option("--char-ngram-min", s->options.char_ngram_min, "Shortest character n-gram")->capture_default_str();
    cmd->add_option("--char-ngram-max", s->options.char_ngram_max, "Longest character n-gram")->capture_default_str();
    cmd->add_option("--word-ngrams", s->options.word_ngrams, "Latin word n-grams: 0, 1 or 2")->capture_default_str();
    cmd->add_option("--calibrate", s->options.calibration_tsv,
                    "label<TAB>text file to calibrate fusion and the out-of-scope rule on (default: a held-out fifth)");
    cmd->add_option("--compose-leads", s->options.compose_leads,
                    "Labels that need no answer of their own (e.g. greeting,thanks,affirm): training adds messages "
                    "joining one of them to another label's example, labelled with the latter");
    cmd->add_option("--compose-ratio", s->options.compose_ratio, "Composed examples per training example (0: none)")
        ->capture_default_str();
    cmd->add_option("--min-df", s->options.min_document_frequency,
                    "Leave out features found in fewer training examples than this")
        ->capture_default_str();
    cmd->add_flag("--chinese-words", s->options.chinese_words,
                  "Add Chinese word n-grams from ICU's dictionary word breaks (slower; off by default)");
    cmd->add_option("--prune-below", s->options.prune_below,
                    "Drop a feature's class weights that differ from its median weight by at most this (0: keep all)")
        ->capture_default_str();
    cmd->add_option("--max-in-scope-loss", s->options.max_in_scope_loss,
                    "In-scope accuracy the out-of-scope rule may cost on the held-out share (0..1)")
        ->capture_default_str();
    cmd->add_flag("--fixed-regularisation{false}", s->options.select_regularisation,
                  "Fit with the given learning rate and L2 only (by default a smoother setting is also fitted and "
                  "the better on the held-out share kept; it costs one more fit)");
    cmd->add_flag("--no-pinyin{false}", s->options.pinyin,
                  "Hash bigrams of Han characters by the characters, not by their toneless pinyin (by sound, "
                  "the default, carries typos that sound right; it is about a tenth slower on Chinese)");
    cmd->add_flag("--no-fold-digits{false}", s->options.fold_digits,
                  "Keep digits as they are in character n-grams (by default each reads as 0 and a run of three or "
                  "more as one mark of its length, so an order number does not outweigh the words beside it)");
    cmd->add_option("--latin-ngram-min", s->options.latin_ngram_min,
                    "Shortest character n-gram made only of Latin letters (single letters and pairs say little "
                    "in alphabetic text and cost speed; up to --char-ngram-min changes nothing)")
        ->check(CLI::Range(0, 8))
        ->capture_default_str();
    cmd->add_option("--threads", s->options.threads,
                    "Threads training may use (0: one per core; the model is the same for any number)")
        ->check(CLI::Range(0, 256))
        ->capture_default_str();
    cmd->callback([s, &global, &body] {
        body = [s, &global] {
            // Without --model the learned model stands alone: the default
            // Chinese rules mean nothing to another label set.
            if (global.model_path.empty()) {
                kefu::model::train_file(s->in, s->options).save(s->out);
            } else {
                const kefu::model base = load_model(global);
                kefu::model::train_file(s->in, s->options, &base).save(s->out);
            }
            std::cerr << "kefu: wrote " << s->out << "\n";
            return exit_ok;
        };
    });
}

}  // namespace kefu::cli

// Intent classification speed, single thread.
//
//  BM_kefu_classify_default     default model on the chat corpus: normalise,
//                               match rules, extract features, score; reports
//                               messages/s and p50/p99 latency
//  BM_kefu_classify_digits      the same on messages with long numbers
//  BM_kefu_classify_c_api       the same through kefu_classify (what a host calls),
//                               intents only, and with entities and mood
//  BM_load_default_model        loading the embedded default model
//  BM_kefu_classify_model       a model file on a message file (for peers)
//                               (KEFU_BENCH_MESSAGES_FASTTEXT: tokenised copy for fastText)
//  BM_fasttext_predict          fastText's predictLine on the same messages
//
// The last two are registered when KEFU_BENCH_MODEL / KEFU_BENCH_FASTTEXT and
// KEFU_BENCH_MESSAGES (a label<TAB>text file) are set; bench/compare_peers.py
// sets them. With KEFU_BENCH_PER_MESSAGE=1 the latency benchmarks also print
// each message's median latency to stderr, slowest first: the p99 of a small
// corpus is its slowest message's. Google Benchmark runs a benchmark several
// times to size it; the last block printed belongs to the measured run.
#include <benchmark/benchmark.h>
#include <fasttext/fasttext.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "chat_corpus.hpp"
#include "kefu/kefu.h"
#include "model/default_model.hpp"

namespace {

using kefu::detail::model::compiled_model;

std::vector<std::string> read_messages(const char* path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    std::string line;
    for (bool first = true; std::getline(in, line); first = false) {
        if (first && line.rfind("label\t", 0) == 0) continue;
        const auto tab = line.find('\t');
        std::string text = tab == std::string::npos ? line : line.substr(tab + 1);
        text = text.substr(0, text.find('\t'));
        out.push_back(text);
    }
    return out;
}

// Each message's median latency, slowest first; `ns` holds the rounds one
// after the other, each in message order.
void print_per_message(const benchmark::State& state, const std::vector<std::string>& messages,
                       const std::vector<double>& ns) {
    std::vector<std::pair<double, std::size_t>> medians;
    for (std::size_t m = 0; m < messages.size(); ++m) {
        std::vector<double> own;
        for (std::size_t k = m; k < ns.size(); k += messages.size()) own.push_back(ns[k]);
        std::nth_element(own.begin(), own.begin() + own.size() / 2, own.end());
        medians.emplace_back(own[own.size() / 2], m);
    }
    std::sort(medians.rbegin(), medians.rend());
    std::fprintf(stderr, "run of %lld iterations: median latency per message\n", static_cast<long long>(state.iterations()));
    for (const auto& [median, m] : medians) std::fprintf(stderr, "%8.0f ns  %s\n", median, messages[m].c_str());
}

// Times each call separately for latency percentiles (clock overhead ~20 ns
// is included, so the figures are upper bounds).
void report_latency(benchmark::State& state, const std::shared_ptr<const compiled_model>& model,
                    const std::vector<std::string>& messages) {
    kefu::detail::intent::classify_scratch scratch;
    kefu::detail::intent::classification result;
    const auto options = kefu::detail::text::units_only();  // as kefu_classify normalises
    std::vector<double> ns;
    for (int round = 0; round < 200; ++round) {
        for (const auto& m : messages) {
            const auto t0 = std::chrono::steady_clock::now();
            kefu::detail::text::normalize(m, options, scratch.text);
            model->classify(scratch.text, scratch, result);
            const auto t1 = std::chrono::steady_clock::now();
            ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
        }
    }
    if (const char* per_message = std::getenv("KEFU_BENCH_PER_MESSAGE"); per_message && *per_message == '1')
        print_per_message(state, messages, ns);
    std::sort(ns.begin(), ns.end());
    state.counters["p50_ns"] = ns[ns.size() / 2];
    state.counters["p99_ns"] = ns[ns.size() * 99 / 100];
}

void classify_loop(benchmark::State& state, const std::shared_ptr<const compiled_model>& model,
                   const std::vector<std::string>& messages) {
    kefu::detail::intent::classify_scratch scratch;
    kefu::detail::intent::classification result;
    const auto options = kefu::detail::text::units_only();  // as kefu_classify normalises
    for (auto _ : state) {
        for (const auto& m : messages) {
            kefu::detail::text::normalize(m, options, scratch.text);
            model->classify(scratch.text, scratch, result);
            benchmark::DoNotOptimize(result.intent);
        }
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * messages.size()));
}

void BM_kefu_classify_default(benchmark::State& state) {
    const auto model = kefu::detail::model::default_model();
    classify_loop(state, model, kefu::bench::chat_messages());
    report_latency(state, model, kefu::bench::chat_messages());
}
BENCHMARK(BM_kefu_classify_default);

void BM_kefu_classify_digits(benchmark::State& state) {
    const auto model = kefu::detail::model::default_model();
    classify_loop(state, model, kefu::bench::digit_messages());
    report_latency(state, model, kefu::bench::digit_messages());
}
BENCHMARK(BM_kefu_classify_digits);

// Argument 0: intents only (skip_entities, skip_mood); 1: intents, entities
// and mood, the default a host gets.
void BM_kefu_classify_c_api(benchmark::State& state) {
    kefu_model* model = nullptr;
    kefu_model_default(&model);
    kefu_classify_options options;
    kefu_classify_options_init(&options, KEFU_CLASSIFY_OPTIONS_VERSION);
    options.skip_entities = options.skip_mood = state.range(0) == 0 ? 1 : 0;
    const auto& messages = kefu::bench::chat_messages();
    for (auto _ : state) {
        for (const auto& m : messages) {
            kefu_classification* c = nullptr;
            kefu_classify(&c, model, m.data(), m.size(), &options);
            benchmark::DoNotOptimize(kefu_classification_intent(c));
            kefu_classification_free(c);
        }
    }
    kefu_model_free(model);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * messages.size()));
}
BENCHMARK(BM_kefu_classify_c_api)->ArgName("entities_and_mood")->Arg(0)->Arg(1);

// Loading the embedded default model from its bytes (checksum, sections,
// automaton validation, learned weights).
void BM_load_default_model(benchmark::State& state) {
    const std::string_view bytes = kefu::detail::model::default_model_bytes();
    for (auto _ : state) {
        auto m = compiled_model::load(bytes);
        benchmark::DoNotOptimize(m.get());
    }
    state.counters["model_bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK(BM_load_default_model)->Unit(benchmark::kMillisecond);

void register_peer_benchmarks() {
    const char* messages_path = std::getenv("KEFU_BENCH_MESSAGES");
    if (!messages_path) return;
    static const std::vector<std::string> messages = read_messages(messages_path);
    if (const char* model_path = std::getenv("KEFU_BENCH_MODEL")) {
        static const auto model = [&] {
            std::ifstream in(model_path, std::ios::binary);
            std::stringstream bytes;
            bytes << in.rdbuf();
            return compiled_model::load(bytes.str());
        }();
        benchmark::RegisterBenchmark("BM_kefu_classify_model", [](benchmark::State& state) {
            classify_loop(state, model, messages);
            report_latency(state, model, messages);
        });
    }
    if (const char* fasttext_path = std::getenv("KEFU_BENCH_FASTTEXT")) {
        static fasttext::FastText ft;
        ft.loadModel(fasttext_path);
        // fastText reads tokens: for Chinese the script passes the same
        // messages with characters split by spaces.
        const char* tokenised = std::getenv("KEFU_BENCH_MESSAGES_FASTTEXT");
        static const std::vector<std::string> ft_messages = tokenised ? read_messages(tokenised) : messages;
        benchmark::RegisterBenchmark("BM_fasttext_predict", [](benchmark::State& state) {
            std::vector<std::pair<fasttext::real, std::string>> predictions;
            for (auto _ : state) {
                for (const auto& m : ft_messages) {
                    std::istringstream line(m + "\n");
                    ft.predictLine(line, predictions, 1, 0.0f);
                    benchmark::DoNotOptimize(predictions.data());
                }
            }
            state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * ft_messages.size()));
        });
    }
}

}  // namespace

int main(int argc, char** argv) {
    register_peer_benchmarks();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

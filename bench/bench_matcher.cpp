// Rule matcher scaling: throughput on chat messages with 100 to 100,000
// generated rules (the cost per message should stay nearly flat), the time
// to compile 100,000 rules, and the time to load the compiled model.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "chat_corpus.hpp"
#include "model/model.hpp"
#include "rule_generator.hpp"

namespace {

using kefu::detail::model::compiled_model;

std::shared_ptr<const compiled_model> model_with(std::size_t rules) {
    static std::map<std::size_t, std::shared_ptr<const compiled_model>> cache;
    auto& m = cache[rules];
    if (!m) m = compiled_model::compile({{"generated.kefu", kefu::bench::generated_rules(rules)}});
    return m;
}

// Normalisation is done once up front: this measures the matcher alone.
void BM_match_rules(benchmark::State& state) {
    const auto model = model_with(static_cast<std::size_t>(state.range(0)));
    std::vector<kefu::detail::text::normalized> texts(kefu::bench::chat_messages().size());
    for (std::size_t i = 0; i < texts.size(); ++i)
        kefu::detail::text::normalize(kefu::bench::chat_messages()[i], {}, texts[i]);
    kefu::detail::intent::match_scratch scratch;
    std::vector<kefu::detail::intent::rule_hit> hits;
    std::size_t fired = 0;
    for (auto _ : state) {
        for (const auto& t : texts) {
            model->matcher().match(t, scratch, hits);
            fired += hits.size();
        }
    }
    benchmark::DoNotOptimize(fired);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
    state.counters["patterns"] = static_cast<double>(model->matcher().pattern_count());
    state.counters["hits_per_msg"] =
        static_cast<double>(fired) / static_cast<double>(state.iterations() * texts.size());
}
BENCHMARK(BM_match_rules)->Arg(100)->Arg(1000)->Arg(10000)->Arg(100000);

void BM_compile_rules(benchmark::State& state) {
    const std::string source = kefu::bench::generated_rules(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        auto m = compiled_model::compile({{"generated.kefu", source}});
        benchmark::DoNotOptimize(m.get());
    }
}
BENCHMARK(BM_compile_rules)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_load_model(benchmark::State& state) {
    const std::string bytes = model_with(static_cast<std::size_t>(state.range(0)))->save();
    for (auto _ : state) {
        auto m = compiled_model::load(bytes);
        benchmark::DoNotOptimize(m.get());
    }
    state.counters["model_bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK(BM_load_model)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

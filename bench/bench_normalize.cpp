// Normaliser throughput on short chat messages: kefu's table-driven pass
// against ICU's Normalizer2 (NFKC_Casefold) plus the Traditional-Simplified
// transliterator called directly on the same messages in the same run.
#include <benchmark/benchmark.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

#include "chat_corpus.hpp"
#include "text/normalizer.hpp"

namespace {

void BM_kefu_normalize(benchmark::State& state) {
    const auto& messages = kefu::bench::chat_messages();
    kefu::detail::text::normalized out;
    const kefu::detail::text::normalize_options options;
    for (auto _ : state) {
        for (const auto& m : messages) {
            kefu::detail::text::normalize(m, options, out);
            benchmark::DoNotOptimize(out.units.data());
        }
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kefu::bench::chat_bytes()));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * messages.size()));
}
BENCHMARK(BM_kefu_normalize);

// The same work done with ICU at run time: UTF-8 in, NFKC_Casefold, script
// conversion, UTF-8 out. (No squeezing or emoji tokens: ICU has none, so the
// peer does strictly less work.)
void BM_icu_normalize_and_transliterate(benchmark::State& state) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
    std::unique_ptr<icu::Transliterator> t2s(
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) {
        state.SkipWithError("ICU data missing");
        return;
    }
    const auto& messages = kefu::bench::chat_messages();
    std::string out;
    for (auto _ : state) {
        for (const auto& m : messages) {
            icu::UnicodeString u = nfkc->normalize(icu::UnicodeString::fromUTF8(m), status);
            t2s->transliterate(u);
            out.clear();
            u.toUTF8String(out);
            benchmark::DoNotOptimize(out.data());
        }
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kefu::bench::chat_bytes()));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * messages.size()));
}
BENCHMARK(BM_icu_normalize_and_transliterate);

// ICU's normaliser alone, without script conversion: the cheapest ICU path.
void BM_icu_normalize_only(benchmark::State& state) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
    const auto& messages = kefu::bench::chat_messages();
    std::string out;
    for (auto _ : state) {
        for (const auto& m : messages) {
            icu::UnicodeString u = nfkc->normalize(icu::UnicodeString::fromUTF8(m), status);
            out.clear();
            u.toUTF8String(out);
            benchmark::DoNotOptimize(out.data());
        }
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kefu::bench::chat_bytes()));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * messages.size()));
}
BENCHMARK(BM_icu_normalize_only);

// One large message: shows the pass is linear (compare bytes/s with the above).
void BM_kefu_normalize_megabyte(benchmark::State& state) {
    std::string big;
    for (const auto& m : kefu::bench::chat_messages()) {
        if (big.size() > (1u << 20)) break;
        big += m + " ";
    }
    while (big.size() < (1u << 20)) big += big.substr(0, 4096);
    kefu::detail::text::normalized out;
    const kefu::detail::text::normalize_options options;
    for (auto _ : state) {
        kefu::detail::text::normalize(big, options, out);
        benchmark::DoNotOptimize(out.units.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * big.size()));
}
BENCHMARK(BM_kefu_normalize_megabyte);

}  // namespace

BENCHMARK_MAIN();

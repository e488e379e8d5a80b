// Entity extraction cost per message, single thread.
//
//  BM_extract_entities_chat     normalised chat messages → entities (the
//                               corpus mixes prices, dates, ids and plain chat)
//  BM_extract_entities_dense    messages packed with entities of every type
//  BM_normalize_only_chat       normalisation alone, the baseline the
//                               extraction cost adds to
#include <benchmark/benchmark.h>

#include "chat_corpus.hpp"
#include "entity/extractor.hpp"

namespace {

using namespace kefu::detail;

const std::vector<std::string>& dense_messages() {
    static const std::vector<std::string> messages = {
        "亲，我昨天拍的两件卫衣，订单号3928475610293847563，能不能今天18点前发顺丰？急用！",
        "别家同款才卖79，你家卖89，便宜10块我就在你家买，韵达的话就算了",
        "打八折的话，三件一共多少？我手机号13812340000，到了打我电话",
        "满199减30还有吗，XL黑色的两件，藏青的一件",
        "下週三前寄到的話，我再多買一盒，用EMS寄",
        "SF1402837465923 和 SF1402837465924 是分开发的吗，都等了三天了",
        "预算一百到一百五，纯棉的，38码，下周一之前能到吗",
        "九块九包邮吗？第二件半价的话我买两件",
    };
    return messages;
}

void run(benchmark::State& state, const std::vector<std::string>& messages, bool extract_too) {
    text::normalized normalized;
    entity::extract_scratch scratch;
    std::vector<entity::entity> found;
    const std::optional<entity::message_clock> clock = entity::message_clock{1795312800, 480};
    std::size_t i = 0, entities = 0, bytes = 0;
    for (auto _ : state) {
        const std::string& m = messages[i++ % messages.size()];
        text::normalize(m, {}, normalized);
        if (extract_too) {
            found.clear();
            entity::extract(normalized, clock, scratch, found);
            entities += found.size();
        }
        bytes += m.size();
        benchmark::DoNotOptimize(found.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
    state.counters["entities_per_msg"] = static_cast<double>(entities) / static_cast<double>(state.iterations());
}

void BM_extract_entities_chat(benchmark::State& state) { run(state, kefu::bench::chat_messages(), true); }
void BM_extract_entities_dense(benchmark::State& state) { run(state, dense_messages(), true); }
void BM_normalize_only_chat(benchmark::State& state) { run(state, kefu::bench::chat_messages(), false); }

BENCHMARK(BM_extract_entities_chat);
BENCHMARK(BM_extract_entities_dense);
BENCHMARK(BM_normalize_only_chat);

}  // namespace

BENCHMARK_MAIN();

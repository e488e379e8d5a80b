// session_stress: many threads share ONE kefu_model (the embedded default
// model) through the C ABI, each with its own sessions, and drive them with
// customer messages, order events, policies, time advances and snapshot /
// restore round trips. Built for ThreadSanitizer (the `tsan` preset), where
// any data race inside libkefu is reported; in other builds it checks that
// every call succeeds and prints the throughput.
//
//   session_stress [--messages N] [--threads T] [--sessions S] [--seed X]
//
// N is the total number of customer messages over all threads (default
// 1,000,000); T threads (default 8) with S sessions each (default 50).
// Exits non-zero when any call fails unexpectedly.
#include <kefu/kefu.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

// Customer messages of a shop's day: greetings, bargaining, payment, delivery,
// after-sale, complaints; Traditional script, full-width forms and emoji.
constexpr std::array<const char*, 52> customer_messages = {
    "在吗？",
    "你好，这款还有货吗",
    "亲，这个能便宜点吗",
    "别家才卖79，你们怎么要99",
    "最低多少钱？再便宜十块我就拍了",
    "不便宜的话我就不要了",
    "买两件能打个折吗",
    "满199减30的活动还有吗",
    "有没有优惠券可以领",
    "好吧，那就这个价吧",
    "我再考虑考虑，有点贵",
    "已经拍下了，怎么付款",
    "付款了，麻烦尽快发货",
    "刚才付款失败了，怎么回事",
    "不要了，帮我取消订单吧",
    "今天能发货吗？明天下午之前能到吗",
    "我的快递到哪了？单号SF1234567890123",
    "三天了还没发货，什么情况",
    "物流一直不动，是不是丢件了",
    "订单号123456789012345678，帮我查一下",
    "收到了，质量不错，谢谢",
    "衣服有点小，能换大一号吗？平时穿L",
    "我要退货，尺码不合适",
    "收到的东西是坏的，屏幕裂了",
    "颜色和图片差太多了，我要退款",
    "退货运费谁出？",
    "七天无理由退货可以吗",
    "退款怎么还没到账？都一个星期了",
    "你们这什么破服务，我要投诉",
    "客服呢？人呢？半天没人回",
    "再不处理我就给差评了",
    "太失望了，以后再也不买了",
    "给我个说法，不然我找平台",
    "能补偿一点吗？耽误我事了",
    "在嗎？這件有ＸＬ嗎",
    "我要退貨！！！品質太差了",
    "能不能便宜一點，學生黨",
    "訂單什麼時候發貨？",
    "謝謝客服，態度很好👍",
    "气死我了😡😡😡",
    "好的👌 那我下单了",
    "哈哈哈 好的好的😂",
    "[微笑] 谢谢亲",
    "这款黑色的M码还有吗",
    "纯棉的吗？会不会起球",
    "能开发票吗",
    "可以送到公司吗？周六有人收",
    "能用花呗分期吗",
    "发什么快递？能发顺丰吗",
    "拜拜，下次再来",
    "ｏｋ，收到",
    "嗯嗯"};

constexpr std::int64_t start_ms = 1795309200000;  // 2026-11-22T09:00:00+08:00

struct counters {
    std::uint64_t messages = 0, events = 0, timers = 0, advances = 0, restores = 0, failures = 0;
};

class worker {
public:
    worker(const kefu_model* model, int index, int sessions, std::uint64_t quota, std::uint64_t seed)
        : model_(model), index_(index), quota_(quota), rng_(seed * 1000003u + static_cast<std::uint64_t>(index)) {
        for (int i = 0; i < sessions; ++i) {
            kefu_session* s = nullptr;
            const std::string id = "t" + std::to_string(index) + "-s" + std::to_string(i);
            if (!ok(kefu_session_new(&s, model_, id.c_str()), "kefu_session_new")) continue;
            sessions_.push_back({s, start_ms + i * 7000, 0});
        }
    }
    ~worker() {
        for (auto& s : sessions_) kefu_session_free(s.session);
    }
    worker(const worker&) = delete;
    worker& operator=(const worker&) = delete;

    void run() {
        if (sessions_.empty()) return;
        while (count_.messages < quota_) {
            slot& s = sessions_[pick(sessions_.size())];
            s.now_ms += 5000 + static_cast<std::int64_t>(pick(20 * 60000));  // 5 s to 20 min later
            const unsigned what = static_cast<unsigned>(pick(100));
            if (what < 70) message(s);
            else if (what < 82) order_event(s);
            else if (what < 86) policies(s);
            else if (what < 94) advance(s);
            else if (what < 97) round_trip(s);
            else classify_directly();
        }
    }

    const counters& count() const noexcept { return count_; }

private:
    struct slot {
        kefu_session* session;
        std::int64_t now_ms;
        int orders;
    };

    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

    bool ok(int status, const char* what) {
        if (status == KEFU_OK) return true;
        ++count_.failures;
        if (count_.failures <= 5)
            std::fprintf(stderr, "thread %d: %s: %s: %s\n", index_, what, kefu_status_name(status),
                         kefu_last_error()->message);
        return false;
    }

    void step(slot& s, const std::string& event) {
        kefu_string* out = nullptr;
        if (ok(kefu_session_step_json(&out, s.session, event.data(), event.size()), "kefu_session_step_json"))
            ++count_.events;
        kefu_string_free(out);
    }

    std::string time_of(const slot& s) { return std::to_string(s.now_ms); }

    static std::string quoted(const char* text) {
        std::string out = "\"";
        for (const char* p = text; *p; ++p) {
            if (*p == '"' || *p == '\\') out += '\\';
            out += *p;
        }
        return out + "\"";
    }

    void message(slot& s) {
        const char* text = customer_messages[pick(customer_messages.size())];
        const bool agent = pick(6) == 0;
        step(s, std::string("{\"type\":\"") + (agent ? "agent_reply" : "message") + "\",\"time\":" + time_of(s) +
                    ",\"text\":" + quoted(agent ? "亲，这个价格已经是最低了哦" : text) + "}");
        if (!agent) ++count_.messages;
    }

    void order_event(slot& s) {
        static constexpr std::array<const char*, 8> types = {"order_created", "order_paid",       "order_closed",
                                                             "delivered",     "receipt_confirmed", "call_result",
                                                             "return_requested", "shipment_delayed"};
        const std::string type = types[pick(types.size())];
        if (type == "order_created") ++s.orders;
        std::string e = "{\"type\":\"" + type + "\",\"time\":" + time_of(s) + ",\"order\":\"A" +
                        std::to_string(s.orders) + "\",\"amount\":" + std::to_string(59 + pick(200));
        if (type == "call_result") e += std::string(",\"result\":\"") + (pick(2) ? "unreachable" : "answered") + "\"";
        if (type == "shipment_delayed") e += ",\"new_date\":" + std::to_string(s.now_ms + 3 * 86400000LL);
        if (type == "return_requested") e += ",\"reason\":\"尺码不合适\"";
        step(s, e + "}");
    }

    void policies(slot& s) {
        const unsigned list = 80 + static_cast<unsigned>(pick(100));
        const std::string json = "{\"bargaining\":{\"list_price\":" + std::to_string(list) + ",\"floor_price\":" +
                                 std::to_string(list - 15) + "}}";
        if (pick(2)) {
            ok(kefu_session_set_policies(s.session, json.data(), json.size()), "kefu_session_set_policies");
        } else {
            step(s, "{\"type\":\"policy\",\"time\":" + time_of(s) + ",\"policies\":" + json + "}");
        }
    }

    void advance(slot& s) {
        int has = 0;
        std::int64_t due = 0;
        if (!ok(kefu_session_next_deadline(s.session, &has, &due), "kefu_session_next_deadline")) return;
        if (has && due > s.now_ms) s.now_ms = due;
        kefu_string* out = nullptr;
        if (ok(kefu_session_advance(&out, s.session, s.now_ms), "kefu_session_advance")) {
            ++count_.advances;
            // one timer line per object in the array
            for (const char* p = kefu_string_data(out); (p = std::strstr(p, "\"event\":\"timer\"")) != nullptr; ++p)
                ++count_.timers;
        }
        kefu_string_free(out);
    }

    void round_trip(slot& s) {
        kefu_string* blob = nullptr;
        if (!ok(kefu_session_snapshot(&blob, s.session), "kefu_session_snapshot")) return;
        kefu_session* restored = nullptr;
        if (ok(kefu_session_restore(&restored, model_, kefu_string_data(blob), kefu_string_size(blob)),
               "kefu_session_restore")) {
            kefu_session_free(s.session);
            s.session = restored;
            ++count_.restores;
        }
        kefu_string_free(blob);
    }

    // The shared model used directly, beside the sessions.
    void classify_directly() {
        const char* text = customer_messages[pick(customer_messages.size())];
        kefu_string* out = nullptr;
        ok(kefu_classify_json(&out, model_, text, std::strlen(text), nullptr), "kefu_classify_json");
        kefu_string_free(out);
    }

    const kefu_model* model_;
    int index_;
    std::uint64_t quota_;
    std::mt19937_64 rng_;
    std::vector<slot> sessions_;
    counters count_;
};

bool read_number(const char* text, std::uint64_t& out) {
    char* end = nullptr;
    const unsigned long long v = std::strtoull(text, &end, 10);
    if (end == text || *end != '\0') return false;
    out = v;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t total = 1000000, threads = 8, sessions = 50, seed = 1;
    for (int i = 1; i < argc; ++i) {
        std::uint64_t* target = std::strcmp(argv[i], "--messages") == 0   ? &total
                                : std::strcmp(argv[i], "--threads") == 0  ? &threads
                                : std::strcmp(argv[i], "--sessions") == 0 ? &sessions
                                : std::strcmp(argv[i], "--seed") == 0     ? &seed
                                                                          : nullptr;
        if (target == nullptr || i + 1 == argc || !read_number(argv[++i], *target) || threads == 0 ||
            threads > 256 || sessions == 0 || sessions > 100000) {
            std::fprintf(stderr, "usage: %s [--messages N] [--threads T (1..256)] [--sessions S] [--seed X]\n",
                         argv[0]);
            return 1;
        }
    }

    kefu_model* model = nullptr;
    if (kefu_model_default(&model) != KEFU_OK) {
        std::fprintf(stderr, "kefu_model_default: %s\n", kefu_last_error()->message);
        return 1;
    }
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::unique_ptr<worker>> workers;
    for (std::uint64_t t = 0; t < threads; ++t)
        workers.push_back(std::make_unique<worker>(model, static_cast<int>(t), static_cast<int>(sessions),
                                                   total / threads + (t < total % threads ? 1 : 0), seed));
    std::vector<std::thread> running;
    for (auto& w : workers) running.emplace_back([&w] { w->run(); });
    for (auto& t : running) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    counters sum;
    for (const auto& w : workers) {
        const counters& c = w->count();
        sum.messages += c.messages;
        sum.events += c.events;
        sum.timers += c.timers;
        sum.advances += c.advances;
        sum.restores += c.restores;
        sum.failures += c.failures;
    }
    workers.clear();
    kefu_model_free(model);
    std::printf("session_stress: %" PRIu64 " threads x %" PRIu64 " sessions on one model: %" PRIu64
                " messages, %" PRIu64 " events stepped, %" PRIu64 " advances firing %" PRIu64 " timers, %" PRIu64
                " snapshot/restore round trips, %" PRIu64 " failures, %.1f s (%.0f messages/s)\n",
                threads, sessions, sum.messages, sum.events, sum.advances, sum.timers, sum.restores, sum.failures,
                seconds, static_cast<double>(sum.messages) / seconds);
    return sum.failures == 0 ? 0 : 1;
}

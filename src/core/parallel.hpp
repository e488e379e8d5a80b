// Two independent pieces of work on two threads when the caller allows it.
// Each piece runs as it would alone, so the results do not depend on the
// thread count: parallelism changes how long training takes, never the model.
#pragma once

#include <cstdint>
#include <future>
#include <system_error>
#include <thread>
#include <utility>

namespace kefu::detail::core {

// How many threads a "threads" option allows: 0 means as many as the
// machine has cores.
inline std::uint32_t usable_threads(std::uint32_t requested) {
    if (requested != 0) return requested;
    const unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1 : cores;
}

// Runs first() and second(), the second on its own thread if threads allow
// more than one, and returns both results. An exception in either reaches the
// caller. If no thread can be started, both run on the calling thread.
template <class First, class Second>
auto run_both(std::uint32_t threads, const First& first, const Second& second)
    -> std::pair<decltype(first()), decltype(second())> {
    const auto one_after_the_other = [&]() -> std::pair<decltype(first()), decltype(second())> {
        auto a = first();  // named, so that first() runs before second()
        return {std::move(a), second()};
    };
    if (usable_threads(threads) < 2) return one_after_the_other();
    std::future<decltype(second())> other;
    try {
        other = std::async(std::launch::async, [&second] { return second(); });
    } catch (const std::system_error&) {
        return one_after_the_other();
    }
    auto a = first();  // if this throws, the future's destructor waits for the other thread
    return {std::move(a), other.get()};
}

}  // namespace kefu::detail::core

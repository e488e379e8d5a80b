// Two pieces of work side by side (core/parallel.hpp): both results, in
// order, whatever the thread count, and errors reach the caller.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>

#include "core/parallel.hpp"

namespace {

using kefu::detail::core::run_both;
using kefu::detail::core::usable_threads;

TEST(Parallel, BothResultsInOrderForAnyThreadCount) {
    for (std::uint32_t threads : {0u, 1u, 2u, 8u}) {
        const auto [first, second] = run_both(threads, [] { return std::string("first"); }, [] { return 2; });
        EXPECT_EQ(first, "first");
        EXPECT_EQ(second, 2);
    }
}

TEST(Parallel, OneThreadRunsBothOnTheCallingThread) {
    const auto caller = std::this_thread::get_id();
    const auto [a, b] = run_both(1, [] { return std::this_thread::get_id(); }, [] { return std::this_thread::get_id(); });
    EXPECT_EQ(a, caller);
    EXPECT_EQ(b, caller);
}

TEST(Parallel, TwoThreadsRunTheSecondElsewhere) {
    const auto caller = std::this_thread::get_id();
    const auto [a, b] = run_both(2, [] { return std::this_thread::get_id(); }, [] { return std::this_thread::get_id(); });
    EXPECT_EQ(a, caller);
    EXPECT_NE(b, caller);
}

TEST(Parallel, AnErrorOnEitherSideReachesTheCaller) {
    for (std::uint32_t threads : {1u, 2u}) {
        EXPECT_THROW(run_both(threads, []() -> int { throw std::runtime_error("first"); }, [] { return 1; }),
                     std::runtime_error);
        EXPECT_THROW(run_both(threads, [] { return 1; }, []() -> int { throw std::runtime_error("second"); }),
                     std::runtime_error);
    }
}

TEST(Parallel, ZeroThreadsMeansOnePerCore) {
    EXPECT_GE(usable_threads(0), 1u);
    EXPECT_EQ(usable_threads(3), 3u);
}

}  // namespace

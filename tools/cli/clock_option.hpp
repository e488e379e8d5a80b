// --now: the time relative dates in messages ("明天", "下周一前") count from.
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <string>

#include "kefu/kefu.hpp"

namespace kefu::cli {

inline void add_now_option(CLI::App& cmd, std::string& now) {
    cmd.add_option("--now", now,
                   "When the messages were sent, ISO-8601 with offset (default: the current time, UTC+08:00)");
}

// The clock of --now, or the current time in China's offset.
inline message_clock clock_from(const std::string& now) {
    if (!now.empty()) return kefu::parse_time(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    return {ms.count(), 480};
}

}  // namespace kefu::cli

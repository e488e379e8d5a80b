// Customer profiles (C++ API over the C ABI).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "kefu/detail/c_handle.hpp"
#include "kefu/model.hpp"

namespace kefu {
inline namespace v1 {

// Builds one conversation's customer profile from its events (see
// kefu_profiler_*). Movable, not copyable; one thread at a time.
class profiler {
public:
    explicit profiler(const model& m) {
        kefu_profiler* raw = nullptr;
        detail::check(kefu_profiler_new(&raw, m.handle()));
        handle_.reset(raw);
    }

    // One event as a JSON object of the `kefu run` input format.
    void event_json(std::string_view event) {
        detail::check(kefu_profiler_event_json(handle_.get(), event.data(), event.size()));
    }

    // Score and confidence of a trait ("decisive", "price_driven", ...).
    std::pair<float, float> score(const std::string& trait) const {
        float score = 0, confidence = 0;
        detail::check(kefu_profiler_score(&score, &confidence, handle_.get(), trait.c_str()));
        return {score, confidence};
    }

    std::string top(const std::string& family) const {
        const char* trait = nullptr;
        detail::check(kefu_profiler_top(&trait, handle_.get(), family.c_str()));
        return trait;
    }

    std::string json(bool evidence = true) const {
        kefu_string* out = nullptr;
        detail::check(kefu_profiler_json(&out, handle_.get(), evidence ? 1 : 0));
        return detail::take_string(out);
    }

private:
    struct deleter {
        void operator()(kefu_profiler* p) const noexcept { kefu_profiler_free(p); }
    };
    std::unique_ptr<kefu_profiler, deleter> handle_;
};

}  // namespace v1
}  // namespace kefu

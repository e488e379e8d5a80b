// Customer profiles.
#include "c_api/common.hpp"

#include "profile/profiler.hpp"

struct kefu_profiler {
    kefu::detail::profile::profiler value;
};

using namespace kefu::detail::c_api;
using kefu::detail::guarded;
namespace profile = kefu::detail::profile;

extern "C" {

int kefu_profiler_new(kefu_profiler** out, const kefu_model* model) {
    return guarded([&] {
        if (out == nullptr || model == nullptr) return invalid_argument("out or model is NULL");
        *out = new kefu_profiler{profile::profiler(model->value)};
        return KEFU_OK;
    });
}

int kefu_profiler_event_json(kefu_profiler* p, const char* event, size_t len) {
    return guarded([&] {
        if (p == nullptr || event == nullptr) return invalid_argument("profiler or event is NULL");
        if (const int status = check_event_size(len); status != KEFU_OK) return status;
        p->value.on_event(kefu::detail::session::parse_event(std::string_view(event, len)));
        return KEFU_OK;
    });
}

int kefu_profiler_score(float* score, float* confidence, const kefu_profiler* p, const char* trait) {
    return guarded([&] {
        if (p == nullptr || trait == nullptr) return invalid_argument("profiler or trait is NULL");
        const auto t = profile::trait_from(trait);
        if (!t) return kefu::detail::set_last_error(KEFU_ENOTFOUND, std::string("unknown trait '") + trait + "'");
        const profile::trait_score s = p->value.profile().score(*t);
        if (score) *score = s.score;
        if (confidence) *confidence = s.confidence;
        return KEFU_OK;
    });
}

int kefu_profiler_top(const char** trait, const kefu_profiler* p, const char* family) {
    return guarded([&] {
        if (trait == nullptr || p == nullptr || family == nullptr) return invalid_argument("trait, profiler or family is NULL");
        const std::string_view name(family);
        for (auto f : {profile::trait_family::personality, profile::trait_family::behaviour,
                       profile::trait_family::complaint_motive}) {
            if (profile::family_name(f) != name) continue;
            *trait = profile::trait_name(p->value.profile().top(f)).data();
            return KEFU_OK;
        }
        return kefu::detail::set_last_error(KEFU_ENOTFOUND, "unknown trait family '" + std::string(name) + "'");
    });
}

int kefu_profiler_json(kefu_string** out, const kefu_profiler* p, int evidence) {
    return guarded([&] {
        if (out == nullptr || p == nullptr) return invalid_argument("out or profiler is NULL");
        *out = nullptr;
        return new_json_string(out, profile::to_json(p->value.profile(), evidence != 0));
    });
}

void kefu_profiler_free(kefu_profiler* p) { delete p; }

}  // extern "C"

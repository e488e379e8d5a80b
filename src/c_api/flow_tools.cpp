// Flow tools: checking flow files and drawing flows (docs/FLOWS.md).
#include "c_api/common.hpp"

#include <vector>

#include "flow/dot.hpp"
#include "model/flow_check.hpp"

using namespace kefu::detail::c_api;
using kefu::detail::guarded;
namespace flow = kefu::detail::flow;
namespace model = kefu::detail::model;

namespace {

const std::vector<flow::flow_definition>& flows_of(const kefu_model* m) { return m->value->rules().flows; }

}  // namespace

extern "C" {

int kefu_flow_check_json(kefu_string** out, const kefu_model* base, const kefu_source* sources, size_t count) {
    return guarded([&] {
        if (out == nullptr || (sources == nullptr && count != 0)) return invalid_argument("out or sources is NULL");
        *out = nullptr;
        std::vector<model::source_file> files;
        if (const int status = read_sources(files, sources, count); status != KEFU_OK) return status;
        const auto findings = model::check_flows(files, base ? &base->value->rules() : nullptr);
        return new_json_string(out, model::findings_json(findings));
    });
}

int kefu_flow_dot(kefu_string** out, const kefu_model* m, const char* name) {
    return guarded([&] {
        if (out == nullptr || m == nullptr || name == nullptr) return invalid_argument("out, model or name is NULL");
        *out = nullptr;
        for (const flow::flow_definition& f : flows_of(m))
            if (f.name == name) return new_string(out, flow::to_dot(f));
        return kefu::detail::set_last_error(KEFU_ENOTFOUND, "the model has no flow named '" + std::string(name) + "'");
    });
}

size_t kefu_model_flow_count(const kefu_model* m) { return m ? flows_of(m).size() : 0; }

const char* kefu_model_flow_name(const kefu_model* m, size_t index) {
    return m && index < flows_of(m).size() ? flows_of(m)[index].name.c_str() : nullptr;
}

const char* kefu_model_flow_location(const kefu_model* m, size_t index) {
    return m && index < flows_of(m).size() ? flows_of(m)[index].location.c_str() : nullptr;
}

}  // extern "C"

// Checking agent replies.
#include "c_api/common.hpp"

#include <cstring>
#include <vector>

#include <nlohmann/json.hpp>

#include "reply/lint.hpp"
#include "reply/lint_json.hpp"

struct kefu_lint_result {
    std::vector<kefu::detail::reply::lint_finding> findings;
};

using namespace kefu::detail::c_api;
using kefu::detail::guarded;
namespace reply = kefu::detail::reply;

namespace {

int read_context(const kefu_lint_context* ctx, reply::lint_context& out) {
    if (ctx == nullptr) return KEFU_OK;
    if (ctx->version != KEFU_LINT_CONTEXT_VERSION) return unsupported_version("kefu_lint_context", ctx->version);
    if (ctx->customer == nullptr && ctx->customer_len != 0)
        return invalid_argument("kefu_lint_context: customer is NULL but customer_len is not 0");
    if (ctx->intents == nullptr && ctx->intent_count != 0)
        return invalid_argument("kefu_lint_context: intents is NULL but intent_count is not 0");
    if (ctx->customer) out.customer.assign(ctx->customer, ctx->customer_len);
    if (ctx->mood) {
        const auto mood = reply::parse_customer_mood(ctx->mood);
        if (!mood) return invalid_argument(std::string("kefu_lint_context: unknown mood '") + ctx->mood + "'");
        out.mood = *mood;
    }
    if (ctx->personality) out.personality = ctx->personality;
    for (size_t i = 0; i < ctx->intent_count; ++i)
        if (ctx->intents[i]) out.intents.emplace_back(ctx->intents[i]);
    out.topic_resolved = ctx->topic_resolved != 0;
    return KEFU_OK;
}

int run_lint(std::vector<reply::lint_finding>& out, const char* text, size_t len, const kefu_lint_context* ctx) {
    if (text == nullptr && len != 0) return invalid_argument("reply is NULL but len is not 0");
    if (len > KEFU_DEFAULT_MAX_TEXT_BYTES)
        return kefu::detail::set_last_error(KEFU_ETOOLONG, "reply of " + std::to_string(len) +
                                                               " bytes is longer than the maximum of " +
                                                               std::to_string(KEFU_DEFAULT_MAX_TEXT_BYTES));
    reply::lint_context context;
    if (const int status = read_context(ctx, context); status != KEFU_OK) return status;
    out = reply::lint_reply(std::string_view(text ? text : "", len), context);
    return KEFU_OK;
}

}  // namespace

extern "C" {

int kefu_lint_context_init(kefu_lint_context* ctx, uint32_t version) {
    if (ctx == nullptr) return invalid_argument("ctx is NULL");
    if (version != KEFU_LINT_CONTEXT_VERSION) return unsupported_version("kefu_lint_context", version);
    std::memset(ctx, 0, sizeof *ctx);
    ctx->version = version;
    return KEFU_OK;
}

int kefu_lint(kefu_lint_result** out, const char* reply_text, size_t len, const kefu_lint_context* ctx) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        auto result = std::make_unique<kefu_lint_result>();
        if (const int status = run_lint(result->findings, reply_text, len, ctx); status != KEFU_OK) return status;
        *out = result.release();
        return KEFU_OK;
    });
}

size_t kefu_lint_count(const kefu_lint_result* r) { return r ? r->findings.size() : 0; }

int kefu_lint_get(kefu_lint_finding* out, const kefu_lint_result* r, size_t index) {
    if (out == nullptr || r == nullptr) return invalid_argument("out or result is NULL");
    if (index >= r->findings.size()) return invalid_argument("finding index out of range");
    const auto& f = r->findings[index];
    *out = {f.rule.c_str(), static_cast<int32_t>(f.level), reply::severity_name(f.level).data(), f.start, f.end,
            f.message.c_str(), f.suggestion.c_str()};
    return KEFU_OK;
}

void kefu_lint_free(kefu_lint_result* r) { delete r; }

int kefu_lint_json(kefu_string** out, const char* reply_text, size_t len, const kefu_lint_context* ctx) {
    return guarded([&] {
        if (out == nullptr) return invalid_argument("out is NULL");
        *out = nullptr;
        std::vector<reply::lint_finding> findings;
        if (const int status = run_lint(findings, reply_text, len, ctx); status != KEFU_OK) return status;
        const std::string_view original(reply_text ? reply_text : "", len);
        const nlohmann::json j = {{"reply", std::string(original)}, {"findings", reply::to_json(findings, original)}};
        return new_json_string(out, j);
    });
}

}  // extern "C"

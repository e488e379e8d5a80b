// The program every consumer project builds: it uses both the C++ API
// (header-only over the C ABI) and a C function directly, so that a consumer
// fails to build or link when either half of the package is broken.
#include <kefu/kefu.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view input = "我要退貨！！！";
constexpr std::string_view expected = "我要退货!";

bool cpp_api_works() {
    const std::string text = kefu::normalize(input).text;
    if (text == expected) return true;
    std::fprintf(stderr, "kefu::normalize gave \"%s\"\n", text.c_str());
    return false;
}

bool c_api_works() {
    kefu_string* json = nullptr;
    const int status = kefu_normalize_json(&json, input.data(), input.size(), nullptr);
    if (status != KEFU_OK) {
        std::fprintf(stderr, "kefu_normalize_json failed: %s\n", kefu_status_name(status));
        return false;
    }
    const std::string text(kefu_string_data(json), kefu_string_size(json));
    kefu_string_free(json);
    if (text.find(expected) != std::string::npos) return true;
    std::fprintf(stderr, "kefu_normalize_json gave %s\n", text.c_str());
    return false;
}

}  // namespace

int main() {
    if (!cpp_api_works() || !c_api_works()) return 1;
    std::printf("kefu %s works\n", kefu::version().c_str());
    return 0;
}

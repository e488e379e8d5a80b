#include "reply/script.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace kefu::detail::reply {
namespace {

// Transliterators are costly to build and not thread-safe to share: one per
// thread and direction, built on first use.
icu::Transliterator* transliterator(const char* id) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? t.release() : nullptr;
}

std::string apply(const char* id, std::string_view utf8, std::unique_ptr<icu::Transliterator>& slot) {
    if (!slot) slot.reset(transliterator(id));
    if (!slot) return std::string(utf8);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    slot->transliterate(text);
    std::string out;
    text.toUTF8String(out);
    return out;
}

}  // namespace

bool looks_traditional(std::string_view utf8) {
    thread_local std::unique_ptr<icu::Transliterator> to_simplified;
    return apply("Hant-Hans", utf8, to_simplified) != utf8;
}

std::string to_traditional(std::string_view utf8) {
    thread_local std::unique_ptr<icu::Transliterator> to_hant;
    return apply("Hans-Hant", utf8, to_hant);
}

}  // namespace kefu::detail::reply

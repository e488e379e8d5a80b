// The default model, compiled from data/rules at build time and embedded in
// the library, so that no file is needed at run time.
#include "model/default_model.hpp"

#ifndef KEFU_DEFAULT_MODEL_FILE
#error "KEFU_DEFAULT_MODEL_FILE must name the compiled default model"
#endif

// .incbin keeps the bytes out of the C++ front end (a large array initialiser
// compiles slowly); the symbols are hidden so only kefu_* is exported.
__asm__(".section .rodata\n"
        ".balign 16\n"
        ".hidden embedded_default_model_begin\n"
        ".hidden embedded_default_model_end\n"
        "embedded_default_model_begin:\n"
        ".incbin \"" KEFU_DEFAULT_MODEL_FILE "\"\n"
        "embedded_default_model_end:\n"
        ".previous\n");

extern "C" const char embedded_default_model_begin[];
extern "C" const char embedded_default_model_end[];

namespace kefu::detail::model {

std::string_view default_model_bytes() noexcept {
    return {embedded_default_model_begin,
            static_cast<std::size_t>(embedded_default_model_end - embedded_default_model_begin)};
}

std::shared_ptr<const compiled_model> default_model() {
    static const std::shared_ptr<const compiled_model> model = compiled_model::load(default_model_bytes());
    return model;
}

}  // namespace kefu::detail::model

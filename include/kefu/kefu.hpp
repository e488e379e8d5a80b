// The C++ API of kefu: inline, header-only code over the stable C ABI in
// kefu.h, so that C++ programs depend on exactly the same exported symbols
// as every other language.
#pragma once

#include <string>

#include "kefu/entities.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"
#include "kefu/lint.hpp"
#include "kefu/model.hpp"
#include "kefu/profile.hpp"
#include "kefu/session.hpp"
#include "kefu/text.hpp"

namespace kefu {
inline namespace v1 {

// The version of the linked library, e.g. "0.1.0".
inline std::string version() { return kefu_version(); }

}  // namespace v1
}  // namespace kefu

// Rendering reply templates (docs/TEMPLATES.md) without a session.
#include "c_api/common.hpp"

#include <nlohmann/json.hpp>

#include "core/iso_time.hpp"
#include "reply/templates.hpp"

using namespace kefu::detail::c_api;
using kefu::detail::guarded;
namespace reply = kefu::detail::reply;

namespace {

// One slot's JSON value into `values`, as its format wants it.
int read_slot(const std::string& name, const nlohmann::json& j, reply::slot_values& values) {
    const auto format = reply::slot_format_of(name);
    if (!format) return invalid_argument("slots: unknown slot \"" + name + "\" (docs/TEMPLATES.md)");
    switch (*format) {
        case reply::slot_format::money:
            if (!j.is_number()) return invalid_argument("slots: " + name + " is an amount of money (a number)");
            values.money[name] = j.get<double>();
            return KEFU_OK;
        case reply::slot_format::text:
            if (!j.is_string()) return invalid_argument("slots: " + name + " is a text");
            values.text[name] = j.get<std::string>();
            return KEFU_OK;
        case reply::slot_format::date_time: {
            // ISO-8601 with an offset, rendered in that offset.
            const auto t = j.is_string() ? kefu::detail::parse_iso_time(j.get<std::string>()) : std::nullopt;
            if (!t) return invalid_argument("slots: " + name + " is an ISO-8601 time with an offset");
            values.time_ms[name] = t->epoch_seconds * 1000;
            values.utc_offset_minutes = t->utc_offset_minutes;
            return KEFU_OK;
        }
    }
    return KEFU_OK;
}

int read_slots(const char* json, size_t len, reply::slot_values& values) {
    if (json == nullptr) return len == 0 ? KEFU_OK : invalid_argument("slots is NULL but slots_len is not 0");
    if (const int status = check_event_size(len); status != KEFU_OK) return status;
    const nlohmann::json j = nlohmann::json::parse(std::string_view(json, len), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return invalid_argument("slots: expected a JSON object");
    for (const auto& [name, value] : j.items())
        if (const int status = read_slot(name, value, values); status != KEFU_OK) return status;
    return KEFU_OK;
}

}  // namespace

extern "C" {

int kefu_template_render(kefu_string** out, const kefu_model* model, const char* key, const char* style,
                         const char* slots_json, size_t slots_len, unsigned variant) {
    return guarded([&] {
        if (out == nullptr || model == nullptr || key == nullptr) return invalid_argument("out, model or key is NULL");
        *out = nullptr;
        const auto wanted = style == nullptr || *style == '\0' ? std::optional(reply::reply_style::any)
                                                                : reply::style_from(style);
        if (!wanted) return invalid_argument(std::string("unknown style '") + style + "' (short, detailed, warm, formal)");
        reply::slot_values values;
        if (const int status = read_slots(slots_json, slots_len, values); status != KEFU_OK) return status;
        const auto& templates = model->value->rules().templates;
        if (reply::variants_of(templates, key, reply::reply_style::any).empty())
            return kefu::detail::set_last_error(KEFU_ENOTFOUND, "no template '" + std::string(key) + "'");
        const auto usable = reply::fillable_variants(templates, key, *wanted, values);
        if (usable.empty())
            return invalid_argument("no variant of '" + std::string(key) + "' can be filled with the slots given");
        const reply::reply_template& chosen = *usable[variant % usable.size()];
        return new_json_string(out, {{"text", reply::fill_slots(chosen.text, values)},
                                     {"template", chosen.key},
                                     {"style", reply::style_name(chosen.style)},
                                     {"variants", usable.size()}});
    });
}

}  // extern "C"

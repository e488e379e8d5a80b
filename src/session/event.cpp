#include "session/event.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>

#include "core/iso_time.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail::session {
namespace {

constexpr std::array<std::string_view, 14> type_names = {
    "message",   "agent_reply",       "order_created",    "order_paid",  "order_closed",   "shipped", "delivered",
    "receipt_confirmed", "return_requested", "call_result", "customer_facts", "tick", "shipment_delayed", "policy"};

[[noreturn]] void bad_event(const std::string& why) { throw kefu::error(KEFU_EPARSE, "event: " + why); }

// A text field; order ids may be given as numbers. At most `limit` bytes.
std::string string_field(const nlohmann::json& j, const char* name, bool required,
                         std::size_t limit = max_field_bytes) {
    const auto it = j.find(name);
    if (it == j.end()) {
        if (required) bad_event(std::string("missing \"") + name + "\"");
        return {};
    }
    if (it->is_string()) {
        if (it->get_ref<const std::string&>().size() > limit)
            bad_event(std::string("\"") + name + "\" is longer than " + std::to_string(limit) + " bytes");
        return it->get<std::string>();
    }
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());  // order ids given as numbers
    bad_event(std::string("\"") + name + "\" must be a string");
}

std::uint32_t count_field(const nlohmann::json& j, const char* name) {
    const auto it = j.find(name);
    if (it == j.end()) return 0;
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 1000000)
        bad_event(std::string("\"") + name + "\" must be a count");
    return static_cast<std::uint32_t>(it->get<std::int64_t>());
}

// A time field: ISO-8601 with an offset, or milliseconds since the epoch
// (then the offset stays as it is).
void read_instant(const nlohmann::json& j, const char* name, std::int64_t& ms, std::int32_t& offset_minutes) {
    const auto it = j.find(name);
    const std::string field = std::string("\"") + name + "\"";
    if (it->is_number_integer()) {
        ms = it->get<std::int64_t>();
        if (ms < min_time_ms || ms > max_time_ms) bad_event(field + " is outside the years 0000..9999");
        return;
    }
    if (!it->is_string()) bad_event(field + " must be ISO-8601 or milliseconds since the epoch");
    const auto t = parse_iso_time(it->get<std::string>());
    if (!t) bad_event(field + " is not ISO-8601 with an offset: " + it->get<std::string>());
    // The same range as for milliseconds: "9999-12-31T23:59:59-10:00" is in
    // the year 10000 (UTC), where advance() could never reach its timers.
    ms = t->epoch_seconds * 1000;
    if (ms < min_time_ms || ms > max_time_ms) bad_event(field + " is outside the years 0000..9999");
    offset_minutes = t->utc_offset_minutes;
}

void read_time(const nlohmann::json& j, event& out) {
    if (!j.contains("time")) bad_event("missing \"time\"");
    read_instant(j, "time", out.time_ms, out.utc_offset_minutes);
}

void read_amount(const nlohmann::json& j, event& out) {
    const auto it = j.find("amount");
    if (it == j.end()) return;
    if (!it->is_number()) bad_event("\"amount\" must be a number");
    out.amount = it->get<double>();
}

void read_new_date(const nlohmann::json& j, event& out) {
    if (j.contains("new_date")) {
        std::int32_t ignored_offset = 0;
        read_instant(j, "new_date", out.new_date_ms, ignored_offset);
    } else if (out.type == event_type::shipment_delayed) {
        bad_event("shipment_delayed needs \"new_date\"");
    }
}

// Policies are {"flow": {"policy": value}} with plain values. Deeper JSON is
// refused before dump(), which recurses once per level: a million nested
// objects would overflow the stack.
void read_policies(const nlohmann::json& j, event& out) {
    const auto it = j.find("policies");
    if (it == j.end() || !it->is_object()) bad_event("a policy event needs a \"policies\" object");
    for (const auto& [flow, values] : it->items()) {
        if (values.is_array()) bad_event("the policies of " + flow + " must be an object");
        if (values.is_object())
            for (const auto& [name, value] : values.items())
                if (value.is_structured())
                    bad_event("the policy " + flow + "." + name + " must be a number, text, flag or null");
    }
    out.policies_json = it->dump();
}

}  // namespace

std::string_view event_type_name(event_type type) noexcept { return type_names[static_cast<std::size_t>(type)]; }

std::optional<event_type> event_type_from(std::string_view name) noexcept {
    for (std::size_t i = 0; i < type_names.size(); ++i)
        if (type_names[i] == name) return static_cast<event_type>(i);
    return std::nullopt;
}

event parse_event(std::string_view json_line) {
    const nlohmann::json j = nlohmann::json::parse(json_line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) bad_event("not a JSON object");
    event out;
    out.session = string_field(j, "session", false);
    const std::string type = string_field(j, "type", true);
    const auto t = event_type_from(type);
    if (!t) bad_event("unknown type \"" + type + "\"");
    out.type = *t;
    read_time(j, out);
    const bool has_text = out.type == event_type::message || out.type == event_type::agent_reply;
    // The text is as long as the event allows; the session analyses up to
    // KEFU_DEFAULT_MAX_TEXT_BYTES of it and keeps 1 KiB.
    out.text = string_field(j, "text", has_text, SIZE_MAX);
    out.order = string_field(j, "order", false);
    out.reason = string_field(j, "reason", false);
    out.courier = string_field(j, "courier", false);
    out.tracking = string_field(j, "tracking", false);
    out.result = string_field(j, "result", out.type == event_type::call_result);
    read_amount(j, out);
    read_new_date(j, out);
    if (out.type == event_type::policy) read_policies(j, out);
    out.facts = {count_field(j, "orders"), count_field(j, "brand_repurchases"), count_field(j, "returns"),
                 count_field(j, "tenure_days")};
    return out;
}

}  // namespace kefu::detail::session

#include "entity/entity_json.hpp"

#include "core/iso_time.hpp"

namespace kefu::detail::entity {

namespace {

void add_money_fields(const entity& e, nlohmann::json& j) {
    if (e.is_range) {
        j["min"] = e.min;
        j["max"] = e.max;
    } else {
        j["value"] = e.value;
    }
    j["unit"] = e.unit;
    if (e.approx) j["approx"] = true;
}

// Only the fields a kind has: a threshold ("满300减50") and its currency,
// the item an nth-item offer counts to ("第二件半价").
void add_discount_fields(const entity& e, nlohmann::json& j) {
    j["kind"] = kind_name(e.kind);
    if (e.has_value) j["value"] = e.value;
    if (e.kind == discount_kind::threshold) j["threshold"] = e.threshold;
    if (e.kind == discount_kind::nth_item) j["n"] = e.nth;
    if (e.kind == discount_kind::amount_off || e.kind == discount_kind::threshold) j["unit"] = "CNY";
}

void add_duration_fields(const entity& e, nlohmann::json& j) {
    j["value"] = e.seconds;
    j["seconds"] = e.seconds;
    j["unit"] = "s";
    if (e.approx) j["approx"] = true;
}

// A time that could not be placed on the calendar keeps its grain and
// relation, without a value.
void add_time_fields(const entity& e, nlohmann::json& j) {
    if (e.resolved) {
        j["value"] = format_iso_time(e.epoch_seconds, e.utc_offset_minutes);
        j["timestamp"] = e.epoch_seconds;
    }
    j["grain"] = grain_name(e.grain);
    if (e.relation != time_relation::at) j["relation"] = relation_name(e.relation);
}

void add_typed_fields(const entity& e, nlohmann::json& j) {
    switch (e.type) {
        case entity_type::money: add_money_fields(e, j); break;
        case entity_type::discount: add_discount_fields(e, j); break;
        case entity_type::duration: add_duration_fields(e, j); break;
        case entity_type::time: add_time_fields(e, j); break;
        case entity_type::quantity:
            j["value"] = e.value;
            j["unit"] = e.unit;
            break;
        case entity_type::tracking_number:
            j["value"] = e.canonical;
            if (!e.courier.empty()) j["courier"] = e.courier;
            break;
        case entity_type::attribute:
            j["value"] = e.canonical;
            j["kind"] = e.unit;
            break;
        default: j["value"] = e.canonical; break;
    }
}

}  // namespace

nlohmann::json to_json(const entity& e, std::string_view original) {
    nlohmann::json j;
    j["type"] = type_name(e.type);
    j["text"] = std::string(original.substr(e.start, e.stop - e.start));  // invalid UTF-8 is replaced when dumped
    j["start"] = e.start;
    j["end"] = e.stop;
    if (e.masked) {
        j["masked"] = true;  // an anonymised log's placeholder: no value to give
        if (!e.unit.empty()) j["unit"] = e.unit;
        return j;
    }
    add_typed_fields(e, j);
    return j;
}

nlohmann::json to_json(const std::vector<entity>& entities, std::string_view original) {
    nlohmann::json list = nlohmann::json::array();
    for (const entity& e : entities) list.push_back(to_json(e, original));
    return list;
}

}  // namespace kefu::detail::entity

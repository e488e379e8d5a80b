#include "reply/templates.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace kefu::detail::reply {
namespace {

constexpr std::string_view style_names[] = {"any", "short", "detailed", "warm", "formal"};

struct slot_spec {
    std::string_view name;
    slot_format format;
};

constexpr slot_spec slots[] = {
    {"price", slot_format::money},       {"floor_offer", slot_format::money}, {"coupon", slot_format::money},
    {"amount", slot_format::money},      {"deadline", slot_format::date_time}, {"new_date", slot_format::date_time},
    {"order", slot_format::text},        {"courier", slot_format::text},      {"tracking", slot_format::text},
    {"gift", slot_format::text},         {"reason", slot_format::text},
};

std::string money_text(double yuan) {
    char buffer[32];
    const double cents = std::round(yuan * 100);
    if (std::fmod(cents, 100) == 0) std::snprintf(buffer, sizeof buffer, "¥%.0f", cents / 100);
    else std::snprintf(buffer, sizeof buffer, "¥%.2f", cents / 100);
    return buffer;
}

std::string date_time_text(std::int64_t ms, std::int32_t offset_minutes) {
    namespace chr = std::chrono;
    const chr::sys_seconds local{chr::seconds{ms / 1000 + std::int64_t{offset_minutes} * 60}};
    const auto day = chr::floor<chr::days>(local);
    const chr::year_month_day ymd{day};
    const chr::hh_mm_ss hms{local - day};
    char buffer[48];
    if (hms.hours().count() == 0 && hms.minutes().count() == 0)
        std::snprintf(buffer, sizeof buffer, "%u月%u日", unsigned(ymd.month()), unsigned(ymd.day()));
    else
        std::snprintf(buffer, sizeof buffer, "%u月%u日 %02d:%02d", unsigned(ymd.month()), unsigned(ymd.day()),
                      int(hms.hours().count()), int(hms.minutes().count()));
    return buffer;
}

std::string value_of(std::string_view slot, const slot_values& values) {
    const std::string name(slot);
    if (const auto it = values.money.find(name); it != values.money.end()) return money_text(it->second);
    if (const auto it = values.time_ms.find(name); it != values.time_ms.end())
        return date_time_text(it->second, values.utc_offset_minutes);
    if (const auto it = values.text.find(name); it != values.text.end()) return it->second;
    return "{" + name + "}";
}

}  // namespace

std::string_view style_name(reply_style style) noexcept { return style_names[static_cast<std::size_t>(style)]; }

std::optional<reply_style> style_from(std::string_view name) noexcept {
    for (std::size_t i = 0; i < std::size(style_names); ++i)
        if (style_names[i] == name) return static_cast<reply_style>(i);
    return std::nullopt;
}

std::optional<slot_format> slot_format_of(std::string_view slot) noexcept {
    for (const slot_spec& s : slots)
        if (s.name == slot) return s.format;
    return std::nullopt;
}

std::string check_template_text(std::string_view text) {
    if (text.empty()) return "a template needs text";
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '}') return "'}' without '{'";
        if (text[i] != '{') continue;
        const std::size_t close = text.find('}', i);
        if (close == std::string_view::npos) return "'{' without '}'";
        const std::string_view slot = text.substr(i + 1, close - i - 1);
        if (!slot_format_of(slot)) {
            std::string known;
            for (const slot_spec& s : slots) known += (known.empty() ? "" : ", ") + std::string(s.name);
            return "unknown slot {" + std::string(slot) + "} (known: " + known + ")";
        }
        i = close;
    }
    return {};
}

std::string fill_slots(std::string_view text, const slot_values& values) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
        if (close == std::string_view::npos) {
            out.push_back(text[i]);
            continue;
        }
        out += value_of(text.substr(i + 1, close - i - 1), values);
        i = close;
    }
    return out;
}

std::vector<const reply_template*> variants_of(const std::vector<reply_template>& templates, std::string_view key,
                                              reply_style style) {
    std::vector<const reply_template*> out;
    for (reply_style wanted : {style, reply_style::any}) {
        for (const reply_template& t : templates)
            if (t.key == key && t.style == wanted) out.push_back(&t);
        if (!out.empty()) return out;
    }
    for (const reply_template& t : templates)
        if (t.key == key) out.push_back(&t);
    return out;
}

std::uint64_t template_hash(const reply_template& t) noexcept {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a: stable across runs, stored in session blobs
    for (unsigned char c : t.text) h = (h ^ c) * 1099511628211ull;
    return h;
}

const reply_template* rotate(const std::vector<const reply_template*>& variants, const std::vector<std::uint64_t>& used) {
    if (variants.empty()) return nullptr;
    const reply_template* least_recent = variants.front();
    std::size_t least_recent_position = SIZE_MAX;
    for (const reply_template* t : variants) {
        const auto it = std::find(used.rbegin(), used.rend(), template_hash(*t));
        if (it == used.rend()) return t;  // never sent in this session
        const auto position = static_cast<std::size_t>(used.rend() - it);  // larger = more recent
        if (least_recent_position == SIZE_MAX || position < least_recent_position) {
            least_recent_position = position;
            least_recent = t;
        }
    }
    return least_recent;
}

namespace {

bool fillable(const reply_template& t, const slot_values& v) {
    return fill_slots(t.text, v).find('{') == std::string::npos;
}

void keep_most_specific(std::vector<const reply_template*>& variants) {
    const auto slots_used = [](const reply_template* t) { return std::count(t->text.begin(), t->text.end(), '{'); };
    std::ptrdiff_t most = 0;
    for (const reply_template* t : variants) most = std::max(most, slots_used(t));
    variants.erase(std::remove_if(variants.begin(), variants.end(),
                                  [&](const reply_template* t) { return slots_used(t) < most; }),
                   variants.end());
}

}  // namespace

std::vector<const reply_template*> fillable_variants(const std::vector<reply_template>& templates,
                                                     std::string_view key, reply_style style,
                                                     const slot_values& values) {
    std::vector<const reply_template*> usable;
    for (const reply_template* t : variants_of(templates, key, style))
        if (fillable(*t, values)) usable.push_back(t);
    if (usable.empty())
        for (const reply_template& t : templates)
            if (t.key == key && fillable(t, values)) usable.push_back(&t);
    keep_most_specific(usable);
    return usable;
}

}  // namespace kefu::detail::reply

// Reply templates (话术): keyed texts with slots, in variants per customer
// style, rendered with the session's facts (docs/TEMPLATES.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::detail::reply {

// The four styles a profile's strategy asks for; `any` serves all of them.
enum class reply_style : std::uint8_t { any, short_direct, detailed, warm, formal };

std::string_view style_name(reply_style style) noexcept;  // "short", "detailed", "warm", "formal", "any"
std::optional<reply_style> style_from(std::string_view name) noexcept;

struct reply_template {
    std::string key;  // "intent.greeting", "bargain.ultimatum_offer"
    reply_style style = reply_style::any;
    std::string text;  // with {slot} placeholders
    std::string location;  // file:line
};

// The slots a template may use, and how each is formatted.
enum class slot_format : std::uint8_t { money, date_time, text };
std::optional<slot_format> slot_format_of(std::string_view slot) noexcept;

// Checks a template text: balanced braces, known slots. Returns an error
// message, or "" when the text is fine.
std::string check_template_text(std::string_view text);

// Values for a rendering: money in yuan, times as local ISO-8601 or
// milliseconds, texts as they are.
struct slot_values {
    std::map<std::string, std::string> text;
    std::map<std::string, double> money;
    std::map<std::string, std::int64_t> time_ms;  // formatted in utc_offset_minutes
    std::int32_t utc_offset_minutes = 8 * 60;
};

// Fills the slots: money "¥59" / "¥59.90", times "11月23日 18:00" (the
// time is left out at midnight). A slot without a value stays visible as
// "{slot}" so that a missing fact is noticed, never silently dropped.
std::string fill_slots(std::string_view text, const slot_values& values);

// The variants of `key` for `style` (falling back to `any`, then to any
// style), in source order.
std::vector<const reply_template*> variants_of(const std::vector<reply_template>& templates, std::string_view key,
                                              reply_style style);

// The variants of `key` whose slots `values` can all fill: the asked style's,
// or when none of those can be filled, any style's; of those, the ones that
// use the most slots (a reply with the tracking number beats the generic one
// once the number is known). Empty when no variant can be filled.
std::vector<const reply_template*> fillable_variants(const std::vector<reply_template>& templates,
                                                     std::string_view key, reply_style style,
                                                     const slot_values& values);

// Picks a variant not used yet in the session: `used` holds hashes of the
// texts already sent; when all were used, the least recently used one.
const reply_template* rotate(const std::vector<const reply_template*>& variants, const std::vector<std::uint64_t>& used);

std::uint64_t template_hash(const reply_template& t) noexcept;

}  // namespace kefu::detail::reply

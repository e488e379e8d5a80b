// Entities: the typed facts inside a customer message (a price, a discount,
// a deadline, an order number...), found on the normalised text and pointing
// back to byte ranges of the caller's original text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kefu::detail::entity {

// Numbering is part of the C ABI (KEFU_ENTITY_*): append only.
enum class entity_type : std::uint8_t {
    money,
    discount,
    duration,
    time,
    order_number,
    tracking_number,
    item_number,
    phone,
    quantity,
    size,
    colour,
    courier,
    attribute,
};
inline constexpr std::size_t entity_type_count = 13;

enum class discount_kind : std::uint8_t { none, factor, amount_off, threshold, round_off, nth_item };
enum class time_grain : std::uint8_t { none, minute, hour, day, week, month, year };
enum class time_relation : std::uint8_t { at, before, after };

// One entity. A flat record rather than a variant: the C ABI reads its
// fields one by one, and most types use two or three of them.
struct entity {
    entity_type type = entity_type::money;
    std::uint32_t begin = 0, end = 0;  // normalised characters [begin, end)
    std::uint32_t start = 0, stop = 0;  // bytes of the original text [start, stop)

    // money, quantity, discount (factor or amount), the number of a size
    double value = 0;
    double min = 0, max = 0;  // a money range ("一百到一百五"): value is unset
    bool has_value = false;
    bool is_range = false;
    bool approx = false;  // "三百多块", "十来天"

    discount_kind kind = discount_kind::none;
    double threshold = 0;  // 满199减30: 199
    std::uint32_t nth = 0;  // 第二件半价: 2

    std::int64_t seconds = 0;  // duration

    // time: a local date-time in the offset of the message's timestamp
    std::int64_t epoch_seconds = 0;
    std::int32_t utc_offset_minutes = 0;
    time_grain grain = time_grain::none;
    time_relation relation = time_relation::at;
    bool resolved = false;  // false when the host gave no timestamp

    // An anonymised log's placeholder ("[电话x]", "[金额x]"): the entity is
    // there but its value was masked, so has_value is false and canonical empty.
    bool masked = false;

    std::string canonical;  // digits of an id, "XL", "藏青色", courier code, attribute word
    std::string unit;       // "CNY", a classifier such as "件", "s"
    std::string courier;    // tracking numbers: the courier the prefix names
};

std::string_view type_name(entity_type type) noexcept;
std::string_view kind_name(discount_kind kind) noexcept;
std::string_view grain_name(time_grain grain) noexcept;
std::string_view relation_name(time_relation relation) noexcept;

}  // namespace kefu::detail::entity

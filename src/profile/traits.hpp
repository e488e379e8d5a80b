// The customer types a shop agent learns to read (personality and purchase
// behaviour), mood dimensions and complaint motives: names and order.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kefu::detail::profile {

// Every scored trait, in one numbering: six personality types, six purchase
// behaviours, three complaint motives. The numbers are stored in session
// blobs: append only.
enum class trait : std::uint8_t {
    decisive, aloof, self_centred, friendly, difficult, analytical,
    impulsive, undecided, price_driven, rational, emotional, habitual,
    solve, vent, compensation,
};
inline constexpr std::size_t trait_count = 15;

enum class trait_family : std::uint8_t { personality, behaviour, complaint_motive };

trait_family family_of(trait t) noexcept;
std::string_view trait_name(trait t) noexcept;
std::optional<trait> trait_from(std::string_view name) noexcept;

// The traits of one family, in order.
struct trait_range {
    std::uint8_t first, last;  // [first, last]
};
trait_range traits_of(trait_family family) noexcept;
std::string_view family_name(trait_family family) noexcept;

}  // namespace kefu::detail::profile
